package demo

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"broen/registry"
)

// The school year 2026/27 in Drammen: school starts in week 34, the autumn
// break is week 40, the Christmas break runs from 22 December to New Year's
// Day, the winter break is week 8 and the Easter break the week before
// Easter Monday. Public holidays close most activities too.
const (
	seasonStart = "2026-08-17" // Monday of week 34
	seasonEnd   = "2027-06-18" // the last school day before summer
	seasonLast  = "2027-06-30" // how far exceptions are listed for open-ended schedules
)

// holidays maps each closed date to whether it is a school break (true) or
// a public holiday or Christmas (false): meeting places that stay open in
// school breaks still close on those.
var holidays = func() map[string]bool {
	m := map[string]bool{}
	span := func(from, to string, school bool) {
		d, e := mustDate(from), mustDate(to)
		for ; !d.After(e); d = d.AddDate(0, 0, 1) {
			m[d.Format(time.DateOnly)] = school
		}
	}
	span("2026-09-28", "2026-10-02", true)  // autumn break, week 40
	span("2027-02-22", "2027-02-26", true)  // winter break, week 8
	span("2027-03-22", "2027-03-24", true)  // Easter break before Maundy Thursday
	span("2026-12-22", "2027-01-01", false) // Christmas break
	for _, d := range []string{
		"2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", // Easter
		"2027-05-01", "2027-05-06", "2027-05-16", "2027-05-17", // 1 May, Ascension, Whitsun, Constitution Day and Whit Monday
	} {
		m[d] = false
	}
	return m
}()

// pause says which holidays a recurring schedule skips.
type pause int

const (
	pauseSchool pause = iota // school breaks, Christmas and public holidays
	pauseOpen                // Christmas and public holidays only
	pauseNever               // runs whatever the date
)

func mustDate(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic("demo: bad date " + s)
	}
	return d
}

var rruleDay = map[string]time.Weekday{
	"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday,
	"FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday,
}

// dayCodes are the RRULE weekday codes indexed by time.Weekday.
var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// when is a schedule written the short way:
//
//	"TU 18:00-20:00"           every Tuesday
//	"TU,TH 17:30-19:00"        every Tuesday and Thursday
//	"2W WE 18:00-20:00"        every other Wednesday
//	"1SA 11:00-14:00"          the first Saturday of the month (-1FR: the last Friday)
//	"2026-12-05 12:00-15:00"   once
type when string

// schedule expands w into a registry.Schedule that starts on the first
// matching day on or after from, ends on end ("" for open-ended) and skips
// the holidays p says.
func (w when) schedule(from time.Time, end string, p pause) registry.Schedule {
	fields := strings.Fields(string(w))
	if len(fields) < 2 {
		panic(fmt.Sprintf("demo: bad schedule %q", w))
	}
	clock := fields[len(fields)-1]
	startTime, endTime, ok := strings.Cut(clock, "-")
	if !ok {
		panic(fmt.Sprintf("demo: bad times in %q", w))
	}
	s := registry.Schedule{Zone: Zone, StartTime: startTime, EndTime: endTime}

	if d, err := time.Parse(time.DateOnly, fields[0]); err == nil {
		s.Kind = registry.ScheduleOnce
		s.StartDate = d.Format(time.DateOnly)
		return s
	}

	s.Kind = registry.ScheduleRecurring
	interval := 1
	days := fields[0]
	if strings.HasSuffix(fields[0], "W") && len(fields) == 3 {
		n, err := strconv.Atoi(strings.TrimSuffix(fields[0], "W"))
		if err != nil {
			panic(fmt.Sprintf("demo: bad interval in %q", w))
		}
		interval, days = n, fields[1]
	}

	var match func(time.Time) bool
	if c := days[len(days)-2:]; len(days) > 2 && !strings.Contains(days, ",") {
		// Monthly, by the nth weekday of the month.
		n, err := strconv.Atoi(days[:len(days)-2])
		wd, okDay := rruleDay[c]
		if err != nil || !okDay || n == 0 || n < -4 || n > 4 {
			panic(fmt.Sprintf("demo: bad monthly day in %q", w))
		}
		s.RRule = "FREQ=MONTHLY;BYDAY=" + days
		match = func(d time.Time) bool { return d.Weekday() == wd && nthInMonth(d, n) }
		// A monthly meeting starts in the month it is planned for, not
		// the next one because the first Saturday was a day too early.
		if first := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); first.After(mustDate(seasonStart)) {
			from = first
		}
	} else {
		set := map[time.Weekday]bool{}
		for _, c := range strings.Split(days, ",") {
			wd, okDay := rruleDay[c]
			if !okDay {
				panic(fmt.Sprintf("demo: bad weekday in %q", w))
			}
			set[wd] = true
		}
		s.RRule = "FREQ=WEEKLY;BYDAY=" + days
		if interval > 1 {
			s.RRule = "FREQ=WEEKLY;INTERVAL=" + strconv.Itoa(interval) + ";BYDAY=" + days
		}
		var firstMonday time.Time
		match = func(d time.Time) bool {
			if !set[d.Weekday()] {
				return false
			}
			if interval == 1 {
				return true
			}
			monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
			if firstMonday.IsZero() {
				firstMonday = monday
			}
			weeks := int(monday.Sub(firstMonday).Hours()/24) / 7
			return weeks%interval == 0
		}
	}

	d := from
	for !match(d) {
		d = d.AddDate(0, 0, 1)
	}
	s.StartDate = d.Format(time.DateOnly)
	s.EndDate = end

	last := end
	if last == "" {
		last = seasonLast
	}
	if p != pauseNever {
		stop := mustDate(last)
		for ; !d.After(stop); d = d.AddDate(0, 0, 1) {
			if !match(d) {
				continue
			}
			day := d.Format(time.DateOnly)
			if school, closed := holidays[day]; closed && (p == pauseSchool || !school) {
				s.Except = append(s.Except, day)
			}
		}
	}
	return s
}

// nthInMonth reports whether d is the nth of its weekday in its month
// (n = -1: the last).
func nthInMonth(d time.Time, n int) bool {
	if n > 0 {
		return (d.Day()-1)/7 == n-1
	}
	daysInMonth := time.Date(d.Year(), d.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return (daysInMonth-d.Day())/7 == -n-1
}
