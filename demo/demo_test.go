package demo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"broen/registry"
)

func TestOrganisations(t *testing.T) {
	list := Organisations()
	if len(list) < 30 {
		t.Fatalf("got %d organisations, want at least 30", len(list))
	}
	kinds := map[registry.OrgKind]int{}
	numbers := map[string]string{}
	for _, o := range list {
		kinds[o.Kind]++
		if !registry.ValidOrgNumber(o.Country, o.OrgNumber) {
			t.Errorf("%s: org number %s is not valid", o.Name, o.OrgNumber)
		}
		if o.OrgNumber[0] != '9' && o.OrgNumber[0] != '8' {
			t.Errorf("%s: org number %s does not start with 8 or 9", o.Name, o.OrgNumber)
		}
		if other, dup := numbers[o.OrgNumber]; dup {
			t.Errorf("%s and %s share org number %s", o.Name, other, o.OrgNumber)
		}
		numbers[o.OrgNumber] = o.Name
		if o.Description["nb"] == "" || o.Description["en"] == "" {
			t.Errorf("%s: description needs nb and en", o.Name)
		}
		if o.Status != registry.StatusApproved {
			t.Errorf("%s: status %q", o.Name, o.Status)
		}
		checkNormalizedValid(t, o.Name, o, func(x *registry.Organisation) { x.Normalize() }, (*registry.Organisation).Validate)
	}
	for _, k := range registry.OrgKinds {
		if kinds[k] == 0 {
			t.Errorf("no organisation of kind %s", k)
		}
	}
	if kinds[registry.OrgImmigrant] < 6 {
		t.Errorf("%d immigrant organisations, want at least 6", kinds[registry.OrgImmigrant])
	}
}

