package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"broen"
	"broen/registry"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Ensure the service interface is implemented.
var _ registry.OrganisationService = (*DB)(nil)

const orgColumns = `o.id, o.name, o.kind, o.country, COALESCE(o.org_number, ''), o.website, o.email, o.phone,
	o.contact_public, o.address, o.postcode, o.city, o.district, o.status, o.created_at, o.updated_at`

func scanOrganisation(sc interface{ Scan(...any) error }, extra ...any) (*registry.Organisation, error) {
	var o registry.Organisation
	var created, updated string
	dest := []any{&o.ID, &o.Name, &o.Kind, &o.Country, &o.OrgNumber, &o.Website, &o.Email, &o.Phone,
		&o.ContactPublic, &o.Address, &o.Postcode, &o.City, &o.District, &o.Status, &created, &updated}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = parseTime(created), parseTime(updated)
	o.Description = registry.Text{}
	return &o, nil
}

// FindOrganisationByID returns ENOTFOUND if there is no such organisation.
func (db *DB) FindOrganisationByID(ctx context.Context, id int64) (*registry.Organisation, error) {
	return loadOrganisation(ctx, db.read, id)
}

func loadOrganisation(ctx context.Context, q querier, id int64) (*registry.Organisation, error) {
	row := q.QueryRowContext(ctx, `SELECT `+orgColumns+`,
		(SELECT COUNT(*) FROM activities a WHERE a.organisation_id = o.id AND a.public = 1)
		FROM organisations o WHERE o.id = ?`, id)
	var count int
	o, err := scanOrganisation(row, &count)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.organisation.not_found"}
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: find organisation: %w", err)
	}
	o.ActivityCount = count
	if err := loadOrgTexts(ctx, q, []*registry.Organisation{o}); err != nil {
		return nil, err
	}
	return o, nil
}

// FindOrganisations returns one page of organisations sorted by name and the
// total. Without a Status filter it returns approved organisations only.
func (db *DB) FindOrganisations(ctx context.Context, f registry.OrganisationFilter) ([]*registry.Organisation, int, error) {
	where := []string{"o.status = ?"}
	args := []any{string(registry.StatusApproved)}
	if f.Status != nil {
		args[0] = string(*f.Status)
	}
	if f.Kind != nil {
		where = append(where, "o.kind = ?")
		args = append(args, string(*f.Kind))
	}
	if f.District != nil {
		where = append(where, "o.district_code = ?")
		args = append(args, registry.DistrictCode(*f.District))
	}
	if f.Query != nil && strings.TrimSpace(*f.Query) != "" {
		where = append(where, "o.sort_name LIKE ? ESCAPE '\\'")
		args = append(args, "%"+likeEscape(registry.Fold(strings.TrimSpace(*f.Query)))+"%")
	}
	limit, offset := pageBounds(f.Limit, f.Offset)
	args = append(args, limit, offset)
	rows, err := db.read.QueryContext(ctx, `SELECT `+orgColumns+`,
		(SELECT COUNT(*) FROM activities a WHERE a.organisation_id = o.id AND a.public = 1),
		COUNT(*) OVER ()
		FROM organisations o WHERE `+strings.Join(where, " AND ")+`
		ORDER BY o.sort_name, o.id LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlite: find organisations: %w", err)
	}
	defer rows.Close()
	var out []*registry.Organisation
	total := 0
	for rows.Next() {
		var count int
		o, err := scanOrganisation(rows, &count, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: find organisations: %w", err)
		}
		o.ActivityCount = count
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: find organisations: %w", err)
	}
	if len(out) == 0 && offset > 0 {
		// The page is past the end: the total still has to be right.
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+strings.Join(where, " AND "),
			args[:len(args)-2]...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("sqlite: count organisations: %w", err)
		}
	}
	if err := loadOrgTexts(ctx, db.read, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

func loadOrgTexts(ctx context.Context, q querier, orgs []*registry.Organisation) error {
	if len(orgs) == 0 {
		return nil
	}
	byID := make(map[int64]*registry.Organisation, len(orgs))
	ids := make([]any, len(orgs))
	for i, o := range orgs {
		byID[o.ID] = o
		ids[i] = o.ID
	}
	rows, err := q.QueryContext(ctx, `SELECT organisation_id, lang, description FROM organisation_texts
		WHERE organisation_id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return fmt.Errorf("sqlite: organisation texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var lang, desc string
		if err := rows.Scan(&id, &lang, &desc); err != nil {
			return fmt.Errorf("sqlite: organisation texts: %w", err)
		}
		byID[id].Description[lang] = desc
	}
	return rows.Err()
}

// CreateOrganisation validates and stores o.
func (db *DB) CreateOrganisation(ctx context.Context, o *registry.Organisation) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return createOrganisationTx(ctx, tx, o, db.Now().UTC()) })
}

