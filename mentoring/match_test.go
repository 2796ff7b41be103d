package mentoring

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func slots(codes ...string) Availability {
	a, bad := ParseAvailability(codes)
	if len(bad) > 0 {
		panic(bad)
	}
	return a
}

func volunteer(id int64, mod func(v *Volunteer)) *Volunteer {
	v := &Volunteer{ID: id, Status: VolunteerAvailable, Capacity: 1, WaitingSince: today.AddDate(0, 0, -int(id)),
		Profile: Profile{Household: HouseholdPerson, Name: fmt.Sprintf("V%d", id), Locale: "nb", Adults: 1,
			Languages: []LanguageSkill{{"nb", LevelNative}}}}
	if mod != nil {
		mod(v)
	}
	return v
}

func newcomer(id int64, mod func(n *Newcomer)) *Newcomer {
	n := &Newcomer{ID: id, Status: NewcomerWaiting, NordicLevel: NordicBeginner, WaitingSince: today.AddDate(0, 0, -int(id)),
		Profile: Profile{Household: HouseholdPerson, Name: fmt.Sprintf("N%d", id), Locale: "nb", Adults: 1,
			Languages: []LanguageSkill{{"ar", LevelNative}}}}
	if mod != nil {
		mod(n)
	}
	return n
}

func TestHardRules(t *testing.T) {
	e := &Engine{Weights: DefaultWeights, Local: "nb", Today: today}
	current := PoliceCheck{Kind: PoliceCheckNO, ShownOn: today.AddDate(-1, 0, 0), CheckedBy: "Kari", RenewBy: today.AddDate(1, 0, 0)}
	expired := current
	expired.RenewBy = today.AddDate(0, 0, -1)
	family := func(n *Newcomer) { n.Household, n.ChildrenAges = HouseholdFamily, []int{4, 9} }
	cases := []struct {
		name     string
		v        *Volunteer
		n        *Newcomer
		excluded bool
		want     Rule
	}{
		{"OK", volunteer(1, nil), newcomer(1, nil), false, RuleNone},
		{"Excluded", volunteer(1, nil), newcomer(1, nil), true, RuleExcluded},
		{"FullVolunteer", volunteer(1, func(v *Volunteer) { v.Open = 1 }), newcomer(1, nil), false, RuleCapacity},
		{"PausedVolunteer", volunteer(1, func(v *Volunteer) { v.Status = VolunteerPaused }), newcomer(1, nil), false, RuleCapacity},
		{"PendingVolunteer", volunteer(1, func(v *Volunteer) { v.Status = VolunteerPending }), newcomer(1, nil), false, RuleCapacity},
		{"PausedNewcomer", volunteer(1, nil), newcomer(1, func(n *Newcomer) { n.Status = NewcomerPaused }), false, RuleUnavailable},
		{"ChildrenNeedPoliceCheck", volunteer(1, nil), newcomer(1, family), false, RulePolice},
		{"ChildrenExpiredCheck", volunteer(1, func(v *Volunteer) { v.PoliceCheck = expired }), newcomer(1, family), false, RulePolice},
		{"ChildrenCurrentCheck", volunteer(1, func(v *Volunteer) { v.PoliceCheck = current }), newcomer(1, family), false, RuleNone},
		{"CheckWithoutRenewByNotCurrent", volunteer(1, func(v *Volunteer) { v.PoliceCheck = current; v.PoliceCheck.RenewBy = time.Time{} }), newcomer(1, family), false, RulePolice},
		{"CheckRenewByIsLastValidDay", volunteer(1, func(v *Volunteer) { v.PoliceCheck = current; v.PoliceCheck.RenewBy = today }), newcomer(1, family), false, RuleNone},
		{"NewcomerWantsWoman", volunteer(1, func(v *Volunteer) { v.Gender = GenderMale }),
			newcomer(1, func(n *Newcomer) { n.Preferences.Gender = GenderFemale }), false, RulePreferences},
		{"NewcomerWantsWomanUnstated", volunteer(1, nil),
			newcomer(1, func(n *Newcomer) { n.Preferences.Gender = GenderFemale }), false, RulePreferences},
		{"NewcomerWantsWomanGetsOne", volunteer(1, func(v *Volunteer) { v.Gender = GenderFemale }),
			newcomer(1, func(n *Newcomer) { n.Preferences.Gender = GenderFemale }), false, RuleNone},
		{"VolunteerWantsFamilyWithChildren", volunteer(1, func(v *Volunteer) { v.Preferences.Children = ChildrenWith }),
			newcomer(1, nil), false, RulePreferences},
		{"VolunteerWantsNoChildren", volunteer(1, func(v *Volunteer) { v.Preferences.Children = ChildrenWithout; v.PoliceCheck = current }),
			newcomer(1, family), false, RulePreferences},
		{"VolunteerAgePreference", volunteer(1, func(v *Volunteer) { v.Preferences.AgeGroups = []AgeGroup{Age18to29} }),
			newcomer(1, func(n *Newcomer) { n.AgeGroup = Age50to66 }), false, RulePreferences},
		{"VolunteerAgePreferenceMet", volunteer(1, func(v *Volunteer) { v.Preferences.AgeGroups = []AgeGroup{Age18to29, Age30to49} }),
			newcomer(1, func(n *Newcomer) { n.AgeGroup = Age30to49 }), false, RuleNone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := e.Check(c.v, c.n, c.excluded); got != c.want {
				t.Fatalf("Check = %q, want %q", got, c.want)
			}
		})
	}
}

