package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/registry"
)

// The activity form pages: a coordinator's changes apply at once; an
// editor's new listings and changes go to the moderation queue.

type activityEditPage struct {
	basePage
	Action  string
	Org     *registry.Organisation
	Form    activityFormView
	Note    string // the coordinator's reason the last change was sent back
	Waiting bool   // a change is already waiting; the form shows it
}

// zoneOf is the schedule zone of an organisation's country.
func zoneOf(o *registry.Organisation) string {
	if z := registry.CountryZone(o.Country); z != "" {
		return z
	}
	return "Europe/Oslo"
}

func (s *Server) newActivityForm(c *gin.Context) {
	o, ok := s.orgFromQuery(c)
	if !ok {
		return
	}
	s.renderActivityEdit(c, http.StatusOK, o, 0, blankActivityForm(), nil)
}

func (s *Server) orgFromQuery(c *gin.Context) (*registry.Organisation, bool) {
	id, err := strconv.ParseInt(c.Query("organisation"), 10, 64)
	if err != nil || id <= 0 {
		_ = c.Error(&broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.organisation.not_found"})
		return nil, false
	}
	o, err := s.editableOrg(c.Request.Context(), currentUser(c), id)
	if err != nil {
		_ = c.Error(err)
		return nil, false
	}
	return o, true
}

func (s *Server) renderActivityEdit(c *gin.Context, status int, o *registry.Organisation, id int64, f activityForm, errs map[string]string) {
	l := localizer(c)
	p := activityEditPage{Org: o, Form: s.newActivityFormView(l, f, errs)}
	// The districts already in use, offered as suggestions so one place is
	// not written three ways.
	districts, err := s.svc.Catalog.FindDistricts(c.Request.Context())
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Form.withDistricts(districts)
	if id == 0 {
		p.basePage = s.base(c, l.T("registry.manage.new_activity"))
		p.Action = "/manage/activities/new?organisation=" + strconv.FormatInt(o.ID, 10)
	} else {
		p.basePage = s.base(c, l.T("registry.manage.edit_activity"))
		p.Action = "/manage/activities/" + strconv.FormatInt(id, 10) + "/edit"
		p.Note = s.returnedReason(c, registry.SubmitActivity, id)
	}
	s.render(c, status, "activity_edit", &p)
}

func (s *Server) createActivity(c *gin.Context) {
	o, ok := s.orgFromQuery(c)
	if !ok {
		return
	}
	s.saveActivity(c, o, nil)
}

func (s *Server) editActivityForm(c *gin.Context) {
	a, ok := s.editableActivity(c)
	if !ok {
		return
	}
	o, err := s.svc.Organisations.FindOrganisationByID(c.Request.Context(), a.OrganisationID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	// An editor continues from the change they already sent, if one waits.
	kind, pending := registry.SubmitActivity, registry.SubmissionPending
	subs, _, err := s.svc.Moderation.FindSubmissions(c.Request.Context(), registry.SubmissionFilter{Kind: &kind,
		ObjectID: &a.ID, Status: &pending, NewestFirst: true, Limit: 1})
	if err != nil {
		_ = c.Error(err)
		return
	}
	shown := a
	if len(subs) > 0 && subs[0].Activity != nil {
		shown = subs[0].Activity
	}
	s.renderActivityEdit(c, http.StatusOK, o, a.ID, activityFormFrom(shown), nil)
}

func (s *Server) editActivity(c *gin.Context) {
	a, ok := s.editableActivity(c)
	if !ok {
		return
	}
	o, err := s.svc.Organisations.FindOrganisationByID(c.Request.Context(), a.OrganisationID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.saveActivity(c, o, a)
}

// saveActivity reads the posted form and creates (current nil) or changes
// the activity: at once for a coordinator, through the queue for an editor.
func (s *Server) saveActivity(c *gin.Context, o *registry.Organisation, current *registry.Activity) {
	ctx := c.Request.Context()
	l := localizer(c)
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseActivityForm(c.Request.PostForm)
	var id int64
	if current != nil {
		id = current.ID
	}
	a, err := f.validActivity(o.ID, zoneOf(o))
	if err == nil {
		me := currentUser(c)
		switch {
		case me.IsCoordinator() && current == nil:
			a.Status = registry.StatusApproved
			err = s.svc.Activities.CreateActivity(ctx, a)
		case me.IsCoordinator():
			_, err = s.svc.Activities.UpdateActivity(ctx, current.ID, registry.ContentUpdate(a))
		default:
			a.ID = id
			_, err = s.svc.Moderation.SubmitActivity(ctx, a, me.ID)
		}
	}
	if err != nil {
		if e := broen.AsError(err); e != nil && e.Code == broen.EINVALID {
			s.renderActivityEdit(c, http.StatusUnprocessableEntity, o, id, f, localizeFields(l, err))
			return
		}
		_ = c.Error(err)
		return
	}
	action := "activity.update"
	if current == nil {
		action = "activity.create"
	}
	s.audit(c, action, "activity", a.ID, "")
	s.flash(c, savedMessage(currentUser(c)))
	c.Redirect(http.StatusSeeOther, "/manage")
}
