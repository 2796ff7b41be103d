package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"broen/registry"
	"broen/sqlite"
)

// searchFixture is a small municipality with one activity per property the
// filters look at.
func searchFixture(t *testing.T) (*sqlite.DB, map[string]int64) {
	t.Helper()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen Frivilligsentral"))
	club := mustCreateOrg(t, db, newOrg("Konnerud IL"))
	ids := map[string]int64{}
	add := func(key string, a *registry.Activity) {
		mustCreate(t, db, a)
		ids[key] = a.ID
	}
	add("fotball", newActivity(club.ID, "Fotballtrening for jenter", func(a *registry.Activity) {
		a.AgeMin, a.AgeMax = 8, 12
		a.Location = registry.Location{Name: "Konnerud kunstgress", Address: "Konnerudgata 40", Postcode: "3045",
			City: "Drammen", District: "Konnerud", Country: "NO"}
		a.Schedules = []registry.Schedule{weekly("MO,TH", "17:30")}
	}))
	add("sprak", newActivity(org.ID, "Språkkafé", func(a *registry.Activity) {
		a.Category = registry.CategoryLanguageCafe
		a.Title["ar"] = "مقهى اللغة"
		a.Description["ar"] = "تدرب على اللغة النرويجية مع متطوعين."
		a.Languages = []string{"nb", "ar"}
		a.Location = registry.Location{Name: "Strømsø frivilligsentral", Address: "Tollbugata 20", Postcode: "3044",
			City: "Drammen", District: "Strømsø", Country: "NO"}
	}))
	add("lekse", newActivity(org.ID, "Leksehjelp", func(a *registry.Activity) {
		a.Category = registry.CategoryHomework
		a.Description = registry.Text{"nb": "Hjelp med matte og norsk. Fotball etterpå for de som vil."}
		a.Languages = []string{"nb", "so", "ti"}
		a.AgeMin, a.AgeMax = 13, 19
		a.Schedules = []registry.Schedule{weekly("WE", "16:00")}
	}))
	add("strikk", newActivity(org.ID, "Strikkekafé for kvinner", func(a *registry.Activity) {
		a.Category = registry.CategoryWomen
		a.AgeMin, a.AgeMax = 18, 0
		a.Cost = registry.Cost{Kind: registry.CostPaid, Price: 2000}
		a.Languages = []string{"nb", "uk"}
		a.Schedules = []registry.Schedule{{Kind: registry.ScheduleRecurring, Zone: "Europe/Oslo",
			RRule: "FREQ=MONTHLY;BYDAY=1SA", StartDate: "2026-09-05", StartTime: "11:00", EndTime: "14:00"}}
	}))
	add("tur", newActivity(club.ID, "Turgruppe i marka", func(a *registry.Activity) {
		a.Category = registry.CategoryOutdoor
		a.Location = registry.Location{Name: "Konnerud kunstgress", Address: "Konnerudgata 40", Postcode: "3045",
			City: "Drammen", District: "Konnerud", Country: "NO"}
		a.Schedules = []registry.Schedule{weekly("SU", "11:00")}
	}))
	pending := newActivity(org.ID, "Fotballskole (venter på godkjenning)", func(a *registry.Activity) {
		a.Status = registry.StatusPending
	})
	add("pending", pending)
	hiddenOrg := newOrg("Ny klubb")
	hiddenOrg.Status = registry.StatusPending
	mustCreateOrg(t, db, hiddenOrg)
	add("hiddenorg", newActivity(hiddenOrg.ID, "Fotball i hallen"))
	return db, ids
}

