package web

import (
	"html/template"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"broen"
	"broen/locales"
	"broen/registry"
)

// The schedule kinds of the form. Weekly and monthly become an RRULE;
// custom keeps a rule the form has no controls for, so editing an imported
// activity never loses it.
const (
	kindWeekly  = "weekly"
	kindMonthly = "monthly"
	kindOnce    = "once"
	kindCustom  = "custom"
)

// Limits on what parseActivityForm reads, so a crafted post cannot make it
// loop over thousands of blocks.
const (
	extraTextSlots   = 3  // extra language slots shown for texts
	maxExtraIndex    = 20 // extra.N read for N below this
	maxScheduleIndex = 50 // schedules.N read for N below this
	maxWeeklyEvery   = 4  // "every N weeks" offers 1 to this
)

// Form message IDs used from Go code.
const (
	msgFormNumber       = "registry.form.error.number"
	msgFormPrice        = "registry.form.error.price"
	msgFormCoordinate   = "registry.form.error.coordinate"
	msgFormDates        = "registry.form.error.dates"
	msgFormWeekday      = "registry.form.error.weekday"
	msgFormLanguageUsed = "registry.form.error.language_twice"
)

// rruleDayCodes are the RRULE weekday codes, Monday first, as Nordic
// calendars show them; isoWeekdays holds the same days.
var rruleDayCodes = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// nthChoices are "which week of the month" for a monthly schedule: the BYDAY
// ordinal and its label.
var nthChoices = []struct{ Value, MessageID string }{
	{"1", "registry.form.schedule.nth.1"},
	{"2", "registry.form.schedule.nth.2"},
	{"3", "registry.form.schedule.nth.3"},
	{"4", "registry.form.schedule.nth.4"},
	{"-1", "registry.form.schedule.nth.last"},
}

// intervalChoices are "every N weeks" for a weekly schedule.
var intervalChoices = []struct{ Value, MessageID string }{
	{"1", "registry.form.schedule.interval.1"},
	{"2", "registry.form.schedule.interval.2"},
	{"3", "registry.form.schedule.interval.3"},
	{"4", "registry.form.schedule.interval.4"},
}

// kindChoices are the kinds of schedule offered for every block; custom is
// added only to a block that already is one.
var kindChoices = []struct{ Value, MessageID string }{
	{kindWeekly, "registry.form.schedule.kind.weekly"},
	{kindMonthly, "registry.form.schedule.kind.monthly"},
	{kindOnce, "registry.form.schedule.kind.once"},
}

// textFields are the texts of an activity in one language, as typed.
type textFields struct {
	Title       string
	Description string
	HowToJoin   string
}

func (t textFields) blank() bool {
	return strings.TrimSpace(t.Title) == "" && strings.TrimSpace(t.Description) == "" && strings.TrimSpace(t.HowToJoin) == ""
}

// extraText is the texts in a language other than the five interface
// languages, with the language chosen for them (a code from
// registry.Languages, "" while none is chosen).
type extraText struct {
	Lang string
	textFields
}

// scheduleFields is one schedule block as typed. Kind is weekly, monthly,
// once or custom; Days (MO…SU) and Interval ("1"–"4") are for weekly, Nth
// ("1"–"4", "-1" for the last) and Weekday (MO…SU) for monthly, RRule for
// custom. Except holds the exception dates as typed, one a line or
// separated by commas.
type scheduleFields struct {
	Kind      string
	Days      []string
	Interval  string
	Nth       string
	Weekday   string
	RRule     string
	StartDate string
	EndDate   string
	StartTime string
	EndTime   string
	Except    string
}

