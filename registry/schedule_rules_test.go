package registry

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"broen"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// weeklyTuesday is "every Tuesday 18:00–20:00" from 2026-01-06 in zone.
func weeklyTuesday(zone string) Schedule {
	return Schedule{
		Kind: ScheduleRecurring, Zone: zone, RRule: "FREQ=WEEKLY;BYDAY=TU",
		StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00",
	}
}

func localStarts(occ []Occurrence) []string {
	out := make([]string, len(occ))
	for i, o := range occ {
		out[i] = o.Start.Format("2006-01-02 15:04 -07:00")
	}
	return out
}

func TestOccurrencesWallClockAcrossSummerTime(t *testing.T) {
	for _, zone := range ScheduleZones {
		loc := mustZone(t, zone)
		s := weeklyTuesday(zone)
		t.Run(zone+"/SpringForward", func(t *testing.T) {
			// Summer time starts Sunday 2026-03-29.
			got := s.Occurrences(time.Date(2026, 3, 20, 0, 0, 0, 0, loc), 3)
			want := []string{
				"2026-03-24 18:00 +01:00",
				"2026-03-31 18:00 +02:00",
				"2026-04-07 18:00 +02:00",
			}
			if !reflect.DeepEqual(localStarts(got), want) {
				t.Fatalf("got %v, want %v", localStarts(got), want)
			}
			if h := got[0].Start.UTC().Hour(); h != 17 {
				t.Errorf("24 March starts %d:00 UTC, want 17:00", h)
			}
			if h := got[1].Start.UTC().Hour(); h != 16 {
				t.Errorf("31 March starts %d:00 UTC, want 16:00", h)
			}
			for _, o := range got {
				if o.Start.Location().String() != loc.String() {
					t.Errorf("occurrence in %v, want %v", o.Start.Location(), loc)
				}
				if d := o.End.Sub(o.Start); d != 2*time.Hour {
					t.Errorf("%v lasts %v, want 2h", o.Start, d)
				}
				if o.End.Hour() != 20 {
					t.Errorf("%v ends %v, want 20:00 local", o.Start, o.End)
				}
			}
		})
		t.Run(zone+"/FallBack", func(t *testing.T) {
			// Summer time ends Sunday 2026-10-25.
			got := s.Occurrences(time.Date(2026, 10, 14, 0, 0, 0, 0, loc), 3)
			want := []string{
				"2026-10-20 18:00 +02:00",
				"2026-10-27 18:00 +01:00",
				"2026-11-03 18:00 +01:00",
			}
			if !reflect.DeepEqual(localStarts(got), want) {
				t.Fatalf("got %v, want %v", localStarts(got), want)
			}
			if h := got[0].Start.UTC().Hour(); h != 16 {
				t.Errorf("20 October starts %d:00 UTC, want 16:00", h)
			}
			if h := got[1].Start.UTC().Hour(); h != 17 {
				t.Errorf("27 October starts %d:00 UTC, want 17:00", h)
			}
		})
	}
}

func TestOccurrencesOnTheNightOfTheChange(t *testing.T) {
	// Sunday morning 01:30–02:30 on both change days: the wall clock is kept
	// wherever it exists, and nothing breaks inside the gap.
	loc := mustZone(t, "Europe/Oslo")
	s := Schedule{
		Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=SU",
		StartDate: "2026-03-22", StartTime: "01:30", EndTime: "02:30",
	}
	got := s.Occurrences(time.Date(2026, 3, 21, 0, 0, 0, 0, loc), 3)
	if len(got) != 3 {
		t.Fatalf("got %d occurrences", len(got))
	}
	if got[1].Start.Format("2006-01-02 15:04 -07:00") != "2026-03-29 01:30 +01:00" {
		t.Errorf("start on change day = %v", got[1].Start)
	}
	if !got[1].End.After(got[1].Start) && !got[1].End.Equal(got[1].Start) {
		t.Errorf("end %v before start %v", got[1].End, got[1].Start)
	}
	if got[2].Start.Format("15:04") != "01:30" {
		t.Errorf("week after = %v", got[2].Start)
	}
}