func TestSearch(t *testing.T) {
	db, ids := searchFixture(t)
	day := func(d time.Weekday) *time.Weekday { return &d }
	cat := func(c registry.Category) *registry.Category { return &c }
	tests := []struct {
		name   string
		filter registry.ActivityFilter
		want   []string // keys of ids, in order
	}{
		{"AllPublicByTitle", registry.ActivityFilter{}, []string{"fotball", "lekse", "sprak", "strikk", "tur"}},
		{"CompoundPrefix", registry.ActivityFilter{Query: ptr("fotball")}, []string{"fotball", "lekse"}},
		{"CompoundHeadFindsTitleFirst", registry.ActivityFilter{Query: ptr("språk")}, []string{"sprak"}},
		{"InsideCompound", registry.ActivityFilter{Query: ptr("trening")}, []string{"fotball"}},
		{"InsideCompoundCafe", registry.ActivityFilter{Query: ptr("kafé")}, []string{"sprak", "strikk"}},
		{"FoldedWithoutAccents", registry.ActivityFilter{Query: ptr("sprakkafe")}, []string{"sprak"}},
		{"CaseInsensitive", registry.ActivityFilter{Query: ptr("LEKSEHJELP")}, []string{"lekse"}},
		{"ArabicText", registry.ActivityFilter{Query: ptr("اللغة")}, []string{"sprak"}},
		{"AllWordsMustMatch", registry.ActivityFilter{Query: ptr("fotball jenter")}, []string{"fotball"}},
		{"OrganisationName", registry.ActivityFilter{Query: ptr("konnerud")}, []string{"fotball", "tur"}},
		{"NoMatch", registry.ActivityFilter{Query: ptr("sjakk")}, nil},
		{"OnlyPunctuation", registry.ActivityFilter{Query: ptr(`"*(-)"`)}, nil},
		{"FTSSyntaxIsText", registry.ActivityFilter{Query: ptr(`fotball OR NOT "tur`)}, nil},
		{"Category", registry.ActivityFilter{Category: cat(registry.CategoryHomework)}, []string{"lekse"}},
		{"Language", registry.ActivityFilter{Language: ptr("ar")}, []string{"sprak"}},
		{"LanguageTigrinya", registry.ActivityFilter{Language: ptr("ti")}, []string{"lekse"}},
		{"WeekdayTuesday", registry.ActivityFilter{Weekday: day(time.Tuesday)}, []string{"sprak"}},
		{"WeekdayThursdaySecondDay", registry.ActivityFilter{Weekday: day(time.Thursday)}, []string{"fotball"}},
		{"WeekdayMonthlySaturday", registry.ActivityFilter{Weekday: day(time.Saturday)}, []string{"strikk"}},
		{"WeekdaySunday", registry.ActivityFilter{Weekday: day(time.Sunday)}, []string{"tur"}},
		{"District", registry.ActivityFilter{District: ptr("Konnerud")}, []string{"fotball", "tur"}},
		{"DistrictByCode", registry.ActivityFilter{District: ptr("stromso")}, []string{"sprak"}},
		{"AgeChild", registry.ActivityFilter{Age: ptr(10)}, []string{"fotball", "sprak", "tur"}},
		{"AgeTeen", registry.ActivityFilter{Age: ptr(15)}, []string{"lekse", "sprak", "tur"}},
		{"AgeOpenEnded", registry.ActivityFilter{Age: ptr(67)}, []string{"sprak", "strikk", "tur"}},
		{"FreeOnly", registry.ActivityFilter{FreeOnly: true, Query: ptr("kafé")}, []string{"sprak"}},
		{"Combined", registry.ActivityFilter{Query: ptr("fotball"), Age: ptr(15)}, []string{"lekse"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, total, err := db.FindActivities(context.Background(), tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range items {
				for k, id := range ids {
					if id == a.ID {
						got = append(got, k)
					}
				}
			}
			if total != len(tt.want) || !slices.Equal(got, tt.want) {
				t.Errorf("got %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

func TestSearchVisibility(t *testing.T) {
	ctx := context.Background()
	db, ids := searchFixture(t)
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("hallen")}); n != 0 {
		t.Fatalf("activity of a pending organisation is public")
	}
	// Approving the organisation makes its approved activities public.
	a, _ := db.FindActivityByID(ctx, ids["hiddenorg"])
	if _, err := db.UpdateOrganisation(ctx, a.OrganisationID, registry.OrganisationUpdate{Status: ptr(registry.StatusApproved)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("hallen")}); n != 1 {
		t.Errorf("approved organisation's activity not public")
	}
	// Approving the pending activity publishes it.
	if _, err := db.UpdateActivity(ctx, ids["pending"], registry.ActivityUpdate{Status: ptr(registry.StatusApproved)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("fotballskole")}); n != 1 {
		t.Errorf("approved activity not public")
	}
	// Pausing hides it again.
	if _, err := db.UpdateActivity(ctx, ids["pending"], registry.ActivityUpdate{Status: ptr(registry.StatusPaused)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("fotballskole")}); n != 0 {
		t.Errorf("paused activity is public")
	}
	n, _ := search(t, db, registry.ActivityFilter{Status: ptr(registry.StatusPaused)})
	if n != 1 {
		t.Errorf("status filter finds %d paused, want 1", n)
	}
	// Deleting the organisation removes its activities from the index.
	org, _ := db.FindActivityByID(ctx, ids["fotball"])
	if err := db.DeleteOrganisation(ctx, org.OrganisationID); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{District: ptr("konnerud")}); n != 0 {
		t.Errorf("deleted organisation's activities still found: %d", n)
	}
}

// TestSearchLargeResultTiers exercises the path for result sets above the
// rank limit: title matches come first, the count stays exact and pages do
// not overlap.
func TestSearchLargeResultTiers(t *testing.T) {
	db := openDB(t)
	db.RankLimit = 3
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	for i := range 5 {
		mustCreate(t, db, newActivity(org.ID, fmt.Sprintf("Fotballtrening %d", i)))
		mustCreate(t, db, newActivity(org.ID, fmt.Sprintf("Svømming %d", i), func(a *registry.Activity) {
			a.Description = registry.Text{"nb": "Etter svømming spiller vi fotball."}
		}))
	}
	seen := map[int64]bool{}
	var order []string
	for page := 0; page < 4; page++ {
		items, total, err := db.FindActivities(context.Background(), registry.ActivityFilter{Query: ptr("fotball"), Limit: 3, Offset: page * 3})
		if err != nil {
			t.Fatal(err)
		}
		if total != 10 {
			t.Fatalf("total %d, want 10", total)
		}
		for _, a := range items {
			if seen[a.ID] {
				t.Errorf("activity %d on two pages", a.ID)
			}
			seen[a.ID] = true
			order = append(order, a.Title["nb"])
		}
	}
	if len(order) != 10 {
		t.Fatalf("paged through %d, want 10: %v", len(order), order)
	}
	for i, title := range order {
		if isTitle := title[:4] == "Fotb"; isTitle != (i < 5) {
			t.Errorf("position %d is %q: title matches must come first: %v", i, title, order)
			break
		}
	}
	// Without text, a large result is still complete and counted.
	n, _ := search(t, db, registry.ActivityFilter{Category: ptr(registry.CategorySport), Limit: 100})
	if n != 10 {
		t.Errorf("category total %d, want 10", n)
	}
}

// TestIndexSeesOtherProcess: a write through another handle on the same file
// (another process, such as a command-line import) shows in the next search.
func TestIndexSeesOtherProcess(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	other, err := sqlite.Open(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("fotball")}); n != 0 {
		t.Fatalf("found %d before any activity", n)
	}
	a := newActivity(org.ID, "Fotballtrening")
	if err := other.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("fotball")}); n != 1 {
		t.Errorf("activity created by another handle: found %d", n)
	}
	if _, err := other.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Title: &registry.Text{"nb": "Håndballtrening"},
		Description: &registry.Text{"nb": "Trening i hallen."}}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("fotball")}); n != 0 {
		t.Errorf("renamed elsewhere: old title still found")
	}
	if n, titles := search(t, db, registry.ActivityFilter{Query: ptr("ballt")}); n != 1 || titles[0] != "Håndballtrening" {
		t.Errorf("renamed elsewhere: %v", titles)
	}
	if _, err := other.UpdateOrganisation(ctx, org.ID, registry.OrganisationUpdate{Status: ptr(registry.StatusArchived)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{}); n != 0 {
		t.Errorf("archived organisation's activity still public")
	}
	cats, _ := db.FindCategories(ctx)
	for _, c := range cats {
		if c.Count != 0 {
			t.Errorf("category %s counts %d", c.Category, c.Count)
		}
	}
}

