package locales

import (
	"strconv"
	"strings"
	"time"
)

// The words and punctuation of dates, times and numbers. Go's time package
// knows only English names, so every language has its own table here rather
// than in the catalogs.
type style struct {
	weekdays      [7]string  // indexed by time.Weekday: Sunday first
	weekdaysShort [7]string  // abbreviated, as CLDR writes them
	months        [12]string // January first
	dayBefore     string     // before the day of the month: Danish "den "
	dayAfter      string     // after the day of the month: "." in nb, nn, da
	clock         string     // between hours and minutes
	at            string     // between a date and a time
	week          string     // the word before an ISO week number
	group         string     // thousands separator
	decimal       string     // decimal separator
	minus         string     // sign of negative numbers
}

const (
	nbsp  = "\u00a0" // no-break space: thousands separator, and between amount and currency
	minus = "\u2212" // minus sign, CLDR's for nb, nn and sv
)

var styles = map[string]*style{
	"nb": {
		weekdays:      [7]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
		weekdaysShort: [7]string{"søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."},
		months:        [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
		dayAfter:      ".",
		clock:         ".",
		at:            "kl.",
		week:          "uke",
		group:         nbsp,
		decimal:       ",",
		minus:         minus,
	},
	"nn": {
		weekdays:      [7]string{"sundag", "måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag"},
		weekdaysShort: [7]string{"sun.", "mån.", "tys.", "ons.", "tor.", "fre.", "lau."},
		months:        [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
		dayAfter:      ".",
		clock:         ".",
		at:            "kl.",
		week:          "veke",
		group:         nbsp,
		decimal:       ",",
		minus:         minus,
	},
	"da": {
		weekdays:      [7]string{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"},
		weekdaysShort: [7]string{"søn.", "man.", "tirs.", "ons.", "tors.", "fre.", "lør."},
		months:        [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
		dayBefore:     "den ",
		dayAfter:      ".",
		clock:         ".",
		at:            "kl.",
		week:          "uge",
		group:         ".",
		decimal:       ",",
		minus:         "-",
	},
	"sv": {
		weekdays:      [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
		weekdaysShort: [7]string{"sön", "mån", "tis", "ons", "tors", "fre", "lör"},
		months:        [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		clock:         ":",
		at:            "kl.",
		week:          "vecka",
		group:         nbsp,
		decimal:       ",",
		minus:         minus,
	},
	"en": {
		weekdays:      [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		weekdaysShort: [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		months:        [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		clock:         ":",
		at:            "at",
		week:          "week",
		group:         ",",
		decimal:       ".",
		minus:         "-",
	},
}

func (l *Localizer) style() *style {
	if s, ok := styles[l.lang()]; ok {
		return s
	}
	return styles[Default]
}

// The formatters write t in its own location: convert it with t.In first
// (the schedule's zone, such as Europe/Oslo) when that is not already so.

// Weekday returns the name of d as it stands in a sentence: "tirsdag" (nb,
// da), "tysdag" (nn), "tisdag" (sv), "Tuesday" (en).
func (l *Localizer) Weekday(d time.Weekday) string {
	return l.style().weekdays[weekdayIndex(d)]
}

// WeekdayShort returns the abbreviated name of d: "tir." (nb), "tys." (nn),
// "tirs." (da), "tis" (sv), "Tue" (en).
func (l *Localizer) WeekdayShort(d time.Weekday) string {
	return l.style().weekdaysShort[weekdayIndex(d)]
}

// Month returns the name of m as it stands in a sentence: "november",
// "November" (en).
func (l *Localizer) Month(m time.Month) string {
	return l.style().months[((int(m)-1)%12+12)%12]
}

// Date returns weekday, day and month: "tirsdag 24. november" (nb),
// "tysdag 24. november" (nn), "tirsdag den 24. november" (da),
// "tisdag 24 november" (sv), "Tuesday 24 November" (en).
func (l *Localizer) Date(t time.Time) string {
	s := l.style()
	return s.weekdays[t.Weekday()] + " " + s.dayBefore + strconv.Itoa(t.Day()) + s.dayAfter + " " + s.months[t.Month()-1]
}

// DateYear is Date followed by the year: "tirsdag 24. november 2026".
func (l *Localizer) DateYear(t time.Time) string {
	return l.Date(t) + " " + strconv.Itoa(t.Year())
}

// Time returns the time of day on the 24-hour clock: "18.00" (nb, nn, da),
// "18:00" (sv, en).
func (l *Localizer) Time(t time.Time) string {
	return twoDigits(t.Hour()) + l.style().clock + twoDigits(t.Minute())
}

// DateTime returns Date and Time: "tirsdag 24. november kl. 18.00" (nb),
// "tirsdag den 24. november kl. 18.00" (da), "tisdag 24 november kl. 18:00"
// (sv), "Tuesday 24 November at 18:00" (en).
func (l *Localizer) DateTime(t time.Time) string {
	return l.Date(t) + " " + l.style().at + " " + l.Time(t)
}

// TimeRange returns the times of start and end joined by an en dash:
// "18.00–20.00".
func (l *Localizer) TimeRange(start, end time.Time) string {
	return l.Time(start) + "–" + l.Time(end)
}

// ISOWeek returns the ISO 8601 week number of t with the language's word for
// week: "uke 48" (nb), "veke 48" (nn), "uge 48" (da), "vecka 48" (sv),
// "week 48" (en).
func (l *Localizer) ISOWeek(t time.Time) string {
	_, w := t.ISOWeek()
	return l.style().week + " " + strconv.Itoa(w)
}

// Number returns n with the language's thousands separator: "12 345" with a
// no-break space (nb, nn, sv), "12.345" (da), "12,345" (en). Negative numbers
// take the language's minus sign.
func (l *Localizer) Number(n int) string {
	s := l.style()
	digits := strconv.FormatInt(int64(n), 10)
	if n < 0 {
		return s.minus + group(digits[1:], s.group)
	}
	return group(digits, s.group)
}

// Decimal returns f rounded to prec decimals (the shortest exact form when
// prec < 0), with a decimal comma in the Nordic languages and a point in
// English, and the thousands separator of Number: "1 234,5" (nb), "1,234.5"
// (en).
func (l *Localizer) Decimal(f float64, prec int) string {
	s := l.style()
	raw := strconv.FormatFloat(f, 'f', prec, 64)
	neg := strings.HasPrefix(raw, "-")
	raw = strings.TrimPrefix(raw, "-")
	whole, frac, _ := strings.Cut(raw, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" {
		return raw // NaN or Inf
	}
	out := group(whole, s.group)
	if frac != "" {
		out += s.decimal + frac
	}
	if neg && strings.Trim(whole+frac, "0") != "" {
		out = s.minus + out
	}
	return out
}

// Money returns an amount given in minor units (øre, öre, cents) of the ISO
// 4217 currency: nb and nn "kr 150" and "kr 150,50", da "150 kr." and
// "150,50 kr.", sv "150 kr" and "150,50 kr", en "NOK 150" and "NOK 150.50".
// Whole amounts have no decimals. The Nordic languages write NOK, SEK and DKK
// as kr (Danish kr.), other currencies by their code in the same place. The
// space between amount and currency is a no-break space.
func (l *Localizer) Money(minor int64, currency string) string {
	lang := l.lang()
	s := l.style()
	code := strings.ToUpper(strings.TrimSpace(currency))

	neg := minor < 0
	abs := uint64(minor)
	if neg {
		abs = -abs
	}
	unit := uint64(1)
	for range currencyDigits(code) {
		unit *= 10
	}
	amount := group(strconv.FormatUint(abs/unit, 10), s.group)
	if rest := abs % unit; rest != 0 {
		f := strconv.FormatUint(rest, 10)
		amount += s.decimal + strings.Repeat("0", currencyDigits(code)-len(f)) + f
	}
	if neg {
		amount = s.minus + amount
	}

	symbol := code
	if lang != "en" && (code == "NOK" || code == "SEK" || code == "DKK") {
		symbol = "kr"
		if lang == "da" {
			symbol = "kr."
		}
	}
	switch lang {
	case "da", "sv":
		return amount + nbsp + symbol
	default:
		return symbol + nbsp + amount
	}
}

// currencyDigits returns the number of minor-unit digits of an ISO 4217
// currency.
func currencyDigits(code string) int {
	switch code {
	case "ISK", "JPY", "KRW", "CLP", "VND":
		return 0
	default:
		return 2
	}
}

// group inserts sep between every three digits of a string of digits.
func group(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// weekdayIndex keeps an out-of-range weekday from panicking.
func weekdayIndex(d time.Weekday) int { return (int(d)%7 + 7) % 7 }

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