func TestOccurrences(t *testing.T) {
	oslo := mustZone(t, "Europe/Oslo")
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, oslo) }
	tests := []struct {
		name string
		s    Schedule
		from time.Time
		n    int
		want []string
	}{
		{
			name: "ExceptionDatesSkipped",
			s: func() Schedule {
				s := weeklyTuesday("Europe/Oslo")
				s.Except = []string{"2026-02-17", "2026-03-03"}
				return s
			}(),
			from: at(2026, 2, 9, 0, 0), n: 4,
			want: []string{"2026-02-10 18:00 +01:00", "2026-02-24 18:00 +01:00", "2026-03-10 18:00 +01:00", "2026-03-17 18:00 +01:00"},
		},
		{
			name: "EndDateInclusive",
			s: func() Schedule {
				s := weeklyTuesday("Europe/Oslo")
				s.EndDate = "2026-06-16"
				return s
			}(),
			from: at(2026, 6, 1, 0, 0), n: 5,
			want: []string{"2026-06-02 18:00 +02:00", "2026-06-09 18:00 +02:00", "2026-06-16 18:00 +02:00"},
		},
		{
			name: "EndDatePassed",
			s: func() Schedule {
				s := weeklyTuesday("Europe/Oslo")
				s.EndDate = "2026-06-16"
				return s
			}(),
			from: at(2026, 6, 16, 20, 0), n: 5,
			want: nil,
		},
		{
			name: "NotBeforeStartDate",
			s:    weeklyTuesday("Europe/Oslo"),
			from: at(2025, 12, 1, 0, 0), n: 2,
			want: []string{"2026-01-06 18:00 +01:00", "2026-01-13 18:00 +01:00"},
		},
		{
			name: "StartDateNotOnRuleDay",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU,TH",
				StartDate: "2026-01-07", StartTime: "18:00", EndTime: "20:00"},
			from: at(2026, 1, 1, 0, 0), n: 3,
			want: []string{"2026-01-08 18:00 +01:00", "2026-01-13 18:00 +01:00", "2026-01-15 18:00 +01:00"},
		},
		{
			name: "InProgressAtFromIncluded",
			s:    weeklyTuesday("Europe/Oslo"),
			from: at(2026, 1, 13, 19, 30), n: 2,
			want: []string{"2026-01-13 18:00 +01:00", "2026-01-20 18:00 +01:00"},
		},
		{
			name: "EndedExactlyAtFromExcluded",
			s:    weeklyTuesday("Europe/Oslo"),
			from: at(2026, 1, 13, 20, 0), n: 1,
			want: []string{"2026-01-20 18:00 +01:00"},
		},
		{
			name: "FromInOtherZone",
			s:    weeklyTuesday("Europe/Oslo"),
			from: time.Date(2026, 1, 13, 18, 59, 0, 0, time.UTC), // 19:59 in Oslo
			n:    1,
			want: []string{"2026-01-13 18:00 +01:00"},
		},
		{
			name: "MonthlyFirstSaturday",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=MONTHLY;BYDAY=1SA",
				StartDate: "2026-01-01", StartTime: "12:00", EndTime: "15:00"},
			from: at(2026, 1, 1, 0, 0), n: 6,
			want: []string{"2026-01-03 12:00 +01:00", "2026-02-07 12:00 +01:00", "2026-03-07 12:00 +01:00",
				"2026-04-04 12:00 +02:00", "2026-05-02 12:00 +02:00", "2026-06-06 12:00 +02:00"},
		},
		{
			name: "MonthlyLastFriday",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Stockholm", RRule: "FREQ=MONTHLY;BYDAY=-1FR",
				StartDate: "2026-01-01", StartTime: "17:00", EndTime: "19:00"},
			from: at(2026, 1, 1, 0, 0), n: 3,
			want: []string{"2026-01-30 17:00 +01:00", "2026-02-27 17:00 +01:00", "2026-03-27 17:00 +01:00"},
		},
		{
			name: "MonthlyByStartDay",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Copenhagen", RRule: "FREQ=MONTHLY",
				StartDate: "2026-01-15", StartTime: "10:00", EndTime: "11:00"},
			from: at(2026, 1, 1, 0, 0), n: 2,
			want: []string{"2026-01-15 10:00 +01:00", "2026-02-15 10:00 +01:00"},
		},
		{
			name: "EveryOtherWeek",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
				StartDate: "2026-01-07", StartTime: "17:00", EndTime: "18:30"},
			from: at(2026, 1, 1, 0, 0), n: 3,
			want: []string{"2026-01-07 17:00 +01:00", "2026-01-21 17:00 +01:00", "2026-02-04 17:00 +01:00"},
		},
		{
			name: "EveryOtherWeekLongAfterStart",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
				StartDate: "2016-01-06", StartTime: "17:00", EndTime: "18:30"},
			// 2026-03-11 is 531 weeks after 2016-01-06, 2026-03-18 is 532:
			// the fortnight is kept across ten years.
			from: at(2026, 3, 5, 0, 0), n: 2,
			want: []string{"2026-03-18 17:00 +01:00", "2026-04-01 17:00 +02:00"},
		},
		{
			name: "DailySummerCamp",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=DAILY",
				StartDate: "2026-06-29", EndDate: "2026-07-01", StartTime: "09:00", EndTime: "15:00"},
			from: at(2026, 6, 1, 0, 0), n: 10,
			want: []string{"2026-06-29 09:00 +02:00", "2026-06-30 09:00 +02:00", "2026-07-01 09:00 +02:00"},
		},
		{
			name: "CountLimitsOccurrences",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;COUNT=2",
				StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00"},
			from: at(2026, 1, 1, 0, 0), n: 5,
			want: []string{"2026-01-06 18:00 +01:00", "2026-01-13 18:00 +01:00"},
		},
		{
			name: "UntilDateIncludesThatDay",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260113",
				StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00"},
			from: at(2026, 1, 1, 0, 0), n: 5,
			want: []string{"2026-01-06 18:00 +01:00", "2026-01-13 18:00 +01:00"},
		},
		{
			name: "UntilUTC",
			s: Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260113T165959Z",
				StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00"},
			from: at(2026, 1, 1, 0, 0), n: 5,
			want: []string{"2026-01-06 18:00 +01:00"},
		},
		{
			name: "OneOff",
			s: Schedule{Kind: ScheduleOnce, Zone: "Europe/Oslo", StartDate: "2026-05-17",
				StartTime: "10:00", EndTime: "14:00"},
			from: at(2026, 5, 1, 0, 0), n: 3,
			want: []string{"2026-05-17 10:00 +02:00"},
		},
		{
			name: "OneOffInProgress",
			s: Schedule{Kind: ScheduleOnce, Zone: "Europe/Oslo", StartDate: "2026-05-17",
				StartTime: "10:00", EndTime: "14:00"},
			from: at(2026, 5, 17, 13, 59), n: 3,
			want: []string{"2026-05-17 10:00 +02:00"},
		},
		{
			name: "OneOffOver",
			s: Schedule{Kind: ScheduleOnce, Zone: "Europe/Oslo", StartDate: "2026-05-17",
				StartTime: "10:00", EndTime: "14:00"},
			from: at(2026, 5, 17, 14, 0), n: 3,
			want: nil,
		},
		{
			name: "InvalidScheduleGivesNothing",
			s:    Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=HOURLY", StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00"},
			from: at(2026, 1, 1, 0, 0), n: 3,
			want: nil,
		},
		{
			name: "ZeroN",
			s:    weeklyTuesday("Europe/Oslo"),
			from: at(2026, 1, 1, 0, 0), n: 0,
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s.Occurrences(tt.from, tt.n)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(localStarts(got), tt.want) {
				t.Errorf("got %v\nwant %v", localStarts(got), tt.want)
			}
		})
	}
}

