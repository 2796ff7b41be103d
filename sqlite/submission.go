package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"broen"
	"broen/registry"
)

var _ registry.ModerationService = (*DB)(nil)

// SubmitActivity queues a new activity or a change; see
// registry.ModerationService.
func (db *DB) SubmitActivity(ctx context.Context, a *registry.Activity, by int64) (*registry.Submission, error) {
	now := db.Now().UTC()
	var sub *registry.Submission
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		sub = &registry.Submission{Kind: registry.SubmitActivity, OrganisationID: a.OrganisationID,
			Status: registry.SubmissionPending, SubmittedBy: by, SubmittedAt: now}
		a.LastConfirmed = now
		if a.ID == 0 {
			a.Status = registry.StatusPending
			a.Normalize()
			if err := a.Validate(); err != nil {
				return err
			}
			status, name, err := orgForActivity(ctx, tx, a.OrganisationID)
			if err != nil {
				return err
			}
			if err := createActivityTx(ctx, tx, a, status, name, now); err != nil {
				return err
			}
			a.CreatedAt, a.UpdatedAt = now, now
			sub.ObjectID, sub.Activity = a.ID, a
			return insertSubmission(ctx, tx, sub)
		}
		current, err := loadActivities(ctx, tx, []int64{a.ID})
		if err != nil {
			return err
		}
		if len(current) == 0 {
			return activityNotFound()
		}
		cur := current[0]
		sub.ObjectID, sub.OrganisationID = cur.ID, cur.OrganisationID
		if err := replacePending(ctx, tx, registry.SubmitActivity, cur.ID); err != nil {
			return err
		}
		upd := registry.ContentUpdate(a)
		upd.LastConfirmed = &now
		if cur.Status == registry.StatusPending {
			// Never public: the change applies at once and the whole listing
			// waits for approval.
			applied, err := updateActivityTx(ctx, tx, cur.ID, upd, now)
			if err != nil {
				return err
			}
			sub.Activity = applied
			return insertSubmission(ctx, tx, sub)
		}
		// Public (or paused, archived): the public keeps the approved
		// version until the coordinator approves the change.
		proposed := *cur
		upd.Apply(&proposed)
		proposed.Normalize()
		if err := proposed.Validate(); err != nil {
			return err
		}
		sub.Activity, sub.BaseActivity = &proposed, cur
		return insertSubmission(ctx, tx, sub)
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// SubmitOrganisation queues a new organisation or a change.
func (db *DB) SubmitOrganisation(ctx context.Context, o *registry.Organisation, by int64) (*registry.Submission, error) {
	now := db.Now().UTC()
	var sub *registry.Submission
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		sub = &registry.Submission{Kind: registry.SubmitOrganisation, Status: registry.SubmissionPending,
			SubmittedBy: by, SubmittedAt: now}
		if o.ID == 0 {
			o.Status = registry.StatusPending
			if err := createOrganisationTx(ctx, tx, o, now); err != nil {
				return err
			}
			sub.ObjectID, sub.OrganisationID, sub.Organisation = o.ID, o.ID, o
			return insertSubmission(ctx, tx, sub)
		}
		cur, err := loadOrganisation(ctx, tx, o.ID)
		if err != nil {
			return err
		}
		sub.ObjectID, sub.OrganisationID = cur.ID, cur.ID
		if err := replacePending(ctx, tx, registry.SubmitOrganisation, cur.ID); err != nil {
			return err
		}
		upd := registry.OrganisationContentUpdate(o)
		if cur.Status == registry.StatusPending {
			applied, err := updateOrganisationTx(ctx, tx, cur.ID, upd, now)
			if err != nil {
				return err
			}
			sub.Organisation = applied
			return insertSubmission(ctx, tx, sub)
		}
		proposed := *cur
		upd.Apply(&proposed)
		proposed.Normalize()
		if err := proposed.Validate(); err != nil {
			return err
		}
		sub.Organisation, sub.BaseOrganisation = &proposed, cur
		return insertSubmission(ctx, tx, sub)
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// replacePending marks the object's waiting submission as replaced: the new
// one takes its place in the queue.
func replacePending(ctx context.Context, tx *sql.Tx, kind registry.SubmissionKind, objectID int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE submissions SET status = 'replaced' WHERE kind = ? AND object_id = ? AND status = 'pending'`,
		kind, objectID); err != nil {
		return fmt.Errorf("sqlite: replace submission: %w", err)
	}
	return nil
}

func insertSubmission(ctx context.Context, tx *sql.Tx, s *registry.Submission) error {
	proposed, base, err := submissionJSON(s)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO submissions (kind, object_id, organisation_id, status, proposed, base,
		submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.Kind, s.ObjectID, s.OrganisationID, s.Status,
		proposed, base, nullID(s.SubmittedBy), formatTime(s.SubmittedAt))
	if err != nil {
		return fmt.Errorf("sqlite: insert submission: %w", err)
	}
	s.ID, err = res.LastInsertId()
	return err
}

func submissionJSON(s *registry.Submission) (proposed, base string, err error) {
	var p, b any
	if s.Kind == registry.SubmitActivity {
		p = s.Activity
		if s.BaseActivity != nil {
			b = s.BaseActivity
		}
	} else {
		p = s.Organisation
		if s.BaseOrganisation != nil {
			b = s.BaseOrganisation
		}
	}
	pj, err := json.Marshal(p)
	if err != nil {
		return "", "", fmt.Errorf("sqlite: submission: %w", err)
	}
	if b != nil {
		bj, err := json.Marshal(b)
		if err != nil {
			return "", "", fmt.Errorf("sqlite: submission: %w", err)
		}
		base = string(bj)
	}
	return string(pj), base, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const submissionColumns = `id, kind, object_id, organisation_id, status, proposed, base, COALESCE(submitted_by, 0),
	submitted_at, COALESCE(decided_by, 0), decided_at, reason`

func scanSubmission(sc interface{ Scan(...any) error }, extra ...any) (*registry.Submission, error) {
	var s registry.Submission
	var proposed, base, submitted, decided string
	if err := sc.Scan(append([]any{&s.ID, &s.Kind, &s.ObjectID, &s.OrganisationID, &s.Status, &proposed, &base,
		&s.SubmittedBy, &submitted, &s.DecidedBy, &decided, &s.Reason}, extra...)...); err != nil {
		return nil, err
	}
	s.SubmittedAt, s.DecidedAt = parseTime(submitted), parseTime(decided)
	var err error
	if s.Kind == registry.SubmitActivity {
		s.Activity = &registry.Activity{}
		err = json.Unmarshal([]byte(proposed), s.Activity)
		if err == nil && base != "" {
			s.BaseActivity = &registry.Activity{}
			err = json.Unmarshal([]byte(base), s.BaseActivity)
		}
	} else {
		s.Organisation = &registry.Organisation{}
		err = json.Unmarshal([]byte(proposed), s.Organisation)
		if err == nil && base != "" {
			s.BaseOrganisation = &registry.Organisation{}
			err = json.Unmarshal([]byte(base), s.BaseOrganisation)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: submission %d: %w", s.ID, err)
	}
	return &s, nil
}

func submissionNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.moderation.not_found"}
}

// FindSubmissionByID returns ENOTFOUND if there is none.
func (db *DB) FindSubmissionByID(ctx context.Context, id int64) (*registry.Submission, error) {
	return loadSubmission(ctx, db.read, id)
}

func loadSubmission(ctx context.Context, q querier, id int64) (*registry.Submission, error) {
	s, err := scanSubmission(q.QueryRowContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, submissionNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find submission: %w", err)
	}
	return s, nil
}

// FindSubmissions returns one page, oldest first (the queue's order), and
// the total.
func (db *DB) FindSubmissions(ctx context.Context, f registry.SubmissionFilter) ([]*registry.Submission, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "status = ?"), append(args, string(*f.Status))
	}
	if f.Kind != nil {
		where, args = append(where, "kind = ?"), append(args, string(*f.Kind))
	}
	if f.ObjectID != nil {
		where, args = append(where, "object_id = ?"), append(args, *f.ObjectID)
	}
	if f.OrganisationID != nil {
		where, args = append(where, "organisation_id = ?"), append(args, *f.OrganisationID)
	}
	limit, offset := pageBounds(f.Limit, f.Offset)
	cond := strings.Join(where, " AND ")
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM submissions WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find submissions: %w", err)
	}
	order := "id"
	if f.NewestFirst {
		order = "id DESC"
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE `+cond+`
		ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find submissions: %w", err)
	}
	defer rows.Close()
	out := []*registry.Submission{}
	for rows.Next() {
		s, err := scanSubmission(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, s)
	}
	return out, total, rows.Err()
}

// DecideSubmission approves or returns a submission in one transaction:
// approving a new listing makes it public, approving a change applies it.
func (db *DB) DecideSubmission(ctx context.Context, id int64, approve bool, reason string, by int64) (*registry.Submission, error) {
	now := db.Now().UTC()
	var out *registry.Submission
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := loadSubmission(ctx, tx, id)
		if err != nil {
			return err
		}
		if !approve {
			if err := s.Return(by, now, reason); err != nil {
				return err
			}
		} else {
			if err := s.Approve(by, now); err != nil {
				return err
			}
			if err := applySubmission(ctx, tx, s, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET status = ?, decided_by = ?, decided_at = ?, reason = ?
			WHERE id = ? AND status = 'pending'`, s.Status, nullID(by), formatTime(now), s.Reason, id); err != nil {
			return fmt.Errorf("sqlite: decide submission: %w", err)
		}
		out = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func applySubmission(ctx context.Context, tx *sql.Tx, s *registry.Submission, now time.Time) error {
	approved := registry.StatusApproved
	switch s.Kind {
	case registry.SubmitActivity:
		upd := registry.ContentUpdate(s.Activity)
		if s.IsNew() {
			upd.Status = &approved
		}
		a, err := updateActivityTx(ctx, tx, s.ObjectID, upd, now)
		if err != nil {
			return err
		}
		s.Activity = a
	case registry.SubmitOrganisation:
		upd := registry.OrganisationContentUpdate(s.Organisation)
		if s.IsNew() {
			upd.Status = &approved
		}
		o, err := updateOrganisationTx(ctx, tx, s.ObjectID, upd, now)
		if err != nil {
			return err
		}
		s.Organisation = o
	}
	return nil
}
