package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"broen/accounts"
	"broen/mentoring"
)

// TestVolunteerPage: a volunteer lands on /me after signing in, sees only
// what they need to decide before both have said yes, answers, and gets
// the newcomer's contact details once the pairing is active.
func TestVolunteerPage(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	vol, v, login := mpVolunteerUser(t, f, "ola@frivillig.example", "Ola Nordmann", func(v *mentoring.Volunteer) {
		v.Capacity = 2
		v.PoliceCheck = mentoring.PoliceCheck{Kind: mentoring.PoliceCheckNO, ShownOn: now.AddDate(0, -1, 0), CheckedBy: "Kari",
			RenewBy: now.AddDate(2, 0, 0)}
	})
	if loc := login.header.Get("Location"); loc != "/me" {
		t.Errorf("after sign-in: %q, want /me", loc)
	}
	n := mpNewcomer(t, f, "Amal Haddad Hassan", func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{4, 9}
		n.Email, n.Phone, n.District = "amal.haddad@example.no", "+4798765432", "Strømsø"
		n.Interests = []string{"sport", "sjakk"}
	})
	p := mpPropose(t, f, v, n, now.Add(-time.Hour))

	r := vol.get("/me?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	wantContains(t, r, "Forslag: Amal", "Familie", "4, 9", "Strømsø", "sjakk", "Praktisk hjelp", "arabisk",
		"dere snakker begge arabisk", `action="/me/pairings/`+mpPID(p)+`/answer"`, "Status: Tilgjengelig", `action="/me/availability"`)
	for _, secret := range []string{"Haddad", "Hassan", n.Email, "98765432", "987 65 432"} {
		if strings.Contains(r.body, secret) {
			t.Errorf("/me shows %q before both said yes", secret)
		}
	}
	var api struct {
		Items []map[string]any `json:"items"`
	}
	r = vol.get("/api/v1/me/pairings")
	mpWantStatus(t, r, http.StatusOK)
	for _, secret := range []string{"Haddad", n.Email, "98765432", "score"} {
		if strings.Contains(r.body, secret) {
			t.Errorf("API shows %q before both said yes: %s", secret, r.body)
		}
	}
	decodeInto(t, r, &api)
	if len(api.Items) != 1 || api.Items[0]["newcomer"].(map[string]any)["first_name"] != "Amal" {
		t.Errorf("API items %+v", api.Items)
	}

	// No answer chosen: 422 with the reason kept.
	r = vol.post("/me/pairings/"+mpPID(p)+"/answer?lang=nb", mpForm("reason", "no_time"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `id="e-ans-`+mpPID(p)+`"`, `<option value="no_time" selected>`)

	r = vol.post("/me/pairings/"+mpPID(p)+"/answer", mpForm("answer", "yes"))
	mpWantStatus(t, r, http.StatusSeeOther)
	r = vol.get("/me?lang=nb")
	wantContains(t, r, "Du sa ja")
	if strings.Contains(r.body, n.Email) {
		t.Error("contact details shown after only the volunteer's yes")
	}
	// Answering twice: 409 in the volunteer's language.
	r = vol.post("/me/pairings/"+mpPID(p)+"/answer?lang=sv", mpForm("answer", "yes"))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "sv").T(mentoring.ErrAlreadyAnswered)))

	// The coordinator records the newcomer's yes: active, and now shared.
	mpWantStatus(t, coord.post("/mentoring/pairings/"+mpPID(p)+"/answer", mpForm("side", "newcomer", "answer", "yes")), http.StatusSeeOther)
	r = vol.get("/me?lang=nb")
	wantContains(t, r, "Amal Haddad Hassan", n.Email, "tel:&#43;4798765432", `action="/me/pairings/`+mpPID(p)+`/contacts"`,
		"2 uker", "1 måned")
	decodeInto(t, vol.get("/api/v1/me/pairings"), &api)
	nc := api.Items[0]["newcomer"].(map[string]any)
	if nc["email"] != n.Email || nc["phone"] != n.Phone || len(api.Items[0]["check_ins"].([]any)) != 4 {
		t.Errorf("API after both said yes: %+v", api.Items[0])
	}

	// Logging a contact; a bad one keeps what was typed.
	r = vol.post("/me/pairings/"+mpPID(p)+"/contacts?lang=nb", mpForm("date", "2026-12-01", "kind", "activity", "outcome", "went_well"))
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `value="2026-12-01"`, `<option value="activity" selected>`, `id="e-ct-`+mpPID(p)+`-date"`)
	mpWantStatus(t, vol.post("/me/pairings/"+mpPID(p)+"/contacts", mpForm("date", "2026-11-23", "kind", "activity", "outcome", "went_well")),
		http.StatusSeeOther)
	r = vol.postJSON("/api/v1/me/pairings/"+mpPID(p)+"/contacts", `{"date":"2026-11-23","kind":"phone","outcome":"ok"}`)
	mpWantStatus(t, r, http.StatusCreated)
	cs, _ := f.db.FindContacts(context.Background(), p.ID)
	if len(cs) != 2 || cs[0].Side != "volunteer" {
		t.Errorf("contacts %+v", cs)
	}

	// Pause and resume.
	mpWantStatus(t, vol.post("/me/availability", mpForm("status", "paused")), http.StatusSeeOther)
	if got, _ := f.db.FindVolunteerByID(context.Background(), v.ID); got.Status != mentoring.VolunteerPaused {
		t.Errorf("status %s", got.Status)
	}
	wantContains(t, vol.get("/me?lang=en"), "Your status: Paused", `name="status" value="available"`)
	mpWantStatus(t, vol.post("/me/availability", mpForm("status", "left")), http.StatusUnprocessableEntity)
	mpWantStatus(t, vol.post("/me/availability", mpForm("status", "available")), http.StatusSeeOther)
	if got, _ := f.db.FindVolunteerByID(context.Background(), v.ID); got.Status != mentoring.VolunteerAvailable {
		t.Errorf("status %s", got.Status)
	}

	// A volunteer the coordinator has not approved yet cannot make
	// themselves available.
	pending, _, _ := mpVolunteerUser(t, f, "ny@frivillig.example", "Nina Ny", func(v *mentoring.Volunteer) {
		v.Status = mentoring.VolunteerPending
	})
	r = pending.post("/me/availability?lang=nn", mpForm("status", "available"))
	mpWantStatus(t, r, http.StatusConflict)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "nn").T("mentoring.me.status_locked")))
	if strings.Contains(pending.get("/me").body, `action="/me/availability"`) {
		t.Error("a pending volunteer is offered the pause button")
	}
}

