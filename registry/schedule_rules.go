package registry

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	// Schedules must work on hosts without a zoneinfo database (scratch and
	// distroless images), so the zone data is compiled into the binary.
	_ "time/tzdata"

	"github.com/teambition/rrule-go"

	"broen"
)

// ScheduleZones are the IANA zones a schedule may be in.
var ScheduleZones = []string{"Europe/Oslo", "Europe/Copenhagen", "Europe/Stockholm"}

// CountryZone returns the schedule zone of a country (NO, DK, SE), or "" for
// any other.
func CountryZone(country string) string {
	switch country {
	case "NO":
		return "Europe/Oslo"
	case "DK":
		return "Europe/Copenhagen"
	case "SE":
		return "Europe/Stockholm"
	}
	return ""
}

// Limits that keep schedules sensible and the work to expand them bounded.
const (
	maxScheduleExcept     = 500   // exception dates on one schedule
	maxRuleInterval       = 52    // INTERVAL=52: once a year at most
	maxRuleCount          = 1000  // COUNT
	maxScheduleCandidates = 20000 // rule results examined by one Occurrences call
	minScheduleYear       = 1970
	maxScheduleYear       = 2199
)

var (
	zoneCacheMu sync.Mutex
	zoneCache   = map[string]*time.Location{}
)

// scheduleZone loads name if it is one of ScheduleZones.
func scheduleZone(name string) (*time.Location, error) {
	allowed := false
	for _, z := range ScheduleZones {
		if z == name {
			allowed = true
			break
		}
	}
	if !allowed {
		return nil, fmt.Errorf("zone %q is not one of %v", name, ScheduleZones)
	}
	zoneCacheMu.Lock()
	defer zoneCacheMu.Unlock()
	if loc, ok := zoneCache[name]; ok {
		return loc, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zoneCache[name] = loc
	return loc, nil
}

// parseDate parses a civil date "2026-01-06" into midnight UTC of that day.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Year() < minScheduleYear || d.Year() > maxScheduleYear {
		return time.Time{}, false
	}
	return d, true
}

// parseClock parses a 24-hour wall-clock time "18:00" into minutes after midnight.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' || !allDigits(s[:2]) || !allDigits(s[3:]) {
		return 0, false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// ruleSpec is a recurrence rule in the subset Broen accepts.
type ruleSpec struct {
	freq       rrule.Frequency
	interval   int // ≥ 1
	count      int // 0: no COUNT
	until      time.Time
	wkst       rrule.Weekday
	byday      []rrule.Weekday
	bymonthday []int
}

var (
	plainDayRE   = regexp.MustCompile(`^(MO|TU|WE|TH|FR|SA|SU)$`)
	ordinalDayRE = regexp.MustCompile(`^([+-]?[1-4])?(MO|TU|WE|TH|FR|SA|SU)$`)
	rruleDays    = map[string]rrule.Weekday{
		"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH,
		"FR": rrule.FR, "SA": rrule.SA, "SU": rrule.SU,
	}
)

// NormalizeRRule returns the rule text trimmed, upper-cased, without an
// "RRULE:" prefix or a trailing semicolon.
func NormalizeRRule(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "RRULE:")
	return strings.TrimSuffix(s, ";")
}

