package registry

import (
	"strings"
	"unicode"
)

// NormalizePostcode returns the postcode s in the form it is stored in for
// country: "0150" (NO), "1050" (DK), "111 22" (SE). It removes spaces and a
// country prefix people copy from letters ("N-0150", "DK-1050",
// "SE-111 22", "S-11122"). What cannot be normalised is returned trimmed,
// for ValidPostcode to reject.
func NormalizePostcode(country, s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	compact := strings.ToUpper(b.String())
	if i := strings.IndexByte(compact, '-'); i > 0 {
		switch p := compact[:i]; {
		case country == "NO" && (p == "NO" || p == "N"),
			country == "DK" && p == "DK",
			country == "SE" && (p == "SE" || p == "S"):
			compact = compact[i+1:]
		}
	}
	if !allDigits(compact) {
		return s
	}
	if country == "SE" && len(compact) == 5 {
		return compact[:3] + " " + compact[3:]
	}
	return compact
}

// ValidPostcode reports whether s is a postcode as written in country:
// NO four digits ("0150"); DK four digits 1000–9990 ("1050"); SE five digits
// not starting with 0, as "111 22" or "11122". Any other country gives false.
func ValidPostcode(country, s string) bool {
	switch country {
	case "NO":
		return len(s) == 4 && allDigits(s)
	case "DK":
		return len(s) == 4 && allDigits(s) && s[0] != '0' && s <= "9990"
	case "SE":
		if len(s) == 6 && s[3] == ' ' {
			s = s[:3] + s[4:]
		}
		return len(s) == 5 && allDigits(s) && s[0] != '0'
	}
	return false
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
