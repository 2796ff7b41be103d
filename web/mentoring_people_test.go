package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
)

// Tests of the intake: the public volunteer sign-up, the waiting lists, the
// volunteer and newcomer records and forms, the account invitation and the
// JSON API.

// addVolunteer stores an available volunteer who has waited since since.
func (f *fixture) addVolunteer(t *testing.T, name string, since time.Time, edit ...func(*mentoring.Volunteer)) *mentoring.Volunteer {
	t.Helper()
	v := &mentoring.Volunteer{Profile: mentoring.Profile{Household: mentoring.HouseholdPerson, Name: name,
		Email: strings.ToLower(strings.Fields(name)[0]) + "@mentor.example", Locale: "nb",
		Languages: []mentoring.LanguageSkill{{Code: "nb", Level: mentoring.LevelNative}, {Code: "ar", Level: mentoring.LevelConversational}},
		Interests: []string{"sport"}, District: "Fjell",
		Availability: mentoring.Availability(0).With(mentoring.Slot{Day: time.Tuesday, Part: mentoring.Evening})},
		Status: mentoring.VolunteerAvailable, Capacity: 2, Offers: []mentoring.Need{mentoring.NeedLanguage},
		WaitingSince: since}
	for _, e := range edit {
		e(v)
	}
	if err := f.db.CreateVolunteer(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	return v
}

// addNewcomer stores a newcomer waiting since since.
func (f *fixture) addNewcomer(t *testing.T, name string, since time.Time, edit ...func(*mentoring.Newcomer)) *mentoring.Newcomer {
	t.Helper()
	n := &mentoring.Newcomer{Profile: mentoring.Profile{Household: mentoring.HouseholdPerson, Name: name, Locale: "en",
		Languages: []mentoring.LanguageSkill{{Code: "ar", Level: mentoring.LevelNative}}, Interests: []string{"sport"},
		District:     "Fjell",
		Availability: mentoring.Availability(0).With(mentoring.Slot{Day: time.Tuesday, Part: mentoring.Evening})},
		Status: mentoring.NewcomerWaiting, NordicLevel: mentoring.NordicBeginner,
		Needs: []mentoring.Need{mentoring.NeedLanguage}, WaitingSince: since}
	for _, e := range edit {
		e(n)
	}
	if err := f.db.CreateNewcomer(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	return n
}

// coordinator signs in a coordinator (Swedish, see addUser) in a browser.
func (f *fixture) coordinator(t *testing.T) (*browser, *accounts.User) {
	t.Helper()
	u := f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	if r := b.login(u.Email, goodPassword); r.status != http.StatusSeeOther {
		t.Fatalf("login: %d", r.status)
	}
	return b, u
}

// signupForm is a complete, valid sign-up.
func signupForm() url.Values {
	return url.Values{
		"household": {"family"}, "name": {"Familien Berg"}, "email": {"berg@example.no"}, "phone": {"900 12 345"},
		"locale": {"nn"}, "languages.0.code": {"nb"}, "languages.0.level": {"native"},
		"languages.1.code": {"ar"}, "languages.1.level": {"basic"},
		"interests": {"sport", "outdoor"}, "interest_tags": {"sjakk, fiske"}, "district": {"Fjell"},
		"availability": {"tue-evening", "sat-morning"}, "capacity": {"1"}, "offers": {"language", "leisure"},
		"adults": {"2"}, "children_ages": {"4, 9"}, "gender": {""}, "age_group": {"30-49"},
		"preferences.gender": {""}, "preferences.children": {"with"}, "consent": {"1"},
	}
}

func TestVolunteerSignup(t *testing.T) {
	f := newFixture(t)
	b := f.browser(t)
	bundle, _ := locales.NewBundle()
	nb := locales.New(bundle, "nb")

	t.Run("Form", func(t *testing.T) {
		r := b.get("/volunteer?lang=nb")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `action="/volunteer"`, `name="languages.3.code"`, `value="ti"`, `value="so"`, `value="prs"`,
			`value="uk"`, `value="kmr"`, `value="ar"`, `id="f-availability-mon-morning"`, `name="consent"`,
			`autocomplete="email"`, nb.T("mentoring.people.signup.privacy_police"), nb.T("mentoring.people.section.about_hint"))
		if strings.Contains(r.body, `name="status"`) || strings.Contains(r.body, "police_check") {
			t.Error("the public form offers the coordinator's fields")
		}
	})

	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		form := signupForm()
		form.Set("phone", "12ab")
		form.Set("children_ages", "4, 40")
		r := b.post("/volunteer?lang=nb", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, response{body: html.UnescapeString(r.body)}, nb.T("validation.phone"), nb.T("validation.mentoring.child_age"))
		wantContains(t, r, `id="e-phone"`,
			`id="e-children_ages"`, `aria-invalid="true"`, `value="Familien Berg"`, `value="berg@example.no"`,
			`value="12ab"`, `value="4, 40"`, `value="sjakk, fiske"`, `value="tue-evening" checked`,
			`value="outdoor" checked`, `<option value="ar" selected>`, `href="#f-phone"`)
		if n := countVolunteers(t, f, nil); n != 0 {
			t.Errorf("%d volunteers stored from a form with mistakes", n)
		}
	})

	t.Run("ErrConsentRequired", func(t *testing.T) {
		form := signupForm()
		form.Del("consent")
		r := b.post("/volunteer?lang=en", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "Tick the box to agree", `id="e-consent"`)
	})

	t.Run("ErrLevelWithoutLanguage", func(t *testing.T) {
		form := signupForm()
		form.Set("languages.2.level", "fluent")
		r := b.post("/volunteer?lang=en", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `id="e-languages-2-code"`)
	})

	t.Run("PendingNotOnWaitingList", func(t *testing.T) {
		r := b.post("/volunteer?lang=nb", signupForm())
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/volunteer/thanks" {
			t.Fatalf("status %d location %q", r.status, r.header.Get("Location"))
		}
		wantContains(t, b.get("/volunteer/thanks?lang=nb"), nb.T("mentoring.people.signup.thanks"))
		vs, _, err := f.db.FindVolunteers(context.Background(), mentoring.VolunteerFilter{})
		if err != nil || len(vs) != 1 {
			t.Fatalf("%v %d", err, len(vs))
		}
		v := vs[0]
		if v.Status != mentoring.VolunteerPending || v.UserID != 0 || v.Phone != "+4790012345" || v.Locale != "nn" ||
			len(v.ChildrenAges) != 2 || v.Adults != 2 || len(v.Interests) != 4 || v.Capacity != 1 || !v.WaitingSince.Equal(now) {
			t.Errorf("stored %+v", v)
		}
		yes := true
		if n := countVolunteers(t, f, &yes); n != 0 {
			t.Errorf("a pending volunteer is on the waiting list")
		}
		coord, _ := f.coordinator(t)
		list := coord.get("/mentoring/volunteers?lang=nb")
		if strings.Contains(list.body, "Familien Berg") {
			t.Error("pending volunteer shown on the waiting list")
		}
		wantContains(t, coord.get("/mentoring/volunteers?status=pending&lang=nb"), "Familien Berg", "Venter på samtale")
		// Approving puts them on the list.
		r = coord.post("/mentoring/volunteers/"+itoa(v.ID)+"/approve", nil)
		if r.status != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", r.status, r.body)
		}
		wantContains(t, coord.get("/mentoring/volunteers?lang=nb"), "Familien Berg", "Har ventet lengst")
		if n := countVolunteers(t, f, &yes); n != 1 {
			t.Errorf("approved volunteer not on the waiting list")
		}
		// Approving twice is refused, with the page and a message.
		r = coord.post("/mentoring/volunteers/"+itoa(v.ID)+"/approve?lang=en", nil)
		if r.status != http.StatusConflict {
			t.Fatalf("approve again: %d", r.status)
		}
		wantContains(t, r, "Only a volunteer who is awaiting a talk", "<h1>Familien Berg</h1>")
	})

	t.Run("ErrTooMany", func(t *testing.T) {
		f := newFixture(t)
		b := f.browser(t)
		for i := range 6 {
			form := signupForm()
			form.Set("email", "v"+itoa(int64(i))+"@example.no")
			r := b.post("/volunteer?lang=en", form)
			want := http.StatusSeeOther
			if i == 5 {
				want = http.StatusTooManyRequests
			}
			if r.status != want {
				t.Fatalf("sign-up %d: status %d, want %d", i, r.status, want)
			}
			if i == 5 {
				wantContains(t, r, "Too many sign-ups", `value="v5@example.no"`)
			}
		}
	})
}

