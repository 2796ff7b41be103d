package accounts

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"broen"
)

// The argon2id parameters of new hashes: OWASP's recommended minimum
// (m=19 MiB, t=2, p=1). Stored hashes carry their own parameters, so these
// can be raised later; NeedsRehash tells when a stored hash is out of date.
const (
	argonMemory  uint32 = 19456 // KiB
	argonTime    uint32 = 2
	argonThreads uint8  = 1
	argonSaltLen        = 16
	argonKeyLen         = 32
)

// Password limits. MaxPasswordBytes keeps hashing cheap to ask for.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 1024
)

// Limits on the parameters CheckPassword accepts from a stored hash, so a
// damaged or hostile value cannot make one check take gigabytes or minutes.
const (
	maxArgonMemory  = 1 << 20 // KiB: 1 GiB
	maxArgonTime    = 64
	minArgonSaltLen = 8
	minArgonKeyLen  = 16
	maxArgonKeyLen  = 128
)

// ErrMalformedHash is returned (wrapped) by CheckPassword for a stored hash
// that is not an argon2id PHC string it can use.
var ErrMalformedHash = errors.New("accounts: malformed password hash")

var b64 = base64.RawStdEncoding

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
	salt    []byte
	key     []byte
}

// preparePassword is what is hashed: the password in Unicode NFKC, so the
// same password typed on different keyboards or systems (composed "å" or
// "a" + combining ring) gives the same hash, as NIST SP 800-63B recommends.
func preparePassword(pw string) []byte { return []byte(norm.NFKC.String(pw)) }

