package demo

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"broen/registry"
)

// DemoActivity is a demo activity with the organisation that runs it. IDs
// are given on insert, so the organisation is named by its index in
// Organisations().
type DemoActivity struct {
	Org      int
	Activity *registry.Activity
}

// spec is one kind of activity as written down in activities.go: the texts
// and terms shared by every place it is held (At). Title and description
// may say "{på}" (nb: "på Fjell", "i Mjøndalen") and "{in}" (en: "in
// Fjell"), filled in from the place's district.
type spec struct {
	Org     string
	Cat     registry.Category
	Stage   registry.Stage
	Title   registry.Text
	Desc    registry.Text
	Note    registry.Text // added after the standard how-to-join sentence
	Age     [2]int        // AgeMin, AgeMax
	Langs   []string      // spoken in the activity, sorted
	Helpers []string      // a helping volunteer would need, sorted
	Price   int64         // kroner; 0 is free
	Card    bool          // the leisure card covers the price
	Access  []string      // beyond what the venue offers
	Reg     bool          // registration required
	Cap     int
	Who     int // which of the organisation's people answers questions
	Pause   pause
	From    string // first possible date; default: a week in the school's first month
	End     string // last date; default: the school year's end for pauseSchool, else open
	At      []place
}

// place is where and when one instance of a spec is held, optionally run by
// another organisation than the spec's.
type place struct {
	Org   string
	Venue string
	When  string // one or more "when"s separated by "; "
}

func at(venue, when string) place        { return place{Venue: venue, When: when} }
func atBy(org, venue, when string) place { return place{Org: org, Venue: venue, When: when} }
func tx(pairs ...string) registry.Text   { return textOf(pairs) }
func langs(codes ...string) []string     { return codes }
func ages(min, max int) [2]int           { return [2]int{min, max} }
func access(codes ...string) []string    { return codes }
func textOf(pairs []string) registry.Text {
	if len(pairs)%2 != 0 {
		panic("demo: odd number of text arguments")
	}
	t := registry.Text{}
	for i := 0; i < len(pairs); i += 2 {
		t[pairs[i]] = pairs[i+1]
	}
	return t
}

// walkIn and signUp are the how-to-join sentences in every language the
// demo texts are written in.
var (
	walkIn = registry.Text{
		"nb":  "Bare møt opp.",
		"en":  "Just come along.",
		"sv":  "Det är bara att komma.",
		"da":  "Bare mød op.",
		"ar":  "تعالوا فقط، لا حاجة إلى التسجيل.",
		"uk":  "Просто приходьте, реєстрація не потрібна.",
		"ti":  "ምጹ ጥራይ፣ ምዝገባ ኣየድልን።",
		"so":  "Kaliya kaalaya, diiwaangelin looma baahna.",
		"prs": "فقط بیایید، ثبت نام لازم نیست.",
		"kmr": "Tenê werin, qeydkirin ne pêwîst e.",
	}
	signUp = registry.Text{
		"nb":  "Meld deg på hos %s.",
		"en":  "Sign up with %s.",
		"sv":  "Anmäl dig till %s.",
		"da":  "Tilmeld dig hos %s.",
		"ar":  "التسجيل لدى %s.",
		"uk":  "Реєстрація: %s.",
		"ti":  "ምዝገባ ኣብ %s።",
		"so":  "Is-diiwaangelinta: %s.",
		"prs": "ثبت نام نزد %s.",
		"kmr": "Xwe li cem %s qeyd bikin.",
	}
)

// Activities returns the demo activities, approved, in a fixed order, each
// with the index of its organisation in Organisations(). LastConfirmed is
// left zero; Load sets it. Each call returns new values.
func Activities() []DemoActivity {
	var out []DemoActivity
	k := 0
	for _, s := range specs {
		for _, p := range s.At {
			orgKey := s.Org
			if p.Org != "" {
				orgKey = p.Org
			}
			oi, o := lookupOrg(orgKey)
			out = append(out, DemoActivity{Org: oi, Activity: s.build(o, p, k)})
			k++
		}
	}
	return out
}

