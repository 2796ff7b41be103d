package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"broen/accounts"
	"broen/notify"
)

// mailbox is a Mailer that keeps what it was given.
type mailbox struct {
	mu   sync.Mutex
	sent []notify.Message
}

func (m *mailbox) Send(_ context.Context, msg notify.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

func (m *mailbox) last(t *testing.T) notify.Message {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.sent) == 0 {
		t.Fatal("no email sent")
	}
	return m.sent[len(m.sent)-1]
}

var linkRE = regexp.MustCompile(`https://broen\.example(/[^\s]+)`)

// link returns the path and query of the link in an email.
func link(t *testing.T, msg notify.Message) string {
	t.Helper()
	m := linkRE.FindStringSubmatch(msg.Text)
	if m == nil {
		t.Fatalf("no link in %q", msg.Text)
	}
	return m[1]
}

// browser is a cookie-keeping client against the server under test.
type browser struct {
	t   *testing.T
	ts  *httptest.Server
	cli *http.Client
}

func (f *fixture) browser(t *testing.T) *browser {
	t.Helper()
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, ts: ts, cli: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	resp, err := b.cli.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header, string(body)}
}

func (b *browser) get(path string) response {
	req, _ := http.NewRequest(http.MethodGet, b.ts.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values, headers ...string) response {
	req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.do(req)
}

const goodPassword = "lang-og-trygt-passord-42"

func (f *fixture) addUser(t *testing.T, email string, role accounts.Role, orgs ...int64) *accounts.User {
	t.Helper()
	h, err := accounts.HashPassword(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	u := &accounts.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, Locale: "sv",
		OrganisationIDs: orgs, PasswordHash: h}
	if err := f.db.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (b *browser) login(email, password string) response {
	return b.post("/login", url.Values{"email": {email}, "password": {password}})
}

func TestLogin(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "kari@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)

	t.Run("SameMessageUnknownOrWrong", func(t *testing.T) {
		wrong := b.login("kari@drammen.example", "feil-passord-123")
		unknown := b.login("ingen@drammen.example", "feil-passord-123")
		if wrong.status != http.StatusUnauthorized || unknown.status != http.StatusUnauthorized {
			t.Fatalf("statuses %d %d", wrong.status, unknown.status)
		}
		msg := func(r response) string {
			return regexp.MustCompile(`(?s)<div class="error-summary" role="alert"><p>(.*?)</p>`).FindStringSubmatch(r.body)[1]
		}
		if msg(wrong) != msg(unknown) {
			t.Errorf("different messages: %q vs %q", msg(wrong), msg(unknown))
		}
		wantContains(t, wrong, `value="kari@drammen.example"`)
	})
	t.Run("SignedInWithFreshCookie", func(t *testing.T) {
		r := b.get("/login")
		before := r.header.Get("Set-Cookie")
		r = b.login("Kari@Drammen.example", goodPassword)
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/account" {
			t.Fatalf("status %d location %q", r.status, r.header.Get("Location"))
		}
		c := r.header.Get("Set-Cookie")
		if !strings.Contains(c, "broen_session=") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") ||
			!strings.Contains(c, "Secure") {
			t.Errorf("session cookie %q", c)
		}
		if before != "" && strings.Split(before, ";")[0] == strings.Split(c, ";")[0] {
			t.Error("session token not renewed at login")
		}
		r = b.get("/account")
		wantContains(t, r, "kari@drammen.example", `lang="sv"`)
	})
	t.Run("Logout", func(t *testing.T) {
		r := b.post("/logout", nil)
		if r.status != http.StatusSeeOther {
			t.Fatalf("status %d", r.status)
		}
		if r := b.get("/account"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login?next=") {
			t.Errorf("after logout: %d %q", r.status, r.header.Get("Location"))
		}
	})
	t.Run("RateLimitedPerAccount", func(t *testing.T) {
		var last response
		for range 7 {
			last = b.login("kari@drammen.example", "feil-passord-123")
		}
		if last.status != http.StatusTooManyRequests {
			t.Errorf("7th wrong attempt: %d", last.status)
		}
		// Even the right password waits until the bucket refills.
		if r := b.login("kari@drammen.example", goodPassword); r.status != http.StatusTooManyRequests {
			t.Errorf("right password while throttled: %d", r.status)
		}
	})
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "kari@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	r := b.post("/login", url.Values{"email": {"kari@drammen.example"}, "password": {goodPassword}},
		"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if r.status != http.StatusForbidden {
		t.Fatalf("cross-site login: %d", r.status)
	}
	r = b.post("/login", url.Values{"email": {"kari@drammen.example"}, "password": {goodPassword}},
		"Origin", b.ts.URL, "Sec-Fetch-Site", "same-origin")
	if r.status != http.StatusSeeOther {
		t.Errorf("same-origin login: %d", r.status)
	}
}

