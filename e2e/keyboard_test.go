package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"broen/locales"
)

// focusJS installs two helpers in the page: __e2eKey names an element
// uniquely (its id, or a path from the nearest ancestor with one), and
// __e2eTabbable lists what the Tab key should reach, in document order:
// every link, button and form control that is shown and enabled, the
// summary of each details element, and of a group of radio buttons only
// the checked one (or the first).
const focusJS = `(() => {
window.__e2eKey = e => {
	const parts = [];
	for (; e && e.nodeType === 1; e = e.parentElement) {
		if (e.id) { parts.unshift('#' + e.id); break; }
		let i = 1;
		for (let s = e.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === e.tagName) i++;
		parts.unshift(e.tagName.toLowerCase() + ':nth-of-type(' + i + ')');
	}
	return parts.join(' > ');
};
window.__e2eTabbable = () => {
	const all = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')).filter(e => {
		if (e.disabled || (e.tagName === 'INPUT' && e.type === 'hidden')) return false;
		const ti = e.getAttribute('tabindex');
		if (ti !== null && parseInt(ti, 10) < 0) return false;
		if (e.tagName === 'SUMMARY' && (e.parentElement.tagName !== 'DETAILS' || e.parentElement.querySelector('summary') !== e)) return false;
		if (e.getClientRects().length === 0 || getComputedStyle(e).visibility === 'hidden') return false;
		return true;
	});
	const groups = new Map();
	for (const e of all) {
		if (e.type !== 'radio' || !e.name) continue;
		const g = (e.form ? __e2eKey(e.form) : '') + '/' + e.name;
		if (!groups.has(g) || (e.checked && !groups.get(g).checked)) groups.set(g, e);
	}
	return all.filter(e => e.type !== 'radio' || !e.name ||
		groups.get((e.form ? __e2eKey(e.form) : '') + '/' + e.name) === e).map(e => __e2eKey(e));
};
return true;
})()`

// stopJS describes the focused element.
const stopJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return null;
	const cs = getComputedStyle(e);
	return {key: __e2eKey(e), tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
		type: e.getAttribute('type') || '', label: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40),
		outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, shadow: cs.boxShadow,
		focusVisible: e.matches(':focus-visible'), closed: e.tagName === 'SUMMARY' && !e.parentElement.open};
})()`

// stop is one place the Tab key stopped at.
type stop struct {
	Key          string  `json:"key"`
	Tag          string  `json:"tag"`
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Type         string  `json:"type"`
	Label        string  `json:"label"`
	Outline      string  `json:"outline"`
	OutlineWidth float64 `json:"outlineWidth"`
	Shadow       string  `json:"shadow"`
	FocusVisible bool    `json:"focusVisible"`
	Closed       bool    `json:"closed"`
}

func (s stop) String() string {
	out := s.Tag
	if s.ID != "" {
		out += "#" + s.ID
	} else if s.Name != "" {
		out += "[name=" + s.Name + "]"
	}
	if s.Label != "" && s.ID == "" {
		out += fmt.Sprintf(" %q", s.Label)
	}
	return out
}

// tabWalk presses Tab from the top of the page until focus leaves the
// page, opening each closed details element on the way with Enter (as a
// keyboard user would, to reach what is inside). It checks that every
// stop shows a visible focus indicator, and that the stops are exactly
// the page's tabbable elements in document order. It returns the stops.
func tabWalk(t *testing.T, p *tab, shots map[string]string) []stop {
	t.Helper()
	var positive int
	p.eval(`document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex^="-"])').length`, &positive)
	if positive > 0 {
		p.errorf("%d elements have a positive tabindex, which breaks the reading order", positive)
	}
	p.eval(focusJS, nil)
	p.eval(`document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true`, nil)
	var stops []stop
	var invisible []string
	for i := 0; ; i++ {
		if i > 600 {
			p.fatalf("still tabbing after 600 presses; last stops: %v", stops[max(0, len(stops)-5):])
		}
		p.run(chromedp.KeyEvent(kb.Tab))
		var s *stop
		p.eval(stopJS, &s)
		if s == nil {
			if len(stops) > 0 {
				break // past the last element, out of the page
			}
			continue
		}
		if len(stops) > 0 && s.Key == stops[0].Key {
			break // round again
		}
		if len(stops) > 0 && s.Key == stops[len(stops)-1].Key {
			continue // the parts of a date or time field
		}
		stops = append(stops, *s)
		if !s.FocusVisible || (s.Outline == "none" || s.OutlineWidth == 0) && (s.Shadow == "" || s.Shadow == "none") {
			invisible = append(invisible, fmt.Sprintf("%s (outline %s %gpx, box-shadow %s, :focus-visible %v)",
				s, s.Outline, s.OutlineWidth, s.Shadow, s.FocusVisible))
		}
		if name, ok := shots[s.Key]; ok {
			p.snapAt(name, s.Key)
		}
		if s.Closed {
			p.run(chromedp.KeyEvent(kb.Enter))
			var open bool
			p.eval(`document.activeElement.parentElement.open`, &open)
			if !open {
				p.errorf("Enter did not open %s", s)
			}
		}
	}
	for _, s := range invisible {
		p.errorf("no visible focus on %s", s)
	}

	var want []string
	p.eval(`__e2eTabbable()`, &want)
	got := make([]string, len(stops))
	for i, s := range stops {
		got[i] = s.Key
	}
	if d := orderDiff(want, got); d != "" {
		p.errorf("the Tab order is not every tabbable element in document order:\n%s", d)
	}
	return stops
}