// checkNormalizedValid checks that v is already in the form Normalize
// leaves it in (so what Load stores is what Activities returns) and that it
// passes Validate.
func checkNormalizedValid[T any](t *testing.T, name string, v *T, normalize func(*T), validate func(*T) error) {
	t.Helper()
	c := deepCopy(v)
	normalize(c)
	if !reflect.DeepEqual(c, v) {
		t.Errorf("%s: Normalize changes it:\n got  %+v\n want %+v", name, *c, *v)
	}
	if err := validate(c); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

// deepCopy copies an organisation or activity, maps and slices too, so
// Normalize on the copy cannot touch the original.
func deepCopy[T any](v *T) *T {
	switch x := any(v).(type) {
	case *registry.Organisation:
		c := *x
		c.Description = copyText(x.Description)
		return any(&c).(*T)
	case *registry.Activity:
		return any(copyActivity(x)).(*T)
	}
	panic("deepCopy: unsupported type")
}

func copyActivity(a *registry.Activity) *registry.Activity {
	c := *a
	c.Title, c.Description, c.HowToJoin = copyText(a.Title), copyText(a.Description), copyText(a.HowToJoin)
	c.Languages = sortedCopy(a.Languages)
	c.HelperLanguages = sortedCopy(a.HelperLanguages)
	c.Accessibility = sortedCopy(a.Accessibility)
	c.Schedules = nil
	for _, s := range a.Schedules {
		s.Except = append([]string(nil), s.Except...)
		if len(s.Except) == 0 {
			s.Except = nil
		}
		c.Schedules = append(c.Schedules, s)
	}
	return &c
}

func TestActivitiesCoverage(t *testing.T) {
	list := Activities()
	if len(list) < 150 {
		t.Fatalf("got %d activities, want at least 150", len(list))
	}
	orgs := Organisations()
	cats := map[registry.Category]int{}
	stages := map[registry.Stage]int{}
	dists := map[string]int{}
	days := map[time.Weekday]int{}
	textLangs := map[string]int{}
	perOrg := make([]int, len(orgs))
	var free, paid, card, reg, capped, once, monthly, biweekly, open int
	var children, youth, adults, seniors, families int
	access := map[string]int{}
	arabicTuesday := 0
	for _, da := range list {
		a := da.Activity
		if da.Org < 0 || da.Org >= len(orgs) {
			t.Fatalf("%s: organisation index %d out of range", a.Title["nb"], da.Org)
		}
		perOrg[da.Org]++
		cats[a.Category]++
		stages[a.Stage]++
		dists[a.Location.District]++
		for l := range a.Title {
			textLangs[l]++
		}
		switch {
		case a.Cost.Kind == registry.CostFree:
			free++
		case a.Cost.Kind == registry.CostPaid:
			paid++
			if a.Cost.LeisureCard {
				card++
			}
		}
		if a.RegistrationRequired {
			reg++
		}
		if a.Capacity > 0 {
			capped++
		}
		for _, c := range a.Accessibility {
			access[c]++
		}
		switch {
		case a.AgeMin == 0 && a.AgeMax == 0:
			families++
		case a.AgeMin >= 60:
			seniors++
		case a.AgeMin >= 6 && a.AgeMax > 0 && a.AgeMax <= 12:
			children++
		case a.AgeMin >= 13 && a.AgeMax > 0 && a.AgeMax <= 19:
			youth++
		case a.AgeMin >= 16 && a.AgeMax == 0:
			adults++
		}
		tuesday := false
		for _, s := range a.Schedules {
			switch {
			case s.Kind == registry.ScheduleOnce:
				once++
			case strings.HasPrefix(s.RRule, "FREQ=MONTHLY"):
				monthly++
			case strings.Contains(s.RRule, "INTERVAL=2"):
				biweekly++
			}
			if s.Kind == registry.ScheduleRecurring && s.EndDate == "" {
				open++
			}
			for _, d := range s.Weekdays() {
				days[d]++
				if d == time.Tuesday {
					tuesday = true
				}
			}
		}
		if tuesday && contains(a.Languages, "ar") {
			arabicTuesday++
		}
	}
	for _, c := range registry.Categories {
		if cats[c] < 5 {
			t.Errorf("category %s has %d activities, want at least 5", c, cats[c])
		}
	}
	for _, s := range registry.Stages {
		if stages[s] == 0 {
			t.Errorf("no activity in stage %s", s)
		}
	}
	for _, d := range Districts() {
		if dists[d] < 3 {
			t.Errorf("district %s has %d activities, want at least 3", d, dists[d])
		}
	}
	if len(dists) != len(Districts()) {
		t.Errorf("activities in districts %v, want exactly %v", keys(dists), Districts())
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if days[d] == 0 {
			t.Errorf("no activity on %s", d)
		}
	}
	for _, l := range []string{"nb", "en", "ar", "uk", "ti", "so", "prs", "kmr", "sv", "da"} {
		if textLangs[l] == 0 {
			t.Errorf("no activity title in %s", l)
		}
	}
	for _, c := range registry.AccessibilityFeatures {
		if access[c] == 0 {
			t.Errorf("no activity offers %s", c)
		}
	}
	for i, n := range perOrg {
		if n == 0 {
			t.Errorf("%s runs no activity", orgs[i].Name)
		}
	}
	if arabicTuesday == 0 {
		t.Error("no activity held in Arabic on a Tuesday")
	}
	counts := map[string]int{
		"free": free, "paid": paid, "leisure card": card, "registration": reg, "capacity": capped,
		"one-off": once, "monthly": monthly, "every other week": biweekly, "open-ended": open,
		"children": children, "youth": youth, "adults": adults, "seniors": seniors, "all ages": families,
	}
	for _, k := range keys(counts) {
		if counts[k] < 3 {
			t.Errorf("%d activities that are %s, want at least 3", counts[k], k)
		}
	}
	t.Logf("%d organisations, %d activities; titles per language %v", len(orgs), len(list), textLangs)
}

func TestActivitiesValid(t *testing.T) {
	for i, da := range Activities() {
		a := da.Activity
		name := fmt.Sprintf("activity %d %q", i, a.Title["nb"])
		a.OrganisationID = int64(da.Org + 1)
		checkNormalizedValid(t, name, a, func(x *registry.Activity) { x.Normalize() }, (*registry.Activity).Validate)
		checkTexts(t, name, a)
		checkSchedules(t, name, a.Schedules)
		if a.Status != registry.StatusApproved {
			t.Errorf("%s: status %q", name, a.Status)
		}
		if a.Contact.Name == "" || a.Contact.Email == "" || a.Contact.Phone == "" {
			t.Errorf("%s: contact %+v incomplete", name, a.Contact)
		}
		if a.Location.Lat == 0 || a.Location.Lng == 0 {
			t.Errorf("%s: no coordinates", name)
		}
		if !inDrammen(a.Location) {
			t.Errorf("%s: %v is not in Drammen kommune", name, a.Location)
		}
	}
}

// checkTexts checks that an activity's texts come in the same languages,
// always nb and en, each in its own script, with every placeholder filled.
func checkTexts(t *testing.T, name string, a *registry.Activity) {
	t.Helper()
	want := a.Title.Languages()
	if a.Title["nb"] == "" || a.Title["en"] == "" {
		t.Errorf("%s: title needs nb and en, has %v", name, want)
	}
	if got := a.Description.Languages(); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: description in %v, title in %v", name, got, want)
	}
	if got := a.HowToJoin.Languages(); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: how to join in %v, title in %v", name, got, want)
	}
	for _, text := range []registry.Text{a.Title, a.Description, a.HowToJoin} {
		for _, l := range text.Languages() {
			v := text[l]
			if strings.ContainsAny(v, "{}%") {
				t.Errorf("%s: unfilled placeholder in %s text %q", name, l, v)
			}
			// The contact's name is written as the person writes it.
			if s := script(l); s != nil && !mostlyIn(strings.ReplaceAll(v, a.Contact.Name, ""), s) {
				t.Errorf("%s: %s text %q is not written in its script", name, l, v)
			}
		}
	}
}

