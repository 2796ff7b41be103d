package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"broen"
	"broen/mentoring"
)

// demoNow is a fixed "now" for the tests: a Tuesday afternoon in Drammen.
var demoNow = time.Date(2026, 11, 24, 14, 5, 0, 0, time.UTC)

func TestMentoringVolunteers(t *testing.T) {
	list := MentoringVolunteers(demoNow)
	if len(list) < 22 || len(list) > 28 {
		t.Errorf("got %d volunteers, want about 24", len(list))
	}
	today := mentoring.Policy{}.Today(demoNow)
	var families, withKids, current, expired, noCheck, ready, pendingN, pausedN, immigrant int
	statuses := map[mentoring.VolunteerStatus]int{}
	locales := map[string]int{}
	langs := map[string]bool{}
	names, emails := map[string]bool{}, map[string]bool{}
	for _, v := range list {
		checkVolunteer(t, v)
		checkProfileData(t, &v.Profile, 1, true)
		if names[v.Name] || emails[v.Email] {
			t.Errorf("%s: name or email %s twice", v.Name, v.Email)
		}
		names[v.Name], emails[v.Email] = true, true
		if !strings.HasSuffix(v.Email, "@demo.broen.example") {
			t.Errorf("%s: email %s", v.Name, v.Email)
		}
		if v.Phone != "" && (len(v.Phone) != 11 || !strings.HasPrefix(v.Phone, "+474") && !strings.HasPrefix(v.Phone, "+479")) {
			t.Errorf("%s: phone %s is not a Norwegian mobile number", v.Name, v.Phone)
		}
		statuses[v.Status]++
		locales[v.Locale]++
		if v.Household == mentoring.HouseholdFamily {
			families++
			if v.HasChildren() {
				withKids++
			}
		}
		if v.Capacity < 1 || v.Capacity > 3 {
			t.Errorf("%s: capacity %d", v.Name, v.Capacity)
		}
		pc := v.PoliceCheck
		switch {
		case pc.Kind == mentoring.PoliceCheckNone:
			noCheck++
		case pc.CurrentOn(today):
			current++
		default:
			expired++
		}
		if pc.Kind != mentoring.PoliceCheckNone {
			if pc.Kind != mentoring.PoliceCheckNO || pc.CheckedBy != "Demo Koordinator" || !pc.RenewBy.Equal(pc.ShownOn.AddDate(3, 0, 0)) {
				t.Errorf("%s: police check %+v", v.Name, pc)
			}
		}
		if v.Ready() {
			ready++
		}
		if v.Status == mentoring.VolunteerPending {
			pendingN++
			if pc.Kind != mentoring.PoliceCheckNone || v.Ready() {
				t.Errorf("%s: pending but already checked or trained", v.Name)
			}
		}
		if v.Status == mentoring.VolunteerPaused {
			pausedN++
		}
		if v.Speaks("nb") != mentoring.LevelNative {
			immigrant++
		}
		for _, l := range v.Languages {
			langs[l.Code] = true
		}
		if w := today.Sub(mentoring.Day(v.WaitingSince)).Hours() / 24; w < 1 || w > 400 {
			t.Errorf("%s: waiting %.0f days", v.Name, w)
		}
	}
	if families < 5 || withKids < 4 {
		t.Errorf("%d network families, %d with children; want about 6, most with children", families, withKids)
	}
	if expired != 1 || noCheck < 2 || current < len(list)*2/3 {
		t.Errorf("police checks: %d current, %d expired, %d none", current, expired, noCheck)
	}
	if ready < len(list)*2/3 {
		t.Errorf("%d ready of %d", ready, len(list))
	}
	if pendingN < 2 || pausedN != 1 {
		t.Errorf("%d pending, %d paused", pendingN, pausedN)
	}
	if immigrant < 6 {
		t.Errorf("%d volunteers with an immigrant background", immigrant)
	}
	for _, l := range []string{"ar", "ti", "so", "prs", "uk", "kmr", "pl"} {
		if !langs[l] {
			t.Errorf("no volunteer speaks %s", l)
		}
	}
	if locales["nb"] < len(list)/2 || locales["en"] == 0 || locales["nn"] == 0 || locales["sv"] == 0 {
		t.Errorf("locales %v", locales)
	}
	if !emails[LoginVolunteerEmail] {
		t.Errorf("no volunteer has the login volunteer's email %s", LoginVolunteerEmail)
	}
}

