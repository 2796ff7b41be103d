package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/mentoring"
)

// The coordinator's list of pairings and the page of one pairing, with the
// forms for what can happen to it next.

// pairingQuery is the list's filters as given.
type pairingQuery struct {
	Status      string
	Open        bool
	Quiet       bool
	VolunteerID int64
	NewcomerID  int64
	Page        int
	PerPage     int
}

// Encode writes the filters back as a query, with page n.
func (q pairingQuery) Encode(n int) string {
	v := url.Values{}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Open {
		v.Set("open", "1")
	}
	if q.Quiet {
		v.Set("quiet", "1")
	}
	if q.VolunteerID > 0 {
		v.Set("volunteer_id", itoa64(q.VolunteerID))
	}
	if q.NewcomerID > 0 {
		v.Set("newcomer_id", itoa64(q.NewcomerID))
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return v.Encode()
}

func mpFlag(fe broen.FieldErrors, field, v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "off":
		return false
	case "1", "true", "on", "yes":
		return true
	}
	fe.Add(field, "validation.choice")
	return false
}

// parsePairingQuery reads the list filters: status, open, quiet,
// volunteer_id (or volunteer), newcomer_id (or newcomer), page and
// per_page. quiet uses the store's
// PairingFilter.Quiet on the day of now, the same definition as the
// follow-up list.
func (s *Server) parsePairingQuery(v url.Values) (pairingQuery, mentoring.PairingFilter, error) {
	fe := broen.FieldErrors{}
	q := pairingQuery{Status: strings.TrimSpace(v.Get("status")), Page: 1, PerPage: pairingsPerPage}
	var f mentoring.PairingFilter
	if q.Status != "" {
		st := mentoring.PairingStatus(q.Status)
		if !st.Valid() {
			fe.Add("status", "validation.choice")
		}
		f.Status = &st
	}
	if q.Open = mpFlag(fe, "open", v.Get("open")); q.Open {
		f.Open = &q.Open
	}
	if q.Quiet = mpFlag(fe, "quiet", v.Get("quiet")); q.Quiet {
		f.Quiet, f.Now = &q.Quiet, s.Now()
	}
	for _, x := range []struct {
		name, alias string
		dst         *int64
		ptr         **int64
	}{{"volunteer_id", "volunteer", &q.VolunteerID, &f.VolunteerID}, {"newcomer_id", "newcomer", &q.NewcomerID, &f.NewcomerID}} {
		raw := v.Get(x.name)
		if raw == "" {
			raw = v.Get(x.alias) // ?volunteer=12 reads as well
		}
		if raw != "" {
			id, ok := mpFormID(raw)
			if !ok {
				fe.Add(x.name, "validation.number")
				continue
			}
			*x.dst = id
			*x.ptr = x.dst
		}
	}
	if raw := v.Get("page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 100000 {
			fe.Add("page", "validation.page")
		} else {
			q.Page = n
		}
	}
	if raw := v.Get("per_page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 100 {
			fe.Add("per_page", "validation.per_page")
		} else {
			q.PerPage = n
		}
	}
	f.Offset, f.Limit = (q.Page-1)*q.PerPage, q.PerPage
	return q, f, fe.Err()
}

type pairingsPage struct {
	basePage
	pager
	Q        pairingQuery
	Statuses []option
	Rows     []mpPairingRow
	Total    int
	// Who names the volunteer or newcomer the list is narrowed to.
	Who      string
	ClearWho string
	Errors   map[string]string
}

// mpPairingRow is one pairing in a list.
type mpPairingRow struct {
	ID          int64
	VolunteerID int64
	Volunteer   string
	NewcomerID  int64
	Newcomer    string
	Status      string
	When        string // proposed, started or ended, as fits the status
	Score       string
	LastContact string
}