// TestVolunteerCannotTouchOthers: another volunteer's pairing is not found
// on every route, and nothing about it shows.
func TestVolunteerCannotTouchOthers(t *testing.T) {
	f := newFixture(t)
	vol, v, _ := mpVolunteerUser(t, f, "ola@frivillig.example", "Ola Nordmann")
	other := mpVolunteer(t, f, "Siri Berg")
	mine := mpPropose(t, f, v, mpNewcomer(t, f, "Amal Haddad"), now.Add(-time.Hour))
	theirs := mpPropose(t, f, other, mpNewcomer(t, f, "Yonas Tesfaye"), now.Add(-time.Hour))
	otherN := mpNewcomer(t, f, "Dilan Aziz")
	v3 := mpVolunteer(t, f, "Per Hansen")
	theirsActive := mpActive(t, f, v3, otherN, now.AddDate(0, 0, -3))

	r := vol.get("/me")
	mpWantStatus(t, r, http.StatusOK)
	for _, s := range []string{"Yonas", "Dilan", "/me/pairings/" + mpPID(theirs), "/me/pairings/" + mpPID(theirsActive)} {
		if strings.Contains(r.body, s) {
			t.Errorf("/me shows %q", s)
		}
	}
	wantContains(t, r, "Amal")
	for _, id := range []string{mpPID(theirs), mpPID(theirsActive), "99999"} {
		for _, post := range []struct{ path, form string }{{"/answer", "yes"}, {"/contacts", ""}} {
			r = vol.post("/me/pairings/"+id+post.path, mpForm("answer", "yes", "date", "2026-11-23", "kind", "phone", "outcome", "ok"))
			mpWantStatus(t, r, http.StatusNotFound)
			if strings.Contains(r.body, "Yonas") || strings.Contains(r.body, "Dilan") {
				t.Error("the 404 page shows the other pairing")
			}
		}
		wantAPIError(t, vol.postJSON("/api/v1/me/pairings/"+id+"/answer", `{"answer":"yes"}`), http.StatusNotFound, "not_found")
		wantAPIError(t, vol.postJSON("/api/v1/me/pairings/"+id+"/contacts", `{"date":"2026-11-23","kind":"phone","outcome":"ok"}`),
			http.StatusNotFound, "not_found")
	}
	if p := mpPairing(t, f, theirs.ID); p.VolunteerAnswer != mentoring.AnswerNone {
		t.Error("another volunteer's proposal was answered")
	}
	if cs, _ := f.db.FindContacts(context.Background(), theirsActive.ID); len(cs) != 0 {
		t.Error("a contact was logged on another volunteer's pairing")
	}
	r = vol.get("/api/v1/me/pairings")
	if strings.Contains(r.body, "Yonas") || strings.Contains(r.body, `"id":`+mpPID(theirs)+`,`) {
		t.Errorf("API lists another's pairing: %s", r.body)
	}
	// The coordinator's pages stay closed to a volunteer.
	mpWantStatus(t, vol.get("/mentoring/pairings/"+mpPID(theirs)), http.StatusForbidden)
	mpWantStatus(t, vol.get("/mentoring/pairings/"+mpPID(mine)), http.StatusForbidden)

	// A volunteer account with no volunteer record.
	f.addUser(t, "ny@frivillig.example", accounts.RoleVolunteer)
	lone := f.browser(t)
	lone.login("ny@frivillig.example", goodPassword)
	r = lone.get("/me?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	wantContains(t, r, mpEscaped(mpLocalizer(t, "nb").T("mentoring.me.no_profile")))
	wantAPIError(t, lone.get("/api/v1/me/pairings"), http.StatusNotFound, "not_found")
}

// TestVolunteerDeclines: a no with a reason closes the proposal and frees
// the place.
func TestVolunteerDeclines(t *testing.T) {
	f := newFixture(t)
	vol, v, _ := mpVolunteerUser(t, f, "ola@frivillig.example", "Ola Nordmann")
	p := mpPropose(t, f, v, mpNewcomer(t, f, "Amal Haddad"), now.Add(-time.Hour))
	r := vol.postJSON("/api/v1/me/pairings/"+mpPID(p)+"/answer", `{"answer":"no","reason":"no_time"}`)
	mpWantStatus(t, r, http.StatusOK)
	got := mpPairing(t, f, p.ID)
	if got.Status != mentoring.PairingDeclined || got.DeclinedBy != mentoring.SideVolunteer || got.DeclineReason != mentoring.DeclineNoTime {
		t.Errorf("declined %+v", got)
	}
	if vv, _ := f.db.FindVolunteerByID(context.Background(), v.ID); vv.Spare() != 1 {
		t.Errorf("place not freed: spare %d", vv.Spare())
	}
	wantContains(t, vol.get("/me?lang=en"), "Earlier", "Amal", "Declined")
}
