package mentoring

import (
	"context"
	"time"
)

// NewcomerStatus is where a newcomer is in the programme.
type NewcomerStatus string

const (
	// NewcomerWaiting: wants a mentor or a network family; on the waiting
	// list while they have no open pairing.
	NewcomerWaiting NewcomerStatus = "waiting"
	// NewcomerPaused: does not want a new pairing now (a course, a move).
	NewcomerPaused NewcomerStatus = "paused"
	// NewcomerLeft: no longer in the programme.
	NewcomerLeft NewcomerStatus = "left"
)

// NewcomerStatuses lists the statuses in display order.
var NewcomerStatuses = []NewcomerStatus{NewcomerWaiting, NewcomerPaused, NewcomerLeft}

// Valid reports whether s is a known status.
func (s NewcomerStatus) Valid() bool {
	return s == NewcomerWaiting || s == NewcomerPaused || s == NewcomerLeft
}

// Newcomer is a refugee or other immigrant, alone or as a family, who wants
// a mentor or a network family.
type Newcomer struct {
	ID int64 `json:"id"`
	Profile
	Status NewcomerStatus `json:"status"`
	// NordicLevel is their level in the municipality's language.
	NordicLevel NordicLevel `json:"nordic_level"`
	Needs       []Need      `json:"needs,omitempty"`
	// Open is the number of proposed and active pairings (read-only);
	// Active the active ones.
	Open   int `json:"open"`
	Active int `json:"active"`
	// WaitingSince is when they joined the waiting list: registration, or
	// the end of their last pairing.
	WaitingSince time.Time `json:"waiting_since"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// IsWaiting reports whether the newcomer is on the waiting list: wants a
// pairing and has none proposed or active.
func (n *Newcomer) IsWaiting() bool { return n.Status == NewcomerWaiting && n.Open == 0 }

// NewcomerFilter selects newcomers. Nil fields do not filter.
type NewcomerFilter struct {
	Status *NewcomerStatus
	// Waiting keeps the newcomers on the waiting list (IsWaiting).
	Waiting     *bool
	Household   *Household
	District    *string
	Language    *string
	Need        *Need
	NordicLevel *NordicLevel
	Query       *string // part of the name
	// Sort "waiting" (longest first, the default), "name" or "newest".
	Sort          string
	Offset, Limit int
}

// NewcomerUpdate changes the non-nil fields.
type NewcomerUpdate struct {
	Profile      *Profile
	Status       *NewcomerStatus
	NordicLevel  *NordicLevel
	Needs        *[]Need
	WaitingSince *time.Time
}

// Apply sets the non-nil fields of upd on n.
func (upd NewcomerUpdate) Apply(n *Newcomer) {
	if upd.Profile != nil {
		n.Profile = *upd.Profile
	}
	if upd.Status != nil {
		n.Status = *upd.Status
	}
	if upd.NordicLevel != nil {
		n.NordicLevel = *upd.NordicLevel
	}
	if upd.Needs != nil {
		n.Needs = append([]Need(nil), (*upd.Needs)...)
	}
	if upd.WaitingSince != nil {
		n.WaitingSince = *upd.WaitingSince
	}
}

// NewcomerService reads and writes newcomers. Reading a newcomer's record
// is logged by the caller (DOMAIN.md: log who read a newcomer's record).
type NewcomerService interface {
	// FindNewcomerByID returns ENOTFOUND if there is no such newcomer.
	FindNewcomerByID(ctx context.Context, id int64) (*Newcomer, error)
	// FindNewcomers returns one page and the total.
	FindNewcomers(ctx context.Context, f NewcomerFilter) ([]*Newcomer, int, error)
	// CreateNewcomer normalizes, validates and stores n; EINVALID.
	CreateNewcomer(ctx context.Context, n *Newcomer) error
	// UpdateNewcomer applies upd, normalizes and validates; EINVALID or
	// ENOTFOUND.
	UpdateNewcomer(ctx context.Context, id int64, upd NewcomerUpdate) (*Newcomer, error)
}
