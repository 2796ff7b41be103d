package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/mentoring"
)

// The coordinator's writes on pairings, as form posts. A pairingRefused
// transition (a conflict) or invalid input shows the page the form was on
// again, with the localized reason and what was typed; success leaves a
// flash message and goes back to the page.

type proposePage struct {
	basePage
	V       *mentoring.Volunteer
	N       *mentoring.Newcomer
	Score   string
	Reasons string
	Problem string
	Lengths []option
	Back    string
}

// proposePairing: POST /mentoring/pairings, from the volunteer's and the
// newcomer's pages: volunteer_id, newcomer_id, length_months, back.
func (s *Server) proposePairing(c *gin.Context) {
	l := localizer(c)
	fe := broen.FieldErrors{}
	vid, ok := mpFormID(c.PostForm("volunteer_id"))
	if !ok {
		fe.Add("volunteer_id", "validation.required")
	}
	nid, ok := mpFormID(c.PostForm("newcomer_id"))
	if !ok {
		fe.Add("newcomer_id", "validation.required")
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	length := mpLength(c.PostForm("length_months"))
	backTo := c.PostForm("back")
	eng, err := s.matcher(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p, err := s.mpPropose(c, eng, vid, nid, length)
	if err != nil {
		status, msg, _, ok := mpProblem(l, err)
		if !ok {
			_ = c.Error(err)
			return
		}
		s.renderPropose(c, eng, status, msg, vid, nid, length, backTo)
		return
	}
	s.flash(c, "mentoring.pairing.proposed_flash")
	c.Redirect(http.StatusSeeOther, mpBack(backTo, "/mentoring/pairings/"+itoa64(p.ID)))
}

// renderPropose shows a pairingRefused proposal: the two parties, why it was
// pairingRefused, and the form to try again.
func (s *Server) renderPropose(c *gin.Context, eng *mentoring.Engine, status int, problem string, vid, nid int64, length int, backTo string) {
	ctx := c.Request.Context()
	l := localizer(c)
	v, err := s.svc.Volunteers.FindVolunteerByID(ctx, vid)
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(ctx, nid)
	if err != nil {
		_ = c.Error(err)
		return
	}
	score, reasons := eng.Score(v, n)
	p := proposePage{basePage: s.base(c, l.T("mentoring.propose.title")), V: v, N: n,
		Score: l.Decimal(score, 0), Reasons: reasonsLine(l, reasons),
		Problem: problem, Lengths: mpLengthOptions(l, length), Back: mpBack(backTo, "/mentoring/newcomers/"+itoa64(n.ID))}
	s.render(c, status, "mentoring_pairing_new", &p)
}

// pairingRefused shows the pairing page again after a pairingRefused write, or hands any
// other error to the middleware.
func (s *Server) pairingRefused(c *gin.Context, err error, f pairingForm) {
	status, msg, fields, ok := mpProblem(localizer(c), err)
	if !ok {
		_ = c.Error(err)
		return
	}
	f.Errors = fields
	s.renderPairing(c, status, msg, f)
}

func (s *Server) pairingDone(c *gin.Context, id int64, msgID string) {
	s.flash(c, msgID)
	c.Redirect(http.StatusSeeOther, "/mentoring/pairings/"+itoa64(id))
}

// answerInput is an answer as posted: side, answer (yes or no) and, for a
// no, a reason.
type answerInput struct {
	Side   mentoring.Side
	Answer string
	Reason mentoring.DeclineReason
}

func (a answerInput) validate(sideRequired bool) error {
	fe := broen.FieldErrors{}
	if sideRequired && !a.Side.Valid() {
		fe.Add("side", "validation.choice")
	}
	if a.Answer != "yes" && a.Answer != "no" {
		fe.Add("answer", "validation.choose_one")
	}
	if a.Reason != "" && !slices.Contains(mentoring.DeclineReasons, a.Reason) {
		fe.Add("reason", "validation.choice")
	}
	return fe.Err()
}

// pairingAnswer: POST /mentoring/pairings/{id}/answer with side, answer and
// reason. The coordinator records the newcomer's answer, and the
// volunteer's when they answered by phone.
func (s *Server) pairingAnswer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	in := answerInput{Side: mentoring.Side(c.PostForm("side")), Answer: c.PostForm("answer"),
		Reason: mentoring.DeclineReason(c.PostForm("reason"))}
	f := pairingForm{Form: "answer-" + string(in.Side), Answer: in.Answer, DeclineReason: string(in.Reason)}
	if err := in.validate(true); err != nil {
		s.pairingRefused(c, err, f)
		return
	}
	p, err := s.svc.Pairings.AnswerPairing(c.Request.Context(), id, in.Side, in.Answer == "yes", in.Reason,
		currentUser(c).ID, s.Now().UTC())
	if err != nil {
		s.pairingRefused(c, err, f)
		return
	}
	s.audit(c, auditAnswer, objPairing, id, "side="+string(in.Side)+" answer="+in.Answer+" status="+string(p.Status))
	s.mpStarted(c, p)
	msg := "mentoring.pairing.answer_saved"
	if p.Status == mentoring.PairingActive {
		msg = "mentoring.pairing.started_flash"
	}
	s.pairingDone(c, id, msg)
}

// pairingWithdraw: POST /mentoring/pairings/{id}/withdraw with reason.
func (s *Server) pairingWithdraw(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	reason := mentoring.WithdrawReason(c.PostForm("reason"))
	f := pairingForm{Form: "withdraw", WithdrawReason: string(reason)}
	if !slices.Contains(mentoring.WithdrawReasons, reason) {
		s.pairingRefused(c, broen.FieldErrors{"reason": "validation.choice"}.Err(), f)
		return
	}
	if _, err := s.svc.Pairings.WithdrawPairing(c.Request.Context(), id, reason, currentUser(c).ID, s.Now().UTC()); err != nil {
		s.pairingRefused(c, err, f)
		return
	}
	s.audit(c, auditWithdraw, objPairing, id, "reason="+string(reason))
	s.pairingDone(c, id, "mentoring.pairing.withdrawn_flash")
}

// endInput is the end of a pairing as posted.
type endInput struct {
	Reason     mentoring.EndReason
	Evaluation mentoring.Evaluation
}

// pairingEnd: POST /mentoring/pairings/{id}/end with reason, rating (1–5),
// frequency and outcomes.
func (s *Server) pairingEnd(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	rating := strings.TrimSpace(c.PostForm("rating"))
	outcomes := c.PostFormArray("outcomes")
	f := pairingForm{Form: "end", EndReason: c.PostForm("reason"), Rating: rating, Frequency: c.PostForm("frequency"),
		Outcomes: outcomes}
	in := endInput{Reason: mentoring.EndReason(f.EndReason),
		Evaluation: mentoring.Evaluation{Frequency: mentoring.Frequency(f.Frequency)}}
	in.Evaluation.Rating, _ = strconv.Atoi(rating)
	for _, o := range outcomes {
		in.Evaluation.Outcomes = append(in.Evaluation.Outcomes, mentoring.Outcome(o))
	}
	if _, err := s.svc.Pairings.EndPairing(c.Request.Context(), id, in.Reason, in.Evaluation, currentUser(c).ID, s.Now().UTC()); err != nil {
		s.pairingRefused(c, err, f)
		return
	}
	s.audit(c, auditEnd, objPairing, id, "reason="+string(in.Reason))
	s.pairingDone(c, id, "mentoring.pairing.ended_flash")
}

// contactLogInput reads a contact as posted: date (YYYY-MM-DD), kind and
// outcome. An unreadable date is a field error; the rest is checked by the
// store.
func contactLogInput(date, kind, outcome string) (*mentoring.ContactLog, error) {
	x := &mentoring.ContactLog{Kind: mentoring.ContactKind(kind), Outcome: mentoring.ContactOutcome(outcome)}
	if strings.TrimSpace(date) == "" {
		return x, broen.FieldErrors{"date": "validation.required"}.Err()
	}
	d, ok := mentoring.ParseDay(date)
	if !ok {
		return x, broen.FieldErrors{"date": "validation.date"}.Err()
	}
	x.Date = d
	return x, nil
}

// logContact stores a contact for the pairing, logged by the current user
// on side ("volunteer" or "coordinator").
func (s *Server) logContact(c *gin.Context, pairingID int64, side, date, kind, outcome string) (*mentoring.ContactLog, error) {
	x, err := contactLogInput(date, kind, outcome)
	if err != nil {
		return nil, err
	}
	x.PairingID, x.LoggedBy, x.Side, x.CreatedAt = pairingID, currentUser(c).ID, side, s.Now().UTC()
	if err := s.svc.Pairings.LogContact(c.Request.Context(), x); err != nil {
		return nil, err
	}
	s.audit(c, auditContact, objPairing, pairingID, "side="+side+" kind="+kind+" outcome="+outcome)
	return x, nil
}

// pairingContact: POST /mentoring/pairings/{id}/contacts with date, kind
// and outcome.
func (s *Server) pairingContact(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	f := pairingForm{Form: "contact", ContactDate: c.PostForm("date"), ContactKind: c.PostForm("kind"),
		ContactOutcome: c.PostForm("outcome")}
	if _, err := s.logContact(c, id, "coordinator", f.ContactDate, f.ContactKind, f.ContactOutcome); err != nil {
		s.pairingRefused(c, err, f)
		return
	}
	s.pairingDone(c, id, "mentoring.pairing.contact_saved")
}

// completeCheckIn records a check-in of the pairing as done; a check-in of
// another pairing is not found.
func (s *Server) completeCheckIn(c *gin.Context, pairingID, checkInID int64, outcome string) (*mentoring.CheckIn, error) {
	ctx := c.Request.Context()
	cis, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &pairingID, Limit: 100})
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(cis, func(x *mentoring.CheckIn) bool { return x.ID == checkInID }) {
		return nil, mpNotFound()
	}
	ci, err := s.svc.Pairings.CompleteCheckIn(ctx, checkInID, mentoring.CheckInOutcome(outcome), currentUser(c).ID, s.Now().UTC())
	if err != nil {
		return nil, err
	}
	s.audit(c, auditCheckIn, objPairing, pairingID, "checkin="+itoa64(checkInID)+" outcome="+outcome)
	return ci, nil
}

