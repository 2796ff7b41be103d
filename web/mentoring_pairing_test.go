package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"broen/accounts"
	"broen/mentoring"
)

// mpWorld is a programme in motion: people waiting on both sides, a
// proposal, an active pairing with a check-in due that has gone quiet, and
// an ended one.
type mpWorld struct {
	f                        *fixture
	coord                    *browser
	coordUser                *accounts.User
	vol                      *browser // the volunteer of proposed and active
	v                        *mentoring.Volunteer
	proposed, active, ended  *mentoring.Pairing
	waitingV                 *mentoring.Volunteer
	waitingN                 *mentoring.Newcomer
	nProposed, nActive, nEnd *mentoring.Newcomer
}

func newMPWorld(t *testing.T) *mpWorld {
	t.Helper()
	f := newFixture(t)
	w := &mpWorld{f: f}
	w.coord, w.coordUser = mpCoordinator(t, f, "kari@drammen.example")
	w.v = mpVolunteer(t, f, "Ola Nordmann", func(v *mentoring.Volunteer) { v.Capacity = 3 })
	w.nProposed = mpNewcomer(t, f, "Amal Haddad", func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{4, 9}
	})
	w.nActive = mpNewcomer(t, f, "Yonas Tesfaye")
	w.nEnd = mpNewcomer(t, f, "Dilan Aziz")
	// The family has children: the volunteer needs a current police check.
	police := mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: now.AddDate(0, -2, 0), CheckedBy: "Kari",
		RenewBy: now.AddDate(2, 0, 0)}
	if _, err := f.db.UpdateVolunteer(context.Background(), w.v.ID, mentoring.VolunteerUpdate{PoliceCheck: &police}); err != nil {
		t.Fatal(err)
	}
	w.ended = mpActive(t, f, w.v, w.nEnd, now.AddDate(0, -8, 0))
	if _, err := f.db.EndPairing(context.Background(), w.ended.ID, mentoring.EndCompleted,
		mentoring.Evaluation{Rating: 4, Frequency: mentoring.FrequencyWeekly, Outcomes: []mentoring.Outcome{mentoring.OutcomeNetwork}},
		0, now.AddDate(0, -1, 0)); err != nil {
		t.Fatal(err)
	}
	w.active = mpActive(t, f, w.v, w.nActive, now.AddDate(0, 0, -45))
	w.proposed = mpPropose(t, f, w.v, w.nProposed, now.AddDate(0, 0, -1))
	w.waitingV = mpVolunteer(t, f, "Siri Berg")
	w.waitingN = mpNewcomer(t, f, "Hamid Karimi")
	return w
}

// volunteer signs in as the volunteer of the world's pairings, giving
// them an account first.
func (w *mpWorld) volunteer(t *testing.T) *browser {
	t.Helper()
	if w.vol != nil {
		return w.vol
	}
	u := w.f.addUser(t, "ola@frivillig.example", accounts.RoleVolunteer)
	if _, err := w.f.db.UpdateVolunteer(context.Background(), w.v.ID, mentoring.VolunteerUpdate{UserID: &u.ID}); err != nil {
		t.Fatal(err)
	}
	w.vol = w.f.browser(t)
	if r := w.vol.login("ola@frivillig.example", goodPassword); r.status != http.StatusSeeOther {
		t.Fatalf("login: %d", r.status)
	}
	return w.vol
}

