package mentoring

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"time"

	"broen"
	"broen/registry"
)

// Weights say how much each part of the compatibility score counts. They
// are relative: the score is the weighted mean of the parts, as 0–100.
type Weights struct {
	// Language: a language both speak other than the Nordic one, by the
	// lower of their two levels, counting more the less Nordic language the
	// newcomer has (mother-tongue support).
	Language float64 `json:"language"`
	// Practice: the volunteer speaks the municipality's language well and
	// the newcomer wants to practise it.
	Practice float64 `json:"practice"`
	// Interests: shared interests (up to three count).
	Interests float64 `json:"interests"`
	// Needs: the share of the newcomer's needs the volunteer offers help with.
	Needs float64 `json:"needs"`
	// Distance: 1 next door, falling to 0 at MaxKm; the same district
	// counts 0.6 when coordinates are missing.
	Distance float64 `json:"distance"`
	// Availability: shared weekly slots (up to three count).
	Availability float64 `json:"availability"`
	// Household: families with children together, persons together.
	Household float64 `json:"household"`
	// Age: the same or a neighbouring age group.
	Age float64 `json:"age"`
}

// DefaultWeights is what the engine uses until the coordinator changes it.
var DefaultWeights = Weights{Language: 25, Practice: 10, Interests: 15, Needs: 15, Distance: 15, Availability: 15, Household: 5, Age: 0}

// MaxWeight bounds a single weight.
const MaxWeight = 100

// MaxKm is the distance at which the distance part reaches 0.
const MaxKm = 20.0

// WeightNames lists the weights' JSON names in display order.
var WeightNames = []string{"language", "practice", "interests", "needs", "distance", "availability", "household", "age"}

func (w *Weights) ptrs() []*float64 {
	return []*float64{&w.Language, &w.Practice, &w.Interests, &w.Needs, &w.Distance, &w.Availability, &w.Household, &w.Age}
}

// Get returns the weight with the JSON name, and whether there is one.
func (w Weights) Get(name string) (float64, bool) {
	if i := slices.Index(WeightNames, name); i >= 0 {
		return *w.ptrs()[i], true
	}
	return 0, false
}

// Set sets the weight with the JSON name.
func (w *Weights) Set(name string, v float64) bool {
	if i := slices.Index(WeightNames, name); i >= 0 {
		*w.ptrs()[i] = v
		return true
	}
	return false
}

// Validate: every weight in [0, MaxWeight], and not all zero (EINVALID).
func (w Weights) Validate() error {
	fe := broen.FieldErrors{}
	sum := 0.0
	for i, p := range w.ptrs() {
		if math.IsNaN(*p) || *p < 0 || *p > MaxWeight {
			fe.Add(WeightNames[i], msgWeight)
		}
		sum += *p
	}
	if len(fe) == 0 && sum == 0 {
		fe.Add("language", msgWeightsZero)
	}
	return fe.Err()
}

// Reason is one readable reason behind a score: Code names a message
// mentoring.reason.<code>; Value is a code to localize (a language, an
// interest, a need, a slot) and Number a figure (kilometres).
type Reason struct {
	Code   string  `json:"code"`
	Value  string  `json:"value,omitempty"`
	Number float64 `json:"number,omitempty"`
}

// Reason codes.
const (
	ReasonBothSpeak    = "both_speak"
	ReasonPractice     = "practice"
	ReasonInterest     = "interest"
	ReasonOffers       = "offers"
	ReasonDistance     = "distance"
	ReasonDistrict     = "district"
	ReasonBothFree     = "both_free"
	ReasonFamilies     = "families"
	ReasonPersons      = "persons"
	ReasonSimilarAge   = "similar_age"
	ReasonNothingInCom = "little_in_common"
)

// ReasonCodes lists every reason code, for the catalog tests.
var ReasonCodes = []string{ReasonBothSpeak, ReasonPractice, ReasonInterest, ReasonOffers, ReasonDistance,
	ReasonDistrict, ReasonBothFree, ReasonFamilies, ReasonPersons, ReasonSimilarAge, ReasonNothingInCom}

// Rule is a hard rule a pair breaks; "" when it breaks none.
type Rule string

