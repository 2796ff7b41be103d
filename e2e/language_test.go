package e2e

import (
	"fmt"
	"net/url"
	"reflect"
	"testing"

	"broen/locales"
)

// TestLanguageSwitcherKeepsPage: choosing another language in the switcher
// shows the same page — the same search, the same activity, the same page
// of results — in that language, and the choice is remembered.
func TestLanguageSwitcherKeepsPage(t *testing.T) {
	needEnv(t)
	act := firstID(t, "/api/v1/activities?language=ar&per_page=1")
	org := firstID(t, "/api/v1/organisations?per_page=1")
	pages := []struct{ name, path, heading string }{
		{"search", "/activities?language=ar&weekday=2&free=1", "web.search.heading"},
		{"results-page-2", "/activities?page=2", "web.search.heading"},
		{"activity", fmt.Sprintf("/activities/%d", act), ""},
		{"organisation", fmt.Sprintf("/organisations/%d", org), ""},
		{"login", "/login", "accounts.login.heading"},
		{"not-found", "/finnes-ikke?side=2", "error.not_found"},
	}
	p := newTab(t, phone, true)
	for _, pg := range pages {
		p.open(withLang(pg.path, "nb"))
		heading := p.text("h1")
		for _, lang := range []string{"nn", "da", "sv", "en", "nb"} {
			from := p.path()
			p.click(fmt.Sprintf(`nav.langs a[hreflang=%q]`, lang))
			to := p.path()
			if !samePage(from, to) {
				p.errorf("%s: switching to %s went from %s to %s", pg.name, lang, from, to)
			}
			if got := p.lang(); got != lang {
				p.errorf("%s: after choosing %s, html lang=%q", pg.name, lang, got)
			}
			if cur := p.attr(`nav.langs a[aria-current="true"]`, "hreflang"); cur != lang {
				p.errorf("%s: the switcher marks %q as current, want %q", pg.name, cur, lang)
			}
			h1 := p.text("h1")
			if pg.heading != "" {
				if want := locales.New(env.bundle, lang).T(pg.heading); h1 != want {
					p.errorf("%s in %s: heading %q, want %q", pg.name, lang, h1, want)
				}
			} else if pg.name == "organisation" && h1 != heading {
				// A name is the same in every language.
				p.errorf("%s in %s: heading %q, want %q", pg.name, lang, h1, heading)
			}
			if lang == "sv" {
				p.snap(pg.name + "-sv")
			}
		}
	}

	// The choice is remembered: a page opened without ?lang= is in the
	// language chosen last.
	p.click(`nav.langs a[hreflang="da"]`)
	p.open("/organisations")
	if got := p.lang(); got != "da" {
		t.Errorf("after choosing Danish, /organisations is in %q", got)
	}
	p.snap("remembered-da")
}

// samePage reports whether two addresses are the same page apart from
// the lang parameter.
func samePage(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || ua.Path != ub.Path {
		return false
	}
	qa, qb := ua.Query(), ub.Query()
	qa.Del("lang")
	qb.Del("lang")
	return reflect.DeepEqual(qa, qb)
}
