package mentoring

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"broen/registry"
)

// The vocabularies below are stable codes used in the database and the API;
// the names people read are in the catalogs as mentoring.<vocabulary>.<code>.

// Side is one of the two parties of a pairing.
type Side string

const (
	SideVolunteer Side = "volunteer"
	SideNewcomer  Side = "newcomer"
)

// Valid reports whether s is a known side.
func (s Side) Valid() bool { return s == SideVolunteer || s == SideNewcomer }

// Household says whether a party is one person or a family taking part as
// one unit (a network family; a newcomer family).
type Household string

const (
	HouseholdPerson Household = "person"
	HouseholdFamily Household = "family"
)

// Households lists the kinds in display order.
var Households = []Household{HouseholdPerson, HouseholdFamily}

// Gender is what a person told the coordinator, used only for the stated
// preferences of the other side.
type Gender string

const (
	GenderUnstated Gender = ""
	GenderFemale   Gender = "female"
	GenderMale     Gender = "male"
	GenderOther    Gender = "other"
)

// Genders lists the choices in display order.
var Genders = []Gender{GenderFemale, GenderMale, GenderOther, GenderUnstated}

// AgeGroup is a band rather than a birth date: nobody needs more.
type AgeGroup string

const (
	AgeUnstated AgeGroup = ""
	Age18to29   AgeGroup = "18-29"
	Age30to49   AgeGroup = "30-49"
	Age50to66   AgeGroup = "50-66"
	Age67plus   AgeGroup = "67+"
)

// Key is the band as a message-ID part: "18_29", "67_plus", "unstated".
func (g AgeGroup) Key() string {
	if g == AgeUnstated {
		return "unstated"
	}
	return strings.NewReplacer("-", "_", "+", "_plus").Replace(string(g))
}

// AgeGroups lists the bands in order.
var AgeGroups = []AgeGroup{Age18to29, Age30to49, Age50to66, Age67plus}

// Level is how well someone speaks a language.
type Level string

const (
	LevelBasic          Level = "basic"
	LevelConversational Level = "conversational"
	LevelFluent         Level = "fluent"
	LevelNative         Level = "native"
)

// Levels lists the levels from lowest to highest.
var Levels = []Level{LevelBasic, LevelConversational, LevelFluent, LevelNative}

// weight is the level's share of a shared language's full value.
func (l Level) weight() float64 {
	switch l {
	case LevelBasic:
		return 0.3
	case LevelConversational:
		return 0.6
	case LevelFluent:
		return 0.9
	case LevelNative:
		return 1
	}
	return 0
}

// NordicLevel is a newcomer's level in the municipality's language.
type NordicLevel string

const (
	NordicNone         NordicLevel = "none"
	NordicBeginner     NordicLevel = "beginner"
	NordicIntermediate NordicLevel = "intermediate"
	NordicFluent       NordicLevel = "fluent"
)

// NordicLevels lists the levels from lowest to highest.
var NordicLevels = []NordicLevel{NordicNone, NordicBeginner, NordicIntermediate, NordicFluent}

// Need is something a newcomer wants help with, and what a volunteer offers.
type Need string

const (
	NeedPractical Need = "practical" // forms, letters, the bank, the doctor's booking
	NeedLanguage  Need = "language"  // practising the Nordic language
	NeedNetwork   Need = "network"   // network and jobs
	NeedLeisure   Need = "leisure"   // leisure activities together
	NeedHomework  Need = "homework"  // homework help for children
)

// Needs lists every need in display order.
var Needs = []Need{NeedPractical, NeedLanguage, NeedNetwork, NeedLeisure, NeedHomework}

// Valid reports whether n is a known need.
func (n Need) Valid() bool { return slices.Contains(Needs, n) }

// ChildrenPreference is whether a party wants to be paired with a household
// with children.
type ChildrenPreference string

const (
	ChildrenAny     ChildrenPreference = ""
	ChildrenWith    ChildrenPreference = "with"
	ChildrenWithout ChildrenPreference = "without"
)

