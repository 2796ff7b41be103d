package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"broen/accounts"
	"broen/locales"
	"broen/web"
)

// syncBuffer is a log destination the server under test may write to from
// many requests at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newAPIFixture is newFixture with the API token store wired in and the
// server's log kept in the returned buffer.
func newAPIFixture(t *testing.T) (*fixture, *syncBuffer) {
	t.Helper()
	f := newFixture(t)
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	db := f.db
	f.srv, err = web.NewServer(web.Config{BaseURL: "https://broen.example"},
		web.Services{Organisations: db, Activities: db, Catalog: db, Moderation: db, Ready: db.Ready,
			Users: db, Tokens: db, Audit: db, APITokens: db, Sessions: db.SessionStore(), Mailer: f.mail}, bundle,
		slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Now = func() time.Time { return now }
	return f, logs
}

var newTokenRE = regexp.MustCompile(`id="new-token"[^>]*value="([A-Za-z0-9_-]{43})"`)

// makeToken creates a token on the tokens page and returns it as shown.
func (b *browser) makeToken(t *testing.T, name string, scopes ...accounts.Scope) string {
	t.Helper()
	form := url.Values{"name": {name}}
	for _, sc := range scopes {
		form.Add("scope", string(sc))
	}
	r := b.post("/admin/tokens", form)
	if r.status != http.StatusCreated {
		t.Fatalf("create token: %d %s", r.status, r.body)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page showing a token: Cache-Control %q", cc)
	}
	m := newTokenRE.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no token on the page: %s", r.body)
	}
	return m[1]
}

// apiCall sends a request straight to the server, as another system would:
// no cookies, no browser headers.
func (f *fixture) apiCall(t *testing.T, method, path, token, body string, headers ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

type apiErrorJSON struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields"`
		RequestID string            `json:"request_id"`
	} `json:"error"`
}

// wantAPIError checks status and the one JSON error shape, and that each of
// fields has a message.
func wantAPIError(t *testing.T, r response, status int, code string, fields ...string) apiErrorJSON {
	t.Helper()
	var body apiErrorJSON
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatalf("not the JSON error shape: %v: %s", err, r.body)
	}
	if body.Error.Code != code || body.Error.Message == "" || body.Error.RequestID == "" {
		t.Errorf("error %+v, want code %s", body.Error, code)
	}
	for _, f := range fields {
		if body.Error.Fields[f] == "" {
			t.Errorf("no message for field %s: %+v", f, body.Error.Fields)
		}
	}
	return body
}

func activityJSON(orgID int64, title string) string {
	return `{"organisation_id": ` + itoa(orgID) + `,
		"title": {"nb": "` + title + `", "ar": "شطرنج"},
		"description": {"nb": "Vi lærer bort sjakk, brikke for brikke."},
		"how_to_join": {"nb": "Bare møt opp."},
		"category": "culture", "age_min": 8, "age_max": 0,
		"languages": ["nb", "ar"],
		"cost": {"kind": "free", "leisure_card": false},
		"accessibility": ["wheelchair"],
		"registration_required": false,
		"contact": {"name": "Sara", "email": "sara@sjakk.example"},
		"location": {"name": "Fjell bydelshus", "address": "Fjellsvingen 2", "postcode": "3034", "city": "Drammen",
			"district": "Fjell", "country": "NO"},
		"schedules": [{"kind": "recurring", "zone": "Europe/Oslo", "rrule": "FREQ=WEEKLY;BYDAY=WE",
			"start_date": "2026-08-19", "start_time": "17:00", "end_time": "19:00"}]}`
}

type apiActivityBody struct {
	ID            int64             `json:"id"`
	Title         map[string]string `json:"title"`
	Languages     []string          `json:"languages"`
	Status        string            `json:"status"`
	AgeMin        int               `json:"age_min"`
	LastConfirmed time.Time         `json:"last_confirmed"`
}

func decodeInto(t *testing.T, r response, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
}

