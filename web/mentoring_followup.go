package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"broen/locales"
	"broen/mentoring"
	"broen/notify"
)

// The coordinator's follow-up list: the check-ins that are due and the
// quiet pairings, both from PairingService.FollowUp, the one place that
// decides what is quiet.

type followUpPage struct {
	basePage
	Day        string
	Definition string
	Due        []dueRow
	Quiet      []quietRow
	// Problem is a completed check-in that could not be recorded; CheckInID
	// and Outcome keep what was chosen.
	Problem   string
	CheckInID int64
	Outcome   string
}

func (s *Server) followUpPage(c *gin.Context) {
	s.renderFollowUp(c, http.StatusOK, "", 0, "")
}

func (s *Server) renderFollowUp(c *gin.Context, status int, problem string, checkInID int64, outcome string) {
	l := localizer(c)
	fu, err := s.svc.Pairings.FollowUp(c.Request.Context(), s.Now())
	if err != nil {
		_ = c.Error(err)
		return
	}
	p := followUpPage{basePage: s.base(c, l.T("mentoring.followup.title")), Day: dayText(l, fu.Day),
		Definition: l.N("mentoring.followup.definition", s.mpQuietDays(fu)),
		Problem:    problem, CheckInID: checkInID, Outcome: outcome}
	p.Due = s.dueRows(l, fu.DueCheckIns, 0)
	for i := range p.Due {
		sel := ""
		if p.Due[i].ID == checkInID {
			sel = outcome
		}
		p.Due[i].Outcomes = checkInOutcomeOptions(l, sel)
	}
	p.Quiet = s.quietRows(l, fu.Quiet, 0)
	s.render(c, status, "mentoring_followup", &p)
}

// quietRows lists quiet pairings, at most limit (0: all).
func (s *Server) quietRows(l *locales.Localizer, ps []*mentoring.Pairing, limit int) []quietRow {
	now := s.Now()
	var out []quietRow
	for _, p := range ps {
		if limit > 0 && len(out) == limit {
			break
		}
		r := quietRow{ID: p.ID, Volunteer: p.VolunteerName, Newcomer: p.NewcomerName,
			For: l.N("mentoring.quiet_for", s.cfg.Mentoring.QuietFor(p, now))}
		if !p.LastContact.IsZero() {
			r.Last = dayText(l, p.LastContact)
		}
		out = append(out, r)
	}
	return out
}

// dueRows lists due check-ins, at most limit (0: all).
func (s *Server) dueRows(l *locales.Localizer, cs []*mentoring.CheckIn, limit int) []dueRow {
	today := s.mpToday()
	var out []dueRow
	for _, x := range cs {
		if limit > 0 && len(out) == limit {
			break
		}
		r := dueRow{ID: x.ID, PairingID: x.PairingID, Volunteer: x.VolunteerName, Newcomer: x.NewcomerName,
			Point: notify.CheckInPointName(l, x.Point), Due: dayText(l, x.Due)}
		if d := int(today.Sub(x.Due).Hours() / 24); d > 0 {
			r.Overdue = l.N("mentoring.followup.overdue", d)
		} else {
			r.Overdue = l.T("mentoring.followup.due_today")
		}
		out = append(out, r)
	}
	return out
}

// apiQuiet is a quiet pairing with the days since its last sign of life.
type apiQuiet struct {
	*mentoring.Pairing
	QuietFor int `json:"quiet_for"`
}

type apiFollowUpBody struct {
	Day         time.Time            `json:"day"`
	DueCheckIns []*mentoring.CheckIn `json:"due_check_ins"`
	Quiet       []apiQuiet           `json:"quiet"`
	QuietDays   int                  `json:"quiet_days"`
}

// apiFollowUp: GET /api/v1/mentoring/follow-up.
func (s *Server) apiFollowUp(c *gin.Context) {
	fu, err := s.svc.Pairings.FollowUp(c.Request.Context(), s.Now())
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := apiFollowUpBody{Day: fu.Day, DueCheckIns: fu.DueCheckIns, Quiet: []apiQuiet{}, QuietDays: s.mpQuietDays(fu)}
	if out.DueCheckIns == nil {
		out.DueCheckIns = []*mentoring.CheckIn{}
	}
	for _, p := range fu.Quiet {
		out.Quiet = append(out.Quiet, apiQuiet{p, s.cfg.Mentoring.QuietFor(p, s.Now())})
	}
	c.JSON(http.StatusOK, out)
}