func countVolunteers(t *testing.T, f *fixture, waiting *bool) int {
	t.Helper()
	_, n, err := f.db.FindVolunteers(context.Background(), mentoring.VolunteerFilter{Waiting: waiting})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMentoringPeopleRoles: the intake pages and API are the coordinator's.
func TestMentoringPeopleRoles(t *testing.T) {
	f := newFixture(t)
	v := f.addVolunteer(t, "Kari Nordmann", now)
	n := f.addNewcomer(t, "Amal Hassan", now)
	pages := []string{"/mentoring/volunteers", "/mentoring/volunteers/new", "/mentoring/volunteers/" + itoa(v.ID),
		"/mentoring/volunteers/" + itoa(v.ID) + "/edit", "/mentoring/newcomers", "/mentoring/newcomers/new",
		"/mentoring/newcomers/" + itoa(n.ID), "/mentoring/newcomers/" + itoa(n.ID) + "/edit"}
	posts := []string{"/mentoring/volunteers/new", "/mentoring/volunteers/" + itoa(v.ID) + "/edit",
		"/mentoring/volunteers/" + itoa(v.ID) + "/approve", "/mentoring/volunteers/" + itoa(v.ID) + "/status",
		"/mentoring/volunteers/" + itoa(v.ID) + "/invite", "/mentoring/newcomers/new",
		"/mentoring/newcomers/" + itoa(n.ID) + "/edit", "/mentoring/newcomers/" + itoa(n.ID) + "/status"}
	apis := []string{"/api/v1/mentoring/volunteers", "/api/v1/mentoring/volunteers/" + itoa(v.ID),
		"/api/v1/mentoring/newcomers", "/api/v1/mentoring/newcomers/" + itoa(n.ID)}

	t.Run("AnonymousToLogin", func(t *testing.T) {
		b := f.browser(t)
		for _, p := range pages {
			r := b.get(p)
			if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login?next=") {
				t.Errorf("%s: %d %q", p, r.status, r.header.Get("Location"))
			}
		}
		for _, p := range apis {
			if r := b.get(p); r.status != http.StatusUnauthorized || !strings.Contains(r.body, `"code":"unauthorized"`) {
				t.Errorf("%s: %d %s", p, r.status, r.body)
			}
		}
		r := f.apiCall(t, http.MethodPost, "/api/v1/mentoring/volunteers", "", `{}`)
		if r.status != http.StatusUnauthorized {
			t.Errorf("API POST: %d", r.status)
		}
	})
	for _, role := range []accounts.Role{accounts.RoleEditor, accounts.RoleVolunteer} {
		t.Run("Forbidden_"+string(role), func(t *testing.T) {
			u := f.addUser(t, string(role)+"@drammen.example", role, f.org.ID)
			b := f.browser(t)
			b.login(u.Email, goodPassword)
			for _, p := range pages {
				if r := b.get(p); r.status != http.StatusForbidden || strings.Contains(r.body, "Kari Nordmann") || strings.Contains(r.body, "Amal Hassan") {
					t.Errorf("%s: %d", p, r.status)
				}
			}
			for _, p := range posts {
				if r := b.post(p, url.Values{"status": {"paused"}, "name": {"X"}}); r.status != http.StatusForbidden {
					t.Errorf("POST %s: %d", p, r.status)
				}
			}
			for _, p := range apis {
				if r := b.get(p); r.status != http.StatusForbidden || strings.Contains(r.body, "Kari") {
					t.Errorf("%s: %d %s", p, r.status, r.body)
				}
			}
		})
	}
	// Nothing changed on the way.
	got, err := f.db.FindVolunteerByID(context.Background(), v.ID)
	if err != nil || got.Status != mentoring.VolunteerAvailable || got.Name != "Kari Nordmann" {
		t.Errorf("volunteer changed: %+v %v", got, err)
	}
}

