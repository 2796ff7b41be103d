package web

import (
	"html/template"
	"slices"
	"time"

	"broen/locales"
	"broen/registry"
)

// textView is one piece of people-written content chosen for the reader:
// the text, the language it is in and whether that differs from the page.
type textView struct {
	Text     string
	Lang     string
	Dir      string
	Fallback bool   // not in the reader's language
	LangName string // the language's name in the reader's language
}

func pickText(l *locales.Localizer, t registry.Text) textView {
	lang, v := t.Pick(l.Lang)
	return makeTextView(l, lang, v)
}

func makeTextView(l *locales.Localizer, lang, v string) textView {
	tv := textView{Text: v, Lang: lang, Dir: "ltr", Fallback: v != "" && lang != l.Lang}
	if lg, ok := registry.LookupLanguage(lang); ok {
		tv.Dir = lg.Direction
	}
	if tv.Fallback {
		tv.LangName = languageName(l, lang)
	}
	return tv
}

// languageName is a language's name in the reader's language, followed by
// its own name for the languages newcomers speak, so an Arabic reader
// recognises "arabisk (العربية)". The Nordic languages and English are
// named once: every reader of these pages can read those names.
func languageName(l *locales.Localizer, code string) string {
	name := l.T("registry.language." + code)
	if slices.Contains(registry.UILocales, code) {
		return name
	}
	if lg, ok := registry.LookupLanguage(code); ok && registry.Fold(lg.Endonym) != registry.Fold(name) {
		return name + " (" + lg.Endonym + ")"
	}
	return name
}

// languageLabel is languageName as HTML, with the endonym marked with its
// own language and direction, so screen readers pronounce it and
// right-to-left script does not scramble the line (WCAG 3.1.2).
func languageLabel(l *locales.Localizer, code string) template.HTML {
	name := l.T("registry.language." + code)
	out := template.HTMLEscapeString(name)
	if slices.Contains(registry.UILocales, code) {
		return template.HTML(out)
	}
	if lg, ok := registry.LookupLanguage(code); ok && registry.Fold(lg.Endonym) != registry.Fold(name) {
		out += ` (<span lang="` + template.HTMLEscapeString(code) + `" dir="` + lg.Direction + `">` +
			template.HTMLEscapeString(lg.Endonym) + `</span>)`
	}
	return template.HTML(out)
}

// occurrenceView is one upcoming time, formatted for the reader.
type occurrenceView struct {
	Start    time.Time
	When     string // "tirsdag 24. november kl. 18.00"
	Until    string // "20.00"
	Week     string // "uke 48"
	ISOStart string
}

func occurrences(l *locales.Localizer, occ []registry.Occurrence) []occurrenceView {
	out := make([]occurrenceView, len(occ))
	for i, o := range occ {
		out[i] = occurrenceView{Start: o.Start, When: l.DateTime(o.Start), Until: l.Time(o.End),
			Week: l.ISOWeek(o.Start), ISOStart: o.Start.Format(time.RFC3339)}
	}
	return out
}

// activityCard is an activity as one search result.
type activityCard struct {
	L            *locales.Localizer
	ID           int64
	Title        textView
	Summary      textView
	Organisation string
	Category     string
	District     string
	Languages    []template.HTML
	Next         *occurrenceView
	Free         bool
	Cost         string
	AgeRange     string
}

func (s *Server) card(l *locales.Localizer, a *registry.Activity, now time.Time) activityCard {
	c := activityCard{
		L:            l,
		ID:           a.ID,
		Title:        pickText(l, a.Title),
		Summary:      pickText(l, a.Description),
		Organisation: a.OrganisationName,
		Category:     l.T("registry.category." + string(a.Category)),
		District:     a.Location.District,
		Free:         a.Cost.Kind == registry.CostFree,
		Cost:         costText(l, a.Cost),
		AgeRange:     ageText(l, a.AgeMin, a.AgeMax),
	}
	c.Summary.Text = summary(c.Summary.Text, 180)
	for _, code := range a.Languages {
		c.Languages = append(c.Languages, languageLabel(l, code))
	}
	next := a.Next
	if next == nil {
		next = registry.NextOccurrences(a.Schedules, now, 1)
	}
	if len(next) > 0 {
		o := occurrences(l, next[:1])[0]
		c.Next = &o
	}
	return c
}

func costText(l *locales.Localizer, c registry.Cost) string {
	var s string
	if c.Kind == registry.CostFree {
		s = l.T("registry.cost.free")
	} else {
		s = l.Money(c.Price, c.Currency)
	}
	if c.LeisureCard {
		s += " · " + l.T("registry.cost.leisure_card")
	}
	return s
}

func ageText(l *locales.Localizer, lo, hi int) string {
	switch {
	case lo <= 0 && hi <= 0:
		return l.T("registry.age.all")
	case hi <= 0:
		return l.T("registry.age.from", "Min", lo)
	case lo <= 0:
		return l.T("registry.age.to", "Max", hi)
	default:
		return l.T("registry.age.range", "Min", lo, "Max", hi)
	}
}

// summary cuts s to at most n runes at a word boundary.
func summary(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}
