package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/mentoring"
)

// The batch assignment: everyone on both waiting lists at once, paired so
// that the total score is as high as it can be, capacities respected and no
// hard rule broken. The coordinator looks the pairs over, unticks what they
// do not want, and proposes the rest in one go.

type matchPage struct {
	basePage
	Rows     []matchRow
	Unpaired []unpairedRow
	// Totals
	Volunteers string
	Newcomers  string
	Pairs      string
	Total      string
	Mean       string
	Problem    string
	// Results of a POST: one line per pair.
	Results  []matchResult
	Proposed int
	Failed   int
}

// matchRow is one pair of the assignment.
type matchRow struct {
	Key         string // "volunteerID-newcomerID"
	VolunteerID int64
	Volunteer   string
	NewcomerID  int64
	Newcomer    string
	Waited      string
	Score       string
	Reasons     string
	Lengths     []option
}

// unpairedRow is a newcomer the assignment leaves waiting, and why.
type unpairedRow struct {
	ID     int64
	Name   string
	Waited string
	Why    string
}

// matchResult is what became of one pair the coordinator proposed.
type matchResult struct {
	PairingID int64
	Volunteer string
	Newcomer  string
	OK        bool
	Problem   string
}

// runMatch runs the engine on both waiting lists, within matchDeadline.
func (s *Server) runMatch(c *gin.Context, k int) (*mentoring.Result, mentoring.Pool, error) {
	eng, err := s.matcher(c)
	if err != nil {
		return nil, mentoring.Pool{}, err
	}
	pool, err := s.waitingPool(c.Request.Context())
	if err != nil {
		return nil, pool, err
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), matchDeadline)
	defer cancel()
	res, err := eng.Run(ctx, pool, k)
	if err != nil && errors.Is(err, context.DeadlineExceeded) && c.Request.Context().Err() == nil {
		s.log.Warn("match too slow", "request_id", requestID(c), "volunteers", len(pool.Volunteers),
			"newcomers", len(pool.Newcomers))
		return nil, pool, errMatchTooSlow
	}
	return res, pool, err
}

// errMatchTooSlow: the assignment was not proven optimal within
// matchDeadline. It is answered with 503 and mentoring.match.too_slow.
var errMatchTooSlow = errors.New("web: match: deadline exceeded")

const msgMatchTooSlow = "mentoring.match.too_slow"

func (s *Server) matchPage(c *gin.Context) {
	l := localizer(c)
	p := matchPage{basePage: s.base(c, l.T("mentoring.match.title"))}
	// k = 1: a newcomer left unpaired either has no eligible volunteer at
	// all, or every eligible one is full (Solve's guarantee); the best
	// suggestion tells which.
	res, pool, err := s.runMatch(c, 1)
	if err != nil {
		if errors.Is(err, errMatchTooSlow) {
			p.Problem = l.T(msgMatchTooSlow)
			s.render(c, http.StatusServiceUnavailable, "mentoring_match", &p)
			return
		}
		_ = c.Error(err)
		return
	}
	vols := map[int64]*mentoring.Volunteer{}
	for _, v := range pool.Volunteers {
		vols[v.ID] = v
	}
	news := map[int64]*mentoring.Newcomer{}
	for _, n := range pool.Newcomers {
		news[n.ID] = n
	}
	for _, x := range res.Pairs {
		v, n := vols[x.VolunteerID], news[x.NewcomerID]
		p.Rows = append(p.Rows, matchRow{Key: itoa64(v.ID) + "-" + itoa64(n.ID), VolunteerID: v.ID, Volunteer: v.Name,
			NewcomerID: n.ID, Newcomer: n.Name, Waited: waitedText(l, s.waitedDays(n.WaitingSince)),
			Score: l.Decimal(x.Score, 0), Reasons: reasonsLine(l, x.Reasons), Lengths: mpLengthOptions(l, 6)})
	}
	for _, id := range res.Unpaired {
		n := news[id]
		why := l.T("mentoring.match.why_none_eligible")
		if len(res.Suggestions[id]) > 0 {
			why = l.T("mentoring.match.why_all_taken")
		}
		p.Unpaired = append(p.Unpaired, unpairedRow{ID: n.ID, Name: n.Name,
			Waited: waitedText(l, s.waitedDays(n.WaitingSince)), Why: why})
	}
	p.Volunteers = l.N("mentoring.match.volunteers", res.Volunteers)
	p.Newcomers = l.N("mentoring.match.newcomers", res.Newcomers)
	p.Pairs = l.N("mentoring.match.pairs", len(res.Pairs))
	p.Total = l.Decimal(res.Total, 0)
	if len(res.Pairs) > 0 {
		p.Mean = l.Decimal(res.Total/float64(len(res.Pairs)), 0)
	}
	s.render(c, http.StatusOK, "mentoring_match", &p)
}

