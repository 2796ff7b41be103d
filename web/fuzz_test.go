package web

// Fuzz tests for what the web layer decodes from query strings and posted
// forms. Run one for a while with
//
//	go test -tags sqlite_fts5 -run '^$' -fuzz '^FuzzActivityForm$' -fuzztime 30s ./web/
//
// Plain `go test` runs the f.Add seeds and testdata/fuzz/<FuzzName>/.

import (
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"broen"
	"broen/locales"
	"broen/registry"
)

// fzQ quotes s for a message, shortened when long.
func fzQ(s string) string {
	if len(s) > 120 {
		head := 80
		for head > 0 && !utf8.RuneStart(s[head]) {
			head--
		}
		return strconv.Quote(s[:head]) + "…(" + strconv.Itoa(len(s)) + " bytes)"
	}
	return strconv.Quote(s)
}

// fzInvalid fails unless err is an EINVALID *broen.Error with field messages.
func fzInvalid(t *testing.T, what string, err error) {
	t.Helper()
	if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || len(e.Fields) == 0 {
		t.Errorf("%s: error %v, want EINVALID with fields", what, err)
	}
}

// ---------------------------------------------------------------------------
// Search query string

func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"",
		"q=leksehjelp",
		"q=+sjakk+&category=sport&language=ar&weekday=tue&district=Fjell&age=12&free=1&page=3&per_page=50",
		"weekday=7&free=yes&per_page=100",
		"weekday=0", "weekday=8", "weekday=Mon", "weekday=%20sun%20",
		"age=-1", "age=121", "age=+5", "age=007", "age=99999999999999999999",
		"page=0", "page=10000", "page=10001", "page=-1", "per_page=0", "per_page=101", "per_page=20",
		"free=maybe", "free=off", "free=",
		"category=nope", "language=xx", "district=%21%21%21",
		"q=%FF%FE", "q=" + strings.Repeat("a", 201), "q=" + strings.Repeat("å", 200),
		"q=a&q=b", "%zz=1", "q=%", "a=1;b=2", "&&&=&",
		"district=" + strings.Repeat("x", 101),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // a malformed pair is dropped, as gin does
		form, filter, err := parseSearch(q)
		if err != nil {
			fzInvalid(t, "parseSearch("+fzQ(raw)+")", err)
			return
		}
		if filter.Limit < 1 || filter.Limit > registry.MaxPageSize {
			t.Errorf("%s: Limit %d", fzQ(raw), filter.Limit)
		}
		if filter.Offset < 0 || filter.Offset != (form.Page-1)*filter.Limit || form.Page < 1 || form.Page > maxPage {
			t.Errorf("%s: Offset %d, page %d, limit %d", fzQ(raw), filter.Offset, form.Page, filter.Limit)
		}
		if filter.Age != nil && (*filter.Age < 0 || *filter.Age > registry.MaxAge) {
			t.Errorf("%s: Age %d", fzQ(raw), *filter.Age)
		}
		if filter.Weekday != nil && (*filter.Weekday < time.Sunday || *filter.Weekday > time.Saturday) {
			t.Errorf("%s: Weekday %d", fzQ(raw), *filter.Weekday)
		}
		if filter.Category != nil && !filter.Category.Valid() {
			t.Errorf("%s: Category %q", fzQ(raw), *filter.Category)
		}
		if filter.Language != nil && !registry.ValidLanguage(*filter.Language) {
			t.Errorf("%s: Language %q", fzQ(raw), *filter.Language)
		}
		if filter.Query != nil && (*filter.Query == "" || !utf8.ValidString(*filter.Query) ||
			utf8.RuneCountInString(*filter.Query) > maxQueryLen || strings.TrimSpace(*filter.Query) != *filter.Query) {
			t.Errorf("%s: Query %q", fzQ(raw), *filter.Query)
		}
		if filter.District != nil && *filter.District == "" {
			t.Errorf("%s: empty District", fzQ(raw))
		}
		if filter.FreeOnly != form.Free || filter.OrganisationID != nil || filter.Status != nil || filter.Stale {
			t.Errorf("%s: filter %+v", fzQ(raw), filter)
		}

		// The pagination links: the same search on the same or another page.
		for _, page := range []int{form.Page, 1, 2, maxPage} {
			link := form.Query(page)
			q2, perr := url.ParseQuery(link)
			if perr != nil {
				t.Fatalf("%s: Query(%d) = %q does not parse: %v", fzQ(raw), page, link, perr)
			}
			form2, filter2, err := parseSearch(q2)
			if err != nil {
				t.Fatalf("%s: Query(%d) = %q: parseSearch: %v", fzQ(raw), page, link, err)
			}
			want, wantFilter := form, filter
			want.Page = page
			wantFilter.Offset = (page - 1) * filter.Limit
			if form2 != want {
				t.Errorf("%s: Query(%d) = %q reads back as\n%+v\nwant %+v", fzQ(raw), page, link, form2, want)
			}
			if !fzSameFilter(filter2, wantFilter) {
				t.Errorf("%s: Query(%d) = %q: filter\n%s\nwant %s", fzQ(raw), page, link, fzFilter(filter2), fzFilter(wantFilter))
			}
		}
	})
}