// Preferences are a party's stated wishes about the other side. They are
// hard rules: the matching engine never suggests a pair that breaks one.
// Empty fields mean "no preference".
type Preferences struct {
	Gender    Gender             `json:"gender,omitempty"`
	AgeGroups []AgeGroup         `json:"age_groups,omitempty"`
	Children  ChildrenPreference `json:"children,omitempty"`
}

// LanguageSkill is a language someone speaks (ISO 639 code as in
// registry.Languages) and how well.
type LanguageSkill struct {
	Code  string `json:"code"`
	Level Level  `json:"level"`
}

// Coords is a point in WGS 84 degrees; the zero value means "not given".
type Coords struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Valid reports whether c is given and on the globe.
func (c Coords) Valid() bool {
	return (c.Lat != 0 || c.Lon != 0) && c.Lat >= -90 && c.Lat <= 90 && c.Lon >= -180 && c.Lon <= 180 &&
		!math.IsNaN(c.Lat) && !math.IsNaN(c.Lon)
}

// PartOfDay is a third of a day in which someone is free.
type PartOfDay int

const (
	Morning PartOfDay = iota
	Afternoon
	Evening
)

// PartsOfDay lists the parts in order; their codes are "morning",
// "afternoon" and "evening".
var PartsOfDay = []PartOfDay{Morning, Afternoon, Evening}

func (p PartOfDay) String() string {
	switch p {
	case Morning:
		return "morning"
	case Afternoon:
		return "afternoon"
	case Evening:
		return "evening"
	}
	return fmt.Sprintf("part(%d)", int(p))
}

// Slot is one weekday × part of day, written "tue-evening".
type Slot struct {
	Day  time.Weekday
	Part PartOfDay
}

var dayCodes = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func (s Slot) String() string { return dayCodes[s.Day] + "-" + s.Part.String() }

func (s Slot) bit() Availability { return 1 << (uint(s.Day)*3 + uint(s.Part)) }

// ParseSlot parses "tue-evening".
func ParseSlot(code string) (Slot, bool) {
	d, p, ok := strings.Cut(code, "-")
	if !ok {
		return Slot{}, false
	}
	di := slices.Index(dayCodes[:], d)
	if di < 0 {
		return Slot{}, false
	}
	for _, part := range PartsOfDay {
		if part.String() == p {
			return Slot{time.Weekday(di), part}, true
		}
	}
	return Slot{}, false
}

// Availability is a set of weekly slots (weekday × morning, afternoon,
// evening) as a bit set: bit day*3+part, Sunday = 0. It is stored as that
// number and written in JSON as a list of slot codes, Monday first.
type Availability uint32

const allSlots Availability = 1<<21 - 1

// Has reports whether s is in the set.
func (a Availability) Has(s Slot) bool { return a&s.bit() != 0 }

// With returns the set with s added.
func (a Availability) With(s Slot) Availability { return a | s.bit() }

