package accounts

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"broen"
)

func TestHashPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("Blåbærsyltetøy på skiva")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q: not the expected PHC prefix", h)
	}
	parts := strings.Split(h, "$")
	if len(parts) != 6 || len(parts[4]) != 22 || len(parts[5]) != 43 {
		t.Errorf("hash %q: want 16-byte salt and 32-byte key in unpadded base64", h)
	}
	ok, err := CheckPassword(h, "Blåbærsyltetøy på skiva")
	if err != nil || !ok {
		t.Errorf("right password: ok=%v err=%v", ok, err)
	}
	// The same password typed with a combining ring and diaeresis matches.
	ok, err = CheckPassword(h, "Bla\u030abærsyltetøy på skiva")
	if err != nil || !ok {
		t.Errorf("decomposed password: ok=%v err=%v", ok, err)
	}
	for _, wrong := range []string{"", "blåbærsyltetøy på skiva", "Blåbærsyltetøy på skiva ", "Blåbærsyltetøy"} {
		if ok, err := CheckPassword(h, wrong); ok || err != nil {
			t.Errorf("wrong password %q: ok=%v err=%v", wrong, ok, err)
		}
	}
	h2, _ := HashPassword("Blåbærsyltetøy på skiva")
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if NeedsRehash(h) {
		t.Error("fresh hash needs rehash")
	}
}

func TestCheckPasswordEmptyHash(t *testing.T) {
	if ok, err := CheckPassword("", "anything at all"); ok || err != nil {
		t.Errorf("empty hash: ok=%v err=%v, want false, nil", ok, err)
	}
}