// TestAPIWriteWithToken: a coordinator makes a token on the tokens page,
// and another system uses it to write an activity: created and public,
// changed, refused when wrong, deleted.
func TestAPIWriteWithToken(t *testing.T) {
	f, logs := newAPIFixture(t)
	coord := f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	b.login("koordinator@drammen.example", goodPassword)
	token := b.makeToken(t, "Kulturkalender", accounts.ScopeWriteRegistry)

	var created apiActivityBody
	t.Run("Create", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPost, "/api/v1/activities", token, activityJSON(f.org.ID, "Sjakk for nybegynnere"))
		if r.status != http.StatusCreated {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		decodeInto(t, r, &created)
		if created.ID == 0 || created.Status != "approved" || created.Title["nb"] != "Sjakk for nybegynnere" {
			t.Errorf("created %+v", created)
		}
		if loc := r.header.Get("Location"); loc != "/api/v1/activities/"+itoa(created.ID) {
			t.Errorf("Location %q", loc)
		}
		// Public at once: a coordinator's write needs no moderation.
		r = f.get(t, "/api/v1/activities?q=sjakk")
		if r.status != http.StatusOK || !strings.Contains(r.body, `"total":1`) || !strings.Contains(r.body, "Sjakk for nybegynnere") {
			t.Errorf("search: %d %s", r.status, r.body)
		}
		if r := f.get(t, "/api/v1/activities/"+itoa(created.ID)); r.status != http.StatusOK {
			t.Errorf("GET created: %d", r.status)
		}
	})
	path := "/api/v1/activities/" + itoa(created.ID)

	t.Run("PatchTitle", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPatch, path, token, `{"title": {"nb": "Sjakk for alle"}}`)
		if r.status != http.StatusOK {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var got apiActivityBody
		decodeInto(t, r, &got)
		// Only the title changed; what was not sent is kept.
		if got.Title["nb"] != "Sjakk for alle" || got.Title["ar"] != "" || got.AgeMin != 8 || len(got.Languages) != 2 ||
			got.Status != "approved" {
			t.Errorf("patched %+v", got)
		}
		wantContains(t, f.get(t, path), "Sjakk for alle")
	})
	t.Run("PatchWithWhatGETReturned", func(t *testing.T) {
		r := f.get(t, path)
		var obj map[string]any
		decodeInto(t, r, &obj)
		obj["age_min"] = 10
		body, _ := json.Marshal(obj)
		r = f.apiCall(t, http.MethodPatch, path, token, string(body))
		if r.status != http.StatusOK || !strings.Contains(r.body, `"age_min":10`) {
			t.Errorf("round trip: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPatch, path, token, `{"title": {}, "age_min": 200}`, "Accept-Language", "sv")
		e := wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid", "title", "age_min")
		for f, msg := range e.Error.Fields {
			if strings.Contains(msg, "validation.") {
				t.Errorf("%s: message not localized: %q", f, msg)
			}
		}
		r = f.apiCall(t, http.MethodPost, "/api/v1/activities", token, `{"organisation_id": `+itoa(f.org.ID)+`}`)
		wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid", "title", "category", "languages")
		// Nothing was changed by the refused writes.
		wantContains(t, f.get(t, path), "Sjakk for alle", `"age_min":10`)
	})
	t.Run("ErrUnknownField", func(t *testing.T) {
		for _, body := range []string{`{"title": {"nb": "X"}, "colour": "red"}`, `{"Title": {"nb": "X"}}`,
			`{"cost": {"kind": "free", "discount": 5}}`} {
			r := f.apiCall(t, http.MethodPatch, path, token, body)
			e := wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid")
			if len(e.Error.Fields) != 1 {
				t.Errorf("%s: fields %v", body, e.Error.Fields)
			}
		}
		r := f.apiCall(t, http.MethodPost, "/api/v1/activities", token,
			strings.Replace(activityJSON(f.org.ID, "Ukjent"), `"category"`, `"kategori": "x", "category"`, 1))
		wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid", "kategori")
	})
	t.Run("ErrBadBody", func(t *testing.T) {
		for _, body := range []string{`{"title": `, `[1, 2]`, `null`, `{"title": {"nb": "A"}} {}`, `{"age_min": "ti"}`} {
			r := f.apiCall(t, http.MethodPatch, path, token, body)
			wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid")
		}
		r := f.apiCall(t, http.MethodPatch, path, token, `{"age_min": "ti"}`)
		wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid", "age_min")
	})
	t.Run("ErrMoveToAnotherOrganisation", func(t *testing.T) {
		other := f.addOrg(t, "Drammen sjakklubb")
		r := f.apiCall(t, http.MethodPatch, path, token, `{"organisation_id": `+itoa(other)+`}`)
		wantAPIError(t, r, http.StatusUnprocessableEntity, "invalid", "organisation_id")
		// The same organisation, sent back as read, is fine.
		r = f.apiCall(t, http.MethodPatch, path, token, `{"organisation_id": `+itoa(f.org.ID)+`}`)
		if r.status != http.StatusOK {
			t.Errorf("unchanged organisation_id: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrNotJSON", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPatch, path, token, `{"age_min": 9}`, "Content-Type", "text/plain")
		wantAPIError(t, r, http.StatusUnsupportedMediaType, "invalid")
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		big := `{"description": {"nb": "` + strings.Repeat("a", 1<<20) + `"}}`
		r := f.apiCall(t, http.MethodPatch, path, token, big, "Accept-Language", "da")
		e := wantAPIError(t, r, http.StatusRequestEntityTooLarge, "invalid")
		bundle, _ := locales.NewBundle()
		if want := locales.New(bundle, "da").T("api.body.too_large"); e.Error.Message != want {
			t.Errorf("message %q, want %q", e.Error.Message, want)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		wantAPIError(t, f.apiCall(t, http.MethodPatch, "/api/v1/activities/99999", token, `{"age_min": 9}`), http.StatusNotFound, "not_found")
		wantAPIError(t, f.apiCall(t, http.MethodDelete, "/api/v1/activities/abc", token, ""), http.StatusNotFound, "not_found")
	})
	t.Run("Delete", func(t *testing.T) {
		r := f.apiCall(t, http.MethodDelete, path, token, "")
		if r.status != http.StatusNoContent || r.body != "" {
			t.Fatalf("delete: %d %q", r.status, r.body)
		}
		wantAPIError(t, f.get(t, path), http.StatusNotFound, "not_found")
		wantAPIError(t, f.apiCall(t, http.MethodDelete, path, token, ""), http.StatusNotFound, "not_found")
	})
	t.Run("Organisation", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPost, "/api/v1/organisations", token,
			`{"name": "Drammen Turlag", "kind": "voluntary", "country": "NO", "org_number": "",
			  "description": {"nb": "Vi går på tur."}, "contact_public": false}`)
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		var o struct {
			ID     int64  `json:"id"`
			Name   string `json:"name"`
			Status string `json:"status"`
		}
		decodeInto(t, r, &o)
		if o.Status != "approved" || r.header.Get("Location") != "/api/v1/organisations/"+itoa(o.ID) {
			t.Errorf("created %+v at %q", o, r.header.Get("Location"))
		}
		opath := "/api/v1/organisations/" + itoa(o.ID)
		r = f.apiCall(t, http.MethodPatch, opath, token, `{"name": "Drammen og omegn Turlag"}`)
		if r.status != http.StatusOK || !strings.Contains(r.body, `"name":"Drammen og omegn Turlag"`) ||
			!strings.Contains(r.body, `"kind":"voluntary"`) {
			t.Errorf("patch: %d %s", r.status, r.body)
		}
		wantAPIError(t, f.apiCall(t, http.MethodPatch, opath, token, `{"country": "FI"}`), http.StatusUnprocessableEntity, "invalid", "country")
		if r := f.apiCall(t, http.MethodDelete, opath, token, ""); r.status != http.StatusNoContent {
			t.Errorf("delete: %d %s", r.status, r.body)
		}
		wantAPIError(t, f.get(t, opath), http.StatusNotFound, "not_found")
	})

	t.Run("AuditedAsTheCoordinator", func(t *testing.T) {
		entries, _, err := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]bool{}
		for _, e := range entries {
			if strings.HasPrefix(e.Action, "api.") {
				actions[e.Action] = true
				if e.UserID != coord.ID || e.UserEmail != coord.Email || !strings.Contains(e.Detail, "token=") {
					t.Errorf("entry %+v", e)
				}
			}
		}
		for _, a := range []string{"api.activity.create", "api.activity.update", "api.activity.delete",
			"api.organisation.create", "api.organisation.update", "api.organisation.delete"} {
			if !actions[a] {
				t.Errorf("no audit entry %s", a)
			}
		}
	})
	t.Run("TokenNeverStoredOrLogged", func(t *testing.T) {
		if r := b.get("/admin/tokens"); strings.Contains(r.body, token) || !strings.Contains(r.body, "Kulturkalender") {
			t.Error("token list shows the token again, or not the token's name")
		}
		entries, _, err := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		created := false
		for _, e := range entries {
			if strings.Contains(e.Detail, token) || strings.Contains(e.Action, token) {
				t.Errorf("token in audit entry %+v", e)
			}
			created = created || e.Action == "api_token.create" && e.ObjectType == "api_token" && e.ObjectID > 0
		}
		if !created {
			t.Error("token creation not audited")
		}
		if strings.Contains(logs.String(), token) {
			t.Error("token in the server log")
		}
		wantNotInDatabase(t, f, token)
	})
}

