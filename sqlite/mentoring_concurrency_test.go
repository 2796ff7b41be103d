package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"broen"
	"broen/mentoring"
	"broen/sqlite"
)

const racers = 16

// race runs do(i) for i in [0, racers) in as many goroutines, released
// together, and returns their errors.
func race(do func(i int) error) []error {
	start := make(chan struct{})
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			<-start
			errs[i] = do(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// tally counts successes and checks every failure is ECONFLICT with one of
// the allowed message IDs.
func tally(t *testing.T, errs []error, allowed ...string) int {
	t.Helper()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		e := broen.AsError(err)
		if e == nil || e.Code != broen.ECONFLICT || !slices.Contains(allowed, e.MessageID) {
			t.Errorf("unexpected error: %v", err)
		}
	}
	return ok
}

// onDisk counts a newcomer's pairings by status, read from the file.
func onDisk(t *testing.T, db *sqlite.DB, column string, id int64) map[string]int {
	t.Helper()
	rows, err := rawDB(t, db).Query(`SELECT status, COUNT(*) FROM pairings WHERE `+column+` = ? GROUP BY status`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		out[s] = n
	}
	return out
}

// TestConcurrentAcceptance: many proposals for one newcomer, answered by
// everyone at the same moment. Whichever side answers last, the newcomer
// ends with exactly their limit of active pairings, the rest withdrawn as
// paired elsewhere, and check-ins only for the active ones.
func TestConcurrentAcceptance(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		maxActive int
		// first answers every proposal beforehand; last answers all at once.
		first, last mentoring.Side
	}{
		{"VolunteersAcceptTogetherOneActive", 1, mentoring.SideNewcomer, mentoring.SideVolunteer},
		{"NewcomerAcceptsAllTogetherOneActive", 1, mentoring.SideVolunteer, mentoring.SideNewcomer},
		{"LimitOfTwoTwoActive", 2, mentoring.SideNewcomer, mentoring.SideVolunteer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openDB(t)
			db.Mentoring.MaxActivePerNewcomer = tc.maxActive
			n := mustNewcomer(t, db, newNewcomer("Amal"))
			ids := make([]int64, racers)
			for i := range racers {
				v := mustVolunteer(t, db, newVolunteer(fmt.Sprintf("Mentor %d", i)))
				p := mustPropose(t, db, v.ID, n.ID, fixedNow)
				mustAnswer(t, db, p.ID, tc.first, fixedNow.Add(time.Minute))
				ids[i] = p.ID
			}
			errs := race(func(i int) error {
				_, err := db.AnswerPairing(ctx, ids[i], tc.last, true, "", 0, fixedNow.Add(time.Hour))
				return err
			})
			if ok := tally(t, errs, mentoring.ErrNotProposed, mentoring.ErrNewcomerActive); ok != tc.maxActive {
				t.Errorf("%d acceptances succeeded, want %d", ok, tc.maxActive)
			}
			byStatus := onDisk(t, db, "newcomer_id", n.ID)
			if byStatus["active"] != tc.maxActive || byStatus["withdrawn"] != racers-tc.maxActive || byStatus["proposed"] != 0 {
				t.Errorf("pairings on disk by status: %v", byStatus)
			}
			if c := countRows(t, db, "pairings", "withdraw_reason = 'paired_elsewhere'"); c != racers-tc.maxActive {
				t.Errorf("%d withdrawn as paired elsewhere", c)
			}
			if c := countRows(t, db, "pairing_checkins"); c != 4*tc.maxActive {
				t.Errorf("%d check-ins, want %d", c, 4*tc.maxActive)
			}
			if got := mustNewcomerByID(t, db, n.ID); got.Active != tc.maxActive || got.Open != tc.maxActive {
				t.Errorf("newcomer active %d open %d", got.Active, got.Open)
			}
		})
	}
}

// TestConcurrentProposals: proposals made at the same moment never take a
// volunteer past their capacity, nor give one pair two open proposals.
func TestConcurrentProposals(t *testing.T) {
	ctx := context.Background()
	t.Run("CapacityTwoTwoSucceed", func(t *testing.T) {
		db := openDB(t)
		v := mustVolunteer(t, db, newVolunteer("Bjørn", func(v *mentoring.Volunteer) { v.Capacity = 2 }))
		newcomers := make([]int64, racers)
		for i := range racers {
			newcomers[i] = mustNewcomer(t, db, newNewcomer(fmt.Sprintf("Nykommer %d", i))).ID
		}
		errs := race(func(i int) error {
			return db.ProposePairing(ctx, mentoring.NewPairing(v.ID, newcomers[i], 0, 6, fixedNow, db.Mentoring))
		})
		if ok := tally(t, errs, mentoring.ErrCapacity); ok != 2 {
			t.Errorf("%d proposals succeeded, want 2", ok)
		}
		if byStatus := onDisk(t, db, "volunteer_id", v.ID); len(byStatus) != 1 || byStatus["proposed"] != 2 {
			t.Errorf("pairings on disk by status: %v", byStatus)
		}
		if got := mustVolunteerByID(t, db, v.ID); got.Open != 2 || got.Spare() != 0 {
			t.Errorf("volunteer open %d", got.Open)
		}
	})
	t.Run("SamePairOneSucceeds", func(t *testing.T) {
		db := openDB(t)
		v := mustVolunteer(t, db, newVolunteer("Carl", func(v *mentoring.Volunteer) { v.Capacity = mentoring.MaxCapacity }))
		n := mustNewcomer(t, db, newNewcomer("Yusuf"))
		errs := race(func(int) error {
			return db.ProposePairing(ctx, mentoring.NewPairing(v.ID, n.ID, 0, 6, fixedNow, db.Mentoring))
		})
		if ok := tally(t, errs, mentoring.ErrDuplicate); ok != 1 {
			t.Errorf("%d proposals succeeded, want 1", ok)
		}
		if c := countRows(t, db, "pairings"); c != 1 {
			t.Errorf("%d pairings on disk, want 1", c)
		}
	})
}
