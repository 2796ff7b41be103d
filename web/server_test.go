package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"broen/locales"
	"broen/notify"
	"broen/registry"
	"broen/sqlite"
	"broen/web"
)

// now is the clock of the web tests: Monday 23 November 2026, 12:00 in Oslo.
var now = time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC)

type fixture struct {
	mail     *mailbox
	srv      *web.Server
	db       *sqlite.DB
	org      *registry.Organisation
	arabic   *registry.Activity // held in Arabic on Tuesdays
	football *registry.Activity
	pending  *registry.Activity
}

func newFixture(t *testing.T) *fixture { return newFixtureMailer(t, nil) }

// newFixtureMailer is newFixture with the given mailer; nil keeps emails in
// f.mail.
func newFixtureMailer(t *testing.T, mailer notify.Mailer) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "broen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db}
	f.org = &registry.Organisation{Name: "Drammen Røde Kors", Kind: registry.OrgVoluntary, Country: "NO",
		OrgNumber: "974760673", Status: registry.StatusApproved, Website: "https://drammen.rodekors.example",
		Email: "post@rodekors-drammen.example", Phone: "+4732210000",
		Description: registry.Text{"nb": "Vi driver leksehjelp og språkkafé.", "en": "We run homework help and a language café."}}
	if err := db.CreateOrganisation(ctx, f.org); err != nil {
		t.Fatal(err)
	}
	loc := registry.Location{Name: "Fjell bydelshus", Address: "Fjellsvingen 2", Postcode: "3034", City: "Drammen",
		District: "Fjell", Country: "NO", Lat: 59.733, Lng: 10.181}
	f.arabic = &registry.Activity{OrganisationID: f.org.ID,
		Title:       registry.Text{"nb": "Leksehjelp på arabisk", "ar": "مساعدة في الواجبات المدرسية"},
		Description: registry.Text{"nb": "Hjelp med lekser for barn, på arabisk og norsk.", "ar": "مساعدة في الواجبات المنزلية للأطفال."},
		HowToJoin:   registry.Text{"nb": "Bare møt opp."},
		Category:    registry.CategoryHomework, Stage: registry.StageParticipation, AgeMin: 6, AgeMax: 16,
		Languages: []string{"ar", "nb"}, Cost: registry.Cost{Kind: registry.CostFree}, Location: loc,
		Accessibility: []string{"wheelchair"},
		Schedules: []registry.Schedule{{Kind: registry.ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU",
			StartDate: "2026-08-18", StartTime: "18:00", EndTime: "19:30"}},
		Status: registry.StatusApproved}
	f.football = &registry.Activity{OrganisationID: f.org.ID,
		Title: registry.Text{"nb": "Fotballtrening for jenter"}, Category: registry.CategorySport, AgeMin: 8, AgeMax: 12,
		Languages: []string{"nb"}, Cost: registry.Cost{Kind: registry.CostPaid, Price: 50000, LeisureCard: true}, Location: loc,
		Schedules: []registry.Schedule{{Kind: registry.ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TH",
			StartDate: "2026-08-20", StartTime: "17:00", EndTime: "18:30"}},
		Status: registry.StatusApproved}
	f.pending = &registry.Activity{OrganisationID: f.org.ID,
		Title: registry.Text{"nb": "Hemmelig utkast"}, Category: registry.CategorySport,
		Languages: []string{"nb"}, Cost: registry.Cost{Kind: registry.CostFree}, Location: loc,
		Schedules: f.football.Schedules, Status: registry.StatusPending}
	for _, a := range []*registry.Activity{f.arabic, f.football, f.pending} {
		if err := db.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(testLogOutput(), nil))
	f.mail = &mailbox{}
	if mailer == nil {
		mailer = f.mail
	}
	f.srv, err = web.NewServer(web.Config{BaseURL: "https://broen.example"},
		web.Services{Organisations: db, Activities: db, Catalog: db, Moderation: db, Ready: db.Ready,
			Users: db, Tokens: db, Audit: db, APITokens: db, Sessions: db.SessionStore(), Mailer: mailer,
			Volunteers: db, Newcomers: db, Pairings: db}, bundle, logger)
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Now = func() time.Time { return now }
	return f
}

type response struct {
	status int
	header http.Header
	body   string
}

func (f *fixture) get(t *testing.T, target string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func wantContains(t *testing.T, r response, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.body, p) {
			t.Errorf("body lacks %q", p)
		}
	}
}

var allLocales = []string{"nb", "nn", "da", "sv", "en"}

