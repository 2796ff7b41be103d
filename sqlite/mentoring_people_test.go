package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"broen"
	"broen/accounts"
	"broen/mentoring"
	"broen/sqlite"
)

var personSeq atomic.Int64

// newVolunteer is an approved mentor with one place, who speaks Norwegian
// and English.
func newVolunteer(name string, mod ...func(*mentoring.Volunteer)) *mentoring.Volunteer {
	v := &mentoring.Volunteer{
		Profile: mentoring.Profile{
			Household: mentoring.HouseholdPerson, Name: name,
			Email:     fmt.Sprintf("frivillig%d@example.no", personSeq.Add(1)),
			Languages: []mentoring.LanguageSkill{{Code: "nb", Level: mentoring.LevelNative}, {Code: "en", Level: mentoring.LevelFluent}},
			District:  "Bragernes",
		},
		Status:   mentoring.VolunteerAvailable,
		Capacity: 1,
	}
	for _, m := range mod {
		m(v)
	}
	return v
}

// newNewcomer is an adult newcomer without children who speaks Arabic.
func newNewcomer(name string, mod ...func(*mentoring.Newcomer)) *mentoring.Newcomer {
	n := &mentoring.Newcomer{
		Profile: mentoring.Profile{
			Household: mentoring.HouseholdPerson, Name: name,
			Languages: []mentoring.LanguageSkill{{Code: "ar", Level: mentoring.LevelNative}},
			District:  "Strømsø",
		},
		NordicLevel: mentoring.NordicBeginner,
		Needs:       []mentoring.Need{mentoring.NeedLanguage},
	}
	for _, m := range mod {
		m(n)
	}
	return n
}

func mustVolunteer(t testing.TB, db *sqlite.DB, v *mentoring.Volunteer) *mentoring.Volunteer {
	t.Helper()
	if err := db.CreateVolunteer(context.Background(), v); err != nil {
		t.Fatalf("create volunteer %q: %v", v.Name, err)
	}
	return v
}

func mustNewcomer(t testing.TB, db *sqlite.DB, n *mentoring.Newcomer) *mentoring.Newcomer {
	t.Helper()
	if err := db.CreateNewcomer(context.Background(), n); err != nil {
		t.Fatalf("create newcomer %q: %v", n.Name, err)
	}
	return n
}

// pair creates a volunteer and a newcomer who may be paired.
func pair(t testing.TB, db *sqlite.DB, name string) (*mentoring.Volunteer, *mentoring.Newcomer) {
	t.Helper()
	return mustVolunteer(t, db, newVolunteer("Mentor "+name)), mustNewcomer(t, db, newNewcomer("Nykommer "+name))
}

func mustPropose(t testing.TB, db *sqlite.DB, volunteerID, newcomerID int64, at time.Time) *mentoring.Pairing {
	t.Helper()
	p := mentoring.NewPairing(volunteerID, newcomerID, 0, 6, at, db.Mentoring)
	if err := db.ProposePairing(context.Background(), p); err != nil {
		t.Fatalf("propose %d–%d: %v", volunteerID, newcomerID, err)
	}
	return p
}

func mustAnswer(t testing.TB, db *sqlite.DB, id int64, side mentoring.Side, at time.Time) *mentoring.Pairing {
	t.Helper()
	p, err := db.AnswerPairing(context.Background(), id, side, true, "", 0, at)
	if err != nil {
		t.Fatalf("answer %d as %s: %v", id, side, err)
	}
	return p
}

// mustActive proposes the pair a day before start; the newcomer says yes,
// then the volunteer at start, when it becomes active.
func mustActive(t testing.TB, db *sqlite.DB, volunteerID, newcomerID int64, start time.Time) *mentoring.Pairing {
	t.Helper()
	p := mustPropose(t, db, volunteerID, newcomerID, start.Add(-24*time.Hour))
	mustAnswer(t, db, p.ID, mentoring.SideNewcomer, start.Add(-time.Hour))
	p = mustAnswer(t, db, p.ID, mentoring.SideVolunteer, start)
	if p.Status != mentoring.PairingActive {
		t.Fatalf("pairing %d is %s, want active", p.ID, p.Status)
	}
	return p
}