// pairingCheckIn: POST /mentoring/pairings/{id}/checkins/{cid} with outcome
// and back (the follow-up page posts here too).
func (s *Server) pairingCheckIn(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	cid, err := parseID(c.Param("cid"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	outcome := c.PostForm("outcome")
	backTo := mpBack(c.PostForm("back"), "/mentoring/pairings/"+itoa64(id))
	if _, err := s.completeCheckIn(c, id, cid, outcome); err != nil {
		if strings.HasPrefix(backTo, "/mentoring/follow-up") {
			if status, msg, _, ok := mpProblem(localizer(c), err); ok {
				s.renderFollowUp(c, status, msg, cid, outcome)
				return
			}
		}
		s.pairingRefused(c, err, pairingForm{Form: "checkin", CheckInID: cid, CheckInOutcome: outcome})
		return
	}
	s.flash(c, "mentoring.pairing.checkin_saved")
	c.Redirect(http.StatusSeeOther, backTo)
}

// excludePair: POST /mentoring/exclusions with volunteer_id, newcomer_id
// and back: the engine never suggests the pair again.
func (s *Server) excludePair(c *gin.Context) {
	vid, nid, ok := s.pairIDs(c)
	if !ok {
		return
	}
	x := mentoring.Exclusion{VolunteerID: vid, NewcomerID: nid, Reason: "coordinator", CreatedBy: currentUser(c).ID,
		CreatedAt: s.Now().UTC()}
	if err := s.svc.Pairings.Exclude(c.Request.Context(), x); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditExclude, objVolunteer, vid, "newcomer="+itoa64(nid))
	s.flash(c, "mentoring.pairing.excluded_flash")
	c.Redirect(http.StatusSeeOther, mpBack(c.PostForm("back"), "/mentoring/pairings"))
}

// unexcludePair: POST /mentoring/exclusions/delete, the same fields.
func (s *Server) unexcludePair(c *gin.Context) {
	vid, nid, ok := s.pairIDs(c)
	if !ok {
		return
	}
	if err := s.svc.Pairings.Unexclude(c.Request.Context(), vid, nid); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditUnexclude, objVolunteer, vid, "newcomer="+itoa64(nid))
	s.flash(c, "mentoring.pairing.unexcluded_flash")
	c.Redirect(http.StatusSeeOther, mpBack(c.PostForm("back"), "/mentoring/pairings"))
}

func (s *Server) pairIDs(c *gin.Context) (int64, int64, bool) {
	fe := broen.FieldErrors{}
	vid, ok := mpFormID(c.PostForm("volunteer_id"))
	if !ok {
		fe.Add("volunteer_id", "validation.required")
	}
	nid, ok := mpFormID(c.PostForm("newcomer_id"))
	if !ok {
		fe.Add("newcomer_id", "validation.required")
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return 0, 0, false
	}
	return vid, nid, true
}
