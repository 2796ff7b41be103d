package mentoring

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"broen"
)

// Policy holds the programme's rules. The zero value of a field means its
// default.
type Policy struct {
	// ProposalDays: a proposal not answered by both sides within this many
	// days expires and releases the place it held (default 14).
	ProposalDays int
	// ReminderDays: a volunteer who has not answered a proposal after this
	// many days is reminded once by email (default 5).
	ReminderDays int
	// MaxActivePerNewcomer is how many active pairings a newcomer may have
	// at once (default 1).
	MaxActivePerNewcomer int
	// QuietDays: an active pairing with no contact logged for this many
	// days is quiet (default 30). See IsQuiet: it is the only definition.
	QuietDays int
	// CheckIns are the follow-up points after the start (default 2 weeks,
	// 1, 3 and 6 months).
	CheckIns []CheckInPoint
	// Zone is the municipality's time zone, which decides what "today" is
	// (default Europe/Oslo).
	Zone *time.Location
}

// CheckInPoint is a time after a pairing's start: Weeks or Months.
type CheckInPoint struct {
	Weeks, Months int
}

// Code is "2w" or "3m", the point's stable name.
func (c CheckInPoint) Code() string {
	if c.Weeks > 0 {
		return fmt.Sprintf("%dw", c.Weeks)
	}
	return fmt.Sprintf("%dm", c.Months)
}

// ParseCheckInPoints reads "2w,1m,3m,6m".
func ParseCheckInPoints(s string) ([]CheckInPoint, error) {
	var out []CheckInPoint
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		var n int
		var unit string
		if _, err := fmt.Sscanf(f, "%d%s", &n, &unit); err != nil || n <= 0 || n > 120 {
			return nil, fmt.Errorf("mentoring: check-in point %q: want a number and w or m, like 2w or 3m", f)
		}
		switch unit {
		case "w":
			out = append(out, CheckInPoint{Weeks: n})
		case "m":
			out = append(out, CheckInPoint{Months: n})
		default:
			return nil, fmt.Errorf("mentoring: check-in point %q: want a number and w or m, like 2w or 3m", f)
		}
	}
	return out, nil
}

// DefaultCheckIns are 2 weeks, 1, 3 and 6 months after the start.
var DefaultCheckIns = []CheckInPoint{{Weeks: 2}, {Months: 1}, {Months: 3}, {Months: 6}}

var defaultZone = func() *time.Location {
	if z, err := time.LoadLocation("Europe/Oslo"); err == nil {
		return z
	}
	return time.UTC
}()

func (p Policy) proposalDays() int { return or(p.ProposalDays, 14) }

// Reminder returns ReminderDays or its default.
func (p Policy) Reminder() int { return or(p.ReminderDays, 5) }

// MaxActive returns MaxActivePerNewcomer or its default.
func (p Policy) MaxActive() int { return or(p.MaxActivePerNewcomer, 1) }

// Quiet returns QuietDays or its default.
func (p Policy) Quiet() int { return or(p.QuietDays, 30) }

// Points returns CheckIns or the default points.
func (p Policy) Points() []CheckInPoint {
	if len(p.CheckIns) == 0 {
		return DefaultCheckIns
	}
	return p.CheckIns
}

// Location returns Zone or Europe/Oslo.
func (p Policy) Location() *time.Location {
	if p.Zone == nil {
		return defaultZone
	}
	return p.Zone
}

