package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"broen/accounts"
	"broen/mentoring"
)

// The bar: two coordinators accepting conflicting proposals at the
// same moment can never exceed a volunteer's capacity or give one newcomer
// two active pairings. These tests race real HTTP requests from two
// signed-in coordinators against the real database.

// mpRace sends the requests at the same moment and returns each status and
// body. It must not call t.Fatal from the goroutines.
func mpRace(t *testing.T, reqs []func() (*http.Response, error)) []response {
	t.Helper()
	out := make([]response, len(reqs))
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i, do := range reqs {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			resp, err := do()
			if err != nil {
				out[i] = response{status: -1, body: err.Error()}
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			out[i] = response{resp.StatusCode, resp.Header, string(b)}
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return out
}

// formRequest is a form post on b, not sent yet.
func (b *browser) formRequest(path string, form url.Values) func() (*http.Response, error) {
	return func() (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return b.cli.Do(req)
	}
}

func (b *browser) jsonRequest(path, token, body string) func() (*http.Response, error) {
	return func() (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodPost, b.ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept-Language", "sv")
		return (&http.Client{}).Do(req)
	}
}

// TestConcurrentNewcomerYes: newcomer N has proposals with volunteers A
// and B, and both volunteers have said yes. Two coordinators record N's yes
// on both at once: exactly one pairing becomes active; the other request
// gets a localized 409 and that proposal ends withdrawn.
func TestConcurrentNewcomerYes(t *testing.T) {
	f := newFixture(t)
	one, _ := mpCoordinator(t, f, "kari@drammen.example")
	two, _ := mpCoordinator(t, f, "per@drammen.example")
	l := mpLocalizer(t, "nb")
	refusals := []string{mpEscaped(l.T(mentoring.ErrNotProposed)), mpEscaped(l.T(mentoring.ErrNewcomerActive))}
	const rounds = 25
	for round := range rounds {
		n := mpNewcomer(t, f, "Nykommer "+itoa(int64(round)))
		a := mpVolunteer(t, f, "Anne "+itoa(int64(round)))
		b := mpVolunteer(t, f, "Bjørn "+itoa(int64(round)))
		pa := mpPropose(t, f, a, n, now.AddDate(0, 0, -2))
		pb := mpPropose(t, f, b, n, now.AddDate(0, 0, -2))
		mpAnswer(t, f, pa.ID, mentoring.SideVolunteer, now.AddDate(0, 0, -1))
		mpAnswer(t, f, pb.ID, mentoring.SideVolunteer, now.AddDate(0, 0, -1))
		yes := mpForm("side", "newcomer", "answer", "yes")
		// Alternate who goes for which, so neither order is favoured.
		first, second := one, two
		if round%2 == 1 {
			first, second = two, one
		}
		rs := mpRace(t, []func() (*http.Response, error){
			first.formRequest("/mentoring/pairings/"+mpPID(pa)+"/answer?lang=nb", yes),
			second.formRequest("/mentoring/pairings/"+mpPID(pb)+"/answer?lang=nb", yes),
		})
		ok, conflict := 0, -1
		for i, r := range rs {
			switch r.status {
			case http.StatusSeeOther:
				ok++
			case http.StatusConflict:
				conflict = i
				if !strings.Contains(r.body, refusals[0]) && !strings.Contains(r.body, refusals[1]) {
					t.Errorf("round %d: the 409 lacks the Norwegian message", round)
				}
			default:
				t.Fatalf("round %d: status %d: %.500s", round, r.status, r.body)
			}
		}
		if ok != 1 || conflict < 0 {
			t.Fatalf("round %d: statuses %d and %d, want one 303 and one 409", round, rs[0].status, rs[1].status)
		}
		got := []*mentoring.Pairing{mpPairing(t, f, pa.ID), mpPairing(t, f, pb.ID)}
		active := 0
		for _, p := range got {
			if p.Status == mentoring.PairingActive {
				active++
			}
		}
		if active != 1 {
			t.Fatalf("round %d: %d active pairings for one newcomer", round, active)
		}
		if lost := got[conflict]; lost.Status != mentoring.PairingWithdrawn || lost.WithdrawReason != mentoring.WithdrawPairedElsewhere {
			t.Errorf("round %d: the refused proposal is %s (%s)", round, lost.Status, lost.WithdrawReason)
		}
		nn, _ := f.db.FindNewcomerByID(context.Background(), n.ID)
		if nn.Active != 1 {
			t.Errorf("round %d: newcomer has %d active", round, nn.Active)
		}
	}
}

// TestConcurrentProposals: many coordinators' proposals to a volunteer with
// one place at once: one is made, the rest are 409, and the volunteer never
// holds more than one open pairing. Form posts and the API alike.
func TestConcurrentProposals(t *testing.T) {
	f := newFixture(t)
	one, _ := mpCoordinator(t, f, "kari@drammen.example")
	two, _ := mpCoordinator(t, f, "per@drammen.example")
	token := one.makeToken(t, "CRM", accounts.ScopeMentoring)
	const rounds, tries = 6, 8
	for round := range rounds {
		v := mpVolunteer(t, f, "Anne "+itoa(int64(round)))
		var reqs []func() (*http.Response, error)
		viaAPI := round%2 == 1
		for i := range tries {
			n := mpNewcomer(t, f, "Nykommer "+itoa(int64(round*tries+i)))
			if viaAPI {
				body := `{"volunteer_id":` + itoa(v.ID) + `,"newcomer_id":` + itoa(n.ID) + `}`
				reqs = append(reqs, one.jsonRequest("/api/v1/mentoring/pairings", token, body))
				continue
			}
			b := one
			if i%2 == 1 {
				b = two
			}
			reqs = append(reqs, b.formRequest("/mentoring/pairings?lang=en",
				mpForm("volunteer_id", itoa(v.ID), "newcomer_id", itoa(n.ID), "length_months", "6")))
		}
		rs := mpRace(t, reqs)
		made, refused := 0, 0
		for _, r := range rs {
			switch r.status {
			case http.StatusSeeOther, http.StatusCreated:
				made++
			case http.StatusConflict:
				refused++
				want := []string{mpLocalizer(t, "en").T(mentoring.ErrCapacity), mpLocalizer(t, "en").T("mentoring.rule.capacity")}
				if viaAPI {
					want = []string{mpLocalizer(t, "sv").T(mentoring.ErrCapacity), mpLocalizer(t, "sv").T("mentoring.rule.capacity")}
				}
				if !strings.Contains(r.body, mpEscaped(want[0])) && !strings.Contains(r.body, mpEscaped(want[1])) &&
					!strings.Contains(r.body, want[0]) && !strings.Contains(r.body, want[1]) {
					t.Errorf("round %d: 409 without the capacity message: %.300s", round, r.body)
				}
			default:
				t.Fatalf("round %d: status %d: %.500s", round, r.status, r.body)
			}
		}
		if made != 1 || refused != tries-1 {
			t.Fatalf("round %d: %d made, %d refused", round, made, refused)
		}
		open := true
		ps, total, err := f.db.FindPairings(context.Background(), mentoring.PairingFilter{VolunteerID: &v.ID, Open: &open, Limit: 50})
		if err != nil || total != 1 || len(ps) != 1 {
			t.Fatalf("round %d: %d open pairings (%v)", round, total, err)
		}
		vv, _ := f.db.FindVolunteerByID(context.Background(), v.ID)
		if vv.Open != 1 || vv.Spare() != 0 {
			t.Errorf("round %d: volunteer open %d spare %d", round, vv.Open, vv.Spare())
		}
	}
}