// fzFilter writes f with its pointers followed, for comparing and messages.
func fzFilter(f registry.ActivityFilter) string {
	p := func(v any) string {
		rv := reflect.ValueOf(v)
		if rv.IsNil() {
			return "nil"
		}
		return strconv.Quote(strings.TrimSpace(fmtAny(rv.Elem().Interface())))
	}
	return "{Query:" + p(f.Query) + " Category:" + p(f.Category) + " Language:" + p(f.Language) +
		" Weekday:" + p(f.Weekday) + " District:" + p(f.District) + " Age:" + p(f.Age) +
		" FreeOnly:" + strconv.FormatBool(f.FreeOnly) + " Offset:" + strconv.Itoa(f.Offset) +
		" Limit:" + strconv.Itoa(f.Limit) + " Org:" + p(f.OrganisationID) + " Status:" + p(f.Status) +
		" Stale:" + strconv.FormatBool(f.Stale) + "}"
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case registry.Category:
		return string(x)
	case registry.Status:
		return string(x)
	case time.Weekday:
		return strconv.Itoa(int(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return "?"
}

func fzSameFilter(a, b registry.ActivityFilter) bool { return fzFilter(a) == fzFilter(b) }

// ---------------------------------------------------------------------------
// Organisation form

// fzOrgBase is a valid posted registration form; the fuzzer's values replace
// its own, so most inputs exercise one field of an otherwise valid form.
func fzOrgBase() url.Values {
	return url.Values{
		"name": {"Fjell frivilligsentral"}, "kind": {"voluntary"}, "country": {"NO"},
		"org_number": {"974 760 673"}, "description.nb": {"Møteplass for alle."}, "description.en": {"A meeting place."},
		"website": {"fjell.example.no"}, "email": {"post@fjell.example.no"}, "phone": {"32 21 00 00"},
		"contact_public": {"1"}, "address": {"Fjellsvingen 2"}, "postcode": {"3034"}, "city": {"Drammen"},
		"district": {"Fjell"}, "person_name": {"Kari Nordmann"}, "person_email": {"kari@example.no"},
	}
}

// fzOrgValues is what a browser posts for the organisation form f.
func fzOrgValues(f orgForm) url.Values {
	v := url.Values{"name": {f.Name}, "kind": {f.Kind}, "country": {f.Country}, "org_number": {f.OrgNumber},
		"website": {f.Website}, "email": {f.Email}, "phone": {f.Phone}, "address": {f.Address},
		"postcode": {f.Postcode}, "city": {f.City}, "district": {f.District},
		"person_name": {f.PersonName}, "person_email": {f.PersonEmail}}
	if f.ContactPublic {
		v.Set("contact_public", "1")
	}
	for l, d := range f.Description {
		v.Set("description."+l, d)
	}
	return v
}

func FuzzOrgForm(f *testing.F) {
	f.Add(fzOrgBase().Encode())
	for _, s := range []string{
		"",
		"org_number=NO+974+760+673+MVA",
		"country=DK&org_number=10+15+08+17&postcode=DK-1050&phone=%2B45+32+12+34+56",
		"country=SE&org_number=802482-1889&postcode=111+22&phone=08-123+456+78",
		"country=se&org_number=SE802482-1889&postcode=S-11122",
		"org_number=&website=&email=&phone=&postcode=",
		"org_number=974760674", "org_number=99999999999999999999", "country=XX", "kind=club",
		"website=javascript:alert(1)", "website=https://user@example.no", "website=blåbær.no/æ",
		"phone=1-800-FLOWERS", "phone=0047+912+34+567", "email=Kari+<kari@example.no>",
		"name=" + strings.Repeat("n", 201), "name=++a%0A%0Ab++",
		"description.nb=" + strings.Repeat("d", 5001), "description.ar=%D9%85", "contact_public=",
		"%zz", "name=a&name=b", "postcode=N-0150",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, _ := url.ParseQuery(raw)
		fzCheckOrgForm(t, raw, v)
		merged := fzOrgBase()
		for k, vals := range v {
			merged[k] = vals
		}
		fzCheckOrgForm(t, raw, merged)
	})
}

func fzCheckOrgForm(t *testing.T, raw string, v url.Values) {
	t.Helper()
	form := parseOrgForm(v)
	for _, s := range []string{form.Name, form.Kind, form.Country, form.OrgNumber, form.Website, form.Email,
		form.Phone, form.Address, form.Postcode, form.City, form.District, form.PersonName, form.PersonEmail} {
		if strings.TrimSpace(s) != s {
			t.Errorf("%s: field %q not trimmed", fzQ(raw), s)
		}
	}
	if len(form.Description) != len(locales.Supported) {
		t.Errorf("%s: descriptions %v", fzQ(raw), form.Description)
	}
	o := form.organisation()
	for l, d := range o.Description {
		if d == "" || !slices.Contains(locales.Supported, l) {
			t.Errorf("%s: description %q: %q", fzQ(raw), l, d)
		}
	}
	o.Normalize()
	err := o.Validate()
	if err != nil {
		fzInvalid(t, fzQ(raw), err)
		return
	}
	// Stored as valid: Normalize leaves it as it is, and it is valid UTF-8.
	again := *o
	again.Description = fzCloneText(o.Description)
	again.Normalize()
	if !reflect.DeepEqual(&again, o) {
		t.Errorf("%s: Normalize of a valid organisation not idempotent:\n%+v\n%+v", fzQ(raw), o, &again)
	}
	for _, s := range []string{o.Name, o.Address, o.City, o.District, o.Email, o.Website} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: valid organisation with invalid UTF-8 %q", fzQ(raw), s)
		}
	}
	// Editing it again: the form filled from it, posted back unchanged,
	// gives the same organisation.
	back := orgFormFrom(o)
	for _, path := range []struct {
		name string
		form orgForm
	}{{"direct", back}, {"posted", parseOrgForm(fzOrgValues(back))}} {
		got := path.form.organisation()
		got.Normalize()
		if err := got.Validate(); err != nil {
			t.Errorf("%s: round trip (%s) invalid: %v", fzQ(raw), path.name, err)
		}
		if !reflect.DeepEqual(got, o) {
			t.Errorf("%s: round trip (%s):\n got  %+v\n want %+v", fzQ(raw), path.name, got, o)
		}
	}
}

