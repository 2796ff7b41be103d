package mentoring

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"broen"
	"broen/registry"
)

// Validation message IDs (besides the registry's shared ones). Field keys
// are the JSON names.
const (
	msgRequired    = "validation.required"
	msgTooLong     = "validation.too_long"
	msgTooMany     = "validation.too_many"
	msgChoice      = "validation.choice"
	msgText        = "validation.text"
	msgEmail       = "validation.email"
	msgPhone       = "validation.phone"
	msgLanguage    = "validation.language"
	msgCoordinates = "validation.coordinates"
	msgNotFuture   = "validation.mentoring.not_future"
	msgBeforeStart = "validation.mentoring.before_start"
	msgCapacity    = "validation.mentoring.capacity"
	msgAdults      = "validation.mentoring.adults"
	msgChildAge    = "validation.mentoring.child_age"
	msgLanguageDup = "validation.mentoring.language_twice"
	msgNoLanguage  = "validation.mentoring.no_language"
	msgRenewBefore = "validation.mentoring.renew_before_shown"
	msgCheckedBy   = "validation.mentoring.checked_by"
	msgContact     = "validation.mentoring.contact"
	msgRating      = "validation.mentoring.rating"
	msgWeight      = "validation.mentoring.weight"
	msgWeightsZero = "validation.mentoring.weights_zero"
	msgInterest    = "validation.mentoring.interest"
)

// Limits of free-text fields and lists.
const (
	MaxNameLen      = 120
	MaxInterestLen  = 40
	MaxInterests    = 20
	MaxLanguages    = 10
	MaxChildren     = 12
	MaxAdults       = 10
	maxCheckedByLen = 120
)

// normalizeProfile trims and canonicalizes what people typed: names in NFC
// with single spaces, email lower-cased, phone in E.164 (country is the
// municipality's, for numbers written without +), interests lower-cased and
// de-duplicated, children's ages sorted. It records what it cannot read.
func normalizeProfile(fe broen.FieldErrors, p *Profile, country string) {
	p.Name = clean(p.Name)
	p.District = clean(p.District)
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	if s := strings.TrimSpace(p.Phone); s != "" {
		if e164, err := registry.NormalizePhone(country, s); err == nil {
			p.Phone = e164
		} else {
			fe.Add("phone", msgPhone)
		}
	} else {
		p.Phone = ""
	}
	var ints []string
	for _, s := range p.Interests {
		s = strings.ToLower(clean(s))
		if s != "" && !slices.Contains(ints, s) {
			ints = append(ints, s)
		}
	}
	p.Interests = ints
	slices.Sort(p.ChildrenAges)
	if p.Adults == 0 {
		p.Adults = 1
	}
	if p.Household == HouseholdPerson && len(p.ChildrenAges) == 0 {
		p.Adults = 1
	}
	if p.Locale == "" {
		p.Locale = "nb"
	}
}

func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