// orderDiff describes how got differs from want ("" if equal).
func orderDiff(want, got []string) string {
	var b strings.Builder
	inGot := map[string]bool{}
	for _, g := range got {
		inGot[g] = true
	}
	inWant := map[string]bool{}
	for _, w := range want {
		inWant[w] = true
		if !inGot[w] {
			fmt.Fprintf(&b, "  never reached: %s\n", w)
		}
	}
	for _, g := range got {
		if !inWant[g] {
			fmt.Fprintf(&b, "  reached but not expected: %s\n", g)
		}
	}
	if b.Len() == 0 {
		for i := range want {
			if want[i] != got[i] {
				fmt.Fprintf(&b, "  out of order from stop %d: got %s, want %s\n", i+1, got[i], want[i])
				break
			}
		}
	}
	return b.String()
}

// submitLast checks that the form's submit buttons are shown after its
// fields, as the Tab key reaches them: a button drawn above the fields it
// sends, but reached only after them, breaks the meaningful order.
func submitLast(t *testing.T, p *tab, form string) {
	t.Helper()
	var res struct {
		Fields float64  `json:"fields"`
		Field  string   `json:"field"`
		Late   []string `json:"late"`
	}
	p.eval(fmt.Sprintf(`(() => {
		const f = document.querySelector(%q);
		const top = e => e.getBoundingClientRect().top + window.scrollY;
		const fields = Array.from(f.querySelectorAll('input:not([type=hidden]), select, textarea'))
			.filter(e => e.getClientRects().length > 0);
		let last = fields[0];
		for (const e of fields) if (top(e) > top(last)) last = e;
		const bottom = last ? top(last) : 0;
		return {fields: bottom, field: last ? __e2eKey(last) : '',
			late: Array.from(f.querySelectorAll('button[type=submit], button:not([type])'))
				.filter(b => top(b) < bottom - 2).map(b => __e2eKey(b) + ' "' + b.innerText.trim() + '" at y=' + Math.round(top(b)))};
	})()`, form), &res)
	for _, b := range res.Late {
		p.errorf("the submit button %s is shown above the field %s (y=%d) that comes before it in the Tab order",
			b, res.Field, int(res.Fields))
	}
}