func (s *Server) mpPairingRows(l *locales.Localizer, ps []*mentoring.Pairing) []mpPairingRow {
	out := make([]mpPairingRow, len(ps))
	for i, p := range ps {
		r := mpPairingRow{ID: p.ID, VolunteerID: p.VolunteerID, Volunteer: p.VolunteerName, NewcomerID: p.NewcomerID,
			Newcomer: p.NewcomerName, Status: mpStatusText(l, p.Status), Score: l.Decimal(p.Score, 0)}
		switch p.Status {
		case mentoring.PairingProposed:
			r.When = l.T("mentoring.pairing.proposed_on", "Date", s.mpInstant(l, p.ProposedAt))
		case mentoring.PairingActive:
			r.When = l.T("mentoring.pairing.started_on", "Date", s.mpInstant(l, p.StartedAt))
		case mentoring.PairingEnded:
			r.When = l.T("mentoring.pairing.ended_on", "Date", s.mpInstant(l, p.EndedAt))
		default:
			r.When = l.T("mentoring.pairing.closed_on", "Date", s.mpInstant(l, p.ClosedAt))
		}
		if !p.LastContact.IsZero() {
			r.LastContact = dayText(l, p.LastContact)
		}
		out[i] = r
	}
	return out
}

func (s *Server) pairingsPage(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	q, f, verr := s.parsePairingQuery(c.Request.URL.Query())
	p := pairingsPage{basePage: s.base(c, l.T("mentoring.pairings.title")), Q: q}
	p.Statuses = []option{{"", l.T("mentoring.pairings.any_status"), q.Status == ""}}
	for _, st := range mentoring.PairingStatuses {
		p.Statuses = append(p.Statuses, option{string(st), mpStatusText(l, st), string(st) == q.Status})
	}
	if verr != nil {
		p.Errors = localizeFields(l, verr)
		s.render(c, http.StatusUnprocessableEntity, "mentoring_pairings", &p)
		return
	}
	switch {
	case q.VolunteerID > 0:
		v, err := s.svc.Volunteers.FindVolunteerByID(ctx, q.VolunteerID)
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.Who = v.Name
	case q.NewcomerID > 0:
		n, err := s.svc.Newcomers.FindNewcomerByID(ctx, q.NewcomerID)
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.Who = n.Name
	}
	if p.Who != "" {
		cq := q
		cq.VolunteerID, cq.NewcomerID = 0, 0
		p.ClearWho = "/mentoring/pairings?" + cq.Encode(1)
	}
	rows, total, err := s.svc.Pairings.FindPairings(ctx, f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.Rows, p.Total = s.mpPairingRows(l, rows), total
	p.pager = newPager(q.Page, total, q.PerPage, func(n int) string { return "/mentoring/pairings?" + q.Encode(n) })
	s.render(c, http.StatusOK, "mentoring_pairings", &p)
}

// pairingForm keeps what was typed in the forms of the pairing page when a
// write is pairingRefused, and which form the refusal is about.
type pairingForm struct {
	Form   string // answer-newcomer, answer-volunteer, withdraw, end, contact, checkin, exclude
	Errors map[string]string
	// answer
	Answer        string
	DeclineReason string
	// withdraw
	WithdrawReason string
	// end
	EndReason string
	Rating    string
	Frequency string
	Outcomes  []string
	// contact
	ContactDate    string
	ContactKind    string
	ContactOutcome string
	// check-in
	CheckInID      int64
	CheckInOutcome string
}

type pairingPage struct {
	basePage
	P          *mentoring.Pairing
	V          *mentoring.Volunteer
	N          *mentoring.Newcomer
	Status     string
	Score      string
	Reasons    string
	Proposed   string
	Expires    string
	Started    string
	PlannedEnd string
	Ended      string
	Closed     string
	// Answers of the volunteer and the newcomer in words.
	VolunteerAnswer string
	NewcomerAnswer  string
	Outcome         string // why it closed: declined by whom and why, withdrawn why, ended why
	Evaluation      []mpFact
	VolunteerLangs  template.HTML
	NewcomerLangs   template.HTML
	VolunteerTel    template.URL
	NewcomerTel     template.URL
	CheckIns        []checkInView
	Contacts        []contactView
	Excluded        bool
	CanUnexclude    bool
	Back            string

	Problem     string
	ProblemHref string // the form the problem is about
	F           pairingForm
	// The forms' choices, keeping what was typed.
	AnswerForms     []answerForm
	Withdraws       []option
	Ends            []option
	Ratings         []mpPick
	Frequencies     []option
	Outcomes        []mpPick
	ContactKinds    []option
	ContactOutcomes []option
	Today           string // the contact form's default date, YYYY-MM-DD
	MaxDate         string
	MinDate         string
}

// answerForm is the form to record one side's answer.
type answerForm struct {
	Form        string // answer-newcomer, answer-volunteer
	Side        string
	Legend      string
	Choices     []mpPick
	Declines    []option
	Error       string
	ReasonError string
}

// Err is the message for field of form, if that form was pairingRefused.
func (p *pairingPage) Err(form, field string) string {
	if p.F.Form != form {
		return ""
	}
	return p.F.Errors[field]
}

// mpFact is a labelled value.
type mpFact struct {
	Label string
	Value string
}

func (s *Server) pairingPage(c *gin.Context) {
	s.renderPairing(c, http.StatusOK, "", pairingForm{})
}

// loadPairing reads the pairing of the :id parameter.
func (s *Server) loadPairing(c *gin.Context) (*mentoring.Pairing, error) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		return nil, err
	}
	return s.svc.Pairings.FindPairingByID(c.Request.Context(), id)
}

