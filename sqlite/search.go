package sqlite

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"broen/registry"
)

// The search index holds folded, pre-tokenized text; see the activity_search
// table in the first migration for its columns.

const (
	// maxQueryTerms caps how many words of a query are searched for.
	maxQueryTerms = 8
	// subMinWord is the shortest title word whose inner parts are indexed,
	// subMinLen the shortest inner part: "fotballtrening" is indexed with
	// "balltrening", "trening", "ening"… so "trening" finds it.
	subMinWord = 6
	subMinLen  = 4
	// maxAgeToken is the highest age with its own facet token; older ages
	// are searched as this one.
	maxAgeToken = 100
	// DefaultRankLimit is the most matches that are ordered by full relevance
	// (bm25) or by title. Larger result sets are ordered by a cheap tier —
	// title matches first, then newest — so a broad word stays fast.
	DefaultRankLimit = 1000
)

// tokens folds s and splits it into the words the index holds: runs of
// letters, digits and private-use characters, as FTS5's unicode61 tokenizer
// splits them.
func tokens(s string) []string {
	return strings.FieldsFunc(registry.Fold(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r))
	})
}

// subwords returns the inner parts of long words, for matching inside
// compound words.
func subwords(words []string) []string {
	var out []string
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if n < subMinWord {
			continue
		}
		rs := []rune(w)
		for i := 2; n-i >= subMinLen; i++ {
			out = append(out, string(rs[i:]))
		}
	}
	return out
}

// searchDoc is the row of activity_search for one public activity.
type searchDoc struct {
	title, sub, body, facets string
}

func buildSearchDoc(a *registry.Activity) searchDoc {
	var titleWords []string
	for _, lang := range a.Title.Languages() {
		titleWords = append(titleWords, tokens(a.Title[lang])...)
	}
	var body []string
	for _, lang := range a.Description.Languages() {
		body = append(body, tokens(a.Description[lang])...)
	}
	body = append(body, tokens(a.OrganisationName)...)
	body = append(body, tokens(a.Location.Name)...)
	body = append(body, tokens(a.Location.District)...)

	facets := []string{"cat" + string(a.Category), "org" + strconv.FormatInt(a.OrganisationID, 10)}
	if a.Stage != "" {
		facets = append(facets, "stage"+string(a.Stage))
	}
	if d := registry.DistrictCode(a.Location.District); d != "" {
		facets = append(facets, "dist"+d)
	}
	for _, l := range a.Languages {
		facets = append(facets, "lang"+l)
	}
	if a.Cost.Kind == registry.CostFree {
		facets = append(facets, "free")
	}
	if a.Cost.LeisureCard {
		facets = append(facets, "lcard")
	}
	seen := map[int]bool{}
	for _, s := range a.Schedules {
		for _, d := range s.Weekdays() {
			if !seen[int(d)] {
				seen[int(d)] = true
				facets = append(facets, "wd"+strconv.Itoa(int(d)))
			}
		}
	}
	facets = append(facets, ageTokens(a.AgeMin, a.AgeMax)...)
	for i, f := range facets {
		facets[i] = facetToken(f)
	}
	return searchDoc{
		title:  strings.Join(titleWords, " "),
		sub:    strings.Join(subwords(titleWords), " "),
		body:   strings.Join(body, " "),
		facets: strings.Join(facets, " "),
	}
}

// ageTokens lists a facet token for every age in the range, or "ageall" for
// an activity open to all ages.
func ageTokens(lo, hi int) []string {
	if lo <= 0 && hi <= 0 {
		return []string{"ageall"}
	}
	if hi <= 0 || hi > maxAgeToken {
		hi = maxAgeToken
	}
	lo = max(lo, 0)
	out := make([]string, 0, hi-lo+1)
	for y := lo; y <= hi; y++ {
		out = append(out, "age"+strconv.Itoa(y))
	}
	return out
}

// matchExpr is an FTS5 query built from a filter: the words a person typed
// and the facet constraints, kept apart so the tiers can be built from them.
type matchExpr struct {
	terms  []string // each already folded and tokenized
	facets []string // complete FTS5 sub-expressions
}

func (m matchExpr) empty() bool { return len(m.terms) == 0 && len(m.facets) == 0 }

func (m matchExpr) termsIn(cols string) []string {
	out := make([]string, len(m.terms))
	for i, t := range m.terms {
		out[i] = cols + ` : "` + t + `"*`
	}
	return out
}

// all matches the words anywhere (title, inner parts of title words,
// description) and every facet.
func (m matchExpr) all() string {
	return strings.Join(append(m.termsIn("{title sub body}"), m.facets...), " AND ")
}

// inTitle matches only activities whose title holds every word.
func (m matchExpr) inTitle() string {
	return strings.Join(append(m.termsIn("{title sub}"), m.facets...), " AND ")
}

// facet is the FTS5 expression for one facet token. Codes like
// "homework_help" lose their underscore, which the tokenizer would split on.
func facet(tok string) string { return `facets : "` + facetToken(tok) + `"` }

func facetToken(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return -1
	}, s)
}

func buildMatch(f registry.ActivityFilter) matchExpr {
	var m matchExpr
	if f.Query != nil {
		m.terms = tokens(*f.Query)
		if len(m.terms) > maxQueryTerms {
			m.terms = m.terms[:maxQueryTerms]
		}
	}
	if f.Category != nil {
		m.facets = append(m.facets, facet("cat"+string(*f.Category)))
	}
	if f.Language != nil {
		m.facets = append(m.facets, facet("lang"+*f.Language))
	}
	if f.Weekday != nil {
		m.facets = append(m.facets, facet("wd"+strconv.Itoa(int(*f.Weekday))))
	}
	if f.District != nil {
		m.facets = append(m.facets, facet("dist"+registry.DistrictCode(*f.District)))
	}
	if f.Age != nil {
		age := min(max(*f.Age, 0), maxAgeToken)
		m.facets = append(m.facets, "("+facet("age"+strconv.Itoa(age))+" OR "+facet("ageall")+")")
	}
	if f.FreeOnly {
		m.facets = append(m.facets, facet("free"))
	}
	if f.OrganisationID != nil {
		m.facets = append(m.facets, facet("org"+strconv.FormatInt(*f.OrganisationID, 10)))
	}
	return m
}
