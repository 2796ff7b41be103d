package web_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"testing"
	"time"

	smtpmock "github.com/mocktools/go-smtp-mock/v2"

	"broen/accounts"
	"broen/notify"
	"broen/registry"
)

// smtpPeer is a real SMTP server inside the test.
type smtpPeer struct {
	t   *testing.T
	srv *smtpmock.Server
}

func startSMTP(t *testing.T) (*smtpPeer, notify.Mailer) {
	t.Helper()
	srv := smtpmock.New(smtpmock.ConfigurationAttr{HostAddress: "127.0.0.1", MultipleMessageReceiving: true})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	m, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: srv.PortNumber(), From: "Broen <noreply@broen.example>",
		TLS: "none", Timeout: 5 * time.Second, HELO: "broen.example"})
	if err != nil {
		t.Fatal(err)
	}
	return &smtpPeer{t: t, srv: srv}, m
}

type email struct{ to, subject, lang, body string }

// wait returns the first n messages the peer received, decoded.
func (p *smtpPeer) wait(n int) []email {
	p.t.Helper()
	msgs, err := p.srv.WaitForMessages(n, 5*time.Second)
	if err != nil {
		p.t.Fatalf("waiting for %d emails: %v", n, err)
	}
	var out []email
	for _, m := range msgs {
		parsed, err := mail.ReadMessage(strings.NewReader(m.MsgRequest()))
		if err != nil {
			p.t.Fatal(err)
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject"))
		var body io.Reader = parsed.Body
		if strings.EqualFold(parsed.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(parsed.Body)
		}
		b, _ := io.ReadAll(body)
		out = append(out, email{to: parsed.Header.Get("To"), subject: subject, lang: parsed.Header.Get("Content-Language"),
			body: strings.ReplaceAll(string(b), "\r\n", "\n")})
	}
	return out
}

// TestModerationFlow: an organisation registers itself, the coordinator
// approves it, its editor proposes a change that is sent back with a
// reason; every email arrives at a real SMTP peer in the recipient's
// language.
func TestModerationFlow(t *testing.T) {
	peer, mailer := startSMTP(t)
	f := newFixtureMailer(t, mailer)
	f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator) // locale sv, see addUser
	coord := f.browser(t)
	coord.login("koordinator@drammen.example", goodPassword)

	// 1. Someone registers an organisation, reading the site in Danish.
	visitor := f.browser(t)
	visitor.get("/register?lang=da")
	form := url.Values{"name": {"Eritreisk kulturforening"}, "kind": {"immigrant"}, "country": {"NO"},
		"description.nb": {"Kaffeseremoni og leksehjelp på tigrinja."}, "address": {"Tollbugata 5"}, "postcode": {"3044"},
		"city": {"Drammen"}, "person_name": {"Selam"}, "person_email": {"selam@eritreisk.example"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("postcode", "30440")
	r := visitor.post("/register", bad)
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `value="Eritreisk kulturforening"`) ||
		!strings.Contains(r.body, `id="e-postcode"`) {
		t.Fatalf("bad postcode: %d", r.status)
	}
	if r := visitor.post("/register", form); r.status != http.StatusCreated {
		t.Fatalf("register: %d %s", r.status, r.body)
	}
	mails := peer.wait(1)
	if mails[0].to != "<selam@eritreisk.example>" || mails[0].lang != "da" || !strings.Contains(mails[0].body, "/invitation?token=") {
		t.Errorf("invitation: %+v", mails[0])
	}
	if r := f.get(t, "/organisations"); strings.Contains(r.body, "Eritreisk") {
		t.Error("pending organisation is public")
	}

	// 2. The coordinator sees it in the queue and approves it.
	r = coord.get("/admin/moderation")
	wantContains(t, r, "Eritreisk kulturforening")
	id := between(r.body, `href="/admin/moderation/`, `"`)
	r = coord.get("/admin/moderation/" + id)
	wantContains(t, r, "<ins>Eritreisk kulturforening</ins>", "<ins>Tollbugata 5</ins>")
	if r := coord.post("/admin/moderation/"+id, url.Values{"decision": {"approve"}}); r.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", r.status, r.body)
	}
	wantContains(t, f.get(t, "/organisations"), "Eritreisk kulturforening")
	mails = peer.wait(2)
	if m := mails[1]; m.to != "<selam@eritreisk.example>" || m.lang != "da" || !strings.Contains(m.body, "/organisations/") {
		t.Errorf("approval email: %+v", m)
	}
	// Deciding twice is refused.
	if r := coord.post("/admin/moderation/"+id, url.Values{"decision": {"return"}, "reason": {"x"}}); r.status != http.StatusConflict {
		t.Errorf("second decision: %d", r.status)
	}

	// 3. The fixture organisation's editor proposes a change; it waits.
	editor := f.addUser(t, "redaktor@rodekors.example", accounts.RoleEditor, f.org.ID)
	ed := f.browser(t)
	ed.login(editor.Email, goodPassword)
	r = ed.get("/manage/organisations/" + itoa(f.org.ID) + "/edit")
	wantContains(t, r, `value="Drammen Røde Kors"`)
	change := url.Values{"name": {"Drammen Røde Kors"}, "kind": {"voluntary"}, "country": {"NO"}, "org_number": {"974760673"},
		"description.nb": {"Vi driver leksehjelp, språkkafé og flyktningguide."}, "website": {"https://drammen.rodekors.example"},
		"email": {"post@rodekors-drammen.example"}, "phone": {"+4732210000"}}
	if r := ed.post("/manage/organisations/"+itoa(f.org.ID)+"/edit", change); r.status != http.StatusSeeOther {
		t.Fatalf("editor change: %d %s", r.status, r.body)
	}
	if r := f.get(t, "/organisations/"+itoa(f.org.ID)+"?lang=nb"); strings.Contains(r.body, "flyktningguide") {
		t.Error("change public before approval")
	}

	// 4. The coordinator sends it back with a reason; the editor reads it
	// in Swedish (their language) in the email and on their page.
	r = coord.get("/admin/moderation")
	id = between(r.body, `href="/admin/moderation/`, `"`)
	r = coord.get("/admin/moderation/" + id)
	wantContains(t, r, "<del>Vi driver leksehjelp og språkkafé.</del>", "<ins>Vi driver leksehjelp, språkkafé og flyktningguide.</ins>")
	if r := coord.post("/admin/moderation/"+id, url.Values{"decision": {"return"}}); r.status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.body, `id="e-reason"`) {
		t.Errorf("return without reason: %d", r.status)
	}
	reason := "Skriv når flyktningguiden møtes."
	if r := coord.post("/admin/moderation/"+id, url.Values{"decision": {"return"}, "reason": {reason}}); r.status != http.StatusSeeOther {
		t.Fatalf("return: %d", r.status)
	}
	mails = peer.wait(3)
	if m := mails[2]; m.to != "<redaktor@rodekors.example>" || m.lang != "sv" || !strings.Contains(m.body, reason) ||
		!strings.Contains(m.body, "/manage/organisations/"+itoa(f.org.ID)+"/edit") {
		t.Errorf("returned email: %+v", m)
	}
	wantContains(t, ed.get("/manage"), reason)
}

