package locales

import (
	"math"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Oslo without the system's zone database
)

// exampleTime is Tuesday 24 November 2026 18:00 in Oslo, in ISO week 48.
func exampleTime(t *testing.T) time.Time {
	t.Helper()
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2026, time.November, 24, 18, 0, 0, 0, oslo)
}

// perLang holds the expected output in each interface language.
type perLang map[string]string

func check(t *testing.T, name string, want perLang, f func(l *Localizer) string) {
	t.Helper()
	if len(want) != len(Supported) {
		t.Fatalf("%s: want has %d languages, not %d", name, len(want), len(Supported))
	}
	for _, lang := range Supported {
		if got := f(&Localizer{Lang: lang}); got != want[lang] {
			t.Errorf("%s %s = %q, want %q", lang, name, got, want[lang])
		}
	}
}

func TestDateTimeShapes(t *testing.T) {
	ts := exampleTime(t)
	check(t, "DateTime", perLang{
		"nb": "tirsdag 24. november kl. 18.00",
		"nn": "tysdag 24. november kl. 18.00",
		"da": "tirsdag den 24. november kl. 18.00",
		"sv": "tisdag 24 november kl. 18:00",
		"en": "Tuesday 24 November at 18:00",
	}, func(l *Localizer) string { return l.DateTime(ts) })
	check(t, "Date", perLang{
		"nb": "tirsdag 24. november",
		"nn": "tysdag 24. november",
		"da": "tirsdag den 24. november",
		"sv": "tisdag 24 november",
		"en": "Tuesday 24 November",
	}, func(l *Localizer) string { return l.Date(ts) })
	check(t, "DateYear", perLang{
		"nb": "tirsdag 24. november 2026",
		"nn": "tysdag 24. november 2026",
		"da": "tirsdag den 24. november 2026",
		"sv": "tisdag 24 november 2026",
		"en": "Tuesday 24 November 2026",
	}, func(l *Localizer) string { return l.DateYear(ts) })
	check(t, "Time", perLang{
		"nb": "18.00", "nn": "18.00", "da": "18.00", "sv": "18:00", "en": "18:00",
	}, func(l *Localizer) string { return l.Time(ts) })
	check(t, "ISOWeek", perLang{
		"nb": "uke 48", "nn": "veke 48", "da": "uge 48", "sv": "vecka 48", "en": "week 48",
	}, func(l *Localizer) string { return l.ISOWeek(ts) })
}

func TestDateInItsOwnZone(t *testing.T) {
	// 23:30 UTC on Saturday 27 June is 01:30 on Sunday 28 June in Oslo
	// (summer time).
	utc := time.Date(2026, time.June, 27, 23, 30, 0, 0, time.UTC)
	oslo := utc.In(exampleTime(t).Location())
	check(t, "DateTime(Oslo)", perLang{
		"nb": "søndag 28. juni kl. 01.30",
		"nn": "sundag 28. juni kl. 01.30",
		"da": "søndag den 28. juni kl. 01.30",
		"sv": "söndag 28 juni kl. 01:30",
		"en": "Sunday 28 June at 01:30",
	}, func(l *Localizer) string { return l.DateTime(oslo) })
	check(t, "DateTime(UTC)", perLang{
		"nb": "lørdag 27. juni kl. 23.30",
		"nn": "laurdag 27. juni kl. 23.30",
		"da": "lørdag den 27. juni kl. 23.30",
		"sv": "lördag 27 juni kl. 23:30",
		"en": "Saturday 27 June at 23:30",
	}, func(l *Localizer) string { return l.DateTime(utc) })
}

func TestDateSingleDigits(t *testing.T) {
	ts := time.Date(2027, time.March, 3, 9, 5, 0, 0, time.UTC) // a Wednesday
	check(t, "DateYear", perLang{
		"nb": "onsdag 3. mars 2027",
		"nn": "onsdag 3. mars 2027",
		"da": "onsdag den 3. marts 2027",
		"sv": "onsdag 3 mars 2027",
		"en": "Wednesday 3 March 2027",
	}, func(l *Localizer) string { return l.DateYear(ts) })
	check(t, "Time", perLang{
		"nb": "09.05", "nn": "09.05", "da": "09.05", "sv": "09:05", "en": "09:05",
	}, func(l *Localizer) string { return l.Time(ts) })
}

func TestTimeRange(t *testing.T) {
	start := exampleTime(t)
	end := start.Add(2*time.Hour + 30*time.Minute)
	check(t, "TimeRange", perLang{
		"nb": "18.00–20.30", "nn": "18.00–20.30", "da": "18.00–20.30", "sv": "18:00–20:30", "en": "18:00–20:30",
	}, func(l *Localizer) string { return l.TimeRange(start, end) })
}

