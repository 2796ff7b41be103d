package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"broen"
	"broen/mentoring"
)

func TestProposePairing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	withChildren := func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{8}
	}
	police := func(v *mentoring.Volunteer) {
		v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
			CheckedBy: "Kari Nordmann", RenewBy: time.Date(2029, 1, 5, 0, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name string
		// setup returns the pair to propose, after preparing their state.
		setup func(t *testing.T, name string) (volunteerID, newcomerID int64)
		code  string
		msgID string
	}{
		{"OK", func(t *testing.T, name string) (int64, int64) {
			v, n := pair(t, db, name)
			return v.ID, n.ID
		}, "", ""},
		{"OKWithCurrentPoliceCheckAndChildren", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name, police))
			n := mustNewcomer(t, db, newNewcomer(name, withChildren))
			return v.ID, n.ID
		}, "", ""},
		{"ErrVolunteerNotFound", func(t *testing.T, name string) (int64, int64) {
			_, n := pair(t, db, name)
			return 9999, n.ID
		}, broen.ENOTFOUND, "error.not_found"},
		{"ErrNewcomerNotFound", func(t *testing.T, name string) (int64, int64) {
			v, _ := pair(t, db, name)
			return v.ID, 9999
		}, broen.ENOTFOUND, "error.not_found"},
		{"ErrVolunteerNotAvail", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name, func(v *mentoring.Volunteer) { v.Status = mentoring.VolunteerPending }))
			n := mustNewcomer(t, db, newNewcomer(name))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrVolunteerNotAvail},
		{"ErrCapacity", func(t *testing.T, name string) (int64, int64) {
			v, n := pair(t, db, name)
			other := mustNewcomer(t, db, newNewcomer(name+" 2"))
			mustPropose(t, db, v.ID, other.ID, fixedNow)
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrCapacity},
		{"ErrNewcomerNotWait", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name))
			n := mustNewcomer(t, db, newNewcomer(name, func(n *mentoring.Newcomer) { n.Status = mentoring.NewcomerPaused }))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrNewcomerNotWait},
		{"ErrNewcomerActive", func(t *testing.T, name string) (int64, int64) {
			v, n := pair(t, db, name)
			other := mustVolunteer(t, db, newVolunteer(name+" 2"))
			mustActive(t, db, other.ID, n.ID, fixedNow.Add(-time.Hour))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrNewcomerActive},
		{"ErrDuplicate", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name, func(v *mentoring.Volunteer) { v.Capacity = 3 }))
			n := mustNewcomer(t, db, newNewcomer(name))
			mustPropose(t, db, v.ID, n.ID, fixedNow)
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrDuplicate},
		{"ErrExcluded", func(t *testing.T, name string) (int64, int64) {
			v, n := pair(t, db, name)
			if err := db.Exclude(ctx, mentoring.Exclusion{VolunteerID: v.ID, NewcomerID: n.ID}); err != nil {
				t.Fatal(err)
			}
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrExcluded},
		{"ErrPoliceCheckChildrenNoCheck", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name))
			n := mustNewcomer(t, db, newNewcomer(name, withChildren))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrPoliceCheck},
		{"ErrPoliceCheckExpired", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name, police, func(v *mentoring.Volunteer) {
				v.PoliceCheck.RenewBy = fixedNow.AddDate(0, 0, -1)
			}))
			n := mustNewcomer(t, db, newNewcomer(name, withChildren))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrPoliceCheck},
		{"ErrPreferences", func(t *testing.T, name string) (int64, int64) {
			v := mustVolunteer(t, db, newVolunteer(name, func(v *mentoring.Volunteer) { v.Gender = mentoring.GenderMale }))
			n := mustNewcomer(t, db, newNewcomer(name, func(n *mentoring.Newcomer) {
				n.Preferences.Gender = mentoring.GenderFemale
			}))
			return v.ID, n.ID
		}, broen.ECONFLICT, mentoring.ErrPreferences},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vID, nID := tc.setup(t, tc.name)
			before := countRows(t, db, "pairings")
			p := mentoring.NewPairing(vID, nID, 0, 6, fixedNow, db.Mentoring)
			p.Score, p.Reasons = 72.5, []mentoring.Reason{{Code: mentoring.ReasonBothSpeak, Value: "en"}}
			err := db.ProposePairing(ctx, p)
			if tc.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				got := mustPairingByID(t, db, p.ID)
				if got.Status != mentoring.PairingProposed || got.Score != 72.5 || !slices.Equal(got.Reasons, p.Reasons) ||
					!got.ProposedAt.Equal(fixedNow) || !got.ExpiresAt.Equal(fixedNow.AddDate(0, 0, 14)) ||
					got.VolunteerName != tc.name && got.VolunteerName != "Mentor "+tc.name || got.LengthMonths != 6 {
					t.Errorf("stored %+v", got)
				}
				if v := mustVolunteerByID(t, db, vID); v.Open != 1 {
					t.Errorf("volunteer open %d, want 1", v.Open)
				}
				return
			}
			wantError(t, err, tc.code, tc.msgID)
			if after := countRows(t, db, "pairings"); after != before {
				t.Errorf("%d pairings after a refusal, want %d", after, before)
			}
		})
	}
	t.Run("DatabaseRefusesTwoOpenPairingsOfOnePair", func(t *testing.T) {
		v := mustVolunteer(t, db, newVolunteer("Guard", func(v *mentoring.Volunteer) { v.Capacity = 2 }))
		n := mustNewcomer(t, db, newNewcomer("Guard"))
		mustPropose(t, db, v.ID, n.ID, fixedNow)
		_, err := rawDB(t, db).Exec(`INSERT INTO pairings (volunteer_id, newcomer_id, status, length_months, proposed_at, expires_at)
			VALUES (?, ?, 'proposed', 6, 'x', 'y')`, v.ID, n.ID)
		if err == nil {
			t.Fatal("a second open pairing of the same pair was stored")
		}
	})
}

