package web

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"broen"
	"broen/locales"
	"broen/registry"
)

// formTestLocalizer returns a localizer for lang. The form's messages are
// taken from testdata/form.<lang>.toml while that file exists (before the
// fragments are merged into the catalogs), else from the catalogs.
func formTestLocalizer(t *testing.T, lang string) *locales.Localizer {
	t.Helper()
	b, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range locales.Supported {
		name := filepath.Join("testdata", "form."+code+".toml")
		data, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.ParseMessageFileBytes(data, name); err != nil {
			t.Fatal(err)
		}
	}
	return locales.New(b, lang)
}

// formTestActivity is a valid activity using every part of the form.
func formTestActivity(schedules ...registry.Schedule) *registry.Activity {
	if len(schedules) == 0 {
		schedules = []registry.Schedule{{Kind: registry.ScheduleRecurring, RRule: "FREQ=WEEKLY;BYDAY=TU",
			StartDate: "2026-08-18", StartTime: "18:00", EndTime: "19:30"}}
	}
	for i := range schedules {
		schedules[i].Zone = "Europe/Oslo"
	}
	return &registry.Activity{
		OrganisationID: 7,
		Title:          registry.Text{"nb": "Leksehjelp på arabisk", "ar": "مساعدة في الواجبات المدرسية", "uk": "Допомога з домашнім завданням", "en": "Homework help in Arabic"},
		Description:    registry.Text{"nb": "Hjelp med lekser.\n\nTa med bøkene.", "nn": "Hjelp med lekser.", "ar": "مساعدة للأطفال."},
		HowToJoin:      registry.Text{"nb": "Bare møt opp.", "prs": "فقط بیایید."},
		Category:       registry.CategoryHomework,
		Stage:          registry.StageParticipation,
		AgeMin:         6, AgeMax: 16,
		Languages:            []string{"ar", "nb"},
		HelperLanguages:      []string{"ar"},
		Cost:                 registry.Cost{Kind: registry.CostPaid, Price: 15050, LeisureCard: true},
		Accessibility:        []string{"hearing_loop", "wheelchair"},
		RegistrationRequired: true,
		Capacity:             20,
		Contact:              registry.Contact{Name: "Amal Haddad", Email: "amal@example.no", Phone: "+4791234567"},
		Location: registry.Location{Name: "Fjell bydelshus", Address: "Fjellsvingen 2", Postcode: "3034", City: "Drammen",
			District: "Fjell", Country: "NO", Lat: 59.733, Lng: 10.181},
		Schedules: schedules,
	}
}

func normalized(a *registry.Activity) *registry.Activity {
	a.Normalize()
	return a
}

// renderActivityForm runs the partial with the view, as a page would.
func renderActivityForm(t *testing.T, v activityFormView) string {
	t.Helper()
	ts, err := template.New("page").Funcs(templateFuncs).ParseFS(templateFS, "templates/partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ts.ExecuteTemplate(&buf, "activity_form", v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	tagRE      = regexp.MustCompile(`(?s)<(input|select|textarea)\b([^>]*)>`)
	attrRE     = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9-]*)(?:="([^"]*)")?`)
	textareaRE = regexp.MustCompile(`(?s)<textarea\b([^>]*)>(.*?)</textarea>`)
	selectRE   = regexp.MustCompile(`(?s)<select\b([^>]*)>(.*?)</select>`)
	optionRE   = regexp.MustCompile(`<option value="([^"]*)"( selected)?>`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllStringSubmatch(s, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	return m
}

// postedValues is what a browser posts for the rendered form: text inputs,
// ticked boxes and buttons, textareas, and each select's chosen option.
func postedValues(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		if m[1] != "input" {
			continue
		}
		a := attrs(m[2])
		if _, on := a["checked"]; (a["type"] == "checkbox" || a["type"] == "radio") && !on {
			continue
		}
		v.Add(a["name"], a["value"])
	}
	for _, m := range textareaRE.FindAllStringSubmatch(page, -1) {
		// The HTML parser drops one newline right after <textarea>.
		v.Add(attrs(m[1])["name"], html.UnescapeString(strings.TrimPrefix(m[2], "\n")))
	}
	for _, m := range selectRE.FindAllStringSubmatch(page, -1) {
		opts := optionRE.FindAllStringSubmatch(m[2], -1)
		if len(opts) == 0 {
			t.Fatalf("select without options: %s", m[0])
		}
		chosen := opts[0][1]
		for _, o := range opts {
			if o[2] != "" {
				chosen = o[1]
			}
		}
		v.Add(attrs(m[1])["name"], html.UnescapeString(chosen))
	}
	return v
}

