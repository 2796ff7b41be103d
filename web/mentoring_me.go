package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/mentoring"
)

// The volunteer's own pages: their availability, the proposals waiting for
// their answer, their active pairings with the contact log, and the ones
// that ended. Until both sides have said yes a volunteer sees only what
// they need to decide — the newcomer's first name, household, district,
// languages, interests, needs and why the coordinator thinks they fit —
// never an address or a number. A volunteer never sees another volunteer's
// pairing: it is not found.

const msgNoProfile = "mentoring.me.no_profile"

// myVolunteer is the signed-in volunteer's record; ENOTFOUND with
// mentoring.me.no_profile when no record is linked to the account.
func (s *Server) myVolunteer(c *gin.Context) (*mentoring.Volunteer, error) {
	id := currentUser(c).ID
	vs, _, err := s.svc.Volunteers.FindVolunteers(c.Request.Context(), mentoring.VolunteerFilter{UserID: &id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: msgNoProfile}
	}
	return vs[0], nil
}

// myPairing is the pairing of the :id parameter if it is the volunteer's
// own; anyone else's is not found, as if it did not exist.
func (s *Server) myPairing(c *gin.Context, v *mentoring.Volunteer) (*mentoring.Pairing, error) {
	p, err := s.loadPairing(c)
	if err != nil {
		return nil, err
	}
	if p.VolunteerID != v.ID {
		return nil, mpNotFound()
	}
	return p, nil
}

