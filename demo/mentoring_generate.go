package demo

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"broen/mentoring"
)

// GeneratePool makes a synthetic waiting list for benchmarks of the
// matching engine: volunteers and newcomers spread over Drammen's
// districts with the shape of a real programme (language mixes, 0–4
// interests from about twenty, 2–8 weekly slots, capacity 1–3, about 30 %
// families with children, about 70 % of volunteers with a current police
// check, about 10 % with preferences, and a few excluded pairs). Everyone
// is available or waiting with nothing open; volunteers have IDs 1…
// volunteers and newcomers 1…newcomers. Every record is valid and in the
// form Normalize leaves it in. The same seed and now give the same pool.
// Callers may change the records (a benchmark may set every capacity).
func GeneratePool(seed uint64, volunteers, newcomers int, now time.Time) mentoring.Pool {
	g := poolGen{r: rand.New(rand.NewPCG(seed, 0x6d65_6e74_6f72_2026)), c: newClock(now)}
	// The short lists of all records are cut from a few shared arrays, each
	// with a capacity of its own, so the pool takes few allocations.
	people := volunteers + newcomers
	g.langs = make([]mentoring.LanguageSkill, 4*people)
	g.strs = make([]string, 4*people)
	g.ints = make([]int, 4*people)
	g.needList = make([]mentoring.Need, 4*people)
	pool := mentoring.Pool{
		Volunteers: make([]*mentoring.Volunteer, volunteers),
		Newcomers:  make([]*mentoring.Newcomer, newcomers),
	}
	vs := make([]mentoring.Volunteer, volunteers)
	for i := range vs {
		g.volunteer(&vs[i], i)
		pool.Volunteers[i] = &vs[i]
	}
	ns := make([]mentoring.Newcomer, newcomers)
	for i := range ns {
		g.newcomer(&ns[i], i)
		pool.Newcomers[i] = &ns[i]
	}
	if volunteers > 0 && newcomers > 0 {
		// About one exclusion per hundred newcomers, at least one.
		seen := map[[2]int64]bool{}
		for k := newcomers/100 + 1; k > 0; {
			x := mentoring.Exclusion{VolunteerID: int64(g.r.IntN(volunteers) + 1), NewcomerID: int64(g.r.IntN(newcomers) + 1),
				Reason: "coordinator", CreatedAt: g.c.at(1+g.r.IntN(60), 12, 0)}
			if seen[[2]int64{x.VolunteerID, x.NewcomerID}] {
				if len(seen) == volunteers*newcomers {
					break
				}
				continue
			}
			if g.r.IntN(3) == 0 {
				x.Reason = "declined"
			}
			seen[[2]int64{x.VolunteerID, x.NewcomerID}] = true
			pool.Excluded = append(pool.Excluded, x)
			k--
		}
	}
	return pool
}

type poolGen struct {
	r *rand.Rand
	c demoClock
	// Backing arrays of the records' lists, used up from the front.
	langs    []mentoring.LanguageSkill
	strs     []string
	ints     []int
	needList []mentoring.Need
}

// cut returns an empty slice of capacity n from the front of *slab, which
// it shortens.
func cut[T any](slab *[]T, n int) []T {
	out := (*slab)[:0:n]
	*slab = (*slab)[n:]
	return out
}

// weighted is a list of choices with integer weights.
type weighted[T any] struct {
	items []T
	cum   []int
}

func weigh[T any](pairs ...any) weighted[T] {
	var w weighted[T]
	total := 0
	for i := 0; i < len(pairs); i += 2 {
		total += pairs[i+1].(int)
		w.items = append(w.items, pairs[i].(T))
		w.cum = append(w.cum, total)
	}
	return w
}

func (w weighted[T]) pick(r *rand.Rand) T {
	x := r.IntN(w.cum[len(w.cum)-1])
	i, _ := slices.BinarySearch(w.cum, x+1)
	return w.items[i]
}

