package registry

import (
	"testing"
	"time"

	"broen"
)

func TestSubmissionTransitions(t *testing.T) {
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		from   SubmissionStatus
		act    func(s *Submission) error
		want   SubmissionStatus
		errEnd string
	}{
		{"ApprovePending", SubmissionPending, func(s *Submission) error { return s.Approve(1, at) }, SubmissionApproved, ""},
		{"ReturnPending", SubmissionPending, func(s *Submission) error { return s.Return(1, at, "Mangler adresse.") }, SubmissionReturned, ""},
		{"ErrReturnWithoutReason", SubmissionPending, func(s *Submission) error { return s.Return(1, at, "  ") }, SubmissionPending, broen.EINVALID},
		{"ErrApproveApproved", SubmissionApproved, func(s *Submission) error { return s.Approve(1, at) }, SubmissionApproved, broen.ECONFLICT},
		{"ErrApproveReturned", SubmissionReturned, func(s *Submission) error { return s.Approve(1, at) }, SubmissionReturned, broen.ECONFLICT},
		{"ErrReturnReplaced", SubmissionReplaced, func(s *Submission) error { return s.Return(1, at, "x") }, SubmissionReplaced, broen.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Submission{Status: tt.from}
			err := tt.act(s)
			if broen.ErrorCode(err) != tt.errEnd {
				t.Fatalf("error %v, want code %q", err, tt.errEnd)
			}
			if s.Status != tt.want {
				t.Errorf("status %s, want %s", s.Status, tt.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	old := &Activity{Title: Text{"nb": "Sjakk"}, Languages: []string{"nb"}, AgeMin: 8,
		Schedules: []Schedule{{ID: 4, Kind: ScheduleRecurring, RRule: "FREQ=WEEKLY;BYDAY=MO", StartTime: "18:00"}}}
	neu := &Activity{Title: Text{"nb": "Sjakk", "ar": "شطرنج"}, Languages: []string{"ar", "nb"}, AgeMin: 8,
		Schedules: []Schedule{{ID: 9, Kind: ScheduleRecurring, RRule: "FREQ=WEEKLY;BYDAY=MO", StartTime: "18:30"}}}
	got, err := Diff(old, neu)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{"languages", "nb", "ar, nb"},
		{"schedules.0.start_time", "18:00", "18:30"},
		{"title.ar", "", "شطرنج"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if none, _ := Diff(old, old); len(none) != 0 {
		t.Errorf("no change: %+v", none)
	}
}

func TestNextStatus(t *testing.T) {
	tests := []struct {
		from   Status
		action StatusAction
		want   Status
		ok     bool
	}{
		{StatusApproved, ActionPause, StatusPaused, true},
		{StatusPaused, ActionResume, StatusApproved, true},
		{StatusPending, ActionArchive, StatusArchived, true},
		{StatusApproved, ActionArchive, StatusArchived, true},
		{StatusPaused, ActionArchive, StatusArchived, true},
		{StatusPending, ActionPause, StatusPending, false},
		{StatusPending, ActionResume, StatusPending, false},
		{StatusArchived, ActionResume, StatusArchived, false},
		{StatusArchived, ActionArchive, StatusArchived, false},
		{StatusApproved, "delete", StatusApproved, false},
	}
	for _, tt := range tests {
		got, err := NextStatus(tt.from, tt.action)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("%s + %s = %s, %v; want %s, ok %v", tt.from, tt.action, got, err, tt.want, tt.ok)
		}
	}
}