func TestCSPOnEveryPage(t *testing.T) {
	f := newFixture(t)
	b := f.browser(t)
	for _, p := range []string{"/", "/activities", "/login", "/password/forgot", "/invitation?token=x", "/nowhere",
		"/api/v1/activities", "/api/v1/nowhere", "/static/broen.css", "/static/none.css", "/account"} {
		r := b.get(p)
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

func TestRequireRoles(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "redaktor@drammen.example", accounts.RoleEditor, f.org.ID)
	b := f.browser(t)
	if r := b.get("/admin/audit"); r.status != http.StatusSeeOther {
		t.Errorf("anonymous audit: %d", r.status)
	}
	b.login("redaktor@drammen.example", goodPassword)
	if r := b.get("/admin/audit"); r.status != http.StatusForbidden {
		t.Errorf("editor audit: %d", r.status)
	}
	// An editor may not invite to an organisation they do not edit.
	r := b.post("/account/invite", url.Values{"email": {"ny@drammen.example"}, "name": {"Ny"}, "organisation_id": {"999"}})
	if r.status != http.StatusForbidden {
		t.Errorf("editor inviting to another organisation: %d", r.status)
	}
}

func TestPasswordReset(t *testing.T) {
	f := newFixture(t)
	u := f.addUser(t, "kari@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	r := b.post("/password/forgot", url.Values{"email": {"kari@drammen.example"}})
	unknown := b.post("/password/forgot", url.Values{"email": {"ingen@drammen.example"}})
	if r.status != 200 || unknown.status != 200 || len(f.mail.sent) != 1 {
		t.Fatalf("statuses %d %d, %d emails", r.status, unknown.status, len(f.mail.sent))
	}
	msg := f.mail.last(t)
	if msg.To != u.Email || msg.Headers["Content-Language"] != "sv" {
		t.Errorf("email to %q in %q", msg.To, msg.Headers["Content-Language"])
	}
	path := link(t, msg)
	token := strings.TrimPrefix(path, "/password/reset?token=")
	if r := b.get(path); r.status != 200 || !strings.Contains(r.body, `name="token"`) {
		t.Fatalf("reset form: %d", r.status)
	}
	// A too-short password is refused without using up the link.
	tokenValue, _ := url.QueryUnescape(token)
	r = b.post("/password/reset", url.Values{"token": {tokenValue}, "password": {"kort"}, "confirm": {"kort"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `id="e-password"`) {
		t.Fatalf("short password: %d", r.status)
	}
	newPassword := "et-helt-nytt-passord-7"
	r = b.post("/password/reset", url.Values{"token": {tokenValue}, "password": {newPassword}, "confirm": {newPassword}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	// The link works once.
	r = b.post("/password/reset", url.Values{"token": {tokenValue}, "password": {newPassword}, "confirm": {newPassword}})
	if r.status == http.StatusSeeOther || !strings.Contains(r.body, `href="/password/forgot"`) {
		t.Errorf("second use: %d", r.status)
	}
	b2 := f.browser(t)
	if r := b2.login("kari@drammen.example", newPassword); r.status != http.StatusSeeOther {
		t.Errorf("login with new password: %d", r.status)
	}
	if r := b2.login("kari@drammen.example", goodPassword); r.status != http.StatusUnauthorized {
		t.Errorf("login with old password: %d", r.status)
	}
}

func TestPasswordResetExpires(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "kari@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	b.post("/password/forgot", url.Values{"email": {"kari@drammen.example"}})
	token, _ := url.QueryUnescape(strings.TrimPrefix(link(t, f.mail.last(t)), "/password/reset?token="))
	f.srv.Now = func() time.Time { return now.Add(2 * time.Hour) }
	pw := "et-helt-nytt-passord-7"
	r := b.post("/password/reset", url.Values{"token": {token}, "password": {pw}, "confirm": {pw}})
	if r.status == http.StatusSeeOther || !strings.Contains(r.body, `href="/password/forgot"`) {
		t.Errorf("expired link: %d", r.status)
	}
}

func TestInvitation(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "kari@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	b.login("kari@drammen.example", goodPassword)
	r := b.post("/account/invite", url.Values{"email": {"ola@rodekors.example"}, "name": {"Ola"}, "role": {"editor"},
		"organisation_id": {itoa(f.org.ID)}, "locale": {"da"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("invite: %d %s", r.status, r.body)
	}
	msg := f.mail.last(t)
	if msg.To != "ola@rodekors.example" || !strings.Contains(msg.Text, "Drammen Røde Kors") || msg.Headers["Content-Language"] != "da" {
		t.Errorf("invitation %+v", msg)
	}
	// Inviting the same address again is a conflict, shown on the form.
	r = b.post("/account/invite", url.Values{"email": {"ola@rodekors.example"}, "name": {"Ola"}, "role": {"editor"},
		"organisation_id": {itoa(f.org.ID)}})
	if r.status != http.StatusConflict || !strings.Contains(r.body, `value="ola@rodekors.example"`) {
		t.Errorf("second invitation: %d", r.status)
	}
	token, _ := url.QueryUnescape(strings.TrimPrefix(link(t, msg), "/invitation?token="))
	ola := f.browser(t)
	pw := "olas-eget-passord-99"
	r = ola.post("/invitation", url.Values{"token": {token}, "password": {pw}, "confirm": {pw}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("accept invitation: %d %s", r.status, r.body)
	}
	wantContains(t, ola.get("/account"), "ola@rodekors.example", "Drammen Røde Kors")
	// The audit log shows who did it, and never a token or password.
	entries, total, err := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{Limit: 100})
	if err != nil || total < 3 {
		t.Fatalf("audit: %v, %d entries", err, total)
	}
	for _, e := range entries {
		if strings.Contains(e.Detail, token) || strings.Contains(e.Detail, pw) {
			t.Errorf("secret in audit entry %+v", e)
		}
	}
}
