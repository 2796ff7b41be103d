package web

import (
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"broen"
	"broen/locales"
	"broen/mentoring"
	"broen/registry"
)

// The volunteer and newcomer forms and the public sign-up share one profile
// part: one struct as typed (profileForm), one parse function
// (parseProfileForm), one view (profileFormView) and one partial
// (templates/partials/profile_form.html). Field names in the posted form are
// the JSON keys of mentoring.Profile ("name", "children_ages",
// "preferences.gender"), so the domain's validation messages land on the
// right control, with these form-only names: languages.N.code and
// languages.N.level (one row per language), interest_tags (free tags,
// comma-separated, beside the category checkboxes in "interests") and
// consent (the sign-up).

// Limits of the language rows.
const (
	// languageRowsMin rows are shown however few languages are filled in,
	// so the form works without JavaScript; languageRowsMax bounds the
	// blank rows offered.
	languageRowsMin = 4
	languageRowsMax = 6
)

// Form message IDs used from Go code.
const (
	msgPeopleNumber   = "validation.number"
	msgPeopleDate     = "validation.date"
	msgPeopleRequired = "validation.required"
	msgPeopleChoice   = "validation.choice"
)

// languageRow is one "language + level" row as typed.
type languageRow struct {
	Code  string
	Level string
}

// profileForm is the profile part exactly as typed, so a form with mistakes
// is shown again with every value kept.
type profileForm struct {
	Household    string
	Name         string
	Email        string
	Phone        string
	Locale       string
	Gender       string
	AgeGroup     string
	Adults       string
	ChildrenAges string
	// Languages holds the rows with anything in them, in order: index N
	// here is languages.N in the field keys.
	Languages     []languageRow
	Interests     []string // registry category codes ticked
	InterestTags  string   // free tags, comma-separated
	District      string
	Availability  []string // slot codes ("tue-evening")
	PrefGender    string
	PrefAgeGroups []string
	PrefChildren  string
}

// volunteerForm is the volunteer form as typed: the profile, what the
// volunteer offers and, for the coordinator, the status and the checks.
type volunteerForm struct {
	profileForm
	Capacity        string
	Offers          []string
	Status          string
	PoliceKind      string
	PoliceShownOn   string
	PoliceCheckedBy string
	PoliceRenewBy   string
	TrainedOn       string
	PledgeSignedOn  string
	Consent         bool // the public sign-up's consent to the privacy text
}

// newcomerForm is the newcomer form as typed.
type newcomerForm struct {
	profileForm
	NordicLevel string
	Needs       []string
	Status      string
}

