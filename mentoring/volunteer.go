package mentoring

import (
	"context"
	"time"
)

// VolunteerStatus is where a volunteer is in the programme.
type VolunteerStatus string

const (
	// VolunteerPending: signed up through the public form; the coordinator
	// has not talked to them yet, so they are not matched.
	VolunteerPending VolunteerStatus = "pending"
	// VolunteerAvailable: approved and matched while they have capacity left.
	VolunteerAvailable VolunteerStatus = "available"
	// VolunteerPaused: takes no new pairing for now; current ones go on.
	VolunteerPaused VolunteerStatus = "paused"
	// VolunteerLeft: no longer in the programme.
	VolunteerLeft VolunteerStatus = "left"
)

// VolunteerStatuses lists the statuses in display order.
var VolunteerStatuses = []VolunteerStatus{VolunteerPending, VolunteerAvailable, VolunteerPaused, VolunteerLeft}

// Valid reports whether s is a known status.
func (s VolunteerStatus) Valid() bool {
	switch s {
	case VolunteerPending, VolunteerAvailable, VolunteerPaused, VolunteerLeft:
		return true
	}
	return false
}

// MaxCapacity bounds how many newcomers one volunteer can have at once.
const MaxCapacity = 10

// Volunteer is a mentor, or a network family as one unit.
type Volunteer struct {
	ID int64 `json:"id"`
	Profile
	Status VolunteerStatus `json:"status"`
	// Capacity is how many newcomers they can have at once (proposed and
	// active pairings both hold a place).
	Capacity int `json:"capacity"`
	// Open is the number of proposed and active pairings (read-only).
	Open        int         `json:"open"`
	Offers      []Need      `json:"offers,omitempty"`
	PoliceCheck PoliceCheck `json:"police_check"`
	// TrainedOn and PledgeSignedOn are the days the introduction course was
	// done and the confidentiality pledge signed; zero if not yet.
	TrainedOn      time.Time `json:"trained_on,omitzero"`
	PledgeSignedOn time.Time `json:"pledge_signed_on,omitzero"`
	// UserID is their account, 0 if they have none.
	UserID int64 `json:"user_id,omitempty"`
	// WaitingSince is when they joined the waiting list: approval, or the
	// end of their last pairing.
	WaitingSince time.Time `json:"waiting_since"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Spare is how many more newcomers the volunteer can be proposed to now.
func (v *Volunteer) Spare() int {
	if v.Status != VolunteerAvailable || v.Open >= v.Capacity {
		return 0
	}
	return v.Capacity - v.Open
}

// Ready reports whether the volunteer has done what the programme asks
// before a first pairing: the introduction and the confidentiality pledge.
func (v *Volunteer) Ready() bool { return !v.TrainedOn.IsZero() && !v.PledgeSignedOn.IsZero() }

// VolunteerFilter selects volunteers. Nil fields do not filter.
type VolunteerFilter struct {
	Status *VolunteerStatus
	// Waiting keeps the volunteers on the waiting list: available and with
	// capacity left.
	Waiting   *bool
	Household *Household
	District  *string
	Language  *string
	Interest  *string
	Query     *string // part of the name or email
	UserID    *int64
	// Sort "waiting" (longest first, the default), "name" or "newest".
	Sort          string
	Offset, Limit int
}

// VolunteerUpdate changes the non-nil fields.
type VolunteerUpdate struct {
	Profile        *Profile
	Status         *VolunteerStatus
	Capacity       *int
	Offers         *[]Need
	PoliceCheck    *PoliceCheck
	TrainedOn      *time.Time
	PledgeSignedOn *time.Time
	UserID         *int64
	WaitingSince   *time.Time
}

// Apply sets the non-nil fields of upd on v.
func (upd VolunteerUpdate) Apply(v *Volunteer) {
	if upd.Profile != nil {
		v.Profile = *upd.Profile
	}
	if upd.Status != nil {
		v.Status = *upd.Status
	}
	if upd.Capacity != nil {
		v.Capacity = *upd.Capacity
	}
	if upd.Offers != nil {
		v.Offers = append([]Need(nil), (*upd.Offers)...)
	}
	if upd.PoliceCheck != nil {
		v.PoliceCheck = *upd.PoliceCheck
	}
	if upd.TrainedOn != nil {
		v.TrainedOn = *upd.TrainedOn
	}
	if upd.PledgeSignedOn != nil {
		v.PledgeSignedOn = *upd.PledgeSignedOn
	}
	if upd.UserID != nil {
		v.UserID = *upd.UserID
	}
	if upd.WaitingSince != nil {
		v.WaitingSince = *upd.WaitingSince
	}
}

// VolunteerService reads and writes volunteers.
type VolunteerService interface {
	// FindVolunteerByID returns ENOTFOUND if there is no such volunteer.
	FindVolunteerByID(ctx context.Context, id int64) (*Volunteer, error)
	// FindVolunteers returns one page and the total.
	FindVolunteers(ctx context.Context, f VolunteerFilter) ([]*Volunteer, int, error)
	// CreateVolunteer normalizes, validates and stores v; EINVALID.
	CreateVolunteer(ctx context.Context, v *Volunteer) error
	// UpdateVolunteer applies upd, normalizes and validates; EINVALID,
	// ENOTFOUND, or ECONFLICT when the capacity would fall below the
	// volunteer's open pairings.
	UpdateVolunteer(ctx context.Context, id int64, upd VolunteerUpdate) (*Volunteer, error)
}