func TestAnswerPairing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	at := func(h int) time.Time { return fixedNow.Add(time.Duration(h) * time.Hour) }

	activates := []struct {
		name          string
		first, second mentoring.Side
	}{
		{"VolunteerThenNewcomerActive", mentoring.SideVolunteer, mentoring.SideNewcomer},
		{"NewcomerThenVolunteerActive", mentoring.SideNewcomer, mentoring.SideVolunteer},
	}
	for _, tc := range activates {
		t.Run(tc.name, func(t *testing.T) {
			v, n := pair(t, db, tc.name)
			p := mustPropose(t, db, v.ID, n.ID, at(0))
			got := mustAnswer(t, db, p.ID, tc.first, at(1))
			if got.Status != mentoring.PairingProposed || got.AnswerOf(tc.first) != mentoring.AnswerYes || got.SharesContacts() {
				t.Fatalf("after one yes: %+v", got)
			}
			got = mustAnswer(t, db, p.ID, tc.second, at(30))
			stored := mustPairingByID(t, db, p.ID)
			if got.Status != mentoring.PairingActive || stored.Status != mentoring.PairingActive || !stored.StartedAt.Equal(at(30)) ||
				!stored.SharesContacts() {
				t.Fatalf("after both: %+v", stored)
			}
			checkIns, total, err := db.FindCheckIns(ctx, mentoring.CheckInFilter{PairingID: &p.ID})
			if err != nil || total != 4 {
				t.Fatalf("check-ins: %v %d", err, total)
			}
			start := db.Mentoring.DayOf(at(30))
			want := []struct {
				point string
				due   time.Time
			}{{"2w", start.AddDate(0, 0, 14)}, {"1m", start.AddDate(0, 1, 0)}, {"3m", start.AddDate(0, 3, 0)}, {"6m", start.AddDate(0, 6, 0)}}
			for i, c := range checkIns {
				if c.Point != want[i].point || !c.Due.Equal(want[i].due) || c.Done() || c.VolunteerName != v.Name || c.NewcomerName != n.Name {
					t.Errorf("check-in %d: %+v, want %s on %v", i, c, want[i].point, want[i].due)
				}
			}
		})
	}
	t.Run("ErrAlreadyAnswered", func(t *testing.T) {
		v, n := pair(t, db, "twice")
		p := mustPropose(t, db, v.ID, n.ID, at(0))
		mustAnswer(t, db, p.ID, mentoring.SideVolunteer, at(1))
		_, err := db.AnswerPairing(ctx, p.ID, mentoring.SideVolunteer, true, "", 0, at(2))
		wantError(t, err, broen.ECONFLICT, mentoring.ErrAlreadyAnswered)
	})
	t.Run("DeclinedAndExcluded", func(t *testing.T) {
		v, n := pair(t, db, "declined")
		p := mustPropose(t, db, v.ID, n.ID, at(0))
		mustAnswer(t, db, p.ID, mentoring.SideVolunteer, at(1))
		got, err := db.AnswerPairing(ctx, p.ID, mentoring.SideNewcomer, false, mentoring.DeclineDistance, 0, at(2))
		if err != nil {
			t.Fatal(err)
		}
		stored := mustPairingByID(t, db, p.ID)
		if got.Status != mentoring.PairingDeclined || stored.Status != mentoring.PairingDeclined || stored.DeclinedBy != mentoring.SideNewcomer ||
			stored.DeclineReason != mentoring.DeclineDistance || !stored.ClosedAt.Equal(at(2)) || stored.SharesContacts() {
			t.Fatalf("declined: %+v", stored)
		}
		ex, _ := db.FindExclusions(ctx)
		if !slices.ContainsFunc(ex, func(e mentoring.Exclusion) bool {
			return e.VolunteerID == v.ID && e.NewcomerID == n.ID && e.Reason == "declined"
		}) {
			t.Errorf("no declined exclusion in %+v", ex)
		}
		if got := mustVolunteerByID(t, db, v.ID); got.Open != 0 {
			t.Errorf("a declined proposal still holds a place: open %d", got.Open)
		}
		err = db.ProposePairing(ctx, mentoring.NewPairing(v.ID, n.ID, 0, 6, at(3), db.Mentoring))
		wantError(t, err, broen.ECONFLICT, mentoring.ErrExcluded)
		// The coordinator lifts it: the pair may be proposed again.
		if err := db.Unexclude(ctx, v.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		mustPropose(t, db, v.ID, n.ID, at(4))
	})
	t.Run("Withdrawn", func(t *testing.T) {
		v, n := pair(t, db, "withdrawn")
		p := mustPropose(t, db, v.ID, n.ID, at(0))
		got, err := db.WithdrawPairing(ctx, p.ID, mentoring.WithdrawMistake, 0, at(1))
		if err != nil || got.Status != mentoring.PairingWithdrawn || got.WithdrawReason != mentoring.WithdrawMistake {
			t.Fatalf("withdraw: %v %+v", err, got)
		}
		if v := mustVolunteerByID(t, db, v.ID); v.Open != 0 {
			t.Errorf("open %d after withdrawal", v.Open)
		}
		_, err = db.AnswerPairing(ctx, p.ID, mentoring.SideVolunteer, true, "", 0, at(2))
		wantError(t, err, broen.ECONFLICT, mentoring.ErrNotProposed)
		_, err = db.WithdrawPairing(ctx, p.ID, mentoring.WithdrawCoordinator, 0, at(2))
		wantError(t, err, broen.ECONFLICT, mentoring.ErrNotProposed)
	})
	t.Run("PairedElsewhereWithdrawn", func(t *testing.T) {
		n := mustNewcomer(t, db, newNewcomer("Two proposals"))
		v1 := mustVolunteer(t, db, newVolunteer("First"))
		v2 := mustVolunteer(t, db, newVolunteer("Second"))
		p1 := mustPropose(t, db, v1.ID, n.ID, at(0))
		p2 := mustPropose(t, db, v2.ID, n.ID, at(0))
		mustAnswer(t, db, p2.ID, mentoring.SideVolunteer, at(1))
		mustAnswer(t, db, p1.ID, mentoring.SideNewcomer, at(2))
		mustAnswer(t, db, p1.ID, mentoring.SideVolunteer, at(3))
		second := mustPairingByID(t, db, p2.ID)
		if second.Status != mentoring.PairingWithdrawn || second.WithdrawReason != mentoring.WithdrawPairedElsewhere || !second.ClosedAt.Equal(at(3)) {
			t.Fatalf("second proposal: %+v", second)
		}
		if got := mustNewcomerByID(t, db, n.ID); got.Open != 1 || got.Active != 1 {
			t.Errorf("newcomer open %d active %d", got.Open, got.Active)
		}
		if got := mustVolunteerByID(t, db, v2.ID); got.Open != 0 || got.Spare() != 1 {
			t.Errorf("second volunteer still holds a place: %+v", got)
		}
	})
	t.Run("ErrInvalidSide", func(t *testing.T) {
		_, err := db.AnswerPairing(ctx, 1, "coordinator", true, "", 0, at(0))
		wantFieldError(t, err, broen.EINVALID, "side", "validation.choice")
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.AnswerPairing(ctx, 9999, mentoring.SideVolunteer, true, "", 0, at(0))
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
	})
}