func checkProfile(fe broen.FieldErrors, p *Profile) {
	switch {
	case p.Name == "":
		fe.Add("name", msgRequired)
	case utf8.RuneCountInString(p.Name) > MaxNameLen:
		fe.Add("name", msgTooLong)
	case strings.ContainsFunc(p.Name, isControl):
		fe.Add("name", msgText)
	}
	if !slices.Contains(Households, p.Household) {
		fe.Add("household", msgChoice)
	}
	if p.Email != "" && !registry.ValidEmail(p.Email) {
		fe.Add("email", msgEmail)
	}
	if !slices.Contains(registry.UILocales, p.Locale) {
		fe.Add("locale", msgChoice)
	}
	if !slices.Contains(Genders, p.Gender) {
		fe.Add("gender", msgChoice)
	}
	if p.AgeGroup != AgeUnstated && !slices.Contains(AgeGroups, p.AgeGroup) {
		fe.Add("age_group", msgChoice)
	}
	if p.Adults < 1 || p.Adults > MaxAdults {
		fe.Add("adults", msgAdults)
	}
	if len(p.ChildrenAges) > MaxChildren {
		fe.Add("children_ages", msgTooMany)
	}
	for _, a := range p.ChildrenAges {
		if a < 0 || a > 17 {
			fe.Add("children_ages", msgChildAge)
		}
	}
	switch {
	case len(p.Languages) == 0:
		fe.Add("languages", msgNoLanguage)
	case len(p.Languages) > MaxLanguages:
		fe.Add("languages", msgTooMany)
	}
	seen := map[string]bool{}
	for _, l := range p.Languages {
		switch {
		case !registry.ValidLanguage(l.Code):
			fe.Add("languages", msgLanguage)
		case seen[l.Code]:
			fe.Add("languages", msgLanguageDup)
		case !slices.Contains(Levels, l.Level):
			fe.Add("languages", msgChoice)
		}
		seen[l.Code] = true
	}
	if len(p.Interests) > MaxInterests {
		fe.Add("interests", msgTooMany)
	}
	for _, s := range p.Interests {
		if utf8.RuneCountInString(s) > MaxInterestLen || strings.ContainsAny(s, ",;<>") || strings.ContainsFunc(s, isControl) {
			fe.Add("interests", msgInterest)
		}
	}
	if utf8.RuneCountInString(p.District) > MaxNameLen {
		fe.Add("district", msgTooLong)
	}
	if (p.Coords != Coords{}) && !p.Coords.Valid() {
		fe.Add("coords", msgCoordinates)
	}
	if p.Availability&^allSlots != 0 {
		fe.Add("availability", msgChoice)
	}
	pr := p.Preferences
	if !slices.Contains(Genders, pr.Gender) {
		fe.Add("preferences.gender", msgChoice)
	}
	for _, g := range pr.AgeGroups {
		if !slices.Contains(AgeGroups, g) {
			fe.Add("preferences.age_groups", msgChoice)
		}
	}
	if pr.Children != ChildrenAny && pr.Children != ChildrenWith && pr.Children != ChildrenWithout {
		fe.Add("preferences.children", msgChoice)
	}
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

func checkNeeds(fe broen.FieldErrors, field string, needs []Need) {
	for _, n := range needs {
		if !n.Valid() {
			fe.Add(field, msgChoice)
		}
	}
}

func dedupNeeds(needs []Need) []Need {
	var out []Need
	for _, n := range Needs { // display order, each once
		if slices.Contains(needs, n) {
			out = append(out, n)
		}
	}
	for _, n := range needs { // keep unknown ones so Validate reports them
		if !n.Valid() && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// Normalize canonicalizes what people typed (see normalizeProfile); country
// is the municipality's ("NO", "DK", "SE"). Problems it cannot fix are
// returned as EINVALID, like Validate's.
func (v *Volunteer) Normalize(country string) error {
	fe := broen.FieldErrors{}
	normalizeProfile(fe, &v.Profile, country)
	v.Offers = dedupNeeds(v.Offers)
	v.PoliceCheck.CheckedBy = clean(v.PoliceCheck.CheckedBy)
	if v.Status == "" {
		v.Status = VolunteerPending
	}
	return fe.Err()
}

// Validate reports every problem with v, field by field (EINVALID).
func (v *Volunteer) Validate() error {
	fe := broen.FieldErrors{}
	checkProfile(fe, &v.Profile)
	if v.Email == "" && v.Phone == "" {
		fe.Add("email", msgContact)
	}
	if !v.Status.Valid() {
		fe.Add("status", msgChoice)
	}
	if v.Capacity < 1 || v.Capacity > MaxCapacity {
		fe.Add("capacity", msgCapacity)
	}
	checkNeeds(fe, "offers", v.Offers)
	pc := v.PoliceCheck
	if pc.Kind != PoliceCheckNone {
		if !slices.Contains(PoliceCheckKinds, pc.Kind) {
			fe.Add("police_check.kind", msgChoice)
		}
		if pc.ShownOn.IsZero() {
			fe.Add("police_check.shown_on", msgRequired)
		}
		if pc.CheckedBy == "" {
			fe.Add("police_check.checked_by", msgCheckedBy)
		} else if utf8.RuneCountInString(pc.CheckedBy) > maxCheckedByLen {
			fe.Add("police_check.checked_by", msgTooLong)
		}
		// A check without an end would count as current for ever; every
		// programme renews them (commonly after three years).
		switch {
		case pc.RenewBy.IsZero():
			fe.Add("police_check.renew_by", msgRequired)
		case !pc.ShownOn.IsZero() && pc.RenewBy.Before(pc.ShownOn):
			fe.Add("police_check.renew_by", msgRenewBefore)
		}
	}
	return fe.Err()
}

// Normalize canonicalizes what people typed; see Volunteer.Normalize.
func (n *Newcomer) Normalize(country string) error {
	fe := broen.FieldErrors{}
	normalizeProfile(fe, &n.Profile, country)
	n.Needs = dedupNeeds(n.Needs)
	if n.Status == "" {
		n.Status = NewcomerWaiting
	}
	if n.NordicLevel == "" {
		n.NordicLevel = NordicNone
	}
	return fe.Err()
}

// Validate reports every problem with n, field by field (EINVALID).
func (n *Newcomer) Validate() error {
	fe := broen.FieldErrors{}
	checkProfile(fe, &n.Profile)
	if !n.Status.Valid() {
		fe.Add("status", msgChoice)
	}
	if !slices.Contains(NordicLevels, n.NordicLevel) {
		fe.Add("nordic_level", msgChoice)
	}
	checkNeeds(fe, "needs", n.Needs)
	return fe.Err()
}

func checkEvaluation(fe broen.FieldErrors, ev Evaluation) {
	if ev.Rating < 1 || ev.Rating > 5 {
		fe.Add("evaluation.rating", msgRating)
	}
	if !slices.Contains(Frequencies, ev.Frequency) {
		fe.Add("evaluation.frequency", msgChoice)
	}
	for _, o := range ev.Outcomes {
		if !slices.Contains(Outcomes, o) {
			fe.Add("evaluation.outcomes", msgChoice)
		}
	}
}

// ParseDay reads a date as people type it in a form ("2026-11-24").
func ParseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return t, err == nil
}
