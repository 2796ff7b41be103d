package mentoring

import (
	"testing"
	"time"
)

func oslo(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// TestQuietDefinition pins the one definition of a quiet pairing at its
// boundary: with N = 30, the last contact on Today−30 is quiet, on
// Today−29 is not. "Today" is the municipality's: 00:30 in Oslo is already
// the next day while UTC is still on the previous one.
func TestQuietDefinition(t *testing.T) {
	z := oslo(t)
	pol := Policy{QuietDays: 30, Zone: z}
	// 24 November 00:30 in Oslo = 23 November 23:30 UTC.
	now := time.Date(2026, 11, 24, 0, 30, 0, 0, z)
	today := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	if got := pol.Today(now); !got.Equal(today) {
		t.Fatalf("Today = %v, want %v", got, today)
	}
	started := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name        string
		lastContact time.Time
		start       time.Time
		status      PairingStatus
		quiet       bool
		days        int
	}{
		{"QuietAt30Days", today.AddDate(0, 0, -30), started, PairingActive, true, 30},
		{"QuietAt31Days", today.AddDate(0, 0, -31), started, PairingActive, true, 31},
		{"NotQuietAt29Days", today.AddDate(0, 0, -29), started, PairingActive, false, 29},
		{"NotQuietContactToday", today, started, PairingActive, false, 0},
		{"QuietNoContactSinceStart", time.Time{}, today.AddDate(0, 0, -31), PairingActive, true, 31},
		{"NotQuietJustStarted", time.Time{}, today.AddDate(0, 0, -10), PairingActive, false, 10},
		// Started at 23:30 UTC on 24 October = 25 October in Oslo: 30 days.
		{"StartDayIsLocal", time.Time{}, time.Date(2026, 10, 24, 22, 30, 0, 0, time.UTC), PairingActive, true, 30},
		{"NotQuietWhenEnded", today.AddDate(0, 0, -90), started, PairingEnded, false, 90},
		{"NotQuietWhenProposed", time.Time{}, time.Time{}, PairingProposed, false, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Pairing{Status: c.status, StartedAt: c.start, LastContact: c.lastContact}
			if got := pol.IsQuiet(p, now); got != c.quiet {
				t.Errorf("IsQuiet = %v, want %v (last sign %v, cutoff %v)", got, c.quiet, pol.LastSign(p), pol.QuietCutoff(now))
			}
			if c.days >= 0 {
				if got := pol.QuietFor(p, now); got != c.days {
					t.Errorf("QuietFor = %d, want %d", got, c.days)
				}
			}
		})
	}
}

func TestQuietDaysDefault(t *testing.T) {
	if got := (Policy{}).Quiet(); got != 30 {
		t.Fatalf("default quiet days %d, want 30", got)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	if got, want := (Policy{QuietDays: 7}).QuietCutoff(now), time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Fatalf("cutoff %v, want %v", got, want)
	}
}

func TestCheckInsFor(t *testing.T) {
	z := oslo(t)
	pol := Policy{Zone: z}
	// 31 January 23:30 UTC is 1 February in Oslo.
	start := time.Date(2027, 1, 31, 23, 30, 0, 0, time.UTC)
	got := pol.CheckInsFor(7, start)
	want := []struct {
		point string
		due   string
	}{{"2w", "2027-02-15"}, {"1m", "2027-03-01"}, {"3m", "2027-05-01"}, {"6m", "2027-08-01"}}
	if len(got) != len(want) {
		t.Fatalf("%d check-ins", len(got))
	}
	for i, w := range want {
		if got[i].Point != w.point || got[i].Due.Format(time.DateOnly) != w.due || got[i].PairingID != 7 {
			t.Errorf("check-in %d = %s %s, want %s %s", i, got[i].Point, got[i].Due.Format(time.DateOnly), w.point, w.due)
		}
	}
}

func TestParseCheckInPoints(t *testing.T) {
	pts, err := ParseCheckInPoints("1w, 2m,12m")
	if err != nil || len(pts) != 3 || pts[0].Code() != "1w" || pts[2].Code() != "12m" {
		t.Fatalf("got %v, %v", pts, err)
	}
	for _, bad := range []string{"", "2", "2d", "0w", "-1m", "w2"} {
		if _, err := ParseCheckInPoints(bad); err == nil {
			t.Errorf("ParseCheckInPoints(%q) accepted", bad)
		}
	}
}

func TestContactValidate(t *testing.T) {
	start := time.Date(2026, 10, 1, 15, 0, 0, 0, time.UTC)
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	ok := ContactLog{Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Kind: ContactMeeting, Outcome: ContactWentWell}
	if err := ok.Validate(start, today); err != nil {
		t.Fatalf("start day refused: %v", err)
	}
	cases := map[string]ContactLog{
		"ErrFuture":      {Date: today.AddDate(0, 0, 1), Kind: ContactMeeting, Outcome: ContactOK},
		"ErrBeforeStart": {Date: start.AddDate(0, 0, -1), Kind: ContactMeeting, Outcome: ContactOK},
		"ErrNoDate":      {Kind: ContactMeeting, Outcome: ContactOK},
		"ErrKind":        {Date: today, Kind: "letter", Outcome: ContactOK},
		"ErrOutcome":     {Date: today, Kind: ContactPhone, Outcome: "great"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if err := c.Validate(start, today); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if (&ContactLog{Outcome: ContactCancelled}).Counts() || (&ContactLog{Outcome: ContactNoShow}).Counts() || !(&ContactLog{Outcome: ContactDifficult}).Counts() {
		t.Fatal("Counts: only contacts that took place end a quiet spell")
	}
}

func TestDaysSince(t *testing.T) {
	z := oslo(t)
	pol := Policy{Zone: z}
	now := time.Date(2026, 11, 24, 0, 30, 0, 0, z) // 23 November in UTC
	cases := []struct {
		since time.Time
		want  int
	}{
		{time.Time{}, 0},
		{time.Date(2026, 11, 23, 23, 59, 0, 0, z), 1},
		{time.Date(2026, 11, 24, 0, 1, 0, 0, z), 0},
		{time.Date(2026, 10, 24, 23, 0, 0, 0, time.UTC), 30}, // 25 October in Oslo, across the end of summer time
		{now.Add(48 * time.Hour), 0},
	}
	for _, c := range cases {
		if got := pol.DaysSince(c.since, now); got != c.want {
			t.Errorf("DaysSince(%v) = %d, want %d", c.since, got, c.want)
		}
	}
}