func TestEndPairing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	start, end := fixedNow.AddDate(0, -6, 0), fixedNow.Add(2*time.Hour)
	ev := mentoring.Evaluation{Rating: 4, Frequency: mentoring.FrequencyBiweek, Outcomes: []mentoring.Outcome{mentoring.OutcomeLanguage}}
	tests := []struct {
		reason          mentoring.EndReason
		newcomer        mentoring.NewcomerStatus
		newcomerWaits   bool
		volunteerStatus mentoring.VolunteerStatus
	}{
		{mentoring.EndCompleted, mentoring.NewcomerPaused, false, mentoring.VolunteerAvailable},
		{mentoring.EndPoorFit, mentoring.NewcomerWaiting, true, mentoring.VolunteerAvailable},
		{mentoring.EndNewcomerMoved, mentoring.NewcomerLeft, false, mentoring.VolunteerAvailable},
		{mentoring.EndVolunteerStop, mentoring.NewcomerWaiting, true, mentoring.VolunteerPaused},
	}
	for _, tc := range tests {
		t.Run("Ended"+string(tc.reason), func(t *testing.T) {
			v, n := pair(t, db, string(tc.reason))
			p := mustActive(t, db, v.ID, n.ID, start)
			got, err := db.EndPairing(ctx, p.ID, tc.reason, ev, 0, end)
			if err != nil {
				t.Fatal(err)
			}
			stored := mustPairingByID(t, db, p.ID)
			if got.Status != mentoring.PairingEnded || stored.Status != mentoring.PairingEnded || stored.EndReason != tc.reason ||
				!stored.EndedAt.Equal(end) || stored.Evaluation == nil || stored.Evaluation.Rating != 4 ||
				!slices.Equal(stored.Evaluation.Outcomes, ev.Outcomes) {
				t.Fatalf("ended: %+v %+v", stored, stored.Evaluation)
			}
			nn, vv := mustNewcomerByID(t, db, n.ID), mustVolunteerByID(t, db, v.ID)
			if nn.Status != tc.newcomer || nn.WaitingSince.Equal(end) != tc.newcomerWaits || nn.Open != 0 {
				t.Errorf("newcomer %s since %v, want %s (waits again: %v)", nn.Status, nn.WaitingSince, tc.newcomer, tc.newcomerWaits)
			}
			if vv.Status != tc.volunteerStatus || !vv.WaitingSince.Equal(end) || vv.Open != 0 {
				t.Errorf("volunteer %s since %v open %d", vv.Status, vv.WaitingSince, vv.Open)
			}
		})
	}
	t.Run("ErrInvalidEvaluationNothingWritten", func(t *testing.T) {
		v, n := pair(t, db, "invalid")
		p := mustActive(t, db, v.ID, n.ID, start)
		_, err := db.EndPairing(ctx, p.ID, "bored", mentoring.Evaluation{Rating: 9, Outcomes: []mentoring.Outcome{"rich"}}, 0, end)
		e := broen.AsError(err)
		if e == nil || e.Code != broen.EINVALID || e.Fields["end_reason"] == "" || e.Fields["evaluation.rating"] == "" ||
			e.Fields["evaluation.frequency"] == "" || e.Fields["evaluation.outcomes"] == "" {
			t.Fatalf("got %v", err)
		}
		if got := mustPairingByID(t, db, p.ID); got.Status != mentoring.PairingActive || got.Evaluation != nil {
			t.Errorf("refused end written: %+v", got)
		}
		if got := mustVolunteerByID(t, db, v.ID); got.Open != 1 || got.WaitingSince.Equal(end) {
			t.Errorf("volunteer changed by a refused end: %+v", got)
		}
	})
}

