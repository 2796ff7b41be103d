package registry

// Fuzz tests for the registry's parsers and normalisers. Each checks
// properties, not just the absence of panics. Run one for a while with
//
//	go test -tags sqlite_fts5 -run '^$' -fuzz '^FuzzSchedule$' -fuzztime 30s ./registry/
//
// Plain `go test` runs the f.Add seeds and testdata/fuzz/<FuzzName>/.

import (
	"flag"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"broen"
)

// fzFuzzing reports whether the test binary runs with -test.fuzz, so a limit
// on the time one input may take applies only while fuzzing, never in an
// ordinary test run.
func fzFuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// fzBounded runs fn and, while fuzzing, fails if it takes longer than limit:
// a sign the work is not bounded. Ordinary runs only call fn.
func fzBounded(t *testing.T, what string, limit time.Duration, fn func()) {
	t.Helper()
	start := time.Now()
	fn()
	if d := time.Since(start); fzFuzzing() && d > limit {
		t.Errorf("%s took %v (limit %v): work not bounded?", what, d, limit)
	}
}

// ---------------------------------------------------------------------------
// Organisation numbers

// fzOrgLen is the length of an organisation number per country.
var fzOrgLen = map[string]int{"NO": 9, "DK": 8, "SE": 10}

// fzMod11 returns the weighted sum of d with weights w, mod 11.
func fzMod11(d []int, w []int) int {
	sum := 0
	for i := range w {
		sum += d[i] * w[i]
	}
	return sum % 11
}

var (
	fzWeightsNO = []int{3, 2, 7, 6, 5, 4, 3, 2}
	fzWeightsDK = []int{2, 7, 6, 5, 4, 3, 2, 1}
)

// fzLuhnCheck returns the Luhn check digit for the payload d.
func fzLuhnCheck(d []int) int {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		x := d[i]
		if (len(d)-1-i)%2 == 0 { // doubled: every second digit from the right of the payload
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return (10 - sum%10) % 10
}

// fzRefValidOrg is an independent reading of the rules ValidOrgNumber
// documents, for a differential check.
func fzRefValidOrg(country, s string) bool {
	n, ok := fzOrgLen[country]
	if !ok || len(s) != n {
		return false
	}
	d := make([]int, n)
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		d[i] = int(s[i] - '0')
	}
	switch country {
	case "NO":
		c := (11 - fzMod11(d[:8], fzWeightsNO)) % 11
		return c != 10 && c == d[8]
	case "DK":
		return fzMod11(d, fzWeightsDK) == 0
	default: // SE
		return d[2] >= 2 && fzLuhnCheck(d[:9]) == d[9]
	}
}