func TestScoreReasons(t *testing.T) {
	e := &Engine{Weights: DefaultWeights, Local: "nb", Today: today}
	v := volunteer(1, func(v *Volunteer) {
		v.Languages = []LanguageSkill{{"nb", LevelNative}, {"ar", LevelFluent}}
		v.Interests = []string{"sport", "chess"}
		v.Offers = []Need{NeedLanguage, NeedPractical}
		v.Coords = Coords{59.7440, 10.2045}
		v.Availability = slots("tue-evening", "sat-morning")
	})
	n := newcomer(2, func(n *Newcomer) {
		n.Languages = []LanguageSkill{{"ar", LevelNative}, {"en", LevelBasic}}
		n.Interests = []string{"sport"}
		n.Needs = []Need{NeedLanguage}
		n.Coords = Coords{59.7340, 10.2300}
		n.Availability = slots("tue-evening")
	})
	score, reasons := e.Score(v, n)
	if score <= 0 || score > 100 {
		t.Fatalf("score %v out of range", score)
	}
	codes := map[string]Reason{}
	for _, r := range reasons {
		codes[r.Code] = r
	}
	if r := codes[ReasonBothSpeak]; r.Value != "ar" {
		t.Errorf("both_speak = %+v, want ar", r)
	}
	if r := codes[ReasonBothFree]; r.Value != "tue-evening" || r.Number != 1 {
		t.Errorf("both_free = %+v", r)
	}
	if r := codes[ReasonInterest]; r.Value != "sport" {
		t.Errorf("interest = %+v", r)
	}
	if r := codes[ReasonPractice]; r.Value != "nb" {
		t.Errorf("practice = %+v", r)
	}
	if r := codes[ReasonOffers]; r.Value != string(NeedLanguage) {
		t.Errorf("offers = %+v", r)
	}
	// 1.1 km west–east at 59.7°N and 1.1 km north–south.
	if r := codes[ReasonDistance]; math.Abs(r.Number-1.8) > 0.2 {
		t.Errorf("distance = %+v", r)
	}
	// The reasons come strongest first: the shared mother tongue carries
	// the most weight here.
	if reasons[0].Code != ReasonBothSpeak {
		t.Errorf("first reason %s, want both_speak", reasons[0].Code)
	}

	// Weights decide: with only distance weighted the score is the distance part.
	e2 := &Engine{Weights: Weights{Distance: 1}, Local: "nb", Today: today}
	s2, rs2 := e2.Score(v, n)
	km := DistanceKm(v.Coords, n.Coords)
	if want := 100 * (1 - km/MaxKm); math.Abs(s2-want) > 1e-6 || len(rs2) != 1 || rs2[0].Code != ReasonDistance {
		t.Errorf("distance-only score %v (%v), want %v", s2, rs2, want)
	}
	// Nothing in common: a reason says so.
	e3 := &Engine{Weights: Weights{Interests: 1}, Local: "nb", Today: today}
	if _, rs := e3.Score(volunteer(1, nil), newcomer(2, nil)); len(rs) != 1 || rs[0].Code != ReasonNothingInCom {
		t.Errorf("reasons %v", rs)
	}
}

func TestMotherTongueCountsMoreWithLessNordic(t *testing.T) {
	e := &Engine{Weights: Weights{Language: 1}, Local: "nb", Today: today}
	v := volunteer(1, func(v *Volunteer) { v.Languages = []LanguageSkill{{"nb", LevelNative}, {"ti", LevelNative}} })
	none := newcomer(2, func(n *Newcomer) { n.Languages = []LanguageSkill{{"ti", LevelNative}}; n.NordicLevel = NordicNone })
	fluent := newcomer(3, func(n *Newcomer) { n.Languages = []LanguageSkill{{"ti", LevelNative}}; n.NordicLevel = NordicFluent })
	a, _ := e.Score(v, none)
	b, _ := e.Score(v, fluent)
	if !(a > b && b > 0) {
		t.Fatalf("score with no Nordic %v, fluent %v", a, b)
	}
	// A basic level counts less than a native one.
	basic := volunteer(4, func(v *Volunteer) { v.Languages = []LanguageSkill{{"nb", LevelNative}, {"ti", LevelBasic}} })
	if c, _ := e.Score(basic, none); !(c < a) {
		t.Fatalf("basic %v not below native %v", c, a)
	}
}

