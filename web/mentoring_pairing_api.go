package web

import (
	"net/http"
	"reflect"
	"slices"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/mentoring"
)

// The pairing side of the JSON API, for a coordinator's session or a token
// with the mentoring scope. Bodies are JSON objects; unknown fields are
// pairingRefused. A pairingRefused transition is 409 with the lifecycle's message.

// apiPairings: GET /api/v1/mentoring/pairings?status=&open=&quiet=&
// volunteer_id=&newcomer_id=&page=&per_page=.
func (s *Server) apiPairings(c *gin.Context) {
	q, f, err := s.parsePairingQuery(c.Request.URL.Query())
	if err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Pairings.FindPairings(c.Request.Context(), f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	if items == nil {
		items = []*mentoring.Pairing{}
	}
	c.JSON(http.StatusOK, apiPage[*mentoring.Pairing]{Items: items, Total: total, Page: q.Page, PerPage: q.PerPage})
}

// apiPairingBody is a pairing with its contact log and check-ins.
type apiPairingBody struct {
	*mentoring.Pairing
	Contacts []*mentoring.ContactLog `json:"contacts"`
	CheckIns []*mentoring.CheckIn    `json:"check_ins"`
}

// apiPairing: GET /api/v1/mentoring/pairings/{id}. Reading it is logged as
// reading the newcomer's record.
func (s *Server) apiPairing(c *gin.Context) {
	ctx := c.Request.Context()
	p, err := s.loadPairing(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := apiPairingBody{Pairing: p, Contacts: []*mentoring.ContactLog{}, CheckIns: []*mentoring.CheckIn{}}
	cs, err := s.svc.Pairings.FindContacts(ctx, p.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	out.Contacts = append(out.Contacts, cs...)
	cis, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &p.ID, Limit: 100})
	if err != nil {
		_ = c.Error(err)
		return
	}
	out.CheckIns = append(out.CheckIns, cis...)
	s.audit(c, auditRead, objNewcomer, p.NewcomerID, apiDetail(c, nil)+" pairing="+itoa64(p.ID))
	c.JSON(http.StatusOK, out)
}

// decodeBody reads a JSON object into dst, refusing fields dst does not
// have; it answers 413/415 itself and returns false then, or records the
// error.
func (s *Server) decodeBody(c *gin.Context, dst any) bool {
	body, ok := s.readBody(c)
	if !ok {
		return false
	}
	if _, err := decodeObject(body, dst, jsonFields(reflect.TypeOf(dst).Elem())); err != nil {
		_ = c.Error(err)
		return false
	}
	return true
}

type apiProposeBody struct {
	VolunteerID  int64 `json:"volunteer_id"`
	NewcomerID   int64 `json:"newcomer_id"`
	LengthMonths int   `json:"length_months"`
}

// apiPropose: POST /api/v1/mentoring/pairings {volunteer_id, newcomer_id,
// length_months}: 201 with the pairing; 409 with the rule or invariant it
// would break.
func (s *Server) apiPropose(c *gin.Context) {
	var in apiProposeBody
	if !s.decodeBody(c, &in) {
		return
	}
	fe := broen.FieldErrors{}
	if in.VolunteerID <= 0 {
		fe.Add("volunteer_id", "validation.required")
	}
	if in.NewcomerID <= 0 {
		fe.Add("newcomer_id", "validation.required")
	}
	if in.LengthMonths == 0 {
		in.LengthMonths = 6
	}
	if !slices.Contains(mentoring.Lengths, in.LengthMonths) {
		fe.Add("length_months", "validation.choice")
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	eng, err := s.matcher(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	p, err := s.mpPropose(c, eng, in.VolunteerID, in.NewcomerID, in.LengthMonths)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.apiPairingResult(c, http.StatusCreated, p.ID)
}

// apiPairingResult answers with the pairing as stored now.
func (s *Server) apiPairingResult(c *gin.Context, status int, id int64) {
	p, err := s.svc.Pairings.FindPairingByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	if status == http.StatusCreated {
		c.Header("Location", "/api/v1/mentoring/pairings/"+itoa64(id))
	}
	c.JSON(status, p)
}

type apiAnswerBody struct {
	Side   string `json:"side"`
	Answer string `json:"answer"`
	Reason string `json:"reason"`
}

// apiAnswer: POST /api/v1/mentoring/pairings/{id}/answer {side, answer:
// "yes"|"no", reason}.
func (s *Server) apiAnswer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	var body apiAnswerBody
	if !s.decodeBody(c, &body) {
		return
	}
	in := answerInput{Side: mentoring.Side(body.Side), Answer: body.Answer, Reason: mentoring.DeclineReason(body.Reason)}
	if err := in.validate(true); err != nil {
		_ = c.Error(err)
		return
	}
	p, err := s.svc.Pairings.AnswerPairing(c.Request.Context(), id, in.Side, in.Answer == "yes", in.Reason,
		currentUser(c).ID, s.Now().UTC())
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditAnswer, objPairing, id, "side="+body.Side+" answer="+body.Answer+" status="+string(p.Status)+" "+apiDetail(c, nil))
	s.mpStarted(c, p)
	c.JSON(http.StatusOK, p)
}

type apiWithdrawBody struct {
	Reason string `json:"reason"`
}

// apiWithdraw: POST /api/v1/mentoring/pairings/{id}/withdraw {reason}.
func (s *Server) apiWithdraw(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	var body apiWithdrawBody
	if !s.decodeBody(c, &body) {
		return
	}
	reason := mentoring.WithdrawReason(body.Reason)
	if reason == "" {
		reason = mentoring.WithdrawCoordinator
	}
	valid := false
	for _, r := range mentoring.WithdrawReasons {
		valid = valid || r == reason
	}
	if !valid {
		_ = c.Error(broen.FieldErrors{"reason": "validation.choice"}.Err())
		return
	}
	p, err := s.svc.Pairings.WithdrawPairing(c.Request.Context(), id, reason, currentUser(c).ID, s.Now().UTC())
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditWithdraw, objPairing, id, "reason="+string(reason)+" "+apiDetail(c, nil))
	c.JSON(http.StatusOK, p)
}

