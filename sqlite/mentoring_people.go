package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"broen"
	"broen/mentoring"
	"broen/registry"
)

// Ensure the service interfaces are implemented.
var (
	_ mentoring.VolunteerService = (*DB)(nil)
	_ mentoring.NewcomerService  = (*DB)(nil)
)

// Message IDs of the mentoring store's own errors (the lifecycle's are
// mentoring.Err*). Not found and a taken account use the shared messages;
// each kind has its own name here so it can get a message of its own.
const (
	msgNotFound           = "error.not_found"
	msgVolunteerNotFound  = msgNotFound
	msgNewcomerNotFound   = msgNotFound
	msgVolunteerUserTaken = "error.conflict"
	msgChoice             = "validation.choice"
)

// Page sizes of the mentoring lists: a coordinator's waiting list is read
// whole more often than a public search page.
const (
	mentoringDefaultLimit = 50
	mentoringMaxLimit     = 500
)

func mentoringPage(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = mentoringDefaultLimit
	}
	limit = min(limit, mentoringMaxLimit)
	return limit, max(offset, 0)
}

func volunteerNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: msgVolunteerNotFound}
}

func newcomerNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: msgNewcomerNotFound}
}

func mentoringConflict(msgID string) error {
	return &broen.Error{Code: broen.ECONFLICT, MessageID: msgID}
}

// country is the municipality's, for phone numbers written without +.
func (db *DB) country() string {
	if db.Country == "" {
		return "NO"
	}
	return db.Country
}

// invalid merges the EINVALID errors of Normalize and Validate into one, so
// the form shows every problem at once; any other error is returned as is.
func invalid(errs ...error) error {
	fe := broen.FieldErrors{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		e := broen.AsError(err)
		if e == nil || e.Code != broen.EINVALID || len(e.Fields) == 0 {
			return err
		}
		for f, msg := range e.Fields {
			fe.Add(f, msg)
		}
	}
	return fe.Err()
}

// formatDay stores a date without a time of day (” for zero).
func formatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseDay reads formatDay's form as midnight UTC (zero for ”).
func parseDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// formatInstant stores an instant in the sortable form (” for zero).
func formatInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatSortableTime(t)
}

