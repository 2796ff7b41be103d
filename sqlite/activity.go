package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"broen"
	"broen/registry"
)

var _ registry.ActivityService = (*DB)(nil)

// querier is what both *sql.DB and *sql.Tx offer, so loaders work inside a
// write transaction as well as on the read pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// FindActivityByID returns ENOTFOUND if the activity does not exist.
func (db *DB) FindActivityByID(ctx context.Context, id int64) (*registry.Activity, error) {
	as, err := loadActivities(ctx, db.read, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, activityNotFound()
	}
	return as[0], nil
}

func activityNotFound() error {
	return &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.activity.not_found"}
}

// FindActivities searches the public activities (or, with a Status filter,
// all activities in that status) and returns one page and the total.
//
// Public search runs on the in-memory index (index.go) with FTS5 for the
// text. Text matches are ordered by relevance when there are at most
// db.RankLimit of them, else title matches first; without text, by title.
// Public results carry their next occurrences.
func (db *DB) FindActivities(ctx context.Context, f registry.ActivityFilter) ([]*registry.Activity, int, error) {
	if f.Status != nil {
		return db.findActivitiesByStatus(ctx, f)
	}
	var terms []string
	if f.Query != nil {
		terms = queryTerms(*f.Query)
		if len(terms) == 0 && strings.TrimSpace(*f.Query) != "" {
			// Only punctuation was typed: nothing can match.
			return []*registry.Activity{}, 0, nil
		}
	}
	items, total, err := db.searchIndex(ctx, f, terms)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find activities: %w", err)
	}
	if items == nil {
		items = []*registry.Activity{}
	}
	return items, total, nil
}