// wantNotInDatabase looks at every text and blob value of every table.
func wantNotInDatabase(t *testing.T, f *fixture, secret string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+f.db.Path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	seen := false
	for _, table := range tables {
		seen = seen || table == "api_tokens"
		rows, err := raw.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			for i, v := range vals {
				var s string
				switch v := v.(type) {
				case string:
					s = v
				case []byte:
					s = string(v)
				}
				if strings.Contains(s, secret) {
					t.Errorf("secret in %s.%s", table, cols[i])
				}
			}
		}
		rows.Close()
	}
	if !seen {
		t.Error("no api_tokens table")
	}
}

func TestAPIWriteRefused(t *testing.T) {
	f, _ := newAPIFixture(t)
	f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	f.addUser(t, "redaktor@drammen.example", accounts.RoleEditor, f.org.ID)
	coord := f.browser(t)
	coord.login("koordinator@drammen.example", goodPassword)
	body := activityJSON(f.org.ID, "Sjakk")

	t.Run("ErrNoToken", func(t *testing.T) {
		r := f.apiCall(t, http.MethodPost, "/api/v1/activities", "", body, "Accept-Language", "nn")
		wantAPIError(t, r, http.StatusUnauthorized, "unauthorized")
		if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
		}
		if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
		}
	})
	t.Run("ErrBadToken", func(t *testing.T) {
		unknown, _, _ := accounts.NewToken()
		wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/activities", unknown, body), http.StatusUnauthorized, "unauthorized")
		r := f.apiCall(t, http.MethodDelete, "/api/v1/activities/"+itoa(f.football.ID), "", "", "Authorization", "Basic a2FyaTpwYXNz")
		wantAPIError(t, r, http.StatusUnauthorized, "unauthorized")
	})
	t.Run("ErrReadScopeOnly", func(t *testing.T) {
		read := coord.makeToken(t, "Bare lesing", accounts.ScopeRead)
		r := f.apiCall(t, http.MethodDelete, "/api/v1/activities/"+itoa(f.football.ID), read, "")
		wantAPIError(t, r, http.StatusForbidden, "forbidden")
		if !strings.Contains(r.header.Get("WWW-Authenticate"), "insufficient_scope") {
			t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
		}
	})
	t.Run("ErrRevoked", func(t *testing.T) {
		tok := coord.makeToken(t, "Snart tilbakekalt", accounts.ScopeWriteRegistry)
		if r := f.apiCall(t, http.MethodPatch, "/api/v1/activities/"+itoa(f.football.ID), tok, `{"age_min": 9}`); r.status != http.StatusOK {
			t.Fatalf("before revoking: %d %s", r.status, r.body)
		}
		list, err := f.db.FindAPITokens(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		for _, x := range list {
			if x.Name == "Snart tilbakekalt" {
				id = x.ID
			}
		}
		r := coord.post("/admin/tokens/"+itoa(id)+"/revoke", nil)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/tokens" {
			t.Fatalf("revoke: %d %q", r.status, r.header.Get("Location"))
		}
		wantAPIError(t, f.apiCall(t, http.MethodPatch, "/api/v1/activities/"+itoa(f.football.ID), tok, `{"age_min": 10}`),
			http.StatusUnauthorized, "unauthorized")
		page := coord.get("/admin/tokens")
		if strings.Contains(page.body, `action="/admin/tokens/`+itoa(id)+`/revoke"`) {
			t.Error("a revoked token still has a revoke button")
		}
		if r := coord.post("/admin/tokens/99999/revoke", nil); r.status != http.StatusNotFound {
			t.Errorf("revoke unknown: %d", r.status)
		}
	})
	t.Run("SessionSameOrigin", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, coord.ts.URL+"/api/v1/activities", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", coord.ts.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if r := coord.do(req); r.status != http.StatusCreated {
			t.Errorf("same-origin write with a session: %d %s", r.status, r.body)
		}
	})
	t.Run("ErrSessionCrossOrigin", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, coord.ts.URL+"/api/v1/activities", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		r := coord.do(req)
		var e apiErrorJSON
		if r.status != http.StatusForbidden || json.Unmarshal([]byte(r.body), &e) != nil || e.Error.Code != "forbidden" {
			t.Errorf("cross-site write with a session: %d %s", r.status, r.body)
		}
		wantContains(t, f.get(t, "/api/v1/activities?q=sjakk"), `"total":1`) // the same-origin one only
	})
	t.Run("ErrEditorSession", func(t *testing.T) {
		ed := f.browser(t)
		ed.login("redaktor@drammen.example", goodPassword)
		req, _ := http.NewRequest(http.MethodDelete, ed.ts.URL+"/api/v1/activities/"+itoa(f.football.ID), nil)
		wantAPIError(t, ed.do(req), http.StatusForbidden, "forbidden")
		if r := f.get(t, "/api/v1/activities/"+itoa(f.football.ID)); r.status != http.StatusOK {
			t.Errorf("activity gone after refused deletes: %d", r.status)
		}
	})
}