func TestVolunteerPages(t *testing.T) {
	f := newFixture(t)
	b, _ := f.coordinator(t)
	kari := f.addVolunteer(t, "Kari Nordmann", now.AddDate(0, 0, -22))
	ola := f.addVolunteer(t, "Ola Hansen", now.AddDate(0, 0, -5), func(v *mentoring.Volunteer) { v.Household = mentoring.HouseholdFamily; v.Adults = 2 })
	f.addVolunteer(t, "Per Paus", now.AddDate(0, -4, 0), func(v *mentoring.Volunteer) { v.Status = mentoring.VolunteerPaused })
	amal := f.addNewcomer(t, "Amal Hassan", now.AddDate(0, 0, -40))
	f.addNewcomer(t, "Dawit Tesfaye", now.AddDate(0, 0, -3), func(n *mentoring.Newcomer) {
		n.Languages = []mentoring.LanguageSkill{{Code: "ti", Level: mentoring.LevelNative}}
		n.ChildrenAges = []int{5} // needs a police certificate: Kari has none
		n.Household = mentoring.HouseholdFamily
	})

	t.Run("WaitingList", func(t *testing.T) {
		r := b.get("/mentoring/volunteers?lang=nb")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "2 frivillige", "Kari Nordmann", "Ola Hansen", "har ventet i 3 uker", "har ventet i 5 dager",
			"Har ventet lengst", `class="cards-sm people-list"`, `data-label="Bydel"`)
		if strings.Contains(r.body, "Per Paus") {
			t.Error("a paused volunteer is on the waiting list")
		}
		if i, j := strings.Index(r.body, "Kari Nordmann"), strings.Index(r.body, "Ola Hansen"); i > j {
			t.Error("not longest waiting first")
		}
		// The badge goes to the longest waiting, whatever the order.
		r = b.get("/mentoring/volunteers?lang=nb&sort=name")
		longest := regexp.MustCompile(`<a href="/mentoring/volunteers/(\d+)">[^<]*</a> <span class="tag longest-tag">`).FindStringSubmatch(r.body)
		if longest == nil || longest[1] != itoa(kari.ID) {
			t.Errorf("longest badge on %v", longest)
		}
		wantContains(t, b.get("/mentoring/volunteers?lang=en&status=all"), "3 volunteers", "Per Paus")
		wantContains(t, b.get("/mentoring/volunteers?lang=en&household=family"), "1 volunteer<", "Ola Hansen")
		wantContains(t, b.get("/mentoring/volunteers?lang=en&q=kari"), "1 volunteer<")
		wantContains(t, b.get("/mentoring/volunteers?lang=en&language=ar&interest=sport&district=Fjell"), "2 volunteers")
		wantContains(t, b.get("/mentoring/volunteers?lang=en&language=ti"), "0 volunteers", "Nobody matches")
		wantContains(t, b.get("/mentoring/newcomers?lang=nb"), "2 nyankomne", "har ventet i 5 uker", "Amal Hassan")
		for _, q := range []string{"status=nope", "household=x", "language=zz", "sort=age", "page=0", "page=abc"} {
			if r := b.get("/mentoring/volunteers?" + q); r.status != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d", q, r.status)
			}
		}
	})

	t.Run("RecordWithSuggestions", func(t *testing.T) {
		r := b.get("/mentoring/volunteers/" + itoa(kari.ID) + "?lang=nb")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "<h1>Kari Nordmann</h1>", "Tilgjengelig", "ledige plasser: 2 av 2", "Ikke vist",
			"Kreves når den nyankomnes husstand har barn.", `arabisk (<span lang="ar" dir="rtl">العربية</span>) – kan føre en samtale`,
			"tirsdag kveld", `action="/mentoring/pairings"`, `name="volunteer_id" value="`+itoa(kari.ID)+`"`,
			`name="newcomer_id" value="`+itoa(amal.ID)+`"`, `name="back" value="/mentoring/volunteers/`+itoa(kari.ID)+`"`,
			`<option value="6" selected>6 måneder</option>`, "Poeng: ", "dere snakker begge arabisk")
		if strings.Contains(r.body, "Dawit Tesfaye") {
			t.Error("suggested a family with children to a volunteer without a police certificate")
		}
	})

	t.Run("PoliceStates", func(t *testing.T) {
		check := func(renew time.Time) {
			pc := mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: mentoring.Day(now.AddDate(-1, 0, 0)), CheckedBy: "Koordinator", RenewBy: renew}
			if _, err := f.db.UpdateVolunteer(context.Background(), ola.ID, mentoring.VolunteerUpdate{PoliceCheck: &pc}); err != nil {
				t.Fatal(err)
			}
		}
		check(mentoring.Day(now.AddDate(0, 0, 10)))
		wantContains(t, b.get("/mentoring/volunteers/"+itoa(ola.ID)+"?lang=en"), "Must be renewed by", "3 December 2026", "police-soon")
		check(mentoring.Day(now.AddDate(0, 0, -1)))
		wantContains(t, b.get("/mentoring/volunteers/"+itoa(ola.ID)+"?lang=en"), "Expired on", "22 November 2026", "police-expired")
		check(mentoring.Day(now.AddDate(1, 0, 0)))
		r := b.get("/mentoring/volunteers/" + itoa(ola.ID) + "?lang=en")
		wantContains(t, r, "Current until", "23 November 2027", "police-current", "Dawit Tesfaye")
	})

	t.Run("PauseAndResume", func(t *testing.T) {
		path := "/mentoring/volunteers/" + itoa(kari.ID)
		r := b.post(path+"/status", url.Values{"status": {"paused"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("pause: %d %s", r.status, r.body)
		}
		wantContains(t, b.get(path+"?lang=en"), "Paused", "No suggestions: the volunteer is not available")
		if r := b.post(path+"/status?lang=en", url.Values{"status": {"paused"}}); r.status != http.StatusConflict {
			t.Errorf("pause twice: %d", r.status)
		}
		if r := b.post(path+"/status", url.Values{"status": {"available"}}); r.status != http.StatusSeeOther {
			t.Errorf("resume: %d", r.status)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		for _, p := range []string{"/mentoring/volunteers/99999", "/mentoring/volunteers/abc", "/mentoring/newcomers/99999"} {
			if r := b.get(p); r.status != http.StatusNotFound {
				t.Errorf("%s: %d", p, r.status)
			}
		}
	})
}

// volunteerPost is the coordinator's form for a volunteer.
func volunteerPost() url.Values {
	form := signupForm()
	form.Del("consent")
	form.Set("name", "Nora Lie")
	form.Set("email", "nora@example.no")
	form.Set("locale", "sv")
	form.Set("status", "available")
	form.Set("capacity", "2")
	form.Set("police_check.kind", "no_politiattest")
	form.Set("police_check.shown_on", "2026-11-02")
	form.Set("police_check.checked_by", "Koordinatoren")
	form.Set("police_check.renew_by", "2029-11-02")
	form.Set("trained_on", "2026-11-10")
	form.Set("pledge_signed_on", "2026-11-10")
	return form
}

func TestVolunteerForm(t *testing.T) {
	f := newFixture(t)
	b, coord := f.coordinator(t)
	var id string

	t.Run("NewOffersCoordinatorFields", func(t *testing.T) {
		r := b.get("/mentoring/volunteers/new?lang=nb")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		// Norway's certificate first; the coordinator's name offered as the one who checked.
		wantContains(t, r, `name="police_check.kind"`, `value="`+coord.Name+`"`, `name="trained_on"`,
			`<option value="available" selected>`, `autocomplete="off"`)
		if i, j := strings.Index(r.body, `value="no_politiattest"`), strings.Index(r.body, `value="dk_boerneattest"`); i < 0 || i > j {
			t.Error("the municipality's certificate is not first")
		}
	})
	t.Run("Create", func(t *testing.T) {
		r := b.post("/mentoring/volunteers/new", volunteerPost())
		if r.status != http.StatusSeeOther {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		id = strings.TrimPrefix(r.header.Get("Location"), "/mentoring/volunteers/")
		r = b.get("/mentoring/volunteers/" + id + "?lang=nb")
		wantContains(t, r, "<h1>Nora Lie</h1>", "Tilgjengelig", "Gyldig til", "2. november 2029", "Koordinatoren",
			"Ja: introduksjonskurs fullført", "sjakk, fiske", "2 barn på 4, 9 år", "Svenska")
	})
	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		form := volunteerPost()
		form.Set("police_check.shown_on", "2. november")
		form.Set("police_check.renew_by", "2020-01-01")
		form.Set("capacity", "11")
		form.Set("name", "")
		r := b.post("/mentoring/volunteers/"+id+"/edit?lang=en", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `id="e-police_check-shown_on"`, `id="e-capacity"`, `id="e-name"`, `value="2. november"`,
			`value="nora@example.no"`, `value="Koordinatoren"`, `action="/mentoring/volunteers/`+id+`/edit"`)
	})
	t.Run("ErrKindMissing", func(t *testing.T) {
		form := volunteerPost()
		form.Set("police_check.kind", "")
		r := b.post("/mentoring/volunteers/"+id+"/edit", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `id="e-police_check-kind"`)
	})
	t.Run("EditKeepsCoordinates", func(t *testing.T) {
		vid := mustID(t, id)
		coords := mentoring.Coords{Lat: 59.74, Lon: 10.2}
		cur, _ := f.db.FindVolunteerByID(context.Background(), vid)
		p := cur.Profile
		p.Coords = coords
		if _, err := f.db.UpdateVolunteer(context.Background(), vid, mentoring.VolunteerUpdate{Profile: &p}); err != nil {
			t.Fatal(err)
		}
		form := volunteerPost()
		form.Set("name", "Nora Lie Berg")
		if r := b.post("/mentoring/volunteers/"+id+"/edit", form); r.status != http.StatusSeeOther {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		got, _ := f.db.FindVolunteerByID(context.Background(), vid)
		if got.Name != "Nora Lie Berg" || got.Coords != coords {
			t.Errorf("got %q %+v", got.Name, got.Coords)
		}
		// The edit form shows what is stored.
		wantContains(t, b.get("/mentoring/volunteers/"+id+"/edit"), `value="Nora Lie Berg"`, `value="2029-11-02"`,
			`value="tue-evening" checked`, `value="sjakk, fiske"`, `value="4, 9"`)
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if err := json.Unmarshal([]byte(s), &id); err != nil {
		t.Fatalf("id %q: %v", s, err)
	}
	return id
}

func TestVolunteerInvite(t *testing.T) {
	f := newFixture(t)
	b, _ := f.coordinator(t)
	v := f.addVolunteer(t, "Kari Nordmann", now, func(v *mentoring.Volunteer) { v.Locale = "da" })
	noEmail := f.addVolunteer(t, "Per Telefon", now, func(v *mentoring.Volunteer) { v.Email = ""; v.Phone = "+4790000001" })
	path := "/mentoring/volunteers/" + itoa(v.ID)

	wantContains(t, b.get(path+"?lang=en"), `action="`+path+`/invite"`, "No account")
	r := b.post(path+"/invite", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("invite: %d %s", r.status, r.body)
	}
	msg := f.mail.last(t)
	if msg.To != v.Email || msg.Headers["Content-Language"] != "da" || !strings.Contains(msg.Subject+msg.Text, "frivillig") {
		t.Errorf("email %+v", msg)
	}
	got, _ := f.db.FindVolunteerByID(context.Background(), v.ID)
	u, err := f.db.FindUserByEmail(context.Background(), v.Email)
	if err != nil || got.UserID != u.ID || u.Role != accounts.RoleVolunteer || u.Locale != "da" || u.PasswordHash != "" {
		t.Fatalf("user %+v, linked %d, %v", u, got.UserID, err)
	}
	wantContains(t, b.get(path+"?lang=en"), "Has an account", "The account is made")

	// The link works: the volunteer chooses a password and is signed in.
	vb := f.browser(t)
	lk := link(t, msg)
	if r := vb.get(lk); r.status != http.StatusOK {
		t.Fatalf("invitation link: %d", r.status)
	}
	token := strings.TrimPrefix(lk, "/invitation?token=")
	r = vb.post("/invitation", url.Values{"token": {mustUnescape(t, token)}, "password": {goodPassword}, "confirm": {goodPassword}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("set password: %d %s", r.status, r.body)
	}
	// A volunteer sees none of the intake.
	if r := vb.get("/mentoring/volunteers"); r.status != http.StatusForbidden {
		t.Errorf("volunteer on the list: %d", r.status)
	}

	t.Run("ErrAlreadyHasAccount", func(t *testing.T) {
		r := b.post(path+"/invite?lang=en", nil)
		if r.status != http.StatusConflict {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "The volunteer already has an account.")
	})
	t.Run("ErrNoEmail", func(t *testing.T) {
		r := b.post("/mentoring/volunteers/"+itoa(noEmail.ID)+"/invite?lang=en", nil)
		if r.status != http.StatusConflict {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "No email address: add one")
	})
	t.Run("ErrEmailTaken", func(t *testing.T) {
		other := f.addVolunteer(t, "Koordinator Dobbel", now, func(v *mentoring.Volunteer) { v.Email = "koordinator@drammen.example" })
		r := b.post("/mentoring/volunteers/"+itoa(other.ID)+"/invite?lang=en", nil)
		if r.status != http.StatusConflict {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, "Another account already uses this email address")
	})
}

func mustUnescape(t *testing.T, s string) string {
	t.Helper()
	u, err := url.QueryUnescape(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestInvitePageOffersNoVolunteerRole: volunteer accounts come from a
// volunteer's record only.
func TestInvitePageOffersNoVolunteerRole(t *testing.T) {
	f := newFixture(t)
	b, _ := f.coordinator(t)
	r := b.get("/account/invite")
	wantContains(t, r, `<option value="coordinator"`, `<option value="editor"`)
	if strings.Contains(r.body, `<option value="volunteer"`) {
		t.Error("the invite page offers the volunteer role")
	}
}

func newcomerPost() url.Values {
	return url.Values{"status": {"waiting"}, "household": {"person"}, "name": {"Amal Hassan"}, "phone": {"+46 70 123 45 67"},
		"locale": {"en"}, "languages.0.code": {"ar"}, "languages.0.level": {"native"}, "nordic_level": {"beginner"},
		"needs": {"practical", "language"}, "interests": {"music"}, "district": {"Strømsø"}, "availability": {"wed-afternoon"},
		"preferences.gender": {"female"}, "preferences.age_groups": {"30-49", "50-66"}}
}

func TestNewcomerPages(t *testing.T) {
	f := newFixture(t)
	b, coord := f.coordinator(t)
	f.addVolunteer(t, "Kari Nordmann", now, func(v *mentoring.Volunteer) {
		v.Gender, v.AgeGroup = mentoring.GenderFemale, mentoring.Age30to49
	})

	r := b.post("/mentoring/newcomers/new", newcomerPost())
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	path := r.header.Get("Location")
	id := mustID(t, strings.TrimPrefix(path, "/mentoring/newcomers/"))

	r = b.get(path + "?lang=sv")
	wantContains(t, r, "<h1>Amal Hassan</h1>", "Vill bli matchad", "+46 70 123 45 67", "Nybörjare", "praktiska",
		"Kari Nordmann", `action="/mentoring/pairings"`, "kom in på väntelistan i dag", "Kvinna")
	// The read is logged, with who read it.
	typ := "newcomer"
	entries, _, err := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{ObjectType: &typ, ObjectID: &id})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, e := range entries {
		if e.Action == "read" && e.UserID == coord.ID {
			reads++
		}
	}
	if reads != 1 {
		t.Errorf("%d reads logged: %+v", reads, entries)
	}

	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		form := newcomerPost()
		form.Set("languages.0.code", "")
		form.Set("languages.0.level", "")
		form.Set("adults", "two")
		r := b.post(path+"/edit?lang=nn", form)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `id="e-languages"`, `id="e-adults"`, `value="two"`, `value="Strømsø"`, `value="practical" checked`)
	})
	t.Run("Status", func(t *testing.T) {
		if r := b.post(path+"/status", url.Values{"status": {"paused"}}); r.status != http.StatusSeeOther {
			t.Fatalf("pause: %d", r.status)
		}
		wantContains(t, b.get(path+"?lang=en"), "Paused", "the newcomer is not on the waiting list")
		wantContains(t, b.get("/mentoring/newcomers?lang=en"), "0 newcomers")
		wantContains(t, b.get("/mentoring/newcomers?lang=en&status=paused"), "1 newcomer<")
		if r := b.post(path+"/status", url.Values{"status": {"left"}}); r.status != http.StatusSeeOther {
			t.Fatalf("left: %d", r.status)
		}
		later := now.Add(48 * time.Hour)
		f.srv.Now = func() time.Time { return later }
		defer func() { f.srv.Now = func() time.Time { return now } }()
		if r := b.post(path+"/status", url.Values{"status": {"waiting"}}); r.status != http.StatusSeeOther {
			t.Fatalf("back: %d", r.status)
		}
		n, _ := f.db.FindNewcomerByID(context.Background(), id)
		if n.Status != mentoring.NewcomerWaiting || !n.WaitingSince.Equal(later) {
			t.Errorf("back from leaving: %s since %v", n.Status, n.WaitingSince)
		}
		if r := b.post(path+"/status?lang=en", url.Values{"status": {"waiting"}}); r.status != http.StatusConflict {
			t.Errorf("same status: %d", r.status)
		}
	})
	t.Run("Filters", func(t *testing.T) {
		wantContains(t, b.get("/mentoring/newcomers?lang=en&need=practical&nordic_level=beginner&language=ar"), "1 newcomer<")
		wantContains(t, b.get("/mentoring/newcomers?lang=en&need=homework"), "0 newcomers")
		if r := b.get("/mentoring/newcomers?need=cooking"); r.status != http.StatusUnprocessableEntity {
			t.Errorf("bad need: %d", r.status)
		}
	})
}

func TestMentoringPeopleAPI(t *testing.T) {
	f := newFixture(t)
	b, _ := f.coordinator(t)
	token := b.makeToken(t, "Integrasjon", accounts.ScopeMentoring)
	regToken := b.makeToken(t, "Register", accounts.ScopeWriteRegistry)
	kari := f.addVolunteer(t, "Kari Nordmann", now.AddDate(0, 0, -10))

	t.Run("List", func(t *testing.T) {
		r := f.apiCall(t, http.MethodGet, "/api/v1/mentoring/volunteers?status=waiting_list&language=ar", token, "")
		var page struct {
			Items []mentoring.Volunteer `json:"items"`
			Total int                   `json:"total"`
		}
		decodeInto(t, r, &page)
		if r.status != 200 || page.Total != 1 || page.Items[0].Name != "Kari Nordmann" || page.Items[0].Availability.Count() != 1 {
			t.Errorf("%d %+v", r.status, page)
		}
		wantAPIError(t, f.apiCall(t, http.MethodGet, "/api/v1/mentoring/volunteers?status=nope&per_page=1000", token, ""),
			http.StatusUnprocessableEntity, "invalid", "status", "per_page")
		wantAPIError(t, f.apiCall(t, http.MethodGet, "/api/v1/mentoring/volunteers", regToken, ""), http.StatusForbidden, "forbidden")
	})

	var created mentoring.Volunteer
	t.Run("Create", func(t *testing.T) {
		body := `{"household":"person","name":"Nils Berg","email":"nils@example.no","locale":"nb",
			"languages":[{"code":"nb","level":"native"},{"code":"so","level":"basic"}],
			"availability":["mon-evening","sat-morning"],"capacity":1,"offers":["homework"],
			"coords":{"lat":59.74,"lon":10.2},"id":99,"open":5,"created_at":"2020-01-01T00:00:00Z"}`
		r := f.apiCall(t, http.MethodPost, "/api/v1/mentoring/volunteers", token, body)
		if r.status != http.StatusCreated {
			t.Fatalf("%d %s", r.status, r.body)
		}
		decodeInto(t, r, &created)
		if created.ID == 99 || created.Open != 0 || created.Status != mentoring.VolunteerAvailable || created.Coords.Lat != 59.74 ||
			r.header.Get("Location") != "/api/v1/mentoring/volunteers/"+itoa(created.ID) {
			t.Errorf("created %+v", created)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		body := `{"household":"person","name":"","phone":"12ab","locale":"nb","languages":[],"capacity":0}`
		e := wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/volunteers", token, body, "Accept-Language", "en"),
			http.StatusUnprocessableEntity, "invalid", "name", "phone", "languages", "capacity")
		if strings.Contains(e.Error.Fields["name"], "validation.") {
			t.Errorf("not localized: %+v", e.Error.Fields)
		}
		wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/volunteers", token, `{"name":"X","shoe_size":44}`),
			http.StatusUnprocessableEntity, "invalid", "shoe_size")
		wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/volunteers", token, `{"availability":["mon-night"]}`),
			http.StatusUnprocessableEntity, "invalid")
	})
	t.Run("Patch", func(t *testing.T) {
		p := "/api/v1/mentoring/volunteers/" + itoa(created.ID)
		r := f.apiCall(t, http.MethodPatch, p, token, `{"name":"Nils Berg Hansen","status":"paused","preferences":{"children":"without"},"open":3}`)
		var got mentoring.Volunteer
		decodeInto(t, r, &got)
		if r.status != 200 || got.Name != "Nils Berg Hansen" || got.Status != mentoring.VolunteerPaused ||
			got.Preferences.Children != mentoring.ChildrenWithout || got.Email != "nils@example.no" ||
			got.Coords.Lat != 59.74 || len(got.Languages) != 2 || got.Capacity != 1 {
			t.Errorf("%d %+v", r.status, got)
		}
		wantAPIError(t, f.apiCall(t, http.MethodPatch, p, token, `{"nickname":"N"}`), http.StatusUnprocessableEntity, "invalid", "nickname")
		wantAPIError(t, f.apiCall(t, http.MethodPatch, p, token, `{"capacity":0}`), http.StatusUnprocessableEntity, "invalid", "capacity")
		wantAPIError(t, f.apiCall(t, http.MethodPatch, "/api/v1/mentoring/volunteers/99999", token, `{"name":"X"}`), http.StatusNotFound, "not_found")
		r = f.apiCall(t, http.MethodGet, "/api/v1/mentoring/volunteers/"+itoa(kari.ID), token, "")
		if r.status != 200 || !strings.Contains(r.body, `"name":"Kari Nordmann"`) || !strings.Contains(r.body, `"availability":["tue-evening"]`) {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("Newcomers", func(t *testing.T) {
		body := `{"household":"family","name":"Familien Ahmadi","locale":"en","adults":2,"children_ages":[7],
			"languages":[{"code":"prs","level":"native"}],"nordic_level":"none","needs":["homework","practical"]}`
		r := f.apiCall(t, http.MethodPost, "/api/v1/mentoring/newcomers", token, body)
		if r.status != http.StatusCreated {
			t.Fatalf("%d %s", r.status, r.body)
		}
		var n mentoring.Newcomer
		decodeInto(t, r, &n)
		if n.Status != mentoring.NewcomerWaiting || !n.WaitingSince.Equal(now) {
			t.Errorf("created %+v", n)
		}
		p := "/api/v1/mentoring/newcomers/" + itoa(n.ID)
		r = f.apiCall(t, http.MethodPatch, p, token, `{"nordic_level":"beginner","district":"Fjell"}`)
		decodeInto(t, r, &n)
		if r.status != 200 || n.NordicLevel != mentoring.NordicBeginner || n.District != "Fjell" || n.Name != "Familien Ahmadi" {
			t.Errorf("%d %+v", r.status, n)
		}
		r = f.apiCall(t, http.MethodGet, "/api/v1/mentoring/newcomers?need=homework", token, "")
		if r.status != 200 || !strings.Contains(r.body, `"total":1`) {
			t.Errorf("%d %s", r.status, r.body)
		}
		// Reading one newcomer is logged with the token.
		if r := f.apiCall(t, http.MethodGet, p, token, ""); r.status != 200 {
			t.Fatalf("%d", r.status)
		}
		typ := "newcomer"
		entries, _, _ := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{ObjectType: &typ, ObjectID: &n.ID})
		found := false
		for _, e := range entries {
			found = found || e.Action == "read" && strings.Contains(e.Detail, "token=")
		}
		if !found {
			t.Errorf("read not logged: %+v", entries)
		}
	})
	t.Run("CoordinatorSession", func(t *testing.T) {
		r := b.get("/api/v1/mentoring/newcomers")
		if r.status != 200 || !strings.Contains(r.body, `"items"`) {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
}

// TestMentoringPeopleInEveryLocale renders every intake page in the five
// languages; the Swedish ones say volontär, never frivillig.
func TestMentoringPeopleInEveryLocale(t *testing.T) {
	f := newFixture(t)
	b, _ := f.coordinator(t)
	v := f.addVolunteer(t, "Kari Nordmann", now.AddDate(0, 0, -20))
	n := f.addNewcomer(t, "Amal Hassan", now.AddDate(0, 0, -3))
	bundle, _ := locales.NewBundle()
	pages := []string{"/volunteer", "/volunteer/thanks", "/mentoring/volunteers", "/mentoring/volunteers?status=all",
		"/mentoring/volunteers/new", "/mentoring/volunteers/" + itoa(v.ID), "/mentoring/volunteers/" + itoa(v.ID) + "/edit",
		"/mentoring/newcomers", "/mentoring/newcomers/new", "/mentoring/newcomers/" + itoa(n.ID),
		"/mentoring/newcomers/" + itoa(n.ID) + "/edit"}
	for _, lang := range allLocales {
		l := locales.New(bundle, lang)
		for _, p := range pages {
			t.Run(lang+p, func(t *testing.T) {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				r := b.get(p + sep + "lang=" + lang)
				if r.status != http.StatusOK {
					t.Fatalf("status %d", r.status)
				}
				wantContains(t, r, `<html lang="`+lang+`"`, l.T("web.skip"))
				if strings.Count(r.body, "<h1") != 1 {
					t.Error("not exactly one h1")
				}
				if dup := duplicateIDs(r.body); len(dup) > 0 {
					t.Errorf("duplicate ids %v", dup)
				}
				if strings.Contains(r.body, "mentoring.") && regexp.MustCompile(`>[^<]*mentoring\.[a-z_]+\.[a-z_.]+`).MatchString(r.body) {
					t.Error("an untranslated message ID on the page")
				}
				if lang == "sv" && strings.Contains(strings.ToLower(r.body), "frivillig") {
					t.Errorf("Swedish page says frivillig")
				}
			})
		}
	}
	sv := b.get("/mentoring/volunteers?lang=sv")
	wantContains(t, sv, "Volontärer", "1 volontär<")
	wantContains(t, b.get("/volunteer?lang=sv"), "Bli volontär", "utdrag ur belastningsregistret")
}

var idAttr = regexp.MustCompile(`\sid="([^"]+)"`)

func duplicateIDs(body string) []string {
	seen := map[string]int{}
	var dup []string
	for _, m := range idAttr.FindAllStringSubmatch(body, -1) {
		seen[m[1]]++
		if seen[m[1]] == 2 {
			dup = append(dup, m[1])
		}
	}
	return dup
}
