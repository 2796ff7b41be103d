package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"broen"
	"broen/accounts"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Ensure the service interface is implemented.
var _ accounts.TokenService = (*DB)(nil)

// sortableTimeLayout is RFC 3339 with a fixed nine-digit fraction, so that in
// UTC the text order of stored times is their time order and SQL can compare
// them (RFC3339Nano drops trailing zeros: "…:05Z" sorts after "…:05.5Z").
// parseTime reads it.
const sortableTimeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatSortableTime(t time.Time) string { return t.UTC().Format(sortableTimeLayout) }

// CreateToken stores t (with t.Hash already set, the SHA-256 from
// accounts.NewToken), setting CreatedAt to now if it is zero. ENOTFOUND
// (accounts.user.not_found) if t.UserID names no user.
func (db *DB) CreateToken(ctx context.Context, t *accounts.Token) error {
	if len(t.Hash) != 32 {
		return errors.New("sqlite: create token: hash must be the 32-byte SHA-256 of the token")
	}
	if t.Purpose != accounts.PurposeInvitation && t.Purpose != accounts.PurposePasswordReset && t.Purpose != accounts.PurposeConfirmActivity {
		return fmt.Errorf("sqlite: create token: unknown purpose %q", t.Purpose)
	}
	if t.ExpiresAt.IsZero() {
		return errors.New("sqlite: create token: no expiry")
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = db.Now()
	}
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
	var used any
	if !t.UsedAt.IsZero() {
		used = formatSortableTime(t.UsedAt)
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO tokens (hash, purpose, user_id, object_id, created_at, expires_at, used_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, t.Hash, string(t.Purpose), t.UserID, t.ObjectID,
		formatSortableTime(t.CreatedAt), formatSortableTime(t.ExpiresAt), used)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
			return &broen.Error{Code: broen.ENOTFOUND, MessageID: accounts.MsgUserNotFound, Err: err}
		}
		return fmt.Errorf("sqlite: create token: %w", err)
	}
	return nil
}

// FindToken returns the token with this hash and purpose, used, expired or
// not, without using it. ENOTFOUND (accounts.token.not_found) if there is
// none.
func (db *DB) FindToken(ctx context.Context, hash []byte, purpose accounts.TokenPurpose) (*accounts.Token, error) {
	t := accounts.Token{Hash: hash, Purpose: purpose}
	var created, expires string
	var used sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT user_id, object_id, created_at, expires_at, used_at FROM tokens
		WHERE hash = ? AND purpose = ?`, hash, string(purpose)).Scan(&t.UserID, &t.ObjectID, &created, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: accounts.MsgTokenNotFound}
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find token: %w", err)
	}
	t.CreatedAt, t.ExpiresAt, t.UsedAt = parseTime(created), parseTime(expires), parseTime(used.String)
	return &t, nil
}

// UseToken marks the unused, unexpired token with this hash and purpose as
// used at now and returns it. One UPDATE decides, so of any number of
// concurrent uses of one link exactly one succeeds. ENOTFOUND
// (accounts.token.not_found) for an unknown hash or one made for another
// purpose; EINVALID with accounts.token.used or accounts.token.expired
// otherwise (used wins when both hold).
func (db *DB) UseToken(ctx context.Context, hash []byte, purpose accounts.TokenPurpose, now time.Time) (*accounts.Token, error) {
	now = now.UTC()
	var out *accounts.Token
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		t := accounts.Token{Hash: hash, Purpose: purpose}
		var created, expires, used string
		err := tx.QueryRowContext(ctx, `UPDATE tokens SET used_at = ?
			WHERE hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
			RETURNING user_id, object_id, created_at, expires_at, used_at`,
			formatSortableTime(now), hash, string(purpose), formatSortableTime(now)).
			Scan(&t.UserID, &t.ObjectID, &created, &expires, &used)
		if err == nil {
			t.CreatedAt, t.ExpiresAt, t.UsedAt = parseTime(created), parseTime(expires), parseTime(used)
			out = &t
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("sqlite: use token: %w", err)
		}
		// Nothing changed: say why, reading in the same transaction.
		var gotPurpose string
		var usedAt sql.NullString
		err = tx.QueryRowContext(ctx, `SELECT purpose, expires_at, used_at FROM tokens WHERE hash = ?`, hash).
			Scan(&gotPurpose, &expires, &usedAt)
		switch {
		case errors.Is(err, sql.ErrNoRows) || (err == nil && gotPurpose != string(purpose)):
			return &broen.Error{Code: broen.ENOTFOUND, MessageID: accounts.MsgTokenNotFound}
		case err != nil:
			return fmt.Errorf("sqlite: use token: %w", err)
		case usedAt.Valid:
			return &broen.Error{Code: broen.EINVALID, MessageID: accounts.MsgTokenUsed}
		case !parseTime(expires).After(now):
			return &broen.Error{Code: broen.EINVALID, MessageID: accounts.MsgTokenExpired}
		}
		return fmt.Errorf("sqlite: use token: unused, unexpired token was not updated")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeleteExpiredTokens removes every token that expired at or before now,
// used or not, and returns how many it removed. Used tokens are kept until
// they expire so that a second click on a link says "already used".
func (db *DB) DeleteExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	res, err := db.write.ExecContext(ctx, `DELETE FROM tokens WHERE expires_at <= ?`, formatSortableTime(now))
	if err != nil {
		return 0, fmt.Errorf("sqlite: delete expired tokens: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("sqlite: delete expired tokens: %w", err)
	}
	return n, nil
}
