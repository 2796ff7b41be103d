package registry

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"broen"
)

// Validation message IDs. Each is a go-i18n message in every locale; none
// takes template arguments. Field keys are JSON names, nested with dots:
// "title.nb", "cost.price", "location.postcode", "schedules.0.rrule".
const (
	msgInvalid          = "validation.invalid" // the summary, set by broen.FieldErrors.Err
	msgRequired         = "validation.required"
	msgTooLong          = "validation.too_long"
	msgText             = "validation.text"
	msgTooMany          = "validation.too_many"
	msgChoice           = "validation.choice"
	msgChooseOne        = "validation.choose_one"
	msgNotNegative      = "validation.not_negative"
	msgOrgNumberNO      = "validation.org_number.no"
	msgOrgNumberDK      = "validation.org_number.dk"
	msgOrgNumberSE      = "validation.org_number.se"
	msgPostcodeNO       = "validation.postcode.no"
	msgPostcodeDK       = "validation.postcode.dk"
	msgPostcodeSE       = "validation.postcode.se"
	msgPhone            = "validation.phone"
	msgEmail            = "validation.email"
	msgURL              = "validation.url"
	msgLanguage         = "validation.language"
	msgAgeRange         = "validation.age_range"
	msgPricePaid        = "validation.price.paid"
	msgPriceFree        = "validation.price.free"
	msgCoordinates      = "validation.coordinates"
	msgDate             = "validation.date"
	msgTime             = "validation.time"
	msgEndBeforeStart   = "validation.end_before_start"
	msgScheduleRequired = "validation.schedule.required"
	msgScheduleZone     = "validation.schedule.zone"
	msgScheduleRRule    = "validation.schedule.rrule"
	msgScheduleOnce     = "validation.schedule.once"
	msgScheduleNever    = "validation.schedule.never"
)

// ValidationMessages lists every message ID the registry's validation can
// return, for the locale catalog tests.
var ValidationMessages = []string{
	msgInvalid, msgRequired, msgTooLong, msgTooMany, msgChoice, msgChooseOne,
	msgNotNegative, msgOrgNumberNO, msgOrgNumberDK, msgOrgNumberSE,
	msgPostcodeNO, msgPostcodeDK, msgPostcodeSE, msgPhone, msgEmail, msgURL,
	msgLanguage, msgAgeRange, msgPricePaid, msgPriceFree, msgCoordinates,
	msgDate, msgTime, msgEndBeforeStart, msgScheduleRequired, msgScheduleZone,
	msgScheduleRRule, msgScheduleOnce, msgScheduleNever,
}

// Field limits, in characters (runes).
const (
	MaxNameLen        = 200  // organisation name, addresses, contact name
	MaxTitleLen       = 150  // activity title, per language
	MaxDescriptionLen = 5000 // descriptions and how-to-join texts, per language
	MaxSchedules      = 10   // schedules on one activity
	MaxAge            = 120
)

// Countries are the countries Broen knows the rules of.
var Countries = []string{"NO", "DK", "SE"}

// ValidCountry reports whether c is one of Countries.
func ValidCountry(c string) bool { return c == "NO" || c == "DK" || c == "SE" }

// CountryCurrency returns a country's currency: NOK, DKK or SEK, and "" for
// any other country.
func CountryCurrency(country string) string {
	switch country {
	case "NO":
		return "NOK"
	case "DK":
		return "DKK"
	case "SE":
		return "SEK"
	}
	return ""
}

// validCurrency reports whether c is a currency a cost may be in.
func validCurrency(c string) bool { return c == "NOK" || c == "DKK" || c == "SEK" }

func orgNumberMessage(country string) string {
	return map[string]string{"NO": msgOrgNumberNO, "DK": msgOrgNumberDK, "SE": msgOrgNumberSE}[country]
}

func postcodeMessage(country string) string {
	return map[string]string{"NO": msgPostcodeNO, "DK": msgPostcodeDK, "SE": msgPostcodeSE}[country]
}

// The area a location's coordinates must fall in: Denmark, Norway with
// Svalbard and Jan Mayen, Sweden, the Faroe Islands. It catches the common
// mistake of swapping latitude and longitude.
const (
	minLat, maxLat = 53.0, 82.0
	minLng, maxLng = -11.0, 35.0
)

