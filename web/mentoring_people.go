package web

import (
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
	"broen/notify"
	"broen/registry"
)

// mentoringPeopleRoutes registers the intake pages and API: volunteers and
// newcomers, their waiting lists, and the public volunteer sign-up.
func (s *Server) mentoringPeopleRoutes(e *gin.Engine) {
	e.GET("/volunteer", s.volunteerSignupForm)
	e.POST("/volunteer", s.volunteerSignup)
	e.GET("/volunteer/thanks", s.volunteerSignupThanks)

	m := e.Group("/mentoring", s.requireUser, s.requireCoordinator)
	m.GET("/volunteers", s.volunteersList)
	m.GET("/volunteers/new", s.newVolunteerForm)
	m.POST("/volunteers/new", s.createVolunteer)
	m.GET("/volunteers/:id", s.volunteerRecord)
	m.GET("/volunteers/:id/edit", s.editVolunteerForm)
	m.POST("/volunteers/:id/edit", s.editVolunteer)
	m.POST("/volunteers/:id/approve", s.approveVolunteer)
	m.POST("/volunteers/:id/status", s.volunteerStatus)
	m.POST("/volunteers/:id/invite", s.inviteVolunteer)
	m.GET("/newcomers", s.newcomersList)
	m.GET("/newcomers/new", s.newNewcomerForm)
	m.POST("/newcomers/new", s.createNewcomer)
	m.GET("/newcomers/:id", s.newcomerRecord)
	m.GET("/newcomers/:id/edit", s.editNewcomerForm)
	m.POST("/newcomers/:id/edit", s.editNewcomer)
	m.POST("/newcomers/:id/status", s.newcomerStatus)

	api := e.Group("/api/v1/mentoring", s.apiAuth(accounts.ScopeMentoring))
	api.GET("/volunteers", s.apiVolunteers)
	api.POST("/volunteers", s.apiCreateVolunteer)
	api.GET("/volunteers/:id", s.apiVolunteer)
	api.PATCH("/volunteers/:id", s.apiUpdateVolunteer)
	api.GET("/newcomers", s.apiNewcomers)
	api.POST("/newcomers", s.apiCreateNewcomer)
	api.GET("/newcomers/:id", s.apiNewcomer)
	api.PATCH("/newcomers/:id", s.apiUpdateNewcomer)
}

// --- Waiting time ---------------------------------------------------------

// waitedDays is how many calendar days (in the programme's zone) lie
// between since and now.
func (s *Server) waitedDays(since time.Time) int { return s.cfg.Mentoring.DaysSince(since, s.Now()) }

// waitedText says how long someone has waited: days up to 13, then weeks
// up to 8, then months ("har ventet i 3 uker").
func waitedText(l *locales.Localizer, days int) string {
	var d string
	switch {
	case days <= 0:
		return l.T("mentoring.people.waited_today")
	case days <= 13:
		d = l.N("mentoring.days", days)
	case days <= 60:
		d = l.N("mentoring.weeks", days/7)
	default:
		d = l.N("mentoring.months", days/30)
	}
	return l.T("mentoring.waited_for", "Duration", d)
}

// --- Lists ----------------------------------------------------------------

// The list filters. statusWaitingList is the waiting list: for volunteers
// available with a place left, for newcomers waiting with no open pairing.
const (
	statusWaitingList = "waiting_list"
	statusAll         = "all"
	peoplePerPage     = 50
)

// peopleQuery is a list's filters as given in the query string.
type peopleQuery struct {
	Status    string
	Household string
	District  string
	Language  string
	Interest  string // volunteers
	Need      string // newcomers
	Nordic    string // newcomers
	Q         string
	Sort      string
	Page      int
	PerPage   int
}

var peopleSorts = []string{"waiting", "name", "newest"}

// peopleSortLabels are the orders' names.
var peopleSortLabels = map[string]string{"waiting": "mentoring.people.sort.waiting",
	"name": "mentoring.people.sort.name", "newest": "mentoring.people.sort.newest"}

// parsePeopleQuery reads the filters both lists share; status is checked by
// the caller. defaultStatus is used when none is given.
func parsePeopleQuery(q url.Values, defaultStatus string, perPage int) (peopleQuery, broen.FieldErrors) {
	get := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	pq := peopleQuery{Status: get("status"), Household: get("household"), District: get("district"),
		Language: get("language"), Interest: get("interest"), Need: get("need"), Nordic: get("nordic_level"),
		Q: get("q"), Sort: get("sort"), Page: 1, PerPage: perPage}
	fe := broen.FieldErrors{}
	if pq.Status == "" {
		pq.Status = defaultStatus
	}
	if pq.Household != "" && !slices.Contains(mentoring.Households, mentoring.Household(pq.Household)) {
		fe.Add("household", "validation.choice")
	}
	if pq.Language != "" && !registry.ValidLanguage(pq.Language) {
		fe.Add("language", "validation.language")
	}
	if utf8.RuneCountInString(pq.Interest) > mentoring.MaxInterestLen {
		fe.Add("interest", "validation.too_long")
	}
	if pq.Need != "" && !mentoring.Need(pq.Need).Valid() {
		fe.Add("need", "validation.choice")
	}
	if pq.Nordic != "" && !slices.Contains(mentoring.NordicLevels, mentoring.NordicLevel(pq.Nordic)) {
		fe.Add("nordic_level", "validation.choice")
	}
	if utf8.RuneCountInString(pq.Q) > maxQueryLen {
		fe.Add("q", "validation.too_long")
	}
	if utf8.RuneCountInString(pq.District) > mentoring.MaxNameLen {
		fe.Add("district", "validation.too_long")
	}
	if pq.Sort != "" && !slices.Contains(peopleSorts, pq.Sort) {
		fe.Add("sort", "validation.choice")
	}
	if p := get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxPage {
			fe.Add("page", "validation.page")
		} else {
			pq.Page = n
		}
	}
	if p := get("per_page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > registry.MaxPageSize {
			fe.Add("per_page", "validation.per_page")
		} else {
			pq.PerPage = n
		}
	}
	return pq, fe
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// volunteerFilter turns the query into the store's filter.
func (pq peopleQuery) volunteerFilter(fe broen.FieldErrors) mentoring.VolunteerFilter {
	f := mentoring.VolunteerFilter{District: optString(pq.District), Language: optString(pq.Language),
		Interest: optString(pq.Interest), Query: optString(pq.Q), Sort: pq.Sort,
		Limit: pq.PerPage, Offset: (pq.Page - 1) * pq.PerPage}
	if pq.Household != "" {
		h := mentoring.Household(pq.Household)
		f.Household = &h
	}
	switch st := mentoring.VolunteerStatus(pq.Status); {
	case pq.Status == statusWaitingList:
		yes := true
		f.Waiting = &yes
	case pq.Status == statusAll:
	case st.Valid():
		f.Status = &st
	default:
		fe.Add("status", "validation.choice")
	}
	return f
}

