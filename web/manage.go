package web

import (
	"context"
	"errors"
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

// Organisations register themselves and keep their listings; everything an
// editor writes goes through the moderation queue.

type registerPage struct {
	basePage
	Form orgFormView
	Done bool
}

func (s *Server) registerForm(c *gin.Context) {
	l := localizer(c)
	p := registerPage{basePage: s.base(c, l.T("registry.register.title")), Form: newOrgFormView(l, orgForm{}, nil, true)}
	s.render(c, http.StatusOK, "register", &p)
}

// register lets anyone register an organisation. It waits for the
// coordinator; the person registering gets an invitation to become its
// editor, so they can add activities while they wait.
func (s *Server) register(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseOrgForm(c.Request.PostForm)
	fail := func(err error) {
		p := registerPage{basePage: s.base(c, l.T("registry.register.title"))}
		errs := localizeFields(l, err)
		p.Form = newOrgFormView(l, f, errs, true)
		s.render(c, statusOf(broen.ErrorCode(err)), "register", &p)
	}
	// The person first, so a bad address does not leave an organisation
	// without anyone to look after it. The organisation does not exist yet;
	// a stand-in id lets Validate check everything else about the person.
	person := &accounts.User{Email: f.PersonEmail, Name: f.PersonName, Role: accounts.RoleEditor, Locale: l.Lang,
		OrganisationIDs: []int64{1}}
	person.Normalize()
	if err := person.Validate(); err != nil {
		if e := broen.AsError(err); e != nil {
			fe := broen.FieldErrors{}
			for k, v := range e.Fields {
				fe.Add("person_"+k, v)
			}
			fail(fe.Err())
			return
		}
		_ = c.Error(err)
		return
	}
	existing, err := s.svc.Users.FindUserByEmail(ctx, person.Email)
	if err != nil && broen.ErrorCode(err) != broen.ENOTFOUND {
		_ = c.Error(err)
		return
	}
	o := f.organisation()
	sub, err := s.svc.Moderation.SubmitOrganisation(ctx, o, 0)
	if err != nil {
		if e := broen.AsError(err); e != nil && e.Code != broen.EINTERNAL {
			fail(err)
			return
		}
		_ = c.Error(err)
		return
	}
	s.audit(c, "organisation.register", "organisation", o.ID, "submission="+strconv.FormatInt(sub.ID, 10))
	if existing != nil {
		// Someone who already has an account becomes editor of this one too.
		ids := append(existing.OrganisationIDs, o.ID)
		if _, err := s.svc.Users.UpdateUser(ctx, existing.ID, accounts.UserUpdate{OrganisationIDs: &ids}); err != nil {
			_ = c.Error(err)
			return
		}
	} else {
		person.OrganisationIDs = []int64{o.ID}
		if err := s.svc.Users.CreateUser(ctx, person); err != nil {
			_ = c.Error(err)
			return
		}
		link, expires, err := s.newLink(c, person.ID, accounts.PurposeInvitation, invitationTTL, "/invitation")
		if err != nil {
			_ = c.Error(err)
			return
		}
		if err := s.svc.Mailer.Send(ctx, notify.Invitation(l, person.Email, person.Name, o.Name, link, expires)); err != nil {
			s.log.Error("registration email", "request_id", requestID(c), "error", err.Error())
		}
	}
	p := registerPage{basePage: s.base(c, l.T("registry.register.title")), Done: true}
	s.render(c, http.StatusCreated, "register", &p)
}

// moderationPage is the coordinator's queue.
type moderationPage struct {
	basePage
	pager
	Items []moderationItem
	Total int
}

type moderationItem struct {
	ID        int64
	Kind      string
	Title     string
	New       bool
	Submitted string
	OrgName   string
}

const queuePerPage = 50

func (s *Server) moderationQueue(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	form, _, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		_ = c.Error(err)
		return
	}
	pending := registry.SubmissionPending
	subs, total, err := s.svc.Moderation.FindSubmissions(ctx, registry.SubmissionFilter{Status: &pending,
		Limit: queuePerPage, Offset: (form.Page - 1) * queuePerPage})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := moderationPage{basePage: s.base(c, l.T("registry.moderation.title")), Total: total,
		pager: newPager(form.Page, total, queuePerPage, func(n int) string { return "/admin/moderation?page=" + strconv.Itoa(n) })}
	names := map[int64]string{}
	for _, sub := range subs {
		if _, ok := names[sub.OrganisationID]; !ok {
			if o, err := s.svc.Organisations.FindOrganisationByID(ctx, sub.OrganisationID); err == nil {
				names[sub.OrganisationID] = o.Name
			}
		}
		p.Items = append(p.Items, moderationItem{ID: sub.ID, Kind: l.T("registry.moderation.kind." + string(sub.Kind)),
			Title: sub.Title(l.Lang), New: sub.IsNew(), Submitted: l.DateTime(sub.SubmittedAt.In(localZone)),
			OrgName: names[sub.OrganisationID]})
	}
	s.render(c, http.StatusOK, "moderation", &p)
}

type reviewPage struct {
	basePage
	Sub     *registry.Submission
	Kind    string
	Changes []changeView
	Reason  string
	Errors  map[string]string
}

type changeView struct {
	Label string
	Old   string
	New   string
}

// fieldLabel names a changed field for the coordinator: the label of its
// first part, and the language or position after it ("Tittel (ar)").
func fieldLabel(l *locales.Localizer, field string) string {
	head, rest, _ := strings.Cut(field, ".")
	id, ok := fieldLabels[head]
	if !ok {
		return field
	}
	label := l.T(id)
	if rest != "" {
		label += " (" + rest + ")"
	}
	return label
}