// blank reports whether the block holds nothing but the defaults of a new
// block: such a block is ignored.
func (s scheduleFields) blank() bool {
	for _, v := range []string{s.RRule, s.StartDate, s.EndDate, s.StartTime, s.EndTime, s.Except, s.Weekday} {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	k, iv, nth := strings.TrimSpace(s.Kind), strings.TrimSpace(s.Interval), strings.TrimSpace(s.Nth)
	return len(s.Days) == 0 && (k == "" || k == kindWeekly) && (iv == "" || iv == "1") && (nth == "" || nth == "1")
}

// activityForm is the activity create/edit form exactly as typed, so a form
// with mistakes is shown again with every value kept. Field names in the
// posted form are the registry's JSON keys ("title.nb", "cost.price",
// "location.postcode", "schedules.0.start_date"), with these form-only
// names: extra.N.lang, extra.N.title, extra.N.description,
// extra.N.how_to_join; schedules.N.kind, .days, .interval, .nth, .weekday,
// .rrule, .except and .remove.
type activityForm struct {
	// Texts holds the texts in the interface languages (nb, nn, da, sv, en)
	// that have any; Extra the texts in other languages.
	Texts map[string]textFields
	Extra []extraText

	Category string
	Stage    string
	AgeMin   string
	AgeMax   string

	Languages       []string
	HelperLanguages []string

	CostKind    string // free or paid
	Price       string // in kroner as typed: "150", "150,50"
	LeisureCard bool

	Accessibility        []string
	RegistrationRequired bool
	Capacity             string

	ContactName  string
	ContactEmail string
	ContactPhone string

	LocationName     string
	LocationAddress  string
	LocationPostcode string
	LocationCity     string
	LocationDistrict string
	LocationLat      string
	LocationLng      string

	// Schedules holds no blank block: parseActivityForm drops them, so
	// index N here is index N of the activity's schedules and of the
	// registry's field keys.
	Schedules []scheduleFields
}

// blankActivityForm is the form for a new activity: free of charge, all
// else empty.
func blankActivityForm() activityForm {
	return activityForm{Texts: map[string]textFields{}, CostKind: string(registry.CostFree)}
}

// activityFormFrom fills the form from a stored activity.
func activityFormFrom(a *registry.Activity) activityForm {
	f := activityForm{
		Texts:                map[string]textFields{},
		Category:             string(a.Category),
		Stage:                string(a.Stage),
		AgeMin:               intField(a.AgeMin),
		AgeMax:               intField(a.AgeMax),
		Languages:            slices.Clone(a.Languages),
		HelperLanguages:      slices.Clone(a.HelperLanguages),
		CostKind:             string(a.Cost.Kind),
		Price:                kronerField(a.Cost.Price),
		LeisureCard:          a.Cost.LeisureCard,
		Accessibility:        slices.Clone(a.Accessibility),
		RegistrationRequired: a.RegistrationRequired,
		Capacity:             intField(a.Capacity),
		ContactName:          a.Contact.Name,
		ContactEmail:         a.Contact.Email,
		ContactPhone:         registry.FormatPhone(a.Contact.Phone),
		LocationName:         a.Location.Name,
		LocationAddress:      a.Location.Address,
		LocationPostcode:     a.Location.Postcode,
		LocationCity:         a.Location.City,
		LocationDistrict:     a.Location.District,
		LocationLat:          floatField(a.Location.Lat),
		LocationLng:          floatField(a.Location.Lng),
	}
	text := func(lang string) textFields {
		return textFields{Title: a.Title[lang], Description: a.Description[lang], HowToJoin: a.HowToJoin[lang]}
	}
	others := map[string]bool{}
	for _, t := range []registry.Text{a.Title, a.Description, a.HowToJoin} {
		for lang, v := range t {
			if v != "" && !slices.Contains(registry.UILocales, lang) {
				others[lang] = true
			}
		}
	}
	for _, lang := range registry.UILocales {
		if t := text(lang); !t.blank() {
			f.Texts[lang] = t
		}
	}
	// Other languages in the registry's display order, unknown codes last.
	for _, lg := range registry.Languages {
		if others[lg.Code] {
			f.Extra = append(f.Extra, extraText{Lang: lg.Code, textFields: text(lg.Code)})
			delete(others, lg.Code)
		}
	}
	rest := make([]string, 0, len(others))
	for lang := range others {
		rest = append(rest, lang)
	}
	sort.Strings(rest)
	for _, lang := range rest {
		f.Extra = append(f.Extra, extraText{Lang: lang, textFields: text(lang)})
	}
	for _, s := range a.Schedules {
		f.Schedules = append(f.Schedules, scheduleFieldsFrom(s))
	}
	return f
}

// scheduleFieldsFrom turns a stored schedule back into the form's choices:
// "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH" is weekly on Tuesday and Thursday
// every other week, "FREQ=MONTHLY;BYDAY=1SA" the first Saturday and
// "FREQ=MONTHLY;BYDAY=-1FR" the last Friday of the month. A rule the form has
// no controls for is kept as a custom rule.
func scheduleFieldsFrom(s registry.Schedule) scheduleFields {
	out := scheduleFields{
		Kind: kindCustom, RRule: s.RRule, Interval: "1", Nth: "1",
		StartDate: s.StartDate, EndDate: s.EndDate, StartTime: s.StartTime, EndTime: s.EndTime,
		Except: strings.Join(s.Except, "\n"),
	}
	if s.Kind == registry.ScheduleOnce {
		out.Kind, out.RRule = kindOnce, ""
		return out
	}
	parts := map[string]string{}
	for _, p := range strings.Split(registry.NormalizeRRule(s.RRule), ";") {
		k, v, ok := strings.Cut(p, "=")
		if !ok || parts[k] != "" {
			return out
		}
		parts[k] = v
	}
	interval := 1
	if v, ok := parts["INTERVAL"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return out
		}
		interval = n
	}
	for k := range parts {
		if k != "FREQ" && k != "INTERVAL" && k != "BYDAY" {
			return out
		}
	}
	var byday []string
	if v := parts["BYDAY"]; v != "" {
		byday = strings.Split(v, ",")
	}
	switch parts["FREQ"] {
	case "WEEKLY":
		if interval < 1 || interval > maxWeeklyEvery {
			return out
		}
		var days []string
		for _, d := range byday {
			if !slices.Contains(rruleDayCodes, d) {
				return out
			}
			if !slices.Contains(days, d) {
				days = append(days, d)
			}
		}
		if len(days) == 0 {
			// The rule repeats on the start date's weekday; show it ticked.
			if d, err := time.Parse(time.DateOnly, s.StartDate); err == nil {
				days = []string{rruleDay(d.Weekday())}
			}
		}
		sortDays(days)
		out.Kind, out.RRule, out.Days, out.Interval = kindWeekly, "", days, strconv.Itoa(interval)
	case "MONTHLY":
		if interval != 1 || len(byday) != 1 || len(byday[0]) < 3 {
			return out
		}
		d := byday[0]
		nth, day := strings.TrimPrefix(d[:len(d)-2], "+"), d[len(d)-2:]
		known := false
		for _, c := range nthChoices {
			known = known || c.Value == nth
		}
		if !known || !slices.Contains(rruleDayCodes, day) {
			return out
		}
		out.Kind, out.RRule, out.Nth, out.Weekday = kindMonthly, "", nth, day
	}
	return out
}