const (
	RuleNone        Rule = ""
	RuleCapacity    Rule = "capacity"     // the volunteer has no place left, or is not available
	RuleUnavailable Rule = "unavailable"  // the newcomer does not want a pairing now
	RulePolice      Rule = "police_check" // children involved, no current police certificate check
	RulePreferences Rule = "preferences"  // a stated preference of either side
	RuleExcluded    Rule = "excluded"     // the coordinator ruled the pair out, or it was declined
)

// Rules lists the hard rules, for the catalog tests.
var Rules = []Rule{RuleCapacity, RuleUnavailable, RulePolice, RulePreferences, RuleExcluded}

// Engine scores pairs and assigns. It is pure: everything it needs is in
// the arguments, and the same input always gives the same output.
type Engine struct {
	Weights Weights
	// Local is the municipality's language (nb, da or sv); nn counts as nb.
	Local string
	// Today decides whether a police certificate check is current.
	Today time.Time
}

// Suggestion is a scored pair that breaks no hard rule.
type Suggestion struct {
	VolunteerID int64    `json:"volunteer_id"`
	NewcomerID  int64    `json:"newcomer_id"`
	Score       float64  `json:"score"`
	Reasons     []Reason `json:"reasons"`
}

// ---------------------------------------------------------------------------
// Compiled profiles: the score of 1.4 million pairs has to take milliseconds,
// so each party is turned once into bit sets and numbers.

// Attribute categories for the hard rules: each party has exactly one bit
// set per category in attr; allow has, per category, the bits of the other
// side's values it accepts. A pair passes iff popcount(allow&attr) equals the
// number of categories, both ways.
const (
	attrGender   = 0  // 4 bits: unstated, female, male, other
	attrAge      = 4  // 5 bits: unstated, 4 groups
	attrChildren = 9  // 2 bits: without, with
	attrPolice   = 11 // 2 bits: no current check, current check
	attrCats     = 4
)

var genderBit = map[Gender]uint32{GenderUnstated: 0, GenderFemale: 1, GenderMale: 2, GenderOther: 3}
var ageBit = map[AgeGroup]uint32{AgeUnstated: 0, Age18to29: 1, Age30to49: 2, Age50to66: 3, Age67plus: 4}

type compiled struct {
	attr, allow uint32
	langs       uint64      // bit per known language
	level       [64]float32 // level weight per language bit (only set bits read)
	interests   []uint64    // bit per interest in the batch's dictionary
	needs       uint8
	avail       Availability
	at          point // valid if hasXY
	hasXY       bool
	district    string
	household   uint8 // 0 person, 1 family without children, 2 family with children
	age         int8  // 0 unstated, 1..4
	nordic      float64
	practice    float64 // newcomer: wants practice (1/0); volunteer: local-language level weight
	needCount   float64
}

var langBit = func() map[string]uint {
	m := map[string]uint{}
	for i, l := range registry.Languages {
		m[l.Code] = uint(i)
	}
	m["nn"] = m["nb"]
	return m
}()

func nordicMask() uint64 {
	var m uint64
	for _, c := range []string{"nb", "sv", "da"} {
		m |= 1 << langBit[c]
	}
	return m
}

var nordic = nordicMask()

// dictionary numbers interests across one batch.
type dictionary map[string]int

func (d dictionary) words() int { return (len(d) + 63) / 64 }

func (d dictionary) add(list []string) {
	for _, s := range list {
		if _, ok := d[s]; !ok {
			d[s] = len(d)
		}
	}
}

// point is a place prepared for distances: latitude and longitude in km
// along the meridian and the equator, and the cosine of the latitude.
type point struct{ lat, lon, cos float64 }

func pointOf(c Coords) point {
	const r = 6371.0
	return point{r * c.Lat * math.Pi / 180, r * c.Lon * math.Pi / 180, math.Cos(c.Lat * math.Pi / 180)}
}

// km is the distance on a flat projection at the two points' mean latitude
// (the mean of their cosines): within 0.1 % of the great-circle distance
// over a municipality, and symmetric.
func (a point) km(b point) float64 {
	dx, dy := (a.lon-b.lon)*(a.cos+b.cos)/2, a.lat-b.lat
	return math.Sqrt(dx*dx + dy*dy)
}