func fzCloneText(t registry.Text) registry.Text {
	if t == nil {
		return nil
	}
	out := registry.Text{}
	for k, v := range t {
		out[k] = v
	}
	return out
}

// ---------------------------------------------------------------------------
// Activity form

// fzActivityBase is a valid posted activity form with one weekly schedule.
func fzActivityBase() url.Values {
	return url.Values{
		"title.nb": {"Leksehjelp"}, "description.nb": {"Hjelp med lekser."}, "category": {"homework_help"},
		"languages": {"ar", "nb"}, "cost.kind": {"free"}, "location.address": {"Fjellsvingen 2"},
		"location.postcode": {"3034"}, "location.city": {"Drammen"}, "location.district": {"Fjell"},
		"schedules.0.kind": {"weekly"}, "schedules.0.days": {"TU"}, "schedules.0.interval": {"1"},
		"schedules.0.nth": {"1"}, "schedules.0.start_date": {"2026-08-18"},
		"schedules.0.start_time": {"18:00"}, "schedules.0.end_time": {"19:30"},
	}
}

// fzActivityValues is what a browser posts for the activity form f: the
// field names parseActivityForm reads.
func fzActivityValues(f activityForm) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	tick := func(k string, on bool) {
		if on {
			v.Set(k, "1")
		}
	}
	set("category", f.Category)
	set("stage", f.Stage)
	set("age_min", f.AgeMin)
	set("age_max", f.AgeMax)
	v["languages"] = slices.Clone(f.Languages)
	v["helper_languages"] = slices.Clone(f.HelperLanguages)
	set("cost.kind", f.CostKind)
	set("cost.price", f.Price)
	tick("cost.leisure_card", f.LeisureCard)
	v["accessibility"] = slices.Clone(f.Accessibility)
	tick("registration_required", f.RegistrationRequired)
	set("capacity", f.Capacity)
	set("contact.name", f.ContactName)
	set("contact.email", f.ContactEmail)
	set("contact.phone", f.ContactPhone)
	set("location.name", f.LocationName)
	set("location.address", f.LocationAddress)
	set("location.postcode", f.LocationPostcode)
	set("location.city", f.LocationCity)
	set("location.district", f.LocationDistrict)
	set("location.lat", f.LocationLat)
	set("location.lng", f.LocationLng)
	for lang, t := range f.Texts {
		set("title."+lang, t.Title)
		set("description."+lang, t.Description)
		set("how_to_join."+lang, t.HowToJoin)
	}
	for i, x := range f.Extra {
		p := "extra." + strconv.Itoa(i) + "."
		set(p+"lang", x.Lang)
		set(p+"title", x.Title)
		set(p+"description", x.Description)
		set(p+"how_to_join", x.HowToJoin)
	}
	for i, s := range f.Schedules {
		p := "schedules." + strconv.Itoa(i) + "."
		set(p+"kind", s.Kind)
		v[p+"days"] = slices.Clone(s.Days)
		set(p+"interval", s.Interval)
		set(p+"nth", s.Nth)
		set(p+"weekday", s.Weekday)
		set(p+"rrule", s.RRule)
		set(p+"start_date", s.StartDate)
		set(p+"end_date", s.EndDate)
		set(p+"start_time", s.StartTime)
		set(p+"end_time", s.EndTime)
		set(p+"except", s.Except)
	}
	for k, vals := range v {
		if len(vals) == 0 {
			delete(v, k)
		}
	}
	return v
}

