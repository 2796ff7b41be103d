package sqlite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"broen/registry"
)

// The FTS5 table activity_search holds folded, pre-tokenized text; see the
// first migration for its columns.

const (
	// maxQueryTerms caps how many words of a query are searched for.
	maxQueryTerms = 8
	// subMinWord is the shortest title word whose inner parts are indexed,
	// subMinLen the shortest inner part: "fotballtrening" is indexed with
	// "balltrening", "trening", "ening"… so "trening" finds it.
	subMinWord = 6
	subMinLen  = 4
	// DefaultRankLimit is the most text matches that are ordered by
	// relevance (bm25). Larger result sets are ordered by title matches
	// first, then the rest, each alphabetically, so a broad word stays fast.
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
	title, sub, body string
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
	return searchDoc{
		title: strings.Join(titleWords, " "),
		sub:   strings.Join(subwords(titleWords), " "),
		body:  strings.Join(body, " "),
	}
}

// queryTerms turns what a person typed into the words to search for. Lone
// letters are dropped when there are longer words ("a", "i" in a sentence
// narrow nothing and would cost a scan of every word); a query of only one
// letter keeps it.
func queryTerms(q string) []string {
	all := tokens(q)
	var t []string
	for _, w := range all {
		if utf8.RuneCountInString(w) > 1 {
			t = append(t, w)
		}
	}
	if len(t) == 0 && len(all) > 0 {
		t = all[:1]
	}
	if len(t) > maxQueryTerms {
		t = t[:maxQueryTerms]
	}
	return t
}

// matchIn is the FTS5 expression matching every term as a word prefix in
// the given columns. Terms are folded letters and digits only, so quoting
// them makes any FTS5 syntax a person types plain text.
func matchIn(cols string, terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = cols + ` : "` + t + `"*`
	}
	return strings.Join(parts, " AND ")
}