// Normalize tidies o before Validate: trims text, normalises Unicode to NFC,
// upper-cases the country, writes the org number as digits, the postcode,
// phone (E.164, country default NO) and website in their stored forms, and
// sets an empty status to pending. Values that cannot be normalised are left
// for Validate to reject.
func (o *Organisation) Normalize() {
	o.Name = oneLine(o.Name)
	o.Kind = OrgKind(strings.ToLower(strings.TrimSpace(string(o.Kind))))
	o.Country = strings.ToUpper(strings.TrimSpace(o.Country))
	o.OrgNumber = NormalizeOrgNumber(o.OrgNumber)
	o.Description = normalizeText(o.Description, false)
	o.Website = normalizeWebsite(o.Website)
	o.Email = normalizeEmail(o.Email)
	o.Phone = normalizePhoneField(o.Country, o.Phone)
	o.Address = oneLine(o.Address)
	o.Postcode = NormalizePostcode(o.Country, o.Postcode)
	o.City = oneLine(o.City)
	o.District = oneLine(o.District)
	o.Status = normalizeStatus(o.Status)
}

// Validate checks o as Normalize leaves it. It returns nil or an EINVALID
// *broen.Error whose Fields map JSON field names to message IDs.
func (o *Organisation) Validate() error {
	fe := broen.FieldErrors{}
	checkLine(fe, "name", o.Name, true)
	if !o.Kind.Valid() {
		fe.Add("kind", msgChoice)
	}
	countryOK := ValidCountry(o.Country)
	if !countryOK {
		fe.Add("country", msgChoice)
	}
	if o.OrgNumber != "" && countryOK && !ValidOrgNumber(o.Country, o.OrgNumber) {
		fe.Add("org_number", orgNumberMessage(o.Country))
	}
	checkText(fe, "description", o.Description, MaxDescriptionLen, false)
	if o.Website != "" && !validURL(o.Website) {
		fe.Add("website", msgURL)
	}
	if o.Email != "" && !ValidEmail(o.Email) {
		fe.Add("email", msgEmail)
	}
	if o.Phone != "" && !validE164(o.Phone) {
		fe.Add("phone", msgPhone)
	}
	checkLine(fe, "address", o.Address, false)
	if o.Postcode != "" && countryOK && !ValidPostcode(o.Country, o.Postcode) {
		fe.Add("postcode", postcodeMessage(o.Country))
	}
	checkLine(fe, "city", o.City, false)
	checkLine(fe, "district", o.District, false)
	switch o.Status {
	case StatusPending, StatusApproved, StatusArchived:
	default:
		fe.Add("status", msgChoice)
	}
	return fe.Err()
}

// Normalize tidies a before Validate: trims text and normalises it to NFC,
// lower-cases codes, sorts and de-duplicates the language and accessibility
// lists, writes postcode and phone in their stored forms for the location's
// country (default NO), defaults the currency (NOK, DKK, SEK) and each
// schedule's zone from that country, and sets an empty status to pending.
func (a *Activity) Normalize() {
	a.Location.Country = strings.ToUpper(strings.TrimSpace(a.Location.Country))
	country := a.Location.Country
	if country == "" {
		country = "NO"
	}
	a.Title = normalizeText(a.Title, true)
	a.Description = normalizeText(a.Description, false)
	a.HowToJoin = normalizeText(a.HowToJoin, false)
	a.Category = Category(strings.ToLower(strings.TrimSpace(string(a.Category))))
	a.Stage = Stage(strings.ToLower(strings.TrimSpace(string(a.Stage))))
	a.Languages = normalizeCodes(a.Languages)
	a.HelperLanguages = normalizeCodes(a.HelperLanguages)
	a.Accessibility = normalizeCodes(a.Accessibility)

	a.Cost.Kind = CostKind(strings.ToLower(strings.TrimSpace(string(a.Cost.Kind))))
	a.Cost.Currency = strings.ToUpper(strings.TrimSpace(a.Cost.Currency))
	if a.Cost.Currency == "" {
		a.Cost.Currency = CountryCurrency(country)
	}

	a.Contact.Name = oneLine(a.Contact.Name)
	a.Contact.Email = normalizeEmail(a.Contact.Email)
	a.Contact.Phone = normalizePhoneField(country, a.Contact.Phone)

	l := &a.Location
	l.Name = oneLine(l.Name)
	l.Address = oneLine(l.Address)
	l.Postcode = NormalizePostcode(country, l.Postcode)
	l.City = oneLine(l.City)
	l.District = oneLine(l.District)

	for i := range a.Schedules {
		a.Schedules[i].Normalize()
		if a.Schedules[i].Zone == "" {
			a.Schedules[i].Zone = CountryZone(country)
		}
	}
	a.Status = normalizeStatus(a.Status)
}

