package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/registry"
)

type categoryLink struct {
	Code  string
	Name  string
	Count int
}

type homePage struct {
	basePage
	Categories []categoryLink
	Total      int
}

func (s *Server) categoryLinks(c *gin.Context, l *locales.Localizer) ([]categoryLink, int, error) {
	cats, err := s.svc.Catalog.FindCategories(c.Request.Context())
	if err != nil {
		return nil, 0, err
	}
	out := make([]categoryLink, len(cats))
	total := 0
	for i, cc := range cats {
		out[i] = categoryLink{Code: string(cc.Category), Name: l.T("registry.category." + string(cc.Category)), Count: cc.Count}
		total += cc.Count
	}
	return out, total, nil
}

func (s *Server) homePage(c *gin.Context) {
	l := localizer(c)
	cats, total, err := s.categoryLinks(c, l)
	if err != nil {
		_ = c.Error(err)
		return
	}
	page := homePage{basePage: s.base(c, l.T("web.home.title")), Categories: cats, Total: total}
	s.render(c, http.StatusOK, "home", &page)
}

type option struct {
	Value    string
	Label    string
	Selected bool
}

type searchPage struct {
	basePage
	pager
	Form       searchForm
	Errors     map[string]string // field -> localized message
	Results    []activityCard
	Total      int
	Categories []option
	Languages  []option
	Weekdays   []option
	Districts  []option
}

func (s *Server) searchPage(c *gin.Context) {
	l := localizer(c)
	form, filter, verr := parseSearch(c.Request.URL.Query())
	page := searchPage{basePage: s.base(c, l.T("web.search.title")), Form: form}
	if err := s.fillSearchOptions(c, l, &page); err != nil {
		_ = c.Error(err)
		return
	}
	status := http.StatusOK
	if verr != nil {
		status = http.StatusUnprocessableEntity
		page.Errors = localizeFields(l, verr)
		page.Title = l.T("web.search.title_error")
		s.render(c, status, "search", &page)
		return
	}
	items, total, err := s.svc.Activities.FindActivities(c.Request.Context(), filter)
	if err != nil {
		_ = c.Error(err)
		return
	}
	now := s.Now()
	for _, a := range items {
		page.Results = append(page.Results, s.card(l, a, now))
	}
	page.Total = total
	if last := max(1, (total+form.PerPage-1)/form.PerPage); form.Page > last {
		// Past the end (an old link, a shrunk result): go to the last page.
		c.Redirect(http.StatusSeeOther, "/activities?"+form.Query(last))
		return
	}
	page.pager = newPager(form.Page, total, form.PerPage, func(n int) string { return "/activities?" + form.Query(n) })
	s.render(c, status, "search", &page)
}

func (s *Server) fillSearchOptions(c *gin.Context, l *locales.Localizer, p *searchPage) error {
	for _, cat := range registry.Categories {
		p.Categories = append(p.Categories, option{string(cat), l.T("registry.category." + string(cat)), p.Form.Category == string(cat)})
	}
	for _, lg := range registry.Languages {
		p.Languages = append(p.Languages, option{lg.Code, languageName(l, lg.Code), p.Form.Language == lg.Code})
	}
	selectedDay, _ := parseWeekday(p.Form.Weekday)
	for i, d := range isoWeekdays {
		v := strconv.Itoa(i + 1)
		p.Weekdays = append(p.Weekdays, option{v, l.Weekday(d), p.Form.Weekday != "" && selectedDay == d})
	}
	districts, err := s.svc.Catalog.FindDistricts(c.Request.Context())
	if err != nil {
		return err
	}
	code := registry.DistrictCode(p.Form.District)
	for _, d := range districts {
		p.Districts = append(p.Districts, option{d.Code, d.Name, code != "" && code == d.Code})
	}
	return nil
}

func localizeFields(l *locales.Localizer, err error) map[string]string {
	e := broen.AsError(err)
	if e == nil {
		return nil
	}
	out := make(map[string]string, len(e.Fields))
	for f, id := range e.Fields {
		out[f] = l.T(id)
	}
	return out
}

type activityPage struct {
	basePage
	A             *registry.Activity
	Title         textView
	Description   textView
	HowToJoin     textView
	Others        []textView // the description in the other languages it was written in
	Category      string
	Stage         string
	Languages     []template.HTML
	Helpers       []template.HTML
	Access        []string
	Cost          string
	AgeRange      string
	Next          []occurrenceView
	Organisation  *registry.Organisation
	ContactPublic bool
}