func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// findActivitiesByStatus is the coordinator's and editors' view: every
// activity in a status, optionally of one organisation, sorted by title.
func (db *DB) findActivitiesByStatus(ctx context.Context, f registry.ActivityFilter) ([]*registry.Activity, int, error) {
	limit, offset := pageBounds(f.Limit, f.Offset)
	where := []string{"status = ?"}
	args := []any{string(*f.Status)}
	if f.OrganisationID != nil {
		where = append(where, "organisation_id = ?")
		args = append(args, *f.OrganisationID)
	}
	if f.Category != nil {
		where = append(where, "category = ?")
		args = append(args, string(*f.Category))
	}
	if f.District != nil {
		where = append(where, "location_id IN (SELECT id FROM locations WHERE district_code = ?)")
		args = append(args, registry.DistrictCode(*f.District))
	}
	if since := db.Stale.StaleSince(db.Now()); f.Stale && !since.IsZero() {
		where = append(where, "last_confirmed < ?")
		args = append(args, formatTime(since))
	}
	if f.Query != nil && strings.TrimSpace(*f.Query) != "" {
		where = append(where, "sort_title LIKE ? ESCAPE '\\'")
		args = append(args, "%"+likeEscape(registry.Fold(strings.TrimSpace(*f.Query)))+"%")
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM activities WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find activities: %w", err)
	}
	ids, err := queryIDs(ctx, db.read, `SELECT id FROM activities WHERE `+cond+` ORDER BY sort_title, id LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find activities: %w", err)
	}
	as, err := loadActivities(ctx, db.read, ids)
	return as, total, err
}

// loadActivities reads the activities with the given ids, in that order,
// with their texts, languages, location and schedules: four queries for any
// number of ids.
func loadActivities(ctx context.Context, q querier, ids []int64) ([]*registry.Activity, error) {
	if len(ids) == 0 {
		return []*registry.Activity{}, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	in := placeholders(len(ids))
	byID := make(map[int64]*registry.Activity, len(ids))

	rows, err := q.QueryContext(ctx, `SELECT a.id, a.organisation_id, o.name, a.category, a.stage, a.age_min, a.age_max,
		a.cost_kind, a.price, a.currency, a.leisure_card, a.accessibility, a.registration_required, a.capacity,
		a.contact_name, a.contact_email, a.contact_phone, a.status, a.public, a.last_confirmed, a.created_at, a.updated_at,
		l.id, l.name, l.address, l.postcode, l.city, l.district, l.country, COALESCE(l.lat, 0), COALESCE(l.lng, 0)
		FROM activities a JOIN organisations o ON o.id = a.organisation_id JOIN locations l ON l.id = a.location_id
		WHERE a.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: load activities: %w", err)
	}
	for rows.Next() {
		a := &registry.Activity{Title: registry.Text{}, Description: registry.Text{}, HowToJoin: registry.Text{},
			Languages: []string{}, Accessibility: []string{}, Schedules: []registry.Schedule{}}
		var access, confirmed, created, updated string
		if err := rows.Scan(&a.ID, &a.OrganisationID, &a.OrganisationName, &a.Category, &a.Stage, &a.AgeMin, &a.AgeMax,
			&a.Cost.Kind, &a.Cost.Price, &a.Cost.Currency, &a.Cost.LeisureCard, &access, &a.RegistrationRequired, &a.Capacity,
			&a.Contact.Name, &a.Contact.Email, &a.Contact.Phone, &a.Status, &a.Public, &confirmed, &created, &updated,
			&a.Location.ID, &a.Location.Name, &a.Location.Address, &a.Location.Postcode, &a.Location.City,
			&a.Location.District, &a.Location.Country, &a.Location.Lat, &a.Location.Lng); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: load activities: %w", err)
		}
		if access != "" {
			a.Accessibility = strings.Fields(access)
		}
		a.LastConfirmed, a.CreatedAt, a.UpdatedAt = parseTime(confirmed), parseTime(created), parseTime(updated)
		byID[a.ID] = a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: load activities: %w", err)
	}

	rows, err = q.QueryContext(ctx, `SELECT activity_id, lang, title, description, how_to_join FROM activity_texts
		WHERE activity_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: activity texts: %w", err)
	}
	for rows.Next() {
		var id int64
		var lang, title, desc, join string
		if err := rows.Scan(&id, &lang, &title, &desc, &join); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: activity texts: %w", err)
		}
		if a := byID[id]; a != nil {
			putText(a.Title, lang, title)
			putText(a.Description, lang, desc)
			putText(a.HowToJoin, lang, join)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: activity texts: %w", err)
	}

	rows, err = q.QueryContext(ctx, `SELECT activity_id, role, lang FROM activity_languages
		WHERE activity_id IN (`+in+`) ORDER BY activity_id, role, lang`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: activity languages: %w", err)
	}
	for rows.Next() {
		var id int64
		var role, lang string
		if err := rows.Scan(&id, &role, &lang); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: activity languages: %w", err)
		}
		if a := byID[id]; a != nil {
			if role == "spoken" {
				a.Languages = append(a.Languages, lang)
			} else {
				a.HelperLanguages = append(a.HelperLanguages, lang)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: activity languages: %w", err)
	}

	rows, err = q.QueryContext(ctx, `SELECT activity_id, id, kind, zone, rrule, start_date, end_date, start_time, end_time, except_dates
		FROM schedules WHERE activity_id IN (`+in+`) ORDER BY activity_id, position`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: schedules: %w", err)
	}
	for rows.Next() {
		var id int64
		var s registry.Schedule
		var except string
		if err := rows.Scan(&id, &s.ID, &s.Kind, &s.Zone, &s.RRule, &s.StartDate, &s.EndDate, &s.StartTime, &s.EndTime, &except); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: schedules: %w", err)
		}
		if except != "" {
			s.Except = strings.Fields(except)
		}
		if a := byID[id]; a != nil {
			a.Schedules = append(a.Schedules, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: schedules: %w", err)
	}

	out := make([]*registry.Activity, 0, len(ids))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

func putText(t registry.Text, lang, v string) {
	if v != "" {
		t[lang] = v
	}
}

// CreateActivity validates and stores a, and indexes it if it is public.
func (db *DB) CreateActivity(ctx context.Context, a *registry.Activity) error {
	return db.CreateActivities(ctx, []*registry.Activity{a})
}

// CreateActivities validates and stores every activity in one transaction:
// all are stored or, if one is invalid or a write fails, none. An invalid
// activity's error names its position in Args["index"].
func (db *DB) CreateActivities(ctx context.Context, as []*registry.Activity) error {
	now := db.Now().UTC()
	for i, a := range as {
		a.Normalize()
		if a.Status == "" {
			a.Status = registry.StatusPending
		}
		if a.LastConfirmed.IsZero() {
			a.LastConfirmed = now
		}
		if err := a.Validate(); err != nil {
			if e := broen.AsError(err); e != nil && len(as) > 1 {
				e.Args = map[string]any{"index": i}
			}
			return err
		}
	}
	orgs := map[int64][2]string{}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, a := range as {
			org, ok := orgs[a.OrganisationID]
			if !ok {
				status, name, err := orgForActivity(ctx, tx, a.OrganisationID)
				if err != nil {
					return err
				}
				org = [2]string{string(status), name}
				orgs[a.OrganisationID] = org
			}
			if err := createActivityTx(ctx, tx, a, registry.Status(org[0]), org[1], now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, a := range as {
			a.ID = 0
		}
		return err
	}
	for _, a := range as {
		a.CreatedAt, a.UpdatedAt = now, now
	}
	return nil
}

func createActivityTx(ctx context.Context, tx *sql.Tx, a *registry.Activity, orgStatus registry.Status, orgName string, now time.Time) error {
	a.OrganisationName = orgName
	locID, err := upsertLocation(ctx, tx, a.OrganisationID, 0, &a.Location)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO activities (organisation_id, category, stage, age_min, age_max,
		cost_kind, price, currency, leisure_card, accessibility, registration_required, capacity,
		contact_name, contact_email, contact_phone, location_id, status, public, sort_title, last_confirmed,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.OrganisationID, a.Category, a.Stage, a.AgeMin, a.AgeMax, a.Cost.Kind, a.Cost.Price, a.Cost.Currency,
		boolInt(a.Cost.LeisureCard), strings.Join(a.Accessibility, " "), boolInt(a.RegistrationRequired), a.Capacity,
		a.Contact.Name, a.Contact.Email, a.Contact.Phone, locID, a.Status,
		boolInt(isPublic(a.Status, orgStatus)), sortTitle(a.Title), formatTime(a.LastConfirmed),
		formatTime(now), formatTime(now))
	if err != nil {
		return fmt.Errorf("sqlite: create activity: %w", err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := writeActivityParts(ctx, tx, a); err != nil {
		return err
	}
	return indexActivity(ctx, tx, a, orgStatus)
}

// UpdateActivity applies upd, validates and stores the result, re-indexing it.
func (db *DB) UpdateActivity(ctx context.Context, id int64, upd registry.ActivityUpdate) (*registry.Activity, error) {
	var out *registry.Activity
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = updateActivityTx(ctx, tx, id, upd, db.Now().UTC())
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func updateActivityTx(ctx context.Context, tx *sql.Tx, id int64, upd registry.ActivityUpdate, now time.Time) (*registry.Activity, error) {
	as, err := loadActivities(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, activityNotFound()
	}
	a := as[0]
	upd.Apply(a)
	a.Normalize()
	if err := a.Validate(); err != nil {
		return nil, err
	}
	orgStatus, orgName, err := orgForActivity(ctx, tx, a.OrganisationID)
	if err != nil {
		return nil, err
	}
	a.OrganisationName = orgName
	locID, err := upsertLocation(ctx, tx, a.OrganisationID, a.ID, &a.Location)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE activities SET category = ?, stage = ?, age_min = ?, age_max = ?,
		cost_kind = ?, price = ?, currency = ?, leisure_card = ?, accessibility = ?, registration_required = ?,
		capacity = ?, contact_name = ?, contact_email = ?, contact_phone = ?, location_id = ?, status = ?,
		public = ?, sort_title = ?, last_confirmed = ?, updated_at = ? WHERE id = ?`,
		a.Category, a.Stage, a.AgeMin, a.AgeMax, a.Cost.Kind, a.Cost.Price, a.Cost.Currency,
		boolInt(a.Cost.LeisureCard), strings.Join(a.Accessibility, " "), boolInt(a.RegistrationRequired),
		a.Capacity, a.Contact.Name, a.Contact.Email, a.Contact.Phone, locID, a.Status,
		boolInt(isPublic(a.Status, orgStatus)), sortTitle(a.Title), formatTime(a.LastConfirmed),
		formatTime(now), id); err != nil {
		return nil, fmt.Errorf("sqlite: update activity: %w", err)
	}
	for _, table := range []string{"activity_texts", "activity_languages", "schedules"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE activity_id = ?`, id); err != nil {
			return nil, fmt.Errorf("sqlite: update activity: %w", err)
		}
	}
	if err := writeActivityParts(ctx, tx, a); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM locations WHERE organisation_id = ? AND id NOT IN
		(SELECT location_id FROM activities WHERE organisation_id = ?)`, a.OrganisationID, a.OrganisationID); err != nil {
		return nil, fmt.Errorf("sqlite: prune locations: %w", err)
	}
	a.UpdatedAt = now
	if err := indexActivity(ctx, tx, a, orgStatus); err != nil {
		return nil, err
	}
	return a, nil
}