func TestMentoringNewcomers(t *testing.T) {
	list := MentoringNewcomers(demoNow)
	if len(list) < 27 || len(list) > 33 {
		t.Errorf("got %d newcomers, want about 30", len(list))
	}
	today := mentoring.Policy{}.Today(demoNow)
	var families, prefs int
	langs := map[string]int{}
	levels := map[mentoring.NordicLevel]int{}
	names := map[string]bool{}
	minWait, maxWait := math.Inf(1), math.Inf(-1)
	for _, n := range list {
		checkNewcomer(t, n)
		checkProfileData(t, &n.Profile, 1, true)
		if names[n.Name] {
			t.Errorf("%s twice", n.Name)
		}
		names[n.Name] = true
		if n.Household == mentoring.HouseholdFamily {
			families++
		}
		if !reflect.DeepEqual(n.Preferences, mentoring.Preferences{}) {
			prefs++
		}
		langs[n.Languages[0].Code]++
		levels[n.NordicLevel]++
		if n.NordicLevel == mentoring.NordicFluent {
			t.Errorf("%s: fluent in Norwegian", n.Name)
		}
		w := today.Sub(mentoring.Day(n.WaitingSince)).Hours() / 24
		minWait, maxWait = min(minWait, w), max(maxWait, w)
		if w < 1 || w > 200 {
			t.Errorf("%s: waiting %.0f days", n.Name, w)
		}
		d := lookupDistrict(n.District)
		if km := mentoring.DistanceKm(n.Coords, mentoring.Coords{Lat: d.Lat, Lon: d.Lng}); km > 1 {
			t.Errorf("%s: %.1f km from the centre of %s", n.Name, km, n.District)
		}
		if len(n.Needs) == 0 {
			t.Errorf("%s: no needs", n.Name)
		}
	}
	if families < 8 || families > len(list)/2 {
		t.Errorf("%d families of %d", families, len(list))
	}
	if prefs < 5 {
		t.Errorf("%d newcomers with preferences", prefs)
	}
	for _, l := range []string{"ar", "ti", "so", "prs", "uk", "kmr"} {
		if langs[l] < 2 {
			t.Errorf("%d newcomers speak %s first", langs[l], l)
		}
	}
	for _, l := range []mentoring.NordicLevel{mentoring.NordicNone, mentoring.NordicBeginner, mentoring.NordicIntermediate} {
		if levels[l] < 3 {
			t.Errorf("%d newcomers at Nordic level %s", levels[l], l)
		}
	}
	if minWait > 3 || maxWait < 150 {
		t.Errorf("waiting times from %.0f to %.0f days, want spread over 1–200", minWait, maxWait)
	}
}

// checkVolunteer checks that v is in the form Normalize leaves it in and
// valid.
func checkVolunteer(t *testing.T, v *mentoring.Volunteer) {
	t.Helper()
	c := *v
	c.Profile = copyProfile(v.Profile)
	c.Offers = slices.Clone(v.Offers)
	if err := c.Normalize(Country); err != nil {
		t.Errorf("%s: Normalize: %v", v.Name, err)
	}
	if !reflect.DeepEqual(&c, v) {
		t.Errorf("%s: Normalize changes it:\n got  %+v\n want %+v", v.Name, c, *v)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("%s: %v", v.Name, fieldErrors(err))
	}
}

func checkNewcomer(t *testing.T, n *mentoring.Newcomer) {
	t.Helper()
	c := *n
	c.Profile = copyProfile(n.Profile)
	c.Needs = slices.Clone(n.Needs)
	if err := c.Normalize(Country); err != nil {
		t.Errorf("%s: Normalize: %v", n.Name, err)
	}
	if !reflect.DeepEqual(&c, n) {
		t.Errorf("%s: Normalize changes it:\n got  %+v\n want %+v", n.Name, c, *n)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("%s: %v", n.Name, fieldErrors(err))
	}
}

// checkProfileData checks what Validate does not: a known district with
// coordinates within maxKm of its centre, interests that are categories or
// short one-word tags (at least one a category when handWritten), 2–8
// slots, no gender for a family.
func checkProfileData(t *testing.T, p *mentoring.Profile, maxKm float64, handWritten bool) {
	t.Helper()
	if !slices.Contains(Districts(), p.District) {
		t.Errorf("%s: district %q", p.Name, p.District)
	} else {
		d := lookupDistrict(p.District)
		if km := mentoring.DistanceKm(p.Coords, mentoring.Coords{Lat: d.Lat, Lon: d.Lng}); km > maxKm {
			t.Errorf("%s: %.1f km from the centre of %s", p.Name, km, p.District)
		}
	}
	cats := 0
	for _, s := range p.Interests {
		if mentoring.IsCategory(s) {
			cats++
		} else if strings.ContainsAny(s, " _") || len(s) > 20 {
			t.Errorf("%s: tag %q", p.Name, s)
		}
	}
	if handWritten && len(p.Interests) > 0 && cats == 0 {
		t.Errorf("%s: no interest is a category", p.Name)
	}
	if n := p.Availability.Count(); n < 2 || n > 8 {
		t.Errorf("%s: %d slots", p.Name, n)
	}
	if p.Household == mentoring.HouseholdFamily && p.Gender != mentoring.GenderUnstated {
		t.Errorf("%s: a family with a gender", p.Name)
	}
}