func TestISOWeekAtYearEnd(t *testing.T) {
	// 1 January 2027 is a Friday in ISO week 53 of 2026; 4 January 2027
	// starts week 1.
	check(t, "ISOWeek(2027-01-01)", perLang{
		"nb": "uke 53", "nn": "veke 53", "da": "uge 53", "sv": "vecka 53", "en": "week 53",
	}, func(l *Localizer) string { return l.ISOWeek(time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)) })
	check(t, "ISOWeek(2027-01-04)", perLang{
		"nb": "uke 1", "nn": "veke 1", "da": "uge 1", "sv": "vecka 1", "en": "week 1",
	}, func(l *Localizer) string { return l.ISOWeek(time.Date(2027, 1, 4, 12, 0, 0, 0, time.UTC)) })
}

func TestWeekdays(t *testing.T) {
	want := map[time.Weekday]perLang{
		time.Monday:    {"nb": "mandag", "nn": "måndag", "da": "mandag", "sv": "måndag", "en": "Monday"},
		time.Tuesday:   {"nb": "tirsdag", "nn": "tysdag", "da": "tirsdag", "sv": "tisdag", "en": "Tuesday"},
		time.Wednesday: {"nb": "onsdag", "nn": "onsdag", "da": "onsdag", "sv": "onsdag", "en": "Wednesday"},
		time.Thursday:  {"nb": "torsdag", "nn": "torsdag", "da": "torsdag", "sv": "torsdag", "en": "Thursday"},
		time.Friday:    {"nb": "fredag", "nn": "fredag", "da": "fredag", "sv": "fredag", "en": "Friday"},
		time.Saturday:  {"nb": "lørdag", "nn": "laurdag", "da": "lørdag", "sv": "lördag", "en": "Saturday"},
		time.Sunday:    {"nb": "søndag", "nn": "sundag", "da": "søndag", "sv": "söndag", "en": "Sunday"},
	}
	short := map[time.Weekday]perLang{
		time.Monday:    {"nb": "man.", "nn": "mån.", "da": "man.", "sv": "mån", "en": "Mon"},
		time.Tuesday:   {"nb": "tir.", "nn": "tys.", "da": "tirs.", "sv": "tis", "en": "Tue"},
		time.Wednesday: {"nb": "ons.", "nn": "ons.", "da": "ons.", "sv": "ons", "en": "Wed"},
		time.Thursday:  {"nb": "tor.", "nn": "tor.", "da": "tors.", "sv": "tors", "en": "Thu"},
		time.Friday:    {"nb": "fre.", "nn": "fre.", "da": "fre.", "sv": "fre", "en": "Fri"},
		time.Saturday:  {"nb": "lør.", "nn": "lau.", "da": "lør.", "sv": "lör", "en": "Sat"},
		time.Sunday:    {"nb": "søn.", "nn": "sun.", "da": "søn.", "sv": "sön", "en": "Sun"},
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		check(t, "Weekday("+d.String()+")", want[d], func(l *Localizer) string { return l.Weekday(d) })
		check(t, "WeekdayShort("+d.String()+")", short[d], func(l *Localizer) string { return l.WeekdayShort(d) })
	}
	// Out of range: no panic.
	_ = (&Localizer{Lang: "nb"}).Weekday(time.Weekday(-1))
	_ = (&Localizer{Lang: "nb"}).WeekdayShort(time.Weekday(9))
}

func TestMonths(t *testing.T) {
	want := map[time.Month]perLang{
		time.January:  {"nb": "januar", "nn": "januar", "da": "januar", "sv": "januari", "en": "January"},
		time.March:    {"nb": "mars", "nn": "mars", "da": "marts", "sv": "mars", "en": "March"},
		time.May:      {"nb": "mai", "nn": "mai", "da": "maj", "sv": "maj", "en": "May"},
		time.August:   {"nb": "august", "nn": "august", "da": "august", "sv": "augusti", "en": "August"},
		time.December: {"nb": "desember", "nn": "desember", "da": "december", "sv": "december", "en": "December"},
	}
	for m, w := range want {
		check(t, "Month("+m.String()+")", w, func(l *Localizer) string { return l.Month(m) })
	}
	_ = (&Localizer{Lang: "en"}).Month(0) // no panic
}