func FuzzActivityForm(f *testing.F) {
	f.Add(fzActivityBase().Encode())
	for _, s := range []string{
		"",
		"schedules.0.kind=monthly&schedules.0.nth=-1&schedules.0.weekday=FR&schedules.0.start_date=2026-09-25",
		"schedules.0.kind=monthly&schedules.0.nth=1&schedules.0.weekday=sa&schedules.0.start_date=5.9.2026",
		"schedules.0.kind=custom&schedules.0.rrule=FREQ%3DMONTHLY%3BBYMONTHDAY%3D15&schedules.0.start_date=2026-09-15",
		"schedules.0.kind=custom&schedules.0.rrule=FREQ%3DWEEKLY%3BINTERVAL%3D2",
		"schedules.0.kind=custom&schedules.0.rrule=freq%3Dweekly%3Binterval%3D5%3Bbyday%3Dmo",
		"schedules.0.kind=custom&schedules.0.rrule=RRULE%3AFREQ%3DMONTHLY%3BBYDAY%3D%2B2TU%3B",
		"schedules.0.kind=custom&schedules.0.rrule=FREQ%3DMONTHLY%3BBYDAY%3D1SA%2C3SA",
		"schedules.0.kind=custom&schedules.0.rrule=FREQ%3DDAILY%3BCOUNT%3D3",
		"schedules.0.kind=custom&schedules.0.rrule=FREQ%3DWEEKLY%3BBYDAY%3DTU%3BUNTIL%3D20261020",
		"schedules.0.kind=once&schedules.0.start_date=29.03.2026&schedules.0.start_time=02:30&schedules.0.end_time=03:15",
		"schedules.0.kind=once&schedules.0.start_date=2026-10-25&schedules.0.end_date=25.10.2026&schedules.0.start_time=02:00&schedules.0.end_time=03:00",
		"schedules.0.days=tu&schedules.0.days=TU&schedules.0.days=mo&schedules.0.interval=4",
		"schedules.0.days=&schedules.0.interval=2",
		"schedules.0.days=XX&schedules.0.interval=5",
		"schedules.0.start_date=2026-02-30",
		"schedules.0.start_time=18.00&schedules.0.end_time=9:30",
		"schedules.0.except=2026-10-27,27.10.2026%0A3.11.2026;+2026-11-10",
		"schedules.0.except=2026-13-01",
		"schedules.0.end_date=2026-08-20",
		"schedules.0.remove=1&schedules.1.kind=once&schedules.1.start_date=2026-10-25&schedules.1.start_time=18:00&schedules.1.end_time=20:00",
		"schedules.3.kind=once&schedules.3.start_date=2026-10-10&schedules.3.start_time=10:00&schedules.3.end_time=11:00",
		"schedules.049.kind=once&schedules.999.kind=once&schedules.-1.kind=once&schedules..kind=once",
		"cost.kind=paid&cost.price=1.500,50&cost.leisure_card=on",
		"cost.kind=paid&cost.price=kr+150,-", "cost.kind=paid&cost.price=%E2%88%92150", "cost.price=150",
		"cost.kind=paid&cost.price=999999999999,99", "cost.kind=paid&cost.price=1,5",
		"extra.0.lang=ar&extra.0.title=%D9%85%D8%B3%D8%A7%D8%B9%D8%AF%D8%A9",
		"extra.0.lang=nb&extra.0.title=x", "extra.0.lang=sgn&extra.0.title=x", "extra.1.title=x",
		"extra.0.lang=ar&extra.0.title=a&extra.1.lang=ar&extra.1.title=b",
		"location.lat=59,733&location.lng=10,181", "location.lat=NaN&location.lng=1e309",
		"contact.phone=%2B47+912+34+567", "contact.phone=912+34+567&contact.email=a@b.no",
		"age_min=%E2%88%9206&age_max=16", "age_min=1+000", "capacity=-1",
		"title.nb=&title.en=Homework", "languages=&languages=AR",
		"registration_required=false", "registration_required=maybe",
		"%zz", "a=1;b=2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		zone := registry.ScheduleZones[len(raw)%len(registry.ScheduleZones)]
		v, _ := url.ParseQuery(raw)
		fzCheckActivityForm(t, raw, zone, v)
		merged := fzActivityBase()
		for k, vals := range v {
			merged[k] = vals
		}
		fzCheckActivityForm(t, raw, zone, merged)
	})
}