// DeleteActivity removes the activity and its search entry.
func (db *DB) DeleteActivity(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := unindex(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM activities WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("sqlite: delete activity: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return activityNotFound()
		}
		return nil
	})
}

func orgForActivity(ctx context.Context, tx *sql.Tx, orgID int64) (registry.Status, string, error) {
	var status registry.Status
	var name string
	err := tx.QueryRowContext(ctx, `SELECT status, name FROM organisations WHERE id = ?`, orgID).Scan(&status, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", &broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
			Fields: map[string]string{"organisation_id": "registry.organisation.not_found"}}
	}
	if err != nil {
		return "", "", fmt.Errorf("sqlite: activity organisation: %w", err)
	}
	return status, name, nil
}

func isPublic(activity, org registry.Status) bool {
	return activity == registry.StatusApproved && org == registry.StatusApproved
}

func sortTitle(t registry.Text) string {
	_, v := t.Pick("nb")
	return registry.Fold(v)
}

// upsertLocation reuses the organisation's location with the same name and
// address, or creates one, and returns its id. When a reused place's
// district, city or coordinates change, every other activity held there is
// re-indexed too: they are at the same place.
func upsertLocation(ctx context.Context, tx *sql.Tx, orgID, activityID int64, l *registry.Location) (int64, error) {
	var id int64
	var city, district string
	var lat, lng float64
	err := tx.QueryRowContext(ctx, `SELECT id, city, district, COALESCE(lat, 0), COALESCE(lng, 0) FROM locations
		WHERE organisation_id = ? AND name = ? AND address = ? AND postcode = ? AND country = ?`,
		orgID, l.Name, l.Address, l.Postcode, l.Country).Scan(&id, &city, &district, &lat, &lng)
	switch {
	case err == nil:
		if city == l.City && district == l.District && lat == l.Lat && lng == l.Lng {
			break
		}
		_, err = tx.ExecContext(ctx, `UPDATE locations SET city = ?, district = ?, district_code = ?, lat = ?, lng = ?
			WHERE id = ?`, l.City, l.District, registry.DistrictCode(l.District), nullFloat(l.Lat), nullFloat(l.Lng), id)
		if err == nil {
			err = reindexWhere(ctx, tx, `SELECT id FROM activities WHERE location_id = ? AND id <> ?`, id, activityID)
		}
	case errors.Is(err, sql.ErrNoRows):
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO locations (organisation_id, name, address, postcode, city, district,
			district_code, country, lat, lng) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, l.Name, l.Address,
			l.Postcode, l.City, l.District, registry.DistrictCode(l.District), l.Country, nullFloat(l.Lat), nullFloat(l.Lng))
		if err == nil {
			id, err = res.LastInsertId()
		}
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: location: %w", err)
	}
	l.ID = id
	return id, nil
}