// jsonList stores a list as a JSON array; nil is [].
func jsonList(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

// readJSON decodes a stored JSON value; ” and an empty list leave v as it
// is (nil for a slice).
func readJSON(s string, v any) error {
	if s == "" || s == "[]" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

func insertSQL(table string, cols []string) string {
	return `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (` + placeholders(len(cols)) + `)`
}

func updateSQL(table string, cols []string) string {
	return `UPDATE ` + table + ` SET ` + strings.Join(cols, " = ?, ") + ` = ? WHERE id = ?`
}

// qualify prefixes each column of a comma-separated list with alias.
func qualify(alias, cols string) string {
	fields := strings.Split(cols, ",")
	for i, f := range fields {
		fields[i] = alias + "." + strings.TrimSpace(f)
	}
	return strings.Join(fields, ", ")
}

// ---------------------------------------------------------------------------
// The profile both sides share

const profileSelect = `household, name, email, phone, locale, gender, age_group, adults, children_ages, languages,
	interests, district, lat, lon, availability, preferences`

func profileFields(p *mentoring.Profile) ([]string, []any, error) {
	children, err := jsonList(p.ChildrenAges)
	if err != nil {
		return nil, nil, err
	}
	langs, err := jsonList(p.Languages)
	if err != nil {
		return nil, nil, err
	}
	ints, err := jsonList(p.Interests)
	if err != nil {
		return nil, nil, err
	}
	prefs, err := json.Marshal(p.Preferences)
	if err != nil {
		return nil, nil, err
	}
	return []string{"household", "name", "sort_name", "email", "phone", "locale", "gender", "age_group", "adults",
			"children_ages", "languages", "interests", "district", "district_code", "lat", "lon", "availability", "preferences"},
		[]any{string(p.Household), p.Name, registry.Fold(p.Name), p.Email, p.Phone, p.Locale, string(p.Gender),
			string(p.AgeGroup), p.Adults, children, langs, ints, p.District, registry.DistrictCode(p.District),
			p.Coords.Lat, p.Coords.Lon, int64(p.Availability), string(prefs)}, nil
}

// profileScan scans profileSelect and decodes its JSON columns.
type profileScan struct {
	p                                 *mentoring.Profile
	children, langs, interests, prefs string
	avail                             int64
}

func (s *profileScan) dest(p *mentoring.Profile) []any {
	s.p = p
	return []any{&p.Household, &p.Name, &p.Email, &p.Phone, &p.Locale, &p.Gender, &p.AgeGroup, &p.Adults,
		&s.children, &s.langs, &s.interests, &p.District, &p.Coords.Lat, &p.Coords.Lon, &s.avail, &s.prefs}
}

func (s *profileScan) decode() error {
	s.p.Availability = mentoring.Availability(s.avail)
	return errors.Join(readJSON(s.children, &s.p.ChildrenAges), readJSON(s.langs, &s.p.Languages),
		readJSON(s.interests, &s.p.Interests), readJSON(s.prefs, &s.p.Preferences))
}

// profileWhere adds the filters both sides share, on the table aliased a.
func profileWhere(a string, where []string, args []any, household *mentoring.Household, district, language *string) ([]string, []any) {
	if household != nil {
		where, args = append(where, a+".household = ?"), append(args, string(*household))
	}
	if district != nil {
		where, args = append(where, a+".district_code = ?"), append(args, registry.DistrictCode(*district))
	}
	if language != nil {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(`+a+`.languages) j WHERE json_extract(j.value, '$.code') = ?)`)
		args = append(args, strings.ToLower(strings.TrimSpace(*language)))
	}
	return where, args
}

// peopleOrder is the ORDER BY of a waiting list on the table aliased a:
// "waiting" (longest first, the default), "name" or "newest".
func peopleOrder(a, sort string) string {
	switch sort {
	case "name":
		return a + ".sort_name, " + a + ".id"
	case "newest":
		return a + ".created_at DESC, " + a + ".id DESC"
	}
	return a + ".waiting_since, " + a + ".id"
}

func likePattern(s string) string { return "%" + likeEscape(s) + "%" }

// ---------------------------------------------------------------------------
// Volunteers

// volunteerOpen counts a volunteer's proposed and active pairings.
const volunteerOpen = `(SELECT COUNT(*) FROM pairings vo WHERE vo.volunteer_id = v.id AND vo.status IN ('proposed', 'active'))`

var volunteerCols = `v.id, v.status, ` + qualify("v", profileSelect) + `, v.capacity, v.offers,
	v.police_kind, v.police_shown_on, v.police_checked_by, v.police_renew_by, v.trained_on, v.pledge_signed_on,
	COALESCE(v.user_id, 0), v.waiting_since, v.created_at, v.updated_at, ` + volunteerOpen

func scanVolunteer(sc interface{ Scan(...any) error }, extra ...any) (*mentoring.Volunteer, error) {
	var v mentoring.Volunteer
	var ps profileScan
	var offers, shown, renew, trained, pledge, waiting, created, updated string
	dest := []any{&v.ID, &v.Status}
	dest = append(dest, ps.dest(&v.Profile)...)
	dest = append(dest, &v.Capacity, &offers, &v.PoliceCheck.Kind, &shown, &v.PoliceCheck.CheckedBy, &renew,
		&trained, &pledge, &v.UserID, &waiting, &created, &updated, &v.Open)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	v.PoliceCheck.ShownOn, v.PoliceCheck.RenewBy = parseDay(shown), parseDay(renew)
	v.TrainedOn, v.PledgeSignedOn = parseDay(trained), parseDay(pledge)
	v.WaitingSince, v.CreatedAt, v.UpdatedAt = parseTime(waiting), parseTime(created), parseTime(updated)
	if err := errors.Join(ps.decode(), readJSON(offers, &v.Offers)); err != nil {
		return nil, fmt.Errorf("volunteer %d: %w", v.ID, err)
	}
	return &v, nil
}

func volunteerFields(v *mentoring.Volunteer) ([]string, []any, error) {
	cols, vals, err := profileFields(&v.Profile)
	if err != nil {
		return nil, nil, err
	}
	offers, err := jsonList(v.Offers)
	if err != nil {
		return nil, nil, err
	}
	pc := v.PoliceCheck
	cols = append(cols, "status", "capacity", "offers", "police_kind", "police_shown_on", "police_checked_by",
		"police_renew_by", "trained_on", "pledge_signed_on", "user_id", "waiting_since", "created_at", "updated_at")
	vals = append(vals, string(v.Status), v.Capacity, offers, string(pc.Kind), formatDay(pc.ShownOn), pc.CheckedBy,
		formatDay(pc.RenewBy), formatDay(v.TrainedOn), formatDay(v.PledgeSignedOn), nullID(v.UserID),
		formatInstant(v.WaitingSince), formatInstant(v.CreatedAt), formatInstant(v.UpdatedAt))
	return cols, vals, nil
}

func loadVolunteer(ctx context.Context, q querier, id int64) (*mentoring.Volunteer, error) {
	v, err := scanVolunteer(q.QueryRowContext(ctx, `SELECT `+volunteerCols+` FROM volunteers v WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, volunteerNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find volunteer: %w", err)
	}
	return v, nil
}

// volunteerWriteError maps the constraints a form can break to EINVALID or
// ECONFLICT on the field user_id.
func volunteerWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique:
			return &broen.Error{Code: broen.ECONFLICT, MessageID: msgVolunteerUserTaken,
				Fields: map[string]string{"user_id": msgVolunteerUserTaken}, Err: err}
		case sqlite3.ErrConstraintForeignKey:
			return &broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
				Fields: map[string]string{"user_id": msgChoice}, Err: err}
		}
	}
	return fmt.Errorf("sqlite: write volunteer: %w", err)
}