func (s *Server) activityPage(c *gin.Context) {
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	a, err := s.publicActivity(c, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	org, err := s.publicOrganisation(c, a.OrganisationID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := activityPage{A: a, Organisation: org}
	p.Title = pickText(l, a.Title)
	p.basePage = s.base(c, p.Title.Text)
	p.Description = pickText(l, a.Description)
	p.HowToJoin = pickText(l, a.HowToJoin)
	for _, lang := range a.Description.Languages() {
		if lang != p.Description.Lang {
			tv := makeTextView(l, lang, a.Description[lang])
			tv.LangName = languageName(l, lang)
			p.Others = append(p.Others, tv)
		}
	}
	p.Category = l.T("registry.category." + string(a.Category))
	if a.Stage != "" {
		p.Stage = l.T("registry.stage." + string(a.Stage))
	}
	for _, code := range a.Languages {
		p.Languages = append(p.Languages, languageLabel(l, code))
	}
	for _, code := range a.HelperLanguages {
		p.Helpers = append(p.Helpers, languageLabel(l, code))
	}
	for _, code := range a.Accessibility {
		p.Access = append(p.Access, l.T("registry.access."+code))
	}
	p.Cost = costText(l, a.Cost)
	p.AgeRange = ageText(l, a.AgeMin, a.AgeMax)
	next := registry.NextOccurrences(a.Schedules, s.Now(), 6)
	p.Next = occurrences(l, next)
	p.JSONLD = mustJSONLD(activityLD(s.cfg.BaseURL, l, a, org, next))
	s.render(c, http.StatusOK, "activity", &p)
}

// publicActivity returns an activity only if the public may see it; anything
// else is not found, so unpublished listings do not leak.
func (s *Server) publicActivity(c *gin.Context, id int64) (*registry.Activity, error) {
	a, err := s.svc.Activities.FindActivityByID(c.Request.Context(), id)
	if err != nil {
		return nil, err
	}
	if !a.Public {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.activity.not_found"}
	}
	return a, nil
}

func (s *Server) publicOrganisation(c *gin.Context, id int64) (*registry.Organisation, error) {
	o, err := s.svc.Organisations.FindOrganisationByID(c.Request.Context(), id)
	if err != nil {
		return nil, err
	}
	if o.Status != registry.StatusApproved {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.organisation.not_found"}
	}
	return o, nil
}

type organisationPage struct {
	basePage
	O           *registry.Organisation
	Kind        string
	Description textView
	Activities  []activityCard
	Total       int
}

func (s *Server) organisationPage(c *gin.Context) {
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	o, err := s.publicOrganisation(c, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Activities.FindActivities(c.Request.Context(),
		registry.ActivityFilter{OrganisationID: &o.ID, Limit: registry.MaxPageSize})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := organisationPage{basePage: s.base(c, o.Name), O: o, Total: total,
		Kind: l.T("registry.orgkind." + string(o.Kind)), Description: pickText(l, o.Description)}
	now := s.Now()
	for _, a := range items {
		p.Activities = append(p.Activities, s.card(l, a, now))
	}
	p.JSONLD = mustJSONLD(organisationLD(s.cfg.BaseURL, l, o))
	s.render(c, http.StatusOK, "organisation", &p)
}

type organisationsPage struct {
	basePage
	pager
	Items []orgCard
	Total int
}

// pager is the page navigation of a list: previous, "page 2 of 7", next.
type pager struct {
	Page    int
	Pages   int
	PrevURL string
	NextURL string
}

// newPager builds the navigation for page of total items, with link(n) the
// address of page n.
func newPager(page, total, perPage int, link func(n int) string) pager {
	p := pager{Page: page, Pages: (total + perPage - 1) / perPage}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}

const orgsPerPage = 50

type orgCard struct {
	ID            int64
	Name          string
	Kind          string
	District      string
	ActivityCount int
	Summary       textView
}

func (s *Server) organisationsPage(c *gin.Context) {
	l := localizer(c)
	form, _, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Organisations.FindOrganisations(c.Request.Context(),
		registry.OrganisationFilter{Limit: orgsPerPage, Offset: (form.Page - 1) * orgsPerPage})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := organisationsPage{basePage: s.base(c, l.T("web.organisations.title")), Total: total,
		pager: newPager(form.Page, total, orgsPerPage, func(n int) string { return "/organisations?page=" + strconv.Itoa(n) })}
	for _, o := range items {
		sum := pickText(l, o.Description)
		sum.Text = summary(sum.Text, 160)
		p.Items = append(p.Items, orgCard{ID: o.ID, Name: o.Name, Kind: l.T("registry.orgkind." + string(o.Kind)),
			District: o.District, ActivityCount: o.ActivityCount, Summary: sum})
	}
	s.render(c, http.StatusOK, "organisations", &p)
}

func (s *Server) notFound(c *gin.Context) {
	_ = c.Error(&broen.Error{Code: broen.ENOTFOUND, MessageID: "error.not_found"})
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	l := localizer(c)
	e := &broen.Error{Code: "method_not_allowed", MessageID: "error.method"}
	if isAPI(c) {
		c.JSON(http.StatusMethodNotAllowed, apiErrorBody(l, e, requestID(c)))
		return
	}
	page := errorPage{basePage: s.base(c, l.T(e.MessageID)), Status: http.StatusMethodNotAllowed, Code: e.Code, MessageID: e.MessageID}
	s.render(c, http.StatusMethodNotAllowed, "error", &page)
}

func mustJSONLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}
