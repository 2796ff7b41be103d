package web

import (
	"context"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
	"broen/notify"
)

// mentoringPairingRoutes registers the pairing pages and API: suggestions,
// the batch assignment, proposals and their answers, follow-up, weights, and
// the volunteer's own pages.
func (s *Server) mentoringPairingRoutes(e *gin.Engine) {
	co := e.Group("/mentoring", s.requireUser, s.requireCoordinator)
	co.GET("", s.mentoringOverview)
	co.GET("/match", s.matchPage)
	co.POST("/match", s.matchPropose)
	co.GET("/pairings", s.pairingsPage)
	co.POST("/pairings", s.proposePairing)
	co.GET("/pairings/:id", s.pairingPage)
	co.POST("/pairings/:id/answer", s.pairingAnswer)
	co.POST("/pairings/:id/withdraw", s.pairingWithdraw)
	co.POST("/pairings/:id/end", s.pairingEnd)
	co.POST("/pairings/:id/contacts", s.pairingContact)
	co.POST("/pairings/:id/checkins/:cid", s.pairingCheckIn)
	co.POST("/exclusions", s.excludePair)
	co.POST("/exclusions/delete", s.unexcludePair)
	co.GET("/follow-up", s.followUpPage)
	co.GET("/weights", s.weightsPage)
	co.POST("/weights", s.saveWeights)

	me := e.Group("/me", s.requireUser, s.requireVolunteer)
	me.GET("", s.mePage)
	me.POST("/availability", s.meAvailability)
	me.POST("/pairings/:id/answer", s.meAnswer)
	me.POST("/pairings/:id/contacts", s.meContact)

	api := e.Group("/api/v1/mentoring", s.apiAuth(accounts.ScopeMentoring))
	api.GET("/pairings", s.apiPairings)
	api.POST("/pairings", s.apiPropose)
	api.GET("/pairings/:id", s.apiPairing)
	api.POST("/pairings/:id/answer", s.apiAnswer)
	api.POST("/pairings/:id/withdraw", s.apiWithdraw)
	api.POST("/pairings/:id/end", s.apiEnd)
	api.POST("/pairings/:id/contacts", s.apiContact)
	api.POST("/pairings/:id/checkins/:cid", s.apiCheckIn)
	api.GET("/suggestions", s.apiSuggestions)
	api.POST("/match", s.apiMatch)
	api.GET("/follow-up", s.apiFollowUp)
	api.GET("/weights", s.apiWeights)
	api.PUT("/weights", s.apiSetWeights)

	apiMe := e.Group("/api/v1/me", s.requireUser, s.requireVolunteer)
	apiMe.GET("/pairings", s.apiMePairings)
	apiMe.POST("/pairings/:id/answer", s.apiMeAnswer)
	apiMe.POST("/pairings/:id/contacts", s.apiMeContact)
}

// Audit actions of the pairing side. They are not message IDs: the object
// type says what they are about.
const (
	auditRead          = "read"
	auditPropose       = "pairing.propose"
	auditAnswer        = "pairing.answer"
	auditWithdraw      = "pairing.withdraw"
	auditEnd           = "pairing.end"
	auditContact       = "pairing.contact"
	auditCheckIn       = "pairing.checkin"
	auditExclude       = "pairing.exclude"
	auditUnexclude     = "pairing.unexclude"
	auditWeights       = "pairing.weights"
	auditAvailability  = "volunteer.availability"
	objPairing         = "pairing"
	objNewcomer        = "newcomer"
	objVolunteer       = "volunteer"
	matchDeadline      = 5 * time.Second
	pairingsPerPage    = 50
	poolPage           = 500
	expiringSoonDays   = 3
	maxSuggestionLimit = 50
)

// mpConflict is an ECONFLICT with a message ID.
func mpConflict(msgID string) error {
	return &broen.Error{Code: broen.ECONFLICT, MessageID: msgID}
}

func mpNotFound() error { return &broen.Error{Code: broen.ENOTFOUND, MessageID: "error.not_found"} }