// TestPagesInEveryLocale renders every public page in all five languages and
// checks the language, the switcher and a text that only that catalog has.
func TestPagesInEveryLocale(t *testing.T) {
	f := newFixture(t)
	bundle, _ := locales.NewBundle()
	pages := []string{"/", "/activities", "/activities?q=lekse", "/activities/" + itoa(f.arabic.ID),
		"/organisations", "/organisations/" + itoa(f.org.ID)}
	for _, lang := range allLocales {
		l := locales.New(bundle, lang)
		for _, p := range pages {
			t.Run(lang+p, func(t *testing.T) {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				r := f.get(t, p+sep+"lang="+lang)
				if r.status != http.StatusOK {
					t.Fatalf("status %d", r.status)
				}
				wantContains(t, r, `<html lang="`+lang+`"`, l.T("web.nav.activities"), l.T("web.skip"),
					`hreflang="sv"`, `aria-current="true">`+l.T("web.lang."+lang))
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("content type %q", ct)
				}
				if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
					t.Errorf("CSP %q", csp)
				}
			})
		}
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestActivityPage(t *testing.T) {
	f := newFixture(t)
	t.Run("Norwegian", func(t *testing.T) {
		r := f.get(t, "/activities/"+itoa(f.arabic.ID)+"?lang=nb")
		wantContains(t, r, "<h1>Leksehjelp på arabisk</h1>", "tirsdag 24. november kl. 18.00", "Fjellsvingen 2",
			"Drammen Røde Kors", `arabisk (<span lang="ar" dir="rtl">العربية</span>)`, "Gratis", "6–16 år",
			`"@type":"EventSeries"`, `"startDate":"2026-11-24T18:00:00+01:00"`)
	})
	t.Run("SwedishFallsBackWithNote", func(t *testing.T) {
		r := f.get(t, "/activities/"+itoa(f.arabic.ID)+"?lang=sv")
		wantContains(t, r, "tisdag 24 november kl. 18:00", `lang="nb"`, "arabiska")
	})
	t.Run("EnglishDates", func(t *testing.T) {
		r := f.get(t, "/activities/"+itoa(f.football.ID)+"?lang=en")
		wantContains(t, r, "Thursday 26 November at 17:00", "NOK\u00a0500", "8–12 years")
	})
	t.Run("ErrNotFoundLocalized", func(t *testing.T) {
		for _, path := range []string{"/activities/99999", "/activities/abc", "/activities/" + itoa(f.pending.ID), "/nowhere"} {
			r := f.get(t, path+"?lang=da")
			if r.status != http.StatusNotFound {
				t.Errorf("%s: status %d", path, r.status)
			}
			wantContains(t, r, `<html lang="da"`)
		}
	})
}

func TestOrganisationPage(t *testing.T) {
	f := newFixture(t)
	r := f.get(t, "/organisations/"+itoa(f.org.ID)+"?lang=da")
	wantContains(t, r, "<h1>Drammen Røde Kors</h1>", `"@type":"Organization"`, `"value":"974760673"`,
		"Leksehjelp på arabisk", "Fotballtrening for jenter")
	if strings.Contains(r.body, "Hemmelig utkast") {
		t.Error("pending activity listed on the organisation page")
	}
	// Contact details stay private unless the organisation publishes them.
	if strings.Contains(r.body, "post@rodekors-drammen") || strings.Contains(r.body, "32 21 00 00") {
		t.Error("private contact shown on the page")
	}
	r = f.get(t, "/api/v1/organisations/"+itoa(f.org.ID))
	if strings.Contains(r.body, "post@rodekors-drammen") || strings.Contains(r.body, "4732210000") {
		t.Error("private contact in the API")
	}
}

func TestLocaleNegotiation(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name    string
		target  string
		headers []string
		want    string
	}{
		{"Default", "/", nil, "nb"},
		{"AcceptLanguageNoIsBokmal", "/", []string{"Accept-Language", "no;q=0.9, en;q=0.5"}, "nb"},
		{"AcceptLanguageSwedish", "/", []string{"Accept-Language", "sv-SE,sv;q=0.9"}, "sv"},
		{"AcceptLanguageUnknown", "/", []string{"Accept-Language", "ar,fa;q=0.8"}, "nb"},
		{"CookieBeatsHeader", "/", []string{"Accept-Language", "sv", "Cookie", "broen_lang=da"}, "da"},
		{"QueryBeatsCookie", "/?lang=nn", []string{"Cookie", "broen_lang=da"}, "nn"},
		{"BadQueryIgnored", "/?lang=xx", []string{"Accept-Language", "en"}, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.get(t, tt.target, tt.headers...)
			wantContains(t, r, `<html lang="`+tt.want+`"`)
		})
	}
	r := f.get(t, "/activities?lang=sv&q=fotball")
	if c := r.header.Get("Set-Cookie"); !strings.Contains(c, "broen_lang=sv") || !strings.Contains(c, "HttpOnly") {
		t.Errorf("cookie %q", c)
	}
	// The switcher keeps the person on the same page with the same search.
	wantContains(t, r, `href="/activities?lang=da&amp;q=fotball"`)
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t)
	t.Run("CountPlural", func(t *testing.T) {
		wantContains(t, f.get(t, "/activities?lang=nb"), "2 aktiviteter")
		wantContains(t, f.get(t, "/activities?lang=nb&language=ar&weekday=2"), "1 aktivitet<", "Leksehjelp på arabisk")
		wantContains(t, f.get(t, "/activities?lang=en&q=fotball"), "1 activity<", "Fotballtrening for jenter")
		wantContains(t, f.get(t, "/activities?lang=sv&q=sjakk"), "0 aktiviteter")
	})
	t.Run("Pager", func(t *testing.T) {
		r := f.get(t, "/activities?lang=en&per_page=1")
		wantContains(t, r, "Page 1 of 2", `rel="next" href="/activities?page=2&amp;per_page=1"`)
		r = f.get(t, "/activities?lang=en&per_page=1&page=2")
		wantContains(t, r, "Page 2 of 2", `rel="prev" href="/activities?per_page=1"`)
	})
	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		r := f.get(t, "/activities?lang=nb&q=fotball&age=abc&weekday=9")
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `value="fotball"`, `value="abc"`, `id="e-age"`, `id="e-weekday"`, `aria-invalid="true"`)
	})
	t.Run("MalformedQueryNever500", func(t *testing.T) {
		for _, q := range []string{"%zz", "q=%ff%fe", "age=99999999999999999999", "page=-1", "q=" + strings.Repeat("a", 500),
			"free=maybe", "category=%00", "q=\"OR\"*", "weekday=&district=&&&", "per_page=0"} {
			r := f.get(t, "/activities?"+q)
			if r.status >= 500 {
				t.Errorf("%q: status %d", q, r.status)
			}
			r = f.get(t, "/api/v1/activities?"+q)
			if r.status >= 500 {
				t.Errorf("api %q: status %d", q, r.status)
			}
		}
	})
}