// DistanceKm is the distance between two points as the crow flies, as the
// engine's scores and reasons use it (see point.km).
func DistanceKm(a, b Coords) float64 { return pointOf(a).km(pointOf(b)) }

func (e *Engine) compileProfile(c *compiled, p *Profile, d dictionary) {
	c.attr = 1<<(attrGender+genderBit[p.Gender]) | 1<<(attrAge+ageBit[p.AgeGroup])
	if p.HasChildren() {
		c.attr |= 1 << (attrChildren + 1)
	} else {
		c.attr |= 1 << attrChildren
	}
	pr := p.Preferences
	allow := uint32(0)
	if pr.Gender == GenderUnstated {
		allow |= 0xf << attrGender
	} else {
		allow |= 1 << (attrGender + genderBit[pr.Gender])
	}
	if len(pr.AgeGroups) == 0 {
		allow |= 0x1f << attrAge
	} else {
		for _, g := range pr.AgeGroups {
			allow |= 1 << (attrAge + ageBit[g])
		}
	}
	switch pr.Children {
	case ChildrenWith:
		allow |= 1 << (attrChildren + 1)
	case ChildrenWithout:
		allow |= 1 << attrChildren
	default:
		allow |= 3 << attrChildren
	}
	allow |= 3 << attrPolice // volunteers; a newcomer's is set by compileNewcomer
	c.allow = allow
	for _, l := range p.Languages {
		if b, ok := langBit[l.Code]; ok {
			c.langs |= 1 << b
			if w := float32(l.Level.weight()); w > c.level[b] {
				c.level[b] = w
			}
		}
	}
	c.interests = make([]uint64, d.words())
	for _, s := range p.Interests {
		if i, ok := d[s]; ok {
			c.interests[i/64] |= 1 << (i % 64)
		}
	}
	c.avail = p.Availability & allSlots
	if p.Coords.Valid() {
		c.at, c.hasXY = pointOf(p.Coords), true
	}
	c.district = registry.Fold(p.District)
	switch {
	case p.Household == HouseholdFamily && p.HasChildren():
		c.household = 2
	case p.Household == HouseholdFamily:
		c.household = 1
	}
	c.age = int8(ageBit[p.AgeGroup])
}

func needBits(needs []Need) uint8 {
	var b uint8
	for _, n := range needs {
		if i := slices.Index(Needs, n); i >= 0 {
			b |= 1 << i
		}
	}
	return b
}

func (e *Engine) local() string {
	if e.Local == "" || e.Local == "nn" {
		return "nb"
	}
	return e.Local
}

func (e *Engine) compileVolunteer(c *compiled, v *Volunteer, d dictionary) {
	e.compileProfile(c, &v.Profile, d)
	if v.PoliceCheck.CurrentOn(e.Today) {
		c.attr |= 1 << (attrPolice + 1)
	} else {
		c.attr |= 1 << attrPolice
	}
	c.needs = needBits(v.Offers)
	lvl := v.Speaks(e.local())
	if e.local() == "nb" {
		if l2 := v.Speaks("nn"); l2.weight() > lvl.weight() {
			lvl = l2
		}
	}
	if lvl == LevelFluent || lvl == LevelNative {
		c.practice = lvl.weight()
	}
}

func (e *Engine) compileNewcomer(c *compiled, n *Newcomer, d dictionary) {
	e.compileProfile(c, &n.Profile, d)
	c.attr |= 1 << attrPolice // a newcomer is never asked for one
	if n.HasChildren() {
		c.allow = c.allow&^(3<<attrPolice) | 1<<(attrPolice+1)
	}
	c.needs = needBits(n.Needs)
	if slices.Contains(n.Needs, NeedLanguage) {
		c.practice = 1
	}
	switch n.NordicLevel {
	case NordicNone:
		c.nordic = 1
	case NordicBeginner:
		c.nordic = 0.9
	case NordicIntermediate:
		c.nordic = 0.6
	default:
		c.nordic = 0.3
	}
	c.needCount = float64(bits.OnesCount8(c.needs))
}