// Validate checks a as Normalize leaves it. It returns nil or an EINVALID
// *broen.Error whose Fields map JSON field names ("title", "cost.price",
// "schedules.0.start_time") to message IDs.
func (a *Activity) Validate() error {
	fe := broen.FieldErrors{}
	if a.OrganisationID <= 0 {
		fe.Add("organisation_id", msgChoice)
	}
	checkText(fe, "title", a.Title, MaxTitleLen, true)
	checkText(fe, "description", a.Description, MaxDescriptionLen, false)
	checkText(fe, "how_to_join", a.HowToJoin, MaxDescriptionLen, false)
	if !a.Category.Valid() {
		fe.Add("category", msgChoice)
	}
	if a.Stage != "" && !a.Stage.Valid() {
		fe.Add("stage", msgChoice)
	}

	if a.AgeMin < 0 || a.AgeMin > MaxAge {
		fe.Add("age_min", msgAgeRange)
	}
	if a.AgeMax < 0 || a.AgeMax > MaxAge || (a.AgeMax != 0 && a.AgeMax < a.AgeMin) {
		fe.Add("age_max", msgAgeRange)
	}

	if len(a.Languages) == 0 {
		fe.Add("languages", msgChooseOne)
	}
	checkLanguages(fe, "languages", a.Languages)
	checkLanguages(fe, "helper_languages", a.HelperLanguages)

	switch a.Cost.Kind {
	case CostFree:
		if a.Cost.Price != 0 {
			fe.Add("cost.price", msgPriceFree)
		}
	case CostPaid:
		if a.Cost.Price <= 0 {
			fe.Add("cost.price", msgPricePaid)
		}
	default:
		fe.Add("cost.kind", msgChoice)
		if a.Cost.Price < 0 {
			fe.Add("cost.price", msgPricePaid)
		}
	}
	if (a.Cost.Currency != "" || a.Cost.Kind == CostPaid) && !validCurrency(a.Cost.Currency) {
		fe.Add("cost.currency", msgChoice)
	}

	for _, c := range a.Accessibility {
		if !ValidAccessibility(c) {
			fe.Add("accessibility", msgChoice)
		}
	}
	if a.Capacity < 0 {
		fe.Add("capacity", msgNotNegative)
	}

	checkLine(fe, "contact.name", a.Contact.Name, false)
	if a.Contact.Email != "" && !ValidEmail(a.Contact.Email) {
		fe.Add("contact.email", msgEmail)
	}
	if a.Contact.Phone != "" && !validE164(a.Contact.Phone) {
		fe.Add("contact.phone", msgPhone)
	}

	l := a.Location
	checkLine(fe, "location.name", l.Name, false)
	checkLine(fe, "location.address", l.Address, true)
	countryOK := ValidCountry(l.Country)
	if !countryOK {
		fe.Add("location.country", msgChoice)
	}
	switch {
	case l.Postcode == "":
		fe.Add("location.postcode", msgRequired)
	case countryOK && !ValidPostcode(l.Country, l.Postcode):
		fe.Add("location.postcode", postcodeMessage(l.Country))
	}
	checkLine(fe, "location.city", l.City, false)
	checkLine(fe, "location.district", l.District, true)
	if l.Lat != 0 || l.Lng != 0 {
		if !(l.Lat >= minLat && l.Lat <= maxLat) || math.IsNaN(l.Lat) {
			fe.Add("location.lat", msgCoordinates)
		}
		if !(l.Lng >= minLng && l.Lng <= maxLng) || l.Lng == 0 || math.IsNaN(l.Lng) {
			fe.Add("location.lng", msgCoordinates)
		}
	}

	switch {
	case len(a.Schedules) == 0:
		fe.Add("schedules", msgScheduleRequired)
	case len(a.Schedules) > MaxSchedules:
		fe.Add("schedules", msgTooMany)
	}
	for i, s := range a.Schedules {
		s.validate(fe, "schedules."+strconv.Itoa(i)+".")
	}

	switch a.Status {
	case StatusPending, StatusApproved, StatusPaused, StatusArchived:
	default:
		fe.Add("status", msgChoice)
	}
	return fe.Err()
}