func TestNumber(t *testing.T) {
	tests := []struct {
		n    int
		want perLang
	}{
		{0, perLang{"nb": "0", "nn": "0", "da": "0", "sv": "0", "en": "0"}},
		{999, perLang{"nb": "999", "nn": "999", "da": "999", "sv": "999", "en": "999"}},
		{1000, perLang{"nb": "1\u00a0000", "nn": "1\u00a0000", "da": "1.000", "sv": "1\u00a0000", "en": "1,000"}},
		{12345, perLang{"nb": "12\u00a0345", "nn": "12\u00a0345", "da": "12.345", "sv": "12\u00a0345", "en": "12,345"}},
		{1234567, perLang{"nb": "1\u00a0234\u00a0567", "nn": "1\u00a0234\u00a0567", "da": "1.234.567", "sv": "1\u00a0234\u00a0567", "en": "1,234,567"}},
		{-12345, perLang{"nb": "\u221212\u00a0345", "nn": "\u221212\u00a0345", "da": "-12.345", "sv": "\u221212\u00a0345", "en": "-12,345"}},
	}
	for _, tt := range tests {
		check(t, "Number", tt.want, func(l *Localizer) string { return l.Number(tt.n) })
	}
	if got := (&Localizer{Lang: "en"}).Number(math.MinInt64); got != "-9,223,372,036,854,775,808" {
		t.Errorf("Number(MinInt64) = %q", got)
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		f    float64
		prec int
		want perLang
	}{
		{2.5, 1, perLang{"nb": "2,5", "nn": "2,5", "da": "2,5", "sv": "2,5", "en": "2.5"}},
		{1234.567, 2, perLang{"nb": "1\u00a0234,57", "nn": "1\u00a0234,57", "da": "1.234,57", "sv": "1\u00a0234,57", "en": "1,234.57"}},
		{3, 0, perLang{"nb": "3", "nn": "3", "da": "3", "sv": "3", "en": "3"}},
		{0.125, -1, perLang{"nb": "0,125", "nn": "0,125", "da": "0,125", "sv": "0,125", "en": "0.125"}},
		{-7.25, 2, perLang{"nb": "\u22127,25", "nn": "\u22127,25", "da": "-7,25", "sv": "\u22127,25", "en": "-7.25"}},
		{-0.001, 1, perLang{"nb": "0,0", "nn": "0,0", "da": "0,0", "sv": "0,0", "en": "0.0"}},
		{math.NaN(), 1, perLang{"nb": "NaN", "nn": "NaN", "da": "NaN", "sv": "NaN", "en": "NaN"}},
	}
	for _, tt := range tests {
		check(t, "Decimal", tt.want, func(l *Localizer) string { return l.Decimal(tt.f, tt.prec) })
	}
}

func TestMoney(t *testing.T) {
	const s = "\u00a0"
	tests := []struct {
		minor    int64
		currency string
		want     perLang
	}{
		{15000, "NOK", perLang{"nb": "kr" + s + "150", "nn": "kr" + s + "150", "da": "150" + s + "kr.", "sv": "150" + s + "kr", "en": "NOK" + s + "150"}},
		{15050, "NOK", perLang{"nb": "kr" + s + "150,50", "nn": "kr" + s + "150,50", "da": "150,50" + s + "kr.", "sv": "150,50" + s + "kr", "en": "NOK" + s + "150.50"}},
		{15005, "SEK", perLang{"nb": "kr" + s + "150,05", "nn": "kr" + s + "150,05", "da": "150,05" + s + "kr.", "sv": "150,05" + s + "kr", "en": "SEK" + s + "150.05"}},
		{120000, "dkk", perLang{"nb": "kr" + s + "1" + s + "200", "nn": "kr" + s + "1" + s + "200", "da": "1.200" + s + "kr.", "sv": "1" + s + "200" + s + "kr", "en": "DKK" + s + "1,200"}},
		{0, "NOK", perLang{"nb": "kr" + s + "0", "nn": "kr" + s + "0", "da": "0" + s + "kr.", "sv": "0" + s + "kr", "en": "NOK" + s + "0"}},
		{2500, "EUR", perLang{"nb": "EUR" + s + "25", "nn": "EUR" + s + "25", "da": "25" + s + "EUR", "sv": "25" + s + "EUR", "en": "EUR" + s + "25"}},
		{-4550, "NOK", perLang{"nb": "kr" + s + "\u221245,50", "nn": "kr" + s + "\u221245,50", "da": "-45,50" + s + "kr.", "sv": "\u221245,50" + s + "kr", "en": "NOK" + s + "-45.50"}},
		{1500, "ISK", perLang{"nb": "ISK" + s + "1" + s + "500", "nn": "ISK" + s + "1" + s + "500", "da": "1.500" + s + "ISK", "sv": "1" + s + "500" + s + "ISK", "en": "ISK" + s + "1,500"}},
	}
	for _, tt := range tests {
		check(t, "Money", tt.want, func(l *Localizer) string { return l.Money(tt.minor, tt.currency) })
	}
	_ = (&Localizer{Lang: "nb"}).Money(math.MinInt64, "NOK") // no panic
}