// parseActivityForm reads a posted activity form. It never fails: what
// cannot be understood is kept as typed for activity to report. Blank
// schedule blocks, blocks ticked for removal and empty extra-language slots
// are dropped.
func parseActivityForm(v url.Values) activityForm {
	f := activityForm{
		Texts:                map[string]textFields{},
		Category:             v.Get("category"),
		Stage:                v.Get("stage"),
		AgeMin:               v.Get("age_min"),
		AgeMax:               v.Get("age_max"),
		Languages:            multi(v, "languages"),
		HelperLanguages:      multi(v, "helper_languages"),
		CostKind:             v.Get("cost.kind"),
		Price:                v.Get("cost.price"),
		LeisureCard:          checked(v, "cost.leisure_card"),
		Accessibility:        multi(v, "accessibility"),
		RegistrationRequired: checked(v, "registration_required"),
		Capacity:             v.Get("capacity"),
		ContactName:          v.Get("contact.name"),
		ContactEmail:         v.Get("contact.email"),
		ContactPhone:         v.Get("contact.phone"),
		LocationName:         v.Get("location.name"),
		LocationAddress:      v.Get("location.address"),
		LocationPostcode:     v.Get("location.postcode"),
		LocationCity:         v.Get("location.city"),
		LocationDistrict:     v.Get("location.district"),
		LocationLat:          v.Get("location.lat"),
		LocationLng:          v.Get("location.lng"),
	}
	for _, lang := range registry.UILocales {
		t := textFields{Title: v.Get("title." + lang), Description: v.Get("description." + lang), HowToJoin: v.Get("how_to_join." + lang)}
		if !t.blank() {
			f.Texts[lang] = t
		}
	}
	for _, i := range formIndices(v, "extra.", maxExtraIndex) {
		p := "extra." + strconv.Itoa(i) + "."
		x := extraText{Lang: strings.TrimSpace(v.Get(p + "lang")),
			textFields: textFields{Title: v.Get(p + "title"), Description: v.Get(p + "description"), HowToJoin: v.Get(p + "how_to_join")}}
		if x.Lang != "" || !x.blank() {
			f.Extra = append(f.Extra, x)
		}
	}
	for _, i := range formIndices(v, "schedules.", maxScheduleIndex) {
		p := "schedules." + strconv.Itoa(i) + "."
		if checked(v, p+"remove") {
			continue
		}
		s := scheduleFields{
			Kind: v.Get(p + "kind"), Days: multi(v, p+"days"), Interval: v.Get(p + "interval"),
			Nth: v.Get(p + "nth"), Weekday: v.Get(p + "weekday"), RRule: v.Get(p + "rrule"),
			StartDate: v.Get(p + "start_date"), EndDate: v.Get(p + "end_date"),
			StartTime: v.Get(p + "start_time"), EndTime: v.Get(p + "end_time"), Except: v.Get(p + "except"),
		}
		if !s.blank() {
			f.Schedules = append(f.Schedules, s)
		}
	}
	return f
}

// activity builds the activity the form describes, for organisation orgID
// with every schedule in zone (the municipality's, one of
// registry.ScheduleZones; the location's country follows from it). The
// field errors cover only what cannot be read at all — a number, price,
// coordinate or exception date that is not one, a schedule choice that is
// not offered, an extra text without a language — under the registry's
// field keys ("cost.price", "schedules.0.except") or the form's own names
// where the registry has none ("extra.0.lang", "schedules.0.weekday"). It is
// nil when everything could be read. The caller runs Normalize and Validate;
// validActivity does all three.
func (f activityForm) activity(orgID int64, zone string) (*registry.Activity, broen.FieldErrors) {
	fe := broen.FieldErrors{}
	a := &registry.Activity{
		OrganisationID:       orgID,
		Category:             registry.Category(strings.TrimSpace(f.Category)),
		Stage:                registry.Stage(strings.TrimSpace(f.Stage)),
		Languages:            slices.Clone(f.Languages),
		HelperLanguages:      slices.Clone(f.HelperLanguages),
		Cost:                 registry.Cost{Kind: registry.CostKind(strings.TrimSpace(f.CostKind)), LeisureCard: f.LeisureCard},
		Accessibility:        slices.Clone(f.Accessibility),
		RegistrationRequired: f.RegistrationRequired,
		Contact:              registry.Contact{Name: f.ContactName, Email: f.ContactEmail, Phone: f.ContactPhone},
		Location: registry.Location{Name: f.LocationName, Address: f.LocationAddress, Postcode: f.LocationPostcode,
			City: f.LocationCity, District: f.LocationDistrict, Country: zoneCountry(zone)},
	}

	setText := func(lang string, t textFields) {
		for _, x := range []struct {
			dst *registry.Text
			v   string
		}{{&a.Title, t.Title}, {&a.Description, t.Description}, {&a.HowToJoin, t.HowToJoin}} {
			if strings.TrimSpace(x.v) == "" {
				continue
			}
			if *x.dst == nil {
				*x.dst = registry.Text{}
			}
			(*x.dst)[lang] = x.v
		}
	}
	for _, lang := range registry.UILocales {
		setText(lang, f.Texts[lang])
	}
	used := map[string]bool{}
	for i, x := range f.Extra {
		if x.blank() {
			continue
		}
		key := "extra." + strconv.Itoa(i) + ".lang"
		switch lang := strings.TrimSpace(x.Lang); {
		case !extraLanguage(lang):
			fe.Add(key, "validation.language")
		case used[lang]:
			fe.Add(key, msgFormLanguageUsed)
		default:
			used[lang] = true
			setText(lang, x.textFields)
		}
	}

	var ok bool
	if a.AgeMin, ok = formInt(f.AgeMin); !ok {
		fe.Add("age_min", "validation.age")
	}
	if a.AgeMax, ok = formInt(f.AgeMax); !ok {
		fe.Add("age_max", "validation.age")
	}
	if a.Capacity, ok = formInt(f.Capacity); !ok {
		fe.Add("capacity", msgFormNumber)
	}
	if a.Cost.Price, ok = parseKroner(f.Price); !ok {
		fe.Add("cost.price", msgFormPrice)
	}
	if a.Location.Lat, ok = formFloat(f.LocationLat); !ok {
		fe.Add("location.lat", msgFormCoordinate)
	}
	if a.Location.Lng, ok = formFloat(f.LocationLng); !ok {
		fe.Add("location.lng", msgFormCoordinate)
	}

	for i, s := range f.Schedules {
		a.Schedules = append(a.Schedules, s.schedule(zone, "schedules."+strconv.Itoa(i)+".", fe))
	}
	if len(fe) == 0 {
		return a, nil
	}
	return a, fe
}

// validActivity is activity followed by Normalize and Validate. The error is
// nil or an EINVALID *broen.Error whose Fields hold the parse problems and,
// for the other fields, Validate's.
func (f activityForm) validActivity(orgID int64, zone string) (*registry.Activity, error) {
	a, fe := f.activity(orgID, zone)
	a.Normalize()
	all := broen.FieldErrors{}
	for k, id := range fe {
		all[k] = id
	}
	if e := broen.AsError(a.Validate()); e != nil {
		for k, id := range e.Fields {
			all.Add(k, id)
		}
	}
	return a, all.Err()
}

