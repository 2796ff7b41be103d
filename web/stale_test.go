package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"broen/accounts"
	"broen/registry"
)

func TestStaleReminder(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	ed := f.addUser(t, "redaktor@rodekors.example", accounts.RoleEditor, f.org.ID)
	old := now.AddDate(-1, 0, 0)
	for _, a := range []*registry.Activity{f.arabic, f.football} {
		if _, err := f.db.UpdateActivity(ctx, a.ID, registry.ActivityUpdate{LastConfirmed: &old}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := f.srv.SendStaleReminders(ctx, f.db)
	if err != nil || n != 2 || len(f.mail.sent) != 2 {
		t.Fatalf("reminded %d (%v), %d emails", n, err, len(f.mail.sent))
	}
	if again, _ := f.srv.SendStaleReminders(ctx, f.db); again != 0 {
		t.Errorf("reminded again at once: %d", again)
	}
	// Hidden from the public search after the grace period.
	if r := f.get(t, "/api/v1/activities"); !strings.Contains(r.body, `"total":0`) {
		t.Errorf("stale listings still public: %s", r.body[:min(200, len(r.body))])
	}
	msg := f.mail.sent[0]
	if msg.To != ed.Email || msg.Headers["Content-Language"] != "sv" {
		t.Errorf("reminder %+v", msg)
	}
	running := ""
	for _, m := range linkRE.FindAllStringSubmatch(msg.Text, -1) {
		if strings.HasSuffix(m[1], "answer=running") {
			running = m[1]
		}
	}
	if running == "" {
		t.Fatalf("no still-running link in %q", msg.Text)
	}
	b := f.browser(t)
	r := b.get(running)
	if r.status != http.StatusOK || !strings.Contains(r.body, `value="running"`) {
		t.Fatalf("confirm page: %d", r.status)
	}
	u, _ := url.Parse(running)
	token := u.Query().Get("token")
	if r := b.post("/confirm", url.Values{"token": {token}, "answer": {"running"}}); r.status != http.StatusOK {
		t.Fatalf("confirm: %d %s", r.status, r.body)
	}
	if r := b.post("/confirm", url.Values{"token": {token}, "answer": {"stopped"}}); r.status == http.StatusOK {
		t.Error("link used twice")
	}
	if r := f.get(t, "/api/v1/activities"); !strings.Contains(r.body, `"total":1`) {
		t.Error("confirmed listing not public again")
	}
	entries, _, _ := f.db.FindAuditEntries(ctx, accounts.AuditFilter{Limit: 10})
	if len(entries) == 0 || entries[0].Action != "activity.confirm" || entries[0].UserID != ed.ID {
		t.Errorf("audit %+v", entries)
	}
	// The other email's "has stopped" link archives its listing.
	stopped := ""
	for _, m := range linkRE.FindAllStringSubmatch(f.mail.sent[1].Text, -1) {
		if strings.HasSuffix(m[1], "answer=stopped") {
			stopped = m[1]
		}
	}
	u, _ = url.Parse(stopped)
	if r := b.post("/confirm", url.Values{"token": {u.Query().Get("token")}, "answer": {"stopped"}}); r.status != http.StatusOK {
		t.Fatalf("stopped: %d", r.status)
	}
	archived := registry.StatusArchived
	if _, n, _ := f.db.FindActivities(ctx, registry.ActivityFilter{Status: &archived}); n != 1 {
		t.Errorf("%d archived, want 1", n)
	}
	_ = time.Second
}