func copyProfile(p mentoring.Profile) mentoring.Profile {
	c := p
	c.ChildrenAges = slices.Clone(p.ChildrenAges)
	c.Languages = slices.Clone(p.Languages)
	c.Interests = slices.Clone(p.Interests)
	c.Preferences.AgeGroups = slices.Clone(p.Preferences.AgeGroups)
	return c
}

func fieldErrors(err error) string {
	var be *broen.Error
	if errors.As(err, &be) {
		return fmt.Sprint(be.Fields)
	}
	return err.Error()
}

func TestMentoringDeterministic(t *testing.T) {
	if !reflect.DeepEqual(MentoringVolunteers(demoNow), MentoringVolunteers(demoNow)) {
		t.Error("MentoringVolunteers differs between calls")
	}
	if !reflect.DeepEqual(MentoringNewcomers(demoNow), MentoringNewcomers(demoNow)) {
		t.Error("MentoringNewcomers differs between calls")
	}
	later := demoNow.AddDate(0, 0, 10)
	a, b := MentoringNewcomers(demoNow), MentoringNewcomers(later)
	if got := b[0].WaitingSince.Sub(a[0].WaitingSince); got != 10*24*time.Hour {
		t.Errorf("ten days later the waiting-since moved by %s", got)
	}
}

func TestLoadMentoring(t *testing.T) {
	oslo := mentoring.Policy{}.Location()
	for _, now := range []time.Time{
		demoNow,
		time.Date(2026, 3, 29, 0, 20, 0, 0, oslo),      // just after midnight, on the day summer time starts
		time.Date(2027, 1, 31, 23, 10, 0, 0, time.UTC), // past midnight in Oslo
		time.Date(2026, 6, 1, 6, 0, 0, 0, oslo),
	} {
		t.Run(now.Format(time.RFC3339), func(t *testing.T) { testLoadMentoring(t, now) })
	}
}

func testLoadMentoring(t *testing.T, now time.Time) {
	ctx := context.Background()
	f := newFakeMentoring(now)
	nVol, nNew, nPair, err := LoadMentoring(ctx, f, f, f, now)
	if err != nil {
		t.Fatal(err)
	}
	if nVol != len(volunteerSpecs) || nNew != len(newcomerSpecs) || nPair != len(pairingPlan) {
		t.Errorf("counts %d, %d, %d; want %d, %d, %d", nVol, nNew, nPair, len(volunteerSpecs), len(newcomerSpecs), len(pairingPlan))
	}
	if len(f.vols) != nVol || len(f.news) != nNew || len(f.pairings) != nPair {
		t.Errorf("stored %d, %d, %d", len(f.vols), len(f.news), len(f.pairings))
	}

	var pol mentoring.Policy
	status := map[mentoring.PairingStatus]int{}
	var quiet, remind, volYesOnly, evaluated int
	for _, p := range f.pairings {
		p := f.withLast(p)
		status[p.Status]++
		if p.ProposedAt.After(now) {
			t.Errorf("pairing %d proposed in the future", p.ID)
		}
		if p.Score <= 0 || len(p.Reasons) == 0 || p.Reasons[0].Code == mentoring.ReasonNothingInCom {
			t.Errorf("pairing %d: score %.1f, reasons %v", p.ID, p.Score, p.Reasons)
		}
		switch p.Status {
		case mentoring.PairingActive:
			days := now.Sub(p.StartedAt).Hours() / 24
			if days < 20 || days > 200 {
				t.Errorf("pairing %d started %.0f days ago", p.ID, days)
			}
			if pol.IsQuiet(p, now) {
				quiet++
			}
		case mentoring.PairingProposed:
			if !now.Before(p.ExpiresAt) {
				t.Errorf("pairing %d: expired proposal", p.ID)
			}
			if p.VolunteerAnswer == mentoring.AnswerNone && !p.ProposedAt.After(now.AddDate(0, 0, -pol.Reminder())) {
				remind++
			}
			if p.VolunteerAnswer == mentoring.AnswerYes && p.NewcomerAnswer == mentoring.AnswerNone {
				volYesOnly++
			}
		case mentoring.PairingEnded:
			if p.Evaluation != nil && p.Evaluation.Rating > 0 {
				evaluated++
			}
		}
	}
	want := map[mentoring.PairingStatus]int{mentoring.PairingProposed: 3, mentoring.PairingActive: 6,
		mentoring.PairingEnded: 2, mentoring.PairingDeclined: 1}
	if !reflect.DeepEqual(status, want) {
		t.Errorf("statuses %v, want %v", status, want)
	}
	if quiet < 2 {
		t.Errorf("%d quiet pairings, want at least 2", quiet)
	}
	if remind != 1 || volYesOnly != 1 {
		t.Errorf("%d proposals to remind, %d with the volunteer's yes only; want 1 and 1", remind, volYesOnly)
	}
	if evaluated != 2 {
		t.Errorf("%d ended pairings with evaluations", evaluated)
	}
	fu, err := f.FollowUp(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(fu.DueCheckIns) < 1 || len(fu.Quiet) != quiet {
		t.Errorf("follow-up: %d check-ins due, %d quiet", len(fu.DueCheckIns), len(fu.Quiet))
	}
	overdue := 0
	for _, c := range fu.DueCheckIns {
		if c.Due.Before(pol.Today(now)) {
			overdue++
		}
	}
	if overdue < 1 {
		t.Error("no check-in overdue")
	}
	done := 0
	for _, c := range f.checkIns {
		if c.Done() {
			done++
			if c.DoneAt.After(now) {
				t.Errorf("check-in %d done in the future", c.ID)
			}
		}
	}
	if done < 2 {
		t.Errorf("%d check-ins done", done)
	}
	if len(f.excluded) != 1 {
		t.Errorf("%d exclusions, want the declined pair", len(f.excluded))
	}

	// The demo sign-in volunteer: one active pairing and one proposal
	// waiting for their answer.
	var login *mentoring.Volunteer
	for _, v := range f.vols {
		if v.Email == LoginVolunteerEmail {
			login = v
		}
	}
	if login == nil {
		t.Fatal("no login volunteer")
	}
	var active, waiting int
	for _, p := range f.pairings {
		if p.VolunteerID != login.ID {
			continue
		}
		if p.Status == mentoring.PairingActive {
			active++
		}
		if p.Status == mentoring.PairingProposed && p.VolunteerAnswer == mentoring.AnswerNone {
			waiting++
		}
	}
	if active != 1 || waiting != 1 {
		t.Errorf("login volunteer: %d active, %d waiting for an answer", active, waiting)
	}

	// The waiting lists still have people on both sides for the engine.
	waitingNew := 0
	for _, n := range f.news {
		if n.Status == mentoring.NewcomerWaiting && f.open(0, n.ID) == 0 {
			waitingNew++
		}
	}
	if waitingNew < 12 {
		t.Errorf("%d newcomers on the waiting list", waitingNew)
	}

	// The same load again stores the same pairings.
	g := newFakeMentoring(now)
	if _, _, _, err := LoadMentoring(ctx, g, g, g, now); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.pairings, g.pairings) || !reflect.DeepEqual(f.contacts, g.contacts) || !reflect.DeepEqual(f.checkIns, g.checkIns) {
		t.Error("two loads differ")
	}
}