// FindVolunteerByID returns ENOTFOUND if there is no such volunteer.
func (db *DB) FindVolunteerByID(ctx context.Context, id int64) (*mentoring.Volunteer, error) {
	return loadVolunteer(ctx, db.read, id)
}

// FindVolunteers returns one page and the total; see
// mentoring.VolunteerFilter.
func (db *DB) FindVolunteers(ctx context.Context, f mentoring.VolunteerFilter) ([]*mentoring.Volunteer, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "v.status = ?"), append(args, string(*f.Status))
	}
	if f.Waiting != nil {
		cond := `(v.status = 'available' AND ` + volunteerOpen + ` < v.capacity)`
		if !*f.Waiting {
			cond = "NOT " + cond
		}
		where = append(where, cond)
	}
	where, args = profileWhere("v", where, args, f.Household, f.District, f.Language)
	if f.Interest != nil {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(v.interests) j WHERE j.value = ?)`)
		args = append(args, strings.ToLower(strings.TrimSpace(*f.Interest)))
	}
	if f.Query != nil {
		if q := strings.TrimSpace(*f.Query); q != "" {
			where = append(where, `(v.sort_name LIKE ? ESCAPE '\' OR v.email LIKE ? ESCAPE '\')`)
			args = append(args, likePattern(registry.Fold(q)), likePattern(strings.ToLower(q)))
		}
	}
	if f.UserID != nil {
		if *f.UserID == 0 {
			where = append(where, "v.user_id IS NULL")
		} else {
			where, args = append(where, "v.user_id = ?"), append(args, *f.UserID)
		}
	}
	cond := strings.Join(where, " AND ")
	limit, offset := mentoringPage(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+volunteerCols+`, COUNT(*) OVER () FROM volunteers v
		WHERE `+cond+` ORDER BY `+peopleOrder("v", f.Sort)+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find volunteers: %w", err)
	}
	defer rows.Close()
	out := []*mentoring.Volunteer{}
	total := 0
	for rows.Next() {
		v, err := scanVolunteer(rows, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: find volunteers: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find volunteers: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		// The page is past the end: the total still has to be right.
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM volunteers v WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count volunteers: %w", err)
		}
	}
	return out, total, nil
}

// CreateVolunteer normalizes, validates and stores v, keeping the status the
// caller set (the public sign-up sets pending, the coordinator's form
// available). WaitingSince defaults to now. EINVALID; ECONFLICT
// (mentoring.volunteer.user_taken) if the account already belongs to
// another volunteer.
func (db *DB) CreateVolunteer(ctx context.Context, v *mentoring.Volunteer) error {
	if err := invalid(v.Normalize(db.country()), v.Validate()); err != nil {
		return err
	}
	now := db.Now().UTC()
	if v.WaitingSince.IsZero() {
		v.WaitingSince = now
	}
	v.WaitingSince, v.CreatedAt, v.UpdatedAt, v.Open = v.WaitingSince.UTC(), now, now, 0
	cols, vals, err := volunteerFields(v)
	if err != nil {
		return fmt.Errorf("sqlite: create volunteer: %w", err)
	}
	res, err := db.write.ExecContext(ctx, insertSQL("volunteers", cols), vals...)
	if err != nil {
		return volunteerWriteError(err)
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create volunteer: %w", err)
	}
	return nil
}