// formValues returns v's values for key, trimmed, without empty ones.
func formValues(v url.Values, key string) []string {
	var out []string
	for _, s := range v[key] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseProfileForm reads the profile part of a posted form.
func parseProfileForm(v url.Values) profileForm {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := profileForm{
		Household: get("household"), Name: get("name"), Email: get("email"), Phone: get("phone"),
		Locale: get("locale"), Gender: get("gender"), AgeGroup: get("age_group"), Adults: get("adults"),
		ChildrenAges: get("children_ages"), Interests: formValues(v, "interests"), InterestTags: get("interest_tags"),
		District: get("district"), Availability: formValues(v, "availability"),
		PrefGender: get("preferences.gender"), PrefAgeGroups: formValues(v, "preferences.age_groups"),
		PrefChildren: get("preferences.children"),
	}
	// Read a few rows more than the form shows: a record may have come in
	// through the API with more languages than the blank form offers.
	for i := range mentoring.MaxLanguages + 2 {
		p := "languages." + strconv.Itoa(i) + "."
		row := languageRow{Code: get(p + "code"), Level: get(p + "level")}
		if row.Code != "" || row.Level != "" {
			f.Languages = append(f.Languages, row)
		}
	}
	return f
}

// parseVolunteerForm reads the volunteer form; the coordinator's fields
// (status and checks) only when coordinator is set.
func parseVolunteerForm(v url.Values, coordinator bool) volunteerForm {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := volunteerForm{profileForm: parseProfileForm(v), Capacity: get("capacity"), Offers: formValues(v, "offers"),
		Consent: get("consent") != ""}
	if coordinator {
		f.Status = get("status")
		f.PoliceKind, f.PoliceShownOn = get("police_check.kind"), get("police_check.shown_on")
		f.PoliceCheckedBy, f.PoliceRenewBy = get("police_check.checked_by"), get("police_check.renew_by")
		f.TrainedOn, f.PledgeSignedOn = get("trained_on"), get("pledge_signed_on")
	}
	return f
}

func parseNewcomerForm(v url.Values) newcomerForm {
	return newcomerForm{profileForm: parseProfileForm(v), NordicLevel: strings.TrimSpace(v.Get("nordic_level")),
		Needs: formValues(v, "needs"), Status: strings.TrimSpace(v.Get("status"))}
}

// splitList splits a comma- (or semicolon-) separated list as people type
// it, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// profile turns what was typed into a profile, recording what cannot be
// read at all (a number that is not one, a level without a language); the
// rest is the domain's to check.
func (f profileForm) profile(fe broen.FieldErrors) mentoring.Profile {
	p := mentoring.Profile{
		Household: mentoring.Household(f.Household), Name: f.Name, Email: f.Email, Phone: f.Phone, Locale: f.Locale,
		Gender: mentoring.Gender(f.Gender), AgeGroup: mentoring.AgeGroup(f.AgeGroup), District: f.District,
		Preferences: mentoring.Preferences{Gender: mentoring.Gender(f.PrefGender),
			Children: mentoring.ChildrenPreference(f.PrefChildren)},
	}
	if f.Adults != "" {
		n, err := strconv.Atoi(f.Adults)
		if err != nil {
			fe.Add("adults", msgPeopleNumber)
		}
		p.Adults = n
	}
	for _, s := range splitList(f.ChildrenAges) {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "."))
		if err != nil {
			fe.Add("children_ages", msgPeopleNumber)
			continue
		}
		p.ChildrenAges = append(p.ChildrenAges, n)
	}
	for i, row := range f.Languages {
		key := "languages." + strconv.Itoa(i) + "."
		switch {
		case row.Code == "":
			fe.Add(key+"code", msgPeopleRequired)
		case row.Level == "":
			fe.Add(key+"level", msgPeopleRequired)
		default:
			p.Languages = append(p.Languages, mentoring.LanguageSkill{Code: row.Code, Level: mentoring.Level(row.Level)})
		}
	}
	for _, c := range f.Interests {
		if !mentoring.IsCategory(c) {
			fe.Add("interests", msgPeopleChoice)
			continue
		}
		p.Interests = append(p.Interests, c)
	}
	p.Interests = append(p.Interests, splitList(f.InterestTags)...)
	a, bad := mentoring.ParseAvailability(f.Availability)
	if len(bad) > 0 {
		fe.Add("availability", msgPeopleChoice)
	}
	p.Availability = a
	for _, g := range f.PrefAgeGroups {
		p.Preferences.AgeGroups = append(p.Preferences.AgeGroups, mentoring.AgeGroup(g))
	}
	return p
}

// parseDayField reads a date field: "" is the zero time.
func parseDayField(fe broen.FieldErrors, key, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, ok := mentoring.ParseDay(s)
	if !ok {
		fe.Add(key, msgPeopleDate)
	}
	return t
}

func needsOf(codes []string) []mentoring.Need {
	out := make([]mentoring.Need, len(codes))
	for i, c := range codes {
		out[i] = mentoring.Need(c)
	}
	return out
}