// TestOccurrencesSkipAheadMatchesFullExpansion checks that skipping whole
// past periods gives exactly what walking from the start date gives.
func TestOccurrencesSkipAheadMatchesFullExpansion(t *testing.T) {
	rules := []string{
		"FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=WEEKLY;INTERVAL=3",
		"FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,SA", "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3",
		"FREQ=DAILY;BYDAY=MO,WE,FR", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYMONTHDAY=-1",
	}
	loc := mustZone(t, "Europe/Oslo")
	for _, rule := range rules {
		s := Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: rule,
			StartDate: "2024-02-29", StartTime: "18:00", EndTime: "19:00", Except: []string{"2026-03-10"}}
		all := s.Occurrences(time.Time{}, 2000)
		for _, from := range []time.Time{
			time.Date(2026, 3, 9, 18, 30, 0, 0, loc),
			time.Date(2026, 3, 10, 18, 30, 0, 0, loc),
			time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC),
			time.Date(2024, 3, 1, 0, 0, 0, 0, loc),
		} {
			var want []Occurrence
			for _, o := range all {
				if o.End.After(from) && len(want) < 5 {
					want = append(want, o)
				}
			}
			got := s.Occurrences(from, 5)
			if !reflect.DeepEqual(localStarts(got), localStarts(want)) {
				t.Errorf("%s from %v:\n got %v\nwant %v", rule, from, localStarts(got), localStarts(want))
			}
		}
	}
}