func TestAPI(t *testing.T) {
	f := newFixture(t)
	type page struct {
		Items []struct {
			ID    int64             `json:"id"`
			Title map[string]string `json:"title"`
			Next  []struct {
				Start time.Time `json:"start"`
			} `json:"next_occurrences"`
		} `json:"items"`
		Total   int `json:"total"`
		Page    int `json:"page"`
		PerPage int `json:"per_page"`
	}
	var p page
	r := f.get(t, "/api/v1/activities?language=ar&weekday=tue")
	if r.status != 200 || json.Unmarshal([]byte(r.body), &p) != nil {
		t.Fatalf("status %d body %s", r.status, r.body)
	}
	if p.Total != 1 || p.Items[0].ID != f.arabic.ID || p.Items[0].Next[0].Start.Hour() != 18 || p.PerPage != 20 {
		t.Errorf("got %+v", p)
	}

	t.Run("ErrInvalidShape", func(t *testing.T) {
		r := f.get(t, "/api/v1/activities?age=-3&category=karate", "Accept-Language", "sv")
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		var body struct {
			Error struct {
				Code      string            `json:"code"`
				Message   string            `json:"message"`
				Fields    map[string]string `json:"fields"`
				RequestID string            `json:"request_id"`
			} `json:"error"`
		}
		if err := json.Unmarshal([]byte(r.body), &body); err != nil {
			t.Fatal(err)
		}
		e := body.Error
		if e.Code != "invalid" || e.Message == "" || e.Fields["age"] == "" || e.Fields["category"] == "" || e.RequestID == "" {
			t.Errorf("error %+v", e)
		}
		if strings.Contains(e.Fields["age"], "validation.") {
			t.Errorf("message not localized: %q", e.Fields["age"])
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		for _, p := range []string{"/api/v1/activities/99999", "/api/v1/activities/" + itoa(f.pending.ID), "/api/v1/organisations/0", "/api/v1/nothing"} {
			r := f.get(t, p)
			if r.status != 404 || !strings.Contains(r.body, `"code":"not_found"`) {
				t.Errorf("%s: %d %s", p, r.status, r.body)
			}
		}
	})
	t.Run("Organisation", func(t *testing.T) {
		r := f.get(t, "/api/v1/organisations/"+itoa(f.org.ID))
		if r.status != 200 || !strings.Contains(r.body, `"org_number":"974760673"`) {
			t.Errorf("%d %s", r.status, r.body)
		}
		r = f.get(t, "/api/v1/organisations")
		if r.status != 200 || !strings.Contains(r.body, `"total":1`) {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("Categories", func(t *testing.T) {
		r := f.get(t, "/api/v1/categories?lang=en")
		if r.status != 200 || !strings.Contains(r.body, `"code":"homework_help"`) || !strings.Contains(r.body, `"count":1`) {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
}

func TestProbes(t *testing.T) {
	f := newFixture(t)
	if r := f.get(t, "/livez"); r.status != 200 {
		t.Errorf("livez %d", r.status)
	}
	if r := f.get(t, "/readyz"); r.status != 200 {
		t.Errorf("readyz %d", r.status)
	}
	// Metrics are for the internal network; httptest's client is 192.0.2.1.
	if r := f.get(t, "/metrics"); r.status != http.StatusNotFound {
		t.Errorf("metrics from a public address: %d", r.status)
	}
	f.db.Close()
	if r := f.get(t, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Errorf("readyz with a closed database: %d", r.status)
	}
}

// testLogOutput is where the server under test logs: nowhere, unless
// BROEN_TEST_LOG is set.
func testLogOutput() io.Writer {
	if os.Getenv("BROEN_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
