package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"broen"
	"broen/registry"
	"broen/sqlite"
)

// fixedNow is the clock of every store test: Monday 23 November 2026.
var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func openDB(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "broen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return fixedNow }
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func newOrg(name string) *registry.Organisation {
	return &registry.Organisation{
		Name: name, Kind: registry.OrgVoluntary, Country: "NO", Status: registry.StatusApproved,
		Description: registry.Text{"nb": "En forening i Drammen."},
	}
}

func weekly(byday, start string) registry.Schedule {
	return registry.Schedule{Kind: registry.ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=" + byday,
		StartDate: "2026-08-18", StartTime: start, EndTime: "20:00"}
}

func newActivity(orgID int64, title string, mod ...func(*registry.Activity)) *registry.Activity {
	a := &registry.Activity{
		OrganisationID: orgID,
		Title:          registry.Text{"nb": title},
		Description:    registry.Text{"nb": "Velkommen til " + title + "."},
		Category:       registry.CategorySport,
		Languages:      []string{"nb"},
		Cost:           registry.Cost{Kind: registry.CostFree},
		Location: registry.Location{Name: "Bragernes bibliotek", Address: "Grønland 32", Postcode: "3045",
			City: "Drammen", District: "Bragernes", Country: "NO", Lat: 59.744, Lng: 10.204},
		Schedules: []registry.Schedule{weekly("TU", "18:00")},
		Status:    registry.StatusApproved,
	}
	for _, m := range mod {
		m(a)
	}
	return a
}

func mustCreateOrg(t testing.TB, db *sqlite.DB, o *registry.Organisation) *registry.Organisation {
	t.Helper()
	if err := db.CreateOrganisation(context.Background(), o); err != nil {
		t.Fatalf("create organisation %q: %v", o.Name, err)
	}
	return o
}

func mustCreate(t testing.TB, db *sqlite.DB, a *registry.Activity) *registry.Activity {
	t.Helper()
	if err := db.CreateActivity(context.Background(), a); err != nil {
		t.Fatalf("create activity %v: %v", a.Title, err)
	}
	return a
}

func ptr[T any](v T) *T { return &v }

func TestOrganisationCRUD(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	o := newOrg("Drammen Røde Kors")
	o.OrgNumber = "974 760 673"
	mustCreateOrg(t, db, o)
	if o.ID == 0 || o.OrgNumber != "974760673" {
		t.Fatalf("created %+v", o)
	}
	got, err := db.FindOrganisationByID(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != o.Name || got.Description["nb"] != "En forening i Drammen." || !got.CreatedAt.Equal(fixedNow) {
		t.Errorf("found %+v", got)
	}

	t.Run("ErrConflictOrgNumber", func(t *testing.T) {
		dup := newOrg("Kopi")
		dup.OrgNumber = "974760673"
		err := db.CreateOrganisation(ctx, dup)
		if broen.ErrorCode(err) != broen.ECONFLICT {
			t.Fatalf("got %v, want conflict", err)
		}
	})
	t.Run("ErrInvalidOrgNumber", func(t *testing.T) {
		bad := newOrg("Feil")
		bad.OrgNumber = "974760674"
		err := db.CreateOrganisation(ctx, bad)
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.Fields["org_number"] == "" {
			t.Fatalf("got %v, want invalid org_number", err)
		}
	})
	t.Run("Update", func(t *testing.T) {
		up, err := db.UpdateOrganisation(ctx, o.ID, registry.OrganisationUpdate{Name: ptr("Røde Kors Drammen"),
			Description: &registry.Text{"en": "The Red Cross in Drammen."}})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindOrganisationByID(ctx, o.ID)
		if up.Name != "Røde Kors Drammen" || got.Name != up.Name || got.Description["en"] == "" || got.Description["nb"] != "" {
			t.Errorf("after update: %+v", got)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := db.FindOrganisationByID(ctx, 999); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("find: %v", err)
		}
		if _, err := db.UpdateOrganisation(ctx, 999, registry.OrganisationUpdate{}); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("update: %v", err)
		}
		if err := db.DeleteOrganisation(ctx, 999); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("delete: %v", err)
		}
	})
	t.Run("ListSortedByName", func(t *testing.T) {
		mustCreateOrg(t, db, newOrg("Åssiden IF"))
		mustCreateOrg(t, db, newOrg("Bragernes sjakklubb"))
		pending := newOrg("Ny forening")
		pending.Status = registry.StatusPending
		mustCreateOrg(t, db, pending)
		list, total, err := db.FindOrganisations(ctx, registry.OrganisationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(list) != 3 {
			t.Fatalf("total %d, %d items; want 3 approved", total, len(list))
		}
		list, total, _ = db.FindOrganisations(ctx, registry.OrganisationFilter{Limit: 1, Offset: 1})
		if total != 3 || len(list) != 1 {
			t.Errorf("page 2: total %d, %d items", total, len(list))
		}
		list, total, _ = db.FindOrganisations(ctx, registry.OrganisationFilter{Limit: 5, Offset: 50})
		if total != 3 || len(list) != 0 {
			t.Errorf("past the end: total %d, %d items", total, len(list))
		}
		list, total, _ = db.FindOrganisations(ctx, registry.OrganisationFilter{Query: ptr("sjakk")})
		if total != 1 || list[0].Name != "Bragernes sjakklubb" {
			t.Errorf("query: total %d", total)
		}
	})
}

func TestActivityCRUD(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen Frivilligsentral"))
	a := newActivity(org.ID, "Språkkafé", func(a *registry.Activity) {
		a.Title["ar"] = "مقهى اللغة"
		a.Languages = []string{"nb", "ar"}
		a.Accessibility = []string{"wheelchair", "hearing_loop"}
		a.Schedules = append(a.Schedules, registry.Schedule{Kind: registry.ScheduleOnce, Zone: "Europe/Oslo",
			StartDate: "2026-12-12", StartTime: "12:00", EndTime: "15:00"})
		a.Schedules[0].Except = []string{"2026-12-22", "2026-12-29"}
		a.Cost = registry.Cost{Kind: registry.CostPaid, Price: 5000, LeisureCard: true}
		a.Contact = registry.Contact{Name: "Kari", Email: "kari@example.no", Phone: "+4791234567"}
	})
	mustCreate(t, db, a)
	got, err := db.FindActivityByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title["ar"] != "مقهى اللغة" || len(got.Languages) != 2 || len(got.Schedules) != 2 ||
		len(got.Schedules[0].Except) != 2 || got.Cost.Price != 5000 || got.Cost.Currency != "NOK" ||
		got.OrganisationName != org.Name || got.Location.District != "Bragernes" || len(got.Accessibility) != 2 {
		t.Errorf("round trip: %+v", got)
	}

	t.Run("Update", func(t *testing.T) {
		up, err := db.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Title: &registry.Text{"nb": "Språkkafé på Strømsø"},
			Languages: &[]string{"nb", "uk"}})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindActivityByID(ctx, a.ID)
		if up.Title["nb"] != "Språkkafé på Strømsø" || got.Title["ar"] != "" || got.Languages[1] != "uk" {
			t.Errorf("after update: %+v", got)
		}
		if n, _ := search(t, db, registry.ActivityFilter{Language: ptr("uk")}); n != 1 {
			t.Errorf("index not refreshed: uk finds %d", n)
		}
		if n, _ := search(t, db, registry.ActivityFilter{Language: ptr("ar")}); n != 0 {
			t.Errorf("index not refreshed: ar finds %d", n)
		}
	})
	t.Run("ErrInvalidLeavesNothing", func(t *testing.T) {
		_, err := db.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Title: &registry.Text{}})
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.Fields["title"] == "" {
			t.Fatalf("got %v", err)
		}
		got, _ := db.FindActivityByID(ctx, a.ID)
		if got.Title["nb"] != "Språkkafé på Strømsø" {
			t.Errorf("failed update changed the title: %v", got.Title)
		}
	})
	t.Run("ErrUnknownOrganisation", func(t *testing.T) {
		err := db.CreateActivity(ctx, newActivity(4242, "Ingen eier"))
		if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.Fields["organisation_id"] == "" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		if err := db.DeleteActivity(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindActivityByID(ctx, a.ID); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("after delete: %v", err)
		}
		if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("språkkafé")}); n != 0 {
			t.Errorf("deleted activity still found")
		}
		if err := db.DeleteActivity(ctx, a.ID); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
	})
}