// volunteer builds the volunteer the form describes, with the problems
// reading it (not the domain's validation).
func (f volunteerForm) volunteer(coordinator bool) (*mentoring.Volunteer, broen.FieldErrors) {
	fe := broen.FieldErrors{}
	v := &mentoring.Volunteer{Profile: f.profile(fe), Offers: needsOf(f.Offers), Status: mentoring.VolunteerStatus(f.Status)}
	if f.Capacity == "" {
		fe.Add("capacity", msgPeopleRequired)
	} else if n, err := strconv.Atoi(f.Capacity); err != nil {
		fe.Add("capacity", msgPeopleNumber)
	} else {
		v.Capacity = n
	}
	if !coordinator {
		return v, fe
	}
	pc := mentoring.PoliceCheck{Kind: mentoring.PoliceCheckKind(f.PoliceKind),
		ShownOn: parseDayField(fe, "police_check.shown_on", f.PoliceShownOn),
		RenewBy: parseDayField(fe, "police_check.renew_by", f.PoliceRenewBy)}
	if pc.Kind == mentoring.PoliceCheckNone {
		// The form offers the coordinator's name as the one who checked;
		// without a kind nothing was checked, and dates say the kind is
		// missing.
		if f.PoliceShownOn != "" || f.PoliceRenewBy != "" {
			fe.Add("police_check.kind", msgPeopleRequired)
		}
		pc = mentoring.PoliceCheck{}
	} else {
		pc.CheckedBy = f.PoliceCheckedBy
	}
	v.PoliceCheck = pc
	v.TrainedOn = parseDayField(fe, "trained_on", f.TrainedOn)
	v.PledgeSignedOn = parseDayField(fe, "pledge_signed_on", f.PledgeSignedOn)
	return v, fe
}

func (f newcomerForm) newcomer() (*mentoring.Newcomer, broen.FieldErrors) {
	fe := broen.FieldErrors{}
	n := &mentoring.Newcomer{Profile: f.profile(fe), NordicLevel: mentoring.NordicLevel(f.NordicLevel),
		Needs: needsOf(f.Needs), Status: mentoring.NewcomerStatus(f.Status)}
	return n, fe
}

// checkVolunteer returns every problem of a form: the reading problems
// first (they win on a field), then everything the domain's Normalize and
// Validate find, so one round shows all of them. nil when there are none;
// the store checks again when it saves.
func (s *Server) checkVolunteer(v *mentoring.Volunteer, fe broen.FieldErrors) error {
	cp := *v
	mergeFieldErrors(fe, cp.Normalize(s.country()), cp.Validate())
	return fe.Err()
}

func (s *Server) checkNewcomer(n *mentoring.Newcomer, fe broen.FieldErrors) error {
	cp := *n
	mergeFieldErrors(fe, cp.Normalize(s.country()), cp.Validate())
	return fe.Err()
}

func mergeFieldErrors(fe broen.FieldErrors, errs ...error) {
	for _, err := range errs {
		if e := broen.AsError(err); e != nil {
			for k, id := range e.Fields {
				fe.Add(k, id)
			}
		}
	}
}

// profileFormFrom fills the form from a stored profile.
func profileFormFrom(p *mentoring.Profile) profileForm {
	f := profileForm{
		Household: string(p.Household), Name: p.Name, Email: p.Email, Phone: registry.FormatPhone(p.Phone),
		Locale: p.Locale, Gender: string(p.Gender), AgeGroup: string(p.AgeGroup), District: p.District,
		PrefGender: string(p.Preferences.Gender), PrefChildren: string(p.Preferences.Children),
	}
	if p.Phone == "" {
		f.Phone = ""
	}
	if p.Adults > 0 {
		f.Adults = strconv.Itoa(p.Adults)
	}
	ages := make([]string, len(p.ChildrenAges))
	for i, a := range p.ChildrenAges {
		ages[i] = strconv.Itoa(a)
	}
	f.ChildrenAges = strings.Join(ages, ", ")
	for _, l := range p.Languages {
		f.Languages = append(f.Languages, languageRow{Code: l.Code, Level: string(l.Level)})
	}
	var tags []string
	for _, s := range p.Interests {
		if mentoring.IsCategory(s) {
			f.Interests = append(f.Interests, s)
		} else {
			tags = append(tags, s)
		}
	}
	f.InterestTags = strings.Join(tags, ", ")
	for _, sl := range p.Availability.Slots() {
		f.Availability = append(f.Availability, sl.String())
	}
	for _, g := range p.Preferences.AgeGroups {
		f.PrefAgeGroups = append(f.PrefAgeGroups, string(g))
	}
	return f
}

