package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"broen/accounts"
	"broen/mentoring"
	"broen/notify"
	"broen/web"
)

// TestMentoringSweep runs the hourly sweep on a Monday morning: a proposal
// past its expiry is expired (and the volunteer's place is free), an
// unanswered one is reminded once, a volunteer is told of a check-in due in
// two days, and the coordinator gets the weekly digest — whose quiet
// pairings are exactly the follow-up list's. A second run the same hour
// sends nothing again.
func TestMentoringSweep(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	coord := f.addUser(t, "koordinator@drammen.example", accounts.RoleCoordinator)
	// The fixture's now is Monday 23 November 2026, 12:00 in Oslo.
	if now.In(mentoring.Policy{}.Location()).Weekday() != time.Monday {
		t.Fatal("the fixture's now is not a Monday")
	}
	sv := func(v *mentoring.Volunteer) { v.Locale = "sv" }

	// Expired: proposed 15 days ago (expiry 14).
	vExp := mpVolunteer(t, f, "Erik Utgått", sv)
	pExp := mpPropose(t, f, vExp, mpNewcomer(t, f, "Nykommer A"), now.AddDate(0, 0, -15))
	// Reminded: proposed 6 days ago, the volunteer has not answered.
	vRem := mpVolunteer(t, f, "Rut Påminnelse", sv)
	mpPropose(t, f, vRem, mpNewcomer(t, f, "Nykommer B"), now.AddDate(0, 0, -6))
	// Not reminded: proposed 2 days ago.
	mpPropose(t, f, mpVolunteer(t, f, "Ny Forslag"), mpNewcomer(t, f, "Nykommer C"), now.AddDate(0, 0, -2))
	// A check-in due in two days: the 2-week one of a pairing started 12 days ago.
	vCI := mpVolunteer(t, f, "Siri Innsjekk", sv)
	mpActive(t, f, vCI, mpNewcomer(t, f, "Nykommer D"), now.AddDate(0, 0, -12))
	// Quiet: started 40 days ago, nothing logged since.
	vQ := mpVolunteer(t, f, "Stian Stille")
	pQ := mpActive(t, f, vQ, mpNewcomer(t, f, "Nora Eriksen"), now.AddDate(0, 0, -40))
	mpContact(t, f, pQ.ID, now.AddDate(0, 0, -35).Format(time.DateOnly), mentoring.ContactWentWell)

	f.mail.sent = nil
	rep, err := f.srv.MentoringSweep(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Expired != 1 || rep.Reminded != 1 || rep.Digests != 1 || rep.CheckInsNotified < 1 {
		t.Fatalf("report %+v", rep)
	}
	if p := mpPairing(t, f, pExp.ID); p.Status != mentoring.PairingExpired {
		t.Errorf("proposal past its expiry is %s", p.Status)
	}
	if v, _ := f.db.FindVolunteerByID(ctx, vExp.ID); v.Open != 0 || v.Spare() != 1 {
		t.Errorf("the expired proposal still holds a place: open %d", v.Open)
	}

	byTo := map[string][]notify.Message{}
	for _, m := range f.mail.sent {
		byTo[m.To] = append(byTo[m.To], m)
	}
	svL := mpLocalizer(t, "sv")
	if got := byTo[vRem.Email]; len(got) != 1 || got[0].Subject != svL.T("notify.mentoring.reminder.subject") {
		t.Errorf("reminder to the volunteer: %+v", got)
	}
	if got := byTo[vCI.Email]; len(got) != 1 || !strings.HasPrefix(got[0].Subject, strings.Split(svL.T("notify.mentoring.checkin.subject", "Point", "x"), "x")[0]) {
		t.Errorf("check-in notice: %+v", got)
	} else if !strings.Contains(got[0].Subject, svL.N("mentoring.weeks", 2)) {
		t.Errorf("check-in notice subject %q lacks %q", got[0].Subject, svL.N("mentoring.weeks", 2))
	}
	if got := byTo[vQ.Email]; len(got) != 0 {
		t.Errorf("overdue check-ins were emailed as coming up: %+v", got)
	}
	if got := byTo[vExp.Email]; len(got) != 0 {
		t.Errorf("the expired proposal's volunteer got %d emails", len(got))
	}

	digest := byTo[coord.Email]
	if len(digest) != 1 {
		t.Fatalf("%d digests to the coordinator", len(digest))
	}
	fu, err := f.db.FollowUp(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	text := digest[0].Text // in the coordinator's language, Swedish
	if got, want := strings.Count(text, "\n- "), len(fu.Quiet)+len(fu.DueCheckIns); got != want {
		t.Errorf("digest lists %d pairings, the follow-up list %d:\n%s", got, want, text)
	}
	if len(fu.Quiet) == 0 {
		t.Fatal("the set-up has no quiet pairing")
	}
	pol := mentoring.Policy{}
	for _, p := range fu.Quiet {
		line := svL.N("notify.mentoring.digest.quiet_line", pol.QuietFor(p, now), "Volunteer", p.VolunteerName, "Newcomer", "Nora E.")
		if !strings.Contains(text, line) {
			t.Errorf("digest lacks %q:\n%s", line, text)
		}
	}
	if strings.Contains(text, "Eriksen") {
		t.Errorf("the digest email names a newcomer in full:\n%s", text)
	}
	if !strings.Contains(text, svL.N("notify.mentoring.digest.quiet", len(fu.Quiet), "Days", 30)) {
		t.Errorf("digest lacks the quiet count:\n%s", text)
	}

	// The same hour again: nothing new to do, and no second digest.
	f.mail.sent = nil
	rep, err = f.srv.MentoringSweep(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (web.SweepReport{}) || len(f.mail.sent) != 0 {
		t.Fatalf("second run: %+v, %d emails", rep, len(f.mail.sent))
	}
	// Tuesday: still no digest; next Monday: the next one.
	f.srv.Now = func() time.Time { return now.AddDate(0, 0, 1) }
	if rep, _ := f.srv.MentoringSweep(ctx, f.db); rep.Digests != 0 {
		t.Fatalf("a digest on Tuesday: %+v", rep)
	}
	f.srv.Now = func() time.Time { return now.AddDate(0, 0, 7) }
	if rep, _ := f.srv.MentoringSweep(ctx, f.db); rep.Digests != 1 {
		t.Fatalf("no digest the next Monday: %+v", rep)
	}
}