func TestWeightsValidate(t *testing.T) {
	if err := DefaultWeights.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]Weights{
		"ErrAllZero":  {},
		"ErrNegative": {Language: -1, Distance: 1},
		"ErrTooBig":   {Language: 101},
		"ErrNaN":      {Language: math.NaN(), Distance: 1},
	} {
		t.Run(name, func(t *testing.T) {
			if w.Validate() == nil {
				t.Fatal("accepted")
			}
		})
	}
	var w Weights
	for i, name := range WeightNames {
		if !w.Set(name, float64(i+1)) {
			t.Fatalf("Set(%s)", name)
		}
		if got, _ := w.Get(name); got != float64(i+1) {
			t.Fatalf("Get(%s) = %v", name, got)
		}
	}
}

// randomPool makes a pool with enough variety to hit every rule.
func randomPool(r *rand.Rand, nv, nn int) Pool {
	langs := []string{"ar", "ti", "so", "prs", "uk", "kmr", "en", "nb"}
	interests := []string{"sport", "music", "outdoor", "chess", "cooking", "culture"}
	var p Pool
	pick := func(list []string, k int) []string {
		out := []string{}
		for range k {
			if s := list[r.IntN(len(list))]; !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	prof := func(id int64) Profile {
		pr := Profile{Household: HouseholdPerson, Name: fmt.Sprint(id), Locale: "nb", Adults: 1,
			Coords:       Coords{59.70 + r.Float64()*0.1, 10.10 + r.Float64()*0.2},
			Availability: Availability(r.Uint32()) & allSlots, Interests: pick(interests, 3),
			Gender: Genders[r.IntN(3)], AgeGroup: AgeGroups[r.IntN(4)]}
		for _, l := range pick(langs, 2) {
			pr.Languages = append(pr.Languages, LanguageSkill{l, Levels[r.IntN(4)]})
		}
		if r.IntN(3) == 0 {
			pr.Household, pr.ChildrenAges = HouseholdFamily, []int{r.IntN(17)}
		}
		if r.IntN(6) == 0 {
			pr.Preferences.Gender = Genders[r.IntN(2)]
		}
		return pr
	}
	for i := range nv {
		v := &Volunteer{ID: int64(i + 1), Profile: prof(int64(i + 1)), Status: VolunteerAvailable, Capacity: 1 + r.IntN(3),
			WaitingSince: today.AddDate(0, 0, -r.IntN(100)), Offers: []Need{Needs[r.IntN(5)]}}
		if r.IntN(2) == 0 {
			v.PoliceCheck = PoliceCheck{Kind: PoliceCheckNO, ShownOn: today.AddDate(0, -1, 0), CheckedBy: "K", RenewBy: today.AddDate(1, 0, 0)}
		}
		p.Volunteers = append(p.Volunteers, v)
	}
	for i := range nn {
		n := &Newcomer{ID: int64(i + 1), Profile: prof(int64(i + 1)), Status: NewcomerWaiting,
			NordicLevel: NordicLevels[r.IntN(4)], WaitingSince: today.AddDate(0, 0, -r.IntN(100)), Needs: []Need{Needs[r.IntN(5)]}}
		p.Newcomers = append(p.Newcomers, n)
	}
	for range nn / 4 {
		p.Excluded = append(p.Excluded, Exclusion{VolunteerID: int64(1 + r.IntN(nv)), NewcomerID: int64(1 + r.IntN(nn))})
	}
	return p
}

// TestRunRespectsRulesAndIsOptimal checks the batch on random pools: no
// pair breaks a hard rule, capacities hold, the scores are the engine's,
// the total is the brute-force optimum on small pools, and the result is
// the same every run.
func TestRunRespectsRulesAndIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 23))
	e := &Engine{Weights: DefaultWeights, Local: "nb", Today: today}
	for iter := range 200 {
		pool := randomPool(r, 1+r.IntN(4), 1+r.IntN(6))
		res, err := e.Run(context.Background(), pool, 3)
		if err != nil {
			t.Fatal(err)
		}
		excluded := map[[2]int64]bool{}
		for _, x := range pool.Excluded {
			excluded[[2]int64{x.VolunteerID, x.NewcomerID}] = true
		}
		byID := func(id int64) *Volunteer { return pool.Volunteers[id-1] }
		used := map[int64]int{}
		total := 0.0
		for _, p := range res.Pairs {
			v, n := byID(p.VolunteerID), pool.Newcomers[p.NewcomerID-1]
			if rule := e.Check(v, n, excluded[[2]int64{v.ID, n.ID}]); rule != RuleNone {
				t.Fatalf("iter %d: pair %d–%d breaks %s", iter, v.ID, n.ID, rule)
			}
			if s, _ := e.Score(v, n); math.Abs(s-p.Score) > 1e-9 {
				t.Fatalf("iter %d: batch score %v, Score %v", iter, p.Score, s)
			}
			used[v.ID]++
			if used[v.ID] > v.Capacity {
				t.Fatalf("iter %d: volunteer %d over capacity", iter, v.ID)
			}
			total += p.Score
		}
		if len(res.Pairs)+len(res.Unpaired) != len(pool.Newcomers) {
			t.Fatalf("iter %d: %d pairs + %d unpaired for %d newcomers", iter, len(res.Pairs), len(res.Unpaired), len(pool.Newcomers))
		}
		best := bruteForcePool(e, pool, excluded)
		if math.Abs(best-total) > 1e-9 || math.Abs(res.Total-total) > 1e-9 {
			t.Fatalf("iter %d: total %v (reported %v), brute force %v", iter, total, res.Total, best)
		}
		again, _ := e.Run(context.Background(), pool, 3)
		if fmt.Sprint(again.Pairs) != fmt.Sprint(res.Pairs) {
			t.Fatalf("iter %d: not deterministic", iter)
		}
		// Suggestions: eligible only, best first, at most 3.
		for nid, list := range res.Suggestions {
			if len(list) > 3 {
				t.Fatalf("%d suggestions", len(list))
			}
			for i, s := range list {
				if e.Check(byID(s.VolunteerID), pool.Newcomers[nid-1], excluded[[2]int64{s.VolunteerID, nid}]) != RuleNone {
					t.Fatalf("suggestion breaks a rule")
				}
				if i > 0 && list[i-1].Score < s.Score {
					t.Fatalf("suggestions out of order")
				}
			}
		}
	}
}