// HashPassword returns pw hashed with argon2id under a fresh random salt,
// encoded as a PHC string:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// with salt and hash in unpadded standard base64.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("accounts: hash password: %w", err)
	}
	key := argon2.IDKey(preparePassword(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the encoded hash, comparing in
// constant time with the parameters written in the hash. An empty encoded
// hash (an invited user who has not chosen a password) matches nothing and
// is not an error; a malformed one returns an error wrapping
// ErrMalformedHash.
func CheckPassword(encoded, pw string) (bool, error) {
	if encoded == "" {
		return false, nil
	}
	p, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey(preparePassword(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than
// HashPassword uses now (or cannot be read), so that after a successful
// sign-in the password should be hashed again and stored. An empty hash
// needs no rehash: there is no password to rehash.
func NeedsRehash(encoded string) bool {
	if encoded == "" {
		return false
	}
	p, err := parseHash(encoded)
	if err != nil {
		return true
	}
	return p.memory != argonMemory || p.time != argonTime || p.threads != argonThreads ||
		len(p.salt) != argonSaltLen || len(p.key) != argonKeyLen
}

func parseHash(encoded string) (*argonParams, error) {
	bad := func(why string) error { return fmt.Errorf("%w: %s", ErrMalformedHash, why) }
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, key
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return nil, bad("want $argon2id$v=..$m=..,t=..,p=..$salt$hash")
	}
	if parts[1] != "argon2id" {
		return nil, bad("algorithm " + strconv.Quote(parts[1]))
	}
	v, ok := strings.CutPrefix(parts[2], "v=")
	if !ok || v != strconv.Itoa(argon2.Version) {
		return nil, bad("version " + strconv.Quote(parts[2]))
	}
	var p argonParams
	seen := map[string]bool{}
	for _, kv := range strings.Split(parts[3], ",") {
		k, val, ok := strings.Cut(kv, "=")
		if !ok || seen[k] {
			return nil, bad("parameters " + strconv.Quote(parts[3]))
		}
		seen[k] = true
		n, err := strconv.ParseUint(val, 10, 32)
		if err != nil || n == 0 {
			return nil, bad("parameter " + strconv.Quote(kv))
		}
		switch k {
		case "m":
			if n > maxArgonMemory {
				return nil, bad("memory too large")
			}
			p.memory = uint32(n)
		case "t":
			if n > maxArgonTime {
				return nil, bad("too many passes")
			}
			p.time = uint32(n)
		case "p":
			if n > 255 {
				return nil, bad("too many threads")
			}
			p.threads = uint8(n)
		default:
			return nil, bad("unknown parameter " + strconv.Quote(k))
		}
	}
	if !seen["m"] || !seen["t"] || !seen["p"] {
		return nil, bad("missing parameter in " + strconv.Quote(parts[3]))
	}
	if p.memory < 8*uint32(p.threads) {
		return nil, bad("memory below 8 KiB per thread")
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < minArgonSaltLen {
		return nil, bad("salt")
	}
	if p.key, err = b64.DecodeString(parts[5]); err != nil || len(p.key) < minArgonKeyLen || len(p.key) > maxArgonKeyLen {
		return nil, bad("hash")
	}
	return &p, nil
}

// DummyHash returns a hash of a random password, made on first use. Sign-in
// checks a password against it when no user has the email address, so an
// unknown address takes as long to refuse as a wrong password.
var DummyHash = sync.OnceValue(func() string {
	pw := make([]byte, 32)
	_, _ = rand.Read(pw)
	h, err := HashPassword(b64.EncodeToString(pw))
	if err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return h
})

// CheckDummy spends the time of one CheckPassword and matches nothing. Call
// it when the user is unknown, disabled or has no password yet.
func CheckDummy(pw string) { _, _ = CheckPassword(DummyHash(), pw) }

// commonPasswords are passwords of 10 or more characters that are among the
// first tried by anyone guessing, in the Nordic languages and English. They
// are compared lower-cased.
var commonPasswords = map[string]bool{
	"1234567890": true, "0987654321": true, "12345678910": true, "123456789a": true, "1234567890a": true,
	"0123456789": true, "1122334455": true, "1234512345": true, "1111111111": true, "0000000000": true,
	"qwertyuiop": true, "qwertyuiopå": true, "qwertzuiop": true, "asdfghjklø": true, "asdfghjklö": true,
	"1q2w3e4r5t": true, "1qaz2wsx3edc": true, "qwerty1234": true, "qwerty12345": true, "qwerty123456": true,
	"abcdefghij": true, "abc1234567": true, "abcd123456": true, "a123456789": true,
	"password12": true, "password123": true, "password1234": true, "password!!": true, "passwordpassword": true,
	"passord123": true, "passord1234": true, "passordet1": true, "mittpassord": true, "hemmelig123": true,
	"adgangskode": true, "adgangskode1": true, "adgangskode123": true, "kodeord123": true, "kodeord1234": true,
	"lösenord123": true, "losenord123": true, "lösenord1234": true, "hemligt123": true,
	"iloveyou123": true, "welcome123": true, "letmein123": true, "sunshine123": true, "football123": true,
	"fotball123": true, "sommer2025": true, "sommer2026": true, "vinter2025": true, "vinter2026": true,
	"sommar2025": true, "sommar2026": true, "broen12345": true, "drammen123": true,
}

// ValidatePassword checks a new password for the user with this email
// address: at least MinPasswordRunes characters, at most MaxPasswordBytes
// bytes, not the email address (or its part before the @) and not a
// well-known password. It returns nil or an EINVALID *broen.Error with a
// message on the field "password".
func ValidatePassword(pw, email string) error {
	fe := broen.FieldErrors{}
	switch {
	case len(pw) > MaxPasswordBytes:
		fe.Add("password", MsgPasswordLong)
	case utf8.RuneCountInString(pw) < MinPasswordRunes:
		fe.Add("password", MsgPasswordShort)
	case guessable(pw, email):
		fe.Add("password", MsgPasswordCommon)
	}
	return fe.Err()
}

func guessable(pw, email string) bool {
	lower := strings.ToLower(strings.TrimSpace(pw))
	if commonPasswords[lower] {
		return true
	}
	if first, _ := utf8.DecodeRuneInString(lower); strings.Count(lower, string(first)) == utf8.RuneCountInString(lower) {
		return true // "aaaaaaaaaa"
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return false
	}
	if lower == email {
		return true
	}
	local, _, _ := strings.Cut(email, "@")
	return local != "" && lower == local
}