func mustVolunteerByID(t testing.TB, db *sqlite.DB, id int64) *mentoring.Volunteer {
	t.Helper()
	v, err := db.FindVolunteerByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustNewcomerByID(t testing.TB, db *sqlite.DB, id int64) *mentoring.Newcomer {
	t.Helper()
	n, err := db.FindNewcomerByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustPairingByID(t testing.TB, db *sqlite.DB, id int64) *mentoring.Pairing {
	t.Helper()
	p, err := db.FindPairingByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// countRows counts a table's rows on disk, under the store.
func countRows(t testing.TB, db *sqlite.DB, table string, where ...string) int {
	t.Helper()
	q := `SELECT COUNT(*) FROM ` + table
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	var n int
	if err := rawDB(t, db).QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func volunteerNames(vs []*mentoring.Volunteer) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.Name)
	}
	return out
}

func newcomerNames(ns []*mentoring.Newcomer) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}

func TestCreateVolunteer(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	u := mustCreateUser(t, db, &accounts.User{Email: "ingrid@example.no", Name: "Ingrid", Role: accounts.RoleCoordinator})

	v := newVolunteer("  Ingrid   Bakke ", func(v *mentoring.Volunteer) {
		v.Email = " Ingrid.Bakke@Example.NO "
		v.Phone = "912 34 567"
		v.Interests = []string{"Sjakk", "sport", "sjakk"}
		v.Offers = []mentoring.Need{mentoring.NeedLanguage, mentoring.NeedPractical}
		v.ChildrenAges = []int{9, 4}
		v.Household = mentoring.HouseholdFamily
		v.Adults = 2
		v.Coords = mentoring.Coords{Lat: 59.74, Lon: 10.2}
		v.Availability = mentoring.Availability(0).With(mentoring.Slot{Day: time.Tuesday, Part: mentoring.Evening})
		v.Preferences = mentoring.Preferences{AgeGroups: []mentoring.AgeGroup{mentoring.Age30to49}}
		v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
			CheckedBy: "Kari Nordmann", RenewBy: time.Date(2029, 9, 1, 0, 0, 0, 0, time.UTC)}
		v.TrainedOn = time.Date(2026, 9, 10, 0, 0, 0, 0, time.UTC)
		v.UserID = u.ID
		v.Status = mentoring.VolunteerPending
	})
	mustVolunteer(t, db, v)

	t.Run("Normalized", func(t *testing.T) {
		if v.ID == 0 || v.Name != "Ingrid Bakke" || v.Email != "ingrid.bakke@example.no" || v.Phone != "+4791234567" {
			t.Fatalf("created %+v", v.Profile)
		}
		if !v.CreatedAt.Equal(fixedNow) || !v.WaitingSince.Equal(fixedNow) || v.Status != mentoring.VolunteerPending {
			t.Errorf("times and status: %v %v %s", v.CreatedAt, v.WaitingSince, v.Status)
		}
	})
	t.Run("ReadBackAsWritten", func(t *testing.T) {
		got := mustVolunteerByID(t, db, v.ID)
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", v) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, v)
		}
	})
	t.Run("ErrInvalidNothingWritten", func(t *testing.T) {
		before := countRows(t, db, "volunteers")
		bad := newVolunteer("", func(v *mentoring.Volunteer) { v.Phone = "12"; v.Capacity = 0 })
		err := db.CreateVolunteer(ctx, bad)
		e := broen.AsError(err)
		if e == nil || e.Code != broen.EINVALID || e.Fields["name"] == "" || e.Fields["phone"] != "validation.phone" ||
			e.Fields["capacity"] == "" {
			t.Fatalf("got %v, want invalid name, phone and capacity", err)
		}
		if after := countRows(t, db, "volunteers"); after != before || bad.ID != 0 {
			t.Errorf("%d volunteers after a refused create, want %d", after, before)
		}
	})
	t.Run("ErrConflictUserTaken", func(t *testing.T) {
		err := db.CreateVolunteer(ctx, newVolunteer("Ingrid igjen", func(v *mentoring.Volunteer) { v.UserID = u.ID }))
		wantFieldError(t, err, broen.ECONFLICT, "user_id", "error.conflict")
	})
	t.Run("ErrInvalidUnknownUser", func(t *testing.T) {
		err := db.CreateVolunteer(ctx, newVolunteer("Uten konto", func(v *mentoring.Volunteer) { v.UserID = 9999 }))
		wantFieldError(t, err, broen.EINVALID, "user_id", "validation.choice")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.FindVolunteerByID(ctx, 9999)
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
		_, err = db.UpdateVolunteer(ctx, 9999, mentoring.VolunteerUpdate{})
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
	})
	t.Run("ApprovedWaitsFromApproval", func(t *testing.T) {
		later := fixedNow.Add(72 * time.Hour)
		db.Now = func() time.Time { return later }
		t.Cleanup(func() { db.Now = func() time.Time { return fixedNow } })
		got, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: ptr(mentoring.VolunteerAvailable)})
		if err != nil {
			t.Fatal(err)
		}
		stored := mustVolunteerByID(t, db, v.ID)
		if !got.WaitingSince.Equal(later) || !stored.WaitingSince.Equal(later) || !stored.UpdatedAt.Equal(later) ||
			!stored.CreatedAt.Equal(fixedNow) {
			t.Errorf("waiting since %v (stored %v), want %v", got.WaitingSince, stored.WaitingSince, later)
		}
		// Paused and available again: the waiting time is kept.
		db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: ptr(mentoring.VolunteerPaused)})
		got, _ = db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: ptr(mentoring.VolunteerAvailable)})
		if !got.WaitingSince.Equal(later) {
			t.Errorf("waiting since %v after a pause, want %v", got.WaitingSince, later)
		}
	})
	t.Run("ErrInvalidUpdateNothingWritten", func(t *testing.T) {
		_, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Capacity: ptr(0), Status: ptr(mentoring.VolunteerStatus("gone"))})
		e := broen.AsError(err)
		if e == nil || e.Code != broen.EINVALID || e.Fields["capacity"] == "" || e.Fields["status"] == "" {
			t.Fatalf("got %v", err)
		}
		if got := mustVolunteerByID(t, db, v.ID); got.Capacity != 1 || got.Status != mentoring.VolunteerAvailable {
			t.Errorf("refused update written: %+v", got)
		}
	})
}

