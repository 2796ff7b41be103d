package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"broen/accounts"
)

// Ensure the service interface is implemented.
var _ accounts.AuditService = (*DB)(nil)

// RecordAudit appends e to the audit log, setting its ID, and At to now if
// it is zero. A UserID of 0 is stored as no user.
func (db *DB) RecordAudit(ctx context.Context, e *accounts.AuditEntry) error {
	if e.Action == "" {
		return fmt.Errorf("sqlite: record audit: no action")
	}
	if e.At.IsZero() {
		e.At = db.Now()
	}
	e.At = e.At.UTC()
	res, err := db.write.ExecContext(ctx, `INSERT INTO audit_log (at, user_id, user_email, ip, action, object_type,
		object_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), nullInt(e.UserID), e.UserEmail, e.IP, e.Action, e.ObjectType, nullInt(e.ObjectID), e.Detail)
	if err != nil {
		return fmt.Errorf("sqlite: record audit: %w", err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: record audit: %w", err)
	}
	return nil
}

// FindAuditEntries returns one page of entries, newest first, and the
// total. A filter on ObjectID alone matches that id of any object type.
func (db *DB) FindAuditEntries(ctx context.Context, f accounts.AuditFilter) ([]*accounts.AuditEntry, int, error) {
	where := []string{"1 = 1"}
	var args []any
	if f.UserID != nil {
		where = append(where, "user_id = ?")
		args = append(args, *f.UserID)
	}
	if f.ObjectType != nil {
		where = append(where, "object_type = ?")
		args = append(args, *f.ObjectType)
	}
	if f.ObjectID != nil {
		where = append(where, "object_id = ?")
		args = append(args, *f.ObjectID)
	}
	cond := strings.Join(where, " AND ")
	limit, offset := pageBounds(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT id, at, COALESCE(user_id, 0), user_email, ip, action, object_type,
		COALESCE(object_id, 0), detail, COUNT(*) OVER ()
		FROM audit_log WHERE `+cond+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find audit entries: %w", err)
	}
	defer rows.Close()
	var out []*accounts.AuditEntry
	total := 0
	for rows.Next() {
		var e accounts.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.UserEmail, &e.IP, &e.Action, &e.ObjectType, &e.ObjectID,
			&e.Detail, &total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: find audit entries: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find audit entries: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		// The page is past the end: the total still has to be right.
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count audit entries: %w", err)
		}
	}
	return out, total, nil
}

func nullInt(n int64) sql.NullInt64 { return sql.NullInt64{Int64: n, Valid: n != 0} }