// mpProblem sorts a write's error: a conflict or invalid input is shown on
// the page the form is on (ok true, with the status, the localized message
// and the field messages); anything else goes to the error middleware.
func mpProblem(l *locales.Localizer, err error) (status int, msg string, fields map[string]string, ok bool) {
	e := broen.AsError(err)
	if e == nil || e.Code != broen.ECONFLICT && e.Code != broen.EINVALID {
		return 0, "", nil, false
	}
	pe := publicError(err)
	return statusOf(pe.Code), l.T(pe.MessageID), localizeFields(l, err), true
}

// mpToday is the municipality's calendar day, as midnight UTC.
func (s *Server) mpToday() time.Time { return s.cfg.Mentoring.Today(s.Now()) }

// mpInstant formats a stored time as a date in the municipality's zone.
func (s *Server) mpInstant(l *locales.Localizer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.DateYear(t.In(s.cfg.Mentoring.Location()))
}

// telURL is a tel: link to a stored (E.164) number; html/template would
// refuse the scheme in a plain string.
func telURL(e164 string) template.URL {
	for _, r := range e164 {
		if r != '+' && (r < '0' || r > '9') {
			return ""
		}
	}
	return template.URL("tel:" + e164)
}

// mpFirstName is the first word of a name: all a volunteer sees of a newcomer
// before both have said yes.
func mpFirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// waitingPool is everyone on the waiting lists and the excluded pairs, read
// page by page.
func (s *Server) waitingPool(ctx context.Context) (mentoring.Pool, error) {
	var pool mentoring.Pool
	yes := true
	for off := 0; ; off += poolPage {
		vs, total, err := s.svc.Volunteers.FindVolunteers(ctx, mentoring.VolunteerFilter{Waiting: &yes, Offset: off, Limit: poolPage})
		if err != nil {
			return pool, err
		}
		pool.Volunteers = append(pool.Volunteers, vs...)
		if len(vs) == 0 || len(pool.Volunteers) >= total {
			break
		}
	}
	for off := 0; ; off += poolPage {
		ns, total, err := s.svc.Newcomers.FindNewcomers(ctx, mentoring.NewcomerFilter{Waiting: &yes, Offset: off, Limit: poolPage})
		if err != nil {
			return pool, err
		}
		pool.Newcomers = append(pool.Newcomers, ns...)
		if len(ns) == 0 || len(pool.Newcomers) >= total {
			break
		}
	}
	x, err := s.svc.Pairings.FindExclusions(ctx)
	if err != nil {
		return pool, err
	}
	pool.Excluded = x
	return pool, nil
}

// mpExcluded reports whether the pair was ruled out, and whether by the
// coordinator (who may take it back).
func (s *Server) mpExcluded(ctx context.Context, volunteerID, newcomerID int64) (excluded, byCoordinator bool, err error) {
	xs, err := s.svc.Pairings.FindExclusions(ctx)
	if err != nil {
		return false, false, err
	}
	for _, x := range xs {
		if x.VolunteerID == volunteerID && x.NewcomerID == newcomerID {
			return true, x.Reason == "coordinator", nil
		}
	}
	return false, false, nil
}

// mpPropose checks the hard rules for the pair, scores it and stores the
// proposal; the volunteer is emailed. It returns the stored pairing, or a
// conflict naming the rule the pair breaks.
func (s *Server) mpPropose(c *gin.Context, eng *mentoring.Engine, volunteerID, newcomerID int64, length int) (*mentoring.Pairing, error) {
	ctx := c.Request.Context()
	v, err := s.svc.Volunteers.FindVolunteerByID(ctx, volunteerID)
	if err != nil {
		return nil, err
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, newcomerID)
	if err != nil {
		return nil, err
	}
	excluded, _, err := s.mpExcluded(ctx, v.ID, n.ID)
	if err != nil {
		return nil, err
	}
	if v.Status != mentoring.VolunteerAvailable {
		// The capacity rule covers this too; the lifecycle's message says
		// why better than "no place left".
		return nil, mpConflict(mentoring.ErrVolunteerNotAvail)
	}
	if rule := eng.Check(v, n, excluded); rule != mentoring.RuleNone {
		return nil, mpConflict("mentoring.rule." + string(rule))
	}
	p := mentoring.NewPairing(v.ID, n.ID, currentUser(c).ID, length, s.Now().UTC(), s.cfg.Mentoring)
	p.Score, p.Reasons = eng.Score(v, n)
	if err := s.svc.Pairings.ProposePairing(ctx, p); err != nil {
		return nil, err
	}
	s.audit(c, auditPropose, objPairing, p.ID, "volunteer="+itoa64(v.ID)+" newcomer="+itoa64(n.ID))
	s.mpEmail(c, v, func(l *locales.Localizer, link string) notify.Message {
		return notify.PairingProposed(l, v.Email, v.Name, link, p.ExpiresAt)
	})
	return p, nil
}