func nullFloat(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

func writeActivityParts(ctx context.Context, tx *sql.Tx, a *registry.Activity) error {
	langs := map[string]bool{}
	for _, t := range []registry.Text{a.Title, a.Description, a.HowToJoin} {
		for _, l := range t.Languages() {
			langs[l] = true
		}
	}
	keys := make([]string, 0, len(langs))
	for l := range langs {
		keys = append(keys, l)
	}
	sort.Strings(keys)
	for _, l := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT INTO activity_texts (activity_id, lang, title, description, how_to_join)
			VALUES (?, ?, ?, ?, ?)`, a.ID, l, a.Title[l], a.Description[l], a.HowToJoin[l]); err != nil {
			return fmt.Errorf("sqlite: activity texts: %w", err)
		}
	}
	for role, list := range map[string][]string{"spoken": a.Languages, "helper": a.HelperLanguages} {
		for _, l := range list {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO activity_languages (activity_id, role, lang) VALUES (?, ?, ?)`,
				a.ID, role, l); err != nil {
				return fmt.Errorf("sqlite: activity languages: %w", err)
			}
		}
	}
	for i := range a.Schedules {
		s := &a.Schedules[i]
		res, err := tx.ExecContext(ctx, `INSERT INTO schedules (activity_id, position, kind, zone, rrule, start_date, end_date,
			start_time, end_time, except_dates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, i, s.Kind, s.Zone, s.RRule,
			s.StartDate, s.EndDate, s.StartTime, s.EndTime, strings.Join(s.Except, " "))
		if err != nil {
			return fmt.Errorf("sqlite: schedules: %w", err)
		}
		if s.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

// indexActivity puts a into the public search index if it is public, and
// takes it out otherwise.
func indexActivity(ctx context.Context, tx *sql.Tx, a *registry.Activity, orgStatus registry.Status) error {
	if err := unindex(ctx, tx, a.ID); err != nil {
		return err
	}
	a.Public = isPublic(a.Status, orgStatus)
	if !a.Public {
		return nil
	}
	d := buildSearchDoc(a)
	if _, err := tx.ExecContext(ctx, `INSERT INTO activity_search (rowid, title, sub, body) VALUES (?, ?, ?, ?)`,
		a.ID, d.title, d.sub, d.body); err != nil {
		return fmt.Errorf("sqlite: index activity: %w", err)
	}
	return nil
}

// reindexOrganisation refreshes the public flag and search entries of every
// activity of an organisation after its status or name changed.
func reindexOrganisation(ctx context.Context, tx *sql.Tx, orgID int64) error {
	return reindexWhere(ctx, tx, `SELECT id FROM activities WHERE organisation_id = ?`, orgID)
}

// reindexWhere refreshes the public flag and search entries of the
// activities the query selects, a chunk at a time.
func reindexWhere(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	ids, err := queryIDs(ctx, tx, query, args...)
	if err != nil {
		return fmt.Errorf("sqlite: reindex: %w", err)
	}
	orgStatus := map[int64]registry.Status{}
	for i := 0; i < len(ids); i += loadChunk {
		as, err := loadActivities(ctx, tx, ids[i:min(i+loadChunk, len(ids))])
		if err != nil {
			return err
		}
		for _, a := range as {
			st, ok := orgStatus[a.OrganisationID]
			if !ok {
				if st, _, err = orgForActivity(ctx, tx, a.OrganisationID); err != nil {
					return err
				}
				orgStatus[a.OrganisationID] = st
			}
			if _, err := tx.ExecContext(ctx, `UPDATE activities SET public = ? WHERE id = ?`,
				boolInt(isPublic(a.Status, st)), a.ID); err != nil {
				return fmt.Errorf("sqlite: reindex: %w", err)
			}
			if err := indexActivity(ctx, tx, a, st); err != nil {
				return err
			}
		}
	}
	return nil
}

// unindex removes an activity from the text index and logs it in
// search_log, so every process's in-memory index drops or reloads it.
func unindex(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM activity_search WHERE rowid = ?`, id); err != nil {
		return fmt.Errorf("sqlite: unindex: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO search_log (activity_id) VALUES (?)`, id)
	if err != nil {
		return fmt.Errorf("sqlite: search log: %w", err)
	}
	// Now and then drop old entries; a process that had not seen them
	// reloads its index in full.
	if seq, err := res.LastInsertId(); err == nil && seq%1024 == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_log WHERE seq <= ?`, seq-searchLogKeep); err != nil {
			return fmt.Errorf("sqlite: prune search log: %w", err)
		}
	}
	return nil
}

// searchLogKeep is how many search_log entries are kept.
const searchLogKeep = 200000

// FindActivitiesToRemind returns approved activities that are stale at now
// and whose editors were not reminded within every, at most limit of them,
// longest unconfirmed first.
func (db *DB) FindActivitiesToRemind(ctx context.Context, now time.Time, every time.Duration, limit int) ([]*registry.Activity, error) {
	since := db.Stale.StaleSince(now)
	if since.IsZero() {
		return nil, nil
	}
	ids, err := queryIDs(ctx, db.read, `SELECT id FROM activities WHERE status = 'approved' AND last_confirmed < ?
		AND (reminded_at = '' OR reminded_at < ?) ORDER BY last_confirmed LIMIT ?`,
		formatTime(since), formatTime(now.Add(-every)), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: activities to remind: %w", err)
	}
	return loadActivities(ctx, db.read, ids)
}

// MarkReminded records that an activity's editors were reminded at now.
func (db *DB) MarkReminded(ctx context.Context, id int64, now time.Time) error {
	if _, err := db.write.ExecContext(ctx, `UPDATE activities SET reminded_at = ? WHERE id = ?`, formatTime(now), id); err != nil {
		return fmt.Errorf("sqlite: mark reminded: %w", err)
	}
	return nil
}