// fzMakeOrg builds a valid number for country from the bytes of seed (each
// byte a digit), or "" when the mod 11 check digit would be 10.
func fzMakeOrg(country, seed string) string {
	n := fzOrgLen[country]
	d := make([]int, n)
	for i := 0; i < n-1; i++ {
		if i < len(seed) {
			d[i] = int(seed[i]) % 10
		}
	}
	switch country {
	case "NO":
		c := (11 - fzMod11(d[:8], fzWeightsNO)) % 11
		if c == 10 {
			return ""
		}
		d[8] = c
	case "DK":
		// Weight of the last digit is 1: pick it so the sum is 0 mod 11.
		c := (11 - fzMod11(d[:7], fzWeightsDK[:7])) % 11
		if c == 10 {
			return ""
		}
		d[7] = c
	case "SE":
		d[2] = 2 + d[2]%8
		d[9] = fzLuhnCheck(d[:9])
	}
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// fzOrgSeparators are what NormalizeOrgNumber drops between digits.
var fzOrgSeparators = []string{" ", "-", ".", "\u00a0", "\u2010", "\u2011", "\u2013", "\t", "  "}

// fzOrgVariants writes the valid number n for country the ways people type
// it; every one must normalise back to n. mix chooses where separators go.
func fzOrgVariants(country, n, mix string) []string {
	out := []string{n, " " + n + " ", strings.ToLower(country) + n, country + " " + n, country + "-" + n}
	switch country {
	case "NO":
		g := n[:3] + " " + n[3:6] + " " + n[6:]
		out = append(out, g, "NO "+g+" MVA", "NO"+n+"MVA", "no "+g+" mva", n+" MVA", n[:3]+"."+n[3:6]+"."+n[6:])
	case "DK":
		out = append(out, n[:2]+" "+n[2:4]+" "+n[4:6]+" "+n[6:], "DK-"+n[:2]+"."+n[2:4]+"."+n[4:6]+"."+n[6:])
	case "SE":
		out = append(out, n[:6]+"-"+n[6:], "SE "+n[:6]+"-"+n[6:], n[:6]+"\u2013"+n[6:])
	}
	// Separators after the digits mix picks.
	var b strings.Builder
	for i := 0; i < len(n); i++ {
		b.WriteByte(n[i])
		if i < len(mix) && i < len(n)-1 && mix[i]&1 == 1 {
			b.WriteString(fzOrgSeparators[int(mix[i]>>1)%len(fzOrgSeparators)])
		}
	}
	return append(out, b.String())
}

// fzCountries returns country and, when it is not one Broen knows (the
// fuzzer soon mutates it into noise), also a known one chosen by its
// length, so the country-specific paths keep being exercised.
func fzCountries(country string) []string {
	switch country {
	case "NO", "DK", "SE":
		return []string{country}
	}
	return []string{country, []string{"NO", "DK", "SE"}[len(country)%3]}
}

func FuzzOrgNumber(f *testing.F) {
	for _, s := range []struct{ country, s string }{
		{"NO", "974760673"},
		{"NO", "974 760 673"},
		{"NO", "NO 974 760 673 MVA"},
		{"NO", "no974760673mva"},
		{"NO", "974\u00a0760\u00a0673"},
		{"NO", "974‐760‐673"},
		{"NO", "974760674"},      // check digit off by one
		{"NO", "974706673"},      // two digits swapped
		{"NO", "000000000"},      // check digit 0
		{"NO", "323456780"},      // sum ≡ 1 mod 11: no check digit possible
		{"DK", "10150817"},       // CVR
		{"DK", "DK-10.15.08.17"}, // with prefix and dots
		{"DK", "10150818"},       //
		{"SE", "802482-1889"},    // organisationsnummer
		{"SE", "SE 556036-0793"}, //
		{"SE", "811218-9876"},    // personnummer: third digit < 2
		{"SE", "19802482-1889"},  // with century
		{"NO", ""},               //
		{"", "974760673"},        // no country
		{"XX", "974760673"},      // unknown country
		{"no", "974760673"},      // country in lower case
		{"NO", "99999999999999999999999999999999"},
		{"NO", "\xff\xfe974760673"},
		{"SE", "８０２４８２-１８８９"}, // full-width digits
		{"NO", "MVA"},
		{"DK", "NO"},
	} {
		f.Add(s.country, s.s)
	}
	f.Fuzz(func(t *testing.T, country, s string) {
		for _, country := range fzCountries(country) {
			fzCheckOrgNumber(t, country, s)
		}

		// Valid numbers built from the input, for each country: every
		// formatted variant normalises back, and a single-digit error or
		// (mod 11) a swap of neighbours is caught.
		for _, c := range []string{"NO", "DK", "SE"} {
			num := fzMakeOrg(c, s)
			if num == "" {
				continue
			}
			if !ValidOrgNumber(c, num) {
				t.Fatalf("ValidOrgNumber(%q, %q) = false for a number built valid", c, num)
			}
			for _, v := range fzOrgVariants(c, num, s) {
				if got := NormalizeOrgNumber(v); got != num || !ValidOrgNumber(c, got) {
					t.Errorf("NormalizeOrgNumber(%q) = %q, want %q (valid for %s)", v, got, num, c)
				}
			}
			b := []byte(num)
			for i := range b {
				orig := b[i]
				for delta := byte(1); delta <= 9; delta++ {
					b[i] = '0' + (orig-'0'+delta)%10
					if ValidOrgNumber(c, string(b)) {
						t.Errorf("%s: %q valid, %q (digit %d changed) valid too", c, num, b, i)
					}
				}
				b[i] = orig
			}
			if c == "SE" {
				continue // Luhn misses 09 ↔ 90
			}
			for i := 0; i+1 < len(b); i++ {
				if b[i] == b[i+1] {
					continue
				}
				b[i], b[i+1] = b[i+1], b[i]
				if ValidOrgNumber(c, string(b)) {
					t.Errorf("%s: %q valid, %q (digits %d,%d swapped) valid too", c, num, b, i, i+1)
				}
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
	})
}

// fzCheckOrgNumber checks NormalizeOrgNumber and ValidOrgNumber on s.
func fzCheckOrgNumber(t *testing.T, country, s string) {
	t.Helper()
	n := NormalizeOrgNumber(s)
	valid := ValidOrgNumber(country, s)

	// Idempotent: a stored number normalises to itself.
	if nn := NormalizeOrgNumber(n); nn != n {
		t.Errorf("NormalizeOrgNumber not idempotent: %q → %q → %q", s, n, nn)
	}
	// Agrees with an independent reading of the documented rules.
	if ref := fzRefValidOrg(country, s); valid != ref {
		t.Errorf("ValidOrgNumber(%q, %q) = %v, reference says %v", country, s, valid, ref)
	}
	if valid {
		if want, ok := fzOrgLen[country]; !ok || len(s) != want || !allDigits(s) {
			t.Errorf("ValidOrgNumber(%q, %q): valid but not %d digits", country, s, want)
		}
		if n != s {
			t.Errorf("valid number %q normalises to %q", s, n)
		}
	}
	if ValidOrgNumber(country, n) && (!allDigits(n) || len(n) != fzOrgLen[country]) {
		t.Errorf("normalised %q valid for %q but not all digits of the right length", n, country)
	}
}

// ---------------------------------------------------------------------------
// Postcodes

// fzPostcodeRE is the stored form of a postcode per country.
var fzPostcodeRE = map[string]*regexp.Regexp{
	"NO": regexp.MustCompile(`^[0-9]{4}$`),
	"DK": regexp.MustCompile(`^[1-9][0-9]{3}$`),
	"SE": regexp.MustCompile(`^[1-9][0-9]{2} [0-9]{2}$`),
}

// fzMakePostcode builds a valid stored postcode for country from seed.
func fzMakePostcode(country, seed string) string {
	d := make([]byte, 5)
	for i := range d {
		if i < len(seed) {
			d[i] = '0' + seed[i]%10
		} else {
			d[i] = '0' + byte(i+1)
		}
	}
	switch country {
	case "NO":
		return string(d[:4])
	case "DK":
		d[0] = '1' + d[0]%9
		if string(d[:4]) > "9990" {
			return "9990"
		}
		return string(d[:4])
	default: // SE
		d[0] = '1' + d[0]%9
		return string(d[:3]) + " " + string(d[3:])
	}
}

func FuzzPostcode(f *testing.F) {
	for _, s := range []struct{ country, s string }{
		{"NO", "0150"}, {"NO", " 0150 "}, {"NO", "N-0150"}, {"NO", "NO-0150"}, {"NO", "n-0150"},
		{"NO", "01 50"}, {"NO", "150"}, {"NO", "01500"}, {"NO", "N-"}, {"NO", "-0150"},
		{"DK", "1050"}, {"DK", "DK-1050"}, {"DK", "0999"}, {"DK", "9990"}, {"DK", "9991"},
		{"SE", "111 22"}, {"SE", "11122"}, {"SE", "S-111 22"}, {"SE", "SE-11122"}, {"SE", "011 22"},
		{"SE", "111\u00a022"}, {"SE", "1112"},
		{"", "0150"}, {"XX", "0150"}, {"se", "111 22"},
		{"NO", ""}, {"NO", "\xff0150"}, {"NO", "０１５０"}, {"NO", "N-N-0150"},
	} {
		f.Add(s.country, s.s)
	}
	f.Fuzz(func(t *testing.T, country, s string) {
		for _, country := range fzCountries(country) {
			n := NormalizePostcode(country, s)
			if nn := NormalizePostcode(country, n); nn != n {
				t.Errorf("NormalizePostcode(%q) not idempotent: %q → %q → %q", country, s, n, nn)
			}
			if ValidPostcode(country, n) {
				re := fzPostcodeRE[country]
				if re == nil || !re.MatchString(n) || (country == "DK" && n > "9990") {
					t.Errorf("NormalizePostcode(%q, %q) = %q: valid but not in the stored form", country, s, n)
				}
			}
			if ValidPostcode(country, s) && !ValidPostcode(country, n) {
				t.Errorf("%q valid for %q but its normalised form %q is not", s, country, n)
			}
		}
		for _, c := range []string{"NO", "DK", "SE"} {
			want := fzMakePostcode(c, s)
			if !ValidPostcode(c, want) {
				t.Fatalf("ValidPostcode(%q, %q) = false for a code built valid", c, want)
			}
			compact := strings.ReplaceAll(want, " ", "")
			variants := []string{want, compact, " " + want + "\t", c + "-" + want, strings.ToLower(c) + "-" + compact,
				c[:1] + "-" + want, c + " - " + compact}
			if c == "DK" {
				variants = variants[:len(variants)-2] // "D-": not a Danish prefix
				variants = append(variants, "DK - "+compact)
			}
			if c == "SE" {
				variants = append(variants, compact[:3]+"\u00a0"+compact[3:], "S-"+compact)
			}
			for _, v := range variants {
				if got := NormalizePostcode(c, v); got != want {
					t.Errorf("NormalizePostcode(%q, %q) = %q, want %q", c, v, got, want)
				}
			}
		}
	})
}

// ---------------------------------------------------------------------------
// Phone numbers and web addresses

var fzE164RE = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

func FuzzPhone(f *testing.F) {
	for _, s := range []struct{ country, s string }{
		{"NO", "912 34 567"}, {"NO", "+47 912 34 567"}, {"NO", "0047 91234567"}, {"NO", "22 12 34 56"},
		{"DK", "32 12 34 56"}, {"DK", "+45 32123456"}, {"SE", "08-123 456 78"}, {"SE", "070-123 45 67"},
		{"", "+4791234567"}, {"", "004791234567"}, {"", "91234567"}, {"", "+1 650 253 0000"},
		{"NO", "1-800-FLOWERS"}, {"NO", ""}, {"NO", "+"}, {"NO", "00"}, {"NO", "+47 912 34 567 ext. 12"},
		{"no", "91234567"}, {"XX", "+4791234567"}, {"NO", "+999999999999999999999999"},
		{"NO", "\xff91234567"}, {"NO", "９１２３４５６７"}, {"NO", "+47 (0) 912 34 567"},
	} {
		f.Add(s.country, s.s)
	}
	f.Fuzz(func(t *testing.T, country, s string) {
		for _, country := range append(fzCountries(country), "") {
			fzCheckPhone(t, country, s)
		}
	})
}

// fzCheckPhone checks NormalizePhone(country, s).
func fzCheckPhone(t *testing.T, country, s string) {
	t.Helper()
	out, err := NormalizePhone(country, s)
	if err != nil {
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.MessageID != msgPhone {
			t.Errorf("NormalizePhone(%q, %q) error %v: want EINVALID %s", country, s, err, msgPhone)
		}
		return
	}
	if !fzE164RE.MatchString(out) {
		t.Errorf("NormalizePhone(%q, %q) = %q: not E.164", country, s, out)
	}
	if again, err := NormalizePhone(country, out); err != nil || again != out {
		t.Errorf("NormalizePhone(%q, %q) = %q, again = %q, %v: not idempotent", country, s, out, again, err)
	}
	// Validate checks the stored form without a country.
	if !validE164(out) {
		t.Errorf("NormalizePhone(%q, %q) = %q, which validE164 rejects", country, s, out)
	}
	// The form shows the number formatted; posted back it must give
	// the same number.
	formatted := FormatPhone(out)
	if back, err := NormalizePhone(country, formatted); err != nil || back != out {
		t.Errorf("NormalizePhone(%q, FormatPhone(%q) = %q) = %q, %v", country, out, formatted, back, err)
	}
}

// fzQ quotes s for a message, shortened when long.
func fzQ(s string) string {
	if len(s) > 80 {
		head, tail := 40, len(s)-20
		for head > 0 && !utf8.RuneStart(s[head]) {
			head--
		}
		for tail < len(s) && !utf8.RuneStart(s[tail]) {
			tail++
		}
		return strconv.Quote(s[:head]) + "…" + strconv.Quote(s[tail:]) + " (" + strconv.Itoa(len(s)) + " bytes)"
	}
	return strconv.Quote(s)
}

func FuzzURL(f *testing.F) {
	for _, s := range []string{
		"www.example.no", "https://www.example.no", "HTTP://Example.NO/Path?q=1#top", "example.no/blåbær?x=æ",
		"https://blåbær.no", "http://example.no:8080/", "https://example.no:", "https://user:pw@example.no",
		"javascript:alert(1)", "ftp://example.no", "//example.no", "localhost", "https://example..no",
		"https://-example.no", "example.no/a b", "example.no/%zz", "https://example.no/%2F?%zz#%41",
		"", " ", "\xff.no", "https://ex%41mple.no", "https://[::1]/", "https://example.no?", "https://example.no#",
		"xn--blbr-roa0a.no", "https://example.no/" + strings.Repeat("a", 1990), "https://EXAMPLE.no/Ä#Ø",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := NormalizeURL(s)
		if err != nil {
			if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.MessageID != msgURL {
				t.Errorf("NormalizeURL(%s) error %v: want EINVALID %s", fzQ(s), err, msgURL)
			}
			return
		}
		if !strings.HasPrefix(out, "https://") && !strings.HasPrefix(out, "http://") {
			t.Errorf("NormalizeURL(%s) = %s: not http(s)", fzQ(s), fzQ(out))
		}
		if !utf8.ValidString(out) || strings.ContainsAny(out, " \t\r\n") {
			t.Errorf("NormalizeURL(%s) = %s: invalid UTF-8 or space", fzQ(s), fzQ(out))
		}
		// Documented: NormalizeURL is idempotent; Validate (validURL)
		// accepts exactly the fixed points.
		again, err := NormalizeURL(out)
		if err != nil || again != out {
			t.Errorf("NormalizeURL not idempotent: %s → %s → %s, %v", fzQ(s), fzQ(out), fzQ(again), err)
		}
		if !validURL(out) {
			t.Errorf("NormalizeURL(%s) = %s, which validURL (Validate) rejects", fzQ(s), fzQ(out))
		}
	})
}

// ---------------------------------------------------------------------------
// Schedules

func FuzzSchedule(f *testing.F) {
	type seed struct {
		kind, zone, rule, startDate, endDate, startTime, endTime, except string
		from                                                             int64
	}
	from := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC).Unix()
	for _, s := range []seed{
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;BYDAY=TU", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "2026-08-18", "2026-12-17", "17:00", "19:00", "2026-09-01,2026-10-13", from},
		{"recurring", "Europe/Stockholm", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30", "", "10:00", "12:00", "", from},
		{"recurring", "Europe/Copenhagen", "FREQ=MONTHLY;BYDAY=1SA", "2026-09-05", "2027-06-05", "11:00", "13:00", "", 0},
		{"recurring", "Europe/Oslo", "FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31", "", "09:00", "10:00", "", from},
		{"recurring", "Europe/Oslo", "FREQ=MONTHLY", "2026-01-31", "", "09:00", "10:00", "", from},
		{"recurring", "Europe/Oslo", "FREQ=DAILY;BYDAY=MO,WE,FR;COUNT=7", "2026-03-23", "", "02:30", "03:15", "", 0},
		{"recurring", "Europe/Oslo", "FREQ=DAILY", "2026-03-27", "2026-03-31", "02:30", "03:15", "2026-03-30", 0},
		{"recurring", "Europe/Oslo", "FREQ=DAILY", "2026-10-23", "2026-10-27", "02:30", "02:45", "", 0},
		{"recurring", "Europe/Copenhagen", "FREQ=WEEKLY;BYDAY=SU", "2026-03-01", "", "02:00", "04:00", "", time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC).Unix()},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;UNTIL=20261020", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;UNTIL=20261020T160000Z", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "rrule:freq=weekly;byday=tu;", "2026-08-18", "", "18.00", "9:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;BYDAY=MO", "2026-08-18", "2026-08-23", "18:00", "19:00", "", from}, // never
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;INTERVAL=52", "1970-01-01", "", "00:00", "23:59", "", 1 << 62},
		{"recurring", "Europe/Oslo", "FREQ=DAILY", "1970-01-01", "", "00:00", "00:01", "", 7258118400},
		{"recurring", "Europe/Oslo", "FREQ=DAILY;INTERVAL=2", "2026-03-20", "", "02:15", "02:45", "", 0},
		{"recurring", "Europe/Stockholm", "FREQ=DAILY;INTERVAL=14", "2026-10-11", "2027-04-01", "02:30", "03:00", "2026-10-25", from},
		{"recurring", "Europe/Oslo", "FREQ=DAILY;COUNT=1000", "2199-12-01", "", "12:00", "13:00", "", -1 << 62},
		{"recurring", "Europe/Oslo", "FREQ=MONTHLY;INTERVAL=52;BYMONTHDAY=28", "2026-02-28", "", "12:00", "13:00", "", from},
		{"recurring", "Europe/Oslo", "FREQ=YEARLY", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;BYSETPOS=1", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "UTC", "FREQ=WEEKLY", "2026-08-18", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY", "2026-02-30", "", "18:00", "19:30", "", from},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY", "2026-08-18", "", "24:00", "25:00", "", from},
		{"once", "Europe/Oslo", "", "2026-10-25", "", "02:00", "03:00", "", 0},
		{"once", "Europe/Oslo", "", "2026-03-29", "2026-03-29", "02:15", "02:45", "", 0},
		{"once", "Europe/Oslo", "", "2026-10-10", "", "18:00", "20:00", "2026-10-10", 0},
		{"once", "Europe/Oslo", "FREQ=WEEKLY", "2026-10-10", "", "18:00", "20:00", "", 0},
		{"", "", "", "", "", "", "", "", 0},
		{"recurring", "Europe/Oslo", "FREQ=WEEKLY;BYDAY=TU", "2026-08-18", "", "18:00", "19:30", "\xff,2026-13-01,,", from},
	} {
		f.Add(s.kind, s.zone, s.rule, s.startDate, s.endDate, s.startTime, s.endTime, s.except, s.from)
	}
	f.Fuzz(func(t *testing.T, kind, zone, rule, startDate, endDate, startTime, endTime, except string, fromUnix int64) {
		s := Schedule{Kind: ScheduleKind(kind), Zone: zone, RRule: rule, StartDate: startDate, EndDate: endDate,
			StartTime: startTime, EndTime: endTime}
		if except != "" {
			s.Except = strings.Split(except, ",")
		}
		fzCheckSchedule(t, s, fromUnix)
		// The same after Normalize, which makes more inputs valid.
		n := s
		n.Except = slices.Clone(s.Except)
		n.Normalize()
		if !reflect.DeepEqual(n, s) {
			fzCheckSchedule(t, n, fromUnix)
		}
		// Random bytes rarely make a valid schedule, and the properties
		// of the occurrences need one: the input repaired into one.
		if r := fzRepairSchedule(n); !reflect.DeepEqual(r, n) {
			fzCheckSchedule(t, r, fromUnix)
		}
	})
}

