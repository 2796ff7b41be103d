package mentoring

import (
	"testing"
	"time"

	"broen"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// at returns a pairing in the given state, as the transitions leave it.
func pairingIn(t *testing.T, status PairingStatus) *Pairing {
	t.Helper()
	p := NewPairing(1, 2, 9, 6, t0, Policy{})
	switch status {
	case PairingProposed:
	case PairingActive, PairingEnded:
		must(t, p.Accept(SideVolunteer, t0.Add(time.Hour)))
		must(t, p.Accept(SideNewcomer, t0.Add(2*time.Hour)))
		if status == PairingEnded {
			must(t, p.End(EndCompleted, Evaluation{Rating: 5, Frequency: FrequencyWeekly}, t0.AddDate(0, 6, 0)))
		}
	case PairingDeclined:
		must(t, p.Decline(SideNewcomer, DeclineNoTime, t0.Add(time.Hour)))
	case PairingWithdrawn:
		must(t, p.Withdraw(WithdrawCoordinator, t0.Add(time.Hour)))
	case PairingExpired:
		must(t, p.Expire(p.ExpiresAt))
	}
	if p.Status != status {
		t.Fatalf("set-up: status %s, want %s", p.Status, status)
	}
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantConflict(t *testing.T, err error, msgID string) {
	t.Helper()
	e := broen.AsError(err)
	if e == nil || e.Code != broen.ECONFLICT || e.MessageID != msgID {
		t.Fatalf("err = %v, want ECONFLICT %s", err, msgID)
	}
}

func TestNewPairing(t *testing.T) {
	p := NewPairing(1, 2, 9, 5, t0, Policy{ProposalDays: 10})
	if p.Status != PairingProposed || p.LengthMonths != 6 || !p.ExpiresAt.Equal(t0.AddDate(0, 0, 10)) {
		t.Fatalf("got %+v", p)
	}
	if p := NewPairing(1, 2, 9, 12, t0, Policy{}); p.LengthMonths != 12 || !p.ExpiresAt.Equal(t0.AddDate(0, 0, 14)) {
		t.Fatalf("defaults: got length %d, expiry %v", p.LengthMonths, p.ExpiresAt)
	}
}

func TestAcceptBothOrders(t *testing.T) {
	for _, order := range [][2]Side{{SideVolunteer, SideNewcomer}, {SideNewcomer, SideVolunteer}} {
		t.Run("ActiveAfter"+string(order[0])+"Then"+string(order[1]), func(t *testing.T) {
			p := pairingIn(t, PairingProposed)
			must(t, p.Accept(order[0], t0.Add(time.Hour)))
			if p.Status != PairingProposed || p.SharesContacts() {
				t.Fatalf("after one yes: status %s, shares %v", p.Status, p.SharesContacts())
			}
			must(t, p.Accept(order[1], t0.Add(2*time.Hour)))
			if p.Status != PairingActive || !p.StartedAt.Equal(t0.Add(2*time.Hour)) || !p.SharesContacts() {
				t.Fatalf("after both: %+v", p)
			}
			if got, want := p.PlannedEnd(Policy{}), time.Date(2027, 5, 23, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
				t.Errorf("PlannedEnd = %v, want %v", got, want)
			}
		})
	}
}

// TestTransitions tries every action from every status: exactly the
// arrows of the state machine succeed, everything else is ECONFLICT with
// the message saying why.
func TestTransitions(t *testing.T) {
	type action struct {
		name string
		do   func(p *Pairing) error
		to   PairingStatus // on success
	}
	later := t0.AddDate(0, 1, 0)
	soon := t0.Add(3 * time.Hour)
	actions := []action{
		{"AcceptVolunteer", func(p *Pairing) error { return p.Accept(SideVolunteer, soon) }, PairingProposed},
		{"DeclineNewcomer", func(p *Pairing) error { return p.Decline(SideNewcomer, DeclineDistance, soon) }, PairingDeclined},
		{"Withdraw", func(p *Pairing) error { return p.Withdraw(WithdrawMistake, later) }, PairingWithdrawn},
		{"Expire", func(p *Pairing) error { return p.Expire(later) }, PairingExpired},
		{"End", func(p *Pairing) error {
			return p.End(EndPoorFit, Evaluation{Rating: 2, Frequency: FrequencyRarely}, later)
		}, PairingEnded},
	}
	allowed := map[PairingStatus][]string{
		PairingProposed: {"AcceptVolunteer", "DeclineNewcomer", "Withdraw", "Expire"},
		PairingActive:   {"End"},
	}
	for _, from := range PairingStatuses {
		for _, a := range actions {
			ok := false
			for _, name := range allowed[from] {
				ok = ok || name == a.name
			}
			name := "Refused"
			if ok {
				name = "Allowed"
			}
			t.Run(string(from)+"/"+a.name+"/"+name, func(t *testing.T) {
				p := pairingIn(t, from)
				before := *p
				err := a.do(p)
				if ok {
					must(t, err)
					if p.Status != a.to {
						t.Fatalf("status %s, want %s", p.Status, a.to)
					}
					return
				}
				want := ErrNotProposed
				if a.name == "End" {
					want = ErrNotActive
				}
				wantConflict(t, err, want)
				if p.Status != before.Status || p.ClosedAt != before.ClosedAt || p.EndedAt != before.EndedAt {
					t.Fatalf("a refused transition changed the pairing: %+v", p)
				}
			})
		}
	}
}

func TestAcceptTwiceRefused(t *testing.T) {
	p := pairingIn(t, PairingProposed)
	must(t, p.Accept(SideNewcomer, t0))
	wantConflict(t, p.Accept(SideNewcomer, t0), ErrAlreadyAnswered)
}

func TestDeclineAfterYesChangesMind(t *testing.T) {
	p := pairingIn(t, PairingProposed)
	must(t, p.Accept(SideVolunteer, t0))
	must(t, p.Decline(SideVolunteer, DeclineNoTime, t0.Add(time.Hour)))
	if p.Status != PairingDeclined || p.DeclinedBy != SideVolunteer || p.VolunteerAnswer != AnswerNo || p.SharesContacts() {
		t.Fatalf("got %+v", p)
	}
}

func TestDeclineUnknownReasonIsUnstated(t *testing.T) {
	p := pairingIn(t, PairingProposed)
	must(t, p.Decline(SideNewcomer, "because", t0))
	if p.DeclineReason != DeclineUnstated {
		t.Fatalf("reason %q", p.DeclineReason)
	}
}

func TestAnswerPastExpiryRefused(t *testing.T) {
	p := pairingIn(t, PairingProposed)
	wantConflict(t, p.Accept(SideVolunteer, p.ExpiresAt), ErrExpired)
	wantConflict(t, p.Decline(SideNewcomer, DeclineNoTime, p.ExpiresAt.Add(time.Hour)), ErrExpired)
	must(t, p.Accept(SideVolunteer, p.ExpiresAt.Add(-time.Second)))
	if p.Status != PairingProposed {
		t.Fatalf("status %s", p.Status)
	}
}

func TestExpireBeforeExpiryRefused(t *testing.T) {
	p := pairingIn(t, PairingProposed)
	wantConflict(t, p.Expire(p.ExpiresAt.Add(-time.Second)), ErrNotExpired)
	must(t, p.Expire(p.ExpiresAt))
}

func TestEndNeedsReasonAndEvaluation(t *testing.T) {
	cases := []struct {
		name   string
		reason EndReason
		ev     Evaluation
		fields []string
	}{
		{"ErrUnknownReason", "bored", Evaluation{Rating: 3, Frequency: FrequencyMonthly}, []string{"end_reason"}},
		{"ErrRatingMissing", EndCompleted, Evaluation{Frequency: FrequencyMonthly}, []string{"evaluation.rating"}},
		{"ErrRatingTooHigh", EndCompleted, Evaluation{Rating: 6, Frequency: FrequencyMonthly}, []string{"evaluation.rating"}},
		{"ErrFrequency", EndCompleted, Evaluation{Rating: 4}, []string{"evaluation.frequency"}},
		{"ErrOutcome", EndCompleted, Evaluation{Rating: 4, Frequency: FrequencyWeekly, Outcomes: []Outcome{"rich"}}, []string{"evaluation.outcomes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := pairingIn(t, PairingActive)
			err := p.End(c.reason, c.ev, t0)
			e := broen.AsError(err)
			if e == nil || e.Code != broen.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			for _, f := range c.fields {
				if _, ok := e.Fields[f]; !ok {
					t.Errorf("no message for %s in %v", f, e.Fields)
				}
			}
			if p.Status != PairingActive {
				t.Fatalf("status %s after a refused end", p.Status)
			}
		})
	}
	t.Run("Ended", func(t *testing.T) {
		p := pairingIn(t, PairingActive)
		outcomes := []Outcome{OutcomeLanguage, OutcomeFriends}
		must(t, p.End(EndCompleted, Evaluation{Rating: 5, Frequency: FrequencyWeekly, Outcomes: outcomes}, t0))
		outcomes[0] = "changed"
		if p.Status != PairingEnded || p.Evaluation.Outcomes[0] != OutcomeLanguage || !p.SharesContacts() {
			t.Fatalf("got %+v", p)
		}
	})
}

func TestAfterEnd(t *testing.T) {
	cases := []struct {
		reason EndReason
		status NewcomerStatus
		pause  bool
	}{
		{EndCompleted, NewcomerPaused, false},
		{EndNewcomerMoved, NewcomerLeft, false},
		{EndNewcomerStopped, NewcomerLeft, false},
		{EndVolunteerStop, NewcomerWaiting, true},
		{EndNoContact, NewcomerWaiting, false},
		{EndPoorFit, NewcomerWaiting, false},
		{EndOther, NewcomerWaiting, false},
	}
	if len(cases) != len(EndReasons) {
		t.Fatalf("%d cases for %d reasons", len(cases), len(EndReasons))
	}
	for _, c := range cases {
		s, pause := AfterEnd(c.reason)
		if s != c.status || pause != c.pause {
			t.Errorf("AfterEnd(%s) = %s, %v; want %s, %v", c.reason, s, pause, c.status, c.pause)
		}
	}
}

func TestCheckInComplete(t *testing.T) {
	c := &CheckIn{ID: 1, Point: "2w"}
	if e := broen.AsError(c.Complete("fine", 1, t0)); e == nil || e.Code != broen.EINVALID {
		t.Fatalf("unknown outcome: %v", e)
	}
	must(t, c.Complete(CheckInGoingWell, 1, t0))
	wantConflict(t, c.Complete(CheckInGoingWell, 1, t0), ErrCheckInDone)
}
