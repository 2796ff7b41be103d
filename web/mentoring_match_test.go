package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"broen/mentoring"
)

var mpPairBox = regexp.MustCompile(`name="pair" value="(\d+)-(\d+)" checked`)

// TestMatchPage: the optimal assignment of everyone waiting, ticked by
// default; the newcomers left over with why; proposing the ticked pairs,
// one of which someone else proposed meanwhile.
func TestMatchPage(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	a := mpVolunteer(t, f, "Anne Dahl", func(v *mentoring.Volunteer) { v.Locale = "da" })
	b := mpVolunteer(t, f, "Bjørn Lie", func(v *mentoring.Volunteer) { v.Capacity = 2 })
	n1 := mpNewcomer(t, f, "Amal Haddad")
	n2 := mpNewcomer(t, f, "Yonas Tesfaye")
	n3 := mpNewcomer(t, f, "Dilan Aziz")
	// Nobody may take a family with children: no volunteer has a police check.
	fam := mpNewcomer(t, f, "Familien Karimi", func(n *mentoring.Newcomer) {
		n.Household, n.Adults, n.ChildrenAges = mentoring.HouseholdFamily, 2, []int{6}
	})
	// Four newcomers who may be paired and three places: one waits.
	n4 := mpNewcomer(t, f, "Sara Ali", func(n *mentoring.Newcomer) { n.WaitingSince = now.AddDate(0, 0, -1) })

	r := coord.get("/mentoring/match?lang=nb")
	mpWantStatus(t, r, http.StatusOK)
	boxes := mpPairBox.FindAllStringSubmatch(r.body, -1)
	if len(boxes) != 3 {
		t.Fatalf("%d pairs ticked, want 3", len(boxes))
	}
	l := mpLocalizer(t, "nb")
	wantContains(t, r, mpEscaped(l.T("mentoring.match.note")), "3 par funnet", "5 nyankomne venter",
		"2 frivillige med ledig plass", `name="length_`+itoa(n1.ID)+`"`, "Familien Karimi",
		mpEscaped(l.T("mentoring.match.why_none_eligible")), "Sara Ali", mpEscaped(l.T("mentoring.match.why_all_taken")),
		"dere snakker begge arabisk")
	if !strings.Contains(r.body, "-"+itoa(n1.ID)+`" checked`) || strings.Contains(r.body, "-"+itoa(n4.ID)+`" checked`) {
		t.Error("the longest waiting are not the ones paired")
	}

	// Meanwhile another coordinator proposes Bjørn to one of them.
	var taken string
	for _, m := range boxes {
		if m[1] == itoa(b.ID) {
			taken = m[2]
			break
		}
	}
	takenID := int64(0)
	for _, n := range []*mentoring.Newcomer{n1, n2, n3} {
		if itoa(n.ID) == taken {
			takenID = n.ID
			mpPropose(t, f, b, n, now)
		}
	}
	if takenID == 0 {
		t.Fatal("Bjørn got nobody")
	}
	form := mpForm()
	for _, m := range boxes {
		form.Add("pair", m[1]+"-"+m[2])
		form.Set("length_"+m[2], "12")
	}
	sent := len(f.mail.sent)
	r = coord.post("/mentoring/match?lang=en", form)
	mpWantStatus(t, r, http.StatusOK)
	wantContains(t, r, "2 proposals sent.", "1 could not be proposed.",
		mpEscaped(mpLocalizer(t, "en").T(mentoring.ErrDuplicate)))
	open := true
	ps, _, _ := f.db.FindPairings(context.Background(), mentoring.PairingFilter{Open: &open, Limit: 50})
	if len(ps) != 3 {
		t.Fatalf("%d open pairings, want 3", len(ps))
	}
	for _, p := range ps {
		if p.NewcomerID != takenID && (p.LengthMonths != 12 || p.Score <= 0 || len(p.Reasons) == 0) {
			t.Errorf("proposed %+v", p)
		}
	}
	if len(f.mail.sent) != sent+2 {
		t.Errorf("%d emails, want 2", len(f.mail.sent)-sent)
	}
	for _, m := range f.mail.sent[sent:] {
		if strings.Contains(m.To, a.Email) && !strings.Contains(m.Subject+m.Text, "match") {
			t.Errorf("Anne's email is not in Danish: %q", m.Subject)
		}
	}

	// Nothing ticked: 422 and nothing proposed.
	r = coord.post("/mentoring/match", mpForm())
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	_ = fam
}

// TestWeightsPage: the eight weights with their labels and hints; a bad
// value is refused with what was typed kept; saving and resetting.
func TestWeightsPage(t *testing.T) {
	f := newFixture(t)
	coord, _ := mpCoordinator(t, f, "kari@drammen.example")
	l := mpLocalizer(t, "sv")
	r := coord.get("/mentoring/weights?lang=sv")
	mpWantStatus(t, r, http.StatusOK)
	for _, name := range mentoring.WeightNames {
		wantContains(t, r, `id="w-`+name+`"`, mpEscaped(l.T("mentoring.weight."+name)), mpEscaped(l.T("mentoring.weight_hint."+name)))
	}
	wantContains(t, r, `name="language" type="number" min="0" max="100" step="any" inputmode="decimal" value="25"`)

	form := mpForm("language", "150", "practice", "abc", "interests", "15", "needs", "15", "distance", "15",
		"availability", "15", "household", "5", "age", "0")
	r = coord.post("/mentoring/weights?lang=sv", form)
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, `value="150"`, `value="abc"`, `id="e-w-language"`, `id="e-w-practice"`, `aria-invalid="true"`,
		`href="#w-language"`)

	form.Set("language", "40")
	form.Set("practice", "12,5")
	mpWantStatus(t, coord.post("/mentoring/weights", form), http.StatusSeeOther)
	w, _ := f.db.MatchWeights(context.Background())
	if w.Language != 40 || w.Practice != 12.5 {
		t.Errorf("weights %+v", w)
	}
	r = coord.get("/mentoring/weights?lang=sv")
	wantContains(t, r, `value="12.5"`, mpEscaped(l.T("mentoring.weights.saved")))

	zero := mpForm()
	for _, name := range mentoring.WeightNames {
		zero.Set(name, "0")
	}
	r = coord.post("/mentoring/weights?lang=sv", zero)
	mpWantStatus(t, r, http.StatusUnprocessableEntity)
	wantContains(t, r, mpEscaped(l.T("validation.mentoring.weights_zero")))

	mpWantStatus(t, coord.post("/mentoring/weights", mpForm("reset", "1")), http.StatusSeeOther)
	if w, _ := f.db.MatchWeights(context.Background()); w != mentoring.DefaultWeights {
		t.Errorf("after reset %+v", w)
	}
}