func TestCreateNewcomer(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	n := mustNewcomer(t, db, newNewcomer("Familien Haddad", func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{11, 6}
		n.Phone = "+47 912 34 568"
		n.Needs = []mentoring.Need{mentoring.NeedHomework, mentoring.NeedPractical, mentoring.NeedHomework}
	}))
	if n.Status != mentoring.NewcomerWaiting || n.Phone != "+4791234568" || !n.WaitingSince.Equal(fixedNow) ||
		!slices.Equal(n.ChildrenAges, []int{6, 11}) || !slices.Equal(n.Needs, []mentoring.Need{mentoring.NeedPractical, mentoring.NeedHomework}) {
		t.Fatalf("created %+v", n)
	}
	if got := mustNewcomerByID(t, db, n.ID); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", n) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, n)
	}
	t.Run("ErrInvalidNothingWritten", func(t *testing.T) {
		err := db.CreateNewcomer(ctx, newNewcomer("Uten språk", func(n *mentoring.Newcomer) {
			n.Languages = nil
			n.NordicLevel = "some"
		}))
		e := broen.AsError(err)
		if e == nil || e.Code != broen.EINVALID || e.Fields["languages"] == "" || e.Fields["nordic_level"] == "" {
			t.Fatalf("got %v", err)
		}
		if c := countRows(t, db, "newcomers"); c != 1 {
			t.Errorf("%d newcomers, want 1", c)
		}
	})
	t.Run("Update", func(t *testing.T) {
		got, err := db.UpdateNewcomer(ctx, n.ID, mentoring.NewcomerUpdate{Status: ptr(mentoring.NewcomerPaused),
			NordicLevel: ptr(mentoring.NordicIntermediate)})
		if err != nil || got.Status != mentoring.NewcomerPaused || got.NordicLevel != mentoring.NordicIntermediate {
			t.Fatalf("update: %v %+v", err, got)
		}
		if stored := mustNewcomerByID(t, db, n.ID); stored.Status != mentoring.NewcomerPaused || stored.Name != "Familien Haddad" {
			t.Errorf("stored %+v", stored)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.UpdateNewcomer(ctx, 9999, mentoring.NewcomerUpdate{})
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
	})
}

