package registry

import "time"

// ScheduleKind tells a repeating schedule from a one-off event.
type ScheduleKind string

const (
	ScheduleRecurring ScheduleKind = "recurring"
	ScheduleOnce      ScheduleKind = "once"
)

// Schedule says when an activity happens. Times are wall-clock times in Zone,
// so "every Tuesday 18:00 Europe/Oslo" stays at 18:00 across summer time.
// Dates are civil dates "2026-01-06"; times "18:00".
type Schedule struct {
	ID   int64        `json:"id,omitempty"`
	Kind ScheduleKind `json:"kind"`
	Zone string       `json:"zone"` // IANA: Europe/Oslo, Europe/Copenhagen, Europe/Stockholm
	// RRule is an RFC 5545 recurrence rule without DTSTART, for recurring
	// schedules: "FREQ=WEEKLY;BYDAY=TU" or "FREQ=MONTHLY;BYDAY=1SA".
	RRule     string   `json:"rrule,omitempty"`
	StartDate string   `json:"start_date"`         // first day (the only day for a one-off)
	EndDate   string   `json:"end_date,omitempty"` // last day, inclusive; empty: open-ended
	StartTime string   `json:"start_time"`
	EndTime   string   `json:"end_time"`
	Except    []string `json:"except,omitempty"` // dates with no occurrence
}

// Occurrence is one time an activity happens, in the schedule's zone.
type Occurrence struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}
