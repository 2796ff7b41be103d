package sqlite

import (
	"context"
	"sort"
	"time"

	"broen/registry"
)

var _ registry.CatalogService = (*DB)(nil)

// FindCategories returns every category, in display order, with its number
// of public activities.
func (db *DB) FindCategories(ctx context.Context) ([]registry.CategoryCount, error) {
	s, err := db.summary(ctx)
	if err != nil {
		return nil, err
	}
	return s.categories, nil
}

// summary is what every page's menus show: counts per category and the
// districts with public activities. Walking the whole index for it on every
// request cost more than the search itself, so it is kept until the index
// changes or the hour turns (when stale listings may drop out).
type summary struct {
	seq        int64
	hour       int64
	categories []registry.CategoryCount
	districts  []registry.District
}

func (db *DB) summary(ctx context.Context) (*summary, error) {
	if err := db.refresh(ctx); err != nil {
		return nil, err
	}
	now := db.Now()
	hour := now.Unix() / 3600
	ix := &db.index
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ix.textMu.Lock()
	cached := ix.summary
	ix.textMu.Unlock()
	if cached != nil && cached.seq == ix.seq && cached.hour == hour {
		return cached, nil
	}
	// Hidden listings are those unconfirmed since the start of this hour's
	// cut-off, so the summary is the same for the whole hour.
	q := ix.compile(&registry.ActivityFilter{}, db.Stale.HiddenSince(time.Unix(hour*3600, 0)))
	counts := map[registry.Category]int{}
	names := map[string]string{}
	for i, e := range ix.order {
		if !ix.match(&q, i) {
			continue
		}
		counts[e.a.Category]++
		if e.district != "" {
			if _, ok := names[e.district]; !ok {
				names[e.district] = e.a.Location.District
			}
		}
	}
	s := &summary{seq: ix.seq, hour: hour}
	for _, c := range registry.Categories {
		s.categories = append(s.categories, registry.CategoryCount{Category: c, Count: counts[c]})
	}
	for code, name := range names {
		s.districts = append(s.districts, registry.District{Code: code, Name: name})
	}
	sort.Slice(s.districts, func(i, j int) bool { return registry.Fold(s.districts[i].Name) < registry.Fold(s.districts[j].Name) })
	ix.textMu.Lock()
	ix.summary = s
	ix.textMu.Unlock()
	return s, nil
}

// FindDistricts returns the districts that public activities take place in,
// sorted by name.
func (db *DB) FindDistricts(ctx context.Context) ([]registry.District, error) {
	s, err := db.summary(ctx)
	if err != nil {
		return nil, err
	}
	return s.districts, nil
}