func TestFindVolunteers(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	day := func(d int) time.Time { return fixedNow.AddDate(0, 0, -d) }
	åse := mustVolunteer(t, db, newVolunteer("Åse Ødegård", func(v *mentoring.Volunteer) {
		v.WaitingSince, v.Capacity, v.Interests = day(40), 2, []string{"sjakk"}
		v.Email = "ase@example.no"
	}))
	bjørn := mustVolunteer(t, db, newVolunteer("Bjørn Berg", func(v *mentoring.Volunteer) {
		v.WaitingSince, v.District = day(90), "Konnerud"
		v.Languages = append(v.Languages, mentoring.LanguageSkill{Code: "ar", Level: mentoring.LevelConversational})
	}))
	carl := mustVolunteer(t, db, newVolunteer("carl Cederholm", func(v *mentoring.Volunteer) {
		v.WaitingSince, v.Household, v.Adults = day(10), mentoring.HouseholdFamily, 2
		v.Email = "familien.cederholm@example.no"
	}))
	dina := mustVolunteer(t, db, newVolunteer("Dina Dahl", func(v *mentoring.Volunteer) {
		v.WaitingSince, v.Status = day(200), mentoring.VolunteerPending
	}))
	// Bjørn is full (one place, one proposal); Åse has one of two places left.
	n1 := mustNewcomer(t, db, newNewcomer("Amal"))
	n2 := mustNewcomer(t, db, newNewcomer("Yusuf"))
	mustPropose(t, db, bjørn.ID, n1.ID, fixedNow)
	mustPropose(t, db, åse.ID, n2.ID, fixedNow)

	tests := []struct {
		name  string
		f     mentoring.VolunteerFilter
		want  []string
		total int
	}{
		{"AllLongestWaitingFirst", mentoring.VolunteerFilter{}, []string{dina.Name, bjørn.Name, åse.Name, carl.Name}, 4},
		{"WaitingAvailableWithPlaceLeft", mentoring.VolunteerFilter{Waiting: ptr(true)}, []string{åse.Name, carl.Name}, 2},
		{"NotWaiting", mentoring.VolunteerFilter{Waiting: ptr(false)}, []string{dina.Name, bjørn.Name}, 2},
		{"Status", mentoring.VolunteerFilter{Status: ptr(mentoring.VolunteerPending)}, []string{dina.Name}, 1},
		{"SortName", mentoring.VolunteerFilter{Sort: "name"}, []string{åse.Name, bjørn.Name, carl.Name, dina.Name}, 4},
		{"SortNewest", mentoring.VolunteerFilter{Sort: "newest"}, []string{dina.Name, carl.Name, bjørn.Name, åse.Name}, 4},
		{"QueryFoldedName", mentoring.VolunteerFilter{Query: ptr("odegard")}, []string{åse.Name}, 1},
		{"QueryNonASCIIName", mentoring.VolunteerFilter{Query: ptr("ØDEGÅ")}, []string{åse.Name}, 1},
		{"QueryEmail", mentoring.VolunteerFilter{Query: ptr("familien.ceder")}, []string{carl.Name}, 1},
		{"QueryLikeCharactersLiteral", mentoring.VolunteerFilter{Query: ptr("%")}, []string{}, 0},
		{"Household", mentoring.VolunteerFilter{Household: ptr(mentoring.HouseholdFamily)}, []string{carl.Name}, 1},
		{"DistrictFolded", mentoring.VolunteerFilter{District: ptr("konnerud")}, []string{bjørn.Name}, 1},
		{"Language", mentoring.VolunteerFilter{Language: ptr("ar")}, []string{bjørn.Name}, 1},
		{"Interest", mentoring.VolunteerFilter{Interest: ptr("Sjakk")}, []string{åse.Name}, 1},
		{"NoUser", mentoring.VolunteerFilter{UserID: ptr(int64(0))}, []string{dina.Name, bjørn.Name, åse.Name, carl.Name}, 4},
		{"PageTotalKept", mentoring.VolunteerFilter{Limit: 2, Offset: 1}, []string{bjørn.Name, åse.Name}, 4},
		{"PagePastEndTotalKept", mentoring.VolunteerFilter{Limit: 2, Offset: 10}, []string{}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := db.FindVolunteers(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if names := volunteerNames(got); !slices.Equal(names, tc.want) || total != tc.total {
				t.Errorf("got %q (%d), want %q (%d)", names, total, tc.want, tc.total)
			}
		})
	}
	t.Run("OpenCounts", func(t *testing.T) {
		got, _, _ := db.FindVolunteers(ctx, mentoring.VolunteerFilter{Sort: "name"})
		open := map[string]int{}
		for _, v := range got {
			open[v.Name] = v.Open
		}
		if open[åse.Name] != 1 || open[bjørn.Name] != 1 || open[carl.Name] != 0 || mustVolunteerByID(t, db, åse.ID).Spare() != 1 {
			t.Errorf("open %v", open)
		}
	})
	t.Run("UserID", func(t *testing.T) {
		u := mustCreateUser(t, db, &accounts.User{Email: "carl@example.no", Name: "Carl", Role: accounts.RoleCoordinator})
		if _, err := db.UpdateVolunteer(ctx, carl.ID, mentoring.VolunteerUpdate{UserID: &u.ID}); err != nil {
			t.Fatal(err)
		}
		got, total, err := db.FindVolunteers(ctx, mentoring.VolunteerFilter{UserID: &u.ID})
		if err != nil || total != 1 || got[0].ID != carl.ID || got[0].UserID != u.ID {
			t.Errorf("by user: %v %d %q", err, total, volunteerNames(got))
		}
	})
}

