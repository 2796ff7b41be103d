package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"

	"broen/locales"
)

// TestNewcomerFindsArabicActivityOnTuesday: a newcomer whose phone is set
// to Swedish, on a 360×740 screen, looks for something held in Arabic on a
// Tuesday and opens it.
func TestNewcomerFindsArabicActivityOnTuesday(t *testing.T) {
	needEnv(t)
	p := newTab(t, phone, true)
	sv := locales.New(env.bundle, "sv")
	p.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "sv-SE,sv;q=0.9,en;q=0.5"}))

	// The home page answers in Swedish, chosen from the browser's language.
	p.open("/")
	if got := p.lang(); got != "sv" {
		t.Fatalf(`html lang=%q, want "sv" from Accept-Language`, got)
	}
	if got, want := p.text("h1"), sv.T("web.home.heading"); got != want {
		p.errorf("heading %q, want %q", got, want)
	}
	p.noOverflow()
	p.snap("home-in-swedish")

	// To the search page by the link to every activity.
	p.click(`main a[href="/activities"]`)
	if got, want := p.text("h1"), sv.T("web.search.heading"); got != want {
		p.fatalf("search heading %q, want %q", got, want)
	}
	p.noOverflow()

	// Spoken language Arabic, weekday Tuesday.
	p.set("#f-language", "ar")
	p.set("#f-weekday", "2")
	var day string
	p.eval(`document.querySelector('#f-weekday').selectedOptions[0].textContent`, &day)
	if got := strings.TrimSpace(day); got != sv.Weekday(time.Tuesday) {
		p.errorf("weekday option %q, want %q", got, sv.Weekday(time.Tuesday))
	}
	p.snap("filters-arabic-tuesday")
	p.click(`form[role=search] button[type=submit]`)
	path := p.path()
	if !strings.Contains(path, "language=ar") || !strings.Contains(path, "weekday=2") {
		p.fatalf("search address %s lacks the filters", path)
	}
	var api listing
	getJSON(t, "/api/v1/activities?language=ar&weekday=2&per_page=100", &api)
	if api.Total == 0 {
		t.Fatal("the demo municipality has nothing in Arabic on Tuesdays")
	}
	if got, want := p.text("#results-heading"), sv.N("registry.activity.count", api.Total); got != want {
		p.errorf("result count %q, want %q", got, want)
	}
	arabic := sv.T("registry.language.ar")
	cards := p.texts(".card")
	if len(cards) == 0 {
		p.fatalf("no result cards")
	}
	for i, c := range cards {
		if !strings.Contains(c, arabic) {
			p.errorf("card %d does not say %q:\n%s", i+1, arabic, c)
		}
	}
	p.noOverflow()
	p.snapAt("results", "#results-heading")

	// The first result, opened by its title.
	title := p.text(".card h3 a")
	p.click(".card h3 a")
	if !regexp.MustCompile(`^/activities/\d+$`).MatchString(p.path()) {
		p.fatalf("opened %s, want an activity page", p.path())
	}
	if got := p.text("h1"); got != title {
		p.errorf("activity heading %q, want the card's title %q", got, title)
	}
	if p.lang() != "sv" {
		p.errorf("the activity page is not in Swedish: lang=%q", p.lang())
	}
	facts := p.text("aside.side-col")
	if !strings.Contains(facts, arabic) {
		p.errorf("the facts do not list %q:\n%s", arabic, facts)
	}
	tuesday := false
	for _, when := range p.texts("ul.occurrences li") {
		if strings.Contains(when, sv.Weekday(time.Tuesday)) {
			tuesday = true
		}
	}
	if !tuesday {
		p.errorf("no %s among the next times", sv.Weekday(time.Tuesday))
	}
	p.noOverflow()
	p.snap("activity")
}