func TestInvalidTransitions(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v, n := pair(t, db, "ended")
	ended := mustActive(t, db, v.ID, n.ID, fixedNow.AddDate(0, -1, 0))
	if _, err := db.EndPairing(ctx, ended.ID, mentoring.EndCompleted, mentoring.Evaluation{Rating: 5, Frequency: mentoring.FrequencyWeekly}, 0, fixedNow); err != nil {
		t.Fatal(err)
	}
	v2, n2 := pair(t, db, "proposed")
	proposed := mustPropose(t, db, v2.ID, n2.ID, fixedNow)
	ev := mentoring.Evaluation{Rating: 3, Frequency: mentoring.FrequencyMonthly}

	tests := []struct {
		name  string
		do    func() error
		msgID string
	}{
		{"ErrNotProposedAcceptEnded", func() error {
			_, err := db.AnswerPairing(ctx, ended.ID, mentoring.SideVolunteer, true, "", 0, fixedNow)
			return err
		}, mentoring.ErrNotProposed},
		{"ErrNotProposedDeclineEnded", func() error {
			_, err := db.AnswerPairing(ctx, ended.ID, mentoring.SideNewcomer, false, "", 0, fixedNow)
			return err
		}, mentoring.ErrNotProposed},
		{"ErrNotProposedWithdrawEnded", func() error {
			_, err := db.WithdrawPairing(ctx, ended.ID, mentoring.WithdrawCoordinator, 0, fixedNow)
			return err
		}, mentoring.ErrNotProposed},
		{"ErrNotActiveEndProposed", func() error {
			_, err := db.EndPairing(ctx, proposed.ID, mentoring.EndCompleted, ev, 0, fixedNow)
			return err
		}, mentoring.ErrNotActive},
		{"ErrNotActiveEndEnded", func() error {
			_, err := db.EndPairing(ctx, ended.ID, mentoring.EndCompleted, ev, 0, fixedNow)
			return err
		}, mentoring.ErrNotActive},
		{"ErrNotActiveContactOnProposed", func() error {
			return db.LogContact(ctx, &mentoring.ContactLog{PairingID: proposed.ID, Date: fixedNow,
				Kind: mentoring.ContactMeeting, Outcome: mentoring.ContactWentWell})
		}, mentoring.ErrNotActive},
		{"ErrNotActiveContactOnEnded", func() error {
			return db.LogContact(ctx, &mentoring.ContactLog{PairingID: ended.ID, Date: fixedNow,
				Kind: mentoring.ContactMeeting, Outcome: mentoring.ContactWentWell})
		}, mentoring.ErrNotActive},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, tc.do(), broen.ECONFLICT, tc.msgID)
		})
	}
	if got := mustPairingByID(t, db, proposed.ID); got.Status != mentoring.PairingProposed {
		t.Errorf("proposal changed by refused transitions: %+v", got)
	}
	if c := countRows(t, db, "pairing_contacts"); c != 0 {
		t.Errorf("%d contacts stored by refused logs", c)
	}
}