// eligible applies the hard rules carried by the compiled profiles.
func eligible(v, n *compiled) bool {
	return bits.OnesCount32(n.allow&v.attr) == attrCats && bits.OnesCount32(v.allow&n.attr) == attrCats
}

// parts are the score's components in [0,1], in WeightNames order.
type parts [8]float64

func partsOf(v, n *compiled) (p parts, lang uint) {
	// Language: the best shared non-Nordic language.
	if shared := v.langs & n.langs &^ nordic; shared != 0 {
		best := float32(0)
		for s := shared; s != 0; s &= s - 1 {
			b := uint(bits.TrailingZeros64(s))
			w := min(v.level[b], n.level[b])
			if w > best {
				best, lang = w, b
			}
		}
		p[0] = float64(best) * n.nordic
	}
	p[1] = v.practice * n.practice
	shared := 0
	for i := range v.interests {
		shared += bits.OnesCount64(v.interests[i] & n.interests[i])
	}
	p[2] = float64(min(shared, 3)) / 3
	if n.needCount > 0 {
		p[3] = float64(bits.OnesCount8(v.needs&n.needs)) / n.needCount
	}
	switch {
	case v.hasXY && n.hasXY:
		if km := v.at.km(n.at); km < MaxKm {
			p[4] = 1 - km/MaxKm
		}
	case v.district != "" && v.district == n.district:
		p[4] = 0.6
	}
	p[5] = float64(min(bits.OnesCount32(uint32(v.avail&n.avail)), 3)) / 3
	switch {
	case v.household == 2 && n.household == 2:
		p[6] = 1
	case v.household == 0 && n.household == 0:
		p[6] = 1
	case v.household == 0 || n.household == 0:
		p[6] = 0.4
	default:
		p[6] = 0.6
	}
	switch d := v.age - n.age; {
	case v.age == 0 || n.age == 0:
		p[7] = 0.5
	case d == 0:
		p[7] = 1
	case d == 1 || d == -1:
		p[7] = 0.5
	}
	return p, lang
}

func (e *Engine) normWeights() parts {
	var w parts
	sum := 0.0
	for i, p := range e.Weights.ptrs() {
		w[i] = max(*p, 0)
		sum += w[i]
	}
	if sum == 0 {
		return e.withDefaults().normWeights()
	}
	for i := range w {
		w[i] = w[i] * 100 / sum
	}
	return w
}

func (e *Engine) withDefaults() *Engine {
	c := *e
	c.Weights = DefaultWeights
	return &c
}

func dot(w, p *parts) float64 {
	return w[0]*p[0] + w[1]*p[1] + w[2]*p[2] + w[3]*p[3] + w[4]*p[4] + w[5]*p[5] + w[6]*p[6] + w[7]*p[7]
}

// ---------------------------------------------------------------------------
// One pair

// Check returns the first hard rule the pair breaks, or RuleNone. excluded
// says whether the coordinator ruled the pair out (or it was declined).
func (e *Engine) Check(v *Volunteer, n *Newcomer, excluded bool) Rule {
	switch {
	case excluded:
		return RuleExcluded
	case v.Spare() == 0:
		return RuleCapacity
	case n.Status != NewcomerWaiting:
		return RuleUnavailable
	}
	return e.checkPeople(v, n)
}

// checkPeople applies the rules about the two people: the police check and
// the preferences of both sides.
func (e *Engine) checkPeople(v *Volunteer, n *Newcomer) Rule {
	d := dictionary{}
	var cv, cn compiled
	e.compileVolunteer(&cv, v, d)
	e.compileNewcomer(&cn, n, d)
	if eligible(&cv, &cn) {
		return RuleNone
	}
	if n.HasChildren() && !v.PoliceCheck.CurrentOn(e.Today) {
		return RulePolice
	}
	return RulePreferences
}

// CheckPeople is Check without capacity, status and exclusion: the rules the
// store re-checks inside a transition's transaction.
func (e *Engine) CheckPeople(v *Volunteer, n *Newcomer) Rule { return e.checkPeople(v, n) }