// schedule builds the schedule of one block, adding what cannot be read to
// fe under prefix ("schedules.0.").
func (s scheduleFields) schedule(zone, prefix string, fe broen.FieldErrors) registry.Schedule {
	out := registry.Schedule{
		Kind: registry.ScheduleRecurring, Zone: zone,
		StartDate: formDate(s.StartDate), EndDate: formDate(s.EndDate),
		StartTime: s.StartTime, EndTime: s.EndTime,
	}
	except, ok := parseDates(s.Except)
	if !ok {
		fe.Add(prefix+"except", msgFormDates)
	}
	out.Except = except

	switch strings.TrimSpace(s.Kind) {
	case kindOnce:
		out.Kind = registry.ScheduleOnce
	case kindCustom:
		out.RRule = s.RRule
	case kindWeekly, "":
		parts := []string{"FREQ=WEEKLY"}
		switch n, err := strconv.Atoi(strings.TrimSpace(s.Interval)); {
		case strings.TrimSpace(s.Interval) == "" || n == 1:
		case err != nil || n < 1 || n > maxWeeklyEvery:
			fe.Add(prefix+"interval", "validation.choice")
		default:
			parts = append(parts, "INTERVAL="+strconv.Itoa(n))
		}
		var days []string
		for _, d := range s.Days {
			d = strings.ToUpper(strings.TrimSpace(d))
			switch {
			case !slices.Contains(rruleDayCodes, d):
				fe.Add(prefix+"days", "validation.choice")
			case !slices.Contains(days, d):
				days = append(days, d)
			}
		}
		// No day ticked: the rule repeats on the start date's weekday.
		if len(days) > 0 {
			sortDays(days)
			parts = append(parts, "BYDAY="+strings.Join(days, ","))
		}
		out.RRule = strings.Join(parts, ";")
	case kindMonthly:
		nth := strings.TrimSpace(s.Nth)
		if nth == "" {
			nth = "1"
		}
		known := false
		for _, c := range nthChoices {
			known = known || c.Value == nth
		}
		if !known {
			fe.Add(prefix+"nth", "validation.choice")
		}
		day := strings.ToUpper(strings.TrimSpace(s.Weekday))
		switch {
		case day == "":
			fe.Add(prefix+"weekday", msgFormWeekday)
		case !slices.Contains(rruleDayCodes, day):
			fe.Add(prefix+"weekday", "validation.choice")
		case known:
			out.RRule = "FREQ=MONTHLY;BYDAY=" + nth + day
		}
	default:
		out.Kind = ""
		fe.Add(prefix+"kind", "validation.choice")
	}
	return out
}

// extraLanguage reports whether code may be chosen for an extra text: a
// known written language that is not one of the five slots of their own.
func extraLanguage(code string) bool {
	return registry.ValidLanguage(code) && !slices.Contains(registry.UILocales, code) && code != "sgn"
}

// zoneCountry returns the country whose schedule zone is zone, or "".
func zoneCountry(zone string) string {
	for _, c := range registry.Countries {
		if registry.CountryZone(c) == zone {
			return c
		}
	}
	return ""
}

// formIndices returns the distinct numbers N below limit of the fields
// named prefix+"N."+…, in order.
func formIndices(v url.Values, prefix string, limit int) []int {
	seen := map[int]bool{}
	for k := range v {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		num, _, ok := strings.Cut(rest, ".")
		if !ok || num == "" || len(num) > 3 || !isDigits(num) {
			continue
		}
		if n, _ := strconv.Atoi(num); n < limit {
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// multi returns the non-empty values of a multi-valued field, or nil.
func multi(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// checked reports whether a checkbox was ticked.
func checked(v url.Values, key string) bool {
	b, ok := parseBool(v.Get(key))
	return b || !ok // any value a browser sends for a ticked box
}

// stripSpaces removes spaces, also the no-break and thin spaces people and
// number formatters put between thousands.
func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '\u202f', '\u2009':
			return -1
		}
		return r
	}, s)
}

// formInt reads a whole number; empty is 0.
func formInt(s string) (int, bool) {
	s = stripSpaces(s)
	if s == "" {
		return 0, true
	}
	s = strings.Replace(s, "\u2212", "-", 1) // minus sign
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// formFloat reads a decimal number with a point or a comma; empty is 0.
func formFloat(s string) (float64, bool) {
	s = strings.ReplaceAll(stripSpaces(s), ",", ".")
	if s == "" {
		return 0, true
	}
	s = strings.Replace(s, "\u2212", "-", 1)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parseKroner reads a price in kroner as people type it — "150", "150,50",
// "150.50", "1 500", "1.500" (Danish thousands), "kr 150", "150,-" — into
// minor units (øre). A separator followed by one or two digits at the end is
// the decimal separator; any other separates thousands. Empty is 0.
func parseKroner(s string) (int64, bool) {
	s = strings.ToLower(stripSpaces(s))
	for _, unit := range []string{"nok", "dkk", "sek", "kr.", "kr", ":-", ",-", ".-"} {
		s = strings.TrimPrefix(s, unit)
		s = strings.TrimSuffix(s, unit)
	}
	if s == "" {
		return 0, true
	}
	neg := false
	if r, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, r
	} else if r, ok := strings.CutPrefix(s, "\u2212"); ok {
		neg, s = true, r
	}
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
		if frac == "" {
			return 0, false
		}
	}
	// Thousands separators: groups of exactly three digits after the first.
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) == 0 || strings.Count(whole, ".")+strings.Count(whole, ",") != len(groups)-1 {
		return 0, false
	}
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return 0, false
		}
	}
	digits := strings.Join(groups, "")
	if len(digits) > 12 || (frac != "" && !isDigits(frac)) {
		return 0, false
	}
	kr, _ := strconv.ParseInt(digits, 10, 64)
	ore := int64(0)
	if frac != "" {
		ore, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			ore *= 10
		}
	}
	v := kr*100 + ore
	if neg {
		v = -v
	}
	return v, true
}

// kronerField writes a price in minor units as kroner: 15000 → "150",
// 15050 → "150,50"; 0 → "".
func kronerField(minor int64) string {
	if minor == 0 {
		return ""
	}
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	s := sign + strconv.FormatInt(minor/100, 10)
	if ore := minor % 100; ore != 0 {
		s += "," + twoDigitString(ore)
	}
	return s
}

