package registry

import (
	"context"
	"time"
)

// OrgKind is the kind of organisation.
type OrgKind string

const (
	OrgVoluntary    OrgKind = "voluntary"
	OrgImmigrant    OrgKind = "immigrant"
	OrgSports       OrgKind = "sports_club"
	OrgMeetingPlace OrgKind = "meeting_place"
	OrgBusiness     OrgKind = "business"
	OrgPublic       OrgKind = "public_service"
)

// OrgKinds lists the organisation kinds in display order.
var OrgKinds = []OrgKind{OrgVoluntary, OrgImmigrant, OrgSports, OrgMeetingPlace, OrgBusiness, OrgPublic}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool {
	for _, x := range OrgKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Status is where a listing (organisation or activity) is in its life.
type Status string

const (
	StatusPending  Status = "pending"  // waiting for the coordinator
	StatusApproved Status = "approved" // public
	StatusPaused   Status = "paused"   // activity only: kept, not shown
	StatusArchived Status = "archived" // kept for the record, not shown
)

// Organisation is a voluntary organisation, club, immigrant organisation,
// meeting place, business or public service that runs activities.
type Organisation struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Kind        OrgKind `json:"kind"`
	Country     string  `json:"country"`    // NO, DK or SE: decides the org number and postcode rules
	OrgNumber   string  `json:"org_number"` // digits only; empty when the organisation has none
	Description Text    `json:"description"`
	Website     string  `json:"website,omitempty"`
	Email       string  `json:"email,omitempty"`
	Phone       string  `json:"phone,omitempty"` // E.164
	// ContactPublic is the organisation's choice to show email and phone on
	// its public page; otherwise they are kept for the coordinator.
	ContactPublic bool      `json:"contact_public"`
	Address       string    `json:"address,omitempty"`
	Postcode      string    `json:"postcode,omitempty"`
	City          string    `json:"city,omitempty"`
	District      string    `json:"district,omitempty"`
	Status        Status    `json:"status"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`

	// ActivityCount is filled by FindOrganisations: the organisation's public activities.
	ActivityCount int `json:"activity_count"`
}

// OrganisationFilter selects organisations. Nil fields do not filter.
type OrganisationFilter struct {
	Query    *string
	Kind     *OrgKind
	Status   *Status
	District *string
	Offset   int
	Limit    int
}

// OrganisationUpdate changes the non-nil fields of an organisation.
type OrganisationUpdate struct {
	Name          *string
	Kind          *OrgKind
	Country       *string
	OrgNumber     *string
	Description   *Text
	Website       *string
	Email         *string
	Phone         *string
	ContactPublic *bool
	Address       *string
	Postcode      *string
	City          *string
	District      *string
	Status        *Status
}

// Apply copies the update's non-nil fields onto o.
func (u OrganisationUpdate) Apply(o *Organisation) {
	set(&o.Name, u.Name)
	set(&o.Kind, u.Kind)
	set(&o.Country, u.Country)
	set(&o.OrgNumber, u.OrgNumber)
	set(&o.Description, u.Description)
	set(&o.Website, u.Website)
	set(&o.Email, u.Email)
	set(&o.Phone, u.Phone)
	set(&o.ContactPublic, u.ContactPublic)
	set(&o.Address, u.Address)
	set(&o.Postcode, u.Postcode)
	set(&o.City, u.City)
	set(&o.District, u.District)
	set(&o.Status, u.Status)
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// OrganisationService reads and writes organisations.
type OrganisationService interface {
	// FindOrganisationByID returns ENOTFOUND if there is no such organisation.
	FindOrganisationByID(ctx context.Context, id int64) (*Organisation, error)
	// FindOrganisations returns one page of matching organisations, sorted by
	// name, and the total number of matches.
	FindOrganisations(ctx context.Context, f OrganisationFilter) ([]*Organisation, int, error)
	// CreateOrganisation validates and stores o, setting its ID and times.
	// It returns EINVALID with field messages, or ECONFLICT if the
	// organisation number is already registered.
	CreateOrganisation(ctx context.Context, o *Organisation) error
	// UpdateOrganisation applies upd and validates the result; EINVALID,
	// ENOTFOUND or ECONFLICT as for Create.
	UpdateOrganisation(ctx context.Context, id int64, upd OrganisationUpdate) (*Organisation, error)
	// DeleteOrganisation removes the organisation and its activities;
	// ENOTFOUND if it does not exist.
	DeleteOrganisation(ctx context.Context, id int64) error
	// MergeOrganisations moves drop's activities, places, editors and
	// waiting submissions to keep and removes drop, all or nothing;
	// ENOTFOUND, or EINVALID if keep and drop are the same.
	MergeOrganisations(ctx context.Context, keep, drop int64) error
}