// fzBytes returns the i-th byte of s, cycling, or 0 for an empty s.
func fzBytes(s string, i int) int {
	if s == "" {
		return 0
	}
	return int(s[i%len(s)])
}

// fzRepairSchedule keeps what is valid in s and replaces the rest with
// values derived from its bytes: a zone from the list, a rule built from
// the rule's bytes, dates around 2026 (with its summer-time changes), and
// times that end after they start.
func fzRepairSchedule(s Schedule) Schedule {
	r := s
	if r.Kind != ScheduleOnce {
		r.Kind = ScheduleRecurring
		if strings.HasPrefix(string(s.Kind), "o") {
			r.Kind = ScheduleOnce
		}
	}
	if _, err := scheduleZone(r.Zone); err != nil {
		r.Zone = ScheduleZones[fzBytes(s.Zone, 0)%len(ScheduleZones)]
	}
	loc, _ := scheduleZone(r.Zone)
	start, ok := parseDate(r.StartDate)
	if !ok {
		// Around the summer-time changes of 2026 (29 March, 25 October).
		base := []string{"2026-03-22", "2026-10-18", "2026-01-01", "2027-12-25"}[fzBytes(s.StartDate, 0)%4]
		start, _ = time.Parse(time.DateOnly, base)
		start = start.AddDate(0, 0, fzBytes(s.StartDate, 1)%14)
		r.StartDate = start.Format(time.DateOnly)
	}
	if r.EndDate != "" {
		if end, ok := parseDate(r.EndDate); !ok || end.Before(start) {
			r.EndDate = start.AddDate(0, 0, fzBytes(s.EndDate, 0)*3%400).Format(time.DateOnly)
		}
	}
	startMin, ok1 := parseClock(r.StartTime)
	endMin, ok2 := parseClock(r.EndTime)
	if !ok1 {
		startMin = fzBytes(s.StartTime, 0)%24*60 + fzBytes(s.StartTime, 1)%4*15
		if startMin > 23*60+58 {
			startMin = 23*60 + 58
		}
		r.StartTime = fmt.Sprintf("%02d:%02d", startMin/60, startMin%60)
	}
	if !ok2 || endMin <= startMin {
		endMin = min(startMin+1+fzBytes(s.EndTime, 0)%180, 23*60+59)
		r.EndTime = fmt.Sprintf("%02d:%02d", endMin/60, endMin%60)
	}
	var except []string
	for _, d := range r.Except {
		if _, ok := parseDate(d); ok {
			except = append(except, d)
		}
	}
	if len(except) != len(r.Except) {
		for i := 0; i < len(r.Except)-len(except) && i < 5; i++ {
			except = append(except, start.AddDate(0, 0, fzBytes(strings.Join(r.Except, ","), i)%60).Format(time.DateOnly))
		}
	}
	r.Except = except
	if r.Kind == ScheduleOnce {
		r.RRule = ""
		if r.EndDate != "" {
			r.EndDate = r.StartDate
		}
		return r
	}
	if _, err := parseRule(r.RRule, loc); err != nil {
		r.RRule = fzRule(s.RRule, start)
	}
	return r
}