var (
	// Volunteers live all over the municipality; newcomers are settled
	// more in the districts with rented flats.
	volunteerDistricts = weigh[string]("Bragernes", 12, "Strømsø", 11, "Tangen", 7, "Åssiden", 10, "Gulskogen", 11,
		"Fjell", 8, "Konnerud", 12, "Danvik", 6, "Austad", 8, "Mjøndalen", 9, "Svelvik", 6)
	newcomerDistricts = weigh[string]("Bragernes", 8, "Strømsø", 14, "Tangen", 12, "Åssiden", 6, "Gulskogen", 8,
		"Fjell", 18, "Konnerud", 4, "Danvik", 10, "Austad", 11, "Mjøndalen", 6, "Svelvik", 3)
	// newcomerLanguages are first languages of newcomers in Drammen.
	newcomerLanguages = weigh[string]("ar", 24, "uk", 22, "ti", 14, "so", 11, "prs", 11, "kmr", 7,
		"fa", 3, "ps", 2, "ckb", 2, "am", 2, "ru", 2)
	// immigrantLanguages are the first languages of volunteers with an
	// immigrant background.
	immigrantLanguages = weigh[string]("ar", 20, "pl", 15, "so", 12, "ti", 10, "uk", 10, "prs", 8, "kmr", 6,
		"tr", 6, "ur", 5, "sv", 5, "da", 3)
	secondLanguage = map[string]string{"ar": "en", "uk": "ru", "ti": "am", "so": "ar", "prs": "fa", "kmr": "tr",
		"fa": "prs", "ps": "prs", "ckb": "ar", "am": "ti", "ru": "uk"}
	poolInterests = []string{"sport", "outdoor", "culture", "music", "crafts", "language_cafe", "homework_help",
		"food_club", "meeting_place", "job_network", "children_youth", "women", "seniors", "families",
		"sjakk", "turer", "fotball", "fiske", "strikking", "sykling"}
	// slotWeights favour evenings and weekends, when people with jobs are
	// free.
	slotWeights = func() weighted[mentoring.Slot] {
		var pairs []any
		for _, d := range mentoring.Week {
			weekend := d == time.Saturday || d == time.Sunday
			for _, p := range mentoring.PartsOfDay {
				w := map[mentoring.PartOfDay]int{mentoring.Morning: 1, mentoring.Afternoon: 2, mentoring.Evening: 4}[p]
				if weekend {
					w = map[mentoring.PartOfDay]int{mentoring.Morning: 3, mentoring.Afternoon: 4, mentoring.Evening: 1}[p]
				}
				pairs = append(pairs, mentoring.Slot{Day: d, Part: p}, w)
			}
		}
		return weigh[mentoring.Slot](pairs...)
	}()
	volunteerAges = weigh[mentoring.AgeGroup](mentoring.Age18to29, 20, mentoring.Age30to49, 35, mentoring.Age50to66, 30, mentoring.Age67plus, 15)
	newcomerAges  = weigh[mentoring.AgeGroup](mentoring.Age18to29, 35, mentoring.Age30to49, 45, mentoring.Age50to66, 15, mentoring.Age67plus, 5)
	genders       = weigh[mentoring.Gender](mentoring.GenderFemale, 52, mentoring.GenderMale, 43, mentoring.GenderOther, 2, mentoring.GenderUnstated, 3)
	nordicLevels  = weigh[mentoring.NordicLevel](mentoring.NordicNone, 30, mentoring.NordicBeginner, 40, mentoring.NordicIntermediate, 25, mentoring.NordicFluent, 5)
	capacities    = weigh[int](1, 55, 2, 30, 3, 15)
	poolLocales   = weigh[string]("nb", 80, "en", 12, "nn", 5, "sv", 3)
	newLocales    = weigh[string]("nb", 45, "en", 55)

	norwegianFirst = []string{"Anne", "Kari", "Ingrid", "Marit", "Hilde", "Silje", "Ida", "Nora", "Emma", "Ragnhild",
		"Ole", "Lars", "Per", "Jan", "Erik", "Kristian", "Magnus", "Jonas", "Henrik", "Sindre"}
	norwegianLast = []string{"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
		"Berg", "Haugen", "Hagen", "Bakken", "Solberg", "Lunde", "Moen", "Strand", "Eide", "Holm"}
	newcomerFirst = []string{"Omar", "Ahmad", "Yousef", "Rania", "Nour", "Fatima", "Semhar", "Dawit", "Selam", "Hodan",
		"Abdi", "Faadumo", "Zahra", "Farid", "Mariam", "Olena", "Iryna", "Oleksandr", "Dmytro", "Berfin", "Rojda", "Rêber"}
	newcomerLast = []string{"Haddad", "Khalil", "Ibrahim", "Tesfay", "Haile", "Kidane", "Warsame", "Abdi", "Hassan",
		"Ahmadi", "Rahimi", "Hosseini", "Kovalenko", "Bondarenko", "Shevchenko", "Yıldız", "Aslan", "Demir"}
)

// fullNames are every first name with every surname, made once, so that
// the pool's names share their strings.
func fullNames(first, last []string) []string {
	out := make([]string, 0, len(first)*len(last))
	for _, f := range first {
		for _, l := range last {
			out = append(out, f+" "+l)
		}
	}
	return out
}

func familyNames(last []string) []string {
	out := make([]string, len(last))
	for i, l := range last {
		out[i] = "Familien " + l
	}
	return out
}

var (
	norwegianNames   = fullNames(norwegianFirst, norwegianLast)
	norwegianFamily  = familyNames(norwegianLast)
	newcomerNames    = fullNames(newcomerFirst, newcomerLast)
	newcomerFamilies = familyNames(newcomerLast)
)

