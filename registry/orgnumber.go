package registry

import (
	"strings"
	"unicode"
)

// NormalizeOrgNumber returns s with the separators people type removed:
// spaces (also non-breaking), dashes and dots, so "974 760 673",
// "802482-1889" and "10.15.08.17" become digits only. A leading VAT-style
// country prefix (NO, DK, SE) and a trailing Norwegian "MVA" are dropped too,
// so "NO 974 760 673 MVA" normalises to "974760673". Anything else is kept,
// for ValidOrgNumber to reject.
func NormalizeOrgNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '-' || r == '.' || r == '\u2010' || r == '\u2011' || r == '\u2013' {
			continue
		}
		b.WriteRune(r)
	}
	out := strings.ToUpper(b.String())
	core := strings.TrimSuffix(out, "MVA")
	for _, p := range []string{"NO", "DK", "SE"} {
		if strings.HasPrefix(core, p) {
			core = core[len(p):]
			break
		}
	}
	// The decorations come off only around a number; anything else is
	// kept as typed (cleaned of separators) for validation to reject, so
	// normalizing twice changes nothing.
	if core == "" || strings.TrimFunc(core, func(r rune) bool { return r >= '0' && r <= '9' }) != "" {
		return out
	}
	return core
}

// ValidOrgNumber reports whether digits is a valid organisation number for
// country, written digits only (see NormalizeOrgNumber):
//
//   - NO: 9 digits, mod 11 check digit with weights 3,2,7,6,5,4,3,2;
//   - DK: CVR, 8 digits whose weighted sum (2,7,6,5,4,3,2,1) is divisible by 11;
//   - SE: organisationsnummer, 10 digits, Luhn check digit, third digit ≥ 2
//     (which tells it from a personnummer).
//
// Any other country gives false.
func ValidOrgNumber(country, digits string) bool {
	d, ok := orgDigits(digits)
	if !ok {
		return false
	}
	switch country {
	case "NO":
		if len(d) != 9 {
			return false
		}
		w := []int{3, 2, 7, 6, 5, 4, 3, 2}
		sum := 0
		for i, x := range w {
			sum += x * d[i]
		}
		check := 11 - sum%11
		if check == 11 {
			check = 0
		}
		return check != 10 && check == d[8]
	case "DK":
		if len(d) != 8 {
			return false
		}
		w := []int{2, 7, 6, 5, 4, 3, 2, 1}
		sum := 0
		for i, x := range w {
			sum += x * d[i]
		}
		return sum%11 == 0
	case "SE":
		if len(d) != 10 || d[2] < 2 {
			return false
		}
		return luhn(d)
	}
	return false
}

// orgDigits returns the ASCII digits of s, or false if s has anything else.
func orgDigits(s string) ([]int, bool) {
	if s == "" {
		return nil, false
	}
	d := make([]int, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return nil, false
		}
		d = append(d, int(c-'0'))
	}
	return d, true
}

// luhn reports whether the digits, the last being the check digit, pass the
// Luhn (mod 10) check.
func luhn(d []int) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		x := d[i]
		if double {
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
		double = !double
	}
	return sum%10 == 0
}