func dateField(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func volunteerFormFrom(v *mentoring.Volunteer) volunteerForm {
	return volunteerForm{profileForm: profileFormFrom(&v.Profile), Capacity: strconv.Itoa(v.Capacity),
		Offers: strs(v.Offers), Status: string(v.Status), PoliceKind: string(v.PoliceCheck.Kind),
		PoliceShownOn: dateField(v.PoliceCheck.ShownOn), PoliceCheckedBy: v.PoliceCheck.CheckedBy,
		PoliceRenewBy: dateField(v.PoliceCheck.RenewBy), TrainedOn: dateField(v.TrainedOn),
		PledgeSignedOn: dateField(v.PledgeSignedOn)}
}

func newcomerFormFrom(n *mentoring.Newcomer) newcomerForm {
	return newcomerForm{profileForm: profileFormFrom(&n.Profile), NordicLevel: string(n.NordicLevel),
		Needs: strs(n.Needs), Status: string(n.Status)}
}

// --- The view -------------------------------------------------------------

// languageRowView is one row of the languages fieldset.
type languageRowView struct {
	Code  formField
	Level formField
}

// availabilityDay is one row of the availability grid: the weekday and
// its three checkboxes (morning, afternoon, evening).
type availabilityDay struct {
	Day   string
	Cells []choice
}

// profileFormView is the page data of the profile partial and of the
// volunteer and newcomer parts around it. Which parts are shown: Volunteer
// or Newcomer, Coordinator (status and checks), Signup (consent).
type profileFormView struct {
	L       *locales.Localizer
	Summary []summaryItem

	Volunteer, Newcomer, Coordinator, Signup bool

	Household, Name, Email, Phone, Locale formField
	Languages                             formField // the fieldset: its legend and the list-wide messages
	LanguageRows                          []languageRowView
	Interests, InterestTags, District     formField
	Districts                             []option
	Availability                          formField
	AvailabilityDays                      []availabilityDay
	Parts                                 []string
	Adults, ChildrenAges                  formField
	Gender, AgeGroup                      formField
	PrefGender, PrefAgeGroups             formField
	PrefChildren                          formField

	// The volunteer's.
	Capacity, Offers                           formField
	PoliceKind, PoliceShownOn, PoliceCheckedBy formField
	PoliceRenewBy, TrainedOn, PledgeSignedOn   formField
	Consent                                    formField
	VolunteerStatus                            formField

	// The newcomer's.
	NordicLevel, Needs, NewcomerStatus formField
}

// contactInput is a name, email or phone input with its autocomplete
// token: the sign-up asks about the person filling it in (WCAG 1.3.5), a
// coordinator types someone else's ("off").
type contactInput struct {
	F    formField
	Auto string
}

// Contact pairs a field with its autocomplete token, for the template.
func (v profileFormView) Contact(f formField, auto string) contactInput {
	return contactInput{F: f, Auto: auto}
}

func plainHTML(s string) template.HTML { return template.HTML(template.HTMLEscapeString(s)) }

// selectOptions makes the options of a select: an optional first blank
// choice, then values with their labels; a value that is not among them
// (from an old record, or typed into a crafted post) is kept as it is, so
// saving again does not silently change it.
func selectOptions(blank string, values []string, label func(string) string, selected string) []option {
	var out []option
	found := false
	if blank != "\x00" {
		out = append(out, option{Value: "", Label: blank, Selected: selected == ""})
		found = selected == ""
	}
	for _, v := range values {
		out = append(out, option{Value: v, Label: label(v), Selected: v == selected})
		found = found || v == selected
	}
	if !found && selected != "" {
		out = append(out, option{Value: selected, Label: selected, Selected: true})
	}
	return out
}

// noBlank as selectOptions' blank offers no blank choice.
const noBlank = "\x00"

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// buildProfile lays out the profile part from f with b, which holds the
// localized messages by field and builds the error summary in the order
// the form shows the fields.
func buildProfile(b *viewBuilder, v *profileFormView, f profileForm) {
	l := b.l
	T := l.T
	v.Household = b.group("household", T("mentoring.people.field.household"), "radio",
		choices("household", strs(mentoring.Households), func(c string) template.HTML {
			return plainHTML(T("mentoring.household." + c))
		}, []string{f.Household}))
	v.Household.Req = b.req
	v.Name = b.field("name", T("mentoring.people.field.name"), "text", f.Name)
	v.Name.Req = b.req
	v.Name.Hint = T("mentoring.people.field.name_hint")
	v.Email = b.field("email", T("mentoring.people.field.email"), "email", f.Email)
	v.Email.Hint = T("mentoring.people.field.contact_hint")
	v.Phone = b.field("phone", T("mentoring.people.field.phone"), "tel", f.Phone)
	v.Phone.Hint = T("mentoring.people.field.phone_hint")
	v.Locale = b.field("locale", T("mentoring.people.field.locale"), "", f.Locale)
	v.Locale.Hint = T("mentoring.people.field.locale_hint")
	v.Locale.Options = selectOptions(noBlank, registry.UILocales, func(c string) string { return T("web.lang." + c) }, f.Locale)

	// Languages: one row per language, a few blank ones to add more.
	v.Languages = formField{Name: "languages", key: "languages", ID: "f-languages-0-code",
		Label: T("mentoring.people.field.languages"), Req: b.req, Hint: T("mentoring.people.field.languages_hint")}
	b.attach(&v.Languages, v.Languages.ID, "languages")
	rows := slices.Clone(f.Languages)
	want := min(max(len(rows)+2, languageRowsMin), max(languageRowsMax, len(rows)))
	for len(rows) < want {
		rows = append(rows, languageRow{})
	}
	codes := make([]string, len(registry.Languages))
	for i, lg := range registry.Languages {
		codes[i] = lg.Code
	}
	for i, row := range rows {
		p := "languages." + strconv.Itoa(i) + "."
		b.ctx = ""
		rv := languageRowView{Code: b.field(p+"code", T("mentoring.people.field.language_n", "N", i+1), "", row.Code)}
		rv.Code.Options = selectOptions(T("registry.form.choose"), codes, func(c string) string { return languageName(l, c) }, row.Code)
		b.ctx = rv.Code.Label
		rv.Level = b.field(p+"level", T("mentoring.people.field.level"), "", row.Level)
		rv.Level.Options = selectOptions(T("registry.form.choose"), strs(mentoring.Levels),
			func(c string) string { return T("mentoring.level." + c) }, row.Level)
		v.LanguageRows = append(v.LanguageRows, rv)
	}
	b.ctx = ""

	// Household details.
	v.Adults = b.field("adults", T("mentoring.people.field.adults"), "text", f.Adults)
	v.Adults.InputMode = "numeric"
	v.Adults.Hint = T("mentoring.people.field.adults_hint")
	v.ChildrenAges = b.field("children_ages", T("mentoring.people.field.children_ages"), "text", f.ChildrenAges)
	v.ChildrenAges.Hint = T("mentoring.people.field.children_ages_hint")

	// About them, for the other side's wishes only.
	v.Gender = b.field("gender", T("mentoring.people.field.gender"), "", f.Gender)
	v.Gender.Options = selectOptions(noBlank, strs(mentoring.Genders), func(c string) string {
		return genderLabel(l, mentoring.Gender(c))
	}, f.Gender)
	v.AgeGroup = b.field("age_group", T("mentoring.people.field.age_group"), "", f.AgeGroup)
	v.AgeGroup.Options = selectOptions(T("mentoring.age.unstated"), strs(mentoring.AgeGroups),
		func(c string) string { return T("mentoring.age." + mentoring.AgeGroup(c).Key()) }, f.AgeGroup)

	// Interests and district.
	v.Interests = b.group("interests", T("mentoring.people.field.interests"), "checkbox",
		choices("interests", strs(registry.Categories), func(c string) template.HTML {
			return plainHTML(T("registry.category." + c))
		}, f.Interests))
	v.InterestTags = b.field("interest_tags", T("mentoring.people.field.interest_tags"), "text", f.InterestTags)
	v.InterestTags.Hint = T("mentoring.people.field.interest_tags_hint")
	v.District = b.field("district", T("mentoring.people.field.district"), "text", f.District, "coords")
	v.District.Hint = T("mentoring.people.field.district_hint")

	// Availability: a weekday × part-of-day grid.
	var slotCodes []string
	for _, d := range mentoring.Week {
		for _, p := range mentoring.PartsOfDay {
			slotCodes = append(slotCodes, mentoring.Slot{Day: d, Part: p}.String())
		}
	}
	v.Availability = b.group("availability", T("mentoring.people.field.availability"), "checkbox",
		choices("availability", slotCodes, func(c string) template.HTML {
			s, _ := mentoring.ParseSlot(c)
			return plainHTML(slotName(l, s))
		}, f.Availability))
	v.Availability.Hint = T("mentoring.people.field.availability_hint")
	for i, d := range mentoring.Week {
		v.AvailabilityDays = append(v.AvailabilityDays, availabilityDay{Day: l.Weekday(d), Cells: v.Availability.Items[i*3 : i*3+3]})
	}
	v.Parts = nil
	for _, p := range mentoring.PartsOfDay {
		v.Parts = append(v.Parts, partLabel(l, p))
	}

	// Their wishes about the other side.
	v.PrefGender = b.field("preferences.gender", T("mentoring.people.field.pref_gender"), "", f.PrefGender)
	v.PrefGender.Options = selectOptions(T("mentoring.people.pref.any"),
		[]string{string(mentoring.GenderFemale), string(mentoring.GenderMale), string(mentoring.GenderOther)},
		func(c string) string { return T("mentoring.gender." + c) }, f.PrefGender)
	v.PrefAgeGroups = b.group("preferences.age_groups", T("mentoring.people.field.pref_age_groups"), "checkbox",
		choices("preferences.age_groups", strs(mentoring.AgeGroups), func(c string) template.HTML {
			return plainHTML(T("mentoring.age." + mentoring.AgeGroup(c).Key()))
		}, f.PrefAgeGroups))
	v.PrefAgeGroups.Hint = T("mentoring.people.field.pref_age_groups_hint")
	v.PrefChildren = b.group("preferences.children", T("mentoring.people.field.pref_children"), "radio",
		choices("preferences.children", []string{"", string(mentoring.ChildrenWith), string(mentoring.ChildrenWithout)},
			func(c string) template.HTML { return plainHTML(childrenPrefLabel(l, mentoring.ChildrenPreference(c))) },
			[]string{f.PrefChildren}))
	// The "no preference" radio has the empty value; give it an id of its own.
	v.PrefChildren.Items[0].ID = "f-preferences-children-any"
	v.PrefChildren.ID = v.PrefChildren.Items[0].ID
}

func newFormBuilder(l *locales.Localizer, errs map[string]string) *viewBuilder {
	return &viewBuilder{l: l, errs: errs, used: map[string]bool{}, req: l.T("registry.form.required")}
}

// finish lists the messages that have no control on the form in the
// summary, and hands the summary to the view.
func (v *profileFormView) finish(b *viewBuilder) {
	var rest []string
	for k := range b.errs {
		if !b.used[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		b.summary = append(b.summary, summaryItem{Text: b.errs[k]})
	}
	v.Summary = b.summary
}

// policeKinds lists the certificate kinds with the municipality's country's
// first.
func policeKinds(country string) []string {
	prefix := map[string]string{"NO": "no_", "DK": "dk_", "SE": "se_"}[country]
	var first, rest []string
	for _, k := range mentoring.PoliceCheckKinds {
		if prefix != "" && strings.HasPrefix(string(k), prefix) {
			first = append(first, string(k))
		} else {
			rest = append(rest, string(k))
		}
	}
	return append(first, rest...)
}

// newVolunteerFormView lays out the volunteer form: the profile, then what
// they offer and how many they can take; for the coordinator the status
// and the checks; for the sign-up the consent.
func newVolunteerFormView(l *locales.Localizer, f volunteerForm, errs map[string]string, coordinator bool, country string) profileFormView {
	T := l.T
	b := newFormBuilder(l, errs)
	v := profileFormView{L: l, Volunteer: true, Coordinator: coordinator, Signup: !coordinator}
	if coordinator {
		v.VolunteerStatus = b.field("status", T("mentoring.people.section.status"), "", f.Status)
		v.VolunteerStatus.Options = selectOptions(noBlank, strs(mentoring.VolunteerStatuses),
			func(c string) string { return T("mentoring.volunteer_status." + c) }, f.Status)
	}
	buildProfile(b, &v, f.profileForm)
	v.Offers = b.group("offers", T("mentoring.people.field.offers"), "checkbox",
		choices("offers", strs(mentoring.Needs), func(c string) template.HTML {
			return plainHTML(T("mentoring.need." + c))
		}, f.Offers))
	var caps []string
	for n := 1; n <= mentoring.MaxCapacity; n++ {
		caps = append(caps, strconv.Itoa(n))
	}
	v.Capacity = b.field("capacity", T("mentoring.people.field.capacity"), "", f.Capacity)
	v.Capacity.Hint = T("mentoring.people.field.capacity_hint")
	v.Capacity.Options = selectOptions(noBlank, caps, func(c string) string { return c }, f.Capacity)
	if coordinator {
		v.PoliceKind = b.field("police_check.kind", T("mentoring.people.field.police_kind"), "", f.PoliceKind)
		v.PoliceKind.Options = selectOptions(T("mentoring.police.none"), policeKinds(country),
			func(c string) string { return T("mentoring.police." + c) }, f.PoliceKind)
		v.PoliceKind.Hint = T("mentoring.people.police.rule")
		v.PoliceShownOn = b.field("police_check.shown_on", T("mentoring.people.field.police_shown_on"), "date", f.PoliceShownOn)
		v.PoliceCheckedBy = b.field("police_check.checked_by", T("mentoring.people.field.police_checked_by"), "text", f.PoliceCheckedBy)
		v.PoliceRenewBy = b.field("police_check.renew_by", T("mentoring.people.field.police_renew_by"), "date", f.PoliceRenewBy)
		v.TrainedOn = b.field("trained_on", T("mentoring.people.field.trained_on"), "date", f.TrainedOn)
		v.PledgeSignedOn = b.field("pledge_signed_on", T("mentoring.people.field.pledge_signed_on"), "date", f.PledgeSignedOn)
	} else {
		v.Consent = b.field("consent", T("mentoring.people.signup.consent"), "checkbox", "1")
		v.Consent.Checked = f.Consent
		v.Consent.Req = b.req
	}
	v.finish(b)
	return v
}

// newNewcomerFormView lays out the newcomer form: the status, the profile,
// then their level in the local language and what they want help with.
func newNewcomerFormView(l *locales.Localizer, f newcomerForm, errs map[string]string) profileFormView {
	T := l.T
	b := newFormBuilder(l, errs)
	v := profileFormView{L: l, Newcomer: true, Coordinator: true}
	v.NewcomerStatus = b.field("status", T("mentoring.people.section.status"), "", f.Status)
	v.NewcomerStatus.Options = selectOptions(noBlank, strs(mentoring.NewcomerStatuses),
		func(c string) string { return T("mentoring.newcomer_status." + c) }, f.Status)
	buildProfile(b, &v, f.profileForm)
	v.NordicLevel = b.field("nordic_level", T("mentoring.people.field.nordic_level"), "", f.NordicLevel)
	v.NordicLevel.Options = selectOptions(noBlank, strs(mentoring.NordicLevels),
		func(c string) string { return T("mentoring.nordic." + c) }, f.NordicLevel)
	v.Needs = b.group("needs", T("mentoring.people.field.needs"), "checkbox",
		choices("needs", strs(mentoring.Needs), func(c string) template.HTML {
			return plainHTML(T("mentoring.need." + c))
		}, f.Needs))
	v.finish(b)
	return v
}

func partLabel(l *locales.Localizer, p mentoring.PartOfDay) string {
	s := l.T("mentoring.part." + p.String())
	if s == "" {
		return s
	}
	// The parts are written for running text ("tirsdag kveld"); a column
	// header starts with a capital letter.
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func genderLabel(l *locales.Localizer, g mentoring.Gender) string {
	if g == mentoring.GenderUnstated {
		return l.T("mentoring.gender.unstated")
	}
	return l.T("mentoring.gender." + string(g))
}

func childrenPrefLabel(l *locales.Localizer, c mentoring.ChildrenPreference) string {
	if c == mentoring.ChildrenAny {
		return l.T("mentoring.children_pref.any")
	}
	return l.T("mentoring.children_pref." + string(c))
}