func or(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Today is the calendar day of now in the municipality, as midnight UTC.
func (p Policy) Today(now time.Time) time.Time { return Day(now.In(p.Location())) }

// DayOf is the municipality's calendar day of an instant, as midnight UTC.
func (p Policy) DayOf(t time.Time) time.Time { return p.Today(t) }

// QuietCutoff is the last day on which a contact still leaves a pairing
// quiet on the day of now: Today − QuietDays. With the default 30 days, a
// pairing whose last contact was on 1 March is quiet from 31 March.
func (p Policy) QuietCutoff(now time.Time) time.Time {
	return p.Today(now).AddDate(0, 0, -p.Quiet())
}

// LastSign is the day a pairing last showed life: its last contact, or its
// start if nothing was logged since.
func (p Policy) LastSign(pr *Pairing) time.Time {
	start := p.DayOf(pr.StartedAt)
	if pr.LastContact.After(start) {
		return Day(pr.LastContact)
	}
	return start
}

// IsQuiet is the one definition of a quiet pairing: it is active and the
// day of its last contact (or of its start, when nothing was logged) is on
// or before QuietCutoff(now) — no contact logged for QuietDays days. The
// store's SQL applies exactly this comparison (LastSign <= QuietCutoff);
// the follow-up list, the counts and the weekly digest all use the store.
func (p Policy) IsQuiet(pr *Pairing, now time.Time) bool {
	return pr.Status == PairingActive && !p.LastSign(pr).After(p.QuietCutoff(now))
}

// QuietFor is how many whole days a pairing has had no contact, on the day
// of now.
func (p Policy) QuietFor(pr *Pairing, now time.Time) int {
	return int(p.Today(now).Sub(p.LastSign(pr)).Hours() / 24)
}

// DaysSince is how many calendar days in the municipality lie between the
// day of t and the day of now (0 for a zero t or a t after now): how long
// someone has waited.
func (p Policy) DaysSince(t, now time.Time) int {
	if t.IsZero() {
		return 0
	}
	return max(0, int(p.Today(now).Sub(p.DayOf(t)).Hours()/24))
}

// CheckInOutcome is how a check-in found the pairing.
type CheckInOutcome string

const (
	CheckInGoingWell    CheckInOutcome = "going_well"
	CheckInNeedsSupport CheckInOutcome = "needs_support"
	CheckInNotReached   CheckInOutcome = "not_reached"
	CheckInEnding       CheckInOutcome = "ending"
)

// CheckInOutcomes lists the outcomes in display order.
var CheckInOutcomes = []CheckInOutcome{CheckInGoingWell, CheckInNeedsSupport, CheckInNotReached, CheckInEnding}

// CheckIn is the coordinator's scheduled follow-up call at a point after
// the start.
type CheckIn struct {
	ID        int64  `json:"id"`
	PairingID int64  `json:"pairing_id"`
	Point     string `json:"point"` // CheckInPoint.Code: "2w", "1m"
	// Due is the day it should happen.
	Due        time.Time      `json:"due"`
	DoneAt     time.Time      `json:"done_at,omitzero"`
	DoneBy     int64          `json:"done_by,omitempty"`
	Outcome    CheckInOutcome `json:"outcome,omitempty"`
	NotifiedAt time.Time      `json:"notified_at,omitzero"`

	// Read-only, filled in by the store.
	VolunteerID   int64  `json:"volunteer_id,omitempty"`
	NewcomerID    int64  `json:"newcomer_id,omitempty"`
	VolunteerName string `json:"volunteer_name,omitempty"`
	NewcomerName  string `json:"newcomer_name,omitempty"`
}

// Done reports whether the check-in has happened.
func (c *CheckIn) Done() bool { return !c.DoneAt.IsZero() }

// CheckInsFor schedules the check-ins of a pairing that became active at
// start.
func (p Policy) CheckInsFor(pairingID int64, start time.Time) []*CheckIn {
	day := p.DayOf(start)
	var out []*CheckIn
	for _, pt := range p.Points() {
		out = append(out, &CheckIn{PairingID: pairingID, Point: pt.Code(), Due: day.AddDate(0, pt.Months, 7*pt.Weeks)})
	}
	return out
}

// Complete is the transition of a check-in to done. ECONFLICT when it is
// done already, EINVALID for an unknown outcome.
func (c *CheckIn) Complete(outcome CheckInOutcome, by int64, at time.Time) error {
	if c.Done() {
		return conflict(ErrCheckInDone)
	}
	if !slices.Contains(CheckInOutcomes, outcome) {
		return broen.FieldErrors{"outcome": msgChoice}.Err()
	}
	c.DoneAt, c.DoneBy, c.Outcome = at, by, outcome
	return nil
}

// ErrCheckInDone: the check-in was recorded already.
const ErrCheckInDone = "mentoring.error.checkin_done"

// CheckInFilter selects check-ins. Nil fields do not filter.
type CheckInFilter struct {
	PairingID *int64
	// DueFrom and DueBy keep those due on or after, and on or before, the
	// day.
	DueFrom *time.Time
	DueBy   *time.Time
	Done    *bool
	// Notified keeps those the volunteer was (or was not) emailed about.
	Notified *bool
	// ActiveOnly keeps those of active pairings.
	ActiveOnly    bool
	Offset, Limit int
}

// ContactKind is how the pair were in touch.
type ContactKind string

const (
	ContactMeeting  ContactKind = "meeting"
	ContactActivity ContactKind = "activity" // went to an activity together
	ContactPhone    ContactKind = "phone"
	ContactMessage  ContactKind = "message"
)

// ContactKinds lists the kinds in display order.
var ContactKinds = []ContactKind{ContactMeeting, ContactActivity, ContactPhone, ContactMessage}

// ContactOutcome is how a contact went, chosen from a list: the log holds
// no free text about people's lives.
type ContactOutcome string

const (
	ContactWentWell  ContactOutcome = "went_well"
	ContactOK        ContactOutcome = "ok"
	ContactDifficult ContactOutcome = "difficult"
	ContactCancelled ContactOutcome = "cancelled"
	ContactNoShow    ContactOutcome = "no_show"
)

// ContactOutcomes lists the outcomes in display order.
var ContactOutcomes = []ContactOutcome{ContactWentWell, ContactOK, ContactDifficult, ContactCancelled, ContactNoShow}

// ContactLog is one contact between the pair, logged by the volunteer or
// the coordinator. A cancelled meeting or a no-show is logged too, but only
// a contact that took place ends a quiet spell (Counts).
type ContactLog struct {
	ID        int64          `json:"id"`
	PairingID int64          `json:"pairing_id"`
	Date      time.Time      `json:"date"` // the day, midnight UTC
	Kind      ContactKind    `json:"kind"`
	Outcome   ContactOutcome `json:"outcome"`
	LoggedBy  int64          `json:"logged_by"`
	Side      string         `json:"side"` // "volunteer" or "coordinator"
	CreatedAt time.Time      `json:"created_at"`
}

// Counts reports whether the contact took place, so that it ends a quiet
// spell: cancelled meetings and no-shows do not.
func (c *ContactLog) Counts() bool {
	return c.Outcome != ContactCancelled && c.Outcome != ContactNoShow
}

// Validate checks the contact against its pairing's start and today.
func (c *ContactLog) Validate(started, today time.Time) error {
	fe := broen.FieldErrors{}
	switch {
	case c.Date.IsZero():
		fe.Add("date", msgRequired)
	case c.Date.After(today):
		fe.Add("date", msgNotFuture)
	case c.Date.Before(Day(started)):
		fe.Add("date", msgBeforeStart)
	}
	if !slices.Contains(ContactKinds, c.Kind) {
		fe.Add("kind", msgChoice)
	}
	if !slices.Contains(ContactOutcomes, c.Outcome) {
		fe.Add("outcome", msgChoice)
	}
	return fe.Err()
}

// FollowUp is the coordinator's follow-up list on one day.
type FollowUp struct {
	Day time.Time `json:"day"`
	// DueCheckIns are not done and due on or before Day, of active
	// pairings, earliest first.
	DueCheckIns []*CheckIn `json:"due_check_ins"`
	// Quiet are the quiet pairings (Policy.IsQuiet), longest quiet first.
	Quiet []*Pairing `json:"quiet"`
	// QuietDays is the policy's N, for the text "no contact for N days".
	QuietDays int `json:"quiet_days"`
}