// Score returns the pair's compatibility score (0–100) and its reasons,
// strongest first. It does not apply the hard rules: see Check.
func (e *Engine) Score(v *Volunteer, n *Newcomer) (float64, []Reason) {
	d := dictionary{}
	d.add(v.Interests)
	d.add(n.Interests)
	var cv, cn compiled
	e.compileVolunteer(&cv, v, d)
	e.compileNewcomer(&cn, n, d)
	w := e.normWeights()
	p, lang := partsOf(&cv, &cn)
	return dot(&w, &p), e.reasons(v, n, &cv, &cn, &w, &p, lang)
}

func (e *Engine) reasons(v *Volunteer, n *Newcomer, cv, cn *compiled, w, p *parts, lang uint) []Reason {
	type weighed struct {
		r Reason
		c float64
	}
	var buf [10]weighed
	out := buf[:0]
	add := func(part int, r Reason) {
		if c := w[part] * p[part]; c > 0 {
			out = append(out, weighed{r, c})
		}
	}
	if p[0] > 0 {
		add(0, Reason{Code: ReasonBothSpeak, Value: registry.Languages[lang].Code})
	}
	add(1, Reason{Code: ReasonPractice, Value: e.local()})
	shared := 0
	for _, s := range n.Interests {
		if slices.Contains(v.Interests, s) && shared < 2 {
			add(2, Reason{Code: ReasonInterest, Value: s})
			shared++
		}
	}
	for _, need := range Needs {
		if slices.Contains(n.Needs, need) && slices.Contains(v.Offers, need) {
			add(3, Reason{Code: ReasonOffers, Value: string(need)})
			break
		}
	}
	if cv.hasXY && cn.hasXY {
		km := math.Round(DistanceKm(v.Coords, n.Coords)*10) / 10
		add(4, Reason{Code: ReasonDistance, Number: km})
	} else {
		add(4, Reason{Code: ReasonDistrict, Value: n.District})
	}
	if common := v.Availability & n.Availability; common != 0 {
		add(5, Reason{Code: ReasonBothFree, Value: common.First().String(), Number: float64(common.Count())})
	}
	switch {
	case cv.household == 2 && cn.household == 2:
		add(6, Reason{Code: ReasonFamilies})
	case cv.household == 0 && cn.household == 0:
		add(6, Reason{Code: ReasonPersons})
	}
	if p[7] == 1 {
		add(7, Reason{Code: ReasonSimilarAge})
	}
	slices.SortStableFunc(out, func(a, b weighed) int { return cmp.Compare(b.c, a.c) })
	rs := make([]Reason, 0, len(out))
	for _, o := range out {
		rs = append(rs, o.r)
	}
	if len(rs) == 0 {
		rs = append(rs, Reason{Code: ReasonNothingInCom})
	}
	return rs
}

// ---------------------------------------------------------------------------
// Many pairs

// Pool is everyone the engine may pair: the volunteers and newcomers
// waiting, and the excluded pairs. Volunteers with no place left and
// newcomers not waiting are skipped.
type Pool struct {
	Volunteers []*Volunteer
	Newcomers  []*Newcomer
	Excluded   []Exclusion
}

// Result is a batch run: the optimal assignment and each newcomer's ranked
// suggestions, from one score matrix.
type Result struct {
	// Pairs is the optimal assignment: maximum total score, capacities
	// respected, no hard rule broken, in newcomer order (longest waiting
	// first).
	Pairs []Suggestion `json:"pairs"`
	Total float64      `json:"total"`
	// Unpaired lists the waiting newcomers the assignment leaves without a
	// volunteer (no eligible volunteer with a place left), longest waiting
	// first.
	Unpaired []int64 `json:"unpaired"`
	// Suggestions are, per newcomer ID, the best eligible volunteers with
	// their reasons, highest score first (ties: longest waiting volunteer
	// first).
	Suggestions map[int64][]Suggestion `json:"suggestions,omitempty"`
	// Volunteers and Newcomers count the parties considered.
	Volunteers int `json:"volunteers"`
	Newcomers  int `json:"newcomers"`
}

