package accounts

import (
	"context"
	"time"
)

// TokenPurpose says what a single-use emailed link is for.
type TokenPurpose string

const (
	PurposeInvitation    TokenPurpose = "invitation"     // set a password and join
	PurposePasswordReset TokenPurpose = "password_reset" // choose a new password
	// PurposeConfirmActivity answers a stale-listing reminder: the activity
	// (ObjectID) still runs, or has stopped.
	PurposeConfirmActivity TokenPurpose = "confirm_activity"
)

// Token is a single-use link token as stored: only its SHA-256 hash is kept,
// so a copy of the database cannot be used to sign in.
type Token struct {
	Hash      []byte
	Purpose   TokenPurpose
	UserID    int64
	ObjectID  int64 // what the link is about, for purposes that need it
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero until used
}

// TokenService stores single-use tokens.
type TokenService interface {
	// CreateToken stores t (with t.Hash already set).
	CreateToken(ctx context.Context, t *Token) error
	// FindToken returns the token with this hash and purpose, used or not,
	// without using it; ENOTFOUND if there is none.
	FindToken(ctx context.Context, hash []byte, purpose TokenPurpose) (*Token, error)
	// UseToken marks the unused, unexpired token with this hash and purpose
	// as used and returns it, atomically: a second use of the same link
	// fails. ENOTFOUND for an unknown hash; EINVALID with message ID
	// accounts.token.expired or accounts.token.used otherwise.
	UseToken(ctx context.Context, hash []byte, purpose TokenPurpose, now time.Time) (*Token, error)
}