func TestExpirePairings(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v, n := pair(t, db, "expiring")
	p := mustPropose(t, db, v.ID, n.ID, fixedNow)
	mustAnswer(t, db, p.ID, mentoring.SideNewcomer, fixedNow.Add(time.Hour))
	other := mustNewcomer(t, db, newNewcomer("Next in line"))

	t.Run("NothingBeforeExpiry", func(t *testing.T) {
		got, err := db.ExpirePairings(ctx, p.ExpiresAt.Add(-time.Nanosecond))
		if err != nil || len(got) != 0 {
			t.Fatalf("expired %v: %v", got, err)
		}
		if s := mustPairingByID(t, db, p.ID).Status; s != mentoring.PairingProposed {
			t.Errorf("status %s", s)
		}
		err = db.ProposePairing(ctx, mentoring.NewPairing(v.ID, other.ID, 0, 6, fixedNow, db.Mentoring))
		wantError(t, err, broen.ECONFLICT, mentoring.ErrCapacity)
	})
	t.Run("ExpiredAndPlaceFreeAtOnce", func(t *testing.T) {
		got, err := db.ExpirePairings(ctx, p.ExpiresAt)
		if err != nil || len(got) != 1 || got[0].ID != p.ID || got[0].Status != mentoring.PairingExpired || got[0].VolunteerName != v.Name {
			t.Fatalf("expired %+v: %v", got, err)
		}
		if s := mustPairingByID(t, db, p.ID); s.Status != mentoring.PairingExpired || !s.ClosedAt.Equal(p.ExpiresAt) {
			t.Errorf("stored %+v", s)
		}
		if got := mustVolunteerByID(t, db, v.ID); got.Open != 0 {
			t.Errorf("an expired proposal holds a place: open %d", got.Open)
		}
		mustPropose(t, db, v.ID, other.ID, p.ExpiresAt)
	})
	t.Run("OnlyOnce", func(t *testing.T) {
		got, err := db.ExpirePairings(ctx, p.ExpiresAt.AddDate(0, 1, 0))
		if err != nil || len(got) != 1 || got[0].NewcomerID != other.ID {
			t.Errorf("second run expired %+v: %v", got, err)
		}
	})
}