// Normalize tidies s: trims every field, upper-cases the rule and drops an
// "RRULE:" prefix, writes times as "18:00" (also from "18.00" or "9:00"),
// and sorts and de-duplicates the exception dates.
func (s *Schedule) Normalize() {
	s.Kind = ScheduleKind(strings.ToLower(strings.TrimSpace(string(s.Kind))))
	s.Zone = strings.TrimSpace(s.Zone)
	s.RRule = NormalizeRRule(s.RRule)
	s.StartDate = strings.TrimSpace(s.StartDate)
	s.EndDate = strings.TrimSpace(s.EndDate)
	s.StartTime = normalizeClock(s.StartTime)
	s.EndTime = normalizeClock(s.EndTime)
	if s.Except != nil {
		s.Except = normalizeCodes(s.Except)
	}
}

// normalizeClock writes "18.00", "9:00" and "9.00" as "18:00", "09:00".
func normalizeClock(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Replace(s, ".", ":", 1)
	if len(s) == 4 && s[1] == ':' {
		s = "0" + s
	}
	return s
}

// oneLine trims s, folds runs of white space (also line breaks) to one
// space and normalises to NFC.
func oneLine(s string) string {
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// normalizeText trims every value, normalises it to NFC (single-line texts
// also fold white space), lower-cases the language keys and drops empty
// values. A nil or empty result is nil.
func normalizeText(t Text, single bool) Text {
	if len(t) == 0 {
		return t
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := Text{}
	for _, k := range keys {
		v := t[k]
		if single {
			v = oneLine(v)
		} else {
			v = norm.NFC.String(strings.TrimSpace(v))
		}
		if v == "" {
			continue
		}
		lk := strings.ToLower(strings.TrimSpace(k))
		if _, dup := out[lk]; dup && lk != k {
			continue // "nb" given as such wins over "NB"
		}
		out[lk] = v
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// normalizeCodes lower-cases and trims codes, drops empty ones, sorts and
// de-duplicates. nil stays nil.
func normalizeCodes(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, c := range list {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	j := 0
	for i, c := range out {
		if i == 0 || c != out[j-1] {
			out[j] = c
			j++
		}
	}
	return out[:j]
}

func normalizePhoneField(country, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if country == "" {
		country = "NO"
	}
	if n, err := NormalizePhone(country, s); err == nil {
		return n
	}
	return s
}

func normalizeWebsite(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if n, err := NormalizeURL(s); err == nil {
		return n
	}
	return s
}

func normalizeStatus(s Status) Status {
	s = Status(strings.ToLower(strings.TrimSpace(string(s))))
	if s == "" {
		return StatusPending
	}
	return s
}

// checkLine checks a one-line field: required if so, at most MaxNameLen.
func checkLine(fe broen.FieldErrors, key, v string, required bool) {
	switch {
	case !utf8.ValidString(v):
		fe.Add(key, msgText)
	case strings.TrimSpace(v) == "":
		if required {
			fe.Add(key, msgRequired)
		}
	case utf8.RuneCountInString(v) > MaxNameLen:
		fe.Add(key, msgTooLong)
	}
}

// checkText checks a text given per language: at least one language if
// required, known language codes and at most max characters, each keyed
// "key.lang".
func checkText(fe broen.FieldErrors, key string, t Text, max int, required bool) {
	if required && t.Empty() {
		fe.Add(key, msgRequired)
	}
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		switch {
		case !ValidLanguage(l):
			fe.Add(key+"."+l, msgLanguage)
		case !utf8.ValidString(t[l]):
			fe.Add(key+"."+l, msgText)
		case utf8.RuneCountInString(t[l]) > max:
			fe.Add(key+"."+l, msgTooLong)
		}
	}
}

func checkLanguages(fe broen.FieldErrors, key string, list []string) {
	for _, l := range list {
		if !ValidLanguage(l) {
			fe.Add(key, msgLanguage)
		}
	}
}