// build makes the k-th demo activity: spec s held at p by organisation o.
func (s spec) build(o org, p place, k int) *registry.Activity {
	v := lookupVenue(p.Venue)
	d := lookupDistrict(v.District)
	fill := strings.NewReplacer("{på}", d.Prep+" "+d.Name, "{in}", "in "+d.Name)
	title, desc := registry.Text{}, registry.Text{}
	for l, t := range s.Title {
		title[l] = fill.Replace(t)
	}
	for l, t := range s.Desc {
		desc[l] = fill.Replace(t)
	}

	contact := person(o, s.Who)
	join := registry.Text{}
	for l := range title {
		var line string
		if s.Reg {
			line = fmt.Sprintf(signUp[l], contact.Name)
		} else {
			line = walkIn[l]
		}
		if n := s.Note[l]; n != "" {
			line += " " + n
		}
		join[l] = line
	}

	cost := registry.Cost{Kind: registry.CostFree, Currency: Currency}
	if s.Price > 0 {
		cost = registry.Cost{Kind: registry.CostPaid, Price: s.Price * 100, Currency: Currency, LeisureCard: s.Card}
	}

	from := mustDate(seasonStart).AddDate(0, 0, 7*((k*3)%4))
	if s.From != "" {
		from = mustDate(s.From)
	}
	end := s.End
	if end == "" && s.Pause == pauseSchool {
		end = seasonEnd
	}
	var schedules []registry.Schedule
	for _, w := range strings.Split(p.When, "; ") {
		schedules = append(schedules, when(w).schedule(from, end, s.Pause))
	}

	return &registry.Activity{
		Title:                title,
		Description:          desc,
		HowToJoin:            join,
		Category:             s.Cat,
		Stage:                s.Stage,
		AgeMin:               s.Age[0],
		AgeMax:               s.Age[1],
		Languages:            sortedCopy(s.Langs),
		HelperLanguages:      sortedCopy(s.Helpers),
		Cost:                 cost,
		Accessibility:        union(v.Access, s.Access),
		RegistrationRequired: s.Reg,
		Capacity:             s.Cap,
		Contact:              contact,
		Location:             v.location(),
		Schedules:            schedules,
		Status:               registry.StatusApproved,
	}
}

func sortedCopy(list []string) []string {
	if list == nil {
		return nil
	}
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

// union returns the codes in a or b, sorted, without duplicates; nil when
// there are none.
func union(a, b []string) []string {
	var out []string
	for _, c := range append(append([]string(nil), a...), b...) {
		i := sort.SearchStrings(out, c)
		if i < len(out) && out[i] == c {
			continue
		}
		out = append(out, "")
		copy(out[i+1:], out[i:])
		out[i] = c
	}
	return out
}

// Load creates the demo organisations and then their activities through the
// services, in a fixed order, all approved. Each activity's LastConfirmed is
// now minus a few days (0–44, the same for the same activity every time).
// It stops at the first error and returns how many of each it created.
func Load(ctx context.Context, orgSvc registry.OrganisationService, actSvc registry.ActivityService, now time.Time) (nOrgs, nActs int, err error) {
	list := Organisations()
	ids := make([]int64, len(list))
	for i, o := range list {
		if err := orgSvc.CreateOrganisation(ctx, o); err != nil {
			return nOrgs, nActs, fmt.Errorf("demo: create organisation %q: %w", o.Name, err)
		}
		ids[i] = o.ID
		nOrgs++
	}
	for i, da := range Activities() {
		a := da.Activity
		a.OrganisationID = ids[da.Org]
		a.Status = registry.StatusApproved
		a.LastConfirmed = now.AddDate(0, 0, -((i*7 + 3) % 45))
		if err := actSvc.CreateActivity(ctx, a); err != nil {
			return nOrgs, nActs, fmt.Errorf("demo: create activity %q: %w", a.Title["nb"], err)
		}
		nActs++
	}
	return nOrgs, nActs, nil
}
