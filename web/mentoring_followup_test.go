package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"broen/mentoring"
)

// TestQuietSameEverywhere: the quiet pairings on the overview, the
// follow-up page, the filtered list and the API are one set, and it is the
// domain's definition (Policy.IsQuiet) with its boundaries.
func TestQuietSameEverywhere(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	daysAgo := func(d int) time.Time { return now.AddDate(0, 0, -d).Add(-time.Hour) }
	day := func(d int) string { return now.AddDate(0, 0, -d).Format(time.DateOnly) }
	seq := 0
	active := func(startedDaysAgo int) *mentoring.Pairing {
		seq++
		v := mpVolunteer(t, f, "Frivillig "+itoa(int64(seq)))
		n := mpNewcomer(t, f, "Nykommer "+itoa(int64(seq)))
		return mpActive(t, f, v, n, daysAgo(startedDaysAgo))
	}
	p1 := active(40) // nothing logged: quiet for 40 days
	p2 := active(40)
	mpContact(t, f, p2.ID, day(10), mentoring.ContactWentWell)
	p3 := active(30) // started exactly 30 days ago: quiet from today
	p4 := active(29) // one day short
	p5 := active(60)
	mpContact(t, f, p5.ID, day(30), mentoring.ContactOK) // last contact exactly 30 days ago: quiet
	p6 := active(60)
	mpContact(t, f, p6.ID, day(29), mentoring.ContactOK)
	p7 := active(60)
	mpContact(t, f, p7.ID, day(5), mentoring.ContactCancelled) // a cancelled meeting is no contact
	seq++
	proposed := mpPropose(t, f, mpVolunteer(t, f, "Frivillig x"), mpNewcomer(t, f, "Nykommer x"), now.AddDate(0, 0, -40))
	ended := active(200)
	if _, err := f.db.EndPairing(context.Background(), ended.ID, mentoring.EndCompleted,
		mentoring.Evaluation{Rating: 3, Frequency: mentoring.FrequencyMonthly}, 0, now.AddDate(0, 0, -100)); err != nil {
		t.Fatal(err)
	}
	want := mpSorted([]int64{p1.ID, p3.ID, p5.ID, p7.ID})

	// The domain's definition agrees.
	var all []int64
	for _, p := range []*mentoring.Pairing{p1, p2, p3, p4, p5, p6, p7, proposed, ended} {
		if mentoring.Policy.IsQuiet(mentoring.Policy{}, mpPairing(t, f, p.ID), now) {
			all = append(all, p.ID)
		}
	}
	if !slices.Equal(mpSorted(all), want) {
		t.Fatalf("Policy.IsQuiet: %v, want %v", mpSorted(all), want)
	}

	r := coord.get("/mentoring?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	if got := mpIDsIn(t, r.body, "quiet-list", "</ul>"); !slices.Equal(got, want) {
		t.Errorf("overview: %v, want %v", got, want)
	}
	wantContains(t, r, "4 stille koblinger")

	r = coord.get("/mentoring/follow-up?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	if got := mpIDsIn(t, r.body, "quiet-table", "</table>"); !slices.Equal(got, want) {
		t.Errorf("follow-up: %v, want %v", got, want)
	}
	wantContains(t, r, "ikke er registrert kontakt på 30 dager", "ingen kontakt på 40 dager", "ingen kontakt på 60 dager")

	r = coord.get("/mentoring/pairings?quiet=1&lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	if got := mpIDsIn(t, r.body, "pairings", "</table>"); !slices.Equal(got, want) {
		t.Errorf("list: %v, want %v", got, want)
	}
	wantContains(t, r, "4 koblinger")

	var list struct {
		Items []mentoring.Pairing `json:"items"`
		Total int                 `json:"total"`
	}
	decodeInto(t, coord.get("/api/v1/mentoring/pairings?quiet=true"), &list)
	var ids []int64
	for _, p := range list.Items {
		ids = append(ids, p.ID)
	}
	if !slices.Equal(mpSorted(ids), want) || list.Total != len(want) {
		t.Errorf("API list: %v (total %d), want %v", mpSorted(ids), list.Total, want)
	}

	var fu struct {
		Quiet []struct {
			ID       int64 `json:"id"`
			QuietFor int   `json:"quiet_for"`
		} `json:"quiet"`
		QuietDays int `json:"quiet_days"`
	}
	decodeInto(t, coord.get("/api/v1/mentoring/follow-up"), &fu)
	ids = nil
	days := map[int64]int{}
	for _, q := range fu.Quiet {
		ids = append(ids, q.ID)
		days[q.ID] = q.QuietFor
	}
	if !slices.Equal(mpSorted(ids), want) || fu.QuietDays != 30 {
		t.Errorf("API follow-up: %v (N=%d), want %v", mpSorted(ids), fu.QuietDays, want)
	}
	if days[p1.ID] != 40 || days[p3.ID] != 30 || days[p5.ID] != 30 || days[p7.ID] != 60 {
		t.Errorf("quiet for %v", days)
	}
}

// TestFollowUpPage: the due check-ins, earliest first, with how overdue
// and a form each; recording one from the page.
func TestFollowUpPage(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	v := mpVolunteer(t, f, "Siri Berg")
	n := mpNewcomer(t, f, "Amal Haddad")
	p := mpActive(t, f, v, n, now.AddDate(0, 0, -40))
	v2 := mpVolunteer(t, f, "Per Hansen")
	n2 := mpNewcomer(t, f, "Yonas Tesfaye")
	mpActive(t, f, v2, n2, now.AddDate(0, 0, -14)) // 2 weeks: due today

	r := coord.get("/mentoring/follow-up?lang=en")
	mpWantStatus(t, r, http.StatusOK)
	wantContains(t, r, "3 check-ins due", "26 days overdue", "due today", "Siri Berg and Amal Haddad",
		"A pairing is quiet when no contact has been logged for 30 days.")
	table := r.body[strings.Index(r.body, `id="due-table"`):]
	if i, j := strings.Index(table, "26 days overdue"), strings.Index(table, "due today"); i < 0 || j < i {
		t.Error("due check-ins not earliest first")
	}
	cis, _, _ := f.db.FindCheckIns(context.Background(), mentoring.CheckInFilter{PairingID: &p.ID, Limit: 10})
	r = coord.post("/mentoring/pairings/"+mpPID(p)+"/checkins/"+itoa(cis[0].ID), mpForm("outcome", "not_reached", "back", "/mentoring/follow-up"))
	mpWantStatus(t, r, http.StatusSeeOther)
	r = coord.get("/mentoring/follow-up?lang=en")
	wantContains(t, r, "2 check-ins due")
}