func (g *poolGen) percent(p int) bool { return g.r.IntN(100) < p }

func (g *poolGen) profile(p *mentoring.Profile, district weighted[string], ages weighted[mentoring.AgeGroup],
	names, families []string) {
	r := g.r
	p.Household, p.Adults = mentoring.HouseholdPerson, 1
	switch x := r.IntN(100); {
	case x < 30:
		p.Household, p.Adults = mentoring.HouseholdFamily, 1+r.IntN(2)
		kids := cut(&g.ints, 4)
		for k := 1 + r.IntN(4); len(kids) < k; {
			kids = append(kids, r.IntN(18))
		}
		slices.Sort(kids)
		p.ChildrenAges = kids
	case x < 35:
		p.Household, p.Adults = mentoring.HouseholdFamily, 2
	}
	if p.Household == mentoring.HouseholdFamily {
		p.Name = families[r.IntN(len(families))]
	} else {
		p.Name = names[r.IntN(len(names))]
		p.Gender = genders.pick(r)
	}
	p.AgeGroup = ages.pick(r)
	p.District = district.pick(r)
	d := lookupDistrict(p.District)
	p.Coords = mentoring.Coords{Lat: d.Lat + (r.Float64()*2-1)*0.008, Lon: d.Lng + (r.Float64()*2-1)*0.016}
	if k := r.IntN(5); k > 0 {
		p.Interests = cut(&g.strs, 4)
		for len(p.Interests) < k {
			s := poolInterests[r.IntN(len(poolInterests))]
			if !slices.Contains(p.Interests, s) {
				p.Interests = append(p.Interests, s)
			}
		}
	}
	for k := 2 + r.IntN(7); p.Availability.Count() < k; {
		p.Availability = p.Availability.With(slotWeights.pick(r))
	}
}

// needs picks lo to hi of the five needs, in display order; homework
// only withHomework.
func (g *poolGen) needs(lo, hi int, withHomework bool) []mentoring.Need {
	k := lo + g.r.IntN(hi-lo+1)
	var bits uint8
	for n := 0; n < k; {
		i := g.r.IntN(len(mentoring.Needs))
		if mentoring.Needs[i] == mentoring.NeedHomework && !withHomework {
			continue
		}
		if bits&(1<<i) == 0 {
			bits |= 1 << i
			n++
		}
	}
	out := cut(&g.needList, 4)
	for i, n := range mentoring.Needs {
		if bits&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

func (g *poolGen) volunteer(v *mentoring.Volunteer, i int) {
	r := g.r
	immigrant := g.percent(25)
	names, families := norwegianNames, norwegianFamily
	if immigrant {
		names, families = newcomerNames, newcomerFamilies
	}
	g.profile(&v.Profile, volunteerDistricts, volunteerAges, names, families)
	v.ID = int64(i + 1)
	v.Locale = poolLocales.pick(r)
	if immigrant {
		l := immigrantLanguages.pick(r)
		v.Languages = append(cut(&g.langs, 4), mentoring.LanguageSkill{Code: l, Level: mentoring.LevelNative},
			mentoring.LanguageSkill{Code: "nb", Level: []mentoring.Level{mentoring.LevelFluent, mentoring.LevelNative}[r.IntN(2)]})
		if l != "en" && g.percent(60) {
			v.Languages = append(v.Languages, mentoring.LanguageSkill{Code: "en", Level: mentoring.LevelConversational})
		}
	} else {
		v.Languages = append(cut(&g.langs, 4), mentoring.LanguageSkill{Code: "nb", Level: mentoring.LevelNative})
		if g.percent(85) {
			v.Languages = append(v.Languages, mentoring.LanguageSkill{Code: "en", Level: mentoring.LevelFluent})
		}
		if g.percent(15) {
			v.Languages = append(v.Languages, mentoring.LanguageSkill{Code: []string{"es", "fr", "ar", "pl"}[r.IntN(4)],
				Level: mentoring.LevelConversational})
		}
	}
	v.Email = numbered("frivillig", i+1, "@pool.broen.example")
	if g.percent(70) {
		v.Phone = g.phone()
	}
	v.Status = mentoring.VolunteerAvailable
	v.Capacity = capacities.pick(r)
	v.Offers = g.needs(1, 4, true)
	switch x := r.IntN(100); {
	case x < 70:
		shown := g.c.day(10 + r.IntN(1000))
		v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: shown, CheckedBy: PoliceCheckedBy,
			RenewBy: shown.AddDate(3, 0, 0)}
	case x < 78:
		shown := g.c.day(1110 + r.IntN(400))
		v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: shown, CheckedBy: PoliceCheckedBy,
			RenewBy: shown.AddDate(3, 0, 0)}
	}
	if g.percent(90) {
		v.TrainedOn = g.c.day(5 + r.IntN(700))
		v.PledgeSignedOn = v.TrainedOn
	}
	if g.percent(10) {
		switch r.IntN(3) {
		case 0:
			v.Preferences.Children = []mentoring.ChildrenPreference{mentoring.ChildrenWith, mentoring.ChildrenWithout}[r.IntN(2)]
		case 1:
			v.Preferences.Gender = v.Gender
			if v.Gender == mentoring.GenderUnstated || v.Gender == mentoring.GenderOther {
				v.Preferences.Gender = mentoring.GenderFemale
			}
		default:
			v.Preferences.AgeGroups = []mentoring.AgeGroup{mentoring.Age18to29, mentoring.Age30to49}
		}
	}
	v.WaitingSince = g.c.now.Add(-time.Duration(1+r.IntN(365*24*60)) * time.Minute)
	v.CreatedAt, v.UpdatedAt = v.WaitingSince, v.WaitingSince
}

