package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/notify"
	"broen/registry"
)

type accountPage struct {
	basePage
	Me   *accounts.User
	Role string
	Orgs []*registry.Organisation
}

func (s *Server) accountPage(c *gin.Context) {
	l := localizer(c)
	u := currentUser(c)
	p := accountPage{basePage: s.base(c, l.T("accounts.account.title")), Me: u, Role: l.T("accounts.role." + string(u.Role))}
	for _, id := range u.OrganisationIDs {
		o, err := s.svc.Organisations.FindOrganisationByID(c.Request.Context(), id)
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.Orgs = append(p.Orgs, o)
	}
	s.render(c, http.StatusOK, "account", &p)
}

type inviteForm struct {
	Email          string
	Name           string
	Role           string
	OrganisationID string
	Locale         string // the language of their emails and pages
}

type invitePage struct {
	basePage
	Form      inviteForm
	Errors    map[string]string
	Orgs      []option
	CanChoose bool // coordinators choose the role
	Roles     []option
	Locales   []option
}

// invitableOrgs are the organisations u may invite editors to.
func (s *Server) invitableOrgs(c *gin.Context, u *accounts.User) ([]*registry.Organisation, error) {
	ctx := c.Request.Context()
	if !u.IsCoordinator() {
		var out []*registry.Organisation
		for _, id := range u.OrganisationIDs {
			o, err := s.svc.Organisations.FindOrganisationByID(ctx, id)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, nil
	}
	var out []*registry.Organisation
	for _, st := range []registry.Status{registry.StatusApproved, registry.StatusPending} {
		for offset := 0; ; offset += registry.MaxPageSize {
			page, total, err := s.svc.Organisations.FindOrganisations(ctx, registry.OrganisationFilter{Status: &st, Limit: registry.MaxPageSize, Offset: offset})
			if err != nil {
				return nil, err
			}
			out = append(out, page...)
			if offset+len(page) >= total || len(page) == 0 {
				break
			}
		}
	}
	return out, nil
}

func (s *Server) newInvitePage(c *gin.Context, l *locales.Localizer, form inviteForm) (invitePage, error) {
	u := currentUser(c)
	p := invitePage{basePage: s.base(c, l.T("accounts.invite.title")), Form: form, CanChoose: u.IsCoordinator()}
	orgs, err := s.invitableOrgs(c, u)
	if err != nil {
		return p, err
	}
	for _, o := range orgs {
		v := strconv.FormatInt(o.ID, 10)
		p.Orgs = append(p.Orgs, option{v, o.Name, form.OrganisationID == v})
	}
	// Volunteer accounts are made from a volunteer's record, linked to it
	// (/mentoring/volunteers/:id/invite), never here.
	for _, r := range []accounts.Role{accounts.RoleCoordinator, accounts.RoleEditor} {
		p.Roles = append(p.Roles, option{string(r), l.T("accounts.role." + string(r)), form.Role == string(r)})
	}
	chosen := form.Locale
	if chosen == "" {
		chosen = l.Lang
	}
	for _, code := range locales.Supported {
		p.Locales = append(p.Locales, option{code, l.T("web.lang." + code), code == chosen})
	}
	return p, nil
}

func (s *Server) inviteForm(c *gin.Context) {
	l := localizer(c)
	p, err := s.newInvitePage(c, l, inviteForm{Role: string(accounts.RoleEditor), OrganisationID: c.Query("organisation")})
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.render(c, http.StatusOK, "invite", &p)
}

// invite creates an account without a password and emails a single-use link
// to set one. Coordinators may invite coordinators and editors of any
// organisation; editors may invite editors of their own organisations.
func (s *Server) invite(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	me := currentUser(c)
	form := inviteForm{Email: strings.TrimSpace(c.PostForm("email")), Name: strings.TrimSpace(c.PostForm("name")),
		Role: c.PostForm("role"), OrganisationID: c.PostForm("organisation_id"), Locale: c.PostForm("locale")}
	if !me.IsCoordinator() {
		form.Role = string(accounts.RoleEditor)
	}
	nu := &accounts.User{Email: form.Email, Name: form.Name, Role: accounts.Role(form.Role), Locale: form.Locale}
	if nu.Locale == "" {
		nu.Locale = l.Lang
	}
	fe := broen.FieldErrors{}
	if nu.Role == accounts.RoleVolunteer {
		// A volunteer's account is made from their record, which it is
		// linked to (/mentoring/volunteers/{id}); this page makes staff.
		fe.Add("role", "validation.choice")
	}
	if form.OrganisationID != "" {
		id, err := strconv.ParseInt(form.OrganisationID, 10, 64)
		if err != nil || id <= 0 {
			fe.Add("organisation_id", "validation.choice")
		} else if !me.CanEditOrganisation(id) {
			_ = c.Error(&broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"})
			return
		} else {
			nu.OrganisationIDs = []int64{id}
		}
	}
	err := fe.Err()
	if err == nil {
		err = s.svc.Users.CreateUser(ctx, nu)
	}
	if err != nil {
		if e := broen.AsError(err); e != nil && (e.Code == broen.EINVALID || e.Code == broen.ECONFLICT) {
			p, perr := s.newInvitePage(c, l, form)
			if perr != nil {
				_ = c.Error(perr)
				return
			}
			p.Errors = localizeFields(l, err)
			if len(p.Errors) == 0 {
				p.Errors = map[string]string{"email": l.T(publicError(err).MessageID)}
			}
			s.render(c, statusOf(e.Code), "invite", &p)
			return
		}
		_ = c.Error(err)
		return
	}
	link, expires, err := s.newLink(c, nu.ID, accounts.PurposeInvitation, invitationTTL, "/invitation")
	if err != nil {
		_ = c.Error(err)
		return
	}
	orgName := ""
	if len(nu.OrganisationIDs) > 0 {
		if o, err := s.svc.Organisations.FindOrganisationByID(ctx, nu.OrganisationIDs[0]); err == nil {
			orgName = o.Name
		}
	}
	// The invitation is written in the language chosen for the person.
	if err := s.svc.Mailer.Send(ctx, notify.Invitation(locales.New(s.bundle, nu.Locale), nu.Email, me.Name, orgName, link, expires)); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "user.invite", "user", nu.ID, "role="+string(nu.Role)+" organisations="+form.OrganisationID)
	s.flash(c, "accounts.invite.sent")
	c.Redirect(http.StatusSeeOther, "/account")
}

type auditPage struct {
	basePage
	pager
	Entries    []*accounts.AuditEntry
	Total      int
	ObjectType string
	ObjectID   string
	UserID     string
}

const auditPerPage = 50

// auditPage lists the audit log, newest first, for one object or one
// person when asked.
func (s *Server) auditPage(c *gin.Context) {
	l := localizer(c)
	p := auditPage{basePage: s.base(c, l.T("accounts.audit.title")),
		ObjectType: c.Query("object_type"), ObjectID: c.Query("object_id"), UserID: c.Query("user_id")}
	var f accounts.AuditFilter
	fe := broen.FieldErrors{}
	if p.ObjectType != "" {
		f.ObjectType = &p.ObjectType
	}
	for _, x := range []struct {
		field string
		v     string
		dst   **int64
	}{{"object_id", p.ObjectID, &f.ObjectID}, {"user_id", p.UserID, &f.UserID}} {
		if x.v == "" {
			continue
		}
		n, err := strconv.ParseInt(x.v, 10, 64)
		if err != nil || n <= 0 {
			fe.Add(x.field, "validation.number")
			continue
		}
		*x.dst = &n
	}
	page := 1
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			fe.Add("page", "validation.page")
		} else {
			page = n
		}
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	f.Limit, f.Offset = auditPerPage, (page-1)*auditPerPage
	entries, total, err := s.svc.Audit.FindAuditEntries(c.Request.Context(), f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Entries, p.Total = entries, total
	q := c.Request.URL.Query()
	p.pager = newPager(page, total, auditPerPage, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/admin/audit?" + q.Encode()
	})
	s.render(c, http.StatusOK, "audit", &p)
}