func TestOccurrencesBoundedWork(t *testing.T) {
	s := Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=MONTHLY;BYMONTHDAY=1",
		StartDate: "1970-01-01", StartTime: "10:00", EndTime: "11:00"}
	start := time.Now()
	got := s.Occurrences(time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC), 3)
	if len(got) != 0 {
		t.Errorf("past the work cap: got %v", localStarts(got))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d) // a guard against a hang, not a timing assertion
	}
	// A rule that has ended gives nothing, quickly.
	s.RRule = "FREQ=DAILY;COUNT=3"
	if got := s.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 3); len(got) != 0 {
		t.Errorf("ended rule: got %v", localStarts(got))
	}
}

func TestNextOccurrences(t *testing.T) {
	oslo := mustZone(t, "Europe/Oslo")
	tue := weeklyTuesday("Europe/Oslo")
	thu := Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TH",
		StartDate: "2026-01-01", StartTime: "12:00", EndTime: "14:00"}
	once := Schedule{Kind: ScheduleOnce, Zone: "Europe/Oslo", StartDate: "2026-01-14",
		StartTime: "10:00", EndTime: "12:00"}
	dup := tue
	got := NextOccurrences([]Schedule{thu, tue, once, dup, {Kind: "bogus"}}, time.Date(2026, 1, 12, 0, 0, 0, 0, oslo), 5)
	want := []string{
		"2026-01-13 18:00 +01:00", "2026-01-14 10:00 +01:00", "2026-01-15 12:00 +01:00",
		"2026-01-20 18:00 +01:00", "2026-01-22 12:00 +01:00",
	}
	if !reflect.DeepEqual(localStarts(got), want) {
		t.Errorf("got %v\nwant %v", localStarts(got), want)
	}
	if got := NextOccurrences(nil, time.Now(), 5); len(got) != 0 {
		t.Errorf("no schedules: %v", got)
	}
	if got := NextOccurrences([]Schedule{tue}, time.Now(), 0); got != nil {
		t.Errorf("n=0: %v", got)
	}
}

