package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"broen/demo"
	"broen/registry"
)

// benchDB is a database with the demo municipality and BROEN_BENCH_N
// generated activities (default 20,000), built once per benchmark run.
func benchDB(b *testing.B) *DB {
	b.Helper()
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("BROEN_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	db, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, _, err := demo.Load(ctx, db, db, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	orgs, _, err := db.FindOrganisations(ctx, registry.OrganisationFilter{Limit: registry.MaxPageSize})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	all := demo.Generate(1, n, ids)
	for i := 0; i < len(all); i += 5000 {
		if err := db.CreateActivities(ctx, all[i:min(i+5000, len(all))]); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

var benchShapes = []struct {
	name string
	f    registry.ActivityFilter
}{
	{"NoFilter", registry.ActivityFilter{}},
	{"BroadWord", registry.ActivityFilter{Query: ptr("trening")}},
	{"WordInMostRows", registry.ActivityFilter{Query: ptr("for")}},
	{"RareWord", registry.ActivityFilter{Query: ptr("bueskyting")}},
	{"LanguageWeekday", registry.ActivityFilter{Language: ptr("ar"), Weekday: ptr(time.Tuesday)}},
	{"AllFilters", registry.ActivityFilter{Query: ptr("trening"), Category: ptr(registry.CategorySport),
		Language: ptr("nb"), Weekday: ptr(time.Tuesday), District: ptr("bragernes"), Age: ptr(12), FreeOnly: true}},
}

func ptr[T any](v T) *T { return &v }

// BenchmarkFindActivities measures one public search page, with the text
// cache warm (Warm) and with it emptied before every search (Cold: the cost
// of the first search for a word after any change to the registry).
func BenchmarkFindActivities(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	for _, s := range benchShapes {
		b.Run("Warm/"+s.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.FindActivities(ctx, s.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, s := range benchShapes {
		if s.f.Query == nil {
			continue
		}
		b.Run("Cold/"+s.name, func(b *testing.B) {
			for b.Loop() {
				db.index.textMu.Lock()
				clear(db.index.text)
				db.index.textMu.Unlock()
				if _, _, err := db.FindActivities(ctx, s.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("RefreshAfterOneChange", func(b *testing.B) {
		a, err := db.FindActivityByID(ctx, 1)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := db.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Capacity: ptr(a.Capacity + 1)}); err != nil {
				b.Fatal(err)
			}
			if err := db.refresh(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
