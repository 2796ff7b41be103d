package locales

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

var matcher = func() language.Matcher {
	tags := make([]language.Tag, len(Supported))
	for i, s := range Supported {
		tags[i] = language.MustParse(s)
	}
	return language.NewMatcher(tags)
}()

// matchable is Supported as it was when matcher was built.
var matchable = slices.Clone(Supported)

// Match returns the interface language that best serves an Accept-Language
// header ("nb-NO,nb;q=0.9,en;q=0.5"), or "" when none of them is a reasonable
// match (German, an empty or malformed header); the caller then uses Default.
// "no" and "nb" give nb; closely related languages may match too (Faroese
// readers get Danish).
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ""
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return ""
	}
	return matchable[i]
}

// Normalize turns a ?lang= or cookie value into one of Supported. It is case
// insensitive, ignores a region ("nb-NO", "sv_SE") and reads "no" as nb. It
// reports false for anything else.
func Normalize(tag string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if s == "no" {
		s = "nb"
	}
	if slices.Contains(Supported, s) {
		return s, true
	}
	return "", false
}
