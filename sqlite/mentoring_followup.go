package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"broen"
	"broen/mentoring"
)

const msgCheckInNotFound = msgNotFound

func checkInNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: msgCheckInNotFound}
}

// countingOutcomes lists, as SQL, the contact outcomes that end a quiet
// spell: those mentoring.ContactLog.Counts says took place.
var countingOutcomes = func() string {
	var out []string
	for _, o := range mentoring.ContactOutcomes {
		if (&mentoring.ContactLog{Outcome: o}).Counts() {
			out = append(out, "'"+strings.ReplaceAll(string(o), "'", "''")+"'")
		}
	}
	return strings.Join(out, ", ")
}()

// quietCond is mentoring.Policy.IsQuiet in SQL, on a pairing aliased p, for
// the day of now: the pairing is active and its last sign of life — the day
// of its last contact that counts, or of its start in the policy's zone
// when there was none since — is on or before QuietCutoff(now). Since the
// last sign is the later of the start day and the last counting contact
// day, that is: it started on or before the cutoff day (an instant before
// the next day's midnight in the zone), and no counting contact was logged
// after the cutoff day. FindPairings' quiet filter and FollowUp both use
// this one condition.
func (db *DB) quietCond(now time.Time) (string, []any) {
	cutoff := db.Mentoring.QuietCutoff(now)
	next := cutoff.AddDate(0, 0, 1)
	startedBefore := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, db.Mentoring.Location())
	return `(p.status = 'active' AND p.started_at < ? AND NOT EXISTS (SELECT 1 FROM pairing_contacts qc
		WHERE qc.pairing_id = p.id AND qc.outcome IN (` + countingOutcomes + `) AND qc.day > ?))`,
		[]any{formatSortableTime(startedBefore), formatDay(cutoff)}
}

// ---------------------------------------------------------------------------
// Contacts

