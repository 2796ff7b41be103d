package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"broen/accounts"
)

// SessionStore keeps sign-in sessions for github.com/alexedwards/scs/v2: it
// has the methods of scs.Store and scs.CtxStore without importing scs. Rows
// are keyed by the SHA-256 of the session token, so the database holds no
// token that would let anyone who reads it take over a session. Expiry is
// compared with the wall clock, as scs sets it.
type SessionStore struct {
	db *DB
}

// SessionStore returns the session store on db.
func (db *DB) SessionStore() *SessionStore { return &SessionStore{db: db} }

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// Find returns the data of the unexpired session with this token; found is
// false (and err nil) for an unknown or expired token.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// FindCtx is Find with a context.
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.db.read.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token_hash = ? AND expiry > ?`,
		accounts.HashToken(token), unixSeconds(time.Now())).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("sqlite: find session: %w", err)
	}
	return b, true, nil
}

// Commit stores the session's data and expiry, replacing what the token had.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// CommitCtx is Commit with a context.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if b == nil {
		b = []byte{}
	}
	_, err := s.db.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, data, expiry) VALUES (?, ?, ?)
		ON CONFLICT (token_hash) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		accounts.HashToken(token), b, unixSeconds(expiry))
	if err != nil {
		return fmt.Errorf("sqlite: commit session: %w", err)
	}
	return nil
}

// Delete removes the session; deleting an unknown token is not an error.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// DeleteCtx is Delete with a context.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	if _, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`,
		accounts.HashToken(token)); err != nil {
		return fmt.Errorf("sqlite: delete session: %w", err)
	}
	return nil
}

// DeleteExpired removes every expired session. Find never returns them, so
// this only reclaims space; run it now and then.
func (s *SessionStore) DeleteExpired(ctx context.Context) error {
	if _, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= ?`, unixSeconds(time.Now())); err != nil {
		return fmt.Errorf("sqlite: delete expired sessions: %w", err)
	}
	return nil
}