func twoDigitString(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

func intField(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func floatField(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// nordicDate reads a date as ISO (2026-12-24, also 2026-12-4) or as Nordic
// people type it (24.12.2026, 4.1.2027, 24-12-2026, 24/12/2026; not
// 24.12.26, whose century is a guess) and returns it as ISO.
func nordicDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Format(time.DateOnly), true
	}
	for _, layout := range []string{"2.1.2006", "2-1-2006", "2/1/2006", "2006-1-2"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d.Format(time.DateOnly), true
		}
	}
	return s, false
}

// formDate returns a typed date as ISO when it can be read, else as typed
// (trimmed) for the registry to report.
func formDate(s string) string {
	d, _ := nordicDate(s)
	return d
}

// parseDates reads exception dates separated by line breaks, commas,
// semicolons or spaces. It returns the dates it could read as ISO (nil for
// none) and false if any could not be read.
func parseDates(s string) ([]string, bool) {
	var out []string
	ok := true
	for _, p := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ',' || r == ';' || r == ' ' || r == '\t'
	}) {
		d, good := nordicDate(p)
		if !good {
			ok = false
			continue
		}
		out = append(out, d)
	}
	return out, ok
}

func rruleDay(d time.Weekday) string { return rruleDayCodes[(int(d)+6)%7] }

// sortDays sorts RRULE weekday codes Monday first.
func sortDays(days []string) {
	sort.Slice(days, func(i, j int) bool {
		return slices.Index(rruleDayCodes, days[i]) < slices.Index(rruleDayCodes, days[j])
	})
}

// --- The view -------------------------------------------------------------

// fieldMsg is one error message shown under a field.
type fieldMsg struct {
	ID   string // "e-location-postcode"
	Text string
}

// choice is one checkbox or radio button of a group.
type choice struct {
	ID      string
	Value   string
	Label   template.HTML
	Checked bool
}

// formField is everything the template needs for one control: a text
// input, textarea, select, checkbox, or a group of checkboxes or radio
// buttons. ID is "f-" and the field name with dots as hyphens
// ("f-schedules-0-start_date"); for a group it is the first item's, the
// target of the error summary's link. Hint and error paragraphs are
// "h-…" and "e-…".
type formField struct {
	Name    string
	ID      string
	key     string // the ID without "f-"; for groups, from the name
	Label   string
	Context string // read out after the label, and in the error summary: the language, the schedule
	Hint    string
	Req     string // "required", localized, when the field must be filled in
	Type    string // input type, or checkbox/radio for a group
	// InputMode picks the phone keyboard for numbers typed into text
	// inputs (type=number would throw away what it cannot read).
	InputMode string
	Value     string
	Checked   bool
	Lang      string
	Dir       string
	List      string // id of a datalist
	Options   []option
	Items     []choice
	Errors    []fieldMsg
}

// HintID is the id of the field's hint paragraph.
func (f formField) HintID() string { return "h-" + f.key }

// Aria returns aria-describedby (hint and errors) and, for a field with an
// error, aria-invalid, as attributes to put inside the control's tag.
func (f formField) Aria() template.HTMLAttr { return f.aria(true) }

// GroupAria is Aria for a fieldset: aria-invalid is not allowed on a group.
func (f formField) GroupAria() template.HTMLAttr { return f.aria(false) }

func (f formField) aria(invalid bool) template.HTMLAttr {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID())
	}
	for _, e := range f.Errors {
		ids = append(ids, e.ID)
	}
	var b strings.Builder
	if len(ids) > 0 {
		b.WriteString(` aria-describedby="` + strings.Join(ids, " ") + `"`)
	}
	if invalid && len(f.Errors) > 0 {
		b.WriteString(` aria-invalid="true"`)
	}
	// Every id is built by idPart from field names and fixed codes.
	return template.HTMLAttr(b.String())
}

// textSlot is the texts in one language: a <details> of the form.
type textSlot struct {
	Lang        string // "" for an extra slot without a language yet
	Dir         string
	Summary     template.HTML
	SummaryLang string // lang of the summary text, for the interface languages' own names
	Open        bool
	Extra       bool
	LangSelect  formField // extra slots: which language
	Title       formField
	Description formField
	HowToJoin   formField
}

// scheduleView is one schedule block: a nested fieldset.
type scheduleView struct {
	Index     int
	Legend    string
	New       bool // the blank block for adding one
	Kind      formField
	Days      formField
	Interval  formField
	Nth       formField
	Weekday   formField
	RRule     formField // custom blocks only (Name set)
	StartDate formField
	EndDate   formField
	StartTime formField
	EndTime   formField
	Except    formField
	Remove    formField
}

// summaryItem is one line of the error summary.
type summaryItem struct {
	Href  string // "#f-location-postcode"; "" when no control belongs to it
	Label string
	Text  string
}

// activityFormView is the page data of the activity form partial
// ({{template "activity_form" .Form}}). Errors and the fields' messages are
// keyed by form field name; Summary lists them in the order of the form.
type activityFormView struct {
	L       *locales.Localizer
	F       activityForm
	Errors  map[string]string
	Summary []summaryItem

	Texts     []textSlot
	Schedules []scheduleView

	LocationName, LocationAddress, LocationPostcode, LocationCity formField
	LocationDistrict, LocationLat, LocationLng                    formField

	Category, Stage, AgeMin, AgeMax formField
	Languages, HelperLanguages      formField

	CostKind, Price, LeisureCard formField
	Accessibility                formField

	RegistrationRequired, Capacity          formField
	ContactName, ContactEmail, ContactPhone formField

	// Districts fills a datalist of suggestions for the district field;
	// set with withDistricts.
	Districts []option
}

// withDistricts offers the municipality's districts as suggestions for the
// district field.
func (v *activityFormView) withDistricts(ds []registry.District) {
	v.Districts = nil
	for _, d := range ds {
		v.Districts = append(v.Districts, option{Value: d.Name, Label: d.Name})
	}
	v.LocationDistrict.List = ""
	if len(v.Districts) > 0 {
		v.LocationDistrict.List = "districts"
	}
}