// TestMentoringPagesEveryLocale renders every page of the pairing side in
// all five languages.
func TestMentoringPagesEveryLocale(t *testing.T) {
	w := newMPWorld(t)
	coordPages := []struct{ path, h1 string }{
		{"/mentoring", "mentoring.overview.heading"},
		{"/mentoring/match", "mentoring.match.title"},
		{"/mentoring/pairings", "mentoring.pairings.title"},
		{"/mentoring/pairings?quiet=1&status=active", "mentoring.pairings.title"},
		{"/mentoring/pairings/" + mpPID(w.proposed), ""},
		{"/mentoring/pairings/" + mpPID(w.active), ""},
		{"/mentoring/pairings/" + mpPID(w.ended), ""},
		{"/mentoring/follow-up", "mentoring.followup.title"},
		{"/mentoring/weights", "mentoring.weights.title"},
	}
	vol := w.volunteer(t)
	for _, lang := range allLocales {
		l := mpLocalizer(t, lang)
		for _, p := range coordPages {
			t.Run(lang+p.path, func(t *testing.T) {
				sep := "?"
				if strings.Contains(p.path, "?") {
					sep = "&"
				}
				r := w.coord.get(p.path + sep + "lang=" + lang)
				mpWantStatus(t, r, http.StatusOK)
				wantContains(t, r, `<html lang="`+lang+`"`, mpEscaped(l.T("mentoring.nav.coordinator")))
				if p.h1 != "" {
					wantContains(t, r, "<h1>"+mpEscaped(l.T(p.h1))+"</h1>")
				}
				if strings.Count(r.body, "<h1") != 1 {
					t.Errorf("%d h1 elements", strings.Count(r.body, "<h1"))
				}
				mpWantNoRawIDs(t, r)
			})
		}
		t.Run(lang+"/refused", func(t *testing.T) {
			// A refused proposal (the family needs a police check) and the
			// results of a batch with nothing ticked.
			r := w.coord.post("/mentoring/pairings?lang="+lang, mpForm("volunteer_id", itoa(w.waitingV.ID),
				"newcomer_id", itoa(w.nProposed.ID)))
			mpWantStatus(t, r, http.StatusConflict)
			wantContains(t, r, `<html lang="`+lang+`"`, "<h1>"+mpEscaped(l.T("mentoring.propose.title"))+"</h1>",
				mpEscaped(l.T("mentoring.rule.police_check")))
			mpWantNoRawIDs(t, r)
			r = w.coord.post("/mentoring/match?lang="+lang, mpForm())
			mpWantStatus(t, r, http.StatusUnprocessableEntity)
			wantContains(t, r, `<html lang="`+lang+`"`, mpEscaped(l.T("mentoring.match.none_ticked")))
			mpWantNoRawIDs(t, r)
		})
		t.Run(lang+"/me", func(t *testing.T) {
			r := vol.get("/me?lang=" + lang)
			mpWantStatus(t, r, http.StatusOK)
			wantContains(t, r, `<html lang="`+lang+`"`, "<h1>"+mpEscaped(l.T("mentoring.me.title"))+"</h1>",
				mpEscaped(l.T("mentoring.nav.me")))
			mpWantNoRawIDs(t, r)
		})
	}
}

// TestPairingPageShowsEverything: both parties with contact details, the
// answers, the score and reasons, check-ins, the contact log, and only the
// forms that apply.
func TestPairingPageShowsEverything(t *testing.T) {
	w := newMPWorld(t)
	l := mpLocalizer(t, "nb")

	r := w.coord.get("/mentoring/pairings/" + mpPID(w.proposed) + "?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	wantContains(t, r, "Ola Nordmann", "Amal Haddad", w.nProposed.Email, w.v.Email, "Poeng: 50",
		"dere snakker begge arabisk", `action="/mentoring/pairings/`+mpPID(w.proposed)+`/answer"`,
		`name="side" value="newcomer"`, `name="side" value="volunteer"`, `/withdraw"`, `action="/mentoring/exclusions"`)
	for _, absent := range []string{`/end"`, `/contacts"`} {
		if strings.Contains(r.body, absent) {
			t.Errorf("proposed pairing page has %s", absent)
		}
	}

	r = w.coord.get("/mentoring/pairings/" + mpPID(w.active) + "?lang=nb")
	wantContains(t, r, "Yonas Tesfaye", w.nActive.Phone[3:], mpEscaped(l.T("mentoring.pairing.log_contact")),
		`/end"`, `name="rating"`, `name="outcomes"`, `/checkins/`, "2 uker", "dager på overtid")
	if strings.Contains(r.body, `/withdraw"`) || strings.Contains(r.body, `name="side"`) {
		t.Error("active pairing page offers the proposal's forms")
	}

	r = w.coord.get("/mentoring/pairings/" + mpPID(w.ended) + "?lang=en")
	wantContains(t, r, "4 of 5", "Every week", "A larger network")
	for _, absent := range []string{`/end"`, `/withdraw"`, `name="outcome"`} {
		if strings.Contains(r.body, absent) {
			t.Errorf("ended pairing page has %s", absent)
		}
	}

	// Reading the page is logged as reading the newcomer's record.
	entries, _, err := w.f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	read := false
	for _, e := range entries {
		read = read || e.Action == "read" && e.ObjectType == "newcomer" && e.ObjectID == w.nProposed.ID && e.UserID == w.coordUser.ID
	}
	if !read {
		t.Error("no audit entry for reading the newcomer's record")
	}

	if r := w.coord.get("/mentoring/pairings/99999"); r.status != http.StatusNotFound {
		t.Errorf("unknown pairing: %d", r.status)
	}
}