func TestLoadMentoringStopsAtError(t *testing.T) {
	f := newFakeMentoring(demoNow)
	f.failAt = 5
	nVol, nNew, nPair, err := LoadMentoring(context.Background(), f, f, f, demoNow)
	if !errors.Is(err, errFake) || nVol != 5 || nNew != 0 || nPair != 0 {
		t.Errorf("LoadMentoring = %d, %d, %d, %v; want 5, 0, 0 and the service's error", nVol, nNew, nPair, err)
	}
}

// TestPairingPlanRules checks every planned pair against the engine on the
// day it is proposed and today: capacity, preferences and police checks.
func TestPairingPlanRules(t *testing.T) {
	vols, news := map[string]*mentoring.Volunteer{}, map[string]*mentoring.Newcomer{}
	for _, v := range MentoringVolunteers(demoNow) {
		vols[v.Name] = v
	}
	for _, n := range MentoringNewcomers(demoNow) {
		news[n.Name] = n
	}
	c := newClock(demoNow)
	for _, pl := range pairingPlan {
		v, n := vols[pl.Vol], news[pl.New]
		if v == nil || n == nil {
			t.Errorf("%s – %s: unknown party", pl.Vol, pl.New)
			continue
		}
		if n.HasChildren() && !v.PoliceCheck.CurrentOn(c.today) && pl.Ended == 0 {
			t.Errorf("%s – %s: children and no current police check", pl.Vol, pl.New)
		}
		proposed := c.day(pl.Proposed)
		if v.WaitingSince.After(proposed) || n.WaitingSince.After(proposed) {
			t.Errorf("%s – %s: proposed before they were on the waiting list", pl.Vol, pl.New)
		}
		if !v.Ready() || v.TrainedOn.After(proposed) {
			t.Errorf("%s – %s: the volunteer was not trained when proposed", pl.Vol, pl.New)
		}
	}
}

// ---------------------------------------------------------------------------
// An in-memory mentoring store that keeps the rules the demo relies on:
// normalize and validate, the invariants of a proposal and an activation
// for both parties, the lifecycle transitions, contacts checked against
// the start and today, check-ins scheduled from the policy.

type fakeMentoring struct {
	now      time.Time
	policy   mentoring.Policy
	failAt   int // fail the create with this index (volunteers, then newcomers), when > 0
	vols     []*mentoring.Volunteer
	news     []*mentoring.Newcomer
	pairings []*mentoring.Pairing
	contacts []*mentoring.ContactLog
	checkIns []*mentoring.CheckIn
	excluded map[[2]int64]string
}