type matrix struct {
	vols  []*Volunteer
	news  []*Newcomer
	score []float64 // newcomer-major: score[i*len(vols)+j], Forbidden where a hard rule breaks
	// The compiled profiles and weights the scores came from, for the
	// reasons of the pairs that are shown.
	cv, cn []compiled
	w      parts
	// top[i] are row i's best columns, best first (when asked for).
	top [][]int
}

// suggestion is pair (i, j) of the matrix with its score and reasons.
func (e *Engine) suggestion(m *matrix, i, j int) Suggestion {
	v, n := m.vols[j], m.news[i]
	p, lang := partsOf(&m.cv[j], &m.cn[i])
	return Suggestion{VolunteerID: v.ID, NewcomerID: n.ID, Score: m.score[i*len(m.vols)+j],
		Reasons: e.reasons(v, n, &m.cv[j], &m.cn[i], &m.w, &p, lang)}
}

// byWaiting orders parties longest waiting first, then by ID, so ties in the
// assignment go to whoever has waited longest.
func byWaiting[T any](list []T, since func(T) time.Time, id func(T) int64) {
	slices.SortStableFunc(list, func(a, b T) int {
		if c := since(a).Compare(since(b)); c != 0 {
			return c
		}
		return cmp.Compare(id(a), id(b))
	})
}

func (e *Engine) build(pool Pool, k int) *matrix {
	m := &matrix{}
	for _, v := range pool.Volunteers {
		if v.Spare() > 0 {
			m.vols = append(m.vols, v)
		}
	}
	for _, n := range pool.Newcomers {
		if n.IsWaiting() {
			m.news = append(m.news, n)
		}
	}
	byWaiting(m.vols, func(v *Volunteer) time.Time { return v.WaitingSince }, func(v *Volunteer) int64 { return v.ID })
	byWaiting(m.news, func(n *Newcomer) time.Time { return n.WaitingSince }, func(n *Newcomer) int64 { return n.ID })

	d := dictionary{}
	for _, v := range m.vols {
		d.add(v.Interests)
	}
	for _, n := range m.news {
		d.add(n.Interests)
	}
	cv := make([]compiled, len(m.vols))
	cn := make([]compiled, len(m.news))
	for j, v := range m.vols {
		e.compileVolunteer(&cv[j], v, d)
	}
	for i, n := range m.news {
		e.compileNewcomer(&cn[i], n, d)
	}
	vIndex := make(map[int64]int, len(m.vols))
	for j, v := range m.vols {
		vIndex[v.ID] = j
	}
	nIndex := make(map[int64]int, len(m.news))
	for i, n := range m.news {
		nIndex[n.ID] = i
	}
	excl := make([][]int, len(m.news))
	for _, x := range pool.Excluded {
		i, ok1 := nIndex[x.NewcomerID]
		j, ok2 := vIndex[x.VolunteerID]
		if ok1 && ok2 {
			excl[i] = append(excl[i], j)
		}
	}

	w := e.normWeights()
	m.cv, m.cn, m.w = cv, cn, w
	if k > 0 {
		m.top = make([][]int, len(m.news))
	}
	cols := len(m.vols)
	m.score = make([]float64, len(m.news)*cols)
	rowsOf := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			row := m.score[i*cols : (i+1)*cols]
			n := &cn[i]
			for j := range row {
				v := &cv[j]
				if !eligible(v, n) {
					row[j] = Forbidden
					continue
				}
				p, _ := partsOf(v, n)
				row[j] = dot(&w, &p)
			}
			for _, j := range excl[i] {
				row[j] = Forbidden
			}
			if k > 0 {
				m.top[i] = topK(row, k) // while the row is in cache
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8)
	if len(m.news)*cols < 50000 || workers < 2 {
		rowsOf(0, len(m.news))
		return m
	}
	var wg sync.WaitGroup
	chunk := (len(m.news) + workers - 1) / workers
	for lo := 0; lo < len(m.news); lo += chunk {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			rowsOf(lo, hi)
		}(lo, min(lo+chunk, len(m.news)))
	}
	wg.Wait()
	return m
}