func TestTokensPage(t *testing.T) {
	f, _ := newAPIFixture(t)
	f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	f.addUser(t, "redaktor@drammen.example", accounts.RoleEditor, f.org.ID)
	coord := f.browser(t)
	coord.login("koordinator@drammen.example", goodPassword)

	t.Run("Empty", func(t *testing.T) {
		r := coord.get("/admin/tokens")
		if r.status != http.StatusOK {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `<html lang="sv"`, `action="/admin/tokens" method="post"`, `name="scope" type="checkbox" value="read"`,
			`value="write_registry"`, `<label for="f-name">`, `class="empty"`)
	})
	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		r := coord.post("/admin/tokens", url.Values{"name": {strings.Repeat("x", 101)}, "scope": {"admin"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `class="error-summary"`, `id="e-name"`, `id="e-scopes"`, `aria-invalid="true"`, strings.Repeat("x", 101))
		r = coord.post("/admin/tokens", url.Values{"name": {"Import"}})
		wantContains(t, r, `id="e-scopes"`, `value="Import"`)
		if newTokenRE.MatchString(r.body) {
			t.Error("a token shown after a refused create")
		}
	})
	t.Run("CreateShowsOnce", func(t *testing.T) {
		tok := coord.makeToken(t, "Kulturkalender", accounts.ScopeRead, accounts.ScopeWriteRegistry)
		r := coord.get("/admin/tokens")
		if strings.Contains(r.body, tok) {
			t.Error("token shown again")
		}
		wantContains(t, r, "Kulturkalender", "koordinator@drammen.example", `/revoke"`)
	})
	t.Run("ErrNotCoordinator", func(t *testing.T) {
		ed := f.browser(t)
		ed.login("redaktor@drammen.example", goodPassword)
		if r := ed.get("/admin/tokens"); r.status != http.StatusForbidden {
			t.Errorf("editor GET: %d", r.status)
		}
		if r := ed.post("/admin/tokens", url.Values{"name": {"Kapret"}, "scope": {"write_registry"}}); r.status != http.StatusForbidden {
			t.Errorf("editor POST: %d", r.status)
		}
		anon := f.browser(t)
		if r := anon.get("/admin/tokens"); r.status != http.StatusSeeOther {
			t.Errorf("anonymous GET: %d", r.status)
		}
		list, _ := f.db.FindAPITokens(context.Background())
		for _, x := range list {
			if x.Name == "Kapret" {
				t.Error("an editor made a token")
			}
		}
	})
}
