package accounts

import (
	"context"
	"time"
)

// Role is what a user may do.
type Role string

const (
	// RoleCoordinator manages everything in the municipality.
	RoleCoordinator Role = "coordinator"
	// RoleEditor edits the organisations they belong to and their activities.
	RoleEditor Role = "editor"
	// RoleVolunteer is a mentor or a network family's contact person: they
	// see their own proposals and pairings, answer, log contact and pause.
	RoleVolunteer Role = "volunteer"
)

// Roles lists the roles in display order.
var Roles = []Role{RoleCoordinator, RoleEditor, RoleVolunteer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleCoordinator || r == RoleEditor || r == RoleVolunteer }

// User is a person who signs in. PasswordHash is an encoded argon2id hash
// (see HashPassword); it is never shown or logged.
type User struct {
	ID              int64     `json:"id"`
	Email           string    `json:"email"` // lower-cased; unique
	Name            string    `json:"name"`
	Role            Role      `json:"role"`
	Locale          string    `json:"locale"`           // nb, nn, da, sv or en: the language of their emails
	OrganisationIDs []int64   `json:"organisation_ids"` // editors: the organisations they may edit
	PasswordHash    string    `json:"-"`
	Disabled        bool      `json:"disabled"`
	CreatedAt       time.Time `json:"created_at"`
	LastLoginAt     time.Time `json:"last_login_at,omitzero"`
}

// CanEditOrganisation reports whether u may change organisation orgID and its
// activities.
func (u *User) CanEditOrganisation(orgID int64) bool {
	if u == nil || u.Disabled {
		return false
	}
	if u.Role == RoleCoordinator {
		return true
	}
	for _, id := range u.OrganisationIDs {
		if id == orgID {
			return true
		}
	}
	return false
}

// IsVolunteer reports whether u is an enabled volunteer.
func (u *User) IsVolunteer() bool { return u != nil && !u.Disabled && u.Role == RoleVolunteer }

// IsCoordinator reports whether u is an enabled coordinator.
func (u *User) IsCoordinator() bool { return u != nil && !u.Disabled && u.Role == RoleCoordinator }

// UserFilter selects users. Nil fields do not filter.
type UserFilter struct {
	Role           *Role
	OrganisationID *int64
	Offset, Limit  int
}

// UserUpdate changes the non-nil fields of a user.
type UserUpdate struct {
	Name            *string
	Role            *Role
	Locale          *string
	OrganisationIDs *[]int64
	PasswordHash    *string
	Disabled        *bool
	LastLoginAt     *time.Time
}

// UserService reads and writes users.
type UserService interface {
	// FindUserByID returns ENOTFOUND if there is no such user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByEmail finds a user by email, case-insensitively; ENOTFOUND.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// FindUsers returns one page of users sorted by name, and the total.
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CreateUser validates and stores u; EINVALID, or ECONFLICT if the email
	// is taken.
	CreateUser(ctx context.Context, u *User) error
	// UpdateUser applies upd; EINVALID or ENOTFOUND.
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
}

// Apply sets the non-nil fields of upd on u.
func (upd UserUpdate) Apply(u *User) {
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.Role != nil {
		u.Role = *upd.Role
	}
	if upd.Locale != nil {
		u.Locale = *upd.Locale
	}
	if upd.OrganisationIDs != nil {
		u.OrganisationIDs = append([]int64(nil), (*upd.OrganisationIDs)...)
	}
	if upd.PasswordHash != nil {
		u.PasswordHash = *upd.PasswordHash
	}
	if upd.Disabled != nil {
		u.Disabled = *upd.Disabled
	}
	if upd.LastLoginAt != nil {
		u.LastLoginAt = *upd.LastLoginAt
	}
}
