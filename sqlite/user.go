package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"broen"
	"broen/accounts"
	"broen/registry"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Ensure the service interface is implemented.
var _ accounts.UserService = (*DB)(nil)

const userColumns = `u.id, u.email, u.name, u.role, u.locale, u.password_hash, u.disabled, u.created_at, u.last_login_at`

func scanUser(sc interface{ Scan(...any) error }, extra ...any) (*accounts.User, error) {
	var u accounts.User
	var created, lastLogin string
	dest := []any{&u.ID, &u.Email, &u.Name, &u.Role, &u.Locale, &u.PasswordHash, &u.Disabled, &created, &lastLogin}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	u.CreatedAt, u.LastLoginAt = parseTime(created), parseTime(lastLogin)
	return &u, nil
}

func userNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: accounts.MsgUserNotFound}
}

// FindUserByID returns ENOTFOUND if there is no such user.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*accounts.User, error) {
	return loadUser(ctx, db.read, `u.id = ?`, id)
}

// FindUserByEmail finds a user by email address, ignoring case and
// surrounding space; ENOTFOUND. It finds disabled users too.
func (db *DB) FindUserByEmail(ctx context.Context, email string) (*accounts.User, error) {
	return loadUser(ctx, db.read, `u.email = ?`, strings.ToLower(strings.TrimSpace(email)))
}

func loadUser(ctx context.Context, q querier, where string, arg any) (*accounts.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, userNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find user: %w", err)
	}
	if err := loadUserOrgs(ctx, q, []*accounts.User{u}); err != nil {
		return nil, err
	}
	return u, nil
}

// FindUsers returns one page of users sorted by name, and the total.
func (db *DB) FindUsers(ctx context.Context, f accounts.UserFilter) ([]*accounts.User, int, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.Role != nil {
		where = append(where, "u.role = ?")
		args = append(args, string(*f.Role))
	}
	if f.OrganisationID != nil {
		where = append(where, "EXISTS (SELECT 1 FROM user_organisations uo WHERE uo.user_id = u.id AND uo.organisation_id = ?)")
		args = append(args, *f.OrganisationID)
	}
	cond := strings.Join(where, " AND ")
	limit, offset := pageBounds(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+`, COUNT(*) OVER ()
		FROM users u WHERE `+cond+` ORDER BY u.sort_name, u.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find users: %w", err)
	}
	defer rows.Close()
	var out []*accounts.User
	total := 0
	for rows.Next() {
		u, err := scanUser(rows, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: find users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find users: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		// The page is past the end: the total still has to be right.
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users u WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count users: %w", err)
		}
	}
	if err := loadUserOrgs(ctx, db.read, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func loadUserOrgs(ctx context.Context, q querier, users []*accounts.User) error {
	if len(users) == 0 {
		return nil
	}
	byID := make(map[int64]*accounts.User, len(users))
	ids := make([]any, len(users))
	for i, u := range users {
		u.OrganisationIDs = []int64{}
		byID[u.ID] = u
		ids[i] = u.ID
	}
	rows, err := q.QueryContext(ctx, `SELECT user_id, organisation_id FROM user_organisations
		WHERE user_id IN (`+placeholders(len(ids))+`) ORDER BY user_id, organisation_id`, ids...)
	if err != nil {
		return fmt.Errorf("sqlite: user organisations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uid, oid int64
		if err := rows.Scan(&uid, &oid); err != nil {
			return fmt.Errorf("sqlite: user organisations: %w", err)
		}
		byID[uid].OrganisationIDs = append(byID[uid].OrganisationIDs, oid)
	}
	return rows.Err()
}

// CreateUser normalizes, validates and stores u, setting its ID and
// CreatedAt. EINVALID (an unknown organisation is an error on the field
// organisation_ids), or ECONFLICT with message accounts.user.email_taken on
// the field email if another user has the address, whatever its case.
func (db *DB) CreateUser(ctx context.Context, u *accounts.User) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	now := db.Now().UTC()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkOrganisationsExist(ctx, tx, u.OrganisationIDs); err != nil {
			return err
		}
		var lastLogin string
		if !u.LastLoginAt.IsZero() {
			lastLogin = formatTime(u.LastLoginAt)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, sort_name, role, locale, password_hash,
			disabled, created_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Email, u.Name, registry.Fold(u.Name), string(u.Role), u.Locale, u.PasswordHash,
			boolInt(u.Disabled), formatTime(now), lastLogin)
		if err != nil {
			return userWriteError(err)
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return writeUserOrgs(ctx, tx, u)
	})
	if err != nil {
		u.ID = 0
		return err
	}
	u.CreatedAt = now
	if u.OrganisationIDs == nil {
		u.OrganisationIDs = []int64{}
	}
	return nil
}

// UpdateUser applies upd, normalizes and validates the result and stores
// it, all in one transaction; EINVALID or ENOTFOUND.
func (db *DB) UpdateUser(ctx context.Context, id int64, upd accounts.UserUpdate) (*accounts.User, error) {
	var out *accounts.User
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		u, err := loadUser(ctx, tx, `u.id = ?`, id)
		if err != nil {
			return err
		}
		upd.Apply(u)
		u.Normalize()
		if err := u.Validate(); err != nil {
			return err
		}
		var lastLogin string
		if !u.LastLoginAt.IsZero() {
			lastLogin = formatTime(u.LastLoginAt)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET name = ?, sort_name = ?, role = ?, locale = ?,
			password_hash = ?, disabled = ?, last_login_at = ? WHERE id = ?`,
			u.Name, registry.Fold(u.Name), string(u.Role), u.Locale, u.PasswordHash, boolInt(u.Disabled),
			lastLogin, id); err != nil {
			return userWriteError(err)
		}
		if upd.OrganisationIDs != nil {
			if err := checkOrganisationsExist(ctx, tx, u.OrganisationIDs); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM user_organisations WHERE user_id = ?`, id); err != nil {
				return fmt.Errorf("sqlite: update user: %w", err)
			}
			if err := writeUserOrgs(ctx, tx, u); err != nil {
				return err
			}
		}
		out = u
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkOrganisationsExist returns EINVALID on the field organisation_ids
// unless every id names an organisation.
func checkOrganisationsExist(ctx context.Context, tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE id IN (`+placeholders(len(ids))+`)`,
		args...).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: user organisations: %w", err)
	}
	if n != len(ids) { // ids are de-duplicated by Normalize
		return broen.FieldErrors{"organisation_ids": "validation.choice"}.Err()
	}
	return nil
}

func writeUserOrgs(ctx context.Context, tx *sql.Tx, u *accounts.User) error {
	for _, oid := range u.OrganisationIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_organisations (user_id, organisation_id) VALUES (?, ?)`,
			u.ID, oid); err != nil {
			return fmt.Errorf("sqlite: user organisations: %w", err)
		}
	}
	return nil
}

func userWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return &broen.Error{Code: broen.ECONFLICT, MessageID: accounts.MsgEmailTaken,
			Fields: map[string]string{"email": accounts.MsgEmailTaken}, Err: err}
	}
	return fmt.Errorf("sqlite: write user: %w", err)
}
