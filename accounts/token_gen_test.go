package accounts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		plain, hash, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) != 43 {
			t.Fatalf("plain %q: want 43 characters", plain)
		}
		raw, err := base64.RawURLEncoding.DecodeString(plain)
		if err != nil || len(raw) != TokenBytes {
			t.Fatalf("plain %q: not %d bytes of URL-safe base64: %v", plain, TokenBytes, err)
		}
		want := sha256.Sum256([]byte(plain))
		if !bytes.Equal(hash, want[:]) || !bytes.Equal(HashToken(plain), hash) {
			t.Fatalf("hash of %q is not SHA-256 of the string", plain)
		}
		if seen[plain] {
			t.Fatalf("token %q repeated", plain)
		}
		seen[plain] = true
	}
}

func TestHashTokenDiffers(t *testing.T) {
	if bytes.Equal(HashToken("a"), HashToken("b")) || len(HashToken("")) != 32 {
		t.Error("HashToken is not SHA-256")
	}
}