func TestFindNewcomers(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	day := func(d int) time.Time { return fixedNow.AddDate(0, 0, -d) }
	amal := mustNewcomer(t, db, newNewcomer("Amal Hassan", func(n *mentoring.Newcomer) { n.WaitingSince = day(30) }))
	yusuf := mustNewcomer(t, db, newNewcomer("Yusuf Ali", func(n *mentoring.Newcomer) {
		n.WaitingSince, n.NordicLevel = day(60), mentoring.NordicNone
		n.Needs = []mentoring.Need{mentoring.NeedNetwork}
	}))
	olena := mustNewcomer(t, db, newNewcomer("Olena Kovalenko", func(n *mentoring.Newcomer) {
		n.WaitingSince = day(90)
		n.Languages = []mentoring.LanguageSkill{{Code: "uk", Level: mentoring.LevelNative}}
	}))
	zoë := mustNewcomer(t, db, newNewcomer("Zoë Brontë", func(n *mentoring.Newcomer) {
		n.WaitingSince, n.Status = day(120), mentoring.NewcomerPaused
	}))
	// Olena has an active pairing and Yusuf a proposal: neither waits.
	v1, _ := pair(t, db, "1")
	v2, _ := pair(t, db, "2")
	mustActive(t, db, v1.ID, olena.ID, fixedNow.Add(-48*time.Hour))
	mustPropose(t, db, v2.ID, yusuf.ID, fixedNow)

	tests := []struct {
		name  string
		f     mentoring.NewcomerFilter
		want  []string
		total int
	}{
		{"AllLongestWaitingFirst", mentoring.NewcomerFilter{}, []string{zoë.Name, olena.Name, yusuf.Name, amal.Name, "Nykommer 1", "Nykommer 2"}, 6},
		{"WaitingWithNothingOpen", mentoring.NewcomerFilter{Waiting: ptr(true)}, []string{amal.Name, "Nykommer 1", "Nykommer 2"}, 3},
		{"NotWaiting", mentoring.NewcomerFilter{Waiting: ptr(false)}, []string{zoë.Name, olena.Name, yusuf.Name}, 3},
		{"Status", mentoring.NewcomerFilter{Status: ptr(mentoring.NewcomerPaused)}, []string{zoë.Name}, 1},
		{"Need", mentoring.NewcomerFilter{Need: ptr(mentoring.NeedNetwork)}, []string{yusuf.Name}, 1},
		{"NordicLevel", mentoring.NewcomerFilter{NordicLevel: ptr(mentoring.NordicNone)}, []string{yusuf.Name}, 1},
		{"Language", mentoring.NewcomerFilter{Language: ptr("uk")}, []string{olena.Name}, 1},
		{"DistrictFolded", mentoring.NewcomerFilter{District: ptr("STROMSO"), Limit: 1}, []string{zoë.Name}, 6},
		{"QueryNonASCII", mentoring.NewcomerFilter{Query: ptr("brontë")}, []string{zoë.Name}, 1},
		{"QueryFolded", mentoring.NewcomerFilter{Query: ptr("zoe")}, []string{zoë.Name}, 1},
		{"SortName", mentoring.NewcomerFilter{Sort: "name", Limit: 3}, []string{amal.Name, "Nykommer 1", "Nykommer 2"}, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := db.FindNewcomers(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if names := newcomerNames(got); !slices.Equal(names, tc.want) || total != tc.total {
				t.Errorf("got %q (%d), want %q (%d)", names, total, tc.want, tc.total)
			}
		})
	}
	t.Run("OpenAndActiveCounts", func(t *testing.T) {
		for _, c := range []struct {
			n            *mentoring.Newcomer
			open, active int
		}{{amal, 0, 0}, {yusuf, 1, 0}, {olena, 1, 1}} {
			got := mustNewcomerByID(t, db, c.n.ID)
			if got.Open != c.open || got.Active != c.active || got.IsWaiting() != (c.open == 0) {
				t.Errorf("%s: open %d active %d, want %d %d", got.Name, got.Open, got.Active, c.open, c.active)
			}
		}
	})
}