func fzCheckActivityForm(t *testing.T, raw, zone string, v url.Values) {
	t.Helper()
	form := parseActivityForm(v)
	if len(form.Schedules) > maxScheduleIndex || len(form.Extra) > maxExtraIndex {
		t.Fatalf("%s: %d schedule blocks, %d extra texts", fzQ(raw), len(form.Schedules), len(form.Extra))
	}
	for i, s := range form.Schedules {
		if s.blank() {
			t.Errorf("%s: schedule block %d blank but kept", fzQ(raw), i)
		}
	}
	a, fe := form.activity(7, zone)
	if a == nil {
		t.Fatalf("%s: activity returned nil", fzQ(raw))
	}
	if fe != nil && len(fe) == 0 {
		t.Errorf("%s: empty, non-nil field errors", fzQ(raw))
	}
	if len(a.Schedules) != len(form.Schedules) {
		t.Errorf("%s: %d blocks, %d schedules", fzQ(raw), len(form.Schedules), len(a.Schedules))
	}
	for i, s := range a.Schedules {
		if s.Zone != zone {
			t.Errorf("%s: schedule %d in %q, want %q", fzQ(raw), i, s.Zone, zone)
		}
	}

	valid, err := form.validActivity(7, zone)
	if err != nil {
		fzInvalid(t, fzQ(raw), err)
		for k := range fe {
			if _, ok := broen.AsError(err).Fields[k]; !ok {
				t.Errorf("%s: parse problem %q missing from validActivity's fields %v", fzQ(raw), k, broen.AsError(err).Fields)
			}
		}
		return
	}
	if fe != nil {
		t.Fatalf("%s: validActivity accepted a form with parse problems %v", fzQ(raw), fe)
	}
	texts := []string{valid.Contact.Name, valid.Contact.Email, valid.Location.Name, valid.Location.Address,
		valid.Location.City, valid.Location.District}
	for _, tx := range []registry.Text{valid.Title, valid.Description, valid.HowToJoin} {
		for _, s := range tx {
			texts = append(texts, s)
		}
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			t.Errorf("%s: valid activity with invalid UTF-8 %q", fzQ(raw), s)
		}
	}

	// The form filled from the stored activity builds it again, directly
	// and as posted by a browser.
	back := activityFormFrom(valid)
	for _, path := range []struct {
		name string
		form activityForm
	}{{"direct", back}, {"posted", parseActivityForm(fzActivityValues(back))}} {
		got, fe := path.form.activity(7, zone)
		if fe != nil {
			t.Errorf("%s: round trip (%s): field errors %v\nform %+v", fzQ(raw), path.name, fe, path.form.Schedules)
			continue
		}
		got.Normalize()
		if err := got.Validate(); err != nil {
			t.Errorf("%s: round trip (%s) invalid: %v", fzQ(raw), path.name, err)
			continue
		}
		fzSameActivity(t, raw, path.name, got, valid)
	}
}