// bruteForcePool is the best total over every assignment of newcomers to
// eligible volunteers (or none).
func bruteForcePool(e *Engine, pool Pool, excluded map[[2]int64]bool) float64 {
	left := map[int64]int{}
	for _, v := range pool.Volunteers {
		left[v.ID] = v.Spare()
	}
	var rec func(i int) float64
	rec = func(i int) float64 {
		if i == len(pool.Newcomers) {
			return 0
		}
		n := pool.Newcomers[i]
		best := rec(i + 1)
		for _, v := range pool.Volunteers {
			if left[v.ID] == 0 || e.Check(v, n, excluded[[2]int64{v.ID, n.ID}]) != RuleNone {
				continue
			}
			s, _ := e.Score(v, n)
			left[v.ID]--
			best = math.Max(best, s+rec(i+1))
			left[v.ID]++
		}
		return best
	}
	return rec(0)
}

func TestSuggestPerSide(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pool := randomPool(r, 30, 30)
	e := &Engine{Weights: DefaultWeights, Local: "nb", Today: today}
	n := pool.Newcomers[0]
	got := e.SuggestForNewcomer(n, pool, 5)
	if len(got) == 0 || len(got) > 5 {
		t.Fatalf("%d suggestions", len(got))
	}
	// The first is the best eligible volunteer.
	best := -1.0
	for _, v := range pool.Volunteers {
		ex := slices.ContainsFunc(pool.Excluded, func(x Exclusion) bool { return x.VolunteerID == v.ID && x.NewcomerID == n.ID })
		if e.Check(v, n, ex) == RuleNone {
			s, _ := e.Score(v, n)
			best = math.Max(best, s)
		}
	}
	if got[0].Score != best || len(got[0].Reasons) == 0 {
		t.Fatalf("first suggestion %v, best %v", got[0], best)
	}
	v := pool.Volunteers[0]
	for _, s := range e.SuggestForVolunteer(v, pool, 5) {
		if s.VolunteerID != v.ID {
			t.Fatal("suggestion for another volunteer")
		}
	}
}

func TestRunDeadline(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pool := randomPool(r, 50, 50)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&Engine{Weights: DefaultWeights, Today: today}).Run(ctx, pool, 0); err == nil {
		t.Fatal("a cancelled run returned no error")
	}
}