func TestProposalReminders(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	day := 24 * time.Hour
	v1, n1 := pair(t, db, "old")
	v2, n2 := pair(t, db, "new")
	v3, n3 := pair(t, db, "answered")
	old := mustPropose(t, db, v1.ID, n1.ID, fixedNow.Add(-5*day))
	mustPropose(t, db, v2.ID, n2.ID, fixedNow.Add(-5*day+time.Second))
	answered := mustPropose(t, db, v3.ID, n3.ID, fixedNow.Add(-6*day))
	mustAnswer(t, db, answered.ID, mentoring.SideVolunteer, fixedNow.Add(-4*day))

	got, err := db.ProposalsToRemind(ctx, fixedNow)
	if err != nil || len(got) != 1 || got[0].ID != old.ID {
		t.Fatalf("to remind: %+v %v", got, err)
	}
	if err := db.MarkProposalReminded(ctx, old.ID, fixedNow); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ProposalsToRemind(ctx, fixedNow.Add(time.Hour)); len(got) != 1 || got[0].ProposedAt.Equal(old.ProposedAt) {
		t.Errorf("after marking: %+v", got)
	}
	if p := mustPairingByID(t, db, old.ID); !p.RemindedAt.Equal(fixedNow) {
		t.Errorf("reminded at %v", p.RemindedAt)
	}
	wantError(t, db.MarkProposalReminded(ctx, 9999, fixedNow), broen.ENOTFOUND, "error.not_found")
}

