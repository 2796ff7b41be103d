package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
)

// The coordinator's API tokens: a list with a revoke button per active
// token, and a form to make one. A new token is shown once, on the answer
// to the form, and is never stored, logged or shown again: the database
// keeps its SHA-256 only.

// tokenRoutes registers the token pages on the /admin group, which lets
// only coordinators through.
func (s *Server) tokenRoutes(admin *gin.RouterGroup) {
	admin.GET("/tokens", s.tokensPage)
	admin.POST("/tokens", s.createToken)
	admin.POST("/tokens/:id/revoke", s.revokeToken)
}

type tokensPage struct {
	basePage
	Tokens []tokenRow
	Scopes []scopeOption
	Name   string
	Errors map[string]string
	// Plain is the token just made, shown on this answer only; PlainName
	// is its name.
	Plain     string
	PlainName string
}

type tokenRow struct {
	ID       int64
	Name     string
	Scopes   []string
	Owner    string
	Created  string
	LastUsed string
	Status   string
	Active   bool
}

type scopeOption struct {
	Value   string
	Label   string
	Hint    string
	Checked bool
}

func scopeLabel(l *locales.Localizer, sc accounts.Scope) string {
	switch sc {
	case accounts.ScopeRead:
		return l.T("accounts.tokens.scope.read")
	case accounts.ScopeWriteRegistry:
		return l.T("accounts.tokens.scope.write_registry")
	case accounts.ScopeMentoring:
		return l.T("accounts.tokens.scope.mentoring")
	}
	return string(sc)
}

func scopeHint(l *locales.Localizer, sc accounts.Scope) string {
	switch sc {
	case accounts.ScopeRead:
		return l.T("accounts.tokens.scope.read_hint")
	case accounts.ScopeWriteRegistry:
		return l.T("accounts.tokens.scope.write_registry_hint")
	case accounts.ScopeMentoring:
		return l.T("accounts.tokens.scope.mentoring_hint")
	}
	return ""
}

// newTokensPage lists every token, newest first, beside the form filled
// with name and checked.
func (s *Server) newTokensPage(c *gin.Context, name string, checked []string) (tokensPage, error) {
	ctx := c.Request.Context()
	l := localizer(c)
	p := tokensPage{basePage: s.base(c, l.T("accounts.tokens.title")), Name: name}
	for _, sc := range accounts.Scopes {
		p.Scopes = append(p.Scopes, scopeOption{Value: string(sc), Label: scopeLabel(l, sc), Hint: scopeHint(l, sc),
			Checked: slices.Contains(checked, string(sc))})
	}
	tokens, err := s.svc.APITokens.FindAPITokens(ctx)
	if err != nil {
		return p, err
	}
	owners := map[int64]string{}
	for _, t := range tokens {
		owner, ok := owners[t.UserID]
		if !ok {
			u, err := s.svc.Users.FindUserByID(ctx, t.UserID)
			switch {
			case err == nil:
				owner = u.Name + " (" + u.Email + ")"
			case broen.ErrorCode(err) != broen.ENOTFOUND:
				return p, err
			}
			owners[t.UserID] = owner
		}
		row := tokenRow{ID: t.ID, Name: t.Name, Owner: owner, Created: l.DateTime(t.CreatedAt.In(localZone)),
			LastUsed: l.T("accounts.tokens.never"), Status: l.T("accounts.tokens.status.active"), Active: t.RevokedAt.IsZero()}
		for _, sc := range t.Scopes {
			row.Scopes = append(row.Scopes, scopeLabel(l, sc))
		}
		if !t.LastUsedAt.IsZero() {
			row.LastUsed = l.DateTime(t.LastUsedAt.In(localZone))
		}
		if !row.Active {
			row.Status = l.T("accounts.tokens.status.revoked", "When", l.DateTime(t.RevokedAt.In(localZone)))
		}
		p.Tokens = append(p.Tokens, row)
	}
	return p, nil
}

func (s *Server) tokensPage(c *gin.Context) {
	p, err := s.newTokensPage(c, "", nil)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.render(c, http.StatusOK, "tokens", &p)
}

// createToken makes a token for the signed-in coordinator and shows it
// once. The answer must not be cached: it holds the token.
func (s *Server) createToken(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	name := strings.TrimSpace(c.PostForm("name"))
	checked := c.PostFormArray("scope")
	plain, hash, err := accounts.NewToken()
	if err != nil {
		_ = c.Error(err)
		return
	}
	t := &accounts.APIToken{Name: name, Hash: hash, UserID: currentUser(c).ID, CreatedAt: s.Now().UTC()}
	for _, sc := range checked {
		t.Scopes = append(t.Scopes, accounts.Scope(sc))
	}
	if err := s.svc.APITokens.CreateAPIToken(ctx, t); err != nil {
		if broen.ErrorCode(err) != broen.EINVALID {
			_ = c.Error(err)
			return
		}
		p, perr := s.newTokensPage(c, name, checked)
		if perr != nil {
			_ = c.Error(perr)
			return
		}
		p.Errors = localizeFields(l, err)
		if len(p.Errors) == 0 {
			p.Errors = map[string]string{"name": l.T(publicError(err).MessageID)}
		}
		s.render(c, http.StatusUnprocessableEntity, "tokens", &p)
		return
	}
	scopes := make([]string, len(t.Scopes))
	for i, sc := range t.Scopes {
		scopes[i] = string(sc)
	}
	s.audit(c, "api_token.create", "api_token", t.ID, "scopes="+strings.Join(scopes, ","))
	p, err := s.newTokensPage(c, "", nil)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Plain, p.PlainName = plain, t.Name
	c.Header("Cache-Control", "no-store")
	s.render(c, http.StatusCreated, "tokens", &p)
}

// revokeToken revokes a token for good.
func (s *Server) revokeToken(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	if err := s.svc.APITokens.RevokeAPIToken(c.Request.Context(), id, s.Now().UTC()); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "api_token.revoke", "api_token", id, "")
	s.flash(c, "accounts.tokens.revoked")
	c.Redirect(http.StatusSeeOther, "/admin/tokens")
}
