package sqlite

import (
	"context"
	"sort"

	"broen/registry"
)

var _ registry.CatalogService = (*DB)(nil)

// FindCategories returns every category, in display order, with its number
// of public activities.
func (db *DB) FindCategories(ctx context.Context) ([]registry.CategoryCount, error) {
	if err := db.refresh(ctx); err != nil {
		return nil, err
	}
	db.index.mu.RLock()
	counts := map[registry.Category]int{}
	q := db.index.compile(&registry.ActivityFilter{}, db.Stale.HiddenSince(db.Now()))
	for i, e := range db.index.order {
		if db.index.match(&q, i) {
			counts[e.a.Category]++
		}
	}
	db.index.mu.RUnlock()
	out := make([]registry.CategoryCount, len(registry.Categories))
	for i, c := range registry.Categories {
		out[i] = registry.CategoryCount{Category: c, Count: counts[c]}
	}
	return out, nil
}

// FindDistricts returns the districts that public activities take place in,
// sorted by name.
func (db *DB) FindDistricts(ctx context.Context) ([]registry.District, error) {
	if err := db.refresh(ctx); err != nil {
		return nil, err
	}
	db.index.mu.RLock()
	names := map[string]string{}
	q := db.index.compile(&registry.ActivityFilter{}, db.Stale.HiddenSince(db.Now()))
	for i, e := range db.index.order {
		if e.district != "" && db.index.match(&q, i) {
			if _, ok := names[e.district]; !ok {
				names[e.district] = e.a.Location.District
			}
		}
	}
	db.index.mu.RUnlock()
	out := make([]registry.District, 0, len(names))
	for code, name := range names {
		out = append(out, registry.District{Code: code, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return registry.Fold(out[i].Name) < registry.Fold(out[j].Name) })
	return out, nil
}