// TestSharedLocationReindexed: two activities at one place; moving the place
// to another district moves both in the search.
func TestSharedLocationReindexed(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	a := mustCreate(t, db, newActivity(org.ID, "Håndball"))
	mustCreate(t, db, newActivity(org.ID, "Friidrett"))
	if n, _ := search(t, db, registry.ActivityFilter{District: ptr("Bragernes")}); n != 2 {
		t.Fatalf("before: %d in Bragernes", n)
	}
	loc := a.Location
	loc.District = "Strømsø"
	if _, err := db.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{Location: &loc}); err != nil {
		t.Fatal(err)
	}
	if n, titles := search(t, db, registry.ActivityFilter{District: ptr("Strømsø")}); n != 2 {
		t.Errorf("after: %d in Strømsø (%v), want both", n, titles)
	}
	if n, _ := search(t, db, registry.ActivityFilter{District: ptr("Bragernes")}); n != 0 {
		t.Errorf("after: %d still in Bragernes", n)
	}
}

// TestLargeBatchFromOtherProcess: more changes than one IN list holds are
// applied (by a full reload) without error.
func TestLargeBatchFromOtherProcess(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	if n, _ := search(t, db, registry.ActivityFilter{}); n != 0 {
		t.Fatal("not empty")
	}
	other, err := sqlite.Open(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var batch []*registry.Activity
	for i := range 6000 {
		batch = append(batch, newActivity(org.ID, fmt.Sprintf("Trening %d", i)))
	}
	if err := other.CreateActivities(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("trening")}); n != 6000 {
		t.Errorf("found %d of 6000", n)
	}
}

