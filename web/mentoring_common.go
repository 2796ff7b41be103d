package web

import (
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/mentoring"
)

// Shared by the mentoring pages: the engine as the coordinator has tuned it,
// the readable reasons behind a score, and the volunteer-only gate.

// matcher returns the matching engine with the coordinator's weights, for
// the day of now.
func (s *Server) matcher(c *gin.Context) (*mentoring.Engine, error) {
	w, err := s.svc.Pairings.MatchWeights(c.Request.Context())
	if err != nil {
		return nil, err
	}
	return &mentoring.Engine{Weights: w, Local: s.local(), Today: s.cfg.Mentoring.Today(s.Now())}, nil
}

func (s *Server) local() string {
	if s.cfg.Local == "" {
		return "nb"
	}
	return s.cfg.Local
}

func (s *Server) country() string {
	if s.cfg.Country == "" {
		return "NO"
	}
	return s.cfg.Country
}

// reasonText is one reason in the reader's language: "dere snakker begge
// arabisk", "2,1 km unna", "begge ledige tirsdag kveld".
func reasonText(l *locales.Localizer, r mentoring.Reason) string {
	id := "mentoring.reason." + r.Code
	switch r.Code {
	case mentoring.ReasonBothSpeak, mentoring.ReasonPractice:
		return l.T(id, "Language", l.T("registry.language."+r.Value))
	case mentoring.ReasonInterest:
		return l.T(id, "Interest", interestName(l, r.Value))
	case mentoring.ReasonOffers:
		return l.T(id, "Need", l.T("mentoring.need_short."+r.Value))
	case mentoring.ReasonDistance:
		return l.T(id, "Km", l.Decimal(r.Number, 1))
	case mentoring.ReasonDistrict:
		return l.T(id, "District", r.Value)
	case mentoring.ReasonBothFree:
		slot, _ := mentoring.ParseSlot(r.Value)
		if n := int(r.Number); n > 1 {
			return l.N("mentoring.reason.both_free_more", n-1, "Slot", slotName(l, slot))
		}
		return l.T(id, "Slot", slotName(l, slot))
	}
	return l.T(id)
}

// reasonsLine joins reasons with " · ".
func reasonsLine(l *locales.Localizer, rs []mentoring.Reason) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = reasonText(l, r)
	}
	return strings.Join(parts, " · ")
}

// interestName is a registry category's localized name, or the tag as typed.
func interestName(l *locales.Localizer, s string) string {
	if mentoring.IsCategory(s) {
		return strings.ToLower(l.T("registry.category." + s))
	}
	return s
}

// slotName is "tirsdag kveld", "tisdag kväll".
func slotName(l *locales.Localizer, s mentoring.Slot) string {
	return l.T("mentoring.slot", "Day", l.Weekday(s.Day), "Part", l.T("mentoring.part."+s.Part.String()))
}

// dayText formats a date-only value ("24. november 2026"), or "" for zero.
func dayText(l *locales.Localizer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.DateYear(t)
}

// requireVolunteer lets through signed-in volunteers only (after
// requireUser); anyone else gets 403.
func (s *Server) requireVolunteer(c *gin.Context) {
	if !currentUser(c).IsVolunteer() {
		_ = c.Error(&broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"})
		c.Abort()
		return
	}
	c.Next()
}