func (pq peopleQuery) newcomerFilter(fe broen.FieldErrors) mentoring.NewcomerFilter {
	f := mentoring.NewcomerFilter{District: optString(pq.District), Language: optString(pq.Language),
		Query: optString(pq.Q), Sort: pq.Sort, Limit: pq.PerPage, Offset: (pq.Page - 1) * pq.PerPage}
	if pq.Household != "" {
		h := mentoring.Household(pq.Household)
		f.Household = &h
	}
	if pq.Need != "" {
		n := mentoring.Need(pq.Need)
		f.Need = &n
	}
	if pq.Nordic != "" {
		n := mentoring.NordicLevel(pq.Nordic)
		f.NordicLevel = &n
	}
	switch st := mentoring.NewcomerStatus(pq.Status); {
	case pq.Status == statusWaitingList:
		yes := true
		f.Waiting = &yes
	case pq.Status == statusAll:
	case st.Valid():
		f.Status = &st
	default:
		fe.Add("status", "validation.choice")
	}
	return f
}

// link is the list's address with page n.
func (pq peopleQuery) link(path, defaultStatus string, n int) string {
	q := url.Values{}
	for k, v := range map[string]string{"household": pq.Household, "district": pq.District, "language": pq.Language,
		"interest": pq.Interest, "need": pq.Need, "nordic_level": pq.Nordic, "q": pq.Q, "sort": pq.Sort} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if pq.Status != defaultStatus {
		q.Set("status", pq.Status)
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if enc := q.Encode(); enc != "" {
		return path + "?" + enc
	}
	return path
}

// personRow is one row of a waiting list.
type personRow struct {
	Href      string
	Name      string
	Household string
	Languages []template.HTML
	District  string
	Places    string // volunteers: places left
	Nordic    string // newcomers: level in the local language
	Needs     string // newcomers
	Status    string
	Waiting   string // "" when not on the waiting list
	Longest   bool
}

type peopleListPage struct {
	basePage
	pager
	Query      peopleQuery
	Rows       []personRow
	Total      int
	Volunteers bool // which list
	Statuses   []option
	Households []option
	Languages  []option
	Interests  []option
	Needs      []option
	Nordic     []option
	Sorts      []option
	Districts  []option
	ListPath   string
	NewPath    string
}

func (s *Server) fillPeopleOptions(c *gin.Context, l *locales.Localizer, p *peopleListPage) error {
	pq := p.Query
	p.Households = selectOptions(l.T("web.search.any"), strs(mentoring.Households),
		func(c string) string { return l.T("mentoring.household." + c) }, pq.Household)
	codes := make([]string, len(registry.Languages))
	for i, lg := range registry.Languages {
		codes[i] = lg.Code
	}
	p.Languages = selectOptions(l.T("web.search.any"), codes, func(c string) string { return languageName(l, c) }, pq.Language)
	sort := pq.Sort
	if sort == "" {
		sort = peopleSorts[0]
	}
	p.Sorts = selectOptions(noBlank, peopleSorts, func(c string) string { return l.T(peopleSortLabels[c]) }, sort)
	districts, err := s.svc.Catalog.FindDistricts(c.Request.Context())
	if err != nil {
		return err
	}
	for _, d := range districts {
		p.Districts = append(p.Districts, option{Value: d.Name, Label: d.Name})
	}
	if p.Volunteers {
		p.Statuses = []option{{statusWaitingList, l.T("mentoring.people.filter.waiting_list"), pq.Status == statusWaitingList},
			{statusAll, l.T("mentoring.people.filter.all"), pq.Status == statusAll}}
		for _, st := range mentoring.VolunteerStatuses {
			p.Statuses = append(p.Statuses, option{string(st), l.T("mentoring.volunteer_status." + string(st)), pq.Status == string(st)})
		}
		p.Interests = selectOptions(l.T("web.search.any"), strs(registry.Categories),
			func(c string) string { return l.T("registry.category." + c) }, pq.Interest)
		return nil
	}
	p.Statuses = []option{{statusWaitingList, l.T("mentoring.people.filter.waiting_list"), pq.Status == statusWaitingList},
		{statusAll, l.T("mentoring.people.filter.all"), pq.Status == statusAll}}
	for _, st := range mentoring.NewcomerStatuses {
		p.Statuses = append(p.Statuses, option{string(st), l.T("mentoring.newcomer_status." + string(st)), pq.Status == string(st)})
	}
	p.Needs = selectOptions(l.T("web.search.any"), strs(mentoring.Needs), func(c string) string { return l.T("mentoring.need." + c) }, pq.Need)
	p.Nordic = selectOptions(l.T("web.search.any"), strs(mentoring.NordicLevels),
		func(c string) string { return l.T("mentoring.nordic." + c) }, pq.Nordic)
	return nil
}

func languageLabels(l *locales.Localizer, langs []mentoring.LanguageSkill) []template.HTML {
	out := make([]template.HTML, len(langs))
	for i, lg := range langs {
		out[i] = languageLabel(l, lg.Code)
	}
	return out
}

func (s *Server) volunteersList(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	pq, fe := parsePeopleQuery(c.Request.URL.Query(), statusWaitingList, peoplePerPage)
	f := pq.volunteerFilter(fe)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	rows, total, err := s.svc.Volunteers.FindVolunteers(ctx, f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	// The one who has waited longest of everyone on the list, whatever
	// the filters and the order.
	yes := true
	first, _, err := s.svc.Volunteers.FindVolunteers(ctx, mentoring.VolunteerFilter{Waiting: &yes, Sort: "waiting", Limit: 1})
	if err != nil {
		_ = c.Error(err)
		return
	}
	var longest int64
	if len(first) > 0 {
		longest = first[0].ID
	}
	p := peopleListPage{basePage: s.base(c, l.T("mentoring.people.volunteers.title")), Query: pq, Total: total,
		Volunteers: true, ListPath: "/mentoring/volunteers", NewPath: "/mentoring/volunteers/new"}
	if err := s.fillPeopleOptions(c, l, &p); err != nil {
		_ = c.Error(err)
		return
	}
	for _, v := range rows {
		r := personRow{Href: "/mentoring/volunteers/" + itoa64(v.ID), Name: v.Name,
			Household: l.T("mentoring.household." + string(v.Household)), Languages: languageLabels(l, v.Languages),
			District: v.District, Places: l.Number(max(0, v.Capacity-v.Open)),
			Status: l.T("mentoring.volunteer_status." + string(v.Status)), Longest: v.ID == longest}
		if v.Spare() > 0 || v.Status == mentoring.VolunteerPending {
			r.Waiting = waitedText(l, s.waitedDays(v.WaitingSince))
		}
		p.Rows = append(p.Rows, r)
	}
	p.pager = newPager(pq.Page, total, pq.PerPage, func(n int) string { return pq.link(p.ListPath, statusWaitingList, n) })
	s.render(c, http.StatusOK, "mentoring_volunteers", &p)
}

func (s *Server) newcomersList(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	pq, fe := parsePeopleQuery(c.Request.URL.Query(), statusWaitingList, peoplePerPage)
	f := pq.newcomerFilter(fe)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	rows, total, err := s.svc.Newcomers.FindNewcomers(ctx, f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	yes := true
	first, _, err := s.svc.Newcomers.FindNewcomers(ctx, mentoring.NewcomerFilter{Waiting: &yes, Sort: "waiting", Limit: 1})
	if err != nil {
		_ = c.Error(err)
		return
	}
	var longest int64
	if len(first) > 0 {
		longest = first[0].ID
	}
	p := peopleListPage{basePage: s.base(c, l.T("mentoring.people.newcomers.title")), Query: pq, Total: total,
		ListPath: "/mentoring/newcomers", NewPath: "/mentoring/newcomers/new"}
	if err := s.fillPeopleOptions(c, l, &p); err != nil {
		_ = c.Error(err)
		return
	}
	for _, n := range rows {
		r := personRow{Href: "/mentoring/newcomers/" + itoa64(n.ID), Name: n.Name,
			Household: l.T("mentoring.household." + string(n.Household)), Languages: languageLabels(l, n.Languages),
			District: n.District, Nordic: l.T("mentoring.nordic." + string(n.NordicLevel)),
			Needs:  needsText(l, n.Needs, "mentoring.need_short."),
			Status: newcomerStatusText(l, n), Longest: n.ID == longest}
		if n.IsWaiting() {
			r.Waiting = waitedText(l, s.waitedDays(n.WaitingSince))
		}
		p.Rows = append(p.Rows, r)
	}
	p.pager = newPager(pq.Page, total, pq.PerPage, func(n int) string { return pq.link(p.ListPath, statusWaitingList, n) })
	s.render(c, http.StatusOK, "mentoring_newcomers", &p)
}

// newcomerStatusText is the status, and for one who wants a pairing and has
// one proposed or active, that instead of "wants a pairing".
func newcomerStatusText(l *locales.Localizer, n *mentoring.Newcomer) string {
	switch {
	case n.Status == mentoring.NewcomerWaiting && n.Active > 0:
		return l.T("mentoring.people.newcomer.paired")
	case n.Status == mentoring.NewcomerWaiting && n.Open > 0:
		return l.T("mentoring.people.newcomer.proposed")
	}
	return l.T("mentoring.newcomer_status." + string(n.Status))
}

// needsText names needs in running text, or the lower-case label list.
func needsText(l *locales.Localizer, needs []mentoring.Need, prefix string) string {
	parts := make([]string, 0, len(needs))
	for _, n := range needs {
		if n.Valid() {
			parts = append(parts, l.T(prefix+string(n)))
		}
	}
	return strings.Join(parts, ", ")
}

func itoa64(id int64) string { return strconv.FormatInt(id, 10) }

// --- Records --------------------------------------------------------------

// fact is one line of a record: a label and its value.
type fact struct {
	Label string
	Value template.HTML
}

func textFact(label, value string) fact { return fact{Label: label, Value: plainHTML(value)} }

// profileFacts are the profile's lines, in the reader's language.
func profileFacts(l *locales.Localizer, p *mentoring.Profile) []fact {
	T := l.T
	notGiven := T("mentoring.people.fact.not_given")
	or := func(s string) string {
		if s == "" {
			return notGiven
		}
		return s
	}
	household := T("mentoring.household." + string(p.Household))
	if p.Household == mentoring.HouseholdFamily || p.Adults > 1 {
		household += " · " + l.N("mentoring.people.fact.adults", p.Adults)
	}
	if p.HasChildren() {
		ages := make([]string, len(p.ChildrenAges))
		for i, a := range p.ChildrenAges {
			ages[i] = l.Number(a)
		}
		household += " · " + l.N("mentoring.people.fact.children", len(ages), "Ages", strings.Join(ages, ", "))
	} else {
		household += " · " + T("mentoring.people.fact.no_children")
	}
	out := []fact{textFact(T("mentoring.people.section.household"), household)}
	out = append(out, textFact(T("mentoring.people.field.email"), or(p.Email)))
	phone := ""
	if p.Phone != "" {
		phone = registry.FormatPhone(p.Phone)
	}
	out = append(out, textFact(T("mentoring.people.field.phone"), or(phone)))
	out = append(out, textFact(T("mentoring.people.field.locale"), T("web.lang."+p.Locale)))
	var langs []string
	for _, lg := range p.Languages {
		langs = append(langs, string(languageLabel(l, lg.Code))+" – "+template.HTMLEscapeString(strings.ToLower(T("mentoring.level."+string(lg.Level)))))
	}
	out = append(out, fact{Label: T("mentoring.people.field.languages"), Value: template.HTML(strings.Join(langs, "<br>"))})
	var ints []string
	for _, s := range p.Interests {
		ints = append(ints, interestName(l, s))
	}
	out = append(out, textFact(T("mentoring.people.field.interests"), or(strings.Join(ints, ", "))))
	out = append(out, textFact(T("mentoring.people.field.district"), or(p.District)))
	var slots []string
	for _, sl := range p.Availability.Slots() {
		slots = append(slots, slotName(l, sl))
	}
	out = append(out, textFact(T("mentoring.people.field.availability"), or(strings.Join(slots, ", "))))
	out = append(out, textFact(T("mentoring.people.field.gender"), genderLabel(l, p.Gender)))
	age := T("mentoring.age.unstated")
	if p.AgeGroup != mentoring.AgeUnstated {
		age = T("mentoring.age." + p.AgeGroup.Key())
	}
	out = append(out, textFact(T("mentoring.people.field.age_group"), age))
	out = append(out, textFact(T("mentoring.people.fact.preferences"), preferencesText(l, p.Preferences)))
	return out
}

// preferencesText sums up a party's wishes: "kvinne · 30–49 · med barn",
// or "no wishes".
func preferencesText(l *locales.Localizer, pr mentoring.Preferences) string {
	var parts []string
	if pr.Gender != mentoring.GenderUnstated {
		parts = append(parts, l.T("mentoring.gender."+string(pr.Gender)))
	}
	if len(pr.AgeGroups) > 0 {
		var ages []string
		for _, g := range pr.AgeGroups {
			ages = append(ages, l.T("mentoring.age."+g.Key()))
		}
		parts = append(parts, l.T("mentoring.people.fact.ages", "Ages", strings.Join(ages, ", ")))
	}
	if pr.Children != mentoring.ChildrenAny {
		parts = append(parts, l.T("mentoring.children_pref."+string(pr.Children)))
	}
	if len(parts) == 0 {
		return l.T("mentoring.people.pref.any")
	}
	return strings.Join(parts, " · ")
}

// pairingRow is one of a party's pairings on their record.
type pairingRow struct {
	Href   string
	Other  string
	OHref  string // the other party's record
	Status string
	When   string
}

// suggestionRow is one suggested party with the form to propose the pair.
type suggestionRow struct {
	Name        string
	Href        string
	Score       string
	Reasons     string
	VolunteerID int64
	NewcomerID  int64
	Extra       string // a short line about them: household, district, waiting time
}

// policeView is the state of a volunteer's police certificate check.
type policeView struct {
	State string // current, soon, expired, none
	Text  string
	Kind  string
}

// policeState: none, expired (past its renew-by day), soon (renew within
// 30 days) or current.
func policeState(pc mentoring.PoliceCheck, today time.Time) string {
	switch {
	case pc.Kind == mentoring.PoliceCheckNone || pc.ShownOn.IsZero():
		return "none"
	case !pc.RenewBy.IsZero() && pc.RenewBy.Before(today):
		return "expired"
	case !pc.CurrentOn(today):
		return "none"
	case !pc.RenewBy.IsZero() && !pc.RenewBy.After(today.AddDate(0, 0, 30)):
		return "soon"
	}
	return "current"
}

func newPoliceView(l *locales.Localizer, pc mentoring.PoliceCheck, today time.Time) policeView {
	pv := policeView{State: policeState(pc, today)}
	if pc.Kind != mentoring.PoliceCheckNone {
		pv.Kind = l.T("mentoring.police." + string(pc.Kind))
	}
	shown, renew := dayText(l, pc.ShownOn), dayText(l, pc.RenewBy)
	switch pv.State {
	case "none":
		pv.Text = l.T("mentoring.people.police.none")
	case "expired":
		pv.Text = l.T("mentoring.people.police.expired", "Date", renew)
	case "soon":
		pv.Text = l.T("mentoring.people.police.soon", "Date", renew, "Shown", shown, "By", pc.CheckedBy)
	default:
		if renew == "" {
			pv.Text = l.T("mentoring.people.police.current", "Shown", shown, "By", pc.CheckedBy)
		} else {
			pv.Text = l.T("mentoring.people.police.current_until", "Shown", shown, "By", pc.CheckedBy, "Date", renew)
		}
	}
	return pv
}

// recordPage is what both records share.
type recordPage struct {
	basePage
	Facts       []fact
	Status      string
	Waiting     string
	Problem     string // a refused action, localized
	Open, Past  []pairingRow
	Suggestions []suggestionRow
	// NoSuggestions says why there are none.
	NoSuggestions string
	Lengths       []option
	EditPath      string
	ListPath      string
	Registered    string
}

type volunteerRecordPage struct {
	recordPage
	V          *mentoring.Volunteer
	Police     policeView
	Trained    string
	Pledge     string
	Ready      bool
	Places     string
	Offers     string
	CanApprove bool
	CanPause   bool
	CanResume  bool
	CanInvite  bool
	NoEmail    bool
}

type newcomerRecordPage struct {
	recordPage
	N         *mentoring.Newcomer
	Nordic    string
	Needs     string
	CanPause  bool
	CanResume bool
	CanLeave  bool
}

func scoreText(l *locales.Localizer, score float64) string {
	return l.T("mentoring.score", "Score", l.Number(int(math.Round(score))))
}

// pairingRows splits a party's pairings into open and past ones.
func pairingRows(l *locales.Localizer, ps []*mentoring.Pairing, volunteerSide bool) (open, past []pairingRow) {
	for _, p := range ps {
		r := pairingRow{Href: "/mentoring/pairings/" + itoa64(p.ID), Status: l.T("mentoring.pairing_status." + string(p.Status))}
		if volunteerSide {
			r.Other, r.OHref = p.NewcomerName, "/mentoring/newcomers/"+itoa64(p.NewcomerID)
		} else {
			r.Other, r.OHref = p.VolunteerName, "/mentoring/volunteers/"+itoa64(p.VolunteerID)
		}
		switch {
		case !p.EndedAt.IsZero():
			r.When = l.T("mentoring.people.pairing.ended", "Start", dayText(l, p.StartedAt.In(localZone)), "End", dayText(l, p.EndedAt.In(localZone)))
		case !p.StartedAt.IsZero():
			r.When = l.T("mentoring.people.pairing.started", "Date", dayText(l, p.StartedAt.In(localZone)))
		default:
			r.When = l.T("mentoring.people.pairing.proposed", "Date", dayText(l, p.ProposedAt.In(localZone)))
		}
		if p.Status.Open() {
			open = append(open, r)
		} else {
			past = append(past, r)
		}
	}
	return open, past
}

func (s *Server) volunteerRecord(c *gin.Context) { s.renderVolunteerRecord(c, http.StatusOK, "") }

// renderVolunteerRecord shows a volunteer's record; problem is a refused
// action's message, shown in an alert.
func (s *Server) renderVolunteerRecord(c *gin.Context, status int, problem string) {
	ctx := c.Request.Context()
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	today := s.cfg.Mentoring.Today(s.Now())
	p := volunteerRecordPage{V: v}
	p.basePage = s.base(c, v.Name)
	p.Problem = problem
	p.Facts = profileFacts(l, &v.Profile)
	p.Status = l.T("mentoring.volunteer_status." + string(v.Status))
	if v.Spare() > 0 || v.Status == mentoring.VolunteerPending {
		p.Waiting = waitedText(l, s.waitedDays(v.WaitingSince))
	}
	p.Places = l.T("mentoring.people.volunteer.places", "Left", l.Number(max(0, v.Capacity-v.Open)),
		"Capacity", l.Number(v.Capacity))
	p.Offers = needsText(l, v.Offers, "mentoring.need_short.")
	if p.Offers == "" {
		p.Offers = l.T("mentoring.people.fact.not_given")
	}
	p.Police = newPoliceView(l, v.PoliceCheck, today)
	p.Trained, p.Pledge, p.Ready = dayText(l, v.TrainedOn), dayText(l, v.PledgeSignedOn), v.Ready()
	p.CanApprove = v.Status == mentoring.VolunteerPending
	p.CanPause = v.Status == mentoring.VolunteerAvailable
	p.CanResume = v.Status == mentoring.VolunteerPaused
	p.CanInvite = v.UserID == 0 && v.Email != ""
	p.NoEmail = v.UserID == 0 && v.Email == ""
	p.EditPath = "/mentoring/volunteers/" + itoa64(id) + "/edit"
	p.ListPath = "/mentoring/volunteers"
	p.Registered = dayText(l, v.CreatedAt.In(localZone))
	p.Lengths = mpLengthOptions(l, 6)

	pairings, _, err := s.svc.Pairings.FindPairings(ctx, mentoring.PairingFilter{VolunteerID: &id, Limit: 200})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Open, p.Past = pairingRows(l, pairings, true)

	if v.Spare() == 0 {
		p.NoSuggestions = l.T("mentoring.people.suggest.no_place")
	} else {
		eng, err := s.matcher(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		// Everyone waiting, however many: the same pool as the batch.
		all, err := s.waitingPool(ctx)
		if err != nil {
			_ = c.Error(err)
			return
		}
		byID := map[int64]*mentoring.Newcomer{}
		for _, n := range all.Newcomers {
			byID[n.ID] = n
		}
		for _, sg := range eng.SuggestForVolunteer(v, mentoring.Pool{Newcomers: all.Newcomers, Excluded: all.Excluded}, 5) {
			n := byID[sg.NewcomerID]
			p.Suggestions = append(p.Suggestions, suggestionRow{Name: n.Name, Href: "/mentoring/newcomers/" + itoa64(n.ID),
				Score: scoreText(l, sg.Score), Reasons: reasonsLine(l, sg.Reasons), VolunteerID: v.ID, NewcomerID: n.ID,
				Extra: l.T("mentoring.household."+string(n.Household)) + " · " + waitedText(l, s.waitedDays(n.WaitingSince))})
		}
		if len(p.Suggestions) == 0 {
			p.NoSuggestions = l.T("mentoring.people.suggest.none_newcomer")
		}
	}
	s.render(c, status, "mentoring_volunteer", &p)
}

func (s *Server) newcomerRecord(c *gin.Context) { s.renderNewcomerRecord(c, http.StatusOK, "") }

func (s *Server) renderNewcomerRecord(c *gin.Context, status int, problem string) {
	ctx := c.Request.Context()
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	// DOMAIN.md: log who read a newcomer's record.
	s.audit(c, "read", "newcomer", id, "")
	p := newcomerRecordPage{N: n}
	p.basePage = s.base(c, n.Name)
	p.Problem = problem
	p.Facts = profileFacts(l, &n.Profile)
	p.Status = newcomerStatusText(l, n)
	if n.IsWaiting() {
		p.Waiting = waitedText(l, s.waitedDays(n.WaitingSince))
	}
	p.Nordic = l.T("mentoring.nordic." + string(n.NordicLevel))
	p.Needs = needsText(l, n.Needs, "mentoring.need_short.")
	if p.Needs == "" {
		p.Needs = l.T("mentoring.people.fact.not_given")
	}
	p.CanPause = n.Status == mentoring.NewcomerWaiting
	p.CanResume = n.Status != mentoring.NewcomerWaiting
	p.CanLeave = n.Status != mentoring.NewcomerLeft
	p.EditPath = "/mentoring/newcomers/" + itoa64(id) + "/edit"
	p.ListPath = "/mentoring/newcomers"
	p.Registered = dayText(l, n.CreatedAt.In(localZone))
	p.Lengths = mpLengthOptions(l, 6)

	pairings, _, err := s.svc.Pairings.FindPairings(ctx, mentoring.PairingFilter{NewcomerID: &id, Limit: 200})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Open, p.Past = pairingRows(l, pairings, false)

	if !n.IsWaiting() {
		p.NoSuggestions = l.T("mentoring.people.suggest.not_waiting")
	} else {
		eng, err := s.matcher(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		all, err := s.waitingPool(ctx)
		if err != nil {
			_ = c.Error(err)
			return
		}
		byID := map[int64]*mentoring.Volunteer{}
		for _, v := range all.Volunteers {
			byID[v.ID] = v
		}
		for _, sg := range eng.SuggestForNewcomer(n, mentoring.Pool{Volunteers: all.Volunteers, Excluded: all.Excluded}, 5) {
			v := byID[sg.VolunteerID]
			p.Suggestions = append(p.Suggestions, suggestionRow{Name: v.Name, Href: "/mentoring/volunteers/" + itoa64(v.ID),
				Score: scoreText(l, sg.Score), Reasons: reasonsLine(l, sg.Reasons), VolunteerID: v.ID, NewcomerID: n.ID,
				Extra: l.T("mentoring.household."+string(v.Household)) + " · " +
					l.T("mentoring.people.volunteer.places", "Left", l.Number(v.Spare()), "Capacity", l.Number(v.Capacity))})
		}
		if len(p.Suggestions) == 0 {
			p.NoSuggestions = l.T("mentoring.people.suggest.none_volunteer")
		}
	}
	s.render(c, status, "mentoring_newcomer", &p)
}

// --- Actions --------------------------------------------------------------

// refused re-shows a record with a refused action's message when err is a
// conflict or a validation error; other errors go to the error page.
func (s *Server) refused(c *gin.Context, err error, render func(*gin.Context, int, string)) {
	e := broen.AsError(err)
	if e == nil || (e.Code != broen.ECONFLICT && e.Code != broen.EINVALID) {
		_ = c.Error(err)
		return
	}
	l := localizer(c)
	msg := l.T(publicError(err).MessageID)
	// A validation error on a one-button action names the field that
	// stops it: show that message rather than "check the form".
	if e.Code == broen.EINVALID {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if len(keys) > 0 {
			msg = l.T("mentoring.people.record_invalid", "Problem", l.T(e.Fields[keys[0]]))
		}
	}
	render(c, statusOf(e.Code), msg)
}

// approveVolunteer: a pending volunteer the coordinator has talked to
// becomes available and joins the waiting list.
func (s *Server) approveVolunteer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	if v.Status != mentoring.VolunteerPending {
		s.renderVolunteerRecord(c, http.StatusConflict, localizer(c).T("mentoring.people.error.not_pending"))
		return
	}
	st := mentoring.VolunteerAvailable
	if _, err := s.svc.Volunteers.UpdateVolunteer(c.Request.Context(), id, mentoring.VolunteerUpdate{Status: &st}); err != nil {
		s.refused(c, err, s.renderVolunteerRecord)
		return
	}
	s.audit(c, "volunteer.approve", "volunteer", id, "")
	s.flash(c, "mentoring.people.volunteer.approved")
	c.Redirect(http.StatusSeeOther, "/mentoring/volunteers/"+itoa64(id))
}

// volunteerStatus pauses an available volunteer or lets a paused one take
// new pairings again; leaving is done on the form.
func (s *Server) volunteerStatus(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	to := mentoring.VolunteerStatus(c.PostForm("status"))
	ok := to == mentoring.VolunteerPaused && v.Status == mentoring.VolunteerAvailable ||
		to == mentoring.VolunteerAvailable && v.Status == mentoring.VolunteerPaused
	if !ok {
		s.renderVolunteerRecord(c, http.StatusConflict, localizer(c).T("mentoring.people.error.status"))
		return
	}
	if _, err := s.svc.Volunteers.UpdateVolunteer(c.Request.Context(), id, mentoring.VolunteerUpdate{Status: &to}); err != nil {
		s.refused(c, err, s.renderVolunteerRecord)
		return
	}
	s.audit(c, "volunteer.status", "volunteer", id, "status="+string(to))
	s.flash(c, "mentoring.people.status_changed")
	c.Redirect(http.StatusSeeOther, "/mentoring/volunteers/"+itoa64(id))
}

// newcomerStatus pauses a newcomer, puts them back on the waiting list, or
// records that they left. One who comes back after leaving waits from now;
// one back from a pause keeps their place.
func (s *Server) newcomerStatus(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	to := mentoring.NewcomerStatus(c.PostForm("status"))
	if !to.Valid() || to == n.Status {
		s.renderNewcomerRecord(c, http.StatusConflict, localizer(c).T("mentoring.people.error.status"))
		return
	}
	upd := mentoring.NewcomerUpdate{Status: &to}
	if to == mentoring.NewcomerWaiting && n.Status == mentoring.NewcomerLeft {
		now := s.Now().UTC()
		upd.WaitingSince = &now
	}
	if _, err := s.svc.Newcomers.UpdateNewcomer(ctx, id, upd); err != nil {
		s.refused(c, err, s.renderNewcomerRecord)
		return
	}
	s.audit(c, "newcomer.status", "newcomer", id, "status="+string(to))
	s.flash(c, "mentoring.people.status_changed")
	c.Redirect(http.StatusSeeOther, "/mentoring/newcomers/"+itoa64(id))
}

// inviteVolunteer gives a volunteer an account: a user with the volunteer
// role, their email and language, linked to their record, and an emailed
// invitation to choose a password (valid a week), in their language.
func (s *Server) inviteVolunteer(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	switch {
	case v.UserID != 0:
		s.renderVolunteerRecord(c, http.StatusConflict, l.T("mentoring.people.invite.has_account"))
		return
	case v.Email == "":
		s.renderVolunteerRecord(c, http.StatusConflict, l.T("mentoring.people.invite.no_email"))
		return
	}
	nu := &accounts.User{Email: v.Email, Name: v.Name, Role: accounts.RoleVolunteer, Locale: v.Locale}
	if err := s.svc.Users.CreateUser(ctx, nu); err != nil {
		if broen.ErrorCode(err) == broen.ECONFLICT {
			s.renderVolunteerRecord(c, http.StatusConflict, l.T("mentoring.people.invite.email_taken"))
			return
		}
		s.refused(c, err, s.renderVolunteerRecord)
		return
	}
	uid := nu.ID
	if _, err := s.svc.Volunteers.UpdateVolunteer(ctx, id, mentoring.VolunteerUpdate{UserID: &uid}); err != nil {
		_ = c.Error(err)
		return
	}
	link, expires, err := s.newLink(c, nu.ID, accounts.PurposeInvitation, invitationTTL, "/invitation")
	if err != nil {
		_ = c.Error(err)
		return
	}
	msg := notify.VolunteerInvitation(locales.New(s.bundle, v.Locale), v.Email, v.Name, currentUser(c).Name, link, expires)
	if err := s.svc.Mailer.Send(ctx, msg); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "volunteer.invite", "volunteer", id, "user="+itoa64(nu.ID))
	s.flash(c, "mentoring.people.invite.sent")
	c.Redirect(http.StatusSeeOther, "/mentoring/volunteers/"+itoa64(id))
}

// --- Forms ----------------------------------------------------------------

type personEditPage struct {
	basePage
	Action  string
	Cancel  string
	Form    profileFormView
	Problem string
	Heading string
}

func (s *Server) districtOptions(c *gin.Context, v *profileFormView) error {
	ds, err := s.svc.Catalog.FindDistricts(c.Request.Context())
	if err != nil {
		return err
	}
	v.Districts = nil
	for _, d := range ds {
		v.Districts = append(v.Districts, option{Value: d.Name, Label: d.Name})
	}
	if len(v.Districts) > 0 {
		v.District.List = "districts"
	}
	return nil
}

// blankVolunteerForm is the form for a new volunteer: a person, one
// newcomer, emails in the reader's language.
func blankVolunteerForm(lang string) volunteerForm {
	return volunteerForm{profileForm: profileForm{Household: string(mentoring.HouseholdPerson), Locale: lang, Adults: "1"},
		Capacity: "1", Status: string(mentoring.VolunteerAvailable)}
}

func (s *Server) renderVolunteerEdit(c *gin.Context, status int, id int64, f volunteerForm, errs map[string]string, problem string) {
	l := localizer(c)
	p := personEditPage{Form: newVolunteerFormView(l, f, errs, true, s.country()), Problem: problem}
	if id == 0 {
		p.Heading = l.T("mentoring.people.volunteer.new")
		p.Action, p.Cancel = "/mentoring/volunteers/new", "/mentoring/volunteers"
	} else {
		p.Heading = l.T("mentoring.people.volunteer.edit", "Name", f.Name)
		p.Action, p.Cancel = "/mentoring/volunteers/"+itoa64(id)+"/edit", "/mentoring/volunteers/"+itoa64(id)
	}
	p.basePage = s.base(c, p.Heading)
	if err := s.districtOptions(c, &p.Form); err != nil {
		_ = c.Error(err)
		return
	}
	s.render(c, status, "mentoring_volunteer_edit", &p)
}

func (s *Server) newVolunteerForm(c *gin.Context) {
	f := blankVolunteerForm(localizer(c).Lang)
	f.PoliceCheckedBy = currentUser(c).Name
	s.renderVolunteerEdit(c, http.StatusOK, 0, f, nil, "")
}

func (s *Server) editVolunteerForm(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	f := volunteerFormFrom(v)
	if f.PoliceCheckedBy == "" {
		f.PoliceCheckedBy = currentUser(c).Name
	}
	s.renderVolunteerEdit(c, http.StatusOK, id, f, nil, "")
}

func (s *Server) createVolunteer(c *gin.Context) { s.saveVolunteer(c, 0) }

func (s *Server) editVolunteer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.saveVolunteer(c, id)
}

// saveVolunteer creates (id 0) or changes a volunteer from the posted form.
// A volunteer the coordinator registers is available at once unless the
// form says otherwise: they have talked. Coordinates, set through the API,
// are kept.
func (s *Server) saveVolunteer(c *gin.Context, id int64) {
	ctx := c.Request.Context()
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseVolunteerForm(c.Request.PostForm, true)
	v, fe := f.volunteer(true)
	var cur *mentoring.Volunteer
	if id != 0 {
		var err error
		if cur, err = s.svc.Volunteers.FindVolunteerByID(ctx, id); err != nil {
			_ = c.Error(err)
			return
		}
		v.Coords = cur.Coords
	}
	err := s.checkVolunteer(v, fe)
	if err == nil {
		if id == 0 {
			if v.Status == "" {
				v.Status = mentoring.VolunteerAvailable
			}
			err = s.svc.Volunteers.CreateVolunteer(ctx, v)
			id = v.ID
		} else {
			_, err = s.svc.Volunteers.UpdateVolunteer(ctx, id, mentoring.VolunteerUpdate{Profile: &v.Profile, Status: &v.Status,
				Capacity: &v.Capacity, Offers: &v.Offers, PoliceCheck: &v.PoliceCheck, TrainedOn: &v.TrainedOn,
				PledgeSignedOn: &v.PledgeSignedOn})
		}
	}
	if err != nil {
		s.formRefused(c, err, func(status int, errs map[string]string, problem string) {
			if cur == nil {
				id = 0
			}
			s.renderVolunteerEdit(c, status, id, f, errs, problem)
		})
		return
	}
	action := "volunteer.update"
	if cur == nil {
		action = "volunteer.create"
	}
	s.audit(c, action, "volunteer", id, "")
	s.flash(c, "mentoring.people.saved")
	c.Redirect(http.StatusSeeOther, "/mentoring/volunteers/"+itoa64(id))
}

// formRefused re-shows a form after a refused save: field messages for a
// validation error (422), the message in an alert for a conflict (409).
func (s *Server) formRefused(c *gin.Context, err error, show func(status int, errs map[string]string, problem string)) {
	e := broen.AsError(err)
	if e == nil || (e.Code != broen.EINVALID && e.Code != broen.ECONFLICT) {
		_ = c.Error(err)
		return
	}
	l := localizer(c)
	errs := localizeFields(l, err)
	problem := ""
	if e.Code == broen.ECONFLICT {
		problem = l.T(publicError(err).MessageID)
	}
	show(statusOf(e.Code), errs, problem)
}

func blankNewcomerForm(lang string) newcomerForm {
	return newcomerForm{profileForm: profileForm{Household: string(mentoring.HouseholdPerson), Locale: lang, Adults: "1"},
		NordicLevel: string(mentoring.NordicNone), Status: string(mentoring.NewcomerWaiting)}
}

func (s *Server) renderNewcomerEdit(c *gin.Context, status int, id int64, f newcomerForm, errs map[string]string, problem string) {
	l := localizer(c)
	p := personEditPage{Form: newNewcomerFormView(l, f, errs), Problem: problem}
	if id == 0 {
		p.Heading = l.T("mentoring.people.newcomer.new")
		p.Action, p.Cancel = "/mentoring/newcomers/new", "/mentoring/newcomers"
	} else {
		p.Heading = l.T("mentoring.people.newcomer.edit", "Name", f.Name)
		p.Action, p.Cancel = "/mentoring/newcomers/"+itoa64(id)+"/edit", "/mentoring/newcomers/"+itoa64(id)
	}
	p.basePage = s.base(c, p.Heading)
	if err := s.districtOptions(c, &p.Form); err != nil {
		_ = c.Error(err)
		return
	}
	s.render(c, status, "mentoring_newcomer_edit", &p)
}

func (s *Server) newNewcomerForm(c *gin.Context) {
	s.renderNewcomerEdit(c, http.StatusOK, 0, blankNewcomerForm(localizer(c).Lang), nil, "")
}

func (s *Server) editNewcomerForm(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "read", "newcomer", id, "")
	s.renderNewcomerEdit(c, http.StatusOK, id, newcomerFormFrom(n), nil, "")
}

func (s *Server) createNewcomer(c *gin.Context) { s.saveNewcomer(c, 0) }

func (s *Server) editNewcomer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.saveNewcomer(c, id)
}

