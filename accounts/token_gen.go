package accounts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// TokenBytes is how many random bytes a link token has: 256 bits.
const TokenBytes = 32

// NewToken returns a new random token for a link (an invitation, a password
// reset, later an API token): plain is 43 characters of URL-safe base64 to
// put in the link and never store; hash is HashToken(plain), the only form
// kept in the database.
func NewToken() (plain string, hash []byte, err error) {
	b := make([]byte, TokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("accounts: new token: %w", err)
	}
	plain = base64.RawURLEncoding.EncodeToString(b)
	return plain, HashToken(plain), nil
}

// HashToken returns the SHA-256 of the token string, the form in which a
// token is stored and looked up. A plain hash suffices (no salt, no
// stretching): the token is 256 random bits, not a password.
func HashToken(plain string) []byte {
	sum := sha256.Sum256([]byte(plain))
	return sum[:]
}