// TestPairingRoles: only coordinators reach the coordinator's pages and
// API; only volunteers reach /me.
func TestPairingRoles(t *testing.T) {
	w := newMPWorld(t)
	f := w.f
	anon := f.browser(t)
	editor := f.browser(t)
	f.addUser(t, "redaktor@rodekors.example", accounts.RoleEditor, f.org.ID)
	editor.login("redaktor@rodekors.example", goodPassword)
	pages := []string{"/mentoring", "/mentoring/match", "/mentoring/pairings", "/mentoring/pairings/" + mpPID(w.active),
		"/mentoring/follow-up", "/mentoring/weights"}
	for _, p := range pages {
		if r := anon.get(p); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login?next=") {
			t.Errorf("anonymous %s: %d %s", p, r.status, r.header.Get("Location"))
		}
		for who, b := range map[string]*browser{"editor": editor, "volunteer": w.volunteer(t)} {
			if r := b.get(p); r.status != http.StatusForbidden {
				t.Errorf("%s %s: %d", who, p, r.status)
			}
		}
	}
	posts := []string{"/mentoring/pairings", "/mentoring/match", "/mentoring/pairings/" + mpPID(w.proposed) + "/answer",
		"/mentoring/pairings/" + mpPID(w.proposed) + "/withdraw", "/mentoring/weights", "/mentoring/exclusions"}
	for _, p := range posts {
		if r := w.volunteer(t).post(p, mpForm("side", "newcomer", "answer", "yes", "reason", "coordinator")); r.status != http.StatusForbidden {
			t.Errorf("volunteer POST %s: %d", p, r.status)
		}
	}
	if p := mpPairing(t, f, w.proposed.ID); p.NewcomerAnswer != mentoring.AnswerNone || p.Status != mentoring.PairingProposed {
		t.Errorf("a refused post changed the pairing: %+v", p)
	}
	apis := []string{"/api/v1/mentoring/pairings", "/api/v1/mentoring/pairings/" + mpPID(w.active), "/api/v1/mentoring/follow-up",
		"/api/v1/mentoring/weights", "/api/v1/mentoring/suggestions?newcomer_id=1"}
	for _, p := range apis {
		wantAPIError(t, anon.get(p), http.StatusUnauthorized, "unauthorized")
		wantAPIError(t, editor.get(p), http.StatusForbidden, "forbidden")
		wantAPIError(t, w.volunteer(t).get(p), http.StatusForbidden, "forbidden")
	}
	if r := anon.get("/me"); r.status != http.StatusSeeOther {
		t.Errorf("anonymous /me: %d", r.status)
	}
	if r := w.coord.get("/me"); r.status != http.StatusForbidden {
		t.Errorf("coordinator /me: %d", r.status)
	}
	wantAPIError(t, anon.get("/api/v1/me/pairings"), http.StatusUnauthorized, "unauthorized")
	wantAPIError(t, w.coord.get("/api/v1/me/pairings"), http.StatusForbidden, "forbidden")
}