// script returns the Unicode script a language's text must be written in,
// or nil for Latin-script languages, where no check is needed.
func script(lang string) *unicode.RangeTable {
	switch lang {
	case "ar", "prs":
		return unicode.Arabic
	case "uk":
		return unicode.Cyrillic
	case "ti":
		return unicode.Ethiopic
	}
	return nil
}

// mostlyIn reports whether at least a third of the letters of s are in
// script (names such as BankID and Helsenorge are written in Latin).
func mostlyIn(s string, script *unicode.RangeTable) bool {
	in, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(script, r) {
				in++
			}
		}
	}
	return letters > 0 && in*3 >= letters
}

// checkSchedules checks that every schedule happens, that each exception
// date is a day the schedule would otherwise happen, and that the season
// matches the school year.
func checkSchedules(t *testing.T, name string, list []registry.Schedule) {
	t.Helper()
	for j, s := range list {
		if s.Zone != "Europe/Oslo" {
			t.Errorf("%s: schedule %d zone %q", name, j, s.Zone)
		}
		if len(s.Occurrences(time.Time{}, 1)) == 0 {
			t.Errorf("%s: schedule %d never happens", name, j)
		}
		if s.StartDate < "2026-08-01" || s.StartDate > "2027-06-30" {
			t.Errorf("%s: schedule %d starts %s, outside the school year", name, j, s.StartDate)
		}
		if s.Kind == registry.ScheduleRecurring && s.StartDate > "2026-10-10" && s.StartDate < "2027-04-01" {
			t.Errorf("%s: recurring schedule %d starts mid-year %s", name, j, s.StartDate)
		}
		if s.EndDate != "" && !strings.HasPrefix(s.EndDate, "2027-06-") {
			t.Errorf("%s: schedule %d ends %s, want June 2027 or open", name, j, s.EndDate)
		}
		if len(s.Except) == 0 {
			continue
		}
		plain := s
		plain.Except = nil
		days := map[string]bool{}
		for _, o := range plain.Occurrences(time.Time{}, 400) {
			days[o.Start.Format(time.DateOnly)] = true
		}
		for _, d := range s.Except {
			if !days[d] {
				t.Errorf("%s: schedule %d (%s from %s) has exception %s, which is not one of its days", name, j, s.RRule, s.StartDate, d)
			}
			if _, ok := holidays[d]; !ok {
				t.Errorf("%s: schedule %d has exception %s, which is no holiday", name, j, d)
			}
		}
		if !sort.StringsAreSorted(s.Except) {
			t.Errorf("%s: schedule %d exceptions not sorted", name, j)
		}
	}
}

func TestSchoolHolidaysAreSkipped(t *testing.T) {
	// "Leksehjelp for ungdomsskoleelever" at Røde Kors runs on Tuesdays and
	// Thursdays and pauses in the autumn break (week 40) and at Christmas.
	var found *registry.Activity
	for _, da := range Activities() {
		if da.Activity.Title["nb"] == "Leksehjelp for ungdomsskoleelever" && da.Activity.Location.District == "Strømsø" {
			found = da.Activity
		}
	}
	if found == nil {
		t.Fatal("homework help at Strømsø not found")
	}
	s := found.Schedules[0]
	for _, d := range []string{"2026-09-29", "2026-10-01", "2026-12-22", "2026-12-24", "2026-12-29", "2026-12-31", "2027-02-23", "2027-02-25", "2027-03-25", "2027-05-06"} {
		if !contains(s.Except, d) {
			t.Errorf("exceptions %v lack %s", s.Except, d)
		}
	}
	occ := s.Occurrences(time.Date(2026, 9, 28, 0, 0, 0, 0, time.UTC), 1)
	if len(occ) != 1 || occ[0].Start.Format("2006-01-02 15:04") != "2026-10-06 17:00" {
		t.Errorf("first session after the autumn break %v, want 2026-10-06 17:00", occ)
	}
}