// TestKeyboardSearch walks the search page with the Tab key alone, then
// searches with the keyboard.
func TestKeyboardSearch(t *testing.T) {
	needEnv(t)
	p := newTab(t, desktop, true)
	en := locales.New(env.bundle, "en")
	p.open("/activities?lang=en&category=language_cafe")
	stops := tabWalk(t, p, map[string]string{
		"#f-q":    "focus-search-field",
		"#f-free": "focus-free-only",
		"#f-age":  "focus-age",
	})
	submitLast(t, p, "form[role=search]")
	if len(stops) == 0 {
		t.Fatal("the Tab key reached nothing")
	}
	if stops[0].Tag != "a" || stops[0].Label != en.T("web.skip") {
		t.Errorf("the first Tab stop is %v, want the skip link %q", stops[0], en.T("web.skip"))
	}
	var form []string
	for _, s := range stops {
		if s.ID != "" && strings.HasPrefix(s.ID, "f-") || s.Tag == "button" {
			form = append(form, s.String())
		}
	}
	for _, id := range []string{"f-q", "f-category", "f-language", "f-weekday", "f-district", "f-age", "f-free"} {
		found := false
		for _, s := range stops {
			found = found || s.ID == id
		}
		if !found {
			t.Errorf("the search field %s is never reached with Tab", id)
		}
	}
	t.Logf("%d Tab stops; the search form's: %s", len(stops), strings.Join(form, ", "))

	// The skip link takes focus to the content; the next Tab is the search
	// field; typing and Enter search.
	p.open("/activities?lang=en")
	p.eval(focusJS, nil)
	p.run(chromedp.KeyEvent(kb.Tab))
	p.snap("skip-link")
	p.run(chromedp.KeyEvent(kb.Enter))
	if id := p.attr(":focus", "id"); id != "main" {
		t.Errorf("after the skip link, focus is on %q, want main", id)
	}
	p.run(chromedp.KeyEvent(kb.Tab))
	if id := p.attr(":focus", "id"); id != "f-q" {
		t.Fatalf("the first Tab after skipping lands on %q, want the search field f-q", id)
	}
	p.follow(chromedp.KeyEvent("kafé"), chromedp.KeyEvent(kb.Enter))
	if !strings.Contains(p.path(), "q=kaf") {
		t.Errorf("Enter in the search field went to %s", p.path())
	}
	if heading := p.text("#results-heading"); heading == "" || strings.HasPrefix(heading, "0 ") {
		t.Errorf("keyboard search for kafé: %q", heading)
	}
	p.snap("searched-with-keyboard")
}

// TestKeyboardActivityForm walks the new-activity form with the Tab key
// alone: every control is reached in order, with a visible focus, and the
// keyboard ticks boxes.
func TestKeyboardActivityForm(t *testing.T) {
	needEnv(t)
	p := newTab(t, desktop, true)
	p.login(env.editor)
	p.open("/manage?lang=en")
	newAct := p.attr(`a[href^="/manage/activities/new"]`, "href")
	if newAct == "" {
		p.fatalf("no link to add an activity")
	}
	p.open(withLang(newAct, "en"))
	var controls int
	p.eval(`document.querySelectorAll('form.activity-form :is(input:not([type=hidden]), select, textarea, button)').length`, &controls)
	stops := tabWalk(t, p, map[string]string{
		"#f-title-nb":               "focus-title",
		"#f-schedules-0-kind":       "focus-schedule-kind",
		"#f-schedules-0-days-tu":    "focus-tuesday",
		"#f-schedules-0-start_date": "focus-start-date",
		"#f-languages-ar":           "focus-language-arabic",
		"#f-cost-kind-free":         "focus-cost",
		"#f-contact-phone":          "focus-contact-phone",
	})
	submitLast(t, p, "form.activity-form")
	// The form's own controls (not the page's links around it).
	var reached int
	for _, s := range stops {
		if s.Tag != "a" && s.Tag != "summary" {
			reached++
		}
	}
	t.Logf("%d Tab stops in all; %d form controls reached of %d in the form (the monthly schedule's fields are hidden while the schedule is weekly, and a radio group is one stop)",
		len(stops), reached, controls)

	// The keyboard ticks a box: Space on Tuesday.
	p.open(withLang(newAct, "en"))
	p.eval(`document.getElementById('f-schedules-0-days-tu').focus(), true`, nil)
	p.run(chromedp.KeyEvent(" "))
	var checked bool
	p.eval(`document.getElementById('f-schedules-0-days-tu').checked`, &checked)
	if !checked {
		t.Error("Space on the Tuesday box did not tick it")
	}
}
