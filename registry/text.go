package registry

import "sort"

// Text is content written by people in one or more languages, keyed by
// language code: the five interface locales (nb, nn, da, sv, en) or any ISO
// 639 code an organisation writes in (ar, uk, ti, so, prs, ...).
type Text map[string]string

// fallbackChain lists, for a reader's locale, the languages to try after the
// reader's own, best first. A Norwegian reader understands Danish and Swedish
// better than English; the others likewise.
var fallbackChain = map[string][]string{
	"nb": {"nn", "da", "sv", "en"},
	"nn": {"nb", "da", "sv", "en"},
	"da": {"nb", "nn", "sv", "en"},
	"sv": {"nb", "da", "nn", "en"},
	"en": {"nb", "sv", "da", "nn"},
}

// Pick returns the text in the reader's language if it was given, else the
// best fallback, and the language it chose. It returns ("", "") for an empty
// Text. The choice is deterministic.
func (t Text) Pick(locale string) (lang, value string) {
	if v := t[locale]; v != "" {
		return locale, v
	}
	for _, l := range fallbackChain[locale] {
		if v := t[l]; v != "" {
			return l, v
		}
	}
	for _, l := range t.Languages() {
		if t[l] != "" {
			return l, t[l]
		}
	}
	return "", ""
}

// Languages returns the languages with non-empty text, sorted.
func (t Text) Languages() []string {
	out := make([]string, 0, len(t))
	for l, v := range t {
		if v != "" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// Empty reports whether no language has any text.
func (t Text) Empty() bool {
	for _, v := range t {
		if v != "" {
			return false
		}
	}
	return true
}
