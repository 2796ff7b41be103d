package registry

import (
	"context"
	"time"
)

// CostKind says whether taking part costs money.
type CostKind string

const (
	CostFree CostKind = "free"
	CostPaid CostKind = "paid"
)

// Cost is what taking part costs. Price is in minor units (øre) of Currency.
type Cost struct {
	Kind     CostKind `json:"kind"`
	Price    int64    `json:"price,omitempty"`
	Currency string   `json:"currency,omitempty"` // NOK, DKK or SEK
	// LeisureCard is true when the municipality's leisure card
	// (fritidskort, fritidspas) covers the cost.
	LeisureCard bool `json:"leisure_card"`
}

// Location is where an activity takes place.
type Location struct {
	ID       int64   `json:"id,omitempty"`
	Name     string  `json:"name"` // "Bragernes bibliotek, 2. etasje"
	Address  string  `json:"address"`
	Postcode string  `json:"postcode"`
	City     string  `json:"city"`
	District string  `json:"district"`
	Country  string  `json:"country"`
	Lat      float64 `json:"lat,omitempty"`
	Lng      float64 `json:"lng,omitempty"`
}

// Contact is the person or address that answers questions about an activity.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"` // E.164
}

// Activity is one leisure activity, meeting place or course an organisation
// runs. Title, Description and HowToJoin are given in one or more languages.
type Activity struct {
	ID             int64 `json:"id"`
	OrganisationID int64 `json:"organisation_id"`
	// OrganisationName is filled on reads for display; it is not written.
	OrganisationName string `json:"organisation_name,omitempty"`

	Title       Text     `json:"title"`
	Description Text     `json:"description"`
	HowToJoin   Text     `json:"how_to_join"`
	Category    Category `json:"category"`
	Stage       Stage    `json:"stage,omitempty"`

	// AgeMin and AgeMax bound the age range, inclusive; 0 and 0 mean all ages,
	// AgeMax 0 alone means "and older".
	AgeMin int `json:"age_min"`
	AgeMax int `json:"age_max"`

	// Languages are the languages spoken in the activity, what a newcomer filters on.
	Languages []string `json:"languages"`
	// HelperLanguages are languages a volunteer helping out would need.
	HelperLanguages []string `json:"helper_languages,omitempty"`

	Cost                 Cost       `json:"cost"`
	Accessibility        []string   `json:"accessibility"`
	RegistrationRequired bool       `json:"registration_required"`
	Capacity             int        `json:"capacity,omitempty"` // 0: no limit
	Contact              Contact    `json:"contact"`
	Location             Location   `json:"location"`
	Schedules            []Schedule `json:"schedules"`

	// Next are the next occurrences from now, filled by public searches
	// (NextCount of them); empty otherwise.
	Next []Occurrence `json:"next_occurrences,omitempty"`

	Status Status `json:"status"`
	// Public is true when the activity and its organisation are both
	// approved: what the public may see. Filled on reads.
	Public        bool      `json:"-"`
	LastConfirmed time.Time `json:"last_confirmed"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// ActivityFilter selects public activities. Nil fields do not filter.
type ActivityFilter struct {
	Query          *string
	Category       *Category
	Language       *string
	Weekday        *time.Weekday
	District       *string
	Age            *int
	FreeOnly       bool
	OrganisationID *int64
	// Status filters by status; nil means the public view (approved
	// activities of approved organisations, not hidden as stale).
	Status *Status
	// Stale keeps only listings the StalePolicy calls stale (with a Status
	// filter; the coordinator's view).
	Stale  bool
	Offset int
	Limit  int
}

// NextCount is how many next occurrences a search result carries.
const NextCount = 5

// MaxPageSize is the most results one page of a search may ask for.
const MaxPageSize = 100

// ActivityUpdate changes the non-nil fields of an activity.
type ActivityUpdate struct {
	Title                *Text
	Description          *Text
	HowToJoin            *Text
	Category             *Category
	Stage                *Stage
	AgeMin               *int
	AgeMax               *int
	Languages            *[]string
	HelperLanguages      *[]string
	Cost                 *Cost
	Accessibility        *[]string
	RegistrationRequired *bool
	Capacity             *int
	Contact              *Contact
	Location             *Location
	Schedules            *[]Schedule
	Status               *Status
	LastConfirmed        *time.Time
}

// Apply copies the update's non-nil fields onto a.
func (u ActivityUpdate) Apply(a *Activity) {
	set(&a.Title, u.Title)
	set(&a.Description, u.Description)
	set(&a.HowToJoin, u.HowToJoin)
	set(&a.Category, u.Category)
	set(&a.Stage, u.Stage)
	set(&a.AgeMin, u.AgeMin)
	set(&a.AgeMax, u.AgeMax)
	set(&a.Languages, u.Languages)
	set(&a.HelperLanguages, u.HelperLanguages)
	set(&a.Cost, u.Cost)
	set(&a.Accessibility, u.Accessibility)
	set(&a.RegistrationRequired, u.RegistrationRequired)
	set(&a.Capacity, u.Capacity)
	set(&a.Contact, u.Contact)
	set(&a.Location, u.Location)
	set(&a.Schedules, u.Schedules)
	set(&a.Status, u.Status)
	set(&a.LastConfirmed, u.LastConfirmed)
}

// ActivityService reads and writes activities.
type ActivityService interface {
	// FindActivityByID returns ENOTFOUND if the activity does not exist.
	FindActivityByID(ctx context.Context, id int64) (*Activity, error)
	// FindActivities returns one page of matching activities and the total
	// number of matches. Text queries match inside compound words.
	FindActivities(ctx context.Context, f ActivityFilter) ([]*Activity, int, error)
	// CreateActivity validates and stores a; EINVALID with field messages,
	// ENOTFOUND if its organisation does not exist.
	CreateActivity(ctx context.Context, a *Activity) error
	// UpdateActivity applies upd and validates the result; EINVALID or ENOTFOUND.
	UpdateActivity(ctx context.Context, id int64, upd ActivityUpdate) (*Activity, error)
	// DeleteActivity removes the activity; ENOTFOUND if it does not exist.
	DeleteActivity(ctx context.Context, id int64) error
}

// District is a part of the municipality (bydel, stadsdel).
type District struct {
	Code string `json:"code"` // stable slug: "stromso"
	Name string `json:"name"` // "Strømsø"
}

// CategoryCount is a category with the number of public activities in it.
type CategoryCount struct {
	Category Category `json:"code"`
	Count    int      `json:"count"`
}

// CatalogService lists the fixed vocabularies with live counts.
type CatalogService interface {
	// FindCategories returns every category with its number of public activities.
	FindCategories(ctx context.Context) ([]CategoryCount, error)
	// FindDistricts returns the municipality's districts, sorted by name.
	FindDistricts(ctx context.Context) ([]District, error)
}