// renderPairing shows the pairing page; problem and f carry a pairingRefused
// write's message and what was typed.
func (s *Server) renderPairing(c *gin.Context, status int, problem string, f pairingForm) {
	ctx := c.Request.Context()
	l := localizer(c)
	pr, err := s.loadPairing(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(ctx, pr.VolunteerID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, pr.NewcomerID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditRead, objNewcomer, n.ID, "pairing="+itoa64(pr.ID))
	p := pairingPage{basePage: s.base(c, l.T("mentoring.pairing.title", "Volunteer", v.Name, "Newcomer", n.Name)),
		P: pr, V: v, N: n, Status: mpStatusText(l, pr.Status), Score: l.T("mentoring.score", "Score", l.Decimal(pr.Score, 0)),
		Reasons: reasonsLine(l, pr.Reasons), Proposed: s.mpInstant(l, pr.ProposedAt), Expires: s.mpInstant(l, pr.ExpiresAt),
		Started: s.mpInstant(l, pr.StartedAt), PlannedEnd: dayText(l, pr.PlannedEnd(s.cfg.Mentoring)), Ended: s.mpInstant(l, pr.EndedAt),
		Closed:          s.mpInstant(l, pr.ClosedAt),
		VolunteerAnswer: s.answerText(l, pr.VolunteerAnswer, pr.VolunteerAnsweredAt),
		NewcomerAnswer:  s.answerText(l, pr.NewcomerAnswer, pr.NewcomerAnsweredAt),
		VolunteerLangs:  mpSkills(l, v.Languages), NewcomerLangs: mpSkills(l, n.Languages),
		VolunteerTel: telURL(v.Phone), NewcomerTel: telURL(n.Phone),
		Back: "/mentoring/pairings/" + itoa64(pr.ID), Problem: problem, F: f}
	switch pr.Status {
	case mentoring.PairingDeclined:
		who := l.T("mentoring.pairing.side_newcomer")
		if pr.DeclinedBy == mentoring.SideVolunteer {
			who = l.T("mentoring.pairing.side_volunteer")
		}
		reason := l.T("mentoring.pairing.reason_none")
		if pr.DeclineReason != "" {
			reason = l.T("mentoring.decline." + string(pr.DeclineReason))
		}
		p.Outcome = l.T("mentoring.pairing.declined_by", "Side", who, "Reason", reason)
	case mentoring.PairingWithdrawn:
		p.Outcome = l.T("mentoring.withdraw." + string(pr.WithdrawReason))
	case mentoring.PairingEnded:
		p.Outcome = l.T("mentoring.end." + string(pr.EndReason))
		if ev := pr.Evaluation; ev != nil {
			p.Evaluation = append(p.Evaluation,
				mpFact{l.T("mentoring.pairing.rating"), l.T("mentoring.pairing.rating_value", "Rating", ev.Rating)},
				mpFact{l.T("mentoring.pairing.frequency"), l.T("mentoring.frequency." + string(ev.Frequency))})
			var outs []string
			for _, o := range ev.Outcomes {
				outs = append(outs, l.T("mentoring.outcome."+string(o)))
			}
			if len(outs) > 0 {
				p.Evaluation = append(p.Evaluation, mpFact{l.T("mentoring.pairing.outcomes"), strings.Join(outs, ", ")})
			}
		}
	}
	if pr.Status == mentoring.PairingActive || pr.Status == mentoring.PairingEnded {
		cs, err := s.svc.Pairings.FindContacts(ctx, pr.ID)
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.Contacts = contactViews(l, cs)
		cis, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &pr.ID, Limit: 100})
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.CheckIns = s.checkInViews(l, cis)
		if pr.Status != mentoring.PairingActive {
			for i := range p.CheckIns {
				p.CheckIns[i].IsDue = false
			}
		}
	}
	if p.Excluded, p.CanUnexclude, err = s.mpExcluded(ctx, v.ID, n.ID); err != nil {
		_ = c.Error(err)
		return
	}
	s.pairingChoices(l, &p)
	s.render(c, status, "mentoring_pairing", &p)
}