// viewBuilder attaches error messages to fields in the order the form shows
// them, building the error summary as it goes.
type viewBuilder struct {
	l       *locales.Localizer
	errs    map[string]string
	used    map[string]bool
	summary []summaryItem
	req     string
	ctx     string // Context of the fields made next
}

// attach adds the messages of keys to f, linking the summary to target.
func (b *viewBuilder) attach(f *formField, target string, keys ...string) {
	for _, k := range keys {
		msg, ok := b.errs[k]
		if !ok || b.used[k] {
			continue
		}
		b.used[k] = true
		f.Errors = append(f.Errors, fieldMsg{ID: "e-" + idPart(k), Text: msg})
		label := f.Label
		if f.Context != "" {
			label += " – " + f.Context
		}
		b.summary = append(b.summary, summaryItem{Href: "#" + target, Label: label, Text: msg})
	}
}

// field makes a single control named name with the messages of name and of
// the extra keys.
func (b *viewBuilder) field(name, label, typ, value string, extra ...string) formField {
	f := formField{Name: name, key: idPart(name), ID: "f-" + idPart(name), Label: label, Type: typ, Value: value, Context: b.ctx}
	b.attach(&f, f.ID, append([]string{name}, extra...)...)
	return f
}

// group makes a fieldset of checkboxes or radio buttons named name.
func (b *viewBuilder) group(name, label, typ string, items []choice, extra ...string) formField {
	f := formField{Name: name, key: idPart(name), ID: "f-" + idPart(name), Label: label, Type: typ, Items: items, Context: b.ctx}
	if len(items) > 0 {
		f.ID = items[0].ID
	}
	b.attach(&f, f.ID, append([]string{name}, extra...)...)
	return f
}

// choices makes the items of a group named name from values and labels.
func choices(name string, values []string, label func(string) template.HTML, selected []string) []choice {
	out := make([]choice, len(values))
	for i, v := range values {
		out[i] = choice{ID: "f-" + idPart(name) + "-" + idPart(v), Value: v, Label: label(v), Checked: slices.Contains(selected, v)}
	}
	return out
}

