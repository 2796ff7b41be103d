package e2e

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeTags are the rules checked: WCAG 2.0 and 2.1, levels A and AA (the
// law for municipal web services in Norway, Denmark and Sweden).
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']`

// axeRun runs axe-core on the page and returns what the test reports.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ` + axeTags + `}, resultTypes: ['violations']})
.then(r => ({
	violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
			html: n.html, summary: n.failureSummary || ''}))})),
	incomplete: r.incomplete.map(v => v.id),
	version: axe.version}))`

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Incomplete []string       `json:"incomplete"` // rules axe could not decide ("needs review")
	Version    string         `json:"version"`
}

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

var axeVersion sync.Once

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile("testdata/axe/axe.min.js")
	return string(b), err
})

// axe injects axe-core (vendored, never from a CDN) and runs it. The
// site's Content-Security-Policy forbids inline scripts in the page, but
// not evaluation through the DevTools protocol.
func (p *tab) axe() axeResult {
	p.t.Helper()
	src, err := axeSource()
	if err != nil {
		p.t.Fatalf("axe-core: %v", err)
	}
	var loaded bool
	p.eval(`typeof window.axe === 'object'`, &loaded)
	if !loaded {
		p.run(chromedp.Evaluate(src+"\n;true", nil))
	}
	var res axeResult
	defer axeVersion.Do(func() { p.t.Logf("axe-core %s", res.Version) })
	if err := p.try(60*time.Second, chromedp.Evaluate(axeRun, &res, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
		return e.WithAwaitPromise(true)
	})); err != nil {
		p.fatalf("axe.run: %v", err)
	}
	return res
}

// axePage is one page type: how to reach it in a given language and what
// shows that it is the page meant (not an error page or a redirect).
type axePage struct {
	name string
	path string       // opened with lang=
	then func(p *tab) // what a person does next (submit a form with errors)
	want string       // a selector the page must have
}

// TestAccessibility runs axe-core on every page type in all five
// languages, signed out, as an organisation editor and as the coordinator,
// and fails on any violation of the WCAG 2.0/2.1 A and AA rules.
func TestAccessibility(t *testing.T) {
	needEnv(t)
	act := firstID(t, "/api/v1/activities?language=ar&per_page=1")
	org := firstID(t, "/api/v1/organisations?per_page=1")
	// Rules axe could not decide ("needs review"), with the pages: logged
	// for a person to look at, not failures.
	undecided := map[string][]string{}
	defer func() {
		for _, id := range slices.Sorted(maps.Keys(undecided)) {
			t.Logf("axe could not decide %s (check by hand) on: %s", id, strings.Join(undecided[id], ", "))
		}
	}()

	// The people signed in, and what their pages need: a change that waits
	// for the coordinator (for the review page) and an invitation link
	// (for the page where the invited person chooses a password).
	ed := newTab(t, desktop, true)
	ed.login(env.editor)
	ed.open("/manage")
	orgEdit := ed.attr(`a[href^="/manage/organisations/"][href$="/edit"]`, "href")
	actEdit := ed.attr(`a[href^="/manage/activities/"][href$="/edit"]`, "href")
	newAct := ed.attr(`a[href^="/manage/activities/new"]`, "href")
	if orgEdit == "" || actEdit == "" || newAct == "" {
		ed.fatalf("the editor's page lacks edit links")
	}
	orgName := ed.text("section.manage-org h2")
	orgName = strings.TrimSpace(strings.TrimSuffix(orgName, ed.text("section.manage-org h2 .tag")))
	ed.open(orgEdit)
	ed.eval(`document.querySelectorAll('details').forEach(d => d.open = true)`, nil)
	ed.set("#f-description-nb", "Endret av tilgjengelighetstesten "+time.Now().Format(time.RFC3339Nano))
	ed.click(`main form button[type=submit]`)
	if strings.HasSuffix(ed.path(), "/edit") {
		ed.fatalf("the organisation change was not saved:\n%s", ed.text("main"))
	}

	co := newTab(t, desktop, true)
	co.login(env.coord)
	co.open("/admin/moderation")
	var review string
	co.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('main a[href^="/admin/moderation/"]'))
		.find(a => a.textContent.trim() === %q)?.getAttribute('href') ?? ''`, orgName), &review)
	if review == "" {
		co.fatalf("the editor's change to %q is not in the moderation queue", orgName)
	}
	invited := "tilgjengelighet@demo.broen.example"
	co.open("/account/invite")
	co.typeInto("#f-name", "Tilgjengelighet Test")
	co.typeInto("#f-email", invited)
	co.set("#f-role", "editor")
	co.set("#f-organisation_id", strings.TrimSuffix(strings.TrimPrefix(orgEdit, "/manage/organisations/"), "/edit"))
	co.click(`form[action="/account/invite"] button[type=submit]`)
	_, link := waitEmail(t, invited, regexp.MustCompile(`https?://[^/\s]+(/invitation\?token=\S+)`))
	invitation := link[1]

	// Signed out.
	anon := newTab(t, desktop, true)
	n := 0
	loginError := func(p *tab) {
		n++
		p.typeInto("#f-email", fmt.Sprintf("ingen.%d@demo.broen.example", n))
		p.typeInto("#f-password", "feil-passord-123")
		p.click(`form[action="/login"] button[type=submit]`)
	}
	registerErrors := func(p *tab) {
		// The browser's own checks (required) are skipped, so the
		// server's error page is the one checked.
		p.eval(`document.querySelector('form[action="/register"]').noValidate = true`, nil)
		p.typeInto("#f-name", "Halvferdig forening")
		p.typeInto("#f-postcode", "30440")
		p.typeInto("#f-person_email", "ikke-en-adresse")
		p.click(`form[action="/register"] button[type=submit]`)
	}
	passwordErrors := func(p *tab) {
		// A password that is refused leaves the link unused.
		p.eval(`document.querySelector('form[action="/invitation"]').noValidate = true`, nil)
		p.typeInto("#f-password", "kort")
		p.typeInto("#f-confirm", "annet")
		p.click(`form[action="/invitation"] button[type=submit]`)
	}
	public := []axePage{
		{name: "home", path: "/", want: "form[role=search]"},
		{name: "search", path: "/activities?category=language_cafe", want: ".card"},
		{name: "search-error", path: "/activities?age=-3&weekday=9", want: ".error-summary"},
		{name: "activity", path: fmt.Sprintf("/activities/%d", act), want: "article.activity"},
		{name: "organisation", path: fmt.Sprintf("/organisations/%d", org), want: "h1"},
		{name: "organisations", path: "/organisations", want: ".org-list"},
		{name: "not-found", path: "/finnes-ikke", want: ".error-page"},
		{name: "login", path: "/login", want: `form[action="/login"]`},
		{name: "login-error", path: "/login", then: loginError, want: ".error-summary"},
		{name: "forgot-password", path: "/password/forgot", want: `form[action="/password/forgot"]`},
		{name: "choose-password", path: invitation, want: `form[action="/invitation"]`},
		{name: "choose-password-errors", path: invitation, then: passwordErrors, want: ".field-error"},
		{name: "link-without-token", path: "/password/reset", want: ".error-summary"},
		{name: "register", path: "/register", want: `form[action="/register"]`},
		{name: "register-errors", path: "/register", then: registerErrors, want: ".error-summary"},
		{name: "volunteer-signup", path: "/volunteer", want: `form.profile-form`},
		{name: "volunteer-signup-errors", path: "/volunteer", then: submitProfileEmpty, want: ".error-summary"},
	}
	checkPages(t, anon, "signed-out", public, undecided)
	// Newcomers mostly have a phone: the public pages again on a small
	// screen (but no more failed sign-ins, which are rate-limited).
	small := newTab(t, phone, true)
	checkPages(t, small, "signed-out-phone", slices.DeleteFunc(slices.Clone(public), func(pg axePage) bool {
		return pg.name == "login-error"
	}), undecided)

	submitEmpty := func(p *tab) { p.click(`form.activity-form button[type=submit]`) }

	// The mentoring programme's pages need ids of records in every state.
	firstLink := func(p *tab, list, prefix string) string {
		p.open(list)
		var href string
		p.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('main a[href^="%[1]s"]')).map(a => a.getAttribute('href'))
			.find(h => /^\d+$/.test(h.slice(%[2]d))) ?? ''`, prefix, len(prefix)), &href)
		if href == "" {
			p.fatalf("no link to %s… on %s:\n%s", prefix, list, p.text("main"))
		}
		return href
	}
	proposed := firstLink(co, "/mentoring/pairings?status=proposed", "/mentoring/pairings/")
	active := firstLink(co, "/mentoring/pairings?status=active", "/mentoring/pairings/")
	ended := firstLink(co, "/mentoring/pairings?status=ended", "/mentoring/pairings/")
	volunteerRec := firstLink(co, "/mentoring/volunteers?status=available", "/mentoring/volunteers/")
	newcomerRec := firstLink(co, "/mentoring/newcomers", "/mentoring/newcomers/")
	checkPages(t, ed, "editor", []axePage{
		{name: "home", path: "/", want: `nav a[href="/manage"]`},
		{name: "manage", path: "/manage", want: "section.manage-org"},
		{name: "activity-new", path: newAct, want: "form.activity-form"},
		{name: "activity-new-errors", path: newAct, then: submitEmpty, want: ".error-summary"},
		{name: "activity-edit", path: actEdit, want: "form.activity-form"},
		{name: "organisation-edit", path: orgEdit, want: "form.stack"},
		{name: "account", path: "/account", want: "h1"},
		{name: "invite", path: "/account/invite", want: `form[action="/account/invite"]`},
	}, undecided)

	checkPages(t, co, "coordinator", []axePage{
		{name: "home", path: "/", want: `nav a[href="/admin/moderation"]`},
		{name: "account", path: "/account", want: "h1"},
		{name: "moderation", path: "/admin/moderation", want: `main a[href^="/admin/moderation/"]`},
		{name: "review", path: review, want: `button[name=decision]`},
		{name: "admin-activities", path: "/admin/activities", want: "h1"},
		{name: "admin-organisations", path: "/admin/organisations", want: "h1"},
		{name: "merge", path: fmt.Sprintf("/admin/organisations/%d/merge", org), want: "form"},
		{name: "audit", path: "/admin/audit", want: "h1"},
		{name: "tokens", path: "/admin/tokens", want: `form[action="/admin/tokens"]`},
		{name: "invite", path: "/account/invite", want: `form[action="/account/invite"]`},
		{name: "activity-edit", path: actEdit, want: "form.activity-form"},
		{name: "mentoring", path: "/mentoring", want: "h1"},
		{name: "mentoring-match", path: "/mentoring/match", want: `form[action="/mentoring/match"]`},
		{name: "mentoring-pairings", path: "/mentoring/pairings", want: `main a[href^="/mentoring/pairings/"]`},
		{name: "mentoring-pairing-proposed", path: proposed, want: `form[action$="/withdraw"]`},
		{name: "mentoring-pairing-active", path: active, want: `form[action$="/contacts"]`},
		{name: "mentoring-pairing-ended", path: ended, want: "h1"},
		{name: "mentoring-follow-up", path: "/mentoring/follow-up", want: "h1"},
		{name: "mentoring-weights", path: "/mentoring/weights", want: `form[action="/mentoring/weights"]`},
		{name: "mentoring-volunteers", path: "/mentoring/volunteers", want: "h1"},
		{name: "mentoring-volunteer", path: volunteerRec, want: "h1"},
		{name: "mentoring-volunteer-edit", path: volunteerRec + "/edit", want: `form.profile-form`},
		{name: "mentoring-volunteer-new-errors", path: "/mentoring/volunteers/new", then: submitProfileEmpty, want: ".error-summary"},
		{name: "mentoring-newcomers", path: "/mentoring/newcomers", want: "h1"},
		{name: "mentoring-newcomer", path: newcomerRec, want: "h1"},
		{name: "mentoring-newcomer-new", path: "/mentoring/newcomers/new", want: `form.profile-form`},
	}, undecided)

	vol := newTab(t, phone, true)
	vol.login(env.volunteer)
	checkPages(t, vol, "volunteer-phone", []axePage{
		{name: "me", path: "/me", want: "h1"},
		{name: "account", path: "/account", want: "h1"},
	}, undecided)
}

// submitProfileEmpty sends a volunteer or newcomer form with nothing filled
// in, past the browser's own checks, so the server's errors are shown.
func submitProfileEmpty(p *tab) {
	p.eval(`document.querySelector('form.profile-form').noValidate = true`, nil)
	p.click(`form.profile-form button[type=submit]`)
}

// checkPages runs axe on each page in every locale, one sub-test a page,
// and reports each rule broken once, with the locales it is broken in.
func checkPages(t *testing.T, p *tab, who string, pages []axePage, undecided map[string][]string) {
	defer func() { p.t = t }()
	for _, pg := range pages {
		t.Run(who+"/"+pg.name, func(t *testing.T) {
			p.t = t
			type found struct {
				v       axeViolation
				locales []string
			}
			var rules []*found
			byID := map[string]*found{}
			var incomplete []string
			for _, lang := range allLocales {
				p.open(withLang(pg.path, lang))
				if pg.then != nil {
					pg.then(p)
				}
				if p.lang() != lang {
					p.errorf("html lang=%q, want %q", p.lang(), lang)
				}
				if p.count(pg.want) == 0 {
					p.fatalf("%s in %s is not the page meant: no %s\n%s", pg.name, lang, pg.want, p.text("main"))
				}
				if pg.name != "not-found" && p.count(".error-page") > 0 {
					p.fatalf("%s in %s is an error page:\n%s", pg.name, lang, p.text("main"))
				}
				for _, m := range p.takeProblems() {
					p.errorf("browser console in %s: %s", lang, m)
				}
				res := p.axe()
				for _, id := range res.Incomplete {
					if !slices.Contains(incomplete, id) {
						incomplete = append(incomplete, id)
					}
				}
				if len(res.Violations) > 0 && len(rules) == 0 {
					p.snap(fmt.Sprintf("%s-%s-%s", who, pg.name, lang))
				}
				for _, v := range res.Violations {
					f := byID[v.ID]
					if f == nil {
						f = &found{v: v}
						byID[v.ID] = f
						rules = append(rules, f)
					}
					f.locales = append(f.locales, lang)
				}
			}
			for _, id := range incomplete {
				undecided[id] = append(undecided[id], who+"/"+pg.name)
			}
			for _, f := range rules {
				t.Errorf("%s", describeViolation(f.v, pg, f.locales))
			}
		})
	}
}

var spaces = regexp.MustCompile(`\s+`)

func describeViolation(v axeViolation, pg axePage, langs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "axe %s (%s) on %s [%s] in %s: %s\n    %s", v.ID, v.Impact, pg.name, pg.path, strings.Join(langs, " "), v.Help, v.HelpURL)
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n    … and %d more elements", len(v.Nodes)-3)
			break
		}
		html := n.HTML
		if r := []rune(html); len(r) > 200 {
			html = string(r[:200]) + "…"
		}
		fmt.Fprintf(&b, "\n    - %s\n      %s\n      %s", strings.Join(n.Target, " "), html,
			spaces.ReplaceAllString(n.Summary, " "))
	}
	return b.String()
}

// TestAxeReportsViolations makes sure the harness can fail: an image
// without a text alternative and a field without a label, added to a page,
// are reported.
func TestAxeReportsViolations(t *testing.T) {
	needEnv(t)
	p := newTab(t, desktop, true)
	p.open("/?lang=nb")
	p.eval(`(() => { const m = document.querySelector('main');
		const img = document.createElement('img'); img.src = '/static/favicon.svg'; m.append(img);
		const input = document.createElement('input'); input.type = 'text'; m.append(input);
		return true })()`, nil)
	var ids []string
	for _, v := range p.axe().Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe did not report %s on a page made to break it; it reported %v", want, ids)
		}
	}
}