// parseRule parses an RFC 5545 RRULE value in the subset Broen supports:
//
//   - FREQ=DAILY, WEEKLY or MONTHLY (required);
//   - INTERVAL 1–52; COUNT 1–1000; UNTIL (a date, a local date-time, or UTC
//     with Z), not together with COUNT; WKST;
//   - BYDAY: weekdays for DAILY (only with INTERVAL 1) and WEEKLY; for
//     MONTHLY also with an ordinal 1–4 or -1 to -4 (1SA: first Saturday,
//     -1FR: last Friday);
//   - BYMONTHDAY 1–28 or -1 to -28 for MONTHLY, not together with BYDAY.
//
// Everything else (DTSTART, BYMONTH, BYSETPOS, BYHOUR, ...) is rejected: the
// start comes from the schedule's dates and times, and the subset guarantees
// that every rule keeps producing dates, so expanding one is bounded work.
// A date-only UNTIL includes the whole of that day in loc.
func parseRule(text string, loc *time.Location) (ruleSpec, error) {
	r := ruleSpec{interval: 1, wkst: rrule.MO}
	text = NormalizeRRule(text)
	if text == "" {
		return r, errors.New("empty rule")
	}
	if strings.ContainsAny(text, " \t\r\n") {
		return r, errors.New("space in rule")
	}
	seen := map[string]bool{}
	var freqSet bool
	var bydayText []string
	for _, part := range strings.Split(text, ";") {
		key, value, ok := strings.Cut(part, "=")
		if !ok || key == "" || value == "" || strings.Contains(value, "=") {
			return r, fmt.Errorf("malformed part %q", part)
		}
		if seen[key] {
			return r, fmt.Errorf("%s given twice", key)
		}
		seen[key] = true
		switch key {
		case "FREQ":
			switch value {
			case "DAILY":
				r.freq = rrule.DAILY
			case "WEEKLY":
				r.freq = rrule.WEEKLY
			case "MONTHLY":
				r.freq = rrule.MONTHLY
			default:
				return r, fmt.Errorf("unsupported FREQ %q", value)
			}
			freqSet = true
		case "INTERVAL":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > maxRuleInterval {
				return r, fmt.Errorf("INTERVAL %q not in 1..%d", value, maxRuleInterval)
			}
			r.interval = n
		case "COUNT":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > maxRuleCount {
				return r, fmt.Errorf("COUNT %q not in 1..%d", value, maxRuleCount)
			}
			r.count = n
		case "UNTIL":
			t, err := parseUntil(value, loc)
			if err != nil {
				return r, err
			}
			r.until = t
		case "WKST":
			wd, ok := rruleDays[value]
			if !ok {
				return r, fmt.Errorf("WKST %q", value)
			}
			r.wkst = wd
		case "BYDAY":
			bydayText = strings.Split(value, ",")
		case "BYMONTHDAY":
			for _, v := range strings.Split(value, ",") {
				n, err := strconv.Atoi(v)
				if err != nil || n == 0 || n < -28 || n > 28 {
					return r, fmt.Errorf("BYMONTHDAY %q not in 1..28 or -28..-1", v)
				}
				r.bymonthday = append(r.bymonthday, n)
			}
		default:
			return r, fmt.Errorf("unsupported rule part %s", key)
		}
	}
	if !freqSet {
		return r, errors.New("FREQ is required")
	}
	if r.count > 0 && !r.until.IsZero() {
		return r, errors.New("COUNT and UNTIL together")
	}
	for _, d := range bydayText {
		re := plainDayRE
		if r.freq == rrule.MONTHLY {
			re = ordinalDayRE
		}
		m := re.FindStringSubmatch(d)
		if m == nil {
			return r, fmt.Errorf("BYDAY %q not allowed with this FREQ", d)
		}
		wd := rruleDays[m[len(m)-1]]
		if len(m) == 3 && m[1] != "" {
			n, _ := strconv.Atoi(m[1])
			wd = wd.Nth(n)
		}
		r.byday = append(r.byday, wd)
	}
	switch r.freq {
	case rrule.DAILY:
		if len(r.bymonthday) > 0 {
			return r, errors.New("BYMONTHDAY needs FREQ=MONTHLY")
		}
		if len(r.byday) > 0 && r.interval != 1 {
			return r, errors.New("DAILY with BYDAY needs INTERVAL=1")
		}
	case rrule.WEEKLY:
		if len(r.bymonthday) > 0 {
			return r, errors.New("BYMONTHDAY needs FREQ=MONTHLY")
		}
	case rrule.MONTHLY:
		if len(r.byday) > 0 && len(r.bymonthday) > 0 {
			return r, errors.New("BYDAY and BYMONTHDAY together")
		}
	}
	return r, nil
}