// fieldLabels gives the label of every top-level field a listing has.
var fieldLabels = map[string]string{
	"title": "registry.field.title", "description": "registry.field.description", "how_to_join": "registry.activity.how_to_join",
	"category": "web.search.category", "stage": "registry.field.stage", "age_min": "registry.field.age_min",
	"age_max": "registry.field.age_max", "languages": "registry.activity.languages",
	"helper_languages": "registry.activity.helper_languages", "cost": "registry.activity.cost",
	"accessibility": "registry.activity.accessibility", "registration_required": "registry.field.registration_required",
	"capacity": "registry.field.capacity", "contact": "registry.activity.contact", "location": "registry.activity.where",
	"schedules": "registry.activity.when", "name": "registry.orgform.name", "kind": "registry.orgform.kind",
	"country": "registry.orgform.country", "org_number": "registry.organisation.org_number",
	"website": "registry.organisation.website", "email": "registry.organisation.email", "phone": "registry.organisation.phone",
	"contact_public": "registry.orgform.contact_public", "address": "registry.organisation.address",
	"postcode": "registry.orgform.postcode", "city": "registry.orgform.city", "district": "registry.activity.district",
	"organisation_id": "registry.activity.organiser",
}

func (s *Server) loadSubmission(c *gin.Context) (*registry.Submission, bool) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	sub, err := s.svc.Moderation.FindSubmissionByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	return sub, true
}

func (s *Server) renderReview(c *gin.Context, sub *registry.Submission, status int, reason string, errs map[string]string) {
	l := localizer(c)
	changes, err := sub.Changes()
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := reviewPage{basePage: s.base(c, l.T("registry.moderation.review_title", "Title", sub.Title(l.Lang))), Sub: sub,
		Kind: l.T("registry.moderation.kind." + string(sub.Kind)), Reason: reason, Errors: errs}
	for _, ch := range changes {
		p.Changes = append(p.Changes, changeView{Label: fieldLabel(l, ch.Field), Old: ch.Old, New: ch.New})
	}
	s.render(c, status, "review", &p)
}

func (s *Server) reviewSubmission(c *gin.Context) {
	if sub, ok := s.loadSubmission(c); ok {
		s.renderReview(c, sub, http.StatusOK, "", nil)
	}
}

// decide approves or sends back a submission and emails the organisation's
// editors in their own languages.
func (s *Server) decide(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	sub, ok := s.loadSubmission(c)
	if !ok {
		return
	}
	approve := c.PostForm("decision") == "approve"
	reason := c.PostForm("reason")
	me := currentUser(c)
	decided, err := s.svc.Moderation.DecideSubmission(ctx, sub.ID, approve, reason, me.ID)
	if err != nil {
		if e := broen.AsError(err); e != nil && (e.Code == broen.EINVALID || e.Code == broen.ECONFLICT) {
			errs := localizeFields(l, err)
			if len(errs) == 0 {
				errs = map[string]string{"decision": l.T(publicError(err).MessageID)}
			}
			s.renderReview(c, sub, statusOf(e.Code), reason, errs)
			return
		}
		_ = c.Error(err)
		return
	}
	action := "moderation.approve"
	if !approve {
		action = "moderation.return"
	}
	s.audit(c, action, string(decided.Kind), decided.ObjectID, "submission="+strconv.FormatInt(decided.ID, 10))
	if err := s.emailDecision(c, decided); err != nil {
		s.log.Error("decision email", "request_id", requestID(c), "submission", decided.ID, "error", err.Error())
	}
	if approve {
		s.flash(c, "registry.moderation.approved")
	} else {
		s.flash(c, "registry.moderation.returned")
	}
	c.Redirect(http.StatusSeeOther, "/admin/moderation")
}

func (s *Server) emailDecision(c *gin.Context, sub *registry.Submission) error {
	ctx := c.Request.Context()
	editor := accounts.RoleEditor
	editors, _, err := s.svc.Users.FindUsers(ctx, accounts.UserFilter{OrganisationID: &sub.OrganisationID, Role: &editor, Limit: 100})
	if err != nil {
		return err
	}
	approved := sub.Status == registry.SubmissionApproved
	var errs []error
	for _, u := range editors {
		if u.Disabled {
			continue
		}
		l := locales.New(s.bundle, u.Locale)
		link := s.absoluteURL(c, editLink(sub))
		if approved {
			link = s.absoluteURL(c, publicLink(sub))
		}
		errs = append(errs, s.svc.Mailer.Send(ctx, notify.ModerationDecision(l, u.Email, sub.Title(u.Locale), approved, sub.Reason, link)))
	}
	return errors.Join(errs...)
}

func publicLink(sub *registry.Submission) string {
	if sub.Kind == registry.SubmitActivity {
		return "/activities/" + strconv.FormatInt(sub.ObjectID, 10)
	}
	return "/organisations/" + strconv.FormatInt(sub.ObjectID, 10)
}

func editLink(sub *registry.Submission) string {
	if sub.Kind == registry.SubmitActivity {
		return "/manage/activities/" + strconv.FormatInt(sub.ObjectID, 10) + "/edit"
	}
	return "/manage/organisations/" + strconv.FormatInt(sub.ObjectID, 10) + "/edit"
}

// editableOrg loads an organisation the signed-in user may edit: 403 with no
// data otherwise, 404 if it does not exist.
func (s *Server) editableOrg(ctx context.Context, u *accounts.User, id int64) (*registry.Organisation, error) {
	if !u.CanEditOrganisation(id) {
		return nil, &broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"}
	}
	return s.svc.Organisations.FindOrganisationByID(ctx, id)
}