// myPairings lists the volunteer's pairings, newest first.
func (s *Server) myPairings(c *gin.Context, v *mentoring.Volunteer) ([]*mentoring.Pairing, error) {
	var all []*mentoring.Pairing
	for off := 0; ; off += poolPage {
		ps, total, err := s.svc.Pairings.FindPairings(c.Request.Context(), mentoring.PairingFilter{VolunteerID: &v.ID, Offset: off, Limit: poolPage})
		if err != nil {
			return nil, err
		}
		all = append(all, ps...)
		if len(ps) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

type mePage struct {
	basePage
	V         *mentoring.Volunteer
	NoProfile bool
	Status    string
	Paused    bool
	CanToggle bool
	Proposals []meProposal
	Active    []meActive
	Earlier   []meEarlier
	Problem   string
}

// meNewcomer is what the volunteer sees of the newcomer.
type meNewcomer struct {
	FirstName string
	Facts     []mpFact
	Languages []template.HTML
	// Contact details, only once both have said yes.
	Shared   bool
	Name     string
	Email    string
	Phone    string
	PhoneURL template.URL
}

type meProposal struct {
	ID       int64
	N        meNewcomer
	Reasons  string
	Expires  string
	Length   string
	Answered string // the volunteer's yes, waiting for the newcomer
	Answers  []mpPick
	Declines []option
	Errors   map[string]string
}

type meActive struct {
	ID         int64
	N          meNewcomer
	Started    string
	PlannedEnd string
	CheckIns   []checkInView
	Contacts   []contactView
	Date       string
	MinDate    string
	MaxDate    string
	Kinds      []option
	Outcomes   []option
	Errors     map[string]string
}

type meEarlier struct {
	FirstName string
	Status    string
	When      string
}

// meForm is what was typed in a pairingRefused form of /me, and for which pairing.
type meForm struct {
	PairingID int64
	Form      string // answer or contact
	Errors    map[string]string
	Answer    string
	Reason    string
	Date      string
	Kind      string
	Outcome   string
}

func (s *Server) mePage(c *gin.Context) {
	s.renderMe(c, http.StatusOK, "", meForm{})
}

// newcomerView is the newcomer as the volunteer may see them in pairing p.
func (s *Server) newcomerView(l *locales.Localizer, n *mentoring.Newcomer, p *mentoring.Pairing) meNewcomer {
	out := meNewcomer{FirstName: mpFirstName(n.Name)}
	if !p.Status.Open() {
		return out
	}
	out.Facts = append(out.Facts, mpFact{l.T("mentoring.me.household"), l.T("mentoring.household." + string(n.Household))})
	if len(n.ChildrenAges) > 0 {
		ages := make([]string, len(n.ChildrenAges))
		for i, a := range n.ChildrenAges {
			ages[i] = l.Number(a)
		}
		out.Facts = append(out.Facts, mpFact{l.T("mentoring.me.children_ages"), strings.Join(ages, ", ")})
	}
	if n.District != "" {
		out.Facts = append(out.Facts, mpFact{l.T("mentoring.me.district"), n.District})
	}
	if len(n.Interests) > 0 {
		names := make([]string, len(n.Interests))
		for i, x := range n.Interests {
			names[i] = interestName(l, x)
		}
		out.Facts = append(out.Facts, mpFact{l.T("mentoring.me.interests"), strings.Join(names, ", ")})
	}
	if len(n.Needs) > 0 {
		names := make([]string, len(n.Needs))
		for i, x := range n.Needs {
			names[i] = l.T("mentoring.need." + string(x))
		}
		out.Facts = append(out.Facts, mpFact{l.T("mentoring.me.needs"), strings.Join(names, ", ")})
	}
	for _, x := range n.Languages {
		out.Languages = append(out.Languages, mpSkills(l, []mentoring.LanguageSkill{x}))
	}
	if p.Status == mentoring.PairingActive && p.SharesContacts() {
		out.Shared, out.Name, out.Email, out.Phone, out.PhoneURL = true, n.Name, n.Email, n.Phone, telURL(n.Phone)
	}
	return out
}

func (s *Server) renderMe(c *gin.Context, status int, problem string, f meForm) {
	ctx := c.Request.Context()
	l := localizer(c)
	p := mePage{basePage: s.base(c, l.T("mentoring.me.title")), Problem: problem}
	v, err := s.myVolunteer(c)
	if broen.ErrorCode(err) == broen.ENOTFOUND {
		p.NoProfile = true
		s.render(c, http.StatusOK, "me", &p)
		return
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.V, p.Status = v, l.T("mentoring.volunteer_status."+string(v.Status))
	p.Paused = v.Status == mentoring.VolunteerPaused
	p.CanToggle = v.Status == mentoring.VolunteerAvailable || v.Status == mentoring.VolunteerPaused
	ps, err := s.myPairings(c, v)
	if err != nil {
		_ = c.Error(err)
		return
	}
	today := s.mpToday()
	for _, pr := range ps {
		n, err := s.svc.Newcomers.FindNewcomerByID(ctx, pr.NewcomerID)
		if err != nil {
			_ = c.Error(err)
			return
		}
		mine := f.PairingID == pr.ID
		switch pr.Status {
		case mentoring.PairingProposed:
			s.audit(c, auditRead, objNewcomer, n.ID, "pairing="+itoa64(pr.ID)+" by=volunteer")
			x := meProposal{ID: pr.ID, N: s.newcomerView(l, n, pr), Reasons: reasonsLine(l, pr.Reasons),
				Expires: s.mpInstant(l, pr.ExpiresAt), Length: l.N("mentoring.length", pr.LengthMonths)}
			if pr.VolunteerAnswer == mentoring.AnswerYes {
				x.Answered = l.T("mentoring.me.you_said_yes", "Date", s.mpInstant(l, pr.VolunteerAnsweredAt))
			}
			answer, reason := "", ""
			if mine && f.Form == "answer" {
				answer, reason, x.Errors = f.Answer, f.Reason, f.Errors
			}
			prefix := "ans-" + itoa64(pr.ID) + "-"
			x.Answers = []mpPick{{prefix + "yes", "yes", l.T("mentoring.me.answer_yes"), answer == "yes"},
				{prefix + "no", "no", l.T("mentoring.me.answer_no"), answer == "no"}}
			x.Declines = declineOptions(l, reason)
			p.Proposals = append(p.Proposals, x)
		case mentoring.PairingActive:
			s.audit(c, auditRead, objNewcomer, n.ID, "pairing="+itoa64(pr.ID)+" by=volunteer")
			x := meActive{ID: pr.ID, N: s.newcomerView(l, n, pr), Started: s.mpInstant(l, pr.StartedAt),
				PlannedEnd: dayText(l, pr.PlannedEnd(s.cfg.Mentoring)), Date: today.Format(time.DateOnly),
				MinDate: s.cfg.Mentoring.DayOf(pr.StartedAt).Format(time.DateOnly), MaxDate: today.Format(time.DateOnly)}
			cs, err := s.svc.Pairings.FindContacts(ctx, pr.ID)
			if err != nil {
				_ = c.Error(err)
				return
			}
			x.Contacts = contactViews(l, cs)
			cis, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &pr.ID, Limit: 100})
			if err != nil {
				_ = c.Error(err)
				return
			}
			x.CheckIns = s.checkInViews(l, cis)
			kind, outcome := "", ""
			if mine && f.Form == "contact" {
				kind, outcome, x.Errors = f.Kind, f.Outcome, f.Errors
				if f.Date != "" {
					x.Date = f.Date
				}
			}
			x.Kinds, x.Outcomes = contactKindOptions(l, kind), contactOutcomeOptions(l, outcome)
			p.Active = append(p.Active, x)
		default:
			when := pr.ClosedAt
			if pr.Status == mentoring.PairingEnded {
				when = pr.EndedAt
			}
			p.Earlier = append(p.Earlier, meEarlier{FirstName: mpFirstName(n.Name), Status: mpStatusText(l, pr.Status),
				When: s.mpInstant(l, when)})
		}
	}
	s.render(c, status, "me", &p)
}

// meRefused shows /me again after a pairingRefused write, or hands other errors on.
func (s *Server) meRefused(c *gin.Context, err error, f meForm) {
	status, msg, fields, ok := mpProblem(localizer(c), err)
	if !ok {
		_ = c.Error(err)
		return
	}
	f.Errors = fields
	s.renderMe(c, status, msg, f)
}

// meAvailability: POST /me/availability with status=paused or available.
func (s *Server) meAvailability(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	want := mentoring.VolunteerStatus(c.PostForm("status"))
	if want != mentoring.VolunteerPaused && want != mentoring.VolunteerAvailable {
		s.meRefused(c, broen.FieldErrors{"status": "validation.choice"}.Err(), meForm{})
		return
	}
	if v.Status != mentoring.VolunteerPaused && v.Status != mentoring.VolunteerAvailable {
		s.meRefused(c, mpConflict("mentoring.me.status_locked"), meForm{})
		return
	}
	if want != v.Status {
		if _, err := s.svc.Volunteers.UpdateVolunteer(c.Request.Context(), v.ID, mentoring.VolunteerUpdate{Status: &want}); err != nil {
			s.meRefused(c, err, meForm{})
			return
		}
		s.audit(c, auditAvailability, objVolunteer, v.ID, "status="+string(want))
	}
	msg := "mentoring.me.resumed_flash"
	if want == mentoring.VolunteerPaused {
		msg = "mentoring.me.paused_flash"
	}
	s.flash(c, msg)
	c.Redirect(http.StatusSeeOther, "/me")
}

// meAnswer: POST /me/pairings/{id}/answer with answer (yes or no) and, for
// a no, reason.
func (s *Server) meAnswer(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	pr, err := s.myPairing(c, v)
	if err != nil {
		_ = c.Error(err)
		return
	}
	in := answerInput{Side: mentoring.SideVolunteer, Answer: c.PostForm("answer"), Reason: mentoring.DeclineReason(c.PostForm("reason"))}
	f := meForm{PairingID: pr.ID, Form: "answer", Answer: in.Answer, Reason: string(in.Reason)}
	p, err := s.volunteerAnswer(c, pr.ID, in)
	if err != nil {
		s.meRefused(c, err, f)
		return
	}
	msg := "mentoring.me.answer_saved"
	switch {
	case p.Status == mentoring.PairingActive:
		msg = "mentoring.me.started_flash"
	case in.Answer == "no":
		msg = "mentoring.me.declined_flash"
	}
	s.flash(c, msg)
	c.Redirect(http.StatusSeeOther, "/me")
}

// volunteerAnswer records the volunteer's own answer.
func (s *Server) volunteerAnswer(c *gin.Context, id int64, in answerInput) (*mentoring.Pairing, error) {
	if err := in.validate(false); err != nil {
		return nil, err
	}
	p, err := s.svc.Pairings.AnswerPairing(c.Request.Context(), id, mentoring.SideVolunteer, in.Answer == "yes", in.Reason,
		currentUser(c).ID, s.Now().UTC())
	if err != nil {
		return nil, err
	}
	s.audit(c, auditAnswer, objPairing, id, "side=volunteer answer="+in.Answer+" status="+string(p.Status))
	s.mpStarted(c, p)
	return p, nil
}

// meContact: POST /me/pairings/{id}/contacts with date, kind and outcome.
func (s *Server) meContact(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	pr, err := s.myPairing(c, v)
	if err != nil {
		_ = c.Error(err)
		return
	}
	f := meForm{PairingID: pr.ID, Form: "contact", Date: c.PostForm("date"), Kind: c.PostForm("kind"), Outcome: c.PostForm("outcome")}
	if _, err := s.logContact(c, pr.ID, string(mentoring.SideVolunteer), f.Date, f.Kind, f.Outcome); err != nil {
		s.meRefused(c, err, f)
		return
	}
	s.flash(c, "mentoring.me.contact_saved")
	c.Redirect(http.StatusSeeOther, "/me")
}

// The volunteer's JSON API: the same rules as the page.

type apiMeNewcomer struct {
	FirstName    string                    `json:"first_name"`
	Household    mentoring.Household       `json:"household,omitempty"`
	ChildrenAges []int                     `json:"children_ages,omitempty"`
	District     string                    `json:"district,omitempty"`
	Languages    []mentoring.LanguageSkill `json:"languages,omitempty"`
	Interests    []string                  `json:"interests,omitempty"`
	Needs        []mentoring.Need          `json:"needs,omitempty"`
	// Only once both have said yes, while the pairing is active.
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

type apiMeCheckIn struct {
	Point string    `json:"point"`
	Due   time.Time `json:"due"`
	Done  bool      `json:"done"`
}

type apiMeContact struct {
	Date    string                   `json:"date"`
	Kind    mentoring.ContactKind    `json:"kind"`
	Outcome mentoring.ContactOutcome `json:"outcome"`
	Side    string                   `json:"side"`
}

type apiMePairing struct {
	ID              int64                   `json:"id"`
	Status          mentoring.PairingStatus `json:"status"`
	LengthMonths    int                     `json:"length_months"`
	ProposedAt      time.Time               `json:"proposed_at"`
	ExpiresAt       time.Time               `json:"expires_at"`
	VolunteerAnswer mentoring.Answer        `json:"volunteer_answer,omitempty"`
	NewcomerAnswer  mentoring.Answer        `json:"newcomer_answer,omitempty"`
	StartedAt       time.Time               `json:"started_at,omitzero"`
	PlannedEnd      string                  `json:"planned_end,omitempty"`
	EndedAt         time.Time               `json:"ended_at,omitzero"`
	ClosedAt        time.Time               `json:"closed_at,omitzero"`
	Reasons         []apiReason             `json:"reasons,omitempty"`
	Newcomer        apiMeNewcomer           `json:"newcomer"`
	CheckIns        []apiMeCheckIn          `json:"check_ins,omitempty"`
	Contacts        []apiMeContact          `json:"contacts,omitempty"`
}

// apiMeView is pairing p as its volunteer may see it.
func (s *Server) apiMeView(c *gin.Context, p *mentoring.Pairing) (apiMePairing, error) {
	ctx := c.Request.Context()
	l := localizer(c)
	out := apiMePairing{ID: p.ID, Status: p.Status, LengthMonths: p.LengthMonths, ProposedAt: p.ProposedAt,
		ExpiresAt: p.ExpiresAt, VolunteerAnswer: p.VolunteerAnswer, NewcomerAnswer: p.NewcomerAnswer,
		StartedAt: p.StartedAt, EndedAt: p.EndedAt, ClosedAt: p.ClosedAt}
	if end := p.PlannedEnd(s.cfg.Mentoring); !end.IsZero() {
		out.PlannedEnd = end.Format(time.DateOnly)
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, p.NewcomerID)
	if err != nil {
		return out, err
	}
	out.Newcomer.FirstName = mpFirstName(n.Name)
	if !p.Status.Open() {
		return out, nil
	}
	s.audit(c, auditRead, objNewcomer, n.ID, "pairing="+itoa64(p.ID)+" by=volunteer")
	for _, r := range p.Reasons {
		out.Reasons = append(out.Reasons, apiReason{r, reasonText(l, r)})
	}
	out.Newcomer.Household, out.Newcomer.ChildrenAges, out.Newcomer.District = n.Household, n.ChildrenAges, n.District
	out.Newcomer.Languages, out.Newcomer.Interests, out.Newcomer.Needs = n.Languages, n.Interests, n.Needs
	if p.Status != mentoring.PairingActive {
		return out, nil
	}
	if p.SharesContacts() {
		out.Newcomer.Name, out.Newcomer.Email, out.Newcomer.Phone = n.Name, n.Email, n.Phone
	}
	cis, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &p.ID, Limit: 100})
	if err != nil {
		return out, err
	}
	for _, x := range cis {
		out.CheckIns = append(out.CheckIns, apiMeCheckIn{Point: x.Point, Due: x.Due, Done: x.Done()})
	}
	cs, err := s.svc.Pairings.FindContacts(ctx, p.ID)
	if err != nil {
		return out, err
	}
	for _, x := range cs {
		out.Contacts = append(out.Contacts, apiMeContact{Date: x.Date.Format(time.DateOnly), Kind: x.Kind, Outcome: x.Outcome, Side: x.Side})
	}
	return out, nil
}

