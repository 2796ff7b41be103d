package registry

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"broen"
)

// Limits on contact values, generous for real addresses.
const (
	maxEmailLen = 254
	maxURLLen   = 2000
)

// NormalizePhone parses the phone number s as written in country (NO, DK or
// SE; "" means s must be international, starting with + or 00) and returns
// it in E.164 ("+4791234567"). Numbers from other countries are accepted
// when written with their country code. It returns an EINVALID *broen.Error
// with message validation.phone when s is not a valid, dialable number.
func NormalizePhone(country, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", phoneError(errors.New("empty"))
	}
	for _, r := range s {
		// phonenumbers turns letters into keypad digits (1-800-FLOWERS);
		// nobody writes a Nordic number that way, so a letter is a typo.
		if unicode.IsLetter(r) {
			return "", phoneError(fmt.Errorf("letter %q in %q", r, s))
		}
	}
	region := strings.ToUpper(strings.TrimSpace(country))
	if region == "" {
		region = "ZZ" // unknown region: only international numbers parse
		if strings.HasPrefix(s, "00") {
			s = "+" + s[2:]
		}
	}
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		return "", phoneError(fmt.Errorf("parse %q: %w", s, err))
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", phoneError(fmt.Errorf("%q is not a valid number", s))
	}
	out := phonenumbers.Format(num, phonenumbers.E164)
	if len(out) > 16 {
		// libphonenumber accepts some German numbers of 16 digits, but
		// E.164 allows at most 15 and the stored form must be E.164.
		return "", phoneError(fmt.Errorf("%q has more than 15 digits", s))
	}
	return out, nil
}

func phoneError(cause error) error {
	return &broen.Error{Code: broen.EINVALID, MessageID: msgPhone, Err: fmt.Errorf("registry: phone: %w", cause)}
}

// validE164 reports whether s is a valid phone number already in E.164 form,
// the form Validate expects after Normalize.
func validE164(s string) bool {
	if !strings.HasPrefix(s, "+") {
		return false
	}
	n, err := NormalizePhone("", s)
	return err == nil && n == s
}

// ValidEmail reports whether s is a plain email address ("ola@example.no"):
// no display name or angle brackets, a local part, and a domain with a dot
// in it that neither starts nor ends with one.
func ValidEmail(s string) bool {
	if s == "" || len(s) > maxEmailLen {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return false
	}
	domain := s[at+1:]
	return validHostname(domain)
}

// normalizeEmail trims s and lowercases its domain; the local part keeps its
// case, which mail servers may in theory distinguish.
func normalizeEmail(s string) string {
	s = strings.TrimSpace(s)
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[:at+1] + strings.ToLower(s[at+1:])
	}
	return s
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*://`)

// NormalizeURL returns the web address s in a form safe to link to: it adds
// https:// when s has no scheme ("www.example.no" → "https://www.example.no"),
// lowercases scheme and host, and rejects anything but http and https, user
// names in the address, spaces, and hosts without a dot. Errors are EINVALID
// *broen.Error with message validation.url. NormalizeURL is idempotent.
func NormalizeURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", urlError(errors.New("empty"))
	}
	if len(s) > maxURLLen {
		return "", urlError(errors.New("too long"))
	}
	if !utf8.ValidString(s) {
		return "", urlError(errors.New("not UTF-8"))
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "", urlError(fmt.Errorf("space in %q", s))
	}
	if !schemeRE.MatchString(s) {
		if strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
			return "", urlError(fmt.Errorf("malformed scheme in %q", s))
		}
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", urlError(err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", urlError(fmt.Errorf("scheme %q", u.Scheme))
	}
	if u.User != nil {
		return "", urlError(errors.New("user info in address"))
	}
	host := strings.ToLower(u.Hostname())
	if !validHostname(host) {
		return "", urlError(fmt.Errorf("host %q", host))
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	// Assembled by hand rather than with u.String(), which would
	// percent-encode an international host name ("blåbær.no").
	out := u.Scheme + "://" + host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	// The scheme and percent-encoding can make the result longer than
	// what was typed; what is stored must pass this function again.
	if len(out) > maxURLLen {
		return "", urlError(errors.New("too long"))
	}
	return out, nil
}

func urlError(cause error) error {
	return &broen.Error{Code: broen.EINVALID, MessageID: msgURL, Err: fmt.Errorf("registry: url: %w", cause)}
}

// validURL reports whether s is a web address already in the form
// NormalizeURL returns.
func validURL(s string) bool {
	n, err := NormalizeURL(s)
	return err == nil && n == s
}

// validHostname reports whether h is a dotted host name whose labels are
// non-empty and made of letters (any script, for IDN), digits and hyphens.
func validHostname(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				return false
			}
		}
	}
	return true
}

// FormatPhone writes an E.164 number the way people read it: "+47 32 21 00
// 00". Anything it cannot parse comes back unchanged.
func FormatPhone(e164 string) string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}