func TestCapacityBelowOpen(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v := mustVolunteer(t, db, newVolunteer("Full", func(v *mentoring.Volunteer) { v.Capacity = 3 }))
	for _, name := range []string{"A", "B"} {
		mustPropose(t, db, v.ID, mustNewcomer(t, db, newNewcomer(name)).ID, fixedNow)
	}
	tests := []struct {
		name     string
		capacity int
		msgID    string
	}{
		{"ErrCapacityBelowOpen", 1, mentoring.ErrCapacityBelowOpen},
		{"EqualToOpen", 2, ""},
		{"Raised", 4, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Capacity: &tc.capacity})
			if tc.msgID != "" {
				wantError(t, err, broen.ECONFLICT, tc.msgID)
				if stored := mustVolunteerByID(t, db, v.ID); stored.Capacity != 3 {
					t.Errorf("capacity %d written", stored.Capacity)
				}
				return
			}
			if err != nil || got.Capacity != tc.capacity || mustVolunteerByID(t, db, v.ID).Capacity != tc.capacity {
				t.Errorf("update: %v %+v", err, got)
			}
		})
	}
}

func TestExclusionsAndSettings(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v, n := pair(t, db, "excluded")
	t.Run("ErrNotFound", func(t *testing.T) {
		wantError(t, db.Exclude(ctx, mentoring.Exclusion{VolunteerID: 9999, NewcomerID: n.ID}), broen.ENOTFOUND, "error.not_found")
		wantError(t, db.Exclude(ctx, mentoring.Exclusion{VolunteerID: v.ID, NewcomerID: 9999}), broen.ENOTFOUND, "error.not_found")
	})
	t.Run("ExcludedOnceAndLifted", func(t *testing.T) {
		for range 2 {
			if err := db.Exclude(ctx, mentoring.Exclusion{VolunteerID: v.ID, NewcomerID: n.ID}); err != nil {
				t.Fatal(err)
			}
		}
		ex, err := db.FindExclusions(ctx)
		if err != nil || len(ex) != 1 || ex[0].Reason != "coordinator" || !ex[0].CreatedAt.Equal(fixedNow) {
			t.Fatalf("exclusions %+v %v", ex, err)
		}
		if err := db.Unexclude(ctx, v.ID, n.ID); err != nil {
			t.Fatal(err)
		}
		if ex, _ := db.FindExclusions(ctx); len(ex) != 0 {
			t.Errorf("after unexclude: %+v", ex)
		}
	})
	t.Run("DefaultWeightsUntilSet", func(t *testing.T) {
		w, err := db.MatchWeights(ctx)
		if err != nil || w != mentoring.DefaultWeights {
			t.Fatalf("weights %+v %v", w, err)
		}
		w.Distance, w.Age = 40, 5
		if err := db.SetMatchWeights(ctx, w); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.MatchWeights(ctx); got != w {
			t.Errorf("stored %+v, want %+v", got, w)
		}
	})
	t.Run("ErrInvalidWeightsNothingWritten", func(t *testing.T) {
		before, _ := db.MatchWeights(ctx)
		bad := before
		bad.Language = -1
		wantFieldError(t, db.SetMatchWeights(ctx, bad), broen.EINVALID, "language", "validation.mentoring.weight")
		if got, _ := db.MatchWeights(ctx); got != before {
			t.Errorf("refused weights stored: %+v", got)
		}
	})
	t.Run("Setting", func(t *testing.T) {
		if s, err := db.MentoringSetting(ctx, "digest_week"); err != nil || s != "" {
			t.Fatalf("unset: %q %v", s, err)
		}
		for _, week := range []string{"2026-W47", "2026-W48"} {
			if err := db.SetMentoringSetting(ctx, "digest_week", week); err != nil {
				t.Fatal(err)
			}
			if s, _ := db.MentoringSetting(ctx, "digest_week"); s != week {
				t.Errorf("got %q, want %q", s, week)
			}
		}
		if err := db.SetMentoringSetting(ctx, "match_weights", "{}"); err == nil {
			t.Error("the weights were overwritten unvalidated")
		}
	})
}