// fzRule builds a rule in the accepted subset from the bytes of seed.
func fzRule(seed string, start time.Time) string {
	b := func(i int) int { return fzBytes(seed, i) }
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	freq := []string{"DAILY", "WEEKLY", "MONTHLY"}[b(0)%3]
	parts := []string{"FREQ=" + freq}
	interval := 1
	if b(1)%3 == 0 {
		interval = 1 + b(2)%maxRuleInterval
	}
	var byday []string
	switch freq {
	case "DAILY", "WEEKLY":
		for i := range days {
			if b(3)>>i&1 == 1 {
				byday = append(byday, days[i])
			}
		}
		if freq == "DAILY" && len(byday) > 0 {
			interval = 1
		}
	case "MONTHLY":
		switch b(4) % 3 {
		case 1:
			nth := []string{"", "1", "2", "3", "4", "-1", "-2", "-3", "-4", "+1"}
			for i := 0; i <= b(5)%2; i++ {
				byday = append(byday, nth[b(6+i)%len(nth)]+days[b(8+i)%7])
			}
		case 2:
			md := []string{}
			for i := 0; i <= b(5)%2; i++ {
				n := 1 + b(6+i)%28
				if b(8+i)%2 == 1 {
					n = -n
				}
				md = append(md, strconv.Itoa(n))
			}
			parts = append(parts, "BYMONTHDAY="+strings.Join(md, ","))
		}
	}
	if interval != 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(interval))
	}
	if len(byday) > 0 {
		parts = append(parts, "BYDAY="+strings.Join(byday, ","))
	}
	switch b(10) % 5 {
	case 1:
		parts = append(parts, "COUNT="+strconv.Itoa(1+b(11)%12))
	case 2:
		parts = append(parts, "COUNT="+strconv.Itoa(1+b(11)*4))
	case 3:
		parts = append(parts, "UNTIL="+start.AddDate(0, 0, b(11)*2).Format("20060102"))
	case 4:
		parts = append(parts, "UNTIL="+start.AddDate(0, 0, b(11)).Add(time.Duration(b(12)%24)*time.Hour).Format("20060102T150405Z"))
	}
	if b(13)%4 == 0 {
		parts = append(parts, "WKST="+days[b(14)%7])
	}
	return strings.Join(parts, ";")
}

