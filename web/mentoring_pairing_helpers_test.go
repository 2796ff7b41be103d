package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
)

// Helpers of the pairing tests (mp: mentoring pairings, so the names stay
// clear of the intake tests' helpers).

var mpSeq atomic.Int64

// mpVolunteer stores an available volunteer with one place who speaks
// Norwegian and Arabic, likes football and offers practical help.
func mpVolunteer(t testing.TB, f *fixture, name string, mod ...func(*mentoring.Volunteer)) *mentoring.Volunteer {
	t.Helper()
	v := &mentoring.Volunteer{
		Profile: mentoring.Profile{Household: mentoring.HouseholdPerson, Name: name,
			Email: fmt.Sprintf("frivillig%d@example.no", mpSeq.Add(1)), Phone: "+4791234567", Locale: "nb",
			Languages: []mentoring.LanguageSkill{{Code: "nb", Level: mentoring.LevelNative}, {Code: "ar", Level: mentoring.LevelFluent}},
			Interests: []string{"sport"}, District: "Fjell",
			Availability: mentoring.Availability(0).With(mentoring.Slot{Day: time.Tuesday, Part: mentoring.Evening})},
		Status: mentoring.VolunteerAvailable, Capacity: 1, Offers: []mentoring.Need{mentoring.NeedPractical},
		WaitingSince: now.AddDate(0, 0, -10),
	}
	for _, m := range mod {
		m(v)
	}
	if err := f.db.CreateVolunteer(context.Background(), v); err != nil {
		t.Fatalf("create volunteer %s: %v", name, err)
	}
	return v
}

// mpNewcomer stores a waiting newcomer who speaks Arabic, likes football
// and needs practical help.
func mpNewcomer(t testing.TB, f *fixture, name string, mod ...func(*mentoring.Newcomer)) *mentoring.Newcomer {
	t.Helper()
	n := &mentoring.Newcomer{
		Profile: mentoring.Profile{Household: mentoring.HouseholdPerson, Name: name,
			Email: fmt.Sprintf("ny%d@example.no", mpSeq.Add(1)), Phone: "+4798765432", Locale: "en",
			Languages: []mentoring.LanguageSkill{{Code: "ar", Level: mentoring.LevelNative}},
			Interests: []string{"sport"}, District: "Fjell",
			Availability: mentoring.Availability(0).With(mentoring.Slot{Day: time.Tuesday, Part: mentoring.Evening})},
		Status: mentoring.NewcomerWaiting, NordicLevel: mentoring.NordicBeginner,
		Needs: []mentoring.Need{mentoring.NeedPractical, mentoring.NeedLanguage}, WaitingSince: now.AddDate(0, 0, -20),
	}
	for _, m := range mod {
		m(n)
	}
	if err := f.db.CreateNewcomer(context.Background(), n); err != nil {
		t.Fatalf("create newcomer %s: %v", name, err)
	}
	return n
}

// mpPropose stores a proposal made at `at`, straight in the store.
func mpPropose(t testing.TB, f *fixture, v *mentoring.Volunteer, n *mentoring.Newcomer, at time.Time) *mentoring.Pairing {
	t.Helper()
	p := mentoring.NewPairing(v.ID, n.ID, 0, 6, at, mentoring.Policy{})
	p.Score, p.Reasons = 50, []mentoring.Reason{{Code: mentoring.ReasonBothSpeak, Value: "ar"}}
	if err := f.db.ProposePairing(context.Background(), p); err != nil {
		t.Fatalf("propose %d–%d: %v", v.ID, n.ID, err)
	}
	return p
}

// mpAnswer records side's yes at `at`.
func mpAnswer(t testing.TB, f *fixture, id int64, side mentoring.Side, at time.Time) *mentoring.Pairing {
	t.Helper()
	p, err := f.db.AnswerPairing(context.Background(), id, side, true, "", 0, at)
	if err != nil {
		t.Fatalf("answer %d as %s: %v", id, side, err)
	}
	return p
}