// pairingChoices fills the forms' choices, keeping what was typed.
func (s *Server) pairingChoices(l *locales.Localizer, p *pairingPage) {
	f := p.F
	if p.P.Status == mentoring.PairingProposed {
		for _, side := range []mentoring.Side{mentoring.SideNewcomer, mentoring.SideVolunteer} {
			if p.P.AnswerOf(side) != mentoring.AnswerNone {
				continue
			}
			form := "answer-" + string(side)
			checked, reason := "", ""
			if f.Form == form {
				checked, reason = f.Answer, f.DeclineReason
			}
			prefix := "ans-" + string(side) + "-"
			legend := l.T("mentoring.pairing.answer_of_newcomer")
			if side == mentoring.SideVolunteer {
				legend = l.T("mentoring.pairing.answer_of_volunteer")
			}
			p.AnswerForms = append(p.AnswerForms, answerForm{Form: form, Side: string(side),
				Legend: legend,
				Choices: []mpPick{
					{prefix + "yes", "yes", l.T("mentoring.answer.yes"), checked == "yes"},
					{prefix + "no", "no", l.T("mentoring.answer.no"), checked == "no"},
				},
				Declines: declineOptions(l, reason), Error: p.Err(form, "answer"), ReasonError: p.Err(form, "reason")})
		}
	}
	for i := range p.CheckIns {
		ci := &p.CheckIns[i]
		sel := ""
		if f.Form == "checkin" && f.CheckInID == ci.ID {
			sel = f.CheckInOutcome
			ci.Error = f.Errors["outcome"]
			if ci.IsDue {
				p.ProblemHref = "#form-checkin-" + itoa64(ci.ID)
			}
		}
		ci.Outcomes = checkInOutcomeOptions(l, sel)
	}
	// The alert links to the refused form, if the page still shows it.
	switch st := p.P.Status; {
	case f.Form == "withdraw" && st == mentoring.PairingProposed,
		(f.Form == "end" || f.Form == "contact") && st == mentoring.PairingActive:
		p.ProblemHref = "#form-" + f.Form
	}
	for _, af := range p.AnswerForms {
		if af.Form == f.Form {
			p.ProblemHref = "#form-" + f.Form
		}
	}
	p.Withdraws = withdrawOptions(l, f.WithdrawReason)
	p.Ends = endOptions(l, f.EndReason)
	p.Ratings = ratingChoices("end-rating-", f.Rating)
	p.Frequencies = frequencyOptions(l, f.Frequency)
	p.Outcomes = outcomeChoices(l, "end-outcome-", f.Outcomes)
	p.ContactKinds = contactKindOptions(l, f.ContactKind)
	p.ContactOutcomes = contactOutcomeOptions(l, f.ContactOutcome)
	today := s.mpToday()
	p.Today, p.MaxDate = today.Format("2006-01-02"), today.Format("2006-01-02")
	if !p.P.StartedAt.IsZero() {
		p.MinDate = s.cfg.Mentoring.DayOf(p.P.StartedAt).Format("2006-01-02")
	}
	if f.ContactDate != "" {
		p.Today = f.ContactDate
	}
}

// mpSkills lists languages with levels: "arabisk (العربية) (morsmål),
// engelsk (flytende)", each endonym marked with its language.
func mpSkills(l *locales.Localizer, ls []mentoring.LanguageSkill) template.HTML {
	var b strings.Builder
	for i, x := range ls {
		if i > 0 {
			b.WriteString(", ")
		}
		// The message is the translators'; its two values are HTML already.
		b.WriteString(l.T("mentoring.pairing.language_level", "Language", string(languageLabel(l, x.Code)),
			"Level", template.HTMLEscapeString(strings.ToLower(l.T("mentoring.level."+string(x.Level))))))
	}
	return template.HTML(b.String())
}