// apiMePairings: GET /api/v1/me/pairings.
func (s *Server) apiMePairings(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	ps, err := s.myPairings(c, v)
	if err != nil {
		_ = c.Error(err)
		return
	}
	items := make([]apiMePairing, 0, len(ps))
	for _, p := range ps {
		x, err := s.apiMeView(c, p)
		if err != nil {
			_ = c.Error(err)
			return
		}
		items = append(items, x)
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "status": v.Status})
}

type apiMeAnswerBody struct {
	Answer string `json:"answer"`
	Reason string `json:"reason"`
}

// apiMeAnswer: POST /api/v1/me/pairings/{id}/answer {answer, reason}.
func (s *Server) apiMeAnswer(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	pr, err := s.myPairing(c, v)
	if err != nil {
		_ = c.Error(err)
		return
	}
	var body apiMeAnswerBody
	if !s.decodeBody(c, &body) {
		return
	}
	p, err := s.volunteerAnswer(c, pr.ID, answerInput{Side: mentoring.SideVolunteer, Answer: body.Answer,
		Reason: mentoring.DeclineReason(body.Reason)})
	if err != nil {
		_ = c.Error(err)
		return
	}
	x, err := s.apiMeView(c, p)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, x)
}

// apiMeContact: POST /api/v1/me/pairings/{id}/contacts {date, kind,
// outcome}.
func (s *Server) apiMeContact(c *gin.Context) {
	v, err := s.myVolunteer(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.apiLogContact(c, string(mentoring.SideVolunteer), func(c *gin.Context, id int64) bool {
		if _, err := s.myPairing(c, v); err != nil {
			_ = c.Error(err)
			return false
		}
		return true
	})
}