// mpActive makes an active pairing that started at start.
func mpActive(t testing.TB, f *fixture, v *mentoring.Volunteer, n *mentoring.Newcomer, start time.Time) *mentoring.Pairing {
	t.Helper()
	p := mpPropose(t, f, v, n, start.Add(-24*time.Hour))
	mpAnswer(t, f, p.ID, mentoring.SideNewcomer, start.Add(-time.Hour))
	p = mpAnswer(t, f, p.ID, mentoring.SideVolunteer, start)
	if p.Status != mentoring.PairingActive {
		t.Fatalf("pairing %d is %s", p.ID, p.Status)
	}
	return p
}

// mpContact logs a contact on day ("2026-11-01").
func mpContact(t testing.TB, f *fixture, pairingID int64, day string, outcome mentoring.ContactOutcome) {
	t.Helper()
	d, _ := mentoring.ParseDay(day)
	c := &mentoring.ContactLog{PairingID: pairingID, Date: d, Kind: mentoring.ContactMeeting, Outcome: outcome,
		Side: "coordinator", CreatedAt: now}
	if err := f.db.LogContact(context.Background(), c); err != nil {
		t.Fatalf("log contact %d on %s: %v", pairingID, day, err)
	}
}

func mpPairing(t testing.TB, f *fixture, id int64) *mentoring.Pairing {
	t.Helper()
	p, err := f.db.FindPairingByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mpCoordinator signs a new coordinator in on a new browser.
func mpCoordinator(t *testing.T, f *fixture, email string) (*browser, *accounts.User) {
	t.Helper()
	u := f.addUser(t, email, accounts.RoleCoordinator)
	b := f.browser(t)
	if r := b.login(email, goodPassword); r.status != http.StatusSeeOther {
		t.Fatalf("login %s: %d", email, r.status)
	}
	return b, u
}

// mpVolunteerUser makes a volunteer with an account and signs them in.
func mpVolunteerUser(t *testing.T, f *fixture, email, name string, mod ...func(*mentoring.Volunteer)) (*browser, *mentoring.Volunteer, response) {
	t.Helper()
	u := f.addUser(t, email, accounts.RoleVolunteer)
	v := mpVolunteer(t, f, name, append([]func(*mentoring.Volunteer){func(v *mentoring.Volunteer) {
		v.UserID, v.Email = u.ID, email
	}}, mod...)...)
	b := f.browser(t)
	r := b.login(email, goodPassword)
	if r.status != http.StatusSeeOther {
		t.Fatalf("login %s: %d", email, r.status)
	}
	return b, v, r
}

// mpLocalizer is a Localizer for lang.
func mpLocalizer(t testing.TB, lang string) *locales.Localizer {
	t.Helper()
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	return locales.New(bundle, lang)
}

// mpEscaped is s as html/template writes it in text.
func mpEscaped(s string) string {
	r := strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
	return r.Replace(s)
}

// mpWantStatus fails unless r has the status.
func mpWantStatus(t testing.TB, r response, status int) {
	t.Helper()
	if r.status != status {
		body := r.body
		if len(body) > 3000 {
			body = body[:3000]
		}
		t.Fatalf("status %d, want %d: %s", r.status, status, body)
	}
}

var mpPairingLink = regexp.MustCompile(`href="/mentoring/pairings/(\d+)"`)

// mpIDsIn lists the pairing ids linked from the part of the body that
// starts at the element with the id and ends at the element's close tag.
func mpIDsIn(t testing.TB, body, id, closeTag string) []int64 {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return nil
	}
	rest := body[i:]
	if j := strings.Index(rest, closeTag); j >= 0 {
		rest = rest[:j]
	}
	var out []int64
	for _, m := range mpPairingLink.FindAllStringSubmatch(rest, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, n)
	}
	return mpSorted(out)
}

func mpSorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return slices.Compact(out)
}

// mpForm builds form values from pairs.
func mpForm(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// mpRawID finds message IDs printed instead of messages.
var mpRawID = regexp.MustCompile(`[>" ](mentoring|validation|error|web|accounts|registry)\.[a-z_]+\.[a-z_.]+`)

func mpWantNoRawIDs(t testing.TB, r response) {
	t.Helper()
	if m := mpRawID.FindString(r.body); m != "" {
		t.Errorf("message ID shown as text: %q", m)
	}
}

func mpPID(p *mentoring.Pairing) string { return strconv.FormatInt(p.ID, 10) }