// TestProposeFromPersonPage: the person pages post one pair; the volunteer
// gets an email in their language with a link to /me; a broken rule or
// invariant is a localized 409.
func TestProposeFromPersonPage(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	v := mpVolunteer(t, f, "Siri Berg", func(v *mentoring.Volunteer) { v.Locale = "sv" })
	n := mpNewcomer(t, f, "Amal Haddad")
	back := "/mentoring/newcomers/" + itoa(n.ID)

	r := coord.post("/mentoring/pairings", mpForm("volunteer_id", itoa(v.ID), "newcomer_id", itoa(n.ID), "length_months", "12",
		"back", back))
	mpWantStatus(t, r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != back {
		t.Errorf("redirect to %q, want %q", loc, back)
	}
	ps, _, err := f.db.FindPairings(context.Background(), mentoring.PairingFilter{VolunteerID: &v.ID, Limit: 10})
	if err != nil || len(ps) != 1 {
		t.Fatalf("pairings %v %v", ps, err)
	}
	p := ps[0]
	if p.Status != mentoring.PairingProposed || p.LengthMonths != 12 || p.Score <= 0 || len(p.Reasons) == 0 {
		t.Errorf("stored %+v", p)
	}
	msg := f.mail.last(t)
	if !strings.Contains(msg.To, v.Email) || !strings.Contains(msg.Subject+msg.Text, "matchning") || link(t, msg) != "/me" {
		t.Errorf("email %+v", msg)
	}
	if strings.Contains(msg.Text, "Amal") || strings.Contains(msg.Text, "Haddad") {
		t.Error("the email names the newcomer")
	}

	// Capacity 1 is taken: 409, in the reader's language, with the form to
	// try again.
	n2 := mpNewcomer(t, f, "Yonas Tesfaye")
	for _, lang := range []string{"nb", "en"} {
		l := mpLocalizer(t, lang)
		r = coord.post("/mentoring/pairings?lang="+lang, mpForm("volunteer_id", itoa(v.ID), "newcomer_id", itoa(n2.ID),
			"length_months", "3", "back", back))
		mpWantStatus(t, r, http.StatusConflict)
		wantContains(t, r, `<html lang="`+lang+`"`, mpEscaped(l.T("mentoring.rule.capacity")), `role="alert"`,
			`<option value="3" selected>`, `href="`+back+`"`)
	}
	// The same via the API, in Swedish.
	token := coord.makeToken(t, "CRM", accounts.ScopeMentoring)
	body := `{"volunteer_id":` + itoa(v.ID) + `,"newcomer_id":` + itoa(n2.ID) + `}`
	e := wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/pairings", token, body, "Accept-Language", "sv"),
		http.StatusConflict, "conflict")
	if e.Error.Message != mpLocalizer(t, "sv").T("mentoring.rule.capacity") {
		t.Errorf("message %q", e.Error.Message)
	}

	// A hard rule: the family has children, the volunteer no police check.
	v2 := mpVolunteer(t, f, "Per Hansen")
	fam := mpNewcomer(t, f, "Familien Haddad", func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{7}
	})
	r = coord.post("/mentoring/pairings?lang=da", mpForm("volunteer_id", itoa(v2.ID), "newcomer_id", itoa(fam.ID)))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "da").T("mentoring.rule.police_check")))

	// back must be a path on this site.
	n3 := mpNewcomer(t, f, "Dilan Aziz")
	r = coord.post("/mentoring/pairings", mpForm("volunteer_id", itoa(v2.ID), "newcomer_id", itoa(n3.ID), "back", "//evil.example/x"))
	mpWantStatus(t, r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/mentoring/pairings/") {
		t.Errorf("redirect to %q", loc)
	}
	// Missing ids: 422.
	if r := coord.post("/mentoring/pairings", mpForm("volunteer_id", "x")); r.status != http.StatusUnprocessableEntity {
		t.Errorf("missing ids: %d", r.status)
	}
	// Unknown volunteer: 404.
	if r := coord.post("/mentoring/pairings", mpForm("volunteer_id", "9999", "newcomer_id", itoa(n3.ID))); r.status != http.StatusNotFound {
		t.Errorf("unknown volunteer: %d", r.status)
	}
}

// postJSON posts a JSON body with the browser's session.
func (b *browser) postJSON(path, body string, headers ...string) response {
	return b.sendJSON(http.MethodPost, path, body, headers...)
}