func TestWeekdays(t *testing.T) {
	all := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	rec := func(rule, start, end string) Schedule {
		return Schedule{Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: rule,
			StartDate: start, EndDate: end, StartTime: "18:00", EndTime: "20:00"}
	}
	tests := []struct {
		name string
		s    Schedule
		want []time.Weekday
	}{
		{"WeeklyByDay", rec("FREQ=WEEKLY;BYDAY=TU", "2026-01-01", ""), []time.Weekday{time.Tuesday}},
		{"WeeklySundayLast", rec("FREQ=WEEKLY;BYDAY=SU,MO,FR", "2026-01-01", ""), []time.Weekday{time.Monday, time.Friday, time.Sunday}},
		{"WeeklyFromStartDate", rec("FREQ=WEEKLY", "2026-01-07", ""), []time.Weekday{time.Wednesday}},
		{"MonthlyNthDay", rec("FREQ=MONTHLY;BYDAY=1SA", "2026-01-01", ""), []time.Weekday{time.Saturday}},
		{"MonthlyByMonthDay", rec("FREQ=MONTHLY;BYMONTHDAY=15", "2026-01-01", ""), all},
		{"MonthlyFromStartDate", rec("FREQ=MONTHLY", "2026-01-15", ""), all},
		{"Daily", rec("FREQ=DAILY", "2026-01-01", ""), all},
		{"DailyWeekdays", rec("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "2026-01-01", ""), all[:5]},
		{"DailyEverySeventhDay", rec("FREQ=DAILY;INTERVAL=7", "2026-01-01", ""), []time.Weekday{time.Thursday}},
		{"DailyThreeDayCamp", rec("FREQ=DAILY", "2026-06-29", "2026-07-01"), []time.Weekday{time.Monday, time.Tuesday, time.Wednesday}},
		{"ShortCount", rec("FREQ=DAILY;COUNT=2", "2026-01-03", ""), []time.Weekday{time.Saturday, time.Sunday}},
		{"OneOff", Schedule{Kind: ScheduleOnce, Zone: "Europe/Oslo", StartDate: "2026-05-17", StartTime: "10:00", EndTime: "14:00"}, []time.Weekday{time.Sunday}},
		{"Invalid", rec("FREQ=YEARLY", "2026-01-01", ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.s.Weekdays()
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseRule(t *testing.T) {
	valid := []string{
		"FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU", "freq=weekly;byday=tu", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;",
		"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=SU", "FREQ=MONTHLY;BYDAY=1SA", "FREQ=MONTHLY;BYDAY=+2TU",
		"FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYMONTHDAY=1,15", "FREQ=MONTHLY;BYMONTHDAY=-1",
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=2", "FREQ=DAILY;BYDAY=MO,TU", "FREQ=WEEKLY;COUNT=10",
		"FREQ=WEEKLY;UNTIL=20261231", "FREQ=WEEKLY;UNTIL=20261231T200000", "FREQ=WEEKLY;UNTIL=20261231T190000Z",
		"FREQ=WEEKLY;COUNT=1000", "FREQ=WEEKLY;INTERVAL=52",
	}
	for _, r := range valid {
		if _, err := parseRule(r, time.UTC); err != nil {
			t.Errorf("parseRule(%q): %v", r, err)
		}
	}
	invalid := []string{
		"", "WEEKLY", "BYDAY=TU", "FREQ=YEARLY", "FREQ=HOURLY", "FREQ=SECONDLY", "FREQ=FORTNIGHTLY",
		"FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=1TU", "FREQ=WEEKLY;BYDAY=", "FREQ=WEEKLY;BYDAY=TU;BYDAY=WE",
		"FREQ=MONTHLY;BYDAY=5SA", "FREQ=MONTHLY;BYDAY=-5SA", "FREQ=MONTHLY;BYDAY=0SA",
		"FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=0", "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=MO",
		"FREQ=WEEKLY;BYMONTHDAY=1", "FREQ=DAILY;INTERVAL=7;BYDAY=TU", "FREQ=DAILY;BYDAY=1TU",
		"FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=53", "FREQ=WEEKLY;INTERVAL=x",
		"FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;COUNT=1001", "FREQ=WEEKLY;COUNT=5;UNTIL=20261231",
		"FREQ=WEEKLY;UNTIL=2026-12-31", "FREQ=WEEKLY;UNTIL=20261332",
		"DTSTART:20260101T180000\nRRULE:FREQ=WEEKLY", "FREQ=WEEKLY;DTSTART=20260101T180000",
		"FREQ=WEEKLY;BYHOUR=18", "FREQ=MONTHLY;BYMONTH=1", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
		"FREQ=WEEKLY;BYDAY=TU WE", "FREQ=WEEKLY;;BYDAY=TU", "FREQ=WEEKLY;WKST=XX", "FREQ==WEEKLY",
	}
	for _, r := range invalid {
		if _, err := parseRule(r, time.UTC); err == nil {
			t.Errorf("parseRule(%q) accepted, want error", r)
		}
	}
}

func validSchedule() Schedule {
	return Schedule{
		Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU",
		StartDate: "2026-01-06", EndDate: "2026-06-16", StartTime: "18:00", EndTime: "20:00",
		Except: []string{"2026-02-17"},
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Schedule)
		want   map[string]string // nil: valid
	}{
		{"Valid", func(s *Schedule) {}, nil},
		{"ValidOpenEnded", func(s *Schedule) { s.EndDate = "" }, nil},
		{"ValidOneOff", func(s *Schedule) { s.Kind, s.RRule, s.EndDate, s.Except = ScheduleOnce, "", "", nil }, nil},
		{"ValidOneOffSameEndDate", func(s *Schedule) { s.Kind, s.RRule, s.EndDate = ScheduleOnce, "", s.StartDate }, nil},
		{"ValidCopenhagen", func(s *Schedule) { s.Zone = "Europe/Copenhagen" }, nil},
		{"ValidStockholm", func(s *Schedule) { s.Zone = "Europe/Stockholm" }, nil},
		{"ValidEndDateIsStartDate", func(s *Schedule) { s.EndDate = s.StartDate }, nil},
		{"ErrKind", func(s *Schedule) { s.Kind = "weekly" }, map[string]string{"kind": "validation.choice"}},
		{"ErrKindEmpty", func(s *Schedule) { s.Kind = "" }, map[string]string{"kind": "validation.choice"}},
		{"ErrZoneEmpty", func(s *Schedule) { s.Zone = "" }, map[string]string{"zone": "validation.schedule.zone"}},
		{"ErrZoneNotNordic", func(s *Schedule) { s.Zone = "Europe/Berlin" }, map[string]string{"zone": "validation.schedule.zone"}},
		{"ErrZoneUnknown", func(s *Schedule) { s.Zone = "Europe/Bergen" }, map[string]string{"zone": "validation.schedule.zone"}},
		{"ErrZoneUTC", func(s *Schedule) { s.Zone = "UTC" }, map[string]string{"zone": "validation.schedule.zone"}},
		{"ErrRRuleRequired", func(s *Schedule) { s.RRule = "" }, map[string]string{"rrule": "validation.schedule.rrule"}},
		{"ErrRRuleYearly", func(s *Schedule) { s.RRule = "FREQ=YEARLY" }, map[string]string{"rrule": "validation.schedule.rrule"}},
		{"ErrRRuleGarbage", func(s *Schedule) { s.RRule = "every tuesday" }, map[string]string{"rrule": "validation.schedule.rrule"}},
		{"ErrRRuleWithBadZoneToo", func(s *Schedule) { s.RRule, s.Zone = "FREQ=HOURLY", "Mars/Olympus" },
			map[string]string{"rrule": "validation.schedule.rrule", "zone": "validation.schedule.zone"}},
		{"ErrOneOffWithRule", func(s *Schedule) { s.Kind, s.EndDate = ScheduleOnce, "" }, map[string]string{"rrule": "validation.schedule.once"}},
		{"ErrOneOffOverDays", func(s *Schedule) { s.Kind, s.RRule = ScheduleOnce, "" }, map[string]string{"end_date": "validation.schedule.once"}},
		{"ErrStartDateRequired", func(s *Schedule) { s.StartDate = "" }, map[string]string{"start_date": "validation.required"}},
		{"ErrStartDateNotReal", func(s *Schedule) { s.StartDate = "2026-02-30" }, map[string]string{"start_date": "validation.date"}},
		{"ErrStartDateFormat", func(s *Schedule) { s.StartDate = "06.01.2026" }, map[string]string{"start_date": "validation.date"}},
		{"ErrStartDateShort", func(s *Schedule) { s.StartDate = "2026-1-6" }, map[string]string{"start_date": "validation.date"}},
		{"ErrStartDateTypoYear", func(s *Schedule) { s.StartDate = "0226-01-06" }, map[string]string{"start_date": "validation.date"}},
		{"ErrEndDateNotReal", func(s *Schedule) { s.EndDate = "2026-13-01" }, map[string]string{"end_date": "validation.date"}},
		{"ErrEndDateBeforeStart", func(s *Schedule) { s.EndDate = "2026-01-05" }, map[string]string{"end_date": "validation.end_before_start"}},
		{"ErrStartTimeRequired", func(s *Schedule) { s.StartTime = "" }, map[string]string{"start_time": "validation.required"}},
		{"ErrStartTime12h", func(s *Schedule) { s.StartTime = "6:00 PM" }, map[string]string{"start_time": "validation.time"}},
		{"ErrStartTime24", func(s *Schedule) { s.StartTime = "24:00" }, map[string]string{"start_time": "validation.time"}},
		{"ErrStartTimeDot", func(s *Schedule) { s.StartTime = "18.00" }, map[string]string{"start_time": "validation.time"}},
		{"ErrEndTimeRequired", func(s *Schedule) { s.EndTime = "" }, map[string]string{"end_time": "validation.required"}},
		{"ErrEndTimeMinutes", func(s *Schedule) { s.EndTime = "20:60" }, map[string]string{"end_time": "validation.time"}},
		{"ErrEndTimeBeforeStart", func(s *Schedule) { s.EndTime = "17:00" }, map[string]string{"end_time": "validation.end_before_start"}},
		{"ErrEndTimeEqualsStart", func(s *Schedule) { s.EndTime = "18:00" }, map[string]string{"end_time": "validation.end_before_start"}},
		{"ErrEndTimeAfterMidnight", func(s *Schedule) { s.EndTime = "00:30" }, map[string]string{"end_time": "validation.end_before_start"}},
		{"ErrExceptDate", func(s *Schedule) { s.Except = []string{"2026-02-17", "17.02.2026"} }, map[string]string{"except": "validation.date"}},
		{"ErrTooManyExcept", func(s *Schedule) {
			s.Except = nil
			d := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := 0; i <= maxScheduleExcept; i++ {
				s.Except = append(s.Except, d.AddDate(0, 0, i).Format(time.DateOnly))
			}
		}, map[string]string{"except": "validation.too_many"}},
		{"ErrNeverBetweenDates", func(s *Schedule) { s.StartDate, s.EndDate = "2026-01-07", "2026-01-12" },
			map[string]string{"rrule": "validation.schedule.never"}},
		{"ErrNeverUntilBeforeStart", func(s *Schedule) { s.RRule = "FREQ=WEEKLY;UNTIL=20251231" },
			map[string]string{"rrule": "validation.schedule.never"}},
		{"ErrNeverAllExcepted", func(s *Schedule) { s.RRule, s.Except = "FREQ=WEEKLY;COUNT=1", []string{"2026-01-06"} },
			map[string]string{"rrule": "validation.schedule.never"}},
		{"ErrOneOffExcepted", func(s *Schedule) { s.Kind, s.RRule, s.EndDate, s.Except = ScheduleOnce, "", "", []string{"2026-01-06"} },
			map[string]string{"except": "validation.schedule.never"}},
		{"ErrSeveral", func(s *Schedule) { s.Zone, s.StartTime, s.EndDate = "", "x", "2025-01-01" }, map[string]string{
			"zone": "validation.schedule.zone", "start_time": "validation.time", "end_date": "validation.end_before_start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchedule()
			tt.modify(&s)
			checkFields(t, s.Validate(), tt.want)
		})
	}
}

// checkFields fails unless err carries exactly the wanted field messages
// (nil want: err must be nil).
func checkFields(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	e := broen.AsError(err)
	if e == nil {
		t.Fatalf("error = %v, want *broen.Error with fields %v", err, want)
	}
	if e.Code != broen.EINVALID || e.MessageID != "validation.invalid" {
		t.Errorf("code %q message %q, want invalid / validation.invalid", e.Code, e.MessageID)
	}
	if !reflect.DeepEqual(e.Fields, want) {
		t.Errorf("fields:\n got %v\nwant %v", e.Fields, want)
	}
}

func TestScheduleNormalize(t *testing.T) {
	s := Schedule{
		Kind: " Recurring ", Zone: " Europe/Oslo ", RRule: " rrule:freq=weekly;byday=tu; ",
		StartDate: " 2026-01-06 ", StartTime: "9.30", EndTime: "11.00 ",
		Except: []string{"2026-03-03", " 2026-02-17", "2026-03-03", ""},
	}
	s.Normalize()
	want := Schedule{
		Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU",
		StartDate: "2026-01-06", StartTime: "09:30", EndTime: "11:00",
		Except: []string{"2026-02-17", "2026-03-03"},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %#v\nwant %#v", s, want)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("normalised schedule invalid: %v", err)
	}
}

func ExampleSchedule_Occurrences() {
	s := Schedule{
		Kind: ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU",
		StartDate: "2026-01-06", StartTime: "18:00", EndTime: "20:00",
	}
	for _, o := range s.Occurrences(time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC), 2) {
		fmt.Println(o.Start.Format("Mon 2006-01-02 15:04 MST"), "to", o.End.Format("15:04"))
	}
	// Output:
	// Tue 2026-03-24 18:00 CET to 20:00
	// Tue 2026-03-31 18:00 CEST to 20:00
}
