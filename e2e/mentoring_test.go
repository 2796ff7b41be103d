package e2e

import (
	"strings"
	"testing"

	"broen/locales"
)

// TestVolunteerAcceptsAndContactsAreShared walks a pairing through the
// lifecycle in the browser: the demo volunteer, on a 360×740 phone in
// Swedish, sees a proposal without the newcomer's contact details and says
// yes; the coordinator records the newcomer's yes; the pairing is active and
// only now does the volunteer see how to reach the newcomer; they log a
// meeting, and the coordinator sees it in the pairing's contact log.
func TestVolunteerAcceptsAndContactsAreShared(t *testing.T) {
	needEnv(t)
	sv := locales.New(env.bundle, "sv")

	vol := newTab(t, phone, true)
	vol.login(env.volunteer)
	if got := vol.path(); got != "/me" {
		vol.errorf("a volunteer lands on %s after signing in, want /me", got)
	}
	vol.open("/me?lang=sv")
	if got, want := vol.text("h1"), sv.T("mentoring.me.title"); got != want {
		vol.fatalf("heading %q, want %q", got, want)
	}
	card := vol.attr(`article[id^="proposal-"]`, "id")
	if card == "" {
		vol.fatalf("the demo volunteer has no proposal waiting for an answer:\n%s", vol.text("main"))
	}
	id := strings.TrimPrefix(card, "proposal-")
	sel := "#" + card
	if n := vol.count(sel + ` a[href^="tel:"], ` + sel + ` a[href^="mailto:"]`); n != 0 {
		vol.errorf("the proposal shows %d contact links before both have said yes", n)
	}
	vol.noOverflow()
	vol.snap("volunteer-proposal-sv")
	vol.check(sel + ` input[name=answer][value=yes]`)
	vol.click(sel + ` button[type=submit]`)
	vol.snap("volunteer-said-yes-sv")

	co := newTab(t, desktop, true)
	co.login(env.coord)
	co.open("/mentoring/pairings/" + id + "?lang=nb")
	if co.count("#form-answer-newcomer") > 0 {
		co.check("#ans-newcomer-yes")
		co.click(`#form-answer-newcomer button[type=submit]`)
	}
	co.open("/mentoring/pairings/" + id)
	nb := locales.New(env.bundle, "nb")
	if !strings.Contains(co.text("main"), nb.T("mentoring.pairing_status.active")) {
		co.fatalf("the pairing is not active after both said yes:\n%s", co.text("main"))
	}
	co.snap("coordinator-pairing-active")

	vol.open("/me")
	pairing := "#pairing-" + id
	if vol.count(pairing) == 0 {
		vol.fatalf("the active pairing is not on the volunteer's page:\n%s", vol.text("main"))
	}
	if n := vol.count(pairing + ` a[href^="tel:"], ` + pairing + ` a[href^="mailto:"]`); n == 0 {
		vol.errorf("no contact details for the newcomer after both said yes")
	}
	vol.set("#ct-"+id+"-kind", "meeting")
	vol.set("#ct-"+id+"-outcome", "went_well")
	vol.click(pairing + ` form[action$="/contacts"] button[type=submit]`)
	vol.open("/me")
	if got := vol.text(pairing); !strings.Contains(got, sv.T("mentoring.contact_kind.meeting")) {
		vol.errorf("the logged meeting is not in the contact log:\n%s", got)
	}
	vol.noOverflow()
	vol.snap("volunteer-contact-logged-sv")

	co.open("/mentoring/pairings/" + id)
	if got := co.text("main"); !strings.Contains(got, nb.T("mentoring.contact_outcome.went_well")) {
		co.errorf("the coordinator does not see the volunteer's contact:\n%s", got)
	}
}