// idPart turns a field name or code into a piece of an HTML id: dots become
// hyphens, letters are lower-cased, anything outside [a-z0-9_-] is dropped.
func idPart(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.':
			b.WriteByte('-')
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// newActivityFormView prepares the form for the template in l's language.
// errs maps field keys — the registry's ("title.ar", "schedules.0.rrule")
// or the form's ("extra.0.lang") — to localized messages, as localizeFields
// returns them; a message without a control of its own is shown at the
// nearest one (a missing title at the title in the reader's language, a text
// in an extra language at its slot), or only in the summary.
func (s *Server) newActivityFormView(l *locales.Localizer, f activityForm, errs map[string]string) activityFormView {
	if l == nil {
		l = locales.New(nil, locales.Default)
	}
	if f.Texts == nil {
		f.Texts = map[string]textFields{}
	}
	v := activityFormView{L: l, F: f, Errors: remapErrors(l, f, errs)}
	b := &viewBuilder{l: l, errs: v.Errors, used: map[string]bool{}, req: l.T("registry.form.required")}
	T := l.T
	plain := func(s string) template.HTML { return template.HTML(template.HTMLEscapeString(s)) }

	// Title and description, one slot per language.
	for _, lang := range registry.UILocales {
		t := f.Texts[lang]
		name := T("web.lang." + lang)
		slot := textSlot{Lang: lang, Dir: "ltr", Summary: plain(name), SummaryLang: lang}
		b.ctx = name
		slot.Title = b.field("title."+lang, T("registry.form.title"), "text", t.Title)
		slot.Description = b.field("description."+lang, T("registry.form.description"), "", t.Description)
		slot.HowToJoin = b.field("how_to_join."+lang, T("registry.activity.how_to_join"), "", t.HowToJoin)
		for _, ff := range []*formField{&slot.Title, &slot.Description, &slot.HowToJoin} {
			ff.Lang, ff.Dir = lang, "ltr"
		}
		slot.Open = lang == "nb" || lang == l.Lang || !t.blank() ||
			len(slot.Title.Errors)+len(slot.Description.Errors)+len(slot.HowToJoin.Errors) > 0
		v.Texts = append(v.Texts, slot)
	}
	extras := slices.Clone(f.Extra)
	for len(extras) < extraTextSlots {
		extras = append(extras, extraText{})
	}
	for i, x := range extras {
		p := "extra." + strconv.Itoa(i) + "."
		slot := textSlot{Lang: x.Lang, Dir: "auto", Extra: true, Summary: plain(T("registry.form.extra_language"))}
		b.ctx = T("registry.form.extra_language")
		if lg, ok := registry.LookupLanguage(x.Lang); ok && x.Lang != "" {
			slot.Dir = lg.Direction
			slot.Summary = languageLabel(l, x.Lang)
			b.ctx = languageName(l, x.Lang)
		}
		opts := []option{{Value: "", Label: T("registry.form.choose"), Selected: x.Lang == ""}}
		found := x.Lang == ""
		for _, lg := range registry.Languages {
			if extraLanguage(lg.Code) {
				opts = append(opts, option{Value: lg.Code, Label: languageName(l, lg.Code), Selected: lg.Code == x.Lang})
				found = found || lg.Code == x.Lang
			}
		}
		if !found {
			opts = append(opts, option{Value: x.Lang, Label: x.Lang, Selected: true})
		}
		slot.LangSelect = b.field(p+"lang", T("registry.form.text_language"), "", x.Lang)
		slot.LangSelect.Options = opts
		slot.Title = b.field(p+"title", T("registry.form.title"), "text", x.Title)
		slot.Description = b.field(p+"description", T("registry.form.description"), "", x.Description)
		slot.HowToJoin = b.field(p+"how_to_join", T("registry.activity.how_to_join"), "", x.HowToJoin)
		for _, ff := range []*formField{&slot.Title, &slot.Description, &slot.HowToJoin} {
			if x.Lang != "" && registry.ValidLanguage(x.Lang) {
				ff.Lang = x.Lang
			}
			ff.Dir = slot.Dir
		}
		slot.Open = x.Lang != "" || !x.blank() ||
			len(slot.LangSelect.Errors)+len(slot.Title.Errors)+len(slot.Description.Errors)+len(slot.HowToJoin.Errors) > 0
		v.Texts = append(v.Texts, slot)
	}
	b.ctx = ""

	// When: the schedules and one blank block to add another.
	blocks := slices.Clone(f.Schedules)
	if len(blocks) < registry.MaxSchedules || len(blocks) == 0 {
		blocks = append(blocks, scheduleFields{Kind: kindWeekly, Interval: "1", Nth: "1"})
	}
	for i, sf := range blocks {
		v.Schedules = append(v.Schedules, b.schedule(i, sf, i == len(f.Schedules), len(f.Schedules) == 0))
	}
	b.ctx = ""

	// Where.
	v.LocationName = b.field("location.name", T("registry.form.location.name"), "text", f.LocationName)
	v.LocationName.Hint = T("registry.form.location.name_hint")
	v.LocationAddress = b.field("location.address", T("registry.form.location.address"), "text", f.LocationAddress)
	v.LocationAddress.Req = b.req
	v.LocationPostcode = b.field("location.postcode", T("registry.form.location.postcode"), "text", f.LocationPostcode, "location.country")
	v.LocationPostcode.Req = b.req
	v.LocationCity = b.field("location.city", T("registry.form.location.city"), "text", f.LocationCity)
	v.LocationDistrict = b.field("location.district", T("registry.activity.district"), "text", f.LocationDistrict)
	v.LocationDistrict.Req = b.req
	v.LocationDistrict.Hint = T("registry.form.location.district_hint")
	v.LocationLat = b.field("location.lat", T("registry.form.location.lat"), "text", f.LocationLat)
	v.LocationLng = b.field("location.lng", T("registry.form.location.lng"), "text", f.LocationLng)
	v.LocationPostcode.InputMode, v.LocationLat.InputMode, v.LocationLng.InputMode = "numeric", "decimal", "decimal"

	// Who and what.
	v.Category = b.field("category", T("registry.form.category"), "", f.Category)
	v.Category.Req = b.req
	v.Category.Options = []option{{Value: "", Label: T("registry.form.choose"), Selected: f.Category == ""}}
	for _, c := range registry.Categories {
		v.Category.Options = append(v.Category.Options, option{string(c), T("registry.category." + string(c)), f.Category == string(c)})
	}
	v.Stage = b.field("stage", T("registry.form.stage"), "", f.Stage)
	v.Stage.Hint = T("registry.form.stage_hint")
	v.Stage.Options = []option{{Value: "", Label: T("registry.form.stage.none"), Selected: f.Stage == ""}}
	for _, st := range registry.Stages {
		v.Stage.Options = append(v.Stage.Options, option{string(st), T("registry.stage." + string(st)), f.Stage == string(st)})
	}
	v.AgeMin = b.field("age_min", T("registry.form.age_min"), "text", f.AgeMin)
	v.AgeMax = b.field("age_max", T("registry.form.age_max"), "text", f.AgeMax)
	v.AgeMin.InputMode, v.AgeMax.InputMode = "numeric", "numeric"
	codes := make([]string, len(registry.Languages))
	for i, lg := range registry.Languages {
		codes[i] = lg.Code
	}
	langLabel := func(code string) template.HTML { return languageLabel(l, code) }
	v.Languages = b.group("languages", T("registry.activity.languages"), "checkbox", choices("languages", codes, langLabel, f.Languages))
	v.Languages.Req = b.req
	v.Languages.Hint = T("registry.form.languages_hint")
	v.HelperLanguages = b.group("helper_languages", T("registry.activity.helper_languages"), "checkbox",
		choices("helper_languages", codes, langLabel, f.HelperLanguages))
	v.HelperLanguages.Hint = T("registry.form.helper_languages_hint")

	// Cost.
	v.CostKind = b.group("cost.kind", T("registry.form.cost.kind"), "radio", []choice{
		{ID: "f-cost-kind-free", Value: string(registry.CostFree), Label: plain(T("registry.cost.free")), Checked: f.CostKind == string(registry.CostFree)},
		{ID: "f-cost-kind-paid", Value: string(registry.CostPaid), Label: plain(T("registry.form.cost.paid")), Checked: f.CostKind == string(registry.CostPaid)},
	})
	v.CostKind.Req = b.req
	v.Price = b.field("cost.price", T("registry.form.price"), "text", f.Price, "cost.currency")
	v.Price.Hint = T("registry.form.price_hint")
	v.Price.InputMode = "decimal"
	v.LeisureCard = b.field("cost.leisure_card", T("registry.cost.leisure_card"), "checkbox", "1")
	v.LeisureCard.Checked = f.LeisureCard

	// Accessibility.
	access := func(code string) template.HTML { return plain(T("registry.access." + code)) }
	v.Accessibility = b.group("accessibility", T("registry.activity.accessibility"), "checkbox",
		choices("accessibility", registry.AccessibilityFeatures, access, f.Accessibility))
	v.Accessibility.Hint = T("registry.form.accessibility_hint")

	// Joining and contact.
	v.RegistrationRequired = b.field("registration_required", T("registry.form.registration_required"), "checkbox", "1")
	v.RegistrationRequired.Checked = f.RegistrationRequired
	v.Capacity = b.field("capacity", T("registry.form.capacity"), "text", f.Capacity)
	v.Capacity.Hint = T("registry.form.capacity_hint")
	v.Capacity.InputMode = "numeric"
	v.ContactName = b.field("contact.name", T("registry.form.contact.name"), "text", f.ContactName)
	v.ContactEmail = b.field("contact.email", T("registry.organisation.email"), "email", f.ContactEmail)
	v.ContactPhone = b.field("contact.phone", T("registry.organisation.phone"), "tel", f.ContactPhone)

	// Whatever is left has no control on this form (organisation, status).
	var rest []string
	for k := range v.Errors {
		if !b.used[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		b.summary = append(b.summary, summaryItem{Text: v.Errors[k]})
	}
	v.Summary = b.summary
	return v
}

// schedule makes the view of schedule block i. blank marks the block for
// adding one; only says it is the only block, so its fields are required.
func (b *viewBuilder) schedule(i int, sf scheduleFields, blank, only bool) scheduleView {
	T := b.l.T
	p := "schedules." + strconv.Itoa(i) + "."
	sv := scheduleView{Index: i, New: blank, Legend: T("registry.form.schedule.legend", "N", i+1)}
	b.ctx = sv.Legend // "Schedule 2", also for the blank block
	if blank && !only {
		sv.Legend = T("registry.form.schedule.new")
	}
	kind := strings.TrimSpace(sf.Kind)
	if kind == "" {
		kind = kindWeekly
	}
	// The rule's messages go to the custom rule's input, else to the kind,
	// and so does a schedule-wide one ("add at least one") for block 0.
	ruleKeys := []string{p + "zone"}
	if i == 0 {
		ruleKeys = append([]string{"schedules"}, ruleKeys...)
	}
	if kind != kindCustom {
		ruleKeys = append(ruleKeys, p+"rrule")
	}
	sv.Kind = b.field(p+"kind", T("registry.form.schedule.kind"), "", kind, ruleKeys...)
	for _, c := range kindChoices {
		sv.Kind.Options = append(sv.Kind.Options, option{c.Value, T(c.MessageID), kind == c.Value})
	}
	if kind == kindCustom {
		sv.Kind.Options = append(sv.Kind.Options, option{kindCustom, T("registry.form.schedule.kind.custom"), true})
	}

	dayLabel := func(code string) template.HTML {
		return template.HTML(template.HTMLEscapeString(b.l.Weekday(isoWeekdays[slices.Index(rruleDayCodes, code)])))
	}
	days := make([]string, 0, len(sf.Days))
	for _, d := range sf.Days {
		days = append(days, strings.ToUpper(strings.TrimSpace(d)))
	}
	sv.Days = b.group(p+"days", T("registry.form.schedule.days"), "checkbox", choices(p+"days", rruleDayCodes, dayLabel, days))
	sv.Days.Hint = T("registry.form.schedule.days_hint")
	sv.Interval = b.field(p+"interval", T("registry.form.schedule.every_n_weeks"), "", sf.Interval)
	for _, c := range intervalChoices {
		sv.Interval.Options = append(sv.Interval.Options, option{c.Value, T(c.MessageID), strings.TrimSpace(sf.Interval) == c.Value})
	}
	sv.Nth = b.field(p+"nth", T("registry.form.schedule.nth"), "", sf.Nth)
	for _, c := range nthChoices {
		sv.Nth.Options = append(sv.Nth.Options, option{c.Value, T(c.MessageID), strings.TrimSpace(sf.Nth) == c.Value})
	}
	weekday := strings.ToUpper(strings.TrimSpace(sf.Weekday))
	sv.Weekday = b.field(p+"weekday", T("registry.form.schedule.weekday"), "", weekday)
	sv.Weekday.Options = []option{{Value: "", Label: T("registry.form.choose"), Selected: weekday == ""}}
	for _, code := range rruleDayCodes {
		sv.Weekday.Options = append(sv.Weekday.Options, option{code, string(dayLabel(code)), weekday == code})
	}
	if kind == kindCustom {
		sv.RRule = b.field(p+"rrule", T("registry.form.schedule.rule"), "text", sf.RRule)
		sv.RRule.Hint = T("registry.form.schedule.rule_hint")
	}

	sv.StartDate = b.field(p+"start_date", T("registry.form.schedule.start_date"), "date", sf.StartDate)
	sv.StartDate.Hint = T("registry.form.schedule.start_date_hint")
	sv.EndDate = b.field(p+"end_date", T("registry.form.schedule.end_date"), "date", sf.EndDate)
	sv.EndDate.Hint = T("registry.form.schedule.end_date_hint")
	sv.StartTime = b.field(p+"start_time", T("registry.form.schedule.start_time"), "time", sf.StartTime)
	sv.EndTime = b.field(p+"end_time", T("registry.form.schedule.end_time"), "time", sf.EndTime)
	sv.Except = b.field(p+"except", T("registry.form.exceptions"), "", sf.Except)
	sv.Except.Hint = T("registry.form.exceptions_hint")
	if !blank || only {
		for _, ff := range []*formField{&sv.StartDate, &sv.StartTime, &sv.EndTime} {
			ff.Req = b.req
		}
	}
	if !blank {
		sv.Remove = b.field(p+"remove", T("registry.form.schedule.remove"), "checkbox", "1")
	}
	return sv
}

// remapErrors moves messages to the form field that shows them: "title"
// (no title at all) to the title in the reader's language, texts in an
// extra language ("title.ar") to that language's slot, the currency to the
// price. A message already at the destination wins.
func remapErrors(l *locales.Localizer, f activityForm, errs map[string]string) map[string]string {
	slot := map[string]int{}
	for i, x := range f.Extra {
		if _, dup := slot[x.Lang]; !dup && x.Lang != "" {
			slot[x.Lang] = i
		}
	}
	primary := "nb"
	if slices.Contains(registry.UILocales, l.Lang) {
		primary = l.Lang
	}
	dest := func(k string) string {
		field, lang, hasLang := strings.Cut(k, ".")
		isText := field == "title" || field == "description" || field == "how_to_join"
		switch {
		case isText && !hasLang:
			return k + "." + primary
		case isText && !slices.Contains(registry.UILocales, lang):
			if n, ok := slot[lang]; ok {
				return "extra." + strconv.Itoa(n) + "." + field
			}
		case k == "cost.currency":
			return "cost.price"
		}
		return k
	}
	out := make(map[string]string, len(errs))
	for k, msg := range errs {
		if dest(k) == k {
			out[k] = msg
		}
	}
	for k, msg := range errs {
		if d := dest(k); d != k {
			if _, taken := out[d]; !taken {
				out[d] = msg
			}
		}
	}
	return out
}