// LogContact validates and stores c (Date as a day; Side "coordinator"
// when empty, else "volunteer"), setting its ID and CreatedAt. ENOTFOUND,
// ECONFLICT (mentoring.ErrNotActive) unless the pairing is active, EINVALID.
func (db *DB) LogContact(ctx context.Context, c *mentoring.ContactLog) error {
	if c.Side == "" {
		c.Side = "coordinator"
	}
	if !c.Date.IsZero() {
		c.Date = mentoring.Day(c.Date)
	}
	now := db.Now().UTC()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		p, err := loadPairing(ctx, tx, c.PairingID)
		if err != nil {
			return err
		}
		if p.Status != mentoring.PairingActive {
			return mentoringConflict(mentoring.ErrNotActive)
		}
		err = c.Validate(p.StartedAt.In(db.Mentoring.Location()), db.Mentoring.Today(now))
		if c.Side != "coordinator" && c.Side != "volunteer" {
			err = invalid(err, broen.FieldErrors{"side": msgChoice}.Err())
		}
		if err != nil {
			return err
		}
		c.CreatedAt = now
		res, err := tx.ExecContext(ctx, `INSERT INTO pairing_contacts (pairing_id, day, kind, outcome, logged_by, side, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.PairingID, formatDay(c.Date), string(c.Kind), string(c.Outcome),
			nullID(c.LoggedBy), c.Side, formatSortableTime(now))
		if err != nil {
			return fmt.Errorf("sqlite: log contact: %w", err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("sqlite: log contact: %w", err)
		}
		return nil
	})
}

// FindContacts returns a pairing's contact log, newest first (none for an
// unknown pairing).
func (db *DB) FindContacts(ctx context.Context, pairingID int64) ([]*mentoring.ContactLog, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, pairing_id, day, kind, outcome, COALESCE(logged_by, 0), side, created_at
		FROM pairing_contacts WHERE pairing_id = ? ORDER BY day DESC, id DESC`, pairingID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find contacts: %w", err)
	}
	defer rows.Close()
	out := []*mentoring.ContactLog{}
	for rows.Next() {
		var c mentoring.ContactLog
		var day, created string
		if err := rows.Scan(&c.ID, &c.PairingID, &day, &c.Kind, &c.Outcome, &c.LoggedBy, &c.Side, &created); err != nil {
			return nil, fmt.Errorf("sqlite: find contacts: %w", err)
		}
		c.Date, c.CreatedAt = parseDay(day), parseTime(created)
		out = append(out, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find contacts: %w", err)
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Check-ins

const checkInCols = `c.id, c.pairing_id, c.point, c.due, c.done_at, COALESCE(c.done_by, 0), c.outcome, c.notified_at,
	p.volunteer_id, p.newcomer_id, v.name, n.name`

const checkInFrom = ` FROM pairing_checkins c JOIN pairings p ON p.id = c.pairing_id
	JOIN volunteers v ON v.id = p.volunteer_id JOIN newcomers n ON n.id = p.newcomer_id`

func scanCheckIn(sc interface{ Scan(...any) error }, extra ...any) (*mentoring.CheckIn, error) {
	var c mentoring.CheckIn
	var due, done, notified string
	if err := sc.Scan(append([]any{&c.ID, &c.PairingID, &c.Point, &due, &done, &c.DoneBy, &c.Outcome, &notified,
		&c.VolunteerID, &c.NewcomerID, &c.VolunteerName, &c.NewcomerName}, extra...)...); err != nil {
		return nil, err
	}
	c.Due, c.DoneAt, c.NotifiedAt = parseDay(due), parseTime(done), parseTime(notified)
	return &c, nil
}

func loadCheckIn(ctx context.Context, q querier, id int64) (*mentoring.CheckIn, error) {
	c, err := scanCheckIn(q.QueryRowContext(ctx, `SELECT `+checkInCols+checkInFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checkInNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find check-in: %w", err)
	}
	return c, nil
}

// findCheckIns returns the check-ins f selects, earliest due first, and the
// total; limit < 0 means all of them.
func findCheckIns(ctx context.Context, q querier, f mentoring.CheckInFilter, limit, offset int) ([]*mentoring.CheckIn, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.PairingID != nil {
		where, args = append(where, "c.pairing_id = ?"), append(args, *f.PairingID)
	}
	if f.DueFrom != nil {
		where, args = append(where, "c.due >= ?"), append(args, formatDay(*f.DueFrom))
	}
	if f.DueBy != nil {
		where, args = append(where, "c.due <= ?"), append(args, formatDay(*f.DueBy))
	}
	if f.Done != nil {
		where = append(where, map[bool]string{true: "c.done_at <> ''", false: "c.done_at = ''"}[*f.Done])
	}
	if f.Notified != nil {
		where = append(where, map[bool]string{true: "c.notified_at <> ''", false: "c.notified_at = ''"}[*f.Notified])
	}
	if f.ActiveOnly {
		where = append(where, "p.status = 'active'")
	}
	cond := strings.Join(where, " AND ")
	rows, err := q.QueryContext(ctx, `SELECT `+checkInCols+`, COUNT(*) OVER ()`+checkInFrom+` WHERE `+cond+`
		ORDER BY c.due, c.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*mentoring.CheckIn{}
	total := 0
	for rows.Next() {
		c, err := scanCheckIn(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(out) == 0 && offset > 0 {
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*)`+checkInFrom+` WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// FindCheckIns returns one page of check-ins, earliest due first, and the
// total.
func (db *DB) FindCheckIns(ctx context.Context, f mentoring.CheckInFilter) ([]*mentoring.CheckIn, int, error) {
	limit, offset := mentoringPage(f.Limit, f.Offset)
	out, total, err := findCheckIns(ctx, db.read, f, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find check-ins: %w", err)
	}
	return out, total, nil
}

// CompleteCheckIn records a check-in as done; EINVALID for an unknown
// outcome, ECONFLICT (mentoring.ErrCheckInDone) if it was done already,
// ENOTFOUND.
func (db *DB) CompleteCheckIn(ctx context.Context, id int64, outcome mentoring.CheckInOutcome, by int64, at time.Time) (*mentoring.CheckIn, error) {
	var out *mentoring.CheckIn
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		c, err := loadCheckIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := c.Complete(outcome, by, at.UTC()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pairing_checkins SET done_at = ?, done_by = ?, outcome = ? WHERE id = ?`,
			formatSortableTime(c.DoneAt), nullID(c.DoneBy), string(c.Outcome), id); err != nil {
			return fmt.Errorf("sqlite: complete check-in: %w", err)
		}
		out = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// MarkCheckInNotified records that the volunteer was emailed about the
// check-in; ENOTFOUND.
func (db *DB) MarkCheckInNotified(ctx context.Context, id int64, at time.Time) error {
	res, err := db.write.ExecContext(ctx, `UPDATE pairing_checkins SET notified_at = ? WHERE id = ?`, formatSortableTime(at), id)
	if err != nil {
		return fmt.Errorf("sqlite: mark check-in notified: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: mark check-in notified: %w", err)
	} else if n == 0 {
		return checkInNotFound()
	}
	return nil
}

// ---------------------------------------------------------------------------
// The follow-up list

// FollowUp is the coordinator's follow-up list on the day of now, read in
// one snapshot: the check-ins of active pairings not done and due by that
// day, earliest first; and the quiet pairings (quietCond, as FindPairings'
// quiet filter), longest quiet first.
func (db *DB) FollowUp(ctx context.Context, now time.Time) (*mentoring.FollowUp, error) {
	day := db.Mentoring.Today(now)
	out := &mentoring.FollowUp{Day: day, QuietDays: db.Mentoring.Quiet()}
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: follow-up: %w", err)
	}
	defer tx.Rollback()
	notDone := false
	out.DueCheckIns, _, err = findCheckIns(ctx, tx, mentoring.CheckInFilter{DueBy: &day, Done: &notDone, ActiveOnly: true}, -1, 0)
	if err != nil {
		return nil, fmt.Errorf("sqlite: follow-up: %w", err)
	}
	cond, args := db.quietCond(now)
	out.Quiet, err = queryPairings(ctx, tx, `SELECT `+pairingCols+pairingFrom+` WHERE `+cond+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: follow-up: %w", err)
	}
	slices.SortStableFunc(out.Quiet, func(a, b *mentoring.Pairing) int {
		return db.Mentoring.LastSign(a).Compare(db.Mentoring.LastSign(b))
	})
	return out, nil
}