// pairingIDs lists the pairings' IDs, sorted.
func pairingIDs(ps []*mentoring.Pairing) []int64 {
	out := []int64{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	slices.Sort(out)
	return out
}

// TestExpiryWithoutTheSweep: a proposal past its expiry can no longer be
// answered and holds no place, even before the hourly sweep has run.
func TestExpiryWithoutTheSweep(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	v, n := pair(t, db, "late")
	p := mustPropose(t, db, v.ID, n.ID, fixedNow)
	late := p.ExpiresAt.Add(30 * time.Minute)

	_, err := db.AnswerPairing(ctx, p.ID, mentoring.SideVolunteer, true, "", 0, late)
	wantError(t, err, broen.ECONFLICT, mentoring.ErrExpired)
	_, err = db.AnswerPairing(ctx, p.ID, mentoring.SideNewcomer, false, mentoring.DeclineNoTime, 0, late)
	wantError(t, err, broen.ECONFLICT, mentoring.ErrExpired)

	other := mustNewcomer(t, db, newNewcomer("Next in line"))
	mustPropose(t, db, v.ID, other.ID, late) // the place is free: no sweep needed
	if got := mustPairingByID(t, db, p.ID); got.Status != mentoring.PairingExpired {
		t.Errorf("the overdue proposal is %s after the next proposal", got.Status)
	}
}

// TestPausedOrLeftWithdrawsProposals: a party who is paused or leaves has
// their proposals withdrawn in the same transaction, so nobody is paired
// with someone no longer available and the places are free at once; an
// active pairing goes on.
func TestPausedOrLeftWithdrawsProposals(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	for _, c := range []struct {
		name string
		set  func(v *mentoring.Volunteer, n *mentoring.Newcomer) error
	}{
		{"NewcomerLeft", func(_ *mentoring.Volunteer, n *mentoring.Newcomer) error {
			left := mentoring.NewcomerLeft
			_, err := db.UpdateNewcomer(ctx, n.ID, mentoring.NewcomerUpdate{Status: &left})
			return err
		}},
		{"NewcomerPaused", func(_ *mentoring.Volunteer, n *mentoring.Newcomer) error {
			paused := mentoring.NewcomerPaused
			_, err := db.UpdateNewcomer(ctx, n.ID, mentoring.NewcomerUpdate{Status: &paused})
			return err
		}},
		{"VolunteerPaused", func(v *mentoring.Volunteer, _ *mentoring.Newcomer) error {
			paused := mentoring.VolunteerPaused
			_, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: &paused})
			return err
		}},
		{"VolunteerLeft", func(v *mentoring.Volunteer, _ *mentoring.Newcomer) error {
			left := mentoring.VolunteerLeft
			_, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: &left})
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, n := pair(t, db, c.name)
			p := mustPropose(t, db, v.ID, n.ID, fixedNow)
			mustAnswer(t, db, p.ID, mentoring.SideVolunteer, fixedNow.Add(time.Hour))
			if err := c.set(v, n); err != nil {
				t.Fatal(err)
			}
			got := mustPairingByID(t, db, p.ID)
			if got.Status != mentoring.PairingWithdrawn || got.WithdrawReason != mentoring.WithdrawUnavailable {
				t.Fatalf("proposal is %s (%s)", got.Status, got.WithdrawReason)
			}
			_, err := db.AnswerPairing(ctx, p.ID, mentoring.SideNewcomer, true, "", 0, fixedNow.Add(2*time.Hour))
			wantError(t, err, broen.ECONFLICT, mentoring.ErrNotProposed)
			if got := mustVolunteerByID(t, db, v.ID); got.Open != 0 {
				t.Errorf("the withdrawn proposal holds a place: open %d", got.Open)
			}
		})
	}
	t.Run("ActiveGoesOn", func(t *testing.T) {
		v, n := pair(t, db, "active")
		p := mustActive(t, db, v.ID, n.ID, fixedNow)
		paused := mentoring.VolunteerPaused
		if _, err := db.UpdateVolunteer(ctx, v.ID, mentoring.VolunteerUpdate{Status: &paused}); err != nil {
			t.Fatal(err)
		}
		if got := mustPairingByID(t, db, p.ID); got.Status != mentoring.PairingActive {
			t.Fatalf("the active pairing is %s", got.Status)
		}
	})
}
