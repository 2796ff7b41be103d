package accounts

import (
	"context"
	"time"
)

// Scope is what an API token may do.
type Scope string

const (
	ScopeRead          Scope = "read"           // read the registry, including what the public cannot see
	ScopeWriteRegistry Scope = "write_registry" // create, change and delete organisations and activities
	ScopeMentoring     Scope = "mentoring"      // read and write volunteers, newcomers and pairings
)

// Scopes lists the scopes in display order.
var Scopes = []Scope{ScopeRead, ScopeWriteRegistry, ScopeMentoring}

// APIToken lets another system use the JSON API on behalf of the
// coordinator who created it. Only the SHA-256 of the token is stored; the
// token itself is shown once, when it is created.
type APIToken struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"` // what it is for: "Kulturkalender-import"
	Hash       []byte    `json:"-"`
	Scopes     []Scope   `json:"scopes"`
	UserID     int64     `json:"user_id"` // the coordinator it acts for
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
}

// Has reports whether the token carries scope.
func (t *APIToken) Has(scope Scope) bool {
	for _, s := range t.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// APITokenService stores API tokens.
type APITokenService interface {
	// CreateAPIToken validates and stores t (t.Hash set); EINVALID.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// FindAPITokenByHash returns the unrevoked token with this hash and
	// records its use; EUNAUTHORIZED if there is none or it was revoked.
	FindAPITokenByHash(ctx context.Context, hash []byte, now time.Time) (*APIToken, error)
	// FindAPITokens lists every token, newest first.
	FindAPITokens(ctx context.Context) ([]*APIToken, error)
	// RevokeAPIToken revokes a token for good; ENOTFOUND.
	RevokeAPIToken(ctx context.Context, id int64, now time.Time) error
}