// fzSameActivity compares a round-tripped activity with the original: the
// same in every field, except that a schedule's rule may be written
// differently if it means the same ("FREQ=WEEKLY" from a Tuesday and
// "FREQ=WEEKLY;BYDAY=TU").
func fzSameActivity(t *testing.T, raw, path string, got, want *registry.Activity) {
	t.Helper()
	if len(got.Schedules) != len(want.Schedules) {
		t.Errorf("%s: round trip (%s): %d schedules, want %d", fzQ(raw), path, len(got.Schedules), len(want.Schedules))
		return
	}
	g := *got
	g.Schedules = slices.Clone(got.Schedules)
	for i := range g.Schedules {
		gs, ws := g.Schedules[i], want.Schedules[i]
		if gs.RRule != ws.RRule && fzSameSchedule(gs, ws) {
			g.Schedules[i].RRule = ws.RRule
		}
	}
	if reflect.DeepEqual(&g, want) {
		return
	}
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(*want)
	for i := 0; i < gv.NumField(); i++ {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s: round trip (%s): %s\n got  %+v\n want %+v", fzQ(raw), path, gv.Type().Field(i).Name,
				gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

// fzSameSchedule reports whether two schedules happen at the same times.
func fzSameSchedule(a, b registry.Schedule) bool {
	ao, bo := a.Occurrences(time.Time{}, 60), b.Occurrences(time.Time{}, 60)
	if len(ao) != len(bo) || !slices.Equal(a.Weekdays(), b.Weekdays()) {
		return false
	}
	for i := range ao {
		if !ao[i].Start.Equal(bo[i].Start) || !ao[i].End.Equal(bo[i].End) {
			return false
		}
	}
	return true
}