func diffActivities(t *testing.T, got, want *registry.Activity) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	gv, wv := reflect.ValueOf(*got), reflect.ValueOf(*want)
	for i := 0; i < gv.NumField(); i++ {
		if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
			t.Errorf("%s:\n got  %#v\n want %#v", gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
		}
	}
}

func TestActivityFormRoundTrip(t *testing.T) {
	sched := func(kind registry.ScheduleKind, rule, start, end string, except ...string) registry.Schedule {
		return registry.Schedule{Kind: kind, RRule: rule, StartDate: start, EndDate: end,
			StartTime: "17:00", EndTime: "19:00", Except: except}
	}
	rec, once := registry.ScheduleRecurring, registry.ScheduleOnce
	tests := []struct {
		name      string
		schedules []registry.Schedule
	}{
		{"Weekly", []registry.Schedule{sched(rec, "FREQ=WEEKLY;BYDAY=TU", "2026-08-18", "")}},
		{"BiweeklyTwoDays", []registry.Schedule{sched(rec, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2026-08-18", "2026-12-17")}},
		{"MonthlyFirstSaturday", []registry.Schedule{sched(rec, "FREQ=MONTHLY;BYDAY=1SA", "2026-09-05", "")}},
		{"MonthlyLastFriday", []registry.Schedule{sched(rec, "FREQ=MONTHLY;BYDAY=-1FR", "2026-09-25", "")}},
		{"OneOff", []registry.Schedule{sched(once, "", "2026-10-10", "")}},
		{"ExceptionDates", []registry.Schedule{sched(rec, "FREQ=WEEKLY;BYDAY=MO,WE", "2026-08-17", "",
			"2026-10-05", "2026-10-07", "2026-12-21")}},
		{"CustomRuleKept", []registry.Schedule{sched(rec, "FREQ=MONTHLY;BYMONTHDAY=15", "2026-09-15", "")}},
		{"Several", []registry.Schedule{
			sched(rec, "FREQ=WEEKLY;BYDAY=TU", "2026-08-18", "", "2026-12-22"),
			sched(rec, "FREQ=MONTHLY;BYDAY=1SA", "2026-09-05", "2027-06-05"),
			sched(once, "", "2026-12-12", "2026-12-12"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := normalized(formTestActivity(tt.schedules...))
			if err := want.Validate(); err != nil {
				t.Fatalf("test activity invalid: %v", err)
			}
			form := activityFormFrom(want)

			t.Run("Direct", func(t *testing.T) {
				got, fe := form.activity(7, "Europe/Oslo")
				if fe != nil {
					t.Fatalf("field errors: %v", fe)
				}
				diffActivities(t, normalized(got), want)
			})
			t.Run("ThroughTheRenderedForm", func(t *testing.T) {
				l := formTestLocalizer(t, "nb")
				page := renderActivityForm(t, (*Server)(nil).newActivityFormView(l, form, nil))
				posted := postedValues(t, page)
				got, err := parseActivityForm(posted).validActivity(7, "Europe/Oslo")
				if err != nil {
					t.Fatalf("validActivity: %v", err)
				}
				diffActivities(t, got, want)
			})
		})
	}
}

func TestActivityFormScheduleChoices(t *testing.T) {
	tests := []struct {
		rule  string
		kind  string
		days  []string
		every string
		nth   string
		day   string
	}{
		{"FREQ=WEEKLY;BYDAY=TU", kindWeekly, []string{"TU"}, "1", "1", ""},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,TU", kindWeekly, []string{"TU", "TH"}, "2", "1", ""},
		{"rrule:freq=weekly;byday=su", kindWeekly, []string{"SU"}, "1", "1", ""},
		{"FREQ=WEEKLY", kindWeekly, []string{"WE"}, "1", "1", ""}, // the start date, 2026-09-02, is a Wednesday
		{"FREQ=MONTHLY;BYDAY=1SA", kindMonthly, nil, "1", "1", "SA"},
		{"FREQ=MONTHLY;BYDAY=-1FR", kindMonthly, nil, "1", "-1", "FR"},
		{"FREQ=MONTHLY;BYDAY=+3WE", kindMonthly, nil, "1", "3", "WE"},
		{"FREQ=WEEKLY;INTERVAL=6;BYDAY=TU", kindCustom, nil, "1", "1", ""},
		{"FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231", kindCustom, nil, "1", "1", ""},
		{"FREQ=MONTHLY;BYDAY=1SA,3SA", kindCustom, nil, "1", "1", ""},
		{"FREQ=MONTHLY;BYDAY=-2FR", kindCustom, nil, "1", "1", ""},
		{"FREQ=DAILY", kindCustom, nil, "1", "1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			s := scheduleFieldsFrom(registry.Schedule{Kind: registry.ScheduleRecurring, RRule: tt.rule, StartDate: "2026-09-02"})
			if s.Kind != tt.kind || !slices.Equal(s.Days, tt.days) || s.Interval != tt.every || s.Nth != tt.nth || s.Weekday != tt.day {
				t.Errorf("got kind %q days %v every %q nth %q day %q; want %q %v %q %q %q",
					s.Kind, s.Days, s.Interval, s.Nth, s.Weekday, tt.kind, tt.days, tt.every, tt.nth, tt.day)
			}
			if (s.Kind == kindCustom) != (s.RRule != "") {
				t.Errorf("custom rule text %q for kind %q", s.RRule, s.Kind)
			}
		})
	}

	t.Run("WeeklyWithoutDaysRepeatsOnTheStartDay", func(t *testing.T) {
		fe := map[string]string{}
		s := scheduleFields{Kind: kindWeekly, Interval: "1", StartDate: "2026-09-02"}.schedule("Europe/Oslo", "schedules.0.", fe)
		if s.RRule != "FREQ=WEEKLY" || len(fe) != 0 {
			t.Errorf("rule %q, errors %v", s.RRule, fe)
		}
	})
}

func TestActivityFormParseErrors(t *testing.T) {
	v := url.Values{
		"title.nb":               {"Språkkafé"},
		"category":               {"language_cafe"},
		"languages":              {"nb", "ar"},
		"cost.kind":              {"paid"},
		"cost.price":             {"hundre"},
		"age_min":                {"ti"},
		"age_max":                {"18"},
		"capacity":               {"mange"},
		"location.address":       {"Torget 1"},
		"location.postcode":      {"3015"},
		"location.district":      {"Strømsø"},
		"location.lat":           {"nord"},
		"location.lng":           {"10,2"},
		"extra.0.title":          {"بدون لغة"},
		"extra.1.lang":           {"uk"},
		"extra.1.title":          {"Кав'ярня"},
		"extra.2.lang":           {"uk"},
		"extra.2.description":    {"Ще раз"},
		"schedules.0.kind":       {"weekly"},
		"schedules.0.days":       {"TU"},
		"schedules.0.start_date": {"2026-08-18"},
		"schedules.0.start_time": {"18:00"},
		"schedules.0.end_time":   {"20:00"},
		"schedules.0.except":     {"2026-12-22\n31.02.2026, jul"},
		"schedules.1.kind":       {"monthly"},
		"schedules.1.nth":        {"-1"},
		"schedules.1.start_date": {"2026-09-25"},
		"schedules.1.start_time": {"18:00"},
		"schedules.1.end_time":   {"20:00"},
		"schedules.2.kind":       {"weekly"},
		"schedules.2.interval":   {"1"},
		"schedules.2.nth":        {"1"},
	}
	f := parseActivityForm(v)
	if len(f.Schedules) != 2 {
		t.Fatalf("schedules: got %d blocks, want 2 (the blank third dropped)", len(f.Schedules))
	}
	a, fe := f.activity(7, "Europe/Oslo")
	want := map[string]string{
		"cost.price":          "registry.form.error.price",
		"age_min":             "validation.age",
		"capacity":            "registry.form.error.number",
		"location.lat":        "registry.form.error.coordinate",
		"extra.0.lang":        "validation.language",
		"extra.2.lang":        "registry.form.error.language_twice",
		"schedules.0.except":  "registry.form.error.dates",
		"schedules.1.weekday": "registry.form.error.weekday",
	}
	if !reflect.DeepEqual(map[string]string(fe), want) {
		t.Errorf("field errors:\n got  %v\n want %v", fe, want)
	}
	if a.Location.Lng != 10.2 || a.AgeMax != 18 || a.Title["uk"] != "Кав'ярня" || a.Location.Country != "NO" {
		t.Errorf("readable values lost: lng %v age max %d title %v country %q", a.Location.Lng, a.AgeMax, a.Title, a.Location.Country)
	}
	if got := a.Schedules[0].Except; !slices.Equal(got, []string{"2026-12-22"}) {
		t.Errorf("readable exception dates: %v", got)
	}

	t.Run("ParseErrorsComeBeforeValidation", func(t *testing.T) {
		_, err := f.validActivity(7, "Europe/Oslo")
		e := registryFields(t, err)
		if e["cost.price"] != "registry.form.error.price" {
			t.Errorf("cost.price: %q, want the parse message", e["cost.price"])
		}
	})

	t.Run("InputIsKept", func(t *testing.T) {
		if f.Price != "hundre" || f.AgeMin != "ti" || f.LocationLat != "nord" || f.Schedules[0].Except != "2026-12-22\n31.02.2026, jul" {
			t.Errorf("typed values changed: %+v", f)
		}
		l := formTestLocalizer(t, "nb")
		errs := map[string]string{}
		for k, id := range fe {
			errs[k] = l.T(id)
		}
		view := (*Server)(nil).newActivityFormView(l, f, errs)
		page := renderActivityForm(t, view)
		for _, s := range []string{`value="hundre"`, `value="ti"`, `value="nord"`, ">\n2026-12-22\n31.02.2026, jul</textarea>"} {
			if !strings.Contains(page, s) {
				t.Errorf("rendered form lacks %s", s)
			}
		}
		if len(view.Summary) != len(want) {
			t.Errorf("summary has %d lines, want %d: %+v", len(view.Summary), len(want), view.Summary)
		}
	})
}

func registryFields(t *testing.T, err error) map[string]string {
	t.Helper()
	e := broen.AsError(err)
	if e == nil {
		t.Fatalf("not a *broen.Error: %v", err)
	}
	return e.Fields
}

func TestActivityFormDates(t *testing.T) {
	got, ok := parseDates("24.12.2026, 31.12.2026\r\n2027-01-01; 2.1.2027\n\n 05-01-2027 6/1/2027 2027-1-7")
	want := []string{"2026-12-24", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-05", "2027-01-06", "2027-01-07"}
	if !ok || !slices.Equal(got, want) {
		t.Errorf("parseDates: got %v %v, want %v", got, ok, want)
	}
	for _, bad := range []string{"24.12.26", "2026-13-01", "31.02.2026", "24. desember"} {
		if _, ok := parseDates(bad); ok {
			t.Errorf("parseDates(%q) accepted", bad)
		}
	}
	s := scheduleFields{Kind: kindOnce, StartDate: "24.12.2026", StartTime: "18.00", EndTime: "20:00"}.schedule("Europe/Oslo", "schedules.0.", map[string]string{})
	if s.StartDate != "2026-12-24" {
		t.Errorf("start date %q, want ISO", s.StartDate)
	}
}

func TestActivityFormPrice(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", 0, true},
		{"150", 15000, true},
		{"150,50", 15050, true},
		{"150.50", 15050, true},
		{"150,5", 15050, true},
		{"1 500", 150000, true},
		{"1\u00a0500,00", 150000, true},
		{"1.500", 150000, true},
		{"1,500", 150000, true},
		{"1.500,75", 150075, true},
		{"kr 150,-", 15000, true},
		{"150 kr", 15000, true},
		{"150:-", 15000, true},
		{"NOK 99", 9900, true},
		{"hundre", 0, false},
		{"1,5,0", 0, false},
		{"150,", 0, false},
		{"1.50.0", 0, false},
		{"15e3", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseKroner(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseKroner(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for minor, want := range map[int64]string{0: "", 15000: "150", 15050: "150,50", 15005: "150,05", 99: "0,99"} {
		if got := kronerField(minor); got != want {
			t.Errorf("kronerField(%d) = %q, want %q", minor, got, want)
		}
	}
	f := parseActivityForm(url.Values{"cost.kind": {"paid"}, "cost.price": {"150,50"}})
	if a, _ := f.activity(1, "Europe/Oslo"); a.Cost.Price != 15050 {
		t.Errorf("price 150,50 gave %d minor units", a.Cost.Price)
	}
}

func TestActivityFormRemoveAndBlankBlocks(t *testing.T) {
	v := url.Values{
		"schedules.0.kind": {"weekly"}, "schedules.0.days": {"MO"}, "schedules.0.start_date": {"2026-08-17"}, "schedules.0.remove": {"1"},
		"schedules.3.kind": {"once"}, "schedules.3.start_date": {"2026-10-10"},
		"schedules.7.kind": {"weekly"}, "schedules.7.interval": {"1"}, "schedules.7.nth": {"1"}, "schedules.7.weekday": {""},
		"schedules.x.kind": {"once"}, "schedules.999.kind": {"once"},
		"extra.0.lang": {""}, "extra.0.title": {""},
	}
	f := parseActivityForm(v)
	if len(f.Schedules) != 1 || f.Schedules[0].Kind != kindOnce || len(f.Extra) != 0 {
		t.Errorf("got schedules %+v extra %+v; want only the once block", f.Schedules, f.Extra)
	}
}

func TestActivityFormErrorPlacement(t *testing.T) {
	l := formTestLocalizer(t, "sv")
	f := activityFormFrom(normalized(formTestActivity()))
	errs := map[string]string{
		"title":           "T",
		"title.ar":        "AR",
		"description.uk":  "UK",
		"cost.currency":   "CUR",
		"schedules":       "S",
		"organisation_id": "ORG",
	}
	v := (*Server)(nil).newActivityFormView(l, f, errs)
	// Extra slots are in registry.Languages order: ar, uk, prs.
	for k, want := range map[string]string{"title.sv": "T", "extra.0.title": "AR", "extra.1.description": "UK", "cost.price": "CUR", "schedules": "S", "organisation_id": "ORG"} {
		if v.Errors[k] != want {
			t.Errorf("Errors[%q] = %q, want %q (all: %v)", k, v.Errors[k], want, v.Errors)
		}
	}
	var hrefs []string
	for _, s := range v.Summary {
		hrefs = append(hrefs, s.Href+"="+s.Text)
	}
	want := []string{"#f-title-sv=T", "#f-extra-0-title=AR", "#f-extra-1-description=UK", "#f-schedules-0-kind=S", "#f-cost-price=CUR", "=ORG"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("summary in form order:\n got  %v\n want %v", hrefs, want)
	}
	// nb always, sv as the reader's language, nn and en for their texts; da is empty.
	for i, want := range []bool{true, true, false, true, true} {
		if v.Texts[i].Open != want {
			t.Errorf("%s open = %v, want %v", v.Texts[i].Lang, v.Texts[i].Open, want)
		}
	}
}

func TestActivityFormRender(t *testing.T) {
	for _, lang := range []string{"nb", "sv"} {
		t.Run(lang, func(t *testing.T) {
			l := formTestLocalizer(t, lang)
			f := activityFormFrom(normalized(formTestActivity(
				registry.Schedule{Kind: registry.ScheduleRecurring, RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", StartDate: "2026-08-18", StartTime: "18:00", EndTime: "19:30"},
				registry.Schedule{Kind: registry.ScheduleRecurring, RRule: "FREQ=MONTHLY;BYDAY=-1FR", StartDate: "2026-09-25", StartTime: "18:00", EndTime: "21:00"},
			)))
			f.Price = "femti" // typed wrongly
			f.Texts["sv"] = textFields{Title: "Läxhjälp & <mer>"}
			_, fe := f.activity(7, "Europe/Oslo")
			errs := map[string]string{"location.postcode": l.T("validation.postcode.no")}
			for k, id := range fe {
				errs[k] = l.T(id)
			}
			page := renderActivityForm(t, (*Server)(nil).newActivityFormView(l, f, errs))

			if strings.Contains(page, "<form") || strings.Contains(page, "<script") || strings.Contains(page, "style=") ||
				strings.Contains(page, "ZgotmplZ") || strings.Contains(page, "registry.form.") {
				t.Errorf("page has a form element, script, inline style, an escaping failure or an untranslated ID")
			}

			ids := map[string]int{}
			for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
				ids[m[1]]++
			}
			for id, n := range ids {
				if n > 1 {
					t.Errorf("id %q used %d times", id, n)
				}
			}
			labelled := map[string]bool{}
			for _, m := range regexp.MustCompile(`<label for="([^"]+)"`).FindAllStringSubmatch(page, -1) {
				labelled[m[1]] = true
			}
			controls := 0
			for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
				a := attrs(m[2])
				controls++
				if a["id"] == "" || !labelled[a["id"]] {
					t.Errorf("control without a label: %s", m[0])
				}
				if a["name"] == "" {
					t.Errorf("control without a name: %s", m[0])
				}
				for _, ref := range strings.Fields(a["aria-describedby"]) {
					if ids[ref] == 0 {
						t.Errorf("%s: aria-describedby %q points nowhere", a["id"], ref)
					}
				}
			}
			if controls < 100 {
				t.Errorf("only %d controls rendered", controls)
			}
			for _, m := range regexp.MustCompile(`<a href="#([^"]+)"`).FindAllStringSubmatch(page, -1) {
				if ids[m[1]] == 0 {
					t.Errorf("error summary links to missing #%s", m[1])
				}
			}

			price := regexp.MustCompile(`<input id="f-cost-price"[^>]*>`).FindString(page)
			for _, want := range []string{`value="femti"`, `aria-invalid="true"`, `aria-describedby="h-cost-price e-cost-price"`, `inputmode="decimal"`} {
				if !strings.Contains(price, want) {
					t.Errorf("price input lacks %s: %s", want, price)
				}
			}
			if !strings.Contains(page, `<p class="field-error" id="e-cost-price">`) || !strings.Contains(page, `href="#f-location-postcode"`) {
				t.Errorf("error message or summary link missing")
			}
			if !strings.Contains(page, `<input id="f-title-sv" name="title.sv" type="text" value="Läxhjälp &amp; &lt;mer&gt;" lang="sv" dir="ltr">`) {
				t.Errorf("Swedish title input not kept as typed with lang=sv: %s", regexp.MustCompile(`<input id="f-title-sv"[^>]*>`).FindString(page))
			}
			ar := regexp.MustCompile(`<input id="f-extra-0-title"[^>]*>`).FindString(page)
			if !strings.Contains(ar, `lang="ar"`) || !strings.Contains(ar, `dir="rtl"`) {
				t.Errorf("Arabic title input lacks lang/dir: %s", ar)
			}
			for _, want := range []string{
				`<input id="f-schedules-0-days-tu" name="schedules.0.days" type="checkbox" value="TU" checked>`,
				`<option value="2" selected>`,
				`<option value="-1" selected>`,
				`<option value="FR" selected>`,
				`<input id="f-languages-ar" name="languages" type="checkbox" value="ar" checked>`,
				`<input id="f-cost-kind-paid" name="cost.kind" type="radio" value="paid" checked>`,
				`<details class="af-lang" open>`,
				`name="schedules.2.kind"`, // the blank block for one more
			} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %s", want)
				}
			}

			// The words a reader sees are in the reader's language.
			words := map[string][]string{
				"nb": {"Tittel og beskrivelse", "Beløp", "Annenhver uke", "Siste", "fredag", "(må fylles ut)", "Tidsplan 1", "Legg til en tidsplan"},
				"sv": {"Titel och beskrivning", "Belopp", "Varannan vecka", "Sista", "fredag", "(obligatoriskt)", "Schema 1", "Lägg till ett schema", "Stadsdel"},
			}
			for _, w := range words[lang] {
				if !strings.Contains(page, w) {
					t.Errorf("%s page lacks %q", lang, w)
				}
			}
		})
	}
}

func TestActivityFormBlank(t *testing.T) {
	l := formTestLocalizer(t, "en")
	page := renderActivityForm(t, (*Server)(nil).newActivityFormView(l, blankActivityForm(), nil))
	if strings.Contains(page, `class="error-summary"`) || strings.Contains(page, `aria-invalid`) {
		t.Errorf("a blank form shows errors")
	}
	f := parseActivityForm(postedValues(t, page))
	if len(f.Schedules) != 0 || len(f.Extra) != 0 || len(f.Texts) != 0 || f.CostKind != "free" {
		t.Errorf("an untouched form posted back: schedules %+v extra %+v texts %v cost %q", f.Schedules, f.Extra, f.Texts, f.CostKind)
	}
	_, err := f.validActivity(7, "Europe/Oslo")
	fields := registryFields(t, err)
	for _, k := range []string{"title", "category", "languages", "schedules", "location.address"} {
		if fields[k] == "" {
			t.Errorf("no %s error for an empty form: %v", k, fields)
		}
	}
}
