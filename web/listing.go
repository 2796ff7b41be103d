package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/registry"
)

// An editor's own pages: their organisations, each with every activity in
// every status and what is waiting for the coordinator.

type managePage struct {
	basePage
	Orgs []manageOrg
}

type manageOrg struct {
	O          *registry.Organisation
	Status     string
	Activities []manageActivity
	Waiting    int
	Returned   []returnedView
}

type manageActivity struct {
	ID        int64
	Title     textView
	Status    registry.Status
	StatusTxt string
	Waiting   bool
	Stale     bool
	Confirmed string // when it was last confirmed
}

type returnedView struct {
	Title  string
	Reason string
	Link   string
}

var manageStatuses = []registry.Status{registry.StatusApproved, registry.StatusPending, registry.StatusPaused, registry.StatusArchived}

func statusLabel(l *locales.Localizer, st registry.Status) string {
	switch st {
	case registry.StatusApproved:
		return l.T("registry.status.approved")
	case registry.StatusPending:
		return l.T("registry.status.pending")
	case registry.StatusPaused:
		return l.T("registry.status.paused")
	default:
		return l.T("registry.status.archived")
	}
}

func (s *Server) managePage(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	me := currentUser(c)
	// The organisations the person belongs to. A coordinator, who may edit
	// all of them, finds the rest through the registry lists.
	var orgs []*registry.Organisation
	for _, id := range me.OrganisationIDs {
		o, err := s.svc.Organisations.FindOrganisationByID(ctx, id)
		if err != nil {
			_ = c.Error(err)
			return
		}
		orgs = append(orgs, o)
	}
	p := managePage{basePage: s.base(c, l.T("registry.manage.title"))}
	pending, returned := registry.SubmissionPending, registry.SubmissionReturned
	for _, o := range orgs {
		mo := manageOrg{O: o, Status: statusLabel(l, o.Status)}
		waiting := map[int64]bool{}
		subs, _, err := s.svc.Moderation.FindSubmissions(ctx, registry.SubmissionFilter{OrganisationID: &o.ID, Status: &pending, Limit: registry.MaxPageSize})
		if err != nil {
			_ = c.Error(err)
			return
		}
		for _, sub := range subs {
			waiting[sub.ObjectID*2+kindBit(sub.Kind)] = true
		}
		mo.Waiting = len(subs)
		back, _, err := s.svc.Moderation.FindSubmissions(ctx, registry.SubmissionFilter{OrganisationID: &o.ID, Status: &returned, Limit: registry.MaxPageSize})
		if err != nil {
			_ = c.Error(err)
			return
		}
		for _, sub := range back {
			if waiting[sub.ObjectID*2+kindBit(sub.Kind)] {
				continue // already sent in again
			}
			mo.Returned = append(mo.Returned, returnedView{Title: sub.Title(l.Lang), Reason: sub.Reason, Link: editLink(sub)})
		}
		for _, st := range manageStatuses {
			as, _, err := s.svc.Activities.FindActivities(ctx, registry.ActivityFilter{OrganisationID: &o.ID, Status: &st, Limit: registry.MaxPageSize})
			if err != nil {
				_ = c.Error(err)
				return
			}
			for _, a := range as {
				mo.Activities = append(mo.Activities, manageActivity{ID: a.ID, Title: pickText(l, a.Title), Status: a.Status,
					StatusTxt: statusLabel(l, a.Status), Waiting: waiting[a.ID*2+kindBit(registry.SubmitActivity)],
					Stale:     a.Status == registry.StatusApproved && s.cfg.Stale.IsStale(a.LastConfirmed, s.Now()),
					Confirmed: l.DateYear(a.LastConfirmed.In(localZone))})
			}
		}
		p.Orgs = append(p.Orgs, mo)
	}
	s.render(c, http.StatusOK, "manage", &p)
}

func kindBit(k registry.SubmissionKind) int64 {
	if k == registry.SubmitActivity {
		return 1
	}
	return 0
}