func search(t testing.TB, db *sqlite.DB, f registry.ActivityFilter) (int, []string) {
	t.Helper()
	items, total, err := db.FindActivities(context.Background(), f)
	if err != nil {
		t.Fatalf("search %+v: %v", f, err)
	}
	var titles []string
	for _, a := range items {
		titles = append(titles, a.Title["nb"])
	}
	return total, titles
}

// TestCreateActivitiesAllOrNothing: a batch with one bad activity stores
// nothing, even when the bad one is found only after others were written.
func TestCreateActivitiesAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	batch := []*registry.Activity{newActivity(org.ID, "Håndball"), newActivity(org.ID, "Friidrett"), newActivity(9999, "Ukjent eier")}
	if err := db.CreateActivities(ctx, batch); err == nil {
		t.Fatal("batch with an unknown organisation was stored")
	}
	invalid := []*registry.Activity{newActivity(org.ID, "Svømming"), newActivity(org.ID, "")}
	err := db.CreateActivities(ctx, invalid)
	if e := broen.AsError(err); e == nil || e.Code != broen.EINVALID || e.Args["index"] != 1 {
		t.Fatalf("got %v, want invalid at index 1", err)
	}
	n, _ := search(t, db, registry.ActivityFilter{})
	pending, _ := search(t, db, registry.ActivityFilter{Status: ptr(registry.StatusApproved)})
	if n != 0 || pending != 0 || batch[0].ID != 0 {
		t.Errorf("after failed batches: %d public, %d approved, first id %d", n, pending, batch[0].ID)
	}
}

func TestMergeOrganisations(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	keep := mustCreateOrg(t, db, newOrg("Drammen Røde Kors"))
	dup := mustCreateOrg(t, db, newOrg("Røde Kors i Drammen"))
	mustCreate(t, db, newActivity(keep.ID, "Leksehjelp"))
	moved := mustCreate(t, db, newActivity(dup.ID, "Flyktningguide"))
	if err := db.MergeOrganisations(ctx, keep.ID, dup.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindOrganisationByID(ctx, dup.ID); broen.ErrorCode(err) != broen.ENOTFOUND {
		t.Errorf("duplicate still there: %v", err)
	}
	a, err := db.FindActivityByID(ctx, moved.ID)
	if err != nil || a.OrganisationID != keep.ID || a.OrganisationName != "Drammen Røde Kors" {
		t.Fatalf("moved activity: %v %+v", err, a)
	}
	if n, _ := search(t, db, registry.ActivityFilter{OrganisationID: &keep.ID}); n != 2 {
		t.Errorf("kept organisation has %d public activities, want 2", n)
	}
	if err := db.MergeOrganisations(ctx, keep.ID, keep.ID); broen.ErrorCode(err) != broen.EINVALID {
		t.Errorf("merge with itself: %v", err)
	}
	if err := db.MergeOrganisations(ctx, keep.ID, 999); broen.ErrorCode(err) != broen.ENOTFOUND {
		t.Errorf("merge with nothing: %v", err)
	}
}