// matchPropose: POST /mentoring/match with pair=volunteerID-newcomerID for
// each ticked pair and length_<newcomerID>. Each pair is proposed on its
// own; one that fails (someone proposed meanwhile, a place was taken) is
// reported without undoing the others.
func (s *Server) matchPropose(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	p := matchPage{basePage: s.base(c, l.T("mentoring.match.results_title"))}
	eng, err := s.matcher(c)
	if err != nil {
		_ = c.Error(err)
		return
	}
	seen := map[string]bool{}
	for _, key := range c.PostFormArray("pair") {
		if seen[key] {
			continue
		}
		seen[key] = true
		a, b, _ := strings.Cut(key, "-")
		vid, ok1 := mpFormID(a)
		nid, ok2 := mpFormID(b)
		if !ok1 || !ok2 {
			_ = c.Error(broen.FieldErrors{"pair": "validation.choice"}.Err())
			return
		}
		r := matchResult{Volunteer: itoa64(vid), Newcomer: itoa64(nid)}
		if v, err := s.svc.Volunteers.FindVolunteerByID(ctx, vid); err == nil {
			r.Volunteer = v.Name
		}
		if n, err := s.svc.Newcomers.FindNewcomerByID(ctx, nid); err == nil {
			r.Newcomer = n.Name
		}
		pr, err := s.mpPropose(c, eng, vid, nid, mpLength(c.PostForm("length_"+strconv.FormatInt(nid, 10))))
		switch {
		case err == nil:
			r.OK, r.PairingID = true, pr.ID
			p.Proposed++
		case broen.ErrorCode(err) == broen.EINTERNAL:
			_ = c.Error(err)
			return
		default:
			r.Problem = l.T(publicError(err).MessageID)
			p.Failed++
		}
		p.Results = append(p.Results, r)
	}
	status := http.StatusOK
	if len(p.Results) == 0 {
		p.Problem = l.T("mentoring.match.none_ticked")
		status = http.StatusUnprocessableEntity
	}
	s.render(c, status, "mentoring_match", &p)
}

// apiMatch: POST /api/v1/mentoring/match runs the batch and returns the
// Result; it proposes nothing.
func (s *Server) apiMatch(c *gin.Context) {
	res, _, err := s.runMatch(c, 0)
	if errors.Is(err, errMatchTooSlow) {
		s.apiAbort(c, http.StatusServiceUnavailable, &broen.Error{Code: broen.EINTERNAL, MessageID: msgMatchTooSlow})
		return
	}
	if err != nil {
		_ = c.Error(err)
		return
	}
	if res.Pairs == nil {
		res.Pairs = []mentoring.Suggestion{}
	}
	if res.Unpaired == nil {
		res.Unpaired = []int64{}
	}
	c.JSON(http.StatusOK, res)
}

// apiReason is a reason as codes, with its text in the reader's language.
type apiReason struct {
	mentoring.Reason
	Text string `json:"text"`
}

// apiSuggestionItem is a suggestion with its reasons in words.
type apiSuggestionItem struct {
	VolunteerID int64       `json:"volunteer_id"`
	NewcomerID  int64       `json:"newcomer_id"`
	Score       float64     `json:"score"`
	Reasons     []apiReason `json:"reasons"`
	Text        string      `json:"text"`
}

func apiSuggestions(l *locales.Localizer, ss []mentoring.Suggestion) []apiSuggestionItem {
	out := make([]apiSuggestionItem, len(ss))
	for i, x := range ss {
		it := apiSuggestionItem{VolunteerID: x.VolunteerID, NewcomerID: x.NewcomerID, Score: x.Score,
			Reasons: make([]apiReason, len(x.Reasons)), Text: reasonsLine(l, x.Reasons)}
		for j, r := range x.Reasons {
			it.Reasons[j] = apiReason{r, reasonText(l, r)}
		}
		out[i] = it
	}
	return out
}

// apiSuggestions: GET /api/v1/mentoring/suggestions?newcomer_id=… or
// ?volunteer_id=…, &limit=5: the best eligible partners on the waiting
// list, highest score first.
func (s *Server) apiSuggestions(c *gin.Context) {
	ctx := c.Request.Context()
	q := c.Request.URL.Query()
	fe := broen.FieldErrors{}
	limit := 5
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxSuggestionLimit {
			fe.Add("limit", "validation.per_page")
		}
		limit = n
	}
	nid, hasN := mpFormID(q.Get("newcomer_id"))
	vid, hasV := mpFormID(q.Get("volunteer_id"))
	switch {
	case hasN == hasV:
		fe.Add("newcomer_id", "validation.choose_one")
	case q.Get("newcomer_id") != "" && !hasN:
		fe.Add("newcomer_id", "validation.number")
	case q.Get("volunteer_id") != "" && !hasV:
		fe.Add("volunteer_id", "validation.number")
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
	pool, err := s.waitingPool(ctx)
	if err != nil {
		_ = c.Error(err)
		return
	}
	var list []mentoring.Suggestion
	if hasN {
		n, err := s.svc.Newcomers.FindNewcomerByID(ctx, nid)
		if err != nil {
			_ = c.Error(err)
			return
		}
		list = eng.SuggestForNewcomer(n, pool, limit)
	} else {
		v, err := s.svc.Volunteers.FindVolunteerByID(ctx, vid)
		if err != nil {
			_ = c.Error(err)
			return
		}
		list = eng.SuggestForVolunteer(v, pool, limit)
	}
	c.JSON(http.StatusOK, gin.H{"items": apiSuggestions(localizer(c), list)})
}
