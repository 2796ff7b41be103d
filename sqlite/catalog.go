package sqlite

import (
	"context"
	"fmt"
	"sort"

	"broen/registry"
)

var _ registry.CatalogService = (*DB)(nil)

// FindCategories returns every category, in display order, with its number
// of public activities.
func (db *DB) FindCategories(ctx context.Context) ([]registry.CategoryCount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT c.code,
		(SELECT COUNT(*) FROM activities a WHERE a.category = c.code AND a.public = 1)
		FROM categories c ORDER BY c.sort`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find categories: %w", err)
	}
	defer rows.Close()
	var out []registry.CategoryCount
	for rows.Next() {
		var c registry.CategoryCount
		if err := rows.Scan(&c.Category, &c.Count); err != nil {
			return nil, fmt.Errorf("sqlite: find categories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindDistricts returns the districts that public activities take place in,
// sorted by name.
func (db *DB) FindDistricts(ctx context.Context) ([]registry.District, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT l.district_code, MIN(l.district) FROM locations l
		WHERE l.district_code <> '' AND EXISTS (SELECT 1 FROM activities a WHERE a.location_id = l.id AND a.public = 1)
		GROUP BY l.district_code`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find districts: %w", err)
	}
	defer rows.Close()
	var out []registry.District
	for rows.Next() {
		var d registry.District
		if err := rows.Scan(&d.Code, &d.Name); err != nil {
			return nil, fmt.Errorf("sqlite: find districts: %w", err)
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return registry.Fold(out[i].Name) < registry.Fold(out[j].Name) })
	return out, rows.Err()
}