func (b *browser) sendJSON(method, path, body string, headers ...string) response {
	req, _ := http.NewRequest(method, b.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.do(req)
}

// TestPairingLifecycleHTML walks a proposal to its end through the
// coordinator's forms, with the refused transitions on the way.
func TestPairingLifecycleHTML(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	v := mpVolunteer(t, f, "Siri Berg")
	n := mpNewcomer(t, f, "Amal Haddad")
	p := mpPropose(t, f, v, n, now.Add(-time.Hour))
	path := "/mentoring/pairings/" + mpPID(p)

	// Ending a proposal is refused: 409 with the lifecycle's message in two
	// languages, and what was chosen is kept.
	for _, lang := range []string{"nb", "sv"} {
		r := coord.post(path+"/end?lang="+lang, mpForm("reason", "completed", "rating", "4", "frequency", "weekly"))
		mpWantStatus(t, r, http.StatusConflict)
		wantContains(t, r, mpEscaped(mpLocalizer(t, lang).T(mentoring.ErrNotActive)), `role="alert"`)
	}
	// An answer without yes or no: 422, the reason kept.
	r := coord.post(path+"/answer", mpForm("side", "newcomer", "reason", "no_time"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `<option value="no_time" selected>`, `id="e-answer-newcomer"`)

	// The newcomer's yes, then the volunteer's (by phone): active.
	r = coord.post(path+"/answer", mpForm("side", "newcomer", "answer", "yes"))
	mpWantStatus(t, r, http.StatusSeeOther)
	sent := len(f.mail.sent)
	r = coord.post(path+"/answer", mpForm("side", "volunteer", "answer", "yes"))
	mpWantStatus(t, r, http.StatusSeeOther)
	if got := mpPairing(t, f, p.ID); got.Status != mentoring.PairingActive {
		t.Fatalf("status %s", got.Status)
	}
	if len(f.mail.sent) != sent+1 || !strings.Contains(f.mail.last(t).To, v.Email) || link(t, f.mail.last(t)) != "/me" {
		t.Errorf("no start email: %+v", f.mail.sent)
	}
	r = coord.get(path + "?lang=en")
	wantContains(t, r, "Both have said yes")

	// Answering again, withdrawing: 409.
	for _, post := range []struct{ path, reason string }{{"/answer", "no_time"}, {"/withdraw", "mistake"}} {
		r = coord.post(path+post.path+"?lang=en", mpForm("side", "newcomer", "answer", "no", "reason", post.reason))
		mpWantStatus(t, r, http.StatusConflict)
		wantContains(t, r, mpEscaped(mpLocalizer(t, "en").T(mentoring.ErrNotProposed)))
	}

	// A contact in the future: 422 with the field's message and the input
	// kept.
	r = coord.post(path+"/contacts?lang=nb", mpForm("date", "2026-12-24", "kind", "phone", "outcome", "ok"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `id="e-ct-date"`, `value="2026-12-24"`, `<option value="phone" selected>`, `<option value="ok" selected>`)
	r = coord.post(path+"/contacts", mpForm("date", "2026-11-23", "kind", "meeting", "outcome", "went_well"))
	mpWantStatus(t, r, http.StatusSeeOther)
	cs, _ := f.db.FindContacts(context.Background(), p.ID)
	if len(cs) != 1 || cs[0].Side != "coordinator" {
		t.Errorf("contacts %+v", cs)
	}

	// Ending without a rating: 422, the choices kept.
	r = coord.post(path+"/end?lang=nb", mpForm("reason", "completed", "frequency", "monthly", "outcomes", "friends"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `id="e-end-rating"`, `<option value="completed" selected>`, `<option value="monthly" selected>`,
		`value="friends" checked`)
	r = coord.post(path+"/end", mpForm("reason", "completed", "rating", "5", "frequency", "monthly", "outcomes", "friends",
		"outcomes", "language"))
	mpWantStatus(t, r, http.StatusSeeOther)
	got := mpPairing(t, f, p.ID)
	if got.Status != mentoring.PairingEnded || got.Evaluation == nil || got.Evaluation.Rating != 5 || len(got.Evaluation.Outcomes) != 2 {
		t.Errorf("ended %+v %+v", got, got.Evaluation)
	}
	r = coord.post(path+"/end?lang=da", mpForm("reason", "completed", "rating", "5", "frequency", "monthly"))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "da").T(mentoring.ErrNotActive)))

	// Withdraw and decline on fresh proposals.
	n2 := mpNewcomer(t, f, "Yonas Tesfaye")
	v2 := mpVolunteer(t, f, "Per Hansen")
	p2 := mpPropose(t, f, v2, n2, now.Add(-time.Hour))
	r = coord.post("/mentoring/pairings/"+mpPID(p2)+"/withdraw", mpForm("reason", "nonsense"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	r = coord.post("/mentoring/pairings/"+mpPID(p2)+"/answer", mpForm("side", "newcomer", "answer", "no", "reason", "distance"))
	mpWantStatus(t, r, http.StatusSeeOther)
	got = mpPairing(t, f, p2.ID)
	if got.Status != mentoring.PairingDeclined || got.DeclinedBy != mentoring.SideNewcomer || got.DeclineReason != mentoring.DeclineDistance {
		t.Errorf("declined %+v", got)
	}
	n3 := mpNewcomer(t, f, "Dilan Aziz")
	p3 := mpPropose(t, f, v2, n3, now.Add(-time.Hour))
	r = coord.post("/mentoring/pairings/"+mpPID(p3)+"/withdraw", mpForm("reason", "mistake"))
	mpWantStatus(t, r, http.StatusSeeOther)
	if got := mpPairing(t, f, p3.ID); got.Status != mentoring.PairingWithdrawn || got.WithdrawReason != mentoring.WithdrawMistake {
		t.Errorf("withdrawn %+v", got)
	}

	// Audit: the writes are logged without personal data.
	entries, _, _ := f.db.FindAuditEntries(context.Background(), accounts.AuditFilter{Limit: 200})
	actions := map[string]int{}
	for _, e := range entries {
		actions[e.Action]++
		if strings.Contains(e.Detail, "Amal") || strings.Contains(e.Detail, "@") {
			t.Errorf("personal data in audit detail %q", e.Detail)
		}
	}
	for _, a := range []string{"pairing.answer", "pairing.withdraw", "pairing.end", "pairing.contact"} {
		if actions[a] == 0 {
			t.Errorf("no audit %s: %v", a, actions)
		}
	}
}

// TestCheckInsAndExclusions: a due check-in recorded from the pairing page
// and from the follow-up page; a pair ruled out and let back in.
func TestCheckInsAndExclusions(t *testing.T) {
	w := newMPWorld(t)
	f := w.f
	cis, _, err := f.db.FindCheckIns(context.Background(), mentoring.CheckInFilter{PairingID: &w.active.ID, Limit: 10})
	if err != nil || len(cis) < 2 {
		t.Fatalf("check-ins %v %v", cis, err)
	}
	due := cis[0] // 2 weeks after a start 45 days ago
	path := "/mentoring/pairings/" + mpPID(w.active)
	r := w.coord.post(path+"/checkins/"+itoa(due.ID), mpForm("outcome", "bogus"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	r = w.coord.post(path+"/checkins/"+itoa(due.ID), mpForm("outcome", "going_well"))
	mpWantStatus(t, r, http.StatusSeeOther)
	// Again: 409, on the follow-up page when it came from there.
	r = w.coord.post(path+"/checkins/"+itoa(due.ID)+"?lang=nn", mpForm("outcome", "going_well", "back", "/mentoring/follow-up"))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, "<h1>"+mpEscaped(mpLocalizer(t, "nn").T("mentoring.followup.title"))+"</h1>",
		mpEscaped(mpLocalizer(t, "nn").T(mentoring.ErrCheckInDone)))
	// A check-in of another pairing is not found.
	r = w.coord.post("/mentoring/pairings/"+mpPID(w.proposed)+"/checkins/"+itoa(cis[1].ID), mpForm("outcome", "going_well"))
	mpWantStatus(t, r, http.StatusNotFound)
	r = w.coord.post(path+"/checkins/"+itoa(cis[1].ID), mpForm("outcome", "needs_support", "back", "/mentoring/follow-up"))
	mpWantStatus(t, r, http.StatusSeeOther)
	if r.header.Get("Location") != "/mentoring/follow-up" {
		t.Errorf("back to %q", r.header.Get("Location"))
	}

	form := mpForm("volunteer_id", itoa(w.waitingV.ID), "newcomer_id", itoa(w.waitingN.ID), "back", "/mentoring/match")
	mpWantStatus(t, w.coord.post("/mentoring/exclusions", form), http.StatusSeeOther)
	xs, _ := f.db.FindExclusions(context.Background())
	if len(xs) != 1 || xs[0].Reason != "coordinator" {
		t.Fatalf("exclusions %+v", xs)
	}
	r = w.coord.post("/mentoring/pairings?lang=en", mpForm("volunteer_id", itoa(w.waitingV.ID), "newcomer_id", itoa(w.waitingN.ID)))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "en").T("mentoring.rule.excluded")))
	mpWantStatus(t, w.coord.post("/mentoring/exclusions/delete", form), http.StatusSeeOther)
	if xs, _ := f.db.FindExclusions(context.Background()); len(xs) != 0 {
		t.Errorf("exclusions left %+v", xs)
	}
	// The pairing page offers the exclusion and its undoing.
	r = w.coord.get(path)
	wantContains(t, r, `action="/mentoring/exclusions"`)
	mpWantStatus(t, w.coord.post("/mentoring/exclusions", mpForm("volunteer_id", itoa(w.v.ID), "newcomer_id", itoa(w.nActive.ID),
		"back", path)), http.StatusSeeOther)
	wantContains(t, w.coord.get(path), `action="/mentoring/exclusions/delete"`)
}

// TestPairingAPI drives the lifecycle through the JSON API with a token
// that has the mentoring scope.
func TestPairingAPI(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	token := coord.makeToken(t, "CRM", accounts.ScopeMentoring)
	readOnly := coord.makeToken(t, "Reader", accounts.ScopeRead)
	v := mpVolunteer(t, f, "Siri Berg")
	n := mpNewcomer(t, f, "Amal Haddad")

	wantAPIError(t, f.apiCall(t, http.MethodGet, "/api/v1/mentoring/pairings", readOnly, ""), http.StatusForbidden, "forbidden")

	r := f.apiCall(t, http.MethodGet, "/api/v1/mentoring/suggestions?newcomer_id="+itoa(n.ID)+"&limit=3", token, "", "Accept-Language", "nb")
	mpWantStatus(t, r, http.StatusOK)
	var sug struct {
		Items []struct {
			VolunteerID int64   `json:"volunteer_id"`
			Score       float64 `json:"score"`
			Text        string  `json:"text"`
			Reasons     []struct {
				Code, Value, Text string
			} `json:"reasons"`
		} `json:"items"`
	}
	decodeInto(t, r, &sug)
	if len(sug.Items) != 1 || sug.Items[0].VolunteerID != v.ID || !strings.Contains(sug.Items[0].Text, "arabisk") ||
		sug.Items[0].Reasons[0].Code == "" || sug.Items[0].Reasons[0].Text == "" {
		t.Errorf("suggestions %+v", sug)
	}
	wantAPIError(t, f.apiCall(t, http.MethodGet, "/api/v1/mentoring/suggestions", token, ""), http.StatusUnprocessableEntity, "invalid", "newcomer_id")
	r = f.apiCall(t, http.MethodGet, "/api/v1/mentoring/suggestions?volunteer_id="+itoa(v.ID), token, "")
	decodeInto(t, r, &sug)
	if len(sug.Items) != 1 {
		t.Errorf("suggestions for the volunteer %+v", sug)
	}

	r = f.apiCall(t, http.MethodPost, "/api/v1/mentoring/match", token, "")
	mpWantStatus(t, r, http.StatusOK)
	var res mentoring.Result
	decodeInto(t, r, &res)
	if len(res.Pairs) != 1 || res.Pairs[0].NewcomerID != n.ID || res.Volunteers != 1 || res.Newcomers != 1 {
		t.Errorf("match %+v", res)
	}
	if ps, _, _ := f.db.FindPairings(context.Background(), mentoring.PairingFilter{Limit: 10}); len(ps) != 0 {
		t.Error("the API's match proposed something")
	}

	wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/pairings", token, `{"volunteer_id":1,"nope":2}`),
		http.StatusUnprocessableEntity, "invalid", "nope")
	wantAPIError(t, f.apiCall(t, http.MethodPost, "/api/v1/mentoring/pairings", token, `{"volunteer_id":`+itoa(v.ID)+`,"newcomer_id":`+
		itoa(n.ID)+`,"length_months":5}`), http.StatusUnprocessableEntity, "invalid", "length_months")
	r = f.apiCall(t, http.MethodPost, "/api/v1/mentoring/pairings", token, `{"volunteer_id":`+itoa(v.ID)+`,"newcomer_id":`+itoa(n.ID)+`,"length_months":3}`)
	mpWantStatus(t, r, http.StatusCreated)
	var p mentoring.Pairing
	decodeInto(t, r, &p)
	if p.Status != mentoring.PairingProposed || p.LengthMonths != 3 || r.header.Get("Location") != "/api/v1/mentoring/pairings/"+mpPID(&p) {
		t.Errorf("proposed %+v %s", p, r.header.Get("Location"))
	}
	base := "/api/v1/mentoring/pairings/" + mpPID(&p)

	// Conflicts in two languages.
	for _, lang := range []string{"nb", "en"} {
		e := wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/end", token, `{"reason":"completed","evaluation":{"rating":3,"frequency":"weekly"}}`,
			"Accept-Language", lang), http.StatusConflict, "conflict")
		if e.Error.Message != mpLocalizer(t, lang).T(mentoring.ErrNotActive) {
			t.Errorf("%s: %q", lang, e.Error.Message)
		}
	}
	wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/answer", token, `{"side":"both","answer":"maybe"}`),
		http.StatusUnprocessableEntity, "invalid", "side", "answer")
	mpWantStatus(t, f.apiCall(t, http.MethodPost, base+"/answer", token, `{"side":"newcomer","answer":"yes"}`), http.StatusOK)
	r = f.apiCall(t, http.MethodPost, base+"/answer", token, `{"side":"volunteer","answer":"yes"}`)
	mpWantStatus(t, r, http.StatusOK)
	decodeInto(t, r, &p)
	if p.Status != mentoring.PairingActive {
		t.Fatalf("status %s", p.Status)
	}
	wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/withdraw", token, `{"reason":"mistake"}`), http.StatusConflict, "conflict")

	r = f.apiCall(t, http.MethodPost, base+"/contacts", token, `{"date":"2026-11-23","kind":"phone","outcome":"ok"}`)
	mpWantStatus(t, r, http.StatusCreated)
	wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/contacts", token, `{"date":"23.11.2026","kind":"phone","outcome":"ok"}`),
		http.StatusUnprocessableEntity, "invalid", "date")

	r = f.apiCall(t, http.MethodGet, base, token, "")
	mpWantStatus(t, r, http.StatusOK)
	var one struct {
		mentoring.Pairing
		Contacts []mentoring.ContactLog `json:"contacts"`
		CheckIns []mentoring.CheckIn    `json:"check_ins"`
	}
	decodeInto(t, r, &one)
	if len(one.Contacts) != 1 || len(one.CheckIns) != 4 || one.NewcomerName != "Amal Haddad" {
		t.Errorf("pairing %+v", one)
	}
	r = f.apiCall(t, http.MethodPost, base+"/checkins/"+itoa(one.CheckIns[0].ID), token, `{"outcome":"going_well"}`)
	mpWantStatus(t, r, http.StatusOK)
	wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/checkins/"+itoa(one.CheckIns[0].ID), token, `{"outcome":"going_well"}`),
		http.StatusConflict, "conflict")

	r = f.apiCall(t, http.MethodGet, "/api/v1/mentoring/pairings?status=active&volunteer_id="+itoa(v.ID), token, "")
	var list struct {
		Items []mentoring.Pairing `json:"items"`
		Total int                 `json:"total"`
	}
	decodeInto(t, r, &list)
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != p.ID {
		t.Errorf("list %+v", list)
	}
	wantAPIError(t, f.apiCall(t, http.MethodGet, "/api/v1/mentoring/pairings?status=lost", token, ""), http.StatusUnprocessableEntity, "invalid", "status")

	wantAPIError(t, f.apiCall(t, http.MethodPost, base+"/end", token, `{"reason":"completed","evaluation":{"rating":9,"frequency":"weekly"}}`),
		http.StatusUnprocessableEntity, "invalid", "evaluation.rating")
	r = f.apiCall(t, http.MethodPost, base+"/end", token, `{"reason":"completed","evaluation":{"rating":4,"frequency":"weekly","outcomes":["network"]}}`)
	mpWantStatus(t, r, http.StatusOK)
	decodeInto(t, r, &p)
	if p.Status != mentoring.PairingEnded {
		t.Errorf("status %s", p.Status)
	}

	// The weights.
	r = f.apiCall(t, http.MethodGet, "/api/v1/mentoring/weights", token, "")
	var wts mentoring.Weights
	decodeInto(t, r, &wts)
	if wts != mentoring.DefaultWeights {
		t.Errorf("weights %+v", wts)
	}
	wantAPIError(t, f.apiCall(t, http.MethodPut, "/api/v1/mentoring/weights", token, `{"language":50}`), http.StatusUnprocessableEntity,
		"invalid", "practice", "age")
	all := `{"language":50,"practice":0,"interests":10,"needs":10,"distance":10,"availability":10,"household":5,"age":5}`
	mpWantStatus(t, f.apiCall(t, http.MethodPut, "/api/v1/mentoring/weights", token, all), http.StatusOK)
	wantAPIError(t, f.apiCall(t, http.MethodPut, "/api/v1/mentoring/weights", token, strings.Replace(all, `"age":5`, `"age":101`, 1)),
		http.StatusUnprocessableEntity, "invalid", "age")
	got, _ := f.db.MatchWeights(context.Background())
	if got.Language != 50 || got.Age != 5 {
		t.Errorf("stored weights %+v", got)
	}

	// The coordinator's session works too.
	r = coord.get("/api/v1/mentoring/follow-up")
	mpWantStatus(t, r, http.StatusOK)
	var fu map[string]json.RawMessage
	decodeInto(t, r, &fu)
	for _, k := range []string{"day", "due_check_ins", "quiet", "quiet_days"} {
		if _, ok := fu[k]; !ok {
			t.Errorf("follow-up lacks %s: %s", k, r.body)
		}
	}
}