func newFakeMentoring(now time.Time) *fakeMentoring {
	return &fakeMentoring{now: now, excluded: map[[2]int64]string{}}
}

var (
	_ mentoring.VolunteerService = (*fakeMentoring)(nil)
	_ mentoring.NewcomerService  = (*fakeMentoring)(nil)
	_ mentoring.PairingService   = (*fakeMentoring)(nil)
)

var errNotUsed = errors.New("fake: not used by the demo")

func conflict(msg string) error { return &broen.Error{Code: broen.ECONFLICT, MessageID: msg} }

func notFound() error { return &broen.Error{Code: broen.ENOTFOUND} }

func (f *fakeMentoring) CreateVolunteer(_ context.Context, v *mentoring.Volunteer) error {
	if f.failAt > 0 && len(f.vols)+len(f.news) == f.failAt {
		return errFake
	}
	if err := v.Normalize(Country); err != nil {
		return err
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if v.WaitingSince.IsZero() {
		v.WaitingSince = f.now
	}
	v.ID, v.Open, v.CreatedAt, v.UpdatedAt = int64(len(f.vols)+1), 0, f.now, f.now
	c := *v
	f.vols = append(f.vols, &c)
	return nil
}

func (f *fakeMentoring) CreateNewcomer(_ context.Context, n *mentoring.Newcomer) error {
	if f.failAt > 0 && len(f.vols)+len(f.news) == f.failAt {
		return errFake
	}
	if err := n.Normalize(Country); err != nil {
		return err
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if n.WaitingSince.IsZero() {
		n.WaitingSince = f.now
	}
	n.ID, n.Open, n.Active, n.CreatedAt, n.UpdatedAt = int64(len(f.news)+1), 0, 0, f.now, f.now
	c := *n
	f.news = append(f.news, &c)
	return nil
}

// open counts the open pairings of a volunteer (vid) or newcomer (nid).
func (f *fakeMentoring) open(vid, nid int64) int {
	k := 0
	for _, p := range f.pairings {
		if p.Status.Open() && (p.VolunteerID == vid || p.NewcomerID == nid) {
			k++
		}
	}
	return k
}

func (f *fakeMentoring) active(nid int64) int {
	k := 0
	for _, p := range f.pairings {
		if p.Status == mentoring.PairingActive && p.NewcomerID == nid {
			k++
		}
	}
	return k
}

func (f *fakeMentoring) FindVolunteerByID(_ context.Context, id int64) (*mentoring.Volunteer, error) {
	if id < 1 || int(id) > len(f.vols) {
		return nil, notFound()
	}
	v := *f.vols[id-1]
	v.Open = f.open(id, 0)
	return &v, nil
}

func (f *fakeMentoring) FindNewcomerByID(_ context.Context, id int64) (*mentoring.Newcomer, error) {
	if id < 1 || int(id) > len(f.news) {
		return nil, notFound()
	}
	n := *f.news[id-1]
	n.Open, n.Active = f.open(0, id), f.active(id)
	return &n, nil
}

func (f *fakeMentoring) FindVolunteers(context.Context, mentoring.VolunteerFilter) ([]*mentoring.Volunteer, int, error) {
	return nil, 0, errNotUsed
}

func (f *fakeMentoring) UpdateVolunteer(context.Context, int64, mentoring.VolunteerUpdate) (*mentoring.Volunteer, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) FindNewcomers(context.Context, mentoring.NewcomerFilter) ([]*mentoring.Newcomer, int, error) {
	return nil, 0, errNotUsed
}

func (f *fakeMentoring) UpdateNewcomer(context.Context, int64, mentoring.NewcomerUpdate) (*mentoring.Newcomer, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) pairing(id int64) (*mentoring.Pairing, error) {
	if id < 1 || int(id) > len(f.pairings) {
		return nil, notFound()
	}
	return f.pairings[id-1], nil
}

// withLast returns a copy of p with LastContact filled in, as the store
// reads it.
func (f *fakeMentoring) withLast(p *mentoring.Pairing) *mentoring.Pairing {
	c := *p
	for _, cl := range f.contacts {
		if cl.PairingID == p.ID && cl.Counts() && cl.Date.After(c.LastContact) {
			c.LastContact = cl.Date
		}
	}
	return &c
}

func (f *fakeMentoring) FindPairingByID(_ context.Context, id int64) (*mentoring.Pairing, error) {
	p, err := f.pairing(id)
	if err != nil {
		return nil, err
	}
	return f.withLast(p), nil
}

func (f *fakeMentoring) FindPairings(_ context.Context, flt mentoring.PairingFilter) ([]*mentoring.Pairing, int, error) {
	var out []*mentoring.Pairing
	for _, p := range f.pairings {
		p := f.withLast(p)
		if flt.Status != nil && p.Status != *flt.Status ||
			flt.VolunteerID != nil && p.VolunteerID != *flt.VolunteerID ||
			flt.NewcomerID != nil && p.NewcomerID != *flt.NewcomerID ||
			flt.Quiet != nil && f.policy.IsQuiet(p, flt.Now) != *flt.Quiet {
			continue
		}
		out = append(out, p)
	}
	return out, len(out), nil
}

// people returns the pair's parties as the store would load them.
func (f *fakeMentoring) people(p *mentoring.Pairing) (*mentoring.Volunteer, *mentoring.Newcomer, error) {
	v, err := f.FindVolunteerByID(context.Background(), p.VolunteerID)
	if err != nil {
		return nil, nil, err
	}
	n, err := f.FindNewcomerByID(context.Background(), p.NewcomerID)
	return v, n, err
}

func (f *fakeMentoring) engine(at time.Time) *mentoring.Engine {
	return &mentoring.Engine{Today: f.policy.Today(at)}
}

func (f *fakeMentoring) ProposePairing(_ context.Context, p *mentoring.Pairing) error {
	v, n, err := f.people(p)
	if err != nil {
		return err
	}
	for _, o := range f.pairings {
		if o.Status.Open() && o.VolunteerID == v.ID && o.NewcomerID == n.ID {
			return conflict(mentoring.ErrDuplicate)
		}
	}
	switch {
	case p.ProposedAt.After(f.now):
		return fmt.Errorf("fake: proposed in the future")
	case f.excluded[[2]int64{v.ID, n.ID}] != "":
		return conflict(mentoring.ErrExcluded)
	case v.Status != mentoring.VolunteerAvailable:
		return conflict(mentoring.ErrVolunteerNotAvail)
	case v.Open >= v.Capacity:
		return conflict(mentoring.ErrCapacity)
	case n.Status != mentoring.NewcomerWaiting:
		return conflict(mentoring.ErrNewcomerNotWait)
	case n.Active >= f.policy.MaxActive():
		return conflict(mentoring.ErrNewcomerActive)
	}
	if r := f.engine(p.ProposedAt).CheckPeople(v, n); r != mentoring.RuleNone {
		return conflict("rule " + string(r))
	}
	c := *p
	c.ID = int64(len(f.pairings) + 1)
	c.VolunteerName, c.NewcomerName = v.Name, n.Name
	f.pairings = append(f.pairings, &c)
	p.ID = c.ID
	return nil
}

func (f *fakeMentoring) AnswerPairing(_ context.Context, id int64, side mentoring.Side, yes bool, reason mentoring.DeclineReason, by int64, at time.Time) (*mentoring.Pairing, error) {
	p, err := f.pairing(id)
	if err != nil {
		return nil, err
	}
	if at.After(f.now) || at.Before(p.ProposedAt) {
		return nil, fmt.Errorf("fake: answered at %s, proposed %s, now %s", at, p.ProposedAt, f.now)
	}
	v, n, err := f.people(p)
	if err != nil {
		return nil, err
	}
	c := *p
	if !yes {
		if err := c.Decline(side, reason, at); err != nil {
			return nil, err
		}
		f.excluded[[2]int64{v.ID, n.ID}] = "declined"
		*p = c
		return f.withLast(p), nil
	}
	if err := c.Accept(side, at); err != nil {
		return nil, err
	}
	if c.Status == mentoring.PairingActive {
		switch {
		case v.Open > v.Capacity:
			return nil, conflict(mentoring.ErrCapacity)
		case n.Active >= f.policy.MaxActive():
			return nil, conflict(mentoring.ErrNewcomerActive)
		}
		if r := f.engine(at).CheckPeople(v, n); r != mentoring.RuleNone {
			return nil, conflict("rule " + string(r))
		}
		for _, ci := range f.policy.CheckInsFor(p.ID, c.StartedAt) {
			ci.ID = int64(len(f.checkIns) + 1)
			f.checkIns = append(f.checkIns, ci)
		}
		for _, o := range f.pairings {
			if o.NewcomerID == n.ID && o.ID != p.ID && o.Status == mentoring.PairingProposed {
				if err := o.Withdraw(mentoring.WithdrawPairedElsewhere, at); err != nil {
					return nil, err
				}
			}
		}
	}
	*p = c
	return f.withLast(p), nil
}

func (f *fakeMentoring) WithdrawPairing(context.Context, int64, mentoring.WithdrawReason, int64, time.Time) (*mentoring.Pairing, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) EndPairing(_ context.Context, id int64, reason mentoring.EndReason, ev mentoring.Evaluation, by int64, at time.Time) (*mentoring.Pairing, error) {
	p, err := f.pairing(id)
	if err != nil {
		return nil, err
	}
	if at.After(f.now) || at.Before(p.StartedAt) {
		return nil, fmt.Errorf("fake: ended at %s, started %s", at, p.StartedAt)
	}
	if err := p.End(reason, ev, at); err != nil {
		return nil, err
	}
	v, n := f.vols[p.VolunteerID-1], f.news[p.NewcomerID-1]
	status, pause := mentoring.AfterEnd(reason)
	if n.Status != mentoring.NewcomerLeft {
		n.Status = status
		if status == mentoring.NewcomerWaiting {
			n.WaitingSince = at
		}
	}
	if pause && v.Status != mentoring.VolunteerLeft {
		v.Status = mentoring.VolunteerPaused
	}
	v.WaitingSince = at
	return f.withLast(p), nil
}

func (f *fakeMentoring) ExpirePairings(context.Context, time.Time) ([]*mentoring.Pairing, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) ProposalsToRemind(context.Context, time.Time) ([]*mentoring.Pairing, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) MarkProposalReminded(context.Context, int64, time.Time) error {
	return errNotUsed
}

func (f *fakeMentoring) LogContact(_ context.Context, c *mentoring.ContactLog) error {
	p, err := f.pairing(c.PairingID)
	if err != nil {
		return err
	}
	if p.Status != mentoring.PairingActive {
		return conflict(mentoring.ErrNotActive)
	}
	c.Date = mentoring.Day(c.Date)
	if err := c.Validate(p.StartedAt.In(f.policy.Location()), f.policy.Today(f.now)); err != nil {
		return err
	}
	if c.Side != "volunteer" && c.Side != "coordinator" {
		return fmt.Errorf("fake: side %q", c.Side)
	}
	c.ID, c.CreatedAt = int64(len(f.contacts)+1), f.now
	cc := *c
	f.contacts = append(f.contacts, &cc)
	return nil
}

func (f *fakeMentoring) FindContacts(_ context.Context, pairingID int64) ([]*mentoring.ContactLog, error) {
	var out []*mentoring.ContactLog
	for _, c := range f.contacts {
		if c.PairingID == pairingID {
			out = append(out, c)
		}
	}
	return out, nil
}

func (f *fakeMentoring) FindCheckIns(_ context.Context, flt mentoring.CheckInFilter) ([]*mentoring.CheckIn, int, error) {
	var out []*mentoring.CheckIn
	for _, c := range f.checkIns {
		p, _ := f.pairing(c.PairingID)
		if flt.PairingID != nil && c.PairingID != *flt.PairingID ||
			flt.DueBy != nil && c.Due.After(*flt.DueBy) ||
			flt.Done != nil && c.Done() != *flt.Done ||
			flt.ActiveOnly && p.Status != mentoring.PairingActive {
			continue
		}
		cc := *c
		out = append(out, &cc)
	}
	return out, len(out), nil
}

func (f *fakeMentoring) CompleteCheckIn(_ context.Context, id int64, outcome mentoring.CheckInOutcome, by int64, at time.Time) (*mentoring.CheckIn, error) {
	if id < 1 || int(id) > len(f.checkIns) {
		return nil, notFound()
	}
	if at.After(f.now) {
		return nil, fmt.Errorf("fake: check-in done in the future")
	}
	c := f.checkIns[id-1]
	if err := c.Complete(outcome, by, at); err != nil {
		return nil, err
	}
	cc := *c
	return &cc, nil
}

func (f *fakeMentoring) MarkCheckInNotified(context.Context, int64, time.Time) error {
	return errNotUsed
}

func (f *fakeMentoring) FollowUp(ctx context.Context, now time.Time) (*mentoring.FollowUp, error) {
	day := f.policy.Today(now)
	notDone := false
	due, _, _ := f.FindCheckIns(ctx, mentoring.CheckInFilter{DueBy: &day, Done: &notDone, ActiveOnly: true})
	yes := true
	quiet, _, _ := f.FindPairings(ctx, mentoring.PairingFilter{Quiet: &yes, Now: now})
	return &mentoring.FollowUp{Day: day, DueCheckIns: due, Quiet: quiet, QuietDays: f.policy.Quiet()}, nil
}

func (f *fakeMentoring) Exclude(context.Context, mentoring.Exclusion) error { return errNotUsed }

func (f *fakeMentoring) Unexclude(context.Context, int64, int64) error { return errNotUsed }

func (f *fakeMentoring) FindExclusions(context.Context) ([]mentoring.Exclusion, error) {
	return nil, errNotUsed
}

func (f *fakeMentoring) MatchWeights(context.Context) (mentoring.Weights, error) {
	return mentoring.DefaultWeights, nil
}

func (f *fakeMentoring) SetMatchWeights(context.Context, mentoring.Weights) error { return errNotUsed }

func TestGeneratePool(t *testing.T) {
	const nv, nn = 700, 2000
	pool := GeneratePool(7, nv, nn, demoNow)
	if len(pool.Volunteers) != nv || len(pool.Newcomers) != nn {
		t.Fatalf("got %d volunteers and %d newcomers, want %d and %d", len(pool.Volunteers), len(pool.Newcomers), nv, nn)
	}
	if !reflect.DeepEqual(pool, GeneratePool(7, nv, nn, demoNow)) {
		t.Error("GeneratePool(7, ...) differs between calls")
	}
	if reflect.DeepEqual(pool.Newcomers[:50], GeneratePool(8, nv, nn, demoNow).Newcomers[:50]) {
		t.Error("seeds 7 and 8 give the same pool")
	}
	today := mentoring.Policy{}.Today(demoNow)
	var families, withKids, current, prefs, slots, interests int
	capacity := map[int]int{}
	districts := map[string]int{}
	for i, v := range pool.Volunteers {
		if v.ID != int64(i+1) || v.Spare() != v.Capacity {
			t.Fatalf("volunteer %d: ID %d, spare %d of %d", i, v.ID, v.Spare(), v.Capacity)
		}
		checkVolunteer(t, v)
		checkProfileData(t, &v.Profile, 1.5, false)
		capacity[v.Capacity]++
		if v.PoliceCheck.CurrentOn(today) {
			current++
		}
		if v.Household == mentoring.HouseholdFamily && v.HasChildren() {
			withKids++
		}
		if !reflect.DeepEqual(v.Preferences, mentoring.Preferences{}) {
			prefs++
		}
		districts[v.District]++
	}
	first := map[string]int{}
	for i, n := range pool.Newcomers {
		if n.ID != int64(i+1) || !n.IsWaiting() {
			t.Fatalf("newcomer %d: ID %d, waiting %v", i, n.ID, n.IsWaiting())
		}
		checkNewcomer(t, n)
		checkProfileData(t, &n.Profile, 1.5, false)
		if n.Household == mentoring.HouseholdFamily {
			families++
			if n.HasChildren() {
				withKids++
			}
		}
		if !reflect.DeepEqual(n.Preferences, mentoring.Preferences{}) {
			prefs++
		}
		first[n.Languages[0].Code]++
		slots += n.Availability.Count()
		interests += len(n.Interests)
		districts[n.District]++
		if n.WaitingSince.After(demoNow) || n.WaitingSince.Before(demoNow.AddDate(-1, 0, -1)) {
			t.Errorf("newcomer %d: waiting since %s", n.ID, n.WaitingSince)
		}
	}
	share := func(k, of int) float64 { return float64(k) / float64(of) }
	if s := share(withKids, nv+nn); s < 0.25 || s > 0.35 {
		t.Errorf("%.0f %% families with children, want about 30 %%", 100*s)
	}
	if s := share(current, nv); s < 0.64 || s > 0.76 {
		t.Errorf("%.0f %% of volunteers with a current police check, want about 70 %%", 100*s)
	}
	if s := share(prefs, nv+nn); s < 0.07 || s > 0.13 {
		t.Errorf("%.0f %% with preferences, want about 10 %%", 100*s)
	}
	if capacity[1] < capacity[2] || capacity[2] < capacity[3] || capacity[3] == 0 || len(capacity) != 3 {
		t.Errorf("capacities %v", capacity)
	}
	if avg := share(slots, nn); avg < 4 || avg > 6 {
		t.Errorf("%.1f slots on average, want 2–8 and about 5", avg)
	}
	if avg := share(interests, nn); avg < 1.5 || avg > 2.5 {
		t.Errorf("%.1f interests on average, want 0–4 and about 2", avg)
	}
	if len(districts) != len(Districts()) {
		t.Errorf("people in %d districts, want all %d", len(districts), len(Districts()))
	}
	for _, l := range []string{"ar", "uk", "ti", "so", "prs", "kmr"} {
		if share(first[l], nn) < 0.04 {
			t.Errorf("%d newcomers speak %s first", first[l], l)
		}
	}
	if len(pool.Excluded) < nn/100 {
		t.Errorf("%d exclusions", len(pool.Excluded))
	}
	seen := map[[2]int64]bool{}
	for _, x := range pool.Excluded {
		k := [2]int64{x.VolunteerID, x.NewcomerID}
		if seen[k] || x.VolunteerID < 1 || x.VolunteerID > nv || x.NewcomerID < 1 || x.NewcomerID > nn {
			t.Errorf("exclusion %+v", x)
		}
		seen[k] = true
	}

	// The engine finds work to do: most newcomers have eligible volunteers.
	res, err := (&mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: demoNow}).Run(context.Background(),
		GeneratePool(1, 100, 250, demoNow), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pairs) < 100 {
		t.Errorf("the engine paired %d of 250 newcomers with 100 volunteers", len(res.Pairs))
	}

	if p := GeneratePool(1, 0, 0, demoNow); len(p.Volunteers)+len(p.Newcomers)+len(p.Excluded) != 0 {
		t.Error("an empty pool is not empty")
	}
	if p := GeneratePool(1, 1, 1, demoNow); len(p.Excluded) != 1 {
		t.Errorf("1×1 pool: %d exclusions", len(p.Excluded))
	}
}

func BenchmarkGeneratePool(b *testing.B) {
	for b.Loop() {
		GeneratePool(1, 700, 2000, demoNow)
	}
}