// TestStaleListings: one definition of stale for the coordinator's list,
// the reminders and the public search.
func TestStaleListings(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	db.Stale = registry.StalePolicy{After: 180 * 24 * time.Hour, Grace: 30 * 24 * time.Hour}
	org := mustCreateOrg(t, db, newOrg("Drammen IF"))
	confirmed := func(days int) func(*registry.Activity) {
		return func(a *registry.Activity) { a.LastConfirmed = fixedNow.AddDate(0, 0, -days) }
	}
	mustCreate(t, db, newActivity(org.ID, "Fersk", confirmed(10)))
	inGrace := mustCreate(t, db, newActivity(org.ID, "Gammel", confirmed(190)))
	hidden := mustCreate(t, db, newActivity(org.ID, "Glemt", confirmed(400)))

	if n, titles := search(t, db, registry.ActivityFilter{}); n != 2 || titles[0] != "Fersk" || titles[1] != "Gammel" {
		t.Errorf("public: %v", titles)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("glemt")}); n != 0 {
		t.Error("hidden listing found by text")
	}
	cats, _ := db.FindCategories(ctx)
	if cats[0].Category != registry.CategorySport || cats[0].Count != 2 {
		t.Errorf("category count %+v", cats[0])
	}
	approved := registry.StatusApproved
	if n, titles := search(t, db, registry.ActivityFilter{Status: &approved, Stale: true}); n != 2 || titles[0] != "Gammel" {
		t.Errorf("coordinator's stale list: %v", titles)
	}
	due, err := db.FindActivitiesToRemind(ctx, fixedNow, 14*24*time.Hour, 10)
	if err != nil || len(due) != 2 || due[0].ID != hidden.ID {
		t.Fatalf("to remind: %v %d", err, len(due))
	}
	if err := db.MarkReminded(ctx, hidden.ID, fixedNow); err != nil {
		t.Fatal(err)
	}
	due, _ = db.FindActivitiesToRemind(ctx, fixedNow.Add(24*time.Hour), 14*24*time.Hour, 10)
	if len(due) != 1 || due[0].ID != inGrace.ID {
		t.Errorf("after reminding one: %d due", len(due))
	}
	// Confirming brings it back.
	if _, err := db.UpdateActivity(ctx, hidden.ID, registry.ActivityUpdate{LastConfirmed: &fixedNow}); err != nil {
		t.Fatal(err)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("glemt")}); n != 1 {
		t.Error("confirmed listing still hidden")
	}
}
