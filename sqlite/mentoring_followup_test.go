package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"broen"
	"broen/mentoring"
	"broen/sqlite"
)

func oslo(t testing.TB) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func mustContact(t testing.TB, db *sqlite.DB, pairingID int64, day string, outcome mentoring.ContactOutcome) {
	t.Helper()
	d, _ := mentoring.ParseDay(day)
	c := &mentoring.ContactLog{PairingID: pairingID, Date: d, Kind: mentoring.ContactMeeting, Outcome: outcome, Side: "volunteer"}
	if err := db.LogContact(context.Background(), c); err != nil {
		t.Fatalf("log contact on %s: %v", day, err)
	}
}

// TestQuietDefinition: the quiet filter of FindPairings (items and total),
// FollowUp's quiet list and mentoring.Policy.IsQuiet applied in Go to every
// pairing agree exactly, on days either side of the boundary, in the
// municipality's zone (Europe/Oslo, across the start of summer time on
// 29 March 2026): a pairing is quiet when its last sign of life — its last
// contact that took place, else its start — is on or before Today − 30.
func TestQuietDefinition(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	z := oslo(t)
	// 00:30 on 31 March in Oslo is still 30 March in UTC.
	now := time.Date(2026, 3, 31, 0, 30, 0, 0, z)
	db.Now = func() time.Time { return now }
	if db.Mentoring.Today(now).Format(time.DateOnly) != "2026-03-31" || db.Mentoring.QuietCutoff(now).Format(time.DateOnly) != "2026-03-01" {
		t.Fatalf("today %v, cutoff %v", db.Mentoring.Today(now), db.Mentoring.QuietCutoff(now))
	}
	longAgo := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	ids := map[string]int64{}
	active := func(name string, start time.Time, contacts ...any) {
		v, n := pair(t, db, name)
		p := mustActive(t, db, v.ID, n.ID, start)
		for i := 0; i < len(contacts); i += 2 {
			mustContact(t, db, p.ID, contacts[i].(string), contacts[i+1].(mentoring.ContactOutcome))
		}
		ids[name] = p.ID
	}
	active("contact29DaysAgo", longAgo, "2026-03-02", mentoring.ContactWentWell)
	active("contact30DaysAgo", longAgo, "2026-02-10", mentoring.ContactOK, "2026-03-01", mentoring.ContactOK)
	active("contact31DaysAgo", longAgo, "2026-02-28", mentoring.ContactDifficult)
	active("onlyCancelledRecently", longAgo, "2026-02-15", mentoring.ContactWentWell,
		"2026-03-25", mentoring.ContactCancelled, "2026-03-30", mentoring.ContactNoShow)
	active("noContactStarted31DaysAgo", time.Date(2026, 2, 28, 10, 0, 0, 0, z))
	active("noContactStarted10DaysAgo", time.Date(2026, 3, 21, 10, 0, 0, 0, z))
	// Started at 00:30 in Oslo: the UTC day is the day before.
	active("startedOsloCutoffDay", time.Date(2026, 3, 1, 0, 30, 0, 0, z))
	active("startedOsloDayAfterCutoff", time.Date(2026, 3, 2, 0, 30, 0, 0, z))
	// Neither ended nor proposed pairings are ever quiet.
	active("ended", longAgo, "2026-01-20", mentoring.ContactOK)
	rarely := mentoring.Evaluation{Rating: 2, Frequency: mentoring.FrequencyRarely}
	if _, err := db.EndPairing(ctx, ids["ended"], mentoring.EndNoContact, rarely, 0, longAgo.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	v, n := pair(t, db, "proposed")
	mustPropose(t, db, v.ID, n.ID, longAgo)

	t.Run("LastContactCountsOnlyContactsThatTookPlace", func(t *testing.T) {
		p := mustPairingByID(t, db, ids["onlyCancelledRecently"])
		if p.LastContact.Format(time.DateOnly) != "2026-02-15" {
			t.Errorf("last contact %v, want 2026-02-15", p.LastContact)
		}
		if p := mustPairingByID(t, db, ids["noContactStarted10DaysAgo"]); !p.LastContact.IsZero() {
			t.Errorf("last contact %v without contacts", p.LastContact)
		}
	})

	idsOf := func(names ...string) []int64 {
		out := []int64{}
		for _, name := range names {
			out = append(out, ids[name])
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name string
		now  time.Time
		want []int64
	}{
		{"QuietOnOrBeforeCutoff", now, idsOf("contact30DaysAgo", "contact31DaysAgo", "onlyCancelledRecently",
			"noContactStarted31DaysAgo", "startedOsloCutoffDay")},
		{"SameDayInUTC", now.UTC(), idsOf("contact30DaysAgo", "contact31DaysAgo", "onlyCancelledRecently",
			"noContactStarted31DaysAgo", "startedOsloCutoffDay")},
		{"LastMinuteOfTheDayBefore", time.Date(2026, 3, 30, 23, 59, 59, 0, z), idsOf("contact31DaysAgo", "onlyCancelledRecently",
			"noContactStarted31DaysAgo")},
		{"NextDay", time.Date(2026, 4, 1, 0, 0, 0, 0, z), idsOf("contact29DaysAgo", "contact30DaysAgo", "contact31DaysAgo",
			"onlyCancelledRecently", "noContactStarted31DaysAgo", "startedOsloCutoffDay", "startedOsloDayAfterCutoff")},
	}
	all, _, err := db.FindPairings(ctx, mentoring.PairingFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inGo := []*mentoring.Pairing{}
			for _, p := range all {
				if db.Mentoring.IsQuiet(p, tc.now) {
					inGo = append(inGo, p)
				}
			}
			quiet, total, err := db.FindPairings(ctx, mentoring.PairingFilter{Quiet: ptr(true), Now: tc.now})
			if err != nil {
				t.Fatal(err)
			}
			notQuiet, notTotal, err := db.FindPairings(ctx, mentoring.PairingFilter{Quiet: ptr(false), Now: tc.now, Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			fu, err := db.FollowUp(ctx, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if got := pairingIDs(inGo); !slices.Equal(got, tc.want) {
				t.Errorf("Policy.IsQuiet: %v, want %v", got, tc.want)
			}
			if got := pairingIDs(quiet); !slices.Equal(got, tc.want) || total != len(tc.want) {
				t.Errorf("FindPairings(Quiet): %v (total %d), want %v", got, total, tc.want)
			}
			if got := pairingIDs(fu.Quiet); !slices.Equal(got, tc.want) {
				t.Errorf("FollowUp.Quiet: %v, want %v", got, tc.want)
			}
			if len(notQuiet)+len(quiet) != len(all) || notTotal+total != len(all) {
				t.Errorf("quiet %d + not quiet %d ≠ all %d", total, notTotal, len(all))
			}
			if !slices.IsSortedFunc(fu.Quiet, func(a, b *mentoring.Pairing) int {
				return db.Mentoring.LastSign(a).Compare(db.Mentoring.LastSign(b))
			}) {
				t.Error("FollowUp.Quiet is not longest quiet first")
			}
			if fu.QuietDays != 30 || !fu.Day.Equal(db.Mentoring.Today(tc.now)) {
				t.Errorf("follow-up day %v, quiet days %d", fu.Day, fu.QuietDays)
			}
			for _, p := range fu.Quiet {
				if d := db.Mentoring.QuietFor(p, tc.now); d < 30 {
					t.Errorf("pairing %d quiet for %d days only", p.ID, d)
				}
			}
		})
	}
	t.Run("LongestQuietFirst", func(t *testing.T) {
		fu, _ := db.FollowUp(ctx, now)
		if len(fu.Quiet) == 0 || fu.Quiet[0].ID != ids["onlyCancelledRecently"] {
			t.Errorf("first quiet pairing %+v, want the one silent since 15 February", fu.Quiet)
		}
	})
	t.Run("ErrQuietNeedsNow", func(t *testing.T) {
		if _, _, err := db.FindPairings(ctx, mentoring.PairingFilter{Quiet: ptr(true)}); err == nil {
			t.Error("quiet filter without Now accepted")
		}
	})
}

func TestLogContact(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v, n := pair(t, db, "contacts")
	start := fixedNow.AddDate(0, 0, -20)
	p := mustActive(t, db, v.ID, n.ID, start)
	day := func(s string) time.Time { d, _ := mentoring.ParseDay(s); return d }

	invalid := []struct {
		name  string
		c     mentoring.ContactLog
		field string
		msgID string
	}{
		{"ErrDateRequired", mentoring.ContactLog{Kind: mentoring.ContactPhone, Outcome: mentoring.ContactOK}, "date", "validation.required"},
		{"ErrDateInFuture", mentoring.ContactLog{Date: day("2026-11-24"), Kind: mentoring.ContactPhone, Outcome: mentoring.ContactOK}, "date", "validation.mentoring.not_future"},
		{"ErrDateBeforeStart", mentoring.ContactLog{Date: day("2026-11-02"), Kind: mentoring.ContactPhone, Outcome: mentoring.ContactOK}, "date", "validation.mentoring.before_start"},
		{"ErrKind", mentoring.ContactLog{Date: day("2026-11-20"), Kind: "letter", Outcome: mentoring.ContactOK}, "kind", "validation.choice"},
		{"ErrOutcome", mentoring.ContactLog{Date: day("2026-11-20"), Kind: mentoring.ContactPhone, Outcome: "great"}, "outcome", "validation.choice"},
		{"ErrSide", mentoring.ContactLog{Date: day("2026-11-20"), Kind: mentoring.ContactPhone, Outcome: mentoring.ContactOK, Side: "newcomer"}, "side", "validation.choice"},
	}
	for _, tc := range invalid {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.PairingID = p.ID
			wantFieldError(t, db.LogContact(ctx, &c), broen.EINVALID, tc.field, tc.msgID)
			if got := countRows(t, db, "pairing_contacts"); got != 0 {
				t.Errorf("%d contacts stored", got)
			}
		})
	}
	t.Run("ErrNotFound", func(t *testing.T) {
		err := db.LogContact(ctx, &mentoring.ContactLog{PairingID: 9999, Date: fixedNow, Kind: mentoring.ContactPhone, Outcome: mentoring.ContactOK})
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
	})
	t.Run("LoggedNewestFirst", func(t *testing.T) {
		mustContact(t, db, p.ID, "2026-11-10", mentoring.ContactWentWell)
		mustContact(t, db, p.ID, "2026-11-23", mentoring.ContactCancelled)
		mustContact(t, db, p.ID, "2026-11-03", mentoring.ContactOK) // the start day
		cs, err := db.FindContacts(ctx, p.ID)
		if err != nil || len(cs) != 3 {
			t.Fatalf("contacts %v %v", cs, err)
		}
		var days []string
		for _, c := range cs {
			days = append(days, c.Date.Format(time.DateOnly))
		}
		if !slices.Equal(days, []string{"2026-11-23", "2026-11-10", "2026-11-03"}) || cs[0].Side != "volunteer" || !cs[0].CreatedAt.Equal(fixedNow) {
			t.Errorf("contacts %v, %+v", days, cs[0])
		}
		if got := mustPairingByID(t, db, p.ID); got.LastContact.Format(time.DateOnly) != "2026-11-10" {
			t.Errorf("last contact %v: a cancelled meeting counted", got.LastContact)
		}
	})
}

func TestCheckInsAndFollowUp(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	today := db.Mentoring.Today(fixedNow)
	v1, n1 := pair(t, db, "old")
	old := mustActive(t, db, v1.ID, n1.ID, fixedNow.AddDate(0, -2, 0)) // 2w and 1m due
	v2, n2 := pair(t, db, "young")
	young := mustActive(t, db, v2.ID, n2.ID, fixedNow.AddDate(0, 0, -15)) // 2w due
	v3, n3 := pair(t, db, "ended")
	ended := mustActive(t, db, v3.ID, n3.ID, fixedNow.AddDate(0, -3, 0))
	if _, err := db.EndPairing(ctx, ended.ID, mentoring.EndPoorFit, mentoring.Evaluation{Rating: 2, Frequency: mentoring.FrequencyMonthly}, 0, fixedNow); err != nil {
		t.Fatal(err)
	}

	fu, err := db.FollowUp(ctx, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	type due struct {
		pairing int64
		point   string
	}
	var got []due
	for _, c := range fu.DueCheckIns {
		got = append(got, due{c.PairingID, c.Point})
		if c.Done() || c.Due.After(today) {
			t.Errorf("check-in %+v is not due", c)
		}
	}
	want := []due{{old.ID, "2w"}, {old.ID, "1m"}, {young.ID, "2w"}}
	if !slices.Equal(got, want) {
		t.Fatalf("due check-ins %v, want %v (earliest first, active pairings only)", got, want)
	}

	first := fu.DueCheckIns[0]
	t.Run("ErrInvalidOutcome", func(t *testing.T) {
		_, err := db.CompleteCheckIn(ctx, first.ID, "fine", 0, fixedNow)
		wantFieldError(t, err, broen.EINVALID, "outcome", "validation.choice")
	})
	t.Run("Completed", func(t *testing.T) {
		c, err := db.CompleteCheckIn(ctx, first.ID, mentoring.CheckInGoingWell, 0, fixedNow)
		if err != nil || !c.Done() || c.Outcome != mentoring.CheckInGoingWell || c.VolunteerName != v1.Name {
			t.Fatalf("complete: %v %+v", err, c)
		}
		fu, _ := db.FollowUp(ctx, fixedNow)
		if len(fu.DueCheckIns) != 2 || fu.DueCheckIns[0].ID == first.ID {
			t.Errorf("done check-in still due: %+v", fu.DueCheckIns)
		}
	})
	t.Run("ErrCheckInDone", func(t *testing.T) {
		_, err := db.CompleteCheckIn(ctx, first.ID, mentoring.CheckInNeedsSupport, 0, fixedNow)
		wantError(t, err, broen.ECONFLICT, mentoring.ErrCheckInDone)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.CompleteCheckIn(ctx, 9999, mentoring.CheckInGoingWell, 0, fixedNow)
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
		wantError(t, db.MarkCheckInNotified(ctx, 9999, fixedNow), broen.ENOTFOUND, "error.not_found")
	})
	t.Run("Filters", func(t *testing.T) {
		if err := db.MarkCheckInNotified(ctx, fu.DueCheckIns[2].ID, fixedNow); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			f    mentoring.CheckInFilter
			want int
		}{
			{"All", mentoring.CheckInFilter{}, 12},
			{"ActiveOnly", mentoring.CheckInFilter{ActiveOnly: true}, 8},
			{"Pairing", mentoring.CheckInFilter{PairingID: &young.ID}, 4},
			{"DueBy", mentoring.CheckInFilter{DueBy: &today}, 6},
			{"Done", mentoring.CheckInFilter{Done: ptr(true)}, 1},
			{"Notified", mentoring.CheckInFilter{Notified: ptr(true)}, 1},
			{"NotNotifiedDueActive", mentoring.CheckInFilter{Notified: ptr(false), Done: ptr(false), DueBy: &today, ActiveOnly: true}, 1},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				cs, total, err := db.FindCheckIns(ctx, tc.f)
				if err != nil || total != tc.want || len(cs) != tc.want {
					t.Errorf("got %d (total %d) %v, want %d", len(cs), total, err, tc.want)
				}
				if !slices.IsSortedFunc(cs, func(a, b *mentoring.CheckIn) int { return a.Due.Compare(b.Due) }) {
					t.Error("not earliest due first")
				}
			})
		}
	})
}
