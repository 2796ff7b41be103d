package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Oslo on hosts without a zone database

	"broen/locales"
)

// TestOrganisationListsActivityAndCoordinatorApproves: a person registers
// an organisation and becomes its editor by the emailed invitation, adds an
// activity held weekly on Tuesdays with one Tuesday off, and submits it;
// the coordinator signs in, finds both in the moderation queue and approves
// them; then the public search shows the activity in every locale, without
// the Tuesday off.
func TestOrganisationListsActivityAndCoordinatorApproves(t *testing.T) {
	needEnv(t)
	const (
		orgName = "Brobyggerne Drammen"
		title   = "Brobyggerkafé på Strømsø"
		query   = "brobygger"
		person  = "selam.tesfay@brobyggerne.example"
	)
	nb := locales.New(env.bundle, "nb")
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	// Weekly on Tuesdays from tomorrow; the second Tuesday is off.
	start := time.Now().In(oslo).AddDate(0, 0, 1)
	first := start
	for first.Weekday() != time.Tuesday {
		first = first.AddDate(0, 0, 1)
	}
	off, third := first.AddDate(0, 0, 7), first.AddDate(0, 0, 14)
	iso := func(d time.Time) string { return d.Format("2006-01-02") }

	// 1. Someone from the organisation registers it, reading in bokmål.
	ed := newTab(t, desktop, true)
	ed.open("/register?lang=nb")
	ed.typeInto("#f-name", orgName)
	ed.set("#f-kind", "immigrant")
	ed.set("#f-description-nb", "Vi bygger bro mellom nye og gamle drammensere med kaffe, samtale og leksehjelp.")
	ed.typeInto("#f-address", "Tollbugata 5")
	ed.typeInto("#f-postcode", "3044")
	ed.typeInto("#f-city", "Drammen")
	ed.typeInto("#f-district", "Strømsø")
	ed.typeInto("#f-person_name", "Selam Tesfay")
	ed.typeInto("#f-person_email", person)
	ed.snap("register-filled")
	ed.click(`form[action="/register"] button[type=submit]`)
	if got, want := ed.text(`main .flash[role=status]`), nb.T("registry.register.done"); got != want {
		ed.fatalf("after registering: %q, want %q", got, want)
	}
	ed.snap("registered")
	var orgs listing
	getJSON(t, "/api/v1/organisations?q="+query, &orgs)
	if orgs.Total != 0 {
		t.Fatal("the organisation is public before the coordinator approved it")
	}

	// 2. The invitation (logged by the dev-mode server instead of sent)
	// lets them choose a password; that signs them in.
	_, link := waitEmail(t, person, regexp.MustCompile(`https?://[^/\s]+(/invitation\?token=\S+)`))
	ed.open(link[1])
	ed.snap("invitation")
	password := "bro-mellom-nye-og-gamle-2026"
	ed.typeInto("#f-password", password)
	ed.typeInto("#f-confirm", password)
	ed.click(`form[action="/invitation"] button[type=submit]`)
	if path := ed.path(); path != "/account" {
		ed.fatalf("after choosing a password: %s, want /account", path)
	}
	if got, want := ed.text(".flash"), nb.T("accounts.password.saved"); got != want {
		ed.errorf("flash %q, want %q", got, want)
	}
	ed.snap("signed-in")

	// 3. They add an activity to the organisation that still waits.
	ed.click(`a[href="/manage"]`)
	if !strings.Contains(ed.text("main"), orgName) {
		ed.fatalf("the new organisation is not on the editor's page")
	}
	ed.snap("manage")
	ed.click(`a[href^="/manage/activities/new?organisation="]`)
	ed.typeInto("#f-title-nb", title)
	ed.set("#f-description-nb", "Kaffe, te og samtale på norsk og tigrinja. Ta med barna, det er leker og fargestifter.")
	ed.set("#f-how_to_join-nb", "Bare kom innom, ingen påmelding.")
	ed.set("#f-schedules-0-kind", "weekly")
	ed.check("#f-schedules-0-days-tu")
	ed.set("#f-schedules-0-interval", "1")
	ed.set("#f-schedules-0-start_date", iso(start))
	ed.set("#f-schedules-0-start_time", "18:00")
	ed.set("#f-schedules-0-end_time", "20:00")
	ed.typeInto("#f-schedules-0-except", off.Format("02.01.2006"))
	ed.typeInto("#f-location-name", "Strømsø bydelshus")
	ed.typeInto("#f-location-address", "Tollbugata 5")
	ed.typeInto("#f-location-postcode", "3044")
	ed.typeInto("#f-location-city", "Drammen")
	ed.typeInto("#f-location-district", "Strømsø")
	ed.set("#f-category", "language_cafe")
	ed.check("#f-languages-nb")
	ed.check("#f-languages-ti")
	ed.check("#f-cost-kind-free")
	ed.snapAt("activity-form-schedule", "#f-schedules-0-kind")
	ed.click(`form.activity-form button[type=submit]`)
	if path := ed.path(); !strings.HasPrefix(path, "/manage") || strings.Contains(path, "/new") {
		ed.fatalf("after saving the activity: %s\n%s", path, ed.text("main"))
	}
	if !strings.Contains(ed.text("main"), title) {
		ed.errorf("the new activity is not on the editor's page")
	}
	ed.snap("activity-submitted")
	var acts listing
	getJSON(t, "/api/v1/activities?q="+query, &acts)
	if acts.Total != 0 {
		t.Fatal("the activity is public before the coordinator approved it")
	}

	// 4. The coordinator signs in and finds both in the moderation queue.
	co := newTab(t, desktop, true)
	co.login(env.coord)
	co.click(`nav.main-nav a[href="/admin/moderation"]`)
	queue := co.text("main")
	for _, want := range []string{orgName, title} {
		if !strings.Contains(queue, want) {
			co.fatalf("%q is not in the moderation queue:\n%s", want, queue)
		}
	}
	co.snap("moderation-queue")
	approve := func(name string, wantChanges ...string) {
		t.Helper()
		var href string
		co.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('main a[href^="/admin/moderation/"]'))
			.find(a => a.textContent.trim() === %q)?.getAttribute('href') ?? ''`, name), &href)
		if href == "" {
			co.fatalf("no link to review %q", name)
		}
		co.click(fmt.Sprintf(`main a[href=%q]`, href))
		changes := strings.Join(co.texts("table.diff ins"), "\n")
		for _, w := range wantChanges {
			if !strings.Contains(changes, w) {
				co.errorf("the review of %q does not show %q among the changes:\n%s", name, w, changes)
			}
		}
		co.snap("review-" + name)
		co.click(`button[name=decision][value=approve]`)
		if path := co.path(); path != "/admin/moderation" {
			co.fatalf("after approving %q: %s", name, path)
		}
		var left bool
		co.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('main a[href^="/admin/moderation/"]'))
			.some(a => a.textContent.trim() === %q)`, name), &left)
		if left {
			co.errorf("%q is still in the queue after approval", name)
		}
	}
	approve(orgName, orgName, "Tollbugata 5")
	approve(title, title, "FREQ=WEEKLY;BYDAY=TU", iso(off))
	co.snap("queue-after-approval")

	// 5. The public search shows it in every locale, and the activity page
	// skips the Tuesday off.
	pub := newTab(t, desktop, true)
	for _, lang := range allLocales {
		l := locales.New(env.bundle, lang)
		pub.open("/activities?q=" + query + "&lang=" + lang)
		if got := pub.lang(); got != lang {
			pub.errorf("%s: html lang=%q", lang, got)
		}
		if got, want := pub.text("#results-heading"), l.N("registry.activity.count", 1); got != want {
			pub.errorf("%s: result count %q, want %q", lang, got, want)
		}
		if got := pub.text(".card h3 a"); got != title {
			pub.errorf("%s: card title %q, want %q", lang, got, title)
		}
		card := pub.text(".card")
		for _, want := range []string{l.Weekday(time.Tuesday), l.T("registry.language.ti"), "Strømsø"} {
			if !strings.Contains(strings.ToLower(card), strings.ToLower(want)) {
				pub.errorf("%s: the card lacks %q:\n%s", lang, want, card)
			}
		}
		pub.snapAt("search-"+lang, "#results-heading")
		pub.click(".card h3 a")
		if got := pub.text("h1"); got != title {
			pub.errorf("%s: activity page heading %q", lang, got)
		}
		var times []string
		pub.eval(`Array.from(document.querySelectorAll('ul.occurrences time')).map(t => t.getAttribute('datetime'))`, &times)
		dates := strings.Join(times, " ")
		if !strings.Contains(dates, iso(first)+"T18:00") || !strings.Contains(dates, iso(third)+"T18:00") {
			pub.errorf("%s: next times %v lack %s and %s", lang, times, iso(first), iso(third))
		}
		if strings.Contains(dates, iso(off)) {
			pub.errorf("%s: next times %v include the Tuesday off, %s", lang, times, iso(off))
		}
		if lang == "nb" {
			pub.snap("activity-" + lang)
		}
	}
	getJSON(t, "/api/v1/organisations?q="+query, &orgs)
	if orgs.Total != 1 {
		t.Errorf("the approved organisation: %d found by the API", orgs.Total)
	}
}