// parseUntil parses an UNTIL value: 20260619 (through the end of that day in
// loc), 20260619T180000 (local) or 20260619T160000Z (UTC).
func parseUntil(v string, loc *time.Location) (time.Time, error) {
	switch len(v) {
	case len(rrule.DateFormat):
		d, err := time.Parse(rrule.DateFormat, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("UNTIL %q: %w", v, err)
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, loc), nil
	case len(rrule.LocalDateTimeFormat):
		t, err := time.ParseInLocation(rrule.LocalDateTimeFormat, v, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("UNTIL %q: %w", v, err)
		}
		return t, nil
	case len(rrule.DateTimeFormat):
		t, err := time.Parse(rrule.DateTimeFormat, v)
		if err != nil {
			return time.Time{}, fmt.Errorf("UNTIL %q: %w", v, err)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("UNTIL %q: not a date or date-time", v)
}

// compiledSchedule is a schedule parsed and checked, ready to expand.
type compiledSchedule struct {
	loc       *time.Location
	once      bool
	start     time.Time // civil date, midnight UTC
	end       time.Time // civil date, midnight UTC; zero: open-ended
	startMin  int
	endMin    int
	rule      ruleSpec
	except    map[string]bool
	hasExcept bool
}

// compile parses s; it fails on anything Validate rejects, except the check
// that the schedule happens at least once.
func (s Schedule) compile() (*compiledSchedule, error) {
	c := &compiledSchedule{}
	var err error
	if c.loc, err = scheduleZone(s.Zone); err != nil {
		return nil, err
	}
	var ok bool
	if c.start, ok = parseDate(s.StartDate); !ok {
		return nil, fmt.Errorf("start date %q", s.StartDate)
	}
	if s.EndDate != "" {
		if c.end, ok = parseDate(s.EndDate); !ok {
			return nil, fmt.Errorf("end date %q", s.EndDate)
		}
		if c.end.Before(c.start) {
			return nil, errors.New("end date before start date")
		}
	}
	if c.startMin, ok = parseClock(s.StartTime); !ok {
		return nil, fmt.Errorf("start time %q", s.StartTime)
	}
	if c.endMin, ok = parseClock(s.EndTime); !ok {
		return nil, fmt.Errorf("end time %q", s.EndTime)
	}
	if c.endMin <= c.startMin {
		return nil, errors.New("end time not after start time")
	}
	if len(s.Except) > maxScheduleExcept {
		return nil, errors.New("too many exception dates")
	}
	c.except = make(map[string]bool, len(s.Except))
	for _, d := range s.Except {
		if _, ok := parseDate(d); !ok {
			return nil, fmt.Errorf("exception date %q", d)
		}
		c.except[d] = true
	}
	switch s.Kind {
	case ScheduleOnce:
		c.once = true
		if s.RRule != "" {
			return nil, errors.New("one-off schedule with a rule")
		}
		if !c.end.IsZero() && !c.end.Equal(c.start) {
			return nil, errors.New("one-off schedule over several days")
		}
	case ScheduleRecurring:
		if c.rule, err = parseRule(s.RRule, c.loc); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("kind %q", s.Kind)
	}
	return c, nil
}

// at returns the occurrence on civil date day.
func (c *compiledSchedule) at(day time.Time) Occurrence {
	y, m, d := day.Date()
	o := Occurrence{
		Start: time.Date(y, m, d, c.startMin/60, c.startMin%60, 0, 0, c.loc),
		End:   time.Date(y, m, d, c.endMin/60, c.endMin%60, 0, 0, c.loc),
	}
	if o.End.Before(o.Start) { // only inside a summer-time gap
		o.End = o.Start
	}
	return o
}

// civilDate returns t's date in its own location as midnight UTC.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// expand calls yield with each occurrence whose end is after from, in order,
// until yield returns false, the schedule ends, or the work cap is reached.
func (c *compiledSchedule) expand(from time.Time, yield func(Occurrence) bool) {
	if c.once {
		if c.except[c.start.Format(time.DateOnly)] {
			return
		}
		if o := c.at(c.start); o.End.After(from) {
			yield(o)
		}
		return
	}
	r := c.rule
	dtstart := c.start
	// Skip whole periods that end before from, so a weekly rule that started
	// years ago does not walk through every past week. Only where it cannot
	// change the result: no COUNT, and a period of whole days or weeks.
	if r.count == 0 && (r.freq == rrule.DAILY || r.freq == rrule.WEEKLY) && !from.IsZero() {
		period := r.interval
		if r.freq == rrule.WEEKLY {
			period *= 7
		}
		target := civilDate(from.In(c.loc)).AddDate(0, 0, -2)
		if target.After(dtstart) {
			days := int(target.Sub(dtstart).Hours() / 24)
			dtstart = dtstart.AddDate(0, 0, days/period*period)
		}
	}
	byday := r.byday
	if r.freq == rrule.WEEKLY && len(byday) == 0 {
		byday = []rrule.Weekday{weekdayToRRule(c.start.Weekday())}
	}
	bymonthday := r.bymonthday
	if r.freq == rrule.MONTHLY && len(byday) == 0 && len(bymonthday) == 0 {
		bymonthday = []int{c.start.Day()}
	}
	until := r.until
	if !c.end.IsZero() {
		y, m, d := c.end.Date()
		endOfDay := time.Date(y, m, d, 23, 59, 59, 0, c.loc)
		if until.IsZero() || endOfDay.Before(until) {
			until = endOfDay
		}
	}
	y, m, d := dtstart.Date()
	opt := rrule.ROption{
		Freq:       r.freq,
		Dtstart:    time.Date(y, m, d, 0, 0, 0, 0, c.loc),
		Interval:   r.interval,
		Wkst:       r.wkst,
		Count:      r.count,
		Until:      until,
		Byweekday:  byday,
		Bymonthday: bymonthday,
		Byhour:     []int{c.startMin / 60},
		Byminute:   []int{c.startMin % 60},
		Bysecond:   []int{0},
	}
	rule, err := rrule.NewRRule(opt)
	if err != nil {
		return
	}
	next := rule.Iterator()
	for i := 0; i < maxScheduleCandidates; i++ {
		t, ok := next()
		if !ok {
			return
		}
		day := civilDate(t.In(c.loc))
		if !c.end.IsZero() && day.After(c.end) {
			return
		}
		if c.except[day.Format(time.DateOnly)] {
			continue
		}
		o := c.at(day)
		if !o.End.After(from) {
			continue
		}
		if !yield(o) {
			return
		}
	}
}

// weekdayToRRule converts a time.Weekday to rrule's weekday.
func weekdayToRRule(d time.Weekday) rrule.Weekday {
	return []rrule.Weekday{rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA}[d]
}

// rruleToWeekday converts rrule's weekday to a time.Weekday.
func rruleToWeekday(w rrule.Weekday) time.Weekday {
	return time.Weekday((w.Day() + 1) % 7)
}

// Occurrences returns the next n occurrences of s whose end is after from,
// so an activity going on at from is included, in order, in the schedule's
// zone. Times are wall-clock: a weekly 18:00 in Europe/Oslo is 18:00 local in
// winter and summer. The end date includes its whole day; exception dates
// (local civil dates) are skipped. It returns nil for an invalid schedule or
// n ≤ 0. The work is bounded whatever the rule or from.
func (s Schedule) Occurrences(from time.Time, n int) []Occurrence {
	if n <= 0 {
		return nil
	}
	c, err := s.compile()
	if err != nil {
		return nil
	}
	var out []Occurrence
	c.expand(from, func(o Occurrence) bool {
		out = append(out, o)
		return len(out) < n
	})
	return out
}

// NextOccurrences returns the next n occurrences of all the schedules whose
// end is after from, merged in time order (ties by end). An occurrence that
// two schedules share is listed once; invalid schedules are left out.
func NextOccurrences(schedules []Schedule, from time.Time, n int) []Occurrence {
	if n <= 0 {
		return nil
	}
	var all []Occurrence
	for _, s := range schedules {
		all = append(all, s.Occurrences(from, n)...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if !all[i].Start.Equal(all[j].Start) {
			return all[i].Start.Before(all[j].Start)
		}
		return all[i].End.Before(all[j].End)
	})
	out := make([]Occurrence, 0, min(n, len(all)))
	for _, o := range all {
		if k := len(out); k > 0 && out[k-1].Start.Equal(o.Start) && out[k-1].End.Equal(o.End) {
			continue
		}
		out = append(out, o)
		if len(out) == n {
			break
		}
	}
	return out
}

// Weekdays returns the weekdays s can fall on, Monday first, for the weekday
// filter: the days in BYDAY; the start date's weekday for a weekly rule
// without BYDAY and for a one-off; every day for a daily rule and for a
// monthly rule by day of month. A schedule that lasts less than a week (end
// date within six days of the start, or COUNT ≤ 7) gives exactly the days it
// happens on. It returns nil for an invalid schedule.
func (s Schedule) Weekdays() []time.Weekday {
	c, err := s.compile()
	if err != nil {
		return nil
	}
	set := map[time.Weekday]bool{}
	short := !c.end.IsZero() && c.end.Sub(c.start) < 7*24*time.Hour
	switch {
	case c.once:
		set[c.start.Weekday()] = true
	case short || (c.rule.count > 0 && c.rule.count <= 7):
		c.expand(time.Time{}, func(o Occurrence) bool {
			set[o.Start.Weekday()] = true
			return len(set) < 7
		})
	case len(c.rule.byday) > 0:
		for _, w := range c.rule.byday {
			set[rruleToWeekday(w)] = true
		}
	case c.rule.freq == rrule.WEEKLY,
		c.rule.freq == rrule.DAILY && c.rule.interval%7 == 0:
		set[c.start.Weekday()] = true
	default:
		for d := time.Sunday; d <= time.Saturday; d++ {
			set[d] = true
		}
	}
	out := make([]time.Weekday, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return (out[i]+6)%7 < (out[j]+6)%7 })
	return out
}

// Validate checks s on its own; field keys are the schedule's JSON names
// ("zone", "rrule", "start_time", ...). It returns nil or an EINVALID
// *broen.Error.
func (s Schedule) Validate() error {
	fe := broen.FieldErrors{}
	s.validate(fe, "")
	return fe.Err()
}

// validate adds s's problems to fe, keys prefixed with prefix
// ("schedules.0.").
func (s Schedule) validate(fe broen.FieldErrors, prefix string) {
	before := len(fe)
	var loc *time.Location
	switch {
	case s.Zone == "":
		fe.Add(prefix+"zone", msgScheduleZone)
	default:
		var err error
		if loc, err = scheduleZone(s.Zone); err != nil {
			fe.Add(prefix+"zone", msgScheduleZone)
		}
	}

	start, startOK := parseDate(s.StartDate)
	switch {
	case s.StartDate == "":
		fe.Add(prefix+"start_date", msgRequired)
	case !startOK:
		fe.Add(prefix+"start_date", msgDate)
	}
	if s.EndDate != "" {
		end, ok := parseDate(s.EndDate)
		switch {
		case !ok:
			fe.Add(prefix+"end_date", msgDate)
		case startOK && end.Before(start):
			fe.Add(prefix+"end_date", msgEndBeforeStart)
		case startOK && s.Kind == ScheduleOnce && !end.Equal(start):
			fe.Add(prefix+"end_date", msgScheduleOnce)
		}
	}

	startMin, startTimeOK := parseClock(s.StartTime)
	switch {
	case s.StartTime == "":
		fe.Add(prefix+"start_time", msgRequired)
	case !startTimeOK:
		fe.Add(prefix+"start_time", msgTime)
	}
	endMin, endTimeOK := parseClock(s.EndTime)
	switch {
	case s.EndTime == "":
		fe.Add(prefix+"end_time", msgRequired)
	case !endTimeOK:
		fe.Add(prefix+"end_time", msgTime)
	case startTimeOK && endMin <= startMin:
		fe.Add(prefix+"end_time", msgEndBeforeStart)
	}

	if len(s.Except) > maxScheduleExcept {
		fe.Add(prefix+"except", msgTooMany)
	}
	for _, d := range s.Except {
		if _, ok := parseDate(d); !ok {
			fe.Add(prefix+"except", msgDate)
		}
	}

	switch s.Kind {
	case ScheduleRecurring:
		if s.RRule == "" {
			fe.Add(prefix+"rrule", msgScheduleRRule)
		} else if loc != nil {
			if _, err := parseRule(s.RRule, loc); err != nil {
				fe.Add(prefix+"rrule", msgScheduleRRule)
			}
		} else if _, err := parseRule(s.RRule, time.UTC); err != nil {
			// The zone is wrong too; still say what is wrong with the rule.
			fe.Add(prefix+"rrule", msgScheduleRRule)
		}
	case ScheduleOnce:
		if s.RRule != "" {
			fe.Add(prefix+"rrule", msgScheduleOnce)
		}
	default:
		fe.Add(prefix+"kind", msgChoice)
	}

	if len(fe) > before {
		return
	}
	// Every part is valid; make sure it happens at all (an UNTIL before the
	// start, a weekday that never falls between the dates, all exceptions).
	if len(s.Occurrences(time.Time{}, 1)) == 0 {
		key := "rrule"
		if s.Kind == ScheduleOnce {
			key = "except"
		}
		fe.Add(prefix+key, msgScheduleNever)
	}
}