// saveNewcomer creates (id 0) or changes a newcomer from the posted form;
// coordinates set through the API are kept. A newcomer who comes back
// after leaving waits from now.
func (s *Server) saveNewcomer(c *gin.Context, id int64) {
	ctx := c.Request.Context()
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseNewcomerForm(c.Request.PostForm)
	n, fe := f.newcomer()
	var cur *mentoring.Newcomer
	if id != 0 {
		var err error
		if cur, err = s.svc.Newcomers.FindNewcomerByID(ctx, id); err != nil {
			_ = c.Error(err)
			return
		}
		n.Coords = cur.Coords
	}
	err := s.checkNewcomer(n, fe)
	if err == nil {
		if cur == nil {
			err = s.svc.Newcomers.CreateNewcomer(ctx, n)
			id = n.ID
		} else {
			upd := mentoring.NewcomerUpdate{Profile: &n.Profile, Status: &n.Status, NordicLevel: &n.NordicLevel, Needs: &n.Needs}
			if n.Status == mentoring.NewcomerWaiting && cur.Status == mentoring.NewcomerLeft {
				now := s.Now().UTC()
				upd.WaitingSince = &now
			}
			_, err = s.svc.Newcomers.UpdateNewcomer(ctx, id, upd)
		}
	}
	if err != nil {
		s.formRefused(c, err, func(status int, errs map[string]string, problem string) {
			if cur == nil {
				id = 0
			}
			s.renderNewcomerEdit(c, status, id, f, errs, problem)
		})
		return
	}
	action := "newcomer.update"
	if cur == nil {
		action = "newcomer.create"
	}
	s.audit(c, action, "newcomer", id, "")
	s.flash(c, "mentoring.people.saved")
	c.Redirect(http.StatusSeeOther, "/mentoring/newcomers/"+itoa64(id))
}