// TestCheckPasswordOtherParams: a hash made with other parameters is
// checked with those parameters, and needs a rehash.
func TestCheckPasswordOtherParams(t *testing.T) {
	// argon2id, m=4096, t=3, p=1 of "korrekt hest batteri stift".
	salt := b64.EncodeToString([]byte("0123456789abcdef"))
	key := b64.EncodeToString(argon2.IDKey([]byte("korrekt hest batteri stift"), []byte("0123456789abcdef"), 3, 4096, 1, 32))
	h := "$argon2id$v=19$m=4096,t=3,p=1$" + salt + "$" + key
	if ok, err := CheckPassword(h, "korrekt hest batteri stift"); !ok || err != nil {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
	if ok, _ := CheckPassword(h, "korrekt hest batteri"); ok {
		t.Error("wrong password matched")
	}
	if !NeedsRehash(h) {
		t.Error("old parameters: want NeedsRehash")
	}
	// Parameters in another order are still read.
	h = "$argon2id$v=19$p=1,t=3,m=4096$" + salt + "$" + key
	if ok, err := CheckPassword(h, "korrekt hest batteri stift"); !ok || err != nil {
		t.Errorf("reordered parameters: ok=%v err=%v", ok, err)
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good, err := HashPassword("en god og lang frase")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	tests := map[string]string{
		"ErrNoDollar":       "argon2id",
		"ErrTooFewParts":    "$argon2id$v=19$m=19456,t=2,p=1$" + salt,
		"ErrTooManyParts":   good + "$x",
		"ErrNoLeadingPart":  "x" + good,
		"ErrArgon2i":        "$argon2i$v=19$m=19456,t=2,p=1$" + salt + "$" + key,
		"ErrBcrypt":         "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"ErrVersion":        "$argon2id$v=16$m=19456,t=2,p=1$" + salt + "$" + key,
		"ErrNoVersion":      "$argon2id$m=19456,t=2,p=1$" + salt + "$" + key + "$",
		"ErrMissingParam":   "$argon2id$v=19$m=19456,t=2$" + salt + "$" + key,
		"ErrDuplicateParam": "$argon2id$v=19$m=19456,t=2,t=2$" + salt + "$" + key,
		"ErrUnknownParam":   "$argon2id$v=19$m=19456,t=2,p=1,k=1$" + salt + "$" + key,
		"ErrZeroTime":       "$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + key,
		"ErrNotNumber":      "$argon2id$v=19$m=lots,t=2,p=1$" + salt + "$" + key,
		"ErrNegative":       "$argon2id$v=19$m=-1,t=2,p=1$" + salt + "$" + key,
		"ErrHugeMemory":     "$argon2id$v=19$m=4194304,t=2,p=1$" + salt + "$" + key,
		"ErrHugeTime":       "$argon2id$v=19$m=19456,t=1000,p=1$" + salt + "$" + key,
		"ErrHugeThreads":    "$argon2id$v=19$m=19456,t=2,p=256$" + salt + "$" + key,
		"ErrMemoryPerLane":  "$argon2id$v=19$m=8,t=2,p=4$" + salt + "$" + key,
		"ErrSaltBase64":     "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "!$" + key,
		"ErrSaltPadded":     "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "==$" + key,
		"ErrShortSalt":      "$argon2id$v=19$m=19456,t=2,p=1$YWJj$" + key,
		"ErrHashBase64":     "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$" + key + "*",
		"ErrShortHash":      "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$YWJjZGVm",
		"ErrEmptyHash":      "$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			ok, err := CheckPassword(h, "en god og lang frase")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Errorf("CheckPassword(%q) = %v, %v; want false, ErrMalformedHash", h, ok, err)
			}
			if !NeedsRehash(h) {
				t.Errorf("NeedsRehash(%q) = false", h)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	salt16 := b64.EncodeToString(make([]byte, 16))
	key32 := b64.EncodeToString(make([]byte, 32))
	tests := []struct {
		name string
		hash string
		want bool
	}{
		{"Current", "$argon2id$v=19$m=19456,t=2,p=1$" + salt16 + "$" + key32, false},
		{"NoPassword", "", false},
		{"LessMemory", "$argon2id$v=19$m=4096,t=2,p=1$" + salt16 + "$" + key32, true},
		{"MoreMemory", "$argon2id$v=19$m=65536,t=2,p=1$" + salt16 + "$" + key32, true},
		{"OtherTime", "$argon2id$v=19$m=19456,t=3,p=1$" + salt16 + "$" + key32, true},
		{"OtherThreads", "$argon2id$v=19$m=19456,t=2,p=4$" + salt16 + "$" + key32, true},
		{"ShortSalt", "$argon2id$v=19$m=19456,t=2,p=1$" + b64.EncodeToString(make([]byte, 8)) + "$" + key32, true},
		{"LongKey", "$argon2id$v=19$m=19456,t=2,p=1$" + salt16 + "$" + b64.EncodeToString(make([]byte, 64)), true},
		{"Malformed", "plaintext", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NeedsRehash(tt.hash); got != tt.want {
				t.Errorf("NeedsRehash(%q) = %v, want %v", tt.hash, got, tt.want)
			}
		})
	}
}

func TestDummyHash(t *testing.T) {
	h := DummyHash()
	if h != DummyHash() {
		t.Error("DummyHash changes between calls")
	}
	if NeedsRehash(h) {
		t.Error("DummyHash uses old parameters")
	}
	for _, pw := range []string{"", "password123", h} {
		if ok, err := CheckPassword(h, pw); ok || err != nil {
			t.Errorf("dummy matched %q: %v %v", pw, ok, err)
		}
	}
	CheckDummy("whatever")
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name, pw, email, want string
	}{
		{"OK", "korrekt hest batteri stift", "kari@example.no", ""},
		{"OKTenRunes", "æøåæøåæøåæ", "kari@example.no", ""},
		{"OKNoEmail", "en lang nok frase", "", ""},
		{"ErrEmpty", "", "kari@example.no", MsgPasswordShort},
		{"ErrShort", "kort1234!", "kari@example.no", MsgPasswordShort},
		// Nine runes in 18 bytes: short, though the bytes are many.
		{"ErrShortRunes", "æøåæøåæøå", "kari@example.no", MsgPasswordShort},
		{"ErrLong", strings.Repeat("a1", 513), "kari@example.no", MsgPasswordLong},
		{"OKLongest", strings.Repeat("ab1", 341) + "c", "kari@example.no", ""},
		{"ErrCommon", "password123", "kari@example.no", MsgPasswordCommon},
		{"ErrCommonNorwegian", "Passord123", "kari@example.no", MsgPasswordCommon},
		{"ErrCommonDigits", "1234567890", "", MsgPasswordCommon},
		{"ErrCommonKeyboard", "QWERTYUIOP", "", MsgPasswordCommon},
		{"ErrRepeated", "zzzzzzzzzzzz", "", MsgPasswordCommon},
		{"ErrEmail", "Kari.Nordmann@Example.no", "kari.nordmann@example.no", MsgPasswordCommon},
		{"ErrEmailLocalPart", "kari.nordmann", "Kari.Nordmann@example.no", MsgPasswordCommon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePassword(tt.pw, tt.email)
			if tt.want == "" {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			e := broen.AsError(err)
			if e == nil || e.Code != broen.EINVALID || e.Fields["password"] != tt.want || len(e.Fields) != 1 {
				t.Errorf("got %v, want invalid password %s", err, tt.want)
			}
		})
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("korrekt hest batteri stift"); err != nil {
			b.Fatal(err)
		}
	}
}