func createOrganisationTx(ctx context.Context, tx *sql.Tx, o *registry.Organisation, now time.Time) error {
	o.Normalize()
	if o.Status == "" {
		o.Status = registry.StatusPending
	}
	if err := o.Validate(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO organisations (name, kind, country, org_number, website, email, phone,
		contact_public, address, postcode, city, district, district_code, status, sort_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.Name, o.Kind, o.Country, nullString(o.OrgNumber), o.Website, o.Email, o.Phone,
		boolInt(o.ContactPublic), o.Address, o.Postcode, o.City, o.District, registry.DistrictCode(o.District),
		o.Status, registry.Fold(o.Name), formatTime(now), formatTime(now))
	if err != nil {
		return orgWriteError(err)
	}
	if o.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if err := writeOrgTexts(ctx, tx, o); err != nil {
		return err
	}
	o.CreatedAt, o.UpdatedAt = now, now
	return nil
}

// UpdateOrganisation applies upd, validates and stores the result, all in
// one transaction. A change of status or name re-indexes the organisation's
// activities, since only activities of approved organisations are public and
// the name is searchable.
func (db *DB) UpdateOrganisation(ctx context.Context, id int64, upd registry.OrganisationUpdate) (*registry.Organisation, error) {
	var out *registry.Organisation
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = updateOrganisationTx(ctx, tx, id, upd, db.Now().UTC())
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func updateOrganisationTx(ctx context.Context, tx *sql.Tx, id int64, upd registry.OrganisationUpdate, now time.Time) (*registry.Organisation, error) {
	o, err := loadOrganisation(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	oldStatus, oldName := o.Status, o.Name
	upd.Apply(o)
	o.Normalize()
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE organisations SET name = ?, kind = ?, country = ?, org_number = ?,
		website = ?, email = ?, phone = ?, contact_public = ?, address = ?, postcode = ?, city = ?, district = ?,
		district_code = ?, status = ?, sort_name = ?, updated_at = ? WHERE id = ?`,
		o.Name, o.Kind, o.Country, nullString(o.OrgNumber), o.Website, o.Email, o.Phone, boolInt(o.ContactPublic),
		o.Address, o.Postcode, o.City, o.District, registry.DistrictCode(o.District), o.Status,
		registry.Fold(o.Name), formatTime(now), id); err != nil {
		return nil, orgWriteError(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM organisation_texts WHERE organisation_id = ?`, id); err != nil {
		return nil, fmt.Errorf("sqlite: update organisation: %w", err)
	}
	if err := writeOrgTexts(ctx, tx, o); err != nil {
		return nil, err
	}
	if oldStatus != o.Status || oldName != o.Name {
		if err := reindexOrganisation(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	o.UpdatedAt = now
	return o, nil
}

// DeleteOrganisation removes the organisation, its activities and their
// search entries.
func (db *DB) DeleteOrganisation(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := queryIDs(ctx, tx, `SELECT id FROM activities WHERE organisation_id = ?`, id)
		if err != nil {
			return fmt.Errorf("sqlite: delete organisation: %w", err)
		}
		for _, aid := range ids {
			if err := unindex(ctx, tx, aid); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM organisations WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("sqlite: delete organisation: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &broen.Error{Code: broen.ENOTFOUND, MessageID: "registry.organisation.not_found"}
		}
		return nil
	})
}

func writeOrgTexts(ctx context.Context, tx *sql.Tx, o *registry.Organisation) error {
	for _, lang := range o.Description.Languages() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO organisation_texts (organisation_id, lang, description) VALUES (?, ?, ?)`,
			o.ID, lang, o.Description[lang]); err != nil {
			return fmt.Errorf("sqlite: organisation texts: %w", err)
		}
	}
	return nil
}

func orgWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return &broen.Error{Code: broen.ECONFLICT, MessageID: "registry.organisation.org_number_taken",
			Fields: map[string]string{"org_number": "registry.organisation.org_number_taken"}, Err: err}
	}
	return fmt.Errorf("sqlite: write organisation: %w", err)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// pageBounds clamps a requested page to sane limits.
func pageBounds(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 20
	}
	if limit > registry.MaxPageSize {
		limit = registry.MaxPageSize
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// MergeOrganisations moves everything of organisation drop — activities,
// places, editors, waiting submissions — to keep, and removes drop, in one
// transaction: for a coordinator who finds the same organisation registered
// twice. ENOTFOUND if either does not exist; EINVALID if they are the same.
func (db *DB) MergeOrganisations(ctx context.Context, keep, drop int64) error {
	if keep == drop {
		return &broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid",
			Fields: map[string]string{"drop": "registry.merge.same"}}
	}
	now := db.Now().UTC()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range []int64{keep, drop} {
			if _, err := loadOrganisation(ctx, tx, id); err != nil {
				return err
			}
		}
		steps := []struct{ q string }{
			{`UPDATE locations SET organisation_id = ?1 WHERE organisation_id = ?2`},
			{`UPDATE activities SET organisation_id = ?1 WHERE organisation_id = ?2`},
			{`INSERT OR IGNORE INTO user_organisations (user_id, organisation_id)
				SELECT user_id, ?1 FROM user_organisations WHERE organisation_id = ?2`},
			{`DELETE FROM user_organisations WHERE organisation_id = ?2`},
			{`UPDATE submissions SET status = 'replaced' WHERE kind = 'organisation' AND object_id = ?2 AND status = 'pending'`},
			{`UPDATE submissions SET organisation_id = ?1 WHERE organisation_id = ?2`},
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, st.q, keep, drop); err != nil {
				return fmt.Errorf("sqlite: merge organisations: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM organisations WHERE id = ?`, drop); err != nil {
			return fmt.Errorf("sqlite: merge organisations: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE organisations SET updated_at = ? WHERE id = ?`, formatTime(now), keep); err != nil {
			return fmt.Errorf("sqlite: merge organisations: %w", err)
		}
		// The moved activities now carry the kept organisation's name and
		// status.
		return reindexOrganisation(ctx, tx, keep)
	})
}