// mpEmail sends a volunteer an email in their language with a link
// to their page, if they have an address. A failure is logged: the write it
// follows has been done.
func (s *Server) mpEmail(c *gin.Context, v *mentoring.Volunteer, build func(l *locales.Localizer, link string) notify.Message) {
	if v.Email == "" || s.svc.Mailer == nil {
		return
	}
	msg := build(locales.New(s.bundle, v.Locale), s.absoluteURL(c, "/me"))
	if err := s.svc.Mailer.Send(c.Request.Context(), msg); err != nil {
		s.log.Error("mentoring email", "request_id", requestID(c), "volunteer_id", v.ID, "error", err.Error())
	}
}

// mpStarted sends the volunteer the "you can start" email when an answer made
// the pairing active.
func (s *Server) mpStarted(c *gin.Context, p *mentoring.Pairing) {
	if p.Status != mentoring.PairingActive {
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(c.Request.Context(), p.VolunteerID)
	if err != nil {
		s.log.Error("mentoring email", "request_id", requestID(c), "pairing_id", p.ID, "error", err.Error())
		return
	}
	s.mpEmail(c, v, func(l *locales.Localizer, link string) notify.Message {
		return notify.PairingStarted(l, v.Email, v.Name, link)
	})
}

// mpFormID reads an optional positive id from a form or query value.
func mpFormID(v string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return id, err == nil && id > 0
}

// mpLength reads 3, 6 or 12 months; anything else is 6.
func mpLength(v string) int {
	n, _ := strconv.Atoi(v)
	if !slices.Contains(mentoring.Lengths, n) {
		return 6
	}
	return n
}

// mpPick is a radio button or checkbox with a plain-text label.
type mpPick struct {
	ID      string
	Value   string
	Label   string
	Checked bool
}

func mpLengthOptions(l *locales.Localizer, selected int) []option {
	out := make([]option, len(mentoring.Lengths))
	for i, n := range mentoring.Lengths {
		out[i] = option{strconv.Itoa(n), l.N("mentoring.length", n), n == selected}
	}
	return out
}

func declineOptions(l *locales.Localizer, selected string) []option {
	out := []option{{"", l.T("mentoring.pairing.reason_none"), selected == ""}}
	for _, r := range mentoring.DeclineReasons {
		out = append(out, option{string(r), l.T("mentoring.decline." + string(r)), string(r) == selected})
	}
	return out
}

func withdrawOptions(l *locales.Localizer, selected string) []option {
	var out []option
	for _, r := range mentoring.WithdrawReasons {
		out = append(out, option{string(r), l.T("mentoring.withdraw." + string(r)), string(r) == selected})
	}
	return out
}

func endOptions(l *locales.Localizer, selected string) []option {
	out := []option{{"", l.T("mentoring.pairing.choose"), selected == ""}}
	for _, r := range mentoring.EndReasons {
		out = append(out, option{string(r), l.T("mentoring.end." + string(r)), string(r) == selected})
	}
	return out
}

func frequencyOptions(l *locales.Localizer, selected string) []option {
	out := []option{{"", l.T("mentoring.pairing.choose"), selected == ""}}
	for _, f := range mentoring.Frequencies {
		out = append(out, option{string(f), l.T("mentoring.frequency." + string(f)), string(f) == selected})
	}
	return out
}

func outcomeChoices(l *locales.Localizer, prefix string, checked []string) []mpPick {
	var out []mpPick
	for _, o := range mentoring.Outcomes {
		out = append(out, mpPick{prefix + string(o), string(o), l.T("mentoring.outcome." + string(o)), slices.Contains(checked, string(o))})
	}
	return out
}

func ratingChoices(prefix, checked string) []mpPick {
	var out []mpPick
	for i := 1; i <= 5; i++ {
		v := strconv.Itoa(i)
		out = append(out, mpPick{prefix + v, v, v, v == checked})
	}
	return out
}

func contactKindOptions(l *locales.Localizer, selected string) []option {
	var out []option
	for _, k := range mentoring.ContactKinds {
		out = append(out, option{string(k), l.T("mentoring.contact_kind." + string(k)), string(k) == selected})
	}
	return out
}

func contactOutcomeOptions(l *locales.Localizer, selected string) []option {
	var out []option
	for _, o := range mentoring.ContactOutcomes {
		out = append(out, option{string(o), l.T("mentoring.contact_outcome." + string(o)), string(o) == selected})
	}
	return out
}

func checkInOutcomeOptions(l *locales.Localizer, selected string) []option {
	var out []option
	for _, o := range mentoring.CheckInOutcomes {
		out = append(out, option{string(o), l.T("mentoring.checkin_outcome." + string(o)), string(o) == selected})
	}
	return out
}

// mpStatusText is a pairing status in words.
func mpStatusText(l *locales.Localizer, st mentoring.PairingStatus) string {
	return l.T("mentoring.pairing_status." + string(st))
}

// answerText is one side's answer in words, with its day.
func (s *Server) answerText(l *locales.Localizer, a mentoring.Answer, at time.Time) string {
	switch a {
	case mentoring.AnswerYes, mentoring.AnswerNo:
		return l.T("mentoring.pairing.answer_on", "Answer", l.T("mentoring.answer."+string(a)), "Date", s.mpInstant(l, at))
	}
	return l.T("mentoring.answer.none")
}

// contactView is one contact of the log.
type contactView struct {
	Date    string
	Kind    string
	Outcome string
	By      string
}

func contactViews(l *locales.Localizer, cs []*mentoring.ContactLog) []contactView {
	out := make([]contactView, len(cs))
	for i, x := range cs {
		by := l.T("mentoring.pairing.logged_by_volunteer")
		if x.Side != string(mentoring.SideVolunteer) {
			by = l.T("mentoring.pairing.logged_by_coordinator")
		}
		out[i] = contactView{Date: dayText(l, x.Date), Kind: l.T("mentoring.contact_kind." + string(x.Kind)),
			Outcome: l.T("mentoring.contact_outcome." + string(x.Outcome)), By: by}
	}
	return out
}

// checkInView is one scheduled check-in.
type checkInView struct {
	ID      int64
	Point   string
	Due     string
	Done    bool
	DoneOn  string
	Outcome string
	IsDue   bool // not done and due today or earlier
	Overdue string
	// The form to record it, on the coordinator's page.
	Outcomes []option
	Error    string
}

func (s *Server) checkInViews(l *locales.Localizer, cs []*mentoring.CheckIn) []checkInView {
	today := s.mpToday()
	out := make([]checkInView, len(cs))
	for i, x := range cs {
		v := checkInView{ID: x.ID, Point: notify.CheckInPointName(l, x.Point), Due: dayText(l, x.Due), Done: x.Done()}
		if v.Done {
			v.DoneOn = s.mpInstant(l, x.DoneAt)
			v.Outcome = l.T("mentoring.checkin_outcome." + string(x.Outcome))
		} else if !x.Due.After(today) {
			v.IsDue = true
			if d := int(today.Sub(x.Due).Hours() / 24); d > 0 {
				v.Overdue = l.N("mentoring.followup.overdue", d)
			} else {
				v.Overdue = l.T("mentoring.followup.due_today")
			}
		}
		out[i] = v
	}
	return out
}

// mpBack is where a form on another page asked to return to: a path on this
// site, else def.
func mpBack(v, def string) string {
	if localPath(v) {
		return v
	}
	return def
}