// UpdateVolunteer applies upd, normalizes and validates. A volunteer
// approved from pending to available, who has waited since signing up,
// waits from now on. EINVALID, ENOTFOUND, ECONFLICT
// (mentoring.ErrCapacityBelowOpen) when the capacity would fall below the
// open pairings.
func (db *DB) UpdateVolunteer(ctx context.Context, id int64, upd mentoring.VolunteerUpdate) (*mentoring.Volunteer, error) {
	now := db.Now().UTC()
	var out *mentoring.Volunteer
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		v, err := loadVolunteer(ctx, tx, id)
		if err != nil {
			return err
		}
		before := *v
		upd.Apply(v)
		if err := invalid(v.Normalize(db.country()), v.Validate()); err != nil {
			return err
		}
		if v.Capacity < v.Open {
			return &broen.Error{Code: broen.ECONFLICT, MessageID: mentoring.ErrCapacityBelowOpen,
				Args: map[string]any{"Open": v.Open}, Fields: map[string]string{"capacity": mentoring.ErrCapacityBelowOpen}}
		}
		if before.Status == mentoring.VolunteerPending && v.Status == mentoring.VolunteerAvailable &&
			upd.WaitingSince == nil && before.WaitingSince.Equal(before.CreatedAt) {
			v.WaitingSince = now // they wait from their approval
		}
		if before.Status == mentoring.VolunteerAvailable && v.Status != mentoring.VolunteerAvailable {
			if err := withdrawOpenTx(ctx, tx, v.ID, 0, now); err != nil {
				return err
			}
		}
		v.WaitingSince, v.UpdatedAt = v.WaitingSince.UTC(), now
		cols, vals, err := volunteerFields(v)
		if err != nil {
			return fmt.Errorf("sqlite: update volunteer: %w", err)
		}
		if _, err := tx.ExecContext(ctx, updateSQL("volunteers", cols), append(vals, id)...); err != nil {
			return volunteerWriteError(err)
		}
		out, err = loadVolunteer(ctx, tx, id) // the counts after any withdrawal
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ---------------------------------------------------------------------------
// Newcomers

// newcomerOpen and newcomerActive count a newcomer's open and active
// pairings.
const (
	newcomerOpen   = `(SELECT COUNT(*) FROM pairings np WHERE np.newcomer_id = n.id AND np.status IN ('proposed', 'active'))`
	newcomerActive = `(SELECT COUNT(*) FROM pairings na WHERE na.newcomer_id = n.id AND na.status = 'active')`
)

var newcomerCols = `n.id, n.status, ` + qualify("n", profileSelect) + `, n.nordic_level, n.needs,
	n.waiting_since, n.created_at, n.updated_at, ` + newcomerOpen + `, ` + newcomerActive

func scanNewcomer(sc interface{ Scan(...any) error }, extra ...any) (*mentoring.Newcomer, error) {
	var n mentoring.Newcomer
	var ps profileScan
	var needs, waiting, created, updated string
	dest := []any{&n.ID, &n.Status}
	dest = append(dest, ps.dest(&n.Profile)...)
	dest = append(dest, &n.NordicLevel, &needs, &waiting, &created, &updated, &n.Open, &n.Active)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	n.WaitingSince, n.CreatedAt, n.UpdatedAt = parseTime(waiting), parseTime(created), parseTime(updated)
	if err := errors.Join(ps.decode(), readJSON(needs, &n.Needs)); err != nil {
		return nil, fmt.Errorf("newcomer %d: %w", n.ID, err)
	}
	return &n, nil
}

func newcomerFields(n *mentoring.Newcomer) ([]string, []any, error) {
	cols, vals, err := profileFields(&n.Profile)
	if err != nil {
		return nil, nil, err
	}
	needs, err := jsonList(n.Needs)
	if err != nil {
		return nil, nil, err
	}
	cols = append(cols, "status", "nordic_level", "needs", "waiting_since", "created_at", "updated_at")
	vals = append(vals, string(n.Status), string(n.NordicLevel), needs, formatInstant(n.WaitingSince),
		formatInstant(n.CreatedAt), formatInstant(n.UpdatedAt))
	return cols, vals, nil
}

func loadNewcomer(ctx context.Context, q querier, id int64) (*mentoring.Newcomer, error) {
	n, err := scanNewcomer(q.QueryRowContext(ctx, `SELECT `+newcomerCols+` FROM newcomers n WHERE n.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, newcomerNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find newcomer: %w", err)
	}
	return n, nil
}

// FindNewcomerByID returns ENOTFOUND if there is no such newcomer.
func (db *DB) FindNewcomerByID(ctx context.Context, id int64) (*mentoring.Newcomer, error) {
	return loadNewcomer(ctx, db.read, id)
}

// FindNewcomers returns one page and the total; see mentoring.NewcomerFilter.
func (db *DB) FindNewcomers(ctx context.Context, f mentoring.NewcomerFilter) ([]*mentoring.Newcomer, int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "n.status = ?"), append(args, string(*f.Status))
	}
	if f.Waiting != nil {
		cond := `(n.status = 'waiting' AND ` + newcomerOpen + ` = 0)`
		if !*f.Waiting {
			cond = "NOT " + cond
		}
		where = append(where, cond)
	}
	where, args = profileWhere("n", where, args, f.Household, f.District, f.Language)
	if f.Need != nil {
		where = append(where, `EXISTS (SELECT 1 FROM json_each(n.needs) j WHERE j.value = ?)`)
		args = append(args, string(*f.Need))
	}
	if f.NordicLevel != nil {
		where, args = append(where, "n.nordic_level = ?"), append(args, string(*f.NordicLevel))
	}
	if f.Query != nil {
		if q := strings.TrimSpace(*f.Query); q != "" {
			where, args = append(where, `n.sort_name LIKE ? ESCAPE '\'`), append(args, likePattern(registry.Fold(q)))
		}
	}
	cond := strings.Join(where, " AND ")
	limit, offset := mentoringPage(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+newcomerCols+`, COUNT(*) OVER () FROM newcomers n
		WHERE `+cond+` ORDER BY `+peopleOrder("n", f.Sort)+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find newcomers: %w", err)
	}
	defer rows.Close()
	out := []*mentoring.Newcomer{}
	total := 0
	for rows.Next() {
		n, err := scanNewcomer(rows, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: find newcomers: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find newcomers: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM newcomers n WHERE `+cond, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count newcomers: %w", err)
		}
	}
	return out, total, nil
}

// CreateNewcomer normalizes, validates and stores n (status waiting unless
// set; WaitingSince defaults to now). EINVALID.
func (db *DB) CreateNewcomer(ctx context.Context, n *mentoring.Newcomer) error {
	if err := invalid(n.Normalize(db.country()), n.Validate()); err != nil {
		return err
	}
	now := db.Now().UTC()
	if n.WaitingSince.IsZero() {
		n.WaitingSince = now
	}
	n.WaitingSince, n.CreatedAt, n.UpdatedAt, n.Open, n.Active = n.WaitingSince.UTC(), now, now, 0, 0
	cols, vals, err := newcomerFields(n)
	if err != nil {
		return fmt.Errorf("sqlite: create newcomer: %w", err)
	}
	res, err := db.write.ExecContext(ctx, insertSQL("newcomers", cols), vals...)
	if err != nil {
		return fmt.Errorf("sqlite: create newcomer: %w", err)
	}
	if n.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create newcomer: %w", err)
	}
	return nil
}

// UpdateNewcomer applies upd, normalizes and validates; EINVALID or
// ENOTFOUND.
func (db *DB) UpdateNewcomer(ctx context.Context, id int64, upd mentoring.NewcomerUpdate) (*mentoring.Newcomer, error) {
	now := db.Now().UTC()
	var out *mentoring.Newcomer
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		n, err := loadNewcomer(ctx, tx, id)
		if err != nil {
			return err
		}
		before := *n
		upd.Apply(n)
		if err := invalid(n.Normalize(db.country()), n.Validate()); err != nil {
			return err
		}
		if before.Status == mentoring.NewcomerWaiting && n.Status != mentoring.NewcomerWaiting {
			if err := withdrawOpenTx(ctx, tx, 0, n.ID, now); err != nil {
				return err
			}
		}
		n.WaitingSince, n.UpdatedAt = n.WaitingSince.UTC(), now
		cols, vals, err := newcomerFields(n)
		if err != nil {
			return fmt.Errorf("sqlite: update newcomer: %w", err)
		}
		if _, err := tx.ExecContext(ctx, updateSQL("newcomers", cols), append(vals, id)...); err != nil {
			return fmt.Errorf("sqlite: update newcomer: %w", err)
		}
		out, err = loadNewcomer(ctx, tx, id) // the counts after any withdrawal
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