type apiEndBody struct {
	Reason     string               `json:"reason"`
	Evaluation mentoring.Evaluation `json:"evaluation"`
}

// apiEnd: POST /api/v1/mentoring/pairings/{id}/end {reason, evaluation:
// {rating, frequency, outcomes}}.
func (s *Server) apiEnd(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	var body apiEndBody
	if !s.decodeBody(c, &body) {
		return
	}
	p, err := s.svc.Pairings.EndPairing(c.Request.Context(), id, mentoring.EndReason(body.Reason), body.Evaluation,
		currentUser(c).ID, s.Now().UTC())
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditEnd, objPairing, id, "reason="+body.Reason+" "+apiDetail(c, nil))
	c.JSON(http.StatusOK, p)
}

type apiContactBody struct {
	Date    string `json:"date"`
	Kind    string `json:"kind"`
	Outcome string `json:"outcome"`
}

// apiContact: POST /api/v1/mentoring/pairings/{id}/contacts {date:
// "2026-11-20", kind, outcome}: 201 with the contact.
func (s *Server) apiContact(c *gin.Context) {
	s.apiLogContact(c, "coordinator", nil)
}

// apiLogContact logs a contact from a JSON body; check, when given, vets
// the pairing first (the volunteer's own).
func (s *Server) apiLogContact(c *gin.Context, side string, check func(*gin.Context, int64) bool) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	if check != nil && !check(c, id) {
		return
	}
	var body apiContactBody
	if !s.decodeBody(c, &body) {
		return
	}
	x, err := s.logContact(c, id, side, body.Date, body.Kind, body.Outcome)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusCreated, x)
}

type apiCheckInBody struct {
	Outcome string `json:"outcome"`
}

// apiCheckIn: POST /api/v1/mentoring/pairings/{id}/checkins/{cid}
// {outcome}.
func (s *Server) apiCheckIn(c *gin.Context) {
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
	var body apiCheckInBody
	if !s.decodeBody(c, &body) {
		return
	}
	ci, err := s.completeCheckIn(c, id, cid, body.Outcome)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, ci)
}
