package registry

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and folds it to the plain letters a person without a
// Nordic keyboard would type: å→a, ä→a, ö→o, ø→o, æ→ae, é→e. Search and
// district codes compare folded text, so "sprakkafe" finds "Språkkafé".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ø':
			b.WriteRune('o')
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// DistrictCode returns the stable code of a district name: folded, with
// anything but letters and digits removed ("Strømsø" → "stromso").
func DistrictCode(name string) string {
	var b strings.Builder
	for _, r := range Fold(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
