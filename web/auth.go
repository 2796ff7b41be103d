package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/notify"
)

const (
	sessUserID = "user_id"
	sessFlash  = "flash"
	ctxUser    = "broen.user"

	// How long emailed links work.
	resetTTL      = time.Hour
	invitationTTL = 7 * 24 * time.Hour
)

// loadUser puts the signed-in user, if any, on the request. A session whose
// user was disabled or removed is ended.
func (s *Server) loadUser(c *gin.Context) {
	ctx := c.Request.Context()
	if id := s.sessions.GetInt64(ctx, sessUserID); id > 0 && s.svc.Users != nil {
		u, err := s.svc.Users.FindUserByID(ctx, id)
		switch {
		case err == nil && !u.Disabled:
			c.Set(ctxUser, u)
		case err == nil || broen.ErrorCode(err) == broen.ENOTFOUND:
			_ = s.sessions.Destroy(ctx)
		default:
			_ = c.Error(err)
			c.Abort()
			return
		}
	}
	c.Next()
}

func currentUser(c *gin.Context) *accounts.User {
	if u, ok := c.Get(ctxUser); ok {
		return u.(*accounts.User)
	}
	return nil
}

// requireUser lets signed-in users through. Others get 401 in JSON, and the
// sign-in page (coming back here afterwards) in HTML.
func (s *Server) requireUser(c *gin.Context) {
	if currentUser(c) != nil {
		c.Next()
		return
	}
	if isAPI(c) {
		_ = c.Error(&broen.Error{Code: broen.EUNAUTHORIZED, MessageID: "error.unauthorized"})
		c.Abort()
		return
	}
	c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request.URL.RequestURI()))
	c.Abort()
}

