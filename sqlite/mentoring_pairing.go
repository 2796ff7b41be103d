package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"broen"
	"broen/mentoring"
)

// Ensure the service interface is implemented.
var _ mentoring.PairingService = (*DB)(nil)

const (
	msgPairingNotFound = msgNotFound
	// settingWeights is the mentoring_settings key of the match weights.
	settingWeights = "match_weights"
)

func pairingNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: msgPairingNotFound}
}

// pairingCols reads a pairing with its parties' names and the day of its
// last contact that counts (see countingOutcomes).
var pairingCols = `p.id, p.volunteer_id, p.newcomer_id, p.status, p.score, p.reasons, p.length_months,
	COALESCE(p.proposed_by, 0), p.proposed_at, p.expires_at, p.reminded_at, p.volunteer_answer,
	p.volunteer_answered_at, p.newcomer_answer, p.newcomer_answered_at, p.declined_by, p.decline_reason,
	p.withdraw_reason, p.closed_at, p.started_at, p.ended_at, p.end_reason, p.evaluation, v.name, n.name,
	(SELECT MAX(lc.day) FROM pairing_contacts lc WHERE lc.pairing_id = p.id AND lc.outcome IN (` + countingOutcomes + `))`

const pairingFrom = ` FROM pairings p JOIN volunteers v ON v.id = p.volunteer_id JOIN newcomers n ON n.id = p.newcomer_id`

func scanPairing(sc interface{ Scan(...any) error }, extra ...any) (*mentoring.Pairing, error) {
	var p mentoring.Pairing
	var reasons, eval, proposed, expires, reminded, vAt, nAt, closed, started, ended string
	var last sql.NullString
	dest := []any{&p.ID, &p.VolunteerID, &p.NewcomerID, &p.Status, &p.Score, &reasons, &p.LengthMonths,
		&p.ProposedBy, &proposed, &expires, &reminded, &p.VolunteerAnswer, &vAt, &p.NewcomerAnswer, &nAt,
		&p.DeclinedBy, &p.DeclineReason, &p.WithdrawReason, &closed, &started, &ended, &p.EndReason, &eval,
		&p.VolunteerName, &p.NewcomerName, &last}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	p.ProposedAt, p.ExpiresAt, p.RemindedAt = parseTime(proposed), parseTime(expires), parseTime(reminded)
	p.VolunteerAnsweredAt, p.NewcomerAnsweredAt, p.ClosedAt = parseTime(vAt), parseTime(nAt), parseTime(closed)
	p.StartedAt, p.EndedAt, p.LastContact = parseTime(started), parseTime(ended), parseDay(last.String)
	if err := readJSON(reasons, &p.Reasons); err != nil {
		return nil, fmt.Errorf("pairing %d: %w", p.ID, err)
	}
	if eval != "" {
		p.Evaluation = &mentoring.Evaluation{}
		if err := json.Unmarshal([]byte(eval), p.Evaluation); err != nil {
			return nil, fmt.Errorf("pairing %d: %w", p.ID, err)
		}
	}
	return &p, nil
}

func pairingFields(p *mentoring.Pairing) ([]string, []any, error) {
	reasons, err := jsonList(p.Reasons)
	if err != nil {
		return nil, nil, err
	}
	eval := ""
	if p.Evaluation != nil {
		b, err := json.Marshal(p.Evaluation)
		if err != nil {
			return nil, nil, err
		}
		eval = string(b)
	}
	return []string{"volunteer_id", "newcomer_id", "status", "score", "reasons", "length_months", "proposed_by",
			"proposed_at", "expires_at", "reminded_at", "volunteer_answer", "volunteer_answered_at", "newcomer_answer",
			"newcomer_answered_at", "declined_by", "decline_reason", "withdraw_reason", "closed_at", "started_at",
			"ended_at", "end_reason", "evaluation"},
		[]any{p.VolunteerID, p.NewcomerID, string(p.Status), p.Score, reasons, p.LengthMonths, nullID(p.ProposedBy),
			formatInstant(p.ProposedAt), formatInstant(p.ExpiresAt), formatInstant(p.RemindedAt),
			string(p.VolunteerAnswer), formatInstant(p.VolunteerAnsweredAt), string(p.NewcomerAnswer),
			formatInstant(p.NewcomerAnsweredAt), string(p.DeclinedBy), string(p.DeclineReason),
			string(p.WithdrawReason), formatInstant(p.ClosedAt), formatInstant(p.StartedAt), formatInstant(p.EndedAt),
			string(p.EndReason), eval}, nil
}

