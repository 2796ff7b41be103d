package accounts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"broen"
	"broen/registry"
)

// Message IDs that accounts and its stores return. Each is a go-i18n message
// in every locale; none takes template arguments.
const (
	msgRequired = "validation.required"
	msgTooLong  = "validation.too_long"
	msgEmail    = "validation.email"
	msgChoice   = "validation.choice"
	msgText     = "validation.text"

	MsgPasswordShort        = "validation.password.short"
	MsgPasswordLong         = "validation.password.long"
	MsgPasswordCommon       = "validation.password.common" // also: the password is the email address
	MsgOrganisationRequired = "validation.user.organisation_required"

	MsgEmailTaken    = "accounts.user.email_taken" // ECONFLICT, field "email"
	MsgUserNotFound  = "accounts.user.not_found"   // ENOTFOUND
	MsgTokenNotFound = "accounts.token.not_found"  // ENOTFOUND
	MsgTokenExpired  = "accounts.token.expired"    // EINVALID
	MsgTokenUsed     = "accounts.token.used"       // EINVALID
)

// Messages lists every message ID accounts and its stores can return, for
// the locale catalog tests.
var Messages = []string{
	"validation.invalid", msgRequired, msgTooLong, msgEmail, msgChoice, msgText,
	MsgPasswordShort, MsgPasswordLong, MsgPasswordCommon, MsgOrganisationRequired,
	MsgEmailTaken, MsgUserNotFound, MsgTokenNotFound, MsgTokenExpired, MsgTokenUsed,
}

// Locales are the languages a user's emails can be written in, default first.
var Locales = []string{"nb", "nn", "da", "sv", "en"}

// Field limits.
const (
	MaxUserNameLen = 200 // characters
	MaxEmailLen    = 254 // bytes, the longest address SMTP can carry
)

// Normalize tidies u before Validate: trims the name to one line in Unicode
// NFC, trims and lower-cases the email address, role and locale, defaults
// the locale to nb, and sorts and de-duplicates OrganisationIDs.
func (u *User) Normalize() {
	u.Name = strings.Join(strings.FieldsFunc(norm.NFC.String(u.Name), unicode.IsSpace), " ")
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Role = Role(strings.ToLower(strings.TrimSpace(string(u.Role))))
	u.Locale = strings.ToLower(strings.TrimSpace(u.Locale))
	if u.Locale == "" {
		u.Locale = Locales[0]
	}
	if len(u.OrganisationIDs) > 0 {
		ids := slices.Clone(u.OrganisationIDs)
		slices.Sort(ids)
		u.OrganisationIDs = slices.Compact(ids)
	}
}

// Validate checks u as Normalize leaves it: a valid email address, a name
// of at most MaxUserNameLen characters, a known role and locale, and for an
// editor at least one organisation. It returns nil or an EINVALID
// *broen.Error whose Fields map JSON field names to message IDs. Whether
// the organisations exist is checked by the store.
func (u *User) Validate() error {
	fe := broen.FieldErrors{}
	switch {
	case u.Email == "":
		fe.Add("email", msgRequired)
	case len(u.Email) > MaxEmailLen:
		fe.Add("email", msgTooLong)
	case !ValidEmail(u.Email):
		fe.Add("email", msgEmail)
	}
	switch {
	case u.Name == "":
		fe.Add("name", msgRequired)
	case !utf8.ValidString(u.Name) || strings.ContainsFunc(u.Name, unicode.IsControl):
		fe.Add("name", msgText)
	case utf8.RuneCountInString(u.Name) > MaxUserNameLen:
		fe.Add("name", msgTooLong)
	}
	if !u.Role.Valid() {
		fe.Add("role", msgChoice)
	}
	if !slices.Contains(Locales, u.Locale) {
		fe.Add("locale", msgChoice)
	}
	for _, id := range u.OrganisationIDs {
		if id <= 0 {
			fe.Add("organisation_ids", msgChoice)
		}
	}
	if u.Role == RoleEditor && len(u.OrganisationIDs) == 0 {
		fe.Add("organisation_ids", MsgOrganisationRequired)
	}
	return fe.Err()
}

// ValidEmail reports whether s is a plain email address ("kari@example.no"),
// by the registry's rule, so a person's address and an organisation's are
// checked alike.
func ValidEmail(s string) bool { return len(s) <= MaxEmailLen && registry.ValidEmail(s) }