func TestDeterministic(t *testing.T) {
	if !reflect.DeepEqual(Organisations(), Organisations()) {
		t.Error("Organisations differs between calls")
	}
	if !reflect.DeepEqual(Activities(), Activities()) {
		t.Error("Activities differs between calls")
	}
	// Each call returns fresh values.
	a, b := Activities(), Activities()
	a[0].Activity.Title["nb"] = "changed"
	a[0].Activity.Schedules[0].StartTime = "00:00"
	if b[0].Activity.Title["nb"] == "changed" || Activities()[0].Activity.Schedules[0].StartTime == "00:00" {
		t.Error("Activities shares values between calls")
	}
	o := Organisations()
	o[0].Description["nb"] = "changed"
	if Organisations()[0].Description["nb"] == "changed" {
		t.Error("Organisations shares values between calls")
	}
}

func TestOrgNumberCheckDigit(t *testing.T) {
	// Known valid numbers and the check digit computation.
	for _, n := range []string{"974760673", "923609016"} {
		var base int
		fmt.Sscanf(n[:8], "%d", &base)
		c, ok := mod11(base)
		if !ok || fmt.Sprint(c) != n[8:] {
			t.Errorf("mod11(%d) = %d, %v; want %s", base, c, ok, n[8:])
		}
	}
	// A base whose weighted sum leaves remainder 1 has no check digit: no
	// completion of it is valid.
	base := 10000000
	for {
		if _, ok := mod11(base); !ok {
			break
		}
		base++
	}
	for c := 0; c <= 9; c++ {
		if n := fmt.Sprintf("%08d%d", base, c); registry.ValidOrgNumber("NO", n) {
			t.Errorf("mod11(%d) has no check digit, but %s is valid", base, n)
		}
	}
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		n := orgNumber(i)
		if !registry.ValidOrgNumber("NO", n) || seen[n] {
			t.Fatalf("orgNumber(%d) = %s is not valid or not unique", i, n)
		}
		seen[n] = true
	}
}