// requireCoordinator lets only coordinators through (after requireUser).
func (s *Server) requireCoordinator(c *gin.Context) {
	if !currentUser(c).IsCoordinator() {
		_ = c.Error(&broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"})
		c.Abort()
		return
	}
	c.Next()
}

// flash leaves a one-time message (a message ID) for the next page.
func (s *Server) flash(c *gin.Context, msgID string) {
	s.sessions.Put(c.Request.Context(), sessFlash, msgID)
}

// audit records a write in the audit log. A failure to record is logged and
// does not undo the write the person was told succeeded.
func (s *Server) audit(c *gin.Context, action, objectType string, objectID int64, detail string) {
	if s.svc.Audit == nil {
		return
	}
	e := &accounts.AuditEntry{At: s.Now().UTC(), IP: c.ClientIP(), Action: action, ObjectType: objectType,
		ObjectID: objectID, Detail: detail}
	if u := currentUser(c); u != nil {
		e.UserID, e.UserEmail = u.ID, u.Email
	}
	if err := s.svc.Audit.RecordAudit(c.Request.Context(), e); err != nil {
		s.log.Error("audit", "request_id", requestID(c), "action", action, "error", err.Error())
	}
}

// safeNext returns where to go after signing in: a path on this site, never
// another site.
func safeNext(next string) string {
	if !localPath(next) {
		return "/account"
	}
	return next
}

// localPath reports whether s is a path on this site and nothing a browser
// could read as another one: it starts with one slash, and has no
// backslash and no control character (browsers drop tabs and newlines, so
// "/\t/evil.example" would become "//evil.example").
func localPath(s string) bool {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsRune(s, '\\') ||
		strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && strings.HasPrefix(u.Path, "/") &&
		!strings.HasPrefix(u.Path, "//")
}

type loginPage struct {
	basePage
	Email   string
	Next    string
	Problem string // localized message, shown above the form
}

func (s *Server) loginForm(c *gin.Context) {
	if currentUser(c) != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	l := localizer(c)
	p := loginPage{basePage: s.base(c, l.T("accounts.login.title")), Next: c.Query("next")}
	s.render(c, http.StatusOK, "login", &p)
}

func (s *Server) login(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	email := strings.ToLower(strings.TrimSpace(c.PostForm("email")))
	password := c.PostForm("password")
	p := loginPage{basePage: s.base(c, l.T("accounts.login.title")), Email: email, Next: c.PostForm("next")}
	now := time.Now()
	if !s.loginIP.allow("ip:"+c.ClientIP(), now) || email != "" && !s.loginAccount.allow("account:"+email, now) {
		p.Problem = l.T("accounts.login.too_many")
		s.audit(c, "user.login_throttled", "user", 0, "email="+email)
		s.render(c, http.StatusTooManyRequests, "login", &p)
		return
	}
	u, ok := s.checkLogin(ctx, email, password)
	if !ok {
		// The same answer whether the address is unknown or the password wrong.
		p.Problem = l.T("accounts.login.failed")
		s.audit(c, "user.login_failed", "user", 0, "email="+email)
		s.render(c, http.StatusUnauthorized, "login", &p)
		return
	}
	if err := s.signIn(c, u); err != nil {
		_ = c.Error(err)
		return
	}
	if p.Next == "" && u.IsVolunteer() {
		// A volunteer's start page is their own: proposals and pairings.
		p.Next = "/me"
	}
	c.Redirect(http.StatusSeeOther, safeNext(p.Next))
}

// checkLogin returns the user if email and password match an enabled user
// with a password. It spends the same work on an unknown address.
func (s *Server) checkLogin(ctx context.Context, email, password string) (*accounts.User, bool) {
	if email == "" || password == "" || s.svc.Users == nil {
		accounts.CheckDummy(password)
		return nil, false
	}
	u, err := s.svc.Users.FindUserByEmail(ctx, email)
	if err != nil || u.PasswordHash == "" {
		accounts.CheckDummy(password)
		return nil, false
	}
	ok, err := accounts.CheckPassword(u.PasswordHash, password)
	if err != nil || !ok || u.Disabled {
		return nil, false
	}
	if accounts.NeedsRehash(u.PasswordHash) {
		if h, err := accounts.HashPassword(password); err == nil {
			_, _ = s.svc.Users.UpdateUser(ctx, u.ID, accounts.UserUpdate{PasswordHash: &h})
		}
	}
	return u, true
}

// signIn starts a fresh session for u: a new token, so a token planted
// before sign-in is worth nothing after it.
func (s *Server) signIn(c *gin.Context, u *accounts.User) error {
	ctx := c.Request.Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	now := s.Now().UTC()
	if _, err := s.svc.Users.UpdateUser(ctx, u.ID, accounts.UserUpdate{LastLoginAt: &now}); err != nil {
		return err
	}
	c.Set(ctxUser, u)
	s.audit(c, "user.login", "user", u.ID, "")
	return nil
}

func (s *Server) logout(c *gin.Context) {
	if u := currentUser(c); u != nil {
		s.audit(c, "user.logout", "user", u.ID, "")
	}
	if err := s.sessions.Destroy(c.Request.Context()); err != nil {
		_ = c.Error(err)
		return
	}
	s.flash(c, "accounts.logout.done")
	c.Redirect(http.StatusSeeOther, "/")
}

type forgotPage struct {
	basePage
	Email  string
	Sent   bool
	Errors map[string]string
}

func (s *Server) forgotForm(c *gin.Context) {
	l := localizer(c)
	p := forgotPage{basePage: s.base(c, l.T("accounts.forgot.title"))}
	s.render(c, http.StatusOK, "forgot", &p)
}

// forgot sends a reset link if the address belongs to an enabled user, and
// says the same thing either way, so the page does not tell who has an
// account.
func (s *Server) forgot(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	email := strings.ToLower(strings.TrimSpace(c.PostForm("email")))
	p := forgotPage{basePage: s.base(c, l.T("accounts.forgot.title")), Email: email}
	if email == "" {
		p.Errors = map[string]string{"email": l.T("validation.required")}
		s.render(c, http.StatusUnprocessableEntity, "forgot", &p)
		return
	}
	if !s.loginIP.allow("ip:"+c.ClientIP(), time.Now()) {
		p.Errors = map[string]string{"email": l.T("accounts.login.too_many")}
		s.render(c, http.StatusTooManyRequests, "forgot", &p)
		return
	}
	if u, err := s.svc.Users.FindUserByEmail(ctx, email); err == nil && !u.Disabled {
		link, expires, err := s.newLink(c, u.ID, accounts.PurposePasswordReset, resetTTL, "/password/reset")
		if err != nil {
			_ = c.Error(err)
			return
		}
		msg := notify.PasswordReset(locales.New(s.bundle, u.Locale), u.Email, link, expires)
		// A failure is logged, not shown: an error only for registered
		// addresses would tell who has an account.
		if err := s.svc.Mailer.Send(ctx, msg); err != nil {
			s.log.Error("password reset email", "request_id", requestID(c), "user_id", u.ID, "error", err.Error())
		}
		s.audit(c, "user.reset_requested", "user", u.ID, "")
	} else if err != nil && broen.ErrorCode(err) != broen.ENOTFOUND {
		_ = c.Error(err)
		return
	}
	p.Sent = true
	s.render(c, http.StatusOK, "forgot", &p)
}

// newLink stores a single-use token and returns the absolute link that
// carries it. Only the token's hash is stored.
func (s *Server) newLink(c *gin.Context, userID int64, purpose accounts.TokenPurpose, ttl time.Duration, path string) (string, time.Time, error) {
	plain, hash, err := accounts.NewToken()
	if err != nil {
		return "", time.Time{}, err
	}
	now := s.Now().UTC()
	t := &accounts.Token{Hash: hash, Purpose: purpose, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.svc.Tokens.CreateToken(c.Request.Context(), t); err != nil {
		return "", time.Time{}, err
	}
	return s.absoluteURL(c, path+"?token="+url.QueryEscape(plain)), t.ExpiresAt, nil
}

// absoluteURL is path on this site as a full address, for emails.
func (s *Server) absoluteURL(c *gin.Context, path string) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL + path
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}

type passwordPage struct {
	basePage
	Token   string
	Purpose string // "reset" or "invitation"
	Action  string
	Errors  map[string]string
	Problem string // the link cannot be used: expired, used or unknown
}

// passwordForm shows the form to choose a password from an emailed link.
func (s *Server) passwordForm(purpose accounts.TokenPurpose) gin.HandlerFunc {
	return func(c *gin.Context) {
		l := localizer(c)
		p := s.newPasswordPage(c, l, purpose)
		p.Token = c.Query("token")
		// Tell at once when the link cannot be used, before anyone types a
		// password twice; the link is only used up by the POST.
		t, err := s.svc.Tokens.FindToken(c.Request.Context(), accounts.HashToken(p.Token), purpose)
		switch {
		case err == nil && !t.UsedAt.IsZero():
			err = &broen.Error{Code: broen.EINVALID, MessageID: "accounts.token.used"}
		case err == nil && !s.Now().Before(t.ExpiresAt):
			err = &broen.Error{Code: broen.EINVALID, MessageID: "accounts.token.expired"}
		}
		if err != nil {
			e := broen.AsError(err)
			if e == nil || e.Code == broen.EINTERNAL {
				_ = c.Error(err)
				return
			}
			p.Problem = l.T(publicError(err).MessageID)
			s.render(c, statusOf(e.Code), "password", &p)
			return
		}
		s.render(c, http.StatusOK, "password", &p)
	}
}

func (s *Server) newPasswordPage(c *gin.Context, l *locales.Localizer, purpose accounts.TokenPurpose) passwordPage {
	if purpose == accounts.PurposeInvitation {
		return passwordPage{basePage: s.base(c, l.T("accounts.invitation.title")), Purpose: "invitation", Action: "/invitation"}
	}
	return passwordPage{basePage: s.base(c, l.T("accounts.reset.title")), Purpose: "reset", Action: "/password/reset"}
}

// setPassword checks the new password first, so a typo does not burn the
// link, then uses the token (once, atomically), stores the password and
// signs the person in.
func (s *Server) setPassword(purpose accounts.TokenPurpose) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		l := localizer(c)
		p := s.newPasswordPage(c, l, purpose)
		p.Token = c.PostForm("token")
		password, confirm := c.PostForm("password"), c.PostForm("confirm")
		t, err := s.peekUser(ctx, p.Token, purpose)
		if err == nil {
			if verr := accounts.ValidatePassword(password, t.Email); verr != nil {
				p.Errors = localizeFields(l, verr)
			} else if password != confirm {
				p.Errors = map[string]string{"confirm": l.T("accounts.password.mismatch")}
			}
			if p.Errors != nil {
				s.render(c, http.StatusUnprocessableEntity, "password", &p)
				return
			}
		}
		tok, err := s.svc.Tokens.UseToken(ctx, accounts.HashToken(p.Token), purpose, s.Now().UTC())
		if err != nil {
			if e := broen.AsError(err); e != nil && e.Code != broen.EINTERNAL {
				p.Problem = l.T(publicError(err).MessageID)
				s.render(c, statusOf(e.Code), "password", &p)
				return
			}
			_ = c.Error(err)
			return
		}
		hash, err := accounts.HashPassword(password)
		if err != nil {
			_ = c.Error(err)
			return
		}
		u, err := s.svc.Users.UpdateUser(ctx, tok.UserID, accounts.UserUpdate{PasswordHash: &hash})
		if err != nil {
			_ = c.Error(err)
			return
		}
		if err := s.signIn(c, u); err != nil {
			_ = c.Error(err)
			return
		}
		s.audit(c, "user.password_set", "user", u.ID, "purpose="+string(purpose))
		s.flash(c, "accounts.password.saved")
		c.Redirect(http.StatusSeeOther, "/account")
	}
}

// peekUser finds the user a link is for without using it up, so the
// password can be checked against their email first. Any problem with the
// link itself is reported by UseToken afterwards.
func (s *Server) peekUser(ctx context.Context, plain string, purpose accounts.TokenPurpose) (*accounts.User, error) {
	if plain == "" {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: "accounts.token.not_found"}
	}
	t, err := s.svc.Tokens.FindToken(ctx, accounts.HashToken(plain), purpose)
	if err != nil {
		return nil, err
	}
	return s.svc.Users.FindUserByID(ctx, t.UserID)
}