// Slots lists the slots in the set, Monday morning first, Sunday evening last.
func (a Availability) Slots() []Slot {
	var out []Slot
	for _, d := range Week {
		for _, p := range PartsOfDay {
			if s := (Slot{d, p}); a.Has(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// First is the set's first slot in Slots order; the zero Slot if empty.
func (a Availability) First() Slot {
	for _, d := range Week {
		for _, p := range PartsOfDay {
			if s := (Slot{d, p}); a.Has(s) {
				return s
			}
		}
	}
	return Slot{}
}

// Count is the number of slots in the set.
func (a Availability) Count() int {
	n := 0
	for x := a & allSlots; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// Week lists the weekdays Monday first, as people in the Nordics read a week.
var Week = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// ParseAvailability reads slot codes; unknown codes are returned as bad.
func ParseAvailability(codes []string) (a Availability, bad []string) {
	for _, c := range codes {
		if s, ok := ParseSlot(c); ok {
			a = a.With(s)
		} else {
			bad = append(bad, c)
		}
	}
	return a, bad
}

// MarshalJSON writes the slot codes.
func (a Availability) MarshalJSON() ([]byte, error) {
	codes := []string{}
	for _, s := range a.Slots() {
		codes = append(codes, s.String())
	}
	return json.Marshal(codes)
}

// UnmarshalJSON reads slot codes and refuses unknown ones.
func (a *Availability) UnmarshalJSON(b []byte) error {
	var codes []string
	if err := json.Unmarshal(b, &codes); err != nil {
		return err
	}
	v, bad := ParseAvailability(codes)
	if len(bad) > 0 {
		return fmt.Errorf("unknown availability slot %q", bad[0])
	}
	*a = v
	return nil
}

// PoliceCheckKind is which certificate was shown: each country has its own.
type PoliceCheckKind string

const (
	PoliceCheckNone PoliceCheckKind = ""
	// Norway: politiattest (the kind for work with children, or for
	// volunteering with vulnerable people).
	PoliceCheckNO PoliceCheckKind = "no_politiattest"
	// Denmark: børneattest, fetched by the organisation with consent.
	PoliceCheckDKChildren PoliceCheckKind = "dk_boerneattest"
	// Denmark: straffeattest.
	PoliceCheckDKRecord PoliceCheckKind = "dk_straffeattest"
	// Sweden: utdrag ur belastningsregistret (work with children).
	PoliceCheckSE PoliceCheckKind = "se_belastningsregister"
)

// PoliceCheckKinds lists the kinds in display order.
var PoliceCheckKinds = []PoliceCheckKind{PoliceCheckNO, PoliceCheckDKChildren, PoliceCheckDKRecord, PoliceCheckSE}

// PoliceCheck records that a volunteer showed a police certificate: which
// kind, on which date, to whom, and when it must be renewed. The document
// itself is never stored.
type PoliceCheck struct {
	Kind      PoliceCheckKind `json:"kind,omitempty"`
	ShownOn   time.Time       `json:"shown_on,omitzero"`
	CheckedBy string          `json:"checked_by,omitempty"` // the coordinator who saw it
	RenewBy   time.Time       `json:"renew_by,omitzero"`
}

// CurrentOn reports whether the check is valid on day: shown on or before
// it, and not due for renewal yet (RenewBy is the last valid day; a check
// without one is not current).
func (p PoliceCheck) CurrentOn(day time.Time) bool {
	if p.Kind == PoliceCheckNone || p.ShownOn.IsZero() || p.RenewBy.IsZero() {
		return false
	}
	d := Day(day)
	return !p.ShownOn.After(d) && !p.RenewBy.Before(d)
}

// Day returns t's calendar day as midnight UTC, the form dates without a
// time of day are kept in.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Profile is what both sides have in common: who they are as far as the
// pairing needs to know, and what they want.
type Profile struct {
	Household Household `json:"household"`
	// Name is the person's name, or the family's ("Familien Haddad").
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"` // E.164
	// Locale is the language of their emails and pages: nb, nn, da, sv or en.
	Locale   string   `json:"locale"`
	Gender   Gender   `json:"gender,omitempty"`
	AgeGroup AgeGroup `json:"age_group,omitempty"`
	// Adults counts the grown-ups of a family (1 for a person).
	Adults int `json:"adults"`
	// ChildrenAges are the ages of the children in the household.
	ChildrenAges []int           `json:"children_ages,omitempty"`
	Languages    []LanguageSkill `json:"languages"`
	// Interests are registry category codes and short tags ("chess").
	Interests    []string     `json:"interests,omitempty"`
	District     string       `json:"district,omitempty"`
	Coords       Coords       `json:"coords,omitzero"`
	Availability Availability `json:"availability"`
	Preferences  Preferences  `json:"preferences"`
}

// HasChildren reports whether the household has children.
func (p *Profile) HasChildren() bool { return len(p.ChildrenAges) > 0 }

// Speaks returns the level at which the party speaks code, or "".
func (p *Profile) Speaks(code string) Level {
	for _, l := range p.Languages {
		if l.Code == code {
			return l.Level
		}
	}
	return ""
}

// IsCategory reports whether an interest is one of the registry's
// categories (shown by its localized name) rather than a free tag.
func IsCategory(interest string) bool { return registry.Category(interest).Valid() }