func TestEditorForbiddenElsewhere(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "redaktor@annen.example", accounts.RoleEditor, f.addOrg(t, "Annen forening"))
	ed := f.browser(t)
	ed.login("redaktor@annen.example", goodPassword)
	for _, p := range []string{"/manage/organisations/" + itoa(f.org.ID) + "/edit"} {
		if r := ed.get(p); r.status != http.StatusForbidden || strings.Contains(r.body, "Drammen Røde Kors") {
			t.Errorf("GET %s: %d", p, r.status)
		}
	}
	if r := ed.post("/manage/organisations/"+itoa(f.org.ID)+"/edit", url.Values{"name": {"Kapret"}}); r.status != http.StatusForbidden {
		t.Errorf("POST edit: %d", r.status)
	}
	if r := ed.post("/manage/activities/"+itoa(f.football.ID)+"/status", url.Values{"action": {"archive"}}); r.status != http.StatusForbidden {
		t.Errorf("archive another organisation's activity: %d", r.status)
	}
	// A write without a session goes to the sign-in page.
	anon := f.browser(t)
	if r := anon.post("/manage/activities/"+itoa(f.football.ID)+"/status", url.Values{"action": {"archive"}}); r.status != http.StatusSeeOther ||
		!strings.HasPrefix(r.header.Get("Location"), "/login") {
		t.Errorf("anonymous write: %d %q", r.status, r.header.Get("Location"))
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	j := strings.Index(s, end)
	if j < 0 {
		return ""
	}
	return s[:j]
}

func (f *fixture) addOrg(t *testing.T, name string) int64 {
	t.Helper()
	o := &registry.Organisation{Name: name, Kind: registry.OrgVoluntary, Country: "NO", Status: registry.StatusApproved}
	if err := f.db.CreateOrganisation(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	return o.ID
}
