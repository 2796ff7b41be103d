package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"broen/mentoring"
)

// The coordinator's overview of the programme: both waiting lists, the
// proposals waiting for answers, the active pairings, and what needs
// following up (from the one follow-up list, so the numbers agree with the
// follow-up page and the weekly digest).

type overviewPage struct {
	basePage
	WaitingNewcomers  int
	NewcomerLongest   string // "waiting for 12 days", "" if nobody waits
	WaitingVolunteers int
	VolunteerLongest  string
	OpenProposals     int
	ExpiringSoon      int
	ActivePairings    int
	DueCheckIns       int
	Quiet             []quietRow
	QuietTotal        int
	QuietMore         bool
	QuietDefinition   string
	DueRows           []dueRow
	DueMore           bool
}

// quietRow is a quiet pairing in a list.
type quietRow struct {
	ID        int64
	Volunteer string
	Newcomer  string
	For       string // "no contact for 34 days"
	Last      string // the last contact, or ""
}

// dueRow is a due check-in in a list.
type dueRow struct {
	ID        int64
	PairingID int64
	Volunteer string
	Newcomer  string
	Point     string
	Due       string
	Overdue   string
	Outcomes  []option
}

const overviewListLength = 10

func (s *Server) mentoringOverview(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	p := overviewPage{basePage: s.base(c, l.T("mentoring.overview.heading"))}
	yes := true

	ns, total, err := s.svc.Newcomers.FindNewcomers(ctx, mentoring.NewcomerFilter{Waiting: &yes, Sort: "waiting", Limit: 1})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.WaitingNewcomers = total
	if len(ns) > 0 {
		p.NewcomerLongest = l.N("mentoring.days", s.waitedDays(ns[0].WaitingSince))
	}
	vs, total, err := s.svc.Volunteers.FindVolunteers(ctx, mentoring.VolunteerFilter{Waiting: &yes, Sort: "waiting", Limit: 1})
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.WaitingVolunteers = total
	if len(vs) > 0 {
		p.VolunteerLongest = l.N("mentoring.days", s.waitedDays(vs[0].WaitingSince))
	}

	proposed := mentoring.PairingProposed
	soon := s.Now().Add(expiringSoonDays * 24 * time.Hour)
	for off := 0; ; off += poolPage {
		ps, total, err := s.svc.Pairings.FindPairings(ctx, mentoring.PairingFilter{Status: &proposed, Offset: off, Limit: poolPage})
		if err != nil {
			_ = c.Error(err)
			return
		}
		p.OpenProposals = total
		for _, x := range ps {
			if x.ExpiresAt.Before(soon) {
				p.ExpiringSoon++
			}
		}
		if len(ps) == 0 || off+len(ps) >= total {
			break
		}
	}
	active := mentoring.PairingActive
	if _, p.ActivePairings, err = s.svc.Pairings.FindPairings(ctx, mentoring.PairingFilter{Status: &active, Limit: 1}); err != nil {
		_ = c.Error(err)
		return
	}

	fu, err := s.svc.Pairings.FollowUp(ctx, s.Now())
	if err != nil {
		_ = c.Error(err)
		return
	}
	p.DueCheckIns, p.QuietTotal = len(fu.DueCheckIns), len(fu.Quiet)
	p.QuietDefinition = l.N("mentoring.followup.definition", s.mpQuietDays(fu))
	p.Quiet = s.quietRows(l, fu.Quiet, overviewListLength)
	p.QuietMore = len(fu.Quiet) > overviewListLength
	p.DueRows = s.dueRows(l, fu.DueCheckIns, overviewListLength)
	p.DueMore = len(fu.DueCheckIns) > overviewListLength
	s.render(c, http.StatusOK, "mentoring_overview", &p)
}

// mpQuietDays is the follow-up list's N, or the policy's.
func (s *Server) mpQuietDays(fu *mentoring.FollowUp) int {
	if fu.QuietDays > 0 {
		return fu.QuietDays
	}
	return s.cfg.Mentoring.Quiet()
}
