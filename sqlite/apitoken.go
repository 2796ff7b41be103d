package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"broen"
	"broen/accounts"
)

// Ensure the service interface is implemented.
var _ accounts.APITokenService = (*DB)(nil)

// MaxAPITokenNameLen bounds an API token's name, in characters.
const MaxAPITokenNameLen = 100

// lastUsedEvery is how stale a token's last_used_at may get before a use
// writes it again: a busy integration costs one write a minute, not one a
// request.
const lastUsedEvery = time.Minute

const apiTokenColumns = `id, name, hash, scopes, user_id, created_at, last_used_at, revoked_at`

func scanAPIToken(sc interface{ Scan(...any) error }) (*accounts.APIToken, error) {
	var t accounts.APIToken
	var scopes, created, used, revoked string
	if err := sc.Scan(&t.ID, &t.Name, &t.Hash, &scopes, &t.UserID, &created, &used, &revoked); err != nil {
		return nil, err
	}
	for _, s := range strings.Fields(scopes) {
		t.Scopes = append(t.Scopes, accounts.Scope(s))
	}
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = parseTime(created), parseTime(used), parseTime(revoked)
	return &t, nil
}

// invalidAPIToken is the one answer for a token that does not work, whether
// it never existed or was revoked, so a caller learns nothing more.
func invalidAPIToken() error {
	return &broen.Error{Code: broen.EUNAUTHORIZED, MessageID: "api.token.invalid"}
}

// normalizeAPIToken tidies t before validation: the name on one line in
// Unicode NFC, the scopes lower-cased, de-duplicated and in the order of
// accounts.Scopes (unknown ones kept at the end, for Validate to refuse).
func normalizeAPIToken(t *accounts.APIToken) {
	t.Name = strings.Join(strings.FieldsFunc(norm.NFC.String(t.Name), unicode.IsSpace), " ")
	seen := map[accounts.Scope]bool{}
	var known, unknown []accounts.Scope
	for _, s := range t.Scopes {
		s = accounts.Scope(strings.ToLower(strings.TrimSpace(string(s))))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		if slices.Contains(accounts.Scopes, s) {
			known = append(known, s)
		} else {
			unknown = append(unknown, s)
		}
	}
	slices.SortFunc(known, func(a, b accounts.Scope) int {
		return slices.Index(accounts.Scopes, a) - slices.Index(accounts.Scopes, b)
	})
	t.Scopes = append(known, unknown...)
}

// validateAPIToken checks what it can without the database: a name of 1 to
// MaxAPITokenNameLen characters and at least one scope, every one known.
func validateAPIToken(t *accounts.APIToken) broen.FieldErrors {
	fe := broen.FieldErrors{}
	switch {
	case t.Name == "":
		fe.Add("name", "validation.required")
	case !utf8.ValidString(t.Name) || strings.ContainsFunc(t.Name, unicode.IsControl):
		fe.Add("name", "validation.text")
	case utf8.RuneCountInString(t.Name) > MaxAPITokenNameLen:
		fe.Add("name", "validation.too_long")
	}
	if len(t.Scopes) == 0 {
		fe.Add("scopes", "validation.choose_one")
	}
	for _, s := range t.Scopes {
		if !slices.Contains(accounts.Scopes, s) {
			fe.Add("scopes", "validation.choice")
		}
	}
	return fe
}

// CreateAPIToken normalizes, validates and stores t (t.Hash set: the
// SHA-256 from accounts.NewToken), setting its ID, and CreatedAt to now if
// it is zero. EINVALID with field messages on name and scopes, and on
// user_id unless t.UserID is an enabled coordinator: a token acts for a
// coordinator, so only one can own it.
func (db *DB) CreateAPIToken(ctx context.Context, t *accounts.APIToken) error {
	if len(t.Hash) != 32 {
		return errors.New("sqlite: create api token: hash must be the 32-byte SHA-256 of the token")
	}
	normalizeAPIToken(t)
	fe := validateAPIToken(t)
	if t.CreatedAt.IsZero() {
		t.CreatedAt = db.Now()
	}
	t.CreatedAt = t.CreatedAt.UTC()
	t.LastUsedAt, t.RevokedAt = time.Time{}, time.Time{}
	scopes := make([]string, len(t.Scopes))
	for i, s := range t.Scopes {
		scopes[i] = string(s)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var role string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT role, disabled FROM users WHERE id = ?`, t.UserID).Scan(&role, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fe.Add("user_id", "validation.choice")
		case err != nil:
			return fmt.Errorf("sqlite: create api token: %w", err)
		case accounts.Role(role) != accounts.RoleCoordinator || disabled:
			fe.Add("user_id", "validation.choice")
		}
		if err := fe.Err(); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (name, hash, scopes, user_id, created_at)
			VALUES (?, ?, ?, ?, ?)`, t.Name, t.Hash, strings.Join(scopes, " "), t.UserID, formatSortableTime(t.CreatedAt))
		if err != nil {
			return fmt.Errorf("sqlite: create api token: %w", err)
		}
		t.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		t.ID = 0
		return err
	}
	return nil
}

// FindAPITokenByHash returns the unrevoked token with this hash. It records
// the use in LastUsedAt, writing only when the last recorded use is a
// minute or more before now. EUNAUTHORIZED (api.token.invalid) for an
// unknown or revoked token alike.
func (db *DB) FindAPITokenByHash(ctx context.Context, hash []byte, now time.Time) (*accounts.APIToken, error) {
	if len(hash) != 32 {
		return nil, invalidAPIToken()
	}
	t, err := scanAPIToken(db.read.QueryRowContext(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, invalidAPIToken()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find api token: %w", err)
	}
	if !t.RevokedAt.IsZero() {
		return nil, invalidAPIToken()
	}
	now = now.UTC()
	if t.LastUsedAt.IsZero() || now.Sub(t.LastUsedAt) >= lastUsedEvery {
		// The condition is repeated in SQL, so concurrent uses write once.
		res, err := db.write.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ?
			WHERE id = ? AND revoked_at = '' AND last_used_at <= ?`,
			formatSortableTime(now), t.ID, formatSortableTime(now.Add(-lastUsedEvery)))
		if err != nil {
			return nil, fmt.Errorf("sqlite: record api token use: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 1 {
			t.LastUsedAt = now
		}
	}
	return t, nil
}

// FindAPITokens lists every token, revoked or not, newest first.
func (db *DB) FindAPITokens(ctx context.Context) ([]*accounts.APIToken, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find api tokens: %w", err)
	}
	defer rows.Close()
	out := []*accounts.APIToken{}
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find api tokens: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find api tokens: %w", err)
	}
	return out, nil
}

// RevokeAPIToken revokes the token for good as of now; revoking it again
// changes nothing and keeps the first time. ENOTFOUND if there is no such
// token.
func (db *DB) RevokeAPIToken(ctx context.Context, id int64, now time.Time) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''`,
			formatSortableTime(now), id)
		if err != nil {
			return fmt.Errorf("sqlite: revoke api token: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM api_tokens WHERE id = ?`, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return &broen.Error{Code: broen.ENOTFOUND, MessageID: "error.not_found"}
		}
		if err != nil {
			return fmt.Errorf("sqlite: revoke api token: %w", err)
		}
		return nil
	})
}