// changeStatus pauses, resumes or archives an activity. Hiding never waits
// for the coordinator, and resuming shows what was already approved.
func (s *Server) changeStatus(c *gin.Context) {
	ctx := c.Request.Context()
	a, ok := s.editableActivity(c)
	if !ok {
		return
	}
	next, err := registry.NextStatus(a.Status, registry.StatusAction(c.PostForm("action")))
	if err != nil {
		_ = c.Error(err)
		return
	}
	if _, err := s.svc.Activities.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Status: &next}); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "activity.status", "activity", a.ID, "from="+string(a.Status)+" to="+string(next))
	s.flash(c, "registry.status.changed")
	c.Redirect(http.StatusSeeOther, "/manage")
}

// editableActivity loads the activity in the path if the signed-in user may
// edit its organisation: 403 with no data otherwise.
func (s *Server) editableActivity(c *gin.Context) (*registry.Activity, bool) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	a, err := s.svc.Activities.FindActivityByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	if !currentUser(c).CanEditOrganisation(a.OrganisationID) {
		_ = c.Error(&broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"})
		return nil, false
	}
	return a, true
}

type orgEditPage struct {
	basePage
	O    *registry.Organisation
	Form orgFormView
	Note string // a coordinator's reason the last change was sent back
}

func (s *Server) orgEditForm(c *gin.Context) {
	l := localizer(c)
	o, ok := s.orgFromPath(c)
	if !ok {
		return
	}
	p := orgEditPage{basePage: s.base(c, o.Name), O: o, Form: newOrgFormView(l, orgFormFrom(o), nil, false),
		Note: s.returnedReason(c, registry.SubmitOrganisation, o.ID)}
	s.render(c, http.StatusOK, "org_edit", &p)
}

func (s *Server) orgFromPath(c *gin.Context) (*registry.Organisation, bool) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	o, err := s.editableOrg(c.Request.Context(), currentUser(c), id)
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	return o, true
}

// orgEdit stores an organisation's changes: at once for a coordinator,
// through the moderation queue for an editor.
func (s *Server) orgEdit(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	o, ok := s.orgFromPath(c)
	if !ok {
		return
	}
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseOrgForm(c.Request.PostForm)
	proposed := f.organisation()
	proposed.ID = o.ID
	var err error
	me := currentUser(c)
	if me.IsCoordinator() {
		_, err = s.svc.Organisations.UpdateOrganisation(ctx, o.ID, registry.OrganisationContentUpdate(proposed))
	} else {
		_, err = s.svc.Moderation.SubmitOrganisation(ctx, proposed, me.ID)
	}
	if err != nil {
		if e := broen.AsError(err); e != nil && (e.Code == broen.EINVALID || e.Code == broen.ECONFLICT) {
			p := orgEditPage{basePage: s.base(c, o.Name), O: o, Form: newOrgFormView(l, f, localizeFields(l, err), false)}
			s.render(c, statusOf(e.Code), "org_edit", &p)
			return
		}
		_ = c.Error(err)
		return
	}
	s.audit(c, "organisation.update", "organisation", o.ID, "")
	s.flash(c, savedMessage(me))
	c.Redirect(http.StatusSeeOther, "/manage")
}

func savedMessage(u *accounts.User) string {
	if u.IsCoordinator() {
		return "registry.manage.saved"
	}
	return "registry.manage.submitted"
}

// returnedReason is the coordinator's reason when the latest decision on
// this listing sent it back, for the editor to read beside the form.
func (s *Server) returnedReason(c *gin.Context, kind registry.SubmissionKind, id int64) string {
	subs, _, err := s.svc.Moderation.FindSubmissions(c.Request.Context(),
		registry.SubmissionFilter{Kind: &kind, ObjectID: &id, NewestFirst: true, Limit: 1})
	if err != nil || len(subs) == 0 || subs[0].Status != registry.SubmissionReturned {
		return ""
	}
	return subs[0].Reason
}