// fzCheckSchedule checks the properties of s: Validate, Occurrences and
// Weekdays agree with each other and with the schedule's fields.
func fzCheckSchedule(t *testing.T, s Schedule, fromUnix int64) {
	t.Helper()
	const limit = 2 * time.Second // expected: milliseconds
	froms := []time.Time{time.Unix(fromUnix, 0), {}}
	if d, err := time.Parse(time.DateOnly, s.StartDate); err == nil {
		// A from near the schedule, where the interesting cases are: from a
		// week before the start to three years after, at any second.
		span := int64(3*366+7) * 24 * 3600
		off := fromUnix % span
		if off < 0 {
			off = -off
		}
		froms = append(froms, d.Add(time.Duration(off-7*24*3600)*time.Second))
	}

	var err error
	fzBounded(t, "Validate", limit, func() { err = s.Validate() })
	var wd []time.Weekday
	fzBounded(t, "Weekdays", limit, func() { wd = s.Weekdays() })
	occs := make([][]Occurrence, len(froms))
	for i, from := range froms {
		fzBounded(t, "Occurrences", limit, func() { occs[i] = s.Occurrences(from, 5) })
		if len(occs[i]) > 5 {
			t.Fatalf("Occurrences(%v, 5) gave %d", from, len(occs[i]))
		}
	}
	if s.Occurrences(froms[0], 0) != nil || s.Occurrences(froms[0], -1) != nil {
		t.Errorf("Occurrences with n ≤ 0 not nil")
	}
	if err != nil {
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || len(e.Fields) == 0 {
			t.Fatalf("Validate: %v: want EINVALID with fields", err)
		}
		for i, from := range froms {
			if len(occs[i]) > 0 {
				t.Errorf("%+v invalid (%v) but Occurrences(%v) = %v", s, err, from, occs[i])
			}
		}
		return
	}

	loc, lerr := time.LoadLocation(s.Zone)
	if lerr != nil {
		t.Fatalf("valid schedule with zone %q: %v", s.Zone, lerr)
	}
	c, cerr := s.compile()
	if cerr != nil {
		t.Fatalf("valid schedule does not compile: %v", cerr)
	}
	except := map[string]bool{}
	for _, d := range s.Except {
		except[d] = true
	}
	wdSet := map[time.Weekday]bool{}
	for i, d := range wd {
		if wdSet[d] || (i > 0 && (wd[i-1]+6)%7 >= (d+6)%7) {
			t.Errorf("Weekdays %v not Monday first without repeats", wd)
		}
		wdSet[d] = true
	}
	if len(wd) == 0 {
		t.Errorf("Weekdays of a valid schedule empty: %+v", s)
	}

	// checkOcc checks one list of occurrences, in order.
	checkOcc := func(what string, list []Occurrence) {
		t.Helper()
		for i, o := range list {
			if o.Start.Location().String() != s.Zone || o.End.Location().String() != s.Zone {
				t.Errorf("%s[%d] = %v: not in %s", what, i, o, s.Zone)
			}
			ls := o.Start.In(loc)
			y, m, d := ls.Date()
			date := ls.Format(time.DateOnly)
			wantStart := time.Date(y, m, d, c.startMin/60, c.startMin%60, 0, 0, loc)
			wantEnd := time.Date(y, m, d, c.endMin/60, c.endMin%60, 0, 0, loc)
			if !o.Start.Equal(wantStart) {
				t.Errorf("%s[%d] starts %v, want %s %s in %s", what, i, o.Start, date, s.StartTime, s.Zone)
			}
			clockOK := ls.Hour()*60+ls.Minute() == c.startMin && wantEnd.In(loc).Hour()*60+wantEnd.In(loc).Minute() == c.endMin
			gapDay := fzOffsetChanges(loc, y, m, d)
			if !clockOK && !gapDay {
				t.Errorf("%s[%d] = %v: wall clock not %s–%s on a day without a clock change", what, i, o, s.StartTime, s.EndTime)
			}
			switch {
			case o.End.After(o.Start):
				if !o.End.Equal(wantEnd) {
					t.Errorf("%s[%d] ends %v, want %s %s", what, i, o.End, date, s.EndTime)
				}
			case o.End.Equal(o.Start) && gapDay && !wantEnd.After(wantStart):
				// Start and end both in (or across) the summer-time gap:
				// the empty occurrence compiledSchedule.at clamps it to.
			default:
				t.Errorf("%s[%d] = %v: end not after start", what, i, o)
			}
			if date < s.StartDate {
				t.Errorf("%s[%d] on %s, before the start date %s", what, i, date, s.StartDate)
			}
			if s.EndDate != "" && date > s.EndDate {
				t.Errorf("%s[%d] on %s, after the end date %s", what, i, date, s.EndDate)
			}
			if except[date] {
				t.Errorf("%s[%d] on %s, an exception date", what, i, date)
			}
			if !wdSet[ls.Weekday()] {
				t.Errorf("%s[%d] on %s, a %v, but Weekdays = %v", what, i, date, ls.Weekday(), wd)
			}
			if i > 0 && !list[i-1].Start.Before(o.Start) {
				t.Errorf("%s not in order: [%d] %v, [%d] %v", what, i-1, list[i-1], i, o)
			}
			if i > 0 && list[i-1].Start.In(loc).Format(time.DateOnly) == date {
				t.Errorf("%s: two occurrences on %s", what, date)
			}
		}
	}

	// From the beginning, without the skip ahead Occurrences does for a
	// later from: the reference the other lists are checked against.
	const allN = 300
	var all []Occurrence
	fzBounded(t, "Occurrences(zero)", limit, func() { all = s.Occurrences(time.Time{}, allN) })
	checkOcc("all", all)
	if len(all) == 0 {
		t.Fatalf("Validate accepted %+v, which never happens", s)
	}
	complete := len(all) < allN
	if s.Kind == ScheduleOnce && (len(all) != 1 || all[0].Start.In(loc).Format(time.DateOnly) != s.StartDate) {
		t.Errorf("one-off %+v: occurrences %v", s, all)
	}
	rule := NormalizeRRule(s.RRule)
	count := fzRulePart(rule, "COUNT")
	if count > 0 && len(all) > count {
		t.Errorf("COUNT=%d but %d occurrences", count, len(all))
	}
	// A schedule shorter than a week: Weekdays gives exactly its days.
	short := s.EndDate != "" && c.end.Sub(c.start) < 7*24*time.Hour
	if complete && (short || (count > 0 && count <= 7)) {
		days := map[time.Weekday]bool{}
		for _, o := range all {
			days[o.Start.In(loc).Weekday()] = true
		}
		if !reflect.DeepEqual(days, wdSet) {
			t.Errorf("short schedule %+v: Weekdays %v, occurs on %v", s, wd, days)
		}
	}

	for i, from := range froms {
		occ := occs[i]
		what := "Occurrences(" + from.Format(time.RFC3339) + ")"
		checkOcc(what, occ)
		for j, o := range occ {
			if !o.End.After(from) {
				t.Errorf("%s[%d] = %v ends before from", what, j, o)
			}
		}
		var after []Occurrence
		for _, o := range all {
			if o.End.After(from) {
				after = append(after, o)
			}
		}
		if complete || len(after) >= 5 {
			want := after[:min(5, len(after))]
			if !fzSameOccurrences(occ, want) {
				t.Errorf("%+v\n%s = %v\nwant (from the start) %v", s, what, occ, want)
			}
		}
		// From the end of the first: the rest, shifted.
		if len(occ) >= 2 {
			next := s.Occurrences(occ[0].End, 4)
			if !fzSameOccurrences(next, occ[1:]) {
				t.Errorf("%+v\nOccurrences(%v, 4) = %v\nwant %v", s, occ[0].End, next, occ[1:])
			}
		}
	}
}

// fzOffsetChanges reports whether loc changes its UTC offset on the civil
// day y-m-d.
func fzOffsetChanges(loc *time.Location, y int, m time.Month, d int) bool {
	_, a := time.Date(y, m, d, 0, 0, 0, 0, loc).Zone()
	_, b := time.Date(y, m, d, 23, 59, 0, 0, loc).Zone()
	return a != b
}

// fzRulePart returns the number in rule part key ("COUNT"), or 0.
func fzRulePart(rule, key string) int {
	for _, p := range strings.Split(rule, ";") {
		if k, v, ok := strings.Cut(p, "="); ok && k == key {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

func fzSameOccurrences(a, b []Occurrence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Start.Equal(b[i].Start) || !a[i].End.Equal(b[i].End) {
			return false
		}
	}
	return true
}
