package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"broen/accounts"
)

func activityPost(title string) url.Values {
	return url.Values{
		"title.nb": {title}, "description.nb": {"Vi spiller sjakk og drikker te."}, "how_to_join.nb": {"Bare møt opp."},
		"category": {"culture"}, "languages": {"nb", "ar"}, "cost.kind": {"free"},
		"location.name": {"Fjell bydelshus"}, "location.address": {"Fjellsvingen 2"}, "location.postcode": {"3034"},
		"location.city": {"Drammen"}, "location.district": {"Fjell"},
		"schedules.0.kind": {"weekly"}, "schedules.0.days": {"WE"}, "schedules.0.interval": {"1"},
		"schedules.0.start_date": {"2026-09-02"}, "schedules.0.start_time": {"18:00"}, "schedules.0.end_time": {"20:00"},
		"schedules.0.except": {"23.12.2026"},
	}
}

func TestActivityFormFlow(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	f.addUser(t, "redaktor@rodekors.example", accounts.RoleEditor, f.org.ID)
	ed := f.browser(t)
	ed.login("redaktor@rodekors.example", goodPassword)
	newURL := "/manage/activities/new?organisation=" + itoa(f.org.ID)
	r := ed.get(newURL + "&lang=nb")
	if r.status != 200 || !strings.Contains(r.body, `name="title.nb"`) {
		t.Fatalf("new form: %d", r.status)
	}
	// The districts in use are offered as suggestions.
	wantContains(t, r, `list="districts"`, `<option value="Fjell">`)

	t.Run("ErrInvalidKeepsInput", func(t *testing.T) {
		bad := activityPost("Sjakkafé")
		bad.Set("location.postcode", "12")
		bad.Set("schedules.0.start_time", "25:00")
		r := ed.post(newURL, bad)
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.status)
		}
		wantContains(t, r, `value="Sjakkafé"`, `id="e-location-postcode"`, `aria-invalid="true"`)
	})

	// The editor's new listing waits for the coordinator.
	if r := ed.post(newURL, activityPost("Sjakkafé på Fjell")); r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	if r := f.get(t, "/api/v1/activities?q=sjakkafe"); !strings.Contains(r.body, `"total":0`) {
		t.Fatal("editor's new listing public before approval")
	}
	coord := f.browser(t)
	coord.login("koordinator@drammen.example", goodPassword)
	r = coord.get("/admin/moderation")
	id := between(r.body, `href="/admin/moderation/`, `"`)
	wantContains(t, coord.get("/admin/moderation/"+id), "<ins>Sjakkafé på Fjell</ins>", "<ins>FREQ=WEEKLY;BYDAY=WE</ins>")
	coord.post("/admin/moderation/"+id, url.Values{"decision": {"approve"}})
	r = f.get(t, "/api/v1/activities?q=sjakkafe")
	if !strings.Contains(r.body, `"total":1`) || !strings.Contains(r.body, `"except":["2026-12-23"]`) {
		t.Fatalf("approved listing: %s", r.body)
	}
	actID := between(r.body, `"items":[{"id":`, `,`)

	// A change to the public listing waits; the public keeps the old title.
	edit := activityPost("Sjakkafé for alle på Fjell")
	if r := ed.post("/manage/activities/"+actID+"/edit", edit); r.status != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	if r := f.get(t, "/activities/"+actID+"?lang=nb"); !strings.Contains(r.body, "<h1>Sjakkafé på Fjell</h1>") {
		t.Error("change public before approval")
	}
	// The editor sees their waiting change in the form.
	wantContains(t, ed.get("/manage/activities/"+actID+"/edit"), `value="Sjakkafé for alle på Fjell"`)

	// A coordinator's own change applies at once.
	if r := coord.post("/manage/activities/"+actID+"/edit", activityPost("Sjakk på Fjell")); r.status != http.StatusSeeOther {
		t.Fatalf("coordinator edit: %d", r.status)
	}
	wantContains(t, f.get(t, "/activities/"+actID+"?lang=nb"), "<h1>Sjakk på Fjell</h1>")

	// An editor of another organisation gets 403 and no data.
	other := f.addOrg(t, "Annen forening")
	f.addUser(t, "annen@annen.example", accounts.RoleEditor, other)
	x := f.browser(t)
	x.login("annen@annen.example", goodPassword)
	if r := x.get("/manage/activities/" + actID + "/edit"); r.status != http.StatusForbidden || strings.Contains(r.body, "Sjakk") {
		t.Errorf("other editor GET: %d", r.status)
	}
	if r := x.post("/manage/activities/"+actID+"/edit", activityPost("Kapret")); r.status != http.StatusForbidden {
		t.Errorf("other editor POST: %d", r.status)
	}
	if r := x.get("/manage/activities/new?organisation=" + itoa(f.org.ID)); r.status != http.StatusForbidden {
		t.Errorf("other editor new: %d", r.status)
	}
}