// Run scores every waiting pair, finds the optimal assignment (Solve) and,
// when k > 0, each newcomer's k best suggestions. It returns ctx's error if
// the deadline passes first.
func (e *Engine) Run(ctx context.Context, pool Pool, k int) (*Result, error) {
	m := e.build(pool, k)
	cols := len(m.vols)
	caps := make([]int, cols)
	for j, v := range m.vols {
		caps[j] = v.Spare()
	}
	// The suggestions need only the scores: they are written beside the
	// solver, on the other core.
	var suggestions map[int64][]Suggestion
	done := make(chan struct{})
	go func() {
		defer close(done)
		if k <= 0 {
			return
		}
		suggestions = make(map[int64][]Suggestion, len(m.news))
		for i, n := range m.news {
			list := make([]Suggestion, 0, len(m.top[i]))
			for _, j := range m.top[i] {
				list = append(list, e.suggestion(m, i, j))
			}
			suggestions[n.ID] = list
		}
	}()
	a, err := Solve(ctx, AssignProblem{Rows: len(m.news), Cols: cols, W: m.score, Cap: caps})
	<-done
	if err != nil {
		return nil, err
	}
	res := &Result{Volunteers: cols, Newcomers: len(m.news), Total: a.Total, Suggestions: suggestions}
	for i, j := range a.Col {
		if j < 0 {
			res.Unpaired = append(res.Unpaired, m.news[i].ID)
			continue
		}
		res.Pairs = append(res.Pairs, e.suggestion(m, i, j))
	}
	return res, nil
}

// topK returns the indexes of the k highest non-forbidden scores, highest
// first, lower index first on ties.
func topK(row []float64, k int) []int {
	best := make([]int, 0, k+1)
	for j, s := range row {
		if s == Forbidden {
			continue
		}
		if len(best) == k && s <= row[best[k-1]] {
			continue
		}
		pos := len(best)
		for pos > 0 && row[best[pos-1]] < s {
			pos--
		}
		best = slices.Insert(best, pos, j)
		if len(best) > k {
			best = best[:k]
		}
	}
	return best
}

// SuggestForNewcomer ranks the volunteers for one newcomer: eligible ones
// only, highest score first, at most k, each with its reasons.
func (e *Engine) SuggestForNewcomer(n *Newcomer, pool Pool, k int) []Suggestion {
	var out []Suggestion
	excluded := map[int64]bool{}
	for _, x := range pool.Excluded {
		if x.NewcomerID == n.ID {
			excluded[x.VolunteerID] = true
		}
	}
	vols := slices.Clone(pool.Volunteers)
	byWaiting(vols, func(v *Volunteer) time.Time { return v.WaitingSince }, func(v *Volunteer) int64 { return v.ID })
	for _, v := range vols {
		if e.Check(v, n, excluded[v.ID]) != RuleNone {
			continue
		}
		s, rs := e.Score(v, n)
		out = append(out, Suggestion{VolunteerID: v.ID, NewcomerID: n.ID, Score: s, Reasons: rs})
	}
	return rank(out, k)
}

// SuggestForVolunteer ranks the waiting newcomers for one volunteer, as
// SuggestForNewcomer does.
func (e *Engine) SuggestForVolunteer(v *Volunteer, pool Pool, k int) []Suggestion {
	var out []Suggestion
	excluded := map[int64]bool{}
	for _, x := range pool.Excluded {
		if x.VolunteerID == v.ID {
			excluded[x.NewcomerID] = true
		}
	}
	news := slices.Clone(pool.Newcomers)
	byWaiting(news, func(n *Newcomer) time.Time { return n.WaitingSince }, func(n *Newcomer) int64 { return n.ID })
	for _, n := range news {
		if !n.IsWaiting() || e.Check(v, n, excluded[n.ID]) != RuleNone {
			continue
		}
		s, rs := e.Score(v, n)
		out = append(out, Suggestion{VolunteerID: v.ID, NewcomerID: n.ID, Score: s, Reasons: rs})
	}
	return rank(out, k)
}

// rank sorts by score, keeping the waiting order on ties, and cuts to k.
func rank(s []Suggestion, k int) []Suggestion {
	slices.SortStableFunc(s, func(a, b Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	if k > 0 && len(s) > k {
		s = s[:k]
	}
	return s
}
