package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/registry"
)

// The coordinator's lists: every activity and organisation, in every status,
// with filters, and the tools to archive and merge.

type adminActivitiesPage struct {
	basePage
	pager
	Rows       []adminActivityRow
	Total      int
	Status     string
	Q          string
	Statuses   []option
	Categories []option
	Districts  []option
}

type adminActivityRow struct {
	ID        int64
	Title     textView
	OrgID     int64
	OrgName   string
	Status    string
	Stale     bool
	Confirmed string
	District  string
}

const adminPerPage = 50

// adminStatuses are the list filters: the statuses and "stale".
var adminStatuses = []struct{ value, id string }{
	{"approved", "registry.status.approved"}, {"pending", "registry.status.pending"},
	{"stale", "registry.manage.stale"}, {"paused", "registry.status.paused"}, {"archived", "registry.status.archived"},
}

func (s *Server) adminActivities(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	q := c.Request.URL.Query()
	form, filter, err := parseSearch(q)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := adminActivitiesPage{basePage: s.base(c, l.T("registry.admin.activities")), Status: q.Get("status"), Q: form.Q}
	if p.Status == "" {
		p.Status = "approved"
	}
	st := registry.Status(p.Status)
	if p.Status == "stale" {
		st, filter.Stale = registry.StatusApproved, true
	}
	valid := false
	for _, x := range adminStatuses {
		valid = valid || x.value == p.Status
		p.Statuses = append(p.Statuses, option{x.value, l.T(x.id), x.value == p.Status})
	}
	if !valid {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
			Fields: map[string]string{"status": "validation.choice"}})
		return
	}
	filter.Status = &st
	if v := q.Get("organisation"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
				Fields: map[string]string{"organisation": "validation.number"}})
			return
		}
		filter.OrganisationID = &id
	}
	filter.Limit, filter.Offset = adminPerPage, (form.Page-1)*adminPerPage
	rows, total, err := s.svc.Activities.FindActivities(ctx, filter)
	if err != nil {
		_ = c.Error(err)
		return
	}
	sp := searchPage{Form: form}
	if err := s.fillSearchOptions(c, l, &sp); err != nil {
		_ = c.Error(err)
		return
	}
	p.Categories, p.Districts = sp.Categories, sp.Districts
	now := s.Now()
	for _, a := range rows {
		p.Rows = append(p.Rows, adminActivityRow{ID: a.ID, Title: pickText(l, a.Title), OrgID: a.OrganisationID,
			OrgName: a.OrganisationName, Status: statusLabel(l, a.Status),
			Stale:     a.Status == registry.StatusApproved && s.cfg.Stale.IsStale(a.LastConfirmed, now),
			Confirmed: l.DateYear(a.LastConfirmed.In(localZone)), District: a.Location.District})
	}
	p.Total = total
	p.pager = newPager(form.Page, total, adminPerPage, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/admin/activities?" + q.Encode()
	})
	s.render(c, http.StatusOK, "admin_activities", &p)
}

type adminOrgsPage struct {
	basePage
	pager
	Rows     []*registry.Organisation
	Kinds    map[registry.OrgKind]string
	Statuses []option
	Total    int
	Q        string
}

func (s *Server) adminOrganisations(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	q := c.Request.URL.Query()
	form, _, err := parseSearch(q)
	if err != nil {
		_ = c.Error(err)
		return
	}
	status := registry.Status(q.Get("status"))
	if status == "" {
		status = registry.StatusApproved
	}
	if status != registry.StatusApproved && status != registry.StatusPending && status != registry.StatusArchived {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
			Fields: map[string]string{"status": "validation.choice"}})
		return
	}
	f := registry.OrganisationFilter{Status: &status, Limit: adminPerPage, Offset: (form.Page - 1) * adminPerPage}
	if form.Q != "" {
		f.Query = &form.Q
	}
	rows, total, err := s.svc.Organisations.FindOrganisations(ctx, f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := adminOrgsPage{basePage: s.base(c, l.T("registry.admin.organisations")), Rows: rows, Total: total, Q: form.Q,
		Kinds: map[registry.OrgKind]string{}}
	for _, k := range registry.OrgKinds {
		p.Kinds[k] = l.T("registry.orgkind." + string(k))
	}
	for _, x := range []struct{ value, id string }{{"approved", "registry.status.approved"},
		{"pending", "registry.status.pending"}, {"archived", "registry.status.archived"}} {
		p.Statuses = append(p.Statuses, option{x.value, l.T(x.id), x.value == string(status)})
	}
	p.pager = newPager(form.Page, total, adminPerPage, func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/admin/organisations?" + q.Encode()
	})
	s.render(c, http.StatusOK, "admin_organisations", &p)
}

// archiveOrganisation hides an organisation and with it all its
// activities; the data stays for the record.
func (s *Server) archiveOrganisation(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	archived := registry.StatusArchived
	if _, err := s.svc.Organisations.UpdateOrganisation(c.Request.Context(), id, registry.OrganisationUpdate{Status: &archived}); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "organisation.archive", "organisation", id, "")
	s.flash(c, "registry.status.changed")
	c.Redirect(http.StatusSeeOther, "/admin/organisations?status=archived")
}

type mergePage struct {
	basePage
	Keep    *registry.Organisation
	Others  []option
	Errors  map[string]string
	Summary string
}

func (s *Server) mergeForm(c *gin.Context) {
	s.renderMerge(c, http.StatusOK, "", nil)
}

func (s *Server) renderMerge(c *gin.Context, status int, drop string, errs map[string]string) {
	ctx := c.Request.Context()
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	keep, err := s.svc.Organisations.FindOrganisationByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := mergePage{basePage: s.base(c, l.T("registry.merge.title", "Name", keep.Name)), Keep: keep, Errors: errs}
	orgs, err := s.invitableOrgs(c, currentUser(c))
	if err != nil {
		_ = c.Error(err)
		return
	}
	for _, o := range orgs {
		if o.ID != keep.ID {
			v := strconv.FormatInt(o.ID, 10)
			p.Others = append(p.Others, option{v, o.Name + " (" + statusLabel(l, o.Status) + ")", v == drop})
		}
	}
	s.render(c, status, "merge", &p)
}

// merge folds a duplicate organisation into the one kept.
func (s *Server) merge(c *gin.Context) {
	keep, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	dropText := strings.TrimSpace(c.PostForm("drop"))
	drop, err := strconv.ParseInt(dropText, 10, 64)
	if err != nil || drop <= 0 {
		s.renderMerge(c, http.StatusUnprocessableEntity, dropText, map[string]string{"drop": localizer(c).T("validation.required")})
		return
	}
	if err := s.svc.Organisations.MergeOrganisations(c.Request.Context(), keep, drop); err != nil {
		if e := broen.AsError(err); e != nil && e.Code != broen.EINTERNAL {
			errs := localizeFields(localizer(c), err)
			if len(errs) == 0 {
				errs = map[string]string{"drop": localizer(c).T(publicError(err).MessageID)}
			}
			s.renderMerge(c, statusOf(e.Code), dropText, errs)
			return
		}
		_ = c.Error(err)
		return
	}
	s.audit(c, "organisation.merge", "organisation", keep, "merged="+dropText)
	s.flash(c, "registry.merge.done")
	c.Redirect(http.StatusSeeOther, "/admin/organisations")
}