func TestEmailLocal(t *testing.T) {
	for in, want := range map[string]string{
		"Åse Kristiansen":    "ase.kristiansen",
		"Mustafa Yılmaz":     "mustafa.yilmaz",
		"Berivan Doğan":      "berivan.dogan",
		"Nour Al-Khatib":     "nour.alkhatib",
		"Jon Helge Tveit":    "jon.helge.tveit",
		"Zabihullah Sultani": "zabihullah.sultani",
	} {
		if got := emailLocal(in); got != want {
			t.Errorf("emailLocal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC)
	orgSvc := &fakeOrgs{next: 100}
	actSvc := &fakeActs{orgs: orgSvc}
	nOrgs, nActs, err := Load(ctx, orgSvc, actSvc, now)
	if err != nil {
		t.Fatal(err)
	}
	wantOrgs, wantActs := Organisations(), Activities()
	if nOrgs != len(wantOrgs) || len(orgSvc.created) != len(wantOrgs) {
		t.Errorf("created %d (reported %d) organisations, want %d", len(orgSvc.created), nOrgs, len(wantOrgs))
	}
	if nActs != len(wantActs) || len(actSvc.created) != len(wantActs) {
		t.Errorf("created %d (reported %d) activities, want %d", len(actSvc.created), nActs, len(wantActs))
	}
	for i, o := range orgSvc.created {
		if o.Name != wantOrgs[i].Name || o.Status != registry.StatusApproved {
			t.Errorf("organisation %d: %q %s, want %q approved", i, o.Name, o.Status, wantOrgs[i].Name)
		}
	}
	for i, a := range actSvc.created {
		want := wantActs[i]
		org := orgSvc.byID[a.OrganisationID]
		if org == nil || org.Name != wantOrgs[want.Org].Name {
			t.Errorf("activity %d %q: organisation %d, want %q", i, a.Title["nb"], a.OrganisationID, wantOrgs[want.Org].Name)
		}
		if a.Status != registry.StatusApproved {
			t.Errorf("activity %d: status %s", i, a.Status)
		}
		age := now.Sub(a.LastConfirmed)
		if age < 0 || age > 45*24*time.Hour {
			t.Errorf("activity %d: last confirmed %s, %s before now", i, a.LastConfirmed, age)
		}
		if !reflect.DeepEqual(a.Title, want.Activity.Title) || !reflect.DeepEqual(a.Schedules, want.Activity.Schedules) {
			t.Errorf("activity %d: stored %q differs from Activities()", i, a.Title["nb"])
		}
	}

	// The same load again gives the same activities and confirmation dates.
	orgSvc2 := &fakeOrgs{next: 100}
	actSvc2 := &fakeActs{orgs: orgSvc2}
	if _, _, err := Load(ctx, orgSvc2, actSvc2, now); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(actSvc.created, actSvc2.created) {
		t.Error("two loads differ")
	}
}

func TestLoadStopsAtError(t *testing.T) {
	ctx := context.Background()
	orgSvc := &fakeOrgs{next: 1}
	actSvc := &fakeActs{orgs: orgSvc, failAt: 10}
	nOrgs, nActs, err := Load(ctx, orgSvc, actSvc, time.Now())
	if err == nil || !errors.Is(err, errFake) {
		t.Fatalf("err = %v, want the service's error", err)
	}
	if nOrgs != len(Organisations()) || nActs != 10 {
		t.Errorf("counts %d, %d; want %d, 10", nOrgs, nActs, len(Organisations()))
	}

	orgSvc = &fakeOrgs{next: 1, failAt: 3}
	nOrgs, nActs, err = Load(ctx, orgSvc, &fakeActs{orgs: orgSvc}, time.Now())
	if err == nil || nOrgs != 3 || nActs != 0 {
		t.Errorf("Load = %d, %d, %v; want 3, 0 and an error", nOrgs, nActs, err)
	}
}

func TestGenerate(t *testing.T) {
	ids := []int64{11, 12, 13, 14, 15}
	a := Generate(1, 1000, ids)
	if len(a) != 1000 {
		t.Fatalf("got %d activities, want 1000", len(a))
	}
	if !reflect.DeepEqual(a, Generate(1, 1000, ids)) {
		t.Error("Generate(1, ...) differs between calls")
	}
	if reflect.DeepEqual(a[:50], Generate(2, 50, ids)) {
		t.Error("Generate ignores the seed")
	}
	if got := Generate(1, 0, ids); len(got) != 0 {
		t.Errorf("Generate(1, 0) gave %d", len(got))
	}

	cats := map[registry.Category]int{}
	langs := map[string]int{}
	days := map[time.Weekday]bool{}
	dists := map[string]bool{}
	var trening, kafe, rare, paid int
	for i, x := range a {
		name := fmt.Sprintf("generated %d %q", i, x.Title["nb"])
		if !contains(ids, x.OrganisationID) {
			t.Errorf("%s: organisation %d not one of %v", name, x.OrganisationID, ids)
		}
		checkNormalizedValid(t, name, x, func(y *registry.Activity) { y.Normalize() }, (*registry.Activity).Validate)
		checkTexts(t, name, x)
		checkSchedules(t, name, x.Schedules)
		cats[x.Category]++
		for _, l := range x.Languages {
			langs[l]++
		}
		for _, s := range x.Schedules {
			for _, d := range s.Weekdays() {
				days[d] = true
			}
		}
		dists[x.Location.District] = true
		title := strings.ToLower(x.Title["nb"])
		if strings.Contains(title, "trening") {
			trening++
		}
		if strings.Contains(title, "kafé") {
			kafe++
		}
		if strings.Contains(title, "bueskyting") || strings.Contains(title, "keramikk") {
			rare++
		}
		if x.Cost.Kind == registry.CostPaid {
			paid++
		}
		if t.Failed() {
			t.FailNow() // one broken generator gives a thousand errors
		}
	}
	if len(cats) < 12 || len(days) != 7 || len(dists) != len(districts) {
		t.Errorf("coverage: %d categories, %d weekdays, %d districts", len(cats), len(days), len(dists))
	}
	for _, l := range []string{"nb", "en", "ar", "uk", "so", "ti", "prs"} {
		if langs[l] == 0 {
			t.Errorf("no generated activity in %s", l)
		}
	}
	// Term frequencies are skewed: "trening" and "kafé" are in a large share
	// of titles, the rarest kinds in a handful.
	if trening < 250 || kafe < 150 || rare == 0 || rare > 20 {
		t.Errorf("term counts in 1000 titles: trening %d, kafé %d, rare %d", trening, kafe, rare)
	}
	if paid < 100 || paid > 600 {
		t.Errorf("%d of 1000 paid", paid)
	}
	t.Logf("trening %d, kafé %d, rare %d, paid %d, languages %v", trening, kafe, rare, paid, langs)

	if x := Generate(7, 5, nil); x[0].OrganisationID != 0 {
		t.Errorf("without organisations, OrganisationID = %d, want 0", x[0].OrganisationID)
	}
}

func BenchmarkGenerate(b *testing.B) {
	ids := []int64{1, 2, 3}
	for b.Loop() {
		Generate(1, 1000, ids)
	}
}

// inDrammen reports whether a location is in Drammen kommune as the demo
// describes it: a known district, a postcode of that district, and
// coordinates near it.
func inDrammen(l registry.Location) bool {
	for _, d := range districts {
		if d.Name != l.District {
			continue
		}
		if !contains(d.Postcodes, l.Postcode) || l.Country != "NO" || l.City != d.City {
			return false
		}
		return abs(l.Lat-d.Lat) < 0.02 && abs(l.Lng-d.Lng) < 0.03
	}
	return false
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var errFake = errors.New("fake service failure")

// fakeOrgs is an in-memory OrganisationService that validates like the real
// one and gives IDs from next on.
type fakeOrgs struct {
	next    int64
	failAt  int // fail the create with this index, when > 0
	created []*registry.Organisation
	byID    map[int64]*registry.Organisation
}

func (f *fakeOrgs) CreateOrganisation(ctx context.Context, o *registry.Organisation) error {
	if f.failAt > 0 && len(f.created) == f.failAt {
		return errFake
	}
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	for _, x := range f.created {
		if x.Country == o.Country && x.OrgNumber == o.OrgNumber {
			return fmt.Errorf("org number %s registered twice", o.OrgNumber)
		}
	}
	o.ID = f.next
	f.next++
	if f.byID == nil {
		f.byID = map[int64]*registry.Organisation{}
	}
	f.byID[o.ID] = o
	f.created = append(f.created, o)
	return nil
}

func (f *fakeOrgs) FindOrganisationByID(ctx context.Context, id int64) (*registry.Organisation, error) {
	if o := f.byID[id]; o != nil {
		return o, nil
	}
	return nil, errors.New("not found")
}

func (f *fakeOrgs) FindOrganisations(ctx context.Context, _ registry.OrganisationFilter) ([]*registry.Organisation, int, error) {
	return f.created, len(f.created), nil
}

func (f *fakeOrgs) UpdateOrganisation(context.Context, int64, registry.OrganisationUpdate) (*registry.Organisation, error) {
	return nil, errors.New("not implemented")
}

func (f *fakeOrgs) DeleteOrganisation(context.Context, int64) error {
	return errors.New("not implemented")
}

func (f *fakeOrgs) MergeOrganisations(context.Context, int64, int64) error {
	return errors.New("fake: merge is not used by the demo")
}

// fakeActs is an in-memory ActivityService that validates like the real one
// and checks that the organisation exists.
type fakeActs struct {
	orgs    *fakeOrgs
	failAt  int
	created []*registry.Activity
}

func (f *fakeActs) CreateActivity(ctx context.Context, a *registry.Activity) error {
	if f.failAt > 0 && len(f.created) == f.failAt {
		return errFake
	}
	if _, err := f.orgs.FindOrganisationByID(ctx, a.OrganisationID); err != nil {
		return err
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	a.ID = int64(len(f.created) + 1)
	f.created = append(f.created, a)
	return nil
}

func (f *fakeActs) FindActivityByID(ctx context.Context, id int64) (*registry.Activity, error) {
	if id < 1 || int(id) > len(f.created) {
		return nil, errors.New("not found")
	}
	return f.created[id-1], nil
}

func (f *fakeActs) FindActivities(context.Context, registry.ActivityFilter) ([]*registry.Activity, int, error) {
	return f.created, len(f.created), nil
}

func (f *fakeActs) UpdateActivity(context.Context, int64, registry.ActivityUpdate) (*registry.Activity, error) {
	return nil, errors.New("not implemented")
}

func (f *fakeActs) DeleteActivity(context.Context, int64) error {
	return errors.New("not implemented")
}

var (
	_ registry.OrganisationService = (*fakeOrgs)(nil)
	_ registry.ActivityService     = (*fakeActs)(nil)
)
