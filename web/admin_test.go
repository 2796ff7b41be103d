package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"broen/accounts"
)

func TestAdminLists(t *testing.T) {
	f := newFixture(t)
	f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	b := f.browser(t)
	b.login("koordinator@drammen.example", goodPassword)
	r := b.get("/admin/activities?lang=nb&status=pending")
	wantContains(t, r, "Hemmelig utkast", "1 aktivitet<")
	if strings.Contains(r.body, "Fotballtrening") {
		t.Error("approved activity in the pending list")
	}
	r = b.get("/admin/activities?lang=nb&category=sport")
	wantContains(t, r, "Fotballtrening for jenter")
	if r := b.get("/admin/activities?status=nonsense"); r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad status filter: %d", r.status)
	}
	wantContains(t, b.get("/admin/organisations?lang=en"), "Drammen Røde Kors", "1 organisation")

	dup := f.addOrg(t, "Røde Kors Drammen (dobbel)")
	r = b.get("/admin/organisations/" + itoa(f.org.ID) + "/merge")
	wantContains(t, r, "Røde Kors Drammen (dobbel)")
	if r := b.post("/admin/organisations/"+itoa(f.org.ID)+"/merge", url.Values{"drop": {itoa(f.org.ID)}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("merge with itself: %d", r.status)
	}
	if r := b.post("/admin/organisations/"+itoa(f.org.ID)+"/merge", url.Values{"drop": {itoa(dup)}}); r.status != http.StatusSeeOther {
		t.Fatalf("merge: %d %s", r.status, r.body)
	}
	if r := f.get(t, "/organisations/"+itoa(dup)); r.status != http.StatusNotFound {
		t.Errorf("merged organisation still there: %d", r.status)
	}

	f.addUser(t, "redaktor@rodekors.example", accounts.RoleEditor, f.org.ID)
	ed := f.browser(t)
	ed.login("redaktor@rodekors.example", goodPassword)
	for _, p := range []string{"/admin/activities", "/admin/organisations", "/admin/moderation"} {
		if r := ed.get(p); r.status != http.StatusForbidden {
			t.Errorf("editor GET %s: %d", p, r.status)
		}
	}
	if r := ed.post("/admin/organisations/"+itoa(f.org.ID)+"/archive", nil); r.status != http.StatusForbidden {
		t.Errorf("editor archive: %d", r.status)
	}
}