// pairingWriteError maps the database's guard against two open pairings of
// one pair to mentoring.ErrDuplicate.
func pairingWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return &broen.Error{Code: broen.ECONFLICT, MessageID: mentoring.ErrDuplicate, Err: err}
	}
	return fmt.Errorf("sqlite: write pairing: %w", err)
}

func savePairing(ctx context.Context, tx *sql.Tx, p *mentoring.Pairing) error {
	cols, vals, err := pairingFields(p)
	if err != nil {
		return fmt.Errorf("sqlite: write pairing: %w", err)
	}
	if _, err := tx.ExecContext(ctx, updateSQL("pairings", cols), append(vals, p.ID)...); err != nil {
		return pairingWriteError(err)
	}
	return nil
}

func loadPairing(ctx context.Context, q querier, id int64) (*mentoring.Pairing, error) {
	p, err := scanPairing(q.QueryRowContext(ctx, `SELECT `+pairingCols+pairingFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, pairingNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find pairing: %w", err)
	}
	return p, nil
}

func queryPairings(ctx context.Context, q querier, query string, args ...any) ([]*mentoring.Pairing, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*mentoring.Pairing{}
	for rows.Next() {
		p, err := scanPairing(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// FindPairingByID returns ENOTFOUND.
func (db *DB) FindPairingByID(ctx context.Context, id int64) (*mentoring.Pairing, error) {
	return loadPairing(ctx, db.read, id)
}

// FindPairings returns one page, newest proposal first, and the total. The
// quiet filter is quietCond, the one definition FollowUp uses too.
func (db *DB) FindPairings(ctx context.Context, f mentoring.PairingFilter) ([]*mentoring.Pairing, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "p.status = ?"), append(args, string(*f.Status))
	}
	if f.Open != nil {
		if *f.Open {
			where = append(where, "p.status IN ('proposed', 'active')")
		} else {
			where = append(where, "p.status NOT IN ('proposed', 'active')")
		}
	}
	if f.VolunteerID != nil {
		where, args = append(where, "p.volunteer_id = ?"), append(args, *f.VolunteerID)
	}
	if f.NewcomerID != nil {
		where, args = append(where, "p.newcomer_id = ?"), append(args, *f.NewcomerID)
	}
	if f.Quiet != nil {
		if f.Now.IsZero() {
			return nil, 0, errors.New("sqlite: find pairings: the quiet filter needs Now")
		}
		cond, cargs := db.quietCond(f.Now)
		if !*f.Quiet {
			cond = "NOT " + cond
		}
		where, args = append(where, cond), append(args, cargs...)
	}
	cond := strings.Join(where, " AND ")
	limit, offset := mentoringPage(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+pairingCols+`, COUNT(*) OVER ()`+pairingFrom+` WHERE `+cond+`
		ORDER BY p.proposed_at DESC, p.id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find pairings: %w", err)
	}
	defer rows.Close()
	out := []*mentoring.Pairing{}
	total := 0
	for rows.Next() {
		p, err := scanPairing(rows, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: find pairings: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find pairings: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM pairings p WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count pairings: %w", err)
		}
	}
	return out, total, nil
}

// ---------------------------------------------------------------------------
// Invariants, checked inside the transition's transaction

// engine is the matching engine's hard rules on the day of at.
func (db *DB) engine(at time.Time) *mentoring.Engine {
	return &mentoring.Engine{Today: db.Mentoring.Today(at)}
}

func ruleError(r mentoring.Rule) error {
	switch r {
	case mentoring.RuleNone:
		return nil
	case mentoring.RulePolice:
		return mentoringConflict(mentoring.ErrPoliceCheck)
	case mentoring.RuleCapacity:
		return mentoringConflict(mentoring.ErrCapacity)
	case mentoring.RuleUnavailable:
		return mentoringConflict(mentoring.ErrNewcomerNotWait)
	case mentoring.RuleExcluded:
		return mentoringConflict(mentoring.ErrExcluded)
	}
	return mentoringConflict(mentoring.ErrPreferences)
}

// checkPair refuses a pair that has another open pairing than except, or
// that is excluded.
func checkPair(ctx context.Context, tx *sql.Tx, volunteerID, newcomerID, except int64) error {
	var dup, excluded bool
	err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM pairings WHERE volunteer_id = ?1 AND newcomer_id = ?2 AND id <> ?3 AND status IN ('proposed', 'active')),
		EXISTS (SELECT 1 FROM pairing_exclusions WHERE volunteer_id = ?1 AND newcomer_id = ?2)`,
		volunteerID, newcomerID, except).Scan(&dup, &excluded)
	switch {
	case err != nil:
		return fmt.Errorf("sqlite: check pair: %w", err)
	case dup:
		return mentoringConflict(mentoring.ErrDuplicate)
	case excluded:
		return mentoringConflict(mentoring.ErrExcluded)
	}
	return nil
}

// ProposePairing stores p (from mentoring.NewPairing) after checking, in
// the same transaction: the pair has no open pairing and is not excluded;
// the volunteer is available with a place left; the newcomer is waiting and
// below their limit of active pairings; the hard rules. ECONFLICT with the
// mentoring.Err* message of the first rule broken, ENOTFOUND for an unknown
// party, EINVALID for an unknown length.
func (db *DB) ProposePairing(ctx context.Context, p *mentoring.Pairing) error {
	if p.Status == "" {
		p.Status = mentoring.PairingProposed
	}
	if p.Status != mentoring.PairingProposed {
		return mentoringConflict(mentoring.ErrNotProposed)
	}
	if !slices.Contains(mentoring.Lengths, p.LengthMonths) {
		return broen.FieldErrors{"length_months": msgChoice}.Err()
	}
	if p.ProposedAt.IsZero() {
		p.ProposedAt = db.Now()
	}
	if p.ExpiresAt.IsZero() {
		p.ExpiresAt = mentoring.NewPairing(0, 0, 0, p.LengthMonths, p.ProposedAt, db.Mentoring).ExpiresAt
	}
	p.ProposedAt, p.ExpiresAt = p.ProposedAt.UTC(), p.ExpiresAt.UTC()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		// Proposals past their expiry hold no place, swept or not.
		if _, err := expireTx(ctx, tx, p.ProposedAt); err != nil {
			return err
		}
		v, err := loadVolunteer(ctx, tx, p.VolunteerID)
		if err != nil {
			return err
		}
		n, err := loadNewcomer(ctx, tx, p.NewcomerID)
		if err != nil {
			return err
		}
		if err := checkPair(ctx, tx, v.ID, n.ID, 0); err != nil {
			return err
		}
		switch {
		case v.Status != mentoring.VolunteerAvailable:
			return mentoringConflict(mentoring.ErrVolunteerNotAvail)
		case v.Open >= v.Capacity:
			return mentoringConflict(mentoring.ErrCapacity)
		case n.Status != mentoring.NewcomerWaiting:
			return mentoringConflict(mentoring.ErrNewcomerNotWait)
		case n.Active >= db.Mentoring.MaxActive():
			return mentoringConflict(mentoring.ErrNewcomerActive)
		}
		if err := ruleError(db.engine(p.ProposedAt).CheckPeople(v, n)); err != nil {
			return err
		}
		cols, vals, err := pairingFields(p)
		if err != nil {
			return fmt.Errorf("sqlite: propose pairing: %w", err)
		}
		res, err := tx.ExecContext(ctx, insertSQL("pairings", cols), vals...)
		if err != nil {
			return pairingWriteError(err)
		}
		if p.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("sqlite: propose pairing: %w", err)
		}
		p.VolunteerName, p.NewcomerName = v.Name, n.Name
		return nil
	})
}

