package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"broen"
	"broen/registry"
)

// searchForm is the activity search as a person typed it: kept as strings so
// a form with a mistake is shown again exactly as it was.
type searchForm struct {
	Q        string
	Category string
	Language string
	Weekday  string
	District string
	Age      string
	Free     bool
	Page     int
	PerPage  int
}

const (
	maxQueryLen    = 200
	maxPage        = 10000
	defaultPerPage = 20
)

var weekdayNames = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday,
	"fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}

// isoWeekdays lists the weekdays Monday first, as Nordic calendars do.
var isoWeekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// parseWeekday accepts ISO numbers (1 = Monday … 7 = Sunday) and English
// three-letter names.
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if d, ok := weekdayNames[s]; ok {
		return d, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 7 {
		return 0, false
	}
	return time.Weekday(n % 7), true
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "off", "no":
		return false, true
	case "1", "true", "on", "yes":
		return true, true
	}
	return false, false
}

// parseSearch reads the search parameters from a query string into the form
// (as typed) and the filter, with a field message for every value that
// cannot be used. It never fails on a malformed query string.
func parseSearch(q url.Values) (searchForm, registry.ActivityFilter, error) {
	form := searchForm{
		Q:        strings.TrimSpace(q.Get("q")),
		Category: strings.TrimSpace(q.Get("category")),
		Language: strings.TrimSpace(q.Get("language")),
		Weekday:  strings.TrimSpace(q.Get("weekday")),
		District: strings.TrimSpace(q.Get("district")),
		Age:      strings.TrimSpace(q.Get("age")),
		Page:     1,
		PerPage:  defaultPerPage,
	}
	var f registry.ActivityFilter
	fe := broen.FieldErrors{}

	if !utf8.ValidString(form.Q) {
		form.Q = strings.ToValidUTF8(form.Q, "")
		fe.Add("q", "validation.text")
	} else if utf8.RuneCountInString(form.Q) > maxQueryLen {
		fe.Add("q", "validation.too_long")
	}
	if form.Q != "" {
		f.Query = &form.Q
	}
	if form.Category != "" {
		c := registry.Category(form.Category)
		if !c.Valid() {
			fe.Add("category", "validation.choice")
		}
		f.Category = &c
	}
	if form.Language != "" {
		if !registry.ValidLanguage(form.Language) {
			fe.Add("language", "validation.language")
		}
		f.Language = &form.Language
	}
	if form.Weekday != "" {
		d, ok := parseWeekday(form.Weekday)
		if !ok {
			fe.Add("weekday", "validation.choice")
		}
		f.Weekday = &d
	}
	if form.District != "" {
		code := registry.DistrictCode(form.District)
		if code == "" || len(form.District) > 100 {
			fe.Add("district", "validation.choice")
		}
		f.District = &code
	}
	if form.Age != "" {
		n, err := strconv.Atoi(form.Age)
		if err != nil || n < 0 || n > 120 {
			fe.Add("age", "validation.age")
		}
		f.Age = &n
	}
	if v, ok := parseBool(q.Get("free")); ok {
		form.Free = v
	} else {
		fe.Add("free", "validation.choice")
	}
	f.FreeOnly = form.Free
	if p := strings.TrimSpace(q.Get("page")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxPage {
			fe.Add("page", "validation.page")
		} else {
			form.Page = n
		}
	}
	if p := strings.TrimSpace(q.Get("per_page")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > registry.MaxPageSize {
			fe.Add("per_page", "validation.per_page")
		} else {
			form.PerPage = n
		}
	}
	f.Limit = form.PerPage
	f.Offset = (form.Page - 1) * form.PerPage
	return form, f, fe.Err()
}

// Query returns the form as a query string, with page replaced, for
// pagination links.
func (f searchForm) Query(page int) string {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "category": f.Category, "language": f.Language,
		"weekday": f.Weekday, "district": f.District, "age": f.Age} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Free {
		q.Set("free", "1")
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if f.PerPage != defaultPerPage {
		q.Set("per_page", strconv.Itoa(f.PerPage))
	}
	return q.Encode()
}

// Filtered reports whether any filter besides the text is set.
func (f searchForm) Filtered() bool {
	return f.Category != "" || f.Language != "" || f.Weekday != "" || f.District != "" || f.Age != "" || f.Free
}

// parseID reads a positive integer id from a path parameter; anything else
// is treated as an unknown id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, &broen.Error{Code: broen.ENOTFOUND, MessageID: "error.not_found"}
	}
	return id, nil
}