func (g *poolGen) newcomer(n *mentoring.Newcomer, i int) {
	r := g.r
	g.profile(&n.Profile, newcomerDistricts, newcomerAges, newcomerNames, newcomerFamilies)
	n.ID = int64(i + 1)
	n.Locale = newLocales.pick(r)
	n.NordicLevel = nordicLevels.pick(r)
	l := newcomerLanguages.pick(r)
	n.Languages = append(cut(&g.langs, 4), mentoring.LanguageSkill{Code: l, Level: mentoring.LevelNative})
	if second := secondLanguage[l]; second != "" && g.percent(35) {
		n.Languages = append(n.Languages, mentoring.LanguageSkill{Code: second,
			Level: []mentoring.Level{mentoring.LevelBasic, mentoring.LevelConversational, mentoring.LevelFluent}[r.IntN(3)]})
	}
	if lacks(n.Languages, "en") && g.percent(40) {
		n.Languages = append(n.Languages, mentoring.LanguageSkill{Code: "en",
			Level: []mentoring.Level{mentoring.LevelBasic, mentoring.LevelConversational, mentoring.LevelFluent}[r.IntN(3)]})
	}
	switch n.NordicLevel {
	case mentoring.NordicBeginner:
		n.Languages = append(n.Languages, mentoring.LanguageSkill{Code: "nb", Level: mentoring.LevelBasic})
	case mentoring.NordicIntermediate:
		n.Languages = append(n.Languages, mentoring.LanguageSkill{Code: "nb", Level: mentoring.LevelConversational})
	case mentoring.NordicFluent:
		n.Languages = append(n.Languages, mentoring.LanguageSkill{Code: "nb", Level: mentoring.LevelFluent})
	}
	switch x := r.IntN(100); {
	case x < 55:
		n.Phone = g.phone()
	case x < 75:
		n.Phone = g.phone()
		n.Email = numbered("nykommer", i+1, "@pool.broen.example")
	case x < 85:
		n.Email = numbered("nykommer", i+1, "@pool.broen.example")
	}
	n.Status = mentoring.NewcomerWaiting
	n.Needs = g.needs(1, 3, n.HasChildren())
	if g.percent(10) {
		switch {
		case n.HasChildren():
			n.Preferences.Children = mentoring.ChildrenWith
		case n.Gender == mentoring.GenderFemale && r.IntN(3) > 0:
			n.Preferences.Gender = mentoring.GenderFemale
		default:
			n.Preferences.AgeGroups = []mentoring.AgeGroup{n.AgeGroup}
			if n.AgeGroup == mentoring.AgeUnstated {
				n.Preferences.AgeGroups = []mentoring.AgeGroup{mentoring.Age30to49, mentoring.Age50to66}
			}
		}
	}
	n.WaitingSince = g.c.now.Add(-time.Duration(1+r.IntN(365*24*60)) * time.Minute)
	n.CreatedAt, n.UpdatedAt = n.WaitingSince, n.WaitingSince
}

// lacks reports whether the list does not have the language code yet.
func lacks(list []mentoring.LanguageSkill, code string) bool {
	return !slices.ContainsFunc(list, func(l mentoring.LanguageSkill) bool { return l.Code == code })
}

// phone is an invented Norwegian mobile number, +479 and seven digits.
func (g *poolGen) phone() string {
	b := make([]byte, 0, 11)
	b = append(b, "+479"...)
	x := g.r.IntN(10_000_000)
	for d := 1_000_000; d > 0; d /= 10 {
		b = append(b, byte('0'+x/d%10))
	}
	return string(b)
}

// numbered is prefix, i with at least five digits, and suffix:
// "frivillig00042@pool.broen.example".
func numbered(prefix string, i int, suffix string) string {
	var buf [64]byte
	b := append(buf[:0], prefix...)
	for d := 10_000; d > i && d > 1; d /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(i), 10)
	return string(append(b, suffix...))
}