// transitionFunc applies one transition to p, with both parties as they are
// inside the transaction, and checks what must hold afterwards.
type transitionFunc func(tx *sql.Tx, p *mentoring.Pairing, v *mentoring.Volunteer, n *mentoring.Newcomer) error

// transitionTx loads pairing id and both its parties inside tx, applies fn
// and writes the pairing back.
func transitionTx(ctx context.Context, tx *sql.Tx, id int64, fn transitionFunc) (*mentoring.Pairing, error) {
	p, err := loadPairing(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	v, err := loadVolunteer(ctx, tx, p.VolunteerID)
	if err != nil {
		return nil, err
	}
	n, err := loadNewcomer(ctx, tx, p.NewcomerID)
	if err != nil {
		return nil, err
	}
	if err := fn(tx, p, v, n); err != nil {
		return nil, err
	}
	if err := savePairing(ctx, tx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// transition runs transitionTx in its own write transaction.
func (db *DB) transition(ctx context.Context, id int64, fn transitionFunc) (*mentoring.Pairing, error) {
	var out *mentoring.Pairing
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		p, err := transitionTx(ctx, tx, id, fn)
		out = p
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AnswerPairing records side's answer. A no declines the proposal and
// excludes the pair from suggestions. A yes that makes the pairing active
// re-checks, for both parties: the volunteer's capacity, the newcomer's
// limit of active pairings, that the pair has no other open pairing and is
// not excluded, and the hard rules; then schedules the check-ins, and
// withdraws the newcomer's other proposals (paired elsewhere) once they
// have reached their limit. ECONFLICT, ENOTFOUND, EINVALID for an unknown
// side.
func (db *DB) AnswerPairing(ctx context.Context, id int64, side mentoring.Side, yes bool, reason mentoring.DeclineReason, by int64, at time.Time) (*mentoring.Pairing, error) {
	if !side.Valid() {
		return nil, broen.FieldErrors{"side": msgChoice}.Err()
	}
	at = at.UTC()
	return db.transition(ctx, id, func(tx *sql.Tx, p *mentoring.Pairing, v *mentoring.Volunteer, n *mentoring.Newcomer) error {
		if !yes {
			if err := p.Decline(side, reason, at); err != nil {
				return err
			}
			return insertExclusion(ctx, tx, mentoring.Exclusion{VolunteerID: v.ID, NewcomerID: n.ID,
				Reason: "declined", CreatedBy: by, CreatedAt: at}, false)
		}
		if err := p.Accept(side, at); err != nil {
			return err
		}
		if p.Status != mentoring.PairingActive {
			return nil
		}
		return db.activate(ctx, tx, p, v, n, at)
	})
}

// activate re-checks both parties for a pairing that has just become
// active (v and n as loaded, with p still counted as proposed), schedules
// its check-ins and withdraws the newcomer's other proposals when they may
// have no more active pairings.
func (db *DB) activate(ctx context.Context, tx *sql.Tx, p *mentoring.Pairing, v *mentoring.Volunteer, n *mentoring.Newcomer, at time.Time) error {
	maxActive := db.Mentoring.MaxActive()
	switch {
	case v.Status != mentoring.VolunteerAvailable:
		// Paused or left after the proposal (their proposals are withdrawn
		// then; this holds even if one slipped through).
		return mentoringConflict(mentoring.ErrVolunteerNotAvail)
	case n.Status != mentoring.NewcomerWaiting:
		return mentoringConflict(mentoring.ErrNewcomerNotWait)
	case v.Open > v.Capacity: // p itself is one of the open ones
		return mentoringConflict(mentoring.ErrCapacity)
	case n.Active >= maxActive:
		return mentoringConflict(mentoring.ErrNewcomerActive)
	}
	if err := checkPair(ctx, tx, v.ID, n.ID, p.ID); err != nil {
		return err
	}
	if err := ruleError(db.engine(at).CheckPeople(v, n)); err != nil {
		return err
	}
	for _, c := range db.Mentoring.CheckInsFor(p.ID, p.StartedAt) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pairing_checkins (pairing_id, point, due) VALUES (?, ?, ?)`,
			c.PairingID, c.Point, formatDay(c.Due)); err != nil {
			return fmt.Errorf("sqlite: schedule check-ins: %w", err)
		}
	}
	if n.Active+1 < maxActive {
		return nil
	}
	others, err := queryIDs(ctx, tx, `SELECT id FROM pairings WHERE newcomer_id = ? AND status = 'proposed' AND id <> ? ORDER BY id`,
		n.ID, p.ID)
	if err != nil {
		return fmt.Errorf("sqlite: withdraw other proposals: %w", err)
	}
	for _, id := range others {
		if _, err := transitionTx(ctx, tx, id, func(_ *sql.Tx, o *mentoring.Pairing, _ *mentoring.Volunteer, _ *mentoring.Newcomer) error {
			return o.Withdraw(mentoring.WithdrawPairedElsewhere, at)
		}); err != nil {
			return err
		}
	}
	return nil
}

// WithdrawPairing is the coordinator taking a proposal back, for one of
// mentoring.WithdrawReasons (coordinator when empty). ECONFLICT unless
// proposed, ENOTFOUND, EINVALID for another reason.
func (db *DB) WithdrawPairing(ctx context.Context, id int64, reason mentoring.WithdrawReason, by int64, at time.Time) (*mentoring.Pairing, error) {
	if reason == "" {
		reason = mentoring.WithdrawCoordinator
	}
	if !slices.Contains(mentoring.WithdrawReasons, reason) {
		return nil, broen.FieldErrors{"withdraw_reason": msgChoice}.Err()
	}
	at = at.UTC()
	return db.transition(ctx, id, func(_ *sql.Tx, p *mentoring.Pairing, _ *mentoring.Volunteer, _ *mentoring.Newcomer) error {
		return p.Withdraw(reason, at)
	})
}

// EndPairing ends an active pairing with a reason and an evaluation, and
// moves the parties as mentoring.AfterEnd says: the newcomer to its status
// (back on the waiting list from `at` when waiting; a newcomer who has left
// stays out), the volunteer paused if asked, and waiting from `at`.
// EINVALID, ECONFLICT, ENOTFOUND.
func (db *DB) EndPairing(ctx context.Context, id int64, reason mentoring.EndReason, ev mentoring.Evaluation, by int64, at time.Time) (*mentoring.Pairing, error) {
	at, now := at.UTC(), db.Now().UTC()
	return db.transition(ctx, id, func(tx *sql.Tx, p *mentoring.Pairing, v *mentoring.Volunteer, n *mentoring.Newcomer) error {
		if err := p.End(reason, ev, at); err != nil {
			return err
		}
		status, pause := mentoring.AfterEnd(reason)
		if n.Status != mentoring.NewcomerLeft {
			n.Status = status
			if status == mentoring.NewcomerWaiting {
				n.WaitingSince = at
			}
		}
		if pause && v.Status != mentoring.VolunteerLeft {
			v.Status = mentoring.VolunteerPaused
		}
		if v.Open <= 1 {
			// Free again after being taken: they wait from now. A volunteer
			// who had places free all along keeps their place in the queue.
			v.WaitingSince = at
		}
		if _, err := tx.ExecContext(ctx, `UPDATE newcomers SET status = ?, waiting_since = ?, updated_at = ? WHERE id = ?`,
			string(n.Status), formatInstant(n.WaitingSince), formatInstant(now), n.ID); err != nil {
			return fmt.Errorf("sqlite: end pairing: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE volunteers SET status = ?, waiting_since = ?, updated_at = ? WHERE id = ?`,
			string(v.Status), formatInstant(v.WaitingSince), formatInstant(now), v.ID); err != nil {
			return fmt.Errorf("sqlite: end pairing: %w", err)
		}
		return nil
	})
}

// ExpirePairings expires, in one transaction, every proposal whose expiry
// is at or before `at`, releasing the places they held, and returns them.
func (db *DB) ExpirePairings(ctx context.Context, at time.Time) ([]*mentoring.Pairing, error) {
	var out []*mentoring.Pairing
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = expireTx(ctx, tx, at)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// expireTx expires, inside tx, every proposal past its expiry at `at`. A
// proposal is thereby expired the moment it is due whenever a write asks
// about capacity, not only when the sweep comes by.
func expireTx(ctx context.Context, tx *sql.Tx, at time.Time) ([]*mentoring.Pairing, error) {
	at = at.UTC()
	out := []*mentoring.Pairing{}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM pairings WHERE status = 'proposed' AND expires_at <= ? ORDER BY expires_at, id`,
		formatSortableTime(at))
	if err != nil {
		return nil, fmt.Errorf("sqlite: expire pairings: %w", err)
	}
	for _, id := range ids {
		p, err := transitionTx(ctx, tx, id, func(_ *sql.Tx, p *mentoring.Pairing, _ *mentoring.Volunteer, _ *mentoring.Newcomer) error {
			return p.Expire(at)
		})
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// withdrawOpenTx withdraws, inside tx, the proposals of a volunteer
// (volunteerID) or a newcomer (newcomerID) who has been paused or has left:
// the places they held are free at once, and nobody is paired with someone
// who is no longer available. Active pairings go on.
func withdrawOpenTx(ctx context.Context, tx *sql.Tx, volunteerID, newcomerID int64, at time.Time) error {
	ids, err := queryIDs(ctx, tx, `SELECT id FROM pairings WHERE status = 'proposed' AND (volunteer_id = ? OR newcomer_id = ?) ORDER BY id`,
		volunteerID, newcomerID)
	if err != nil {
		return fmt.Errorf("sqlite: withdraw proposals: %w", err)
	}
	for _, id := range ids {
		if _, err := transitionTx(ctx, tx, id, func(_ *sql.Tx, p *mentoring.Pairing, _ *mentoring.Volunteer, _ *mentoring.Newcomer) error {
			return p.Withdraw(mentoring.WithdrawUnavailable, at)
		}); err != nil {
			return err
		}
	}
	return nil
}

// ProposalsToRemind returns the open proposals the volunteer has not
// answered, made at least Policy.Reminder days before `at`, not reminded
// yet and not past their expiry; oldest first.
func (db *DB) ProposalsToRemind(ctx context.Context, at time.Time) ([]*mentoring.Pairing, error) {
	out, err := queryPairings(ctx, db.read, `SELECT `+pairingCols+pairingFrom+`
		WHERE p.status = 'proposed' AND p.volunteer_answer = '' AND p.reminded_at = '' AND p.proposed_at <= ? AND p.expires_at > ?
		ORDER BY p.proposed_at, p.id`,
		formatSortableTime(at.AddDate(0, 0, -db.Mentoring.Reminder())), formatSortableTime(at))
	if err != nil {
		return nil, fmt.Errorf("sqlite: proposals to remind: %w", err)
	}
	return out, nil
}

// MarkProposalReminded records that the volunteer was reminded about the
// proposal; ENOTFOUND.
func (db *DB) MarkProposalReminded(ctx context.Context, id int64, at time.Time) error {
	res, err := db.write.ExecContext(ctx, `UPDATE pairings SET reminded_at = ? WHERE id = ?`, formatSortableTime(at), id)
	if err != nil {
		return fmt.Errorf("sqlite: mark reminded: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlite: mark reminded: %w", err)
	} else if n == 0 {
		return pairingNotFound()
	}
	return nil
}

// ---------------------------------------------------------------------------
// Exclusions

// insertExclusion stores e; replace says whether it takes the place of an
// exclusion of the same pair (the coordinator's does; a decline keeps what
// is there).
func insertExclusion(ctx context.Context, tx *sql.Tx, e mentoring.Exclusion, replace bool) error {
	onConflict := `DO NOTHING`
	if replace {
		onConflict = `DO UPDATE SET reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at`
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO pairing_exclusions (volunteer_id, newcomer_id, reason, created_by, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (volunteer_id, newcomer_id) `+onConflict,
		e.VolunteerID, e.NewcomerID, e.Reason, nullID(e.CreatedBy), formatSortableTime(e.CreatedAt)); err != nil {
		return fmt.Errorf("sqlite: exclude pair: %w", err)
	}
	return nil
}

// Exclude rules out a pair for the engine and for new proposals (reason
// "coordinator" when empty, or "declined"); it replaces an exclusion of the
// same pair. ENOTFOUND for an unknown party, EINVALID for another reason.
func (db *DB) Exclude(ctx context.Context, e mentoring.Exclusion) error {
	if e.Reason == "" {
		e.Reason = "coordinator"
	}
	if e.Reason != "coordinator" && e.Reason != "declined" {
		return broen.FieldErrors{"reason": msgChoice}.Err()
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = db.Now()
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var hasV, hasN bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM volunteers WHERE id = ?), EXISTS (SELECT 1 FROM newcomers WHERE id = ?)`,
			e.VolunteerID, e.NewcomerID).Scan(&hasV, &hasN); err != nil {
			return fmt.Errorf("sqlite: exclude pair: %w", err)
		}
		switch {
		case !hasV:
			return volunteerNotFound()
		case !hasN:
			return newcomerNotFound()
		}
		return insertExclusion(ctx, tx, e, true)
	})
}

// Unexclude removes the exclusion of a pair, the coordinator's or one left
// by a decline, so the pair can be suggested and proposed again. Removing
// one that does not exist is not an error.
func (db *DB) Unexclude(ctx context.Context, volunteerID, newcomerID int64) error {
	if _, err := db.write.ExecContext(ctx, `DELETE FROM pairing_exclusions WHERE volunteer_id = ? AND newcomer_id = ?`,
		volunteerID, newcomerID); err != nil {
		return fmt.Errorf("sqlite: unexclude pair: %w", err)
	}
	return nil
}

// FindExclusions returns every exclusion, oldest first.
func (db *DB) FindExclusions(ctx context.Context) ([]mentoring.Exclusion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT volunteer_id, newcomer_id, reason, COALESCE(created_by, 0), created_at
		FROM pairing_exclusions ORDER BY created_at, volunteer_id, newcomer_id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find exclusions: %w", err)
	}
	defer rows.Close()
	out := []mentoring.Exclusion{}
	for rows.Next() {
		var e mentoring.Exclusion
		var created string
		if err := rows.Scan(&e.VolunteerID, &e.NewcomerID, &e.Reason, &e.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("sqlite: find exclusions: %w", err)
		}
		e.CreatedAt = parseTime(created)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find exclusions: %w", err)
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Settings

// MatchWeights returns the coordinator's weights, mentoring.DefaultWeights
// until SetMatchWeights stored some.
func (db *DB) MatchWeights(ctx context.Context) (mentoring.Weights, error) {
	s, err := db.MentoringSetting(ctx, settingWeights)
	if err != nil || s == "" {
		return mentoring.DefaultWeights, err
	}
	var w mentoring.Weights
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return mentoring.DefaultWeights, fmt.Errorf("sqlite: match weights: %w", err)
	}
	return w, nil
}

// SetMatchWeights validates and stores the weights; EINVALID.
func (db *DB) SetMatchWeights(ctx context.Context, w mentoring.Weights) error {
	if err := w.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(w)
	if err != nil {
		return fmt.Errorf("sqlite: set match weights: %w", err)
	}
	return db.setMentoringSetting(ctx, settingWeights, string(b))
}

// MentoringSetting returns the value stored under key, "" when there is
// none. The weekly digest keeps the week it last went out here.
func (db *DB) MentoringSetting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT value FROM mentoring_settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: mentoring setting: %w", err)
	}
	return v, nil
}

// SetMentoringSetting stores value under key. The match weights have their
// own method, which validates them: their key is refused here.
func (db *DB) SetMentoringSetting(ctx context.Context, key, value string) error {
	if key == "" || key == settingWeights {
		return fmt.Errorf("sqlite: set mentoring setting: key %q is not for general use", key)
	}
	return db.setMentoringSetting(ctx, key, value)
}

func (db *DB) setMentoringSetting(ctx context.Context, key, value string) error {
	if _, err := db.write.ExecContext(ctx, `INSERT INTO mentoring_settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return fmt.Errorf("sqlite: set mentoring setting: %w", err)
	}
	return nil
}
