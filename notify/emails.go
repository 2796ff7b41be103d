package notify

import (
	"strings"
	"time"
	_ "time/tzdata" // Zone must load on hosts without a zone database
	"unicode"

	"broen/locales"
)

// Zone is where the times in messages (an invitation's expiry, …) are
// written: Europe/Oslo unless the municipality is elsewhere. Set it once at
// start-up, before any message is built; nil means UTC.
var Zone = mustLoadZone("Europe/Oslo")

func mustLoadZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("notify: " + err.Error())
	}
	return loc
}

// The builders below return a Message in l's language (l may be nil: the
// message IDs then stand in for the texts). Names and titles are put on
// one line; links must be absolute URLs and are put on lines of their own.

// Invitation invites someone to keep orgName's page and activities up to
// date in Broen; with orgName "" it invites a new volunteer coordinator.
// link is the single-use link to choose a password, valid until expires.
// inviterName is the name of the person who invited them.
func Invitation(l *locales.Localizer, to, inviterName, orgName, link string, expires time.Time) Message {
	data := []any{
		"Inviter", oneLine(inviterName),
		"Link", oneLink(link),
		"Expires", when(l, expires),
	}
	if org := oneLine(orgName); org != "" {
		data = append(data, "Organisation", org)
		return compose(l, to, l.T("notify.invitation.subject", data...), l.T("notify.invitation.body", data...))
	}
	return compose(l, to, l.T("notify.coordinator_invitation.subject", data...), l.T("notify.coordinator_invitation.body", data...))
}

// PasswordReset sends the single-use link to choose a new password, valid
// until expires. It tells the reader to ignore it if they did not ask, and
// that their password is unchanged.
func PasswordReset(l *locales.Localizer, to, link string, expires time.Time) Message {
	data := []any{"Link", oneLink(link), "Expires", when(l, expires)}
	return compose(l, to, l.T("notify.reset.subject", data...), l.T("notify.reset.body", data...))
}

// ModerationDecision tells an organisation editor what the coordinator
// decided about a listing (an activity or the organisation's page) titled
// activityOrOrgTitle. approved: it is now public and link is its public
// page. Sent back: reason is the coordinator's explanation (required; it
// may have several lines) and link is where to edit and send it again.
func ModerationDecision(l *locales.Localizer, to, activityOrOrgTitle string, approved bool, reason, link string) Message {
	data := []any{"Title", oneLine(activityOrOrgTitle), "Link", oneLink(link)}
	if approved {
		return compose(l, to, l.T("notify.moderation.approved.subject", data...), l.T("notify.moderation.approved.body", data...))
	}
	data = append(data, "Reason", paragraphs(reason))
	return compose(l, to, l.T("notify.moderation.returned.subject", data...), l.T("notify.moderation.returned.body", data...))
}

// StaleReminder asks an organisation editor whether an activity that has
// not been confirmed for long is still running, with one link for "yes,
// still running" and one for "no, it has stopped". The page behind each
// link must ask for a confirming click (a POST), never change anything on
// GET: mail scanners open links.
func StaleReminder(l *locales.Localizer, to, activityTitle, stillRunningLink, stoppedLink string) Message {
	data := []any{
		"Title", oneLine(activityTitle),
		"StillRunningLink", oneLink(stillRunningLink),
		"StoppedLink", oneLink(stoppedLink),
	}
	return compose(l, to, l.T("notify.stale.subject", data...), l.T("notify.stale.body", data...))
}

// signature separates the body from the footer, as plain-text mail does.
const signature = "\n\n-- \n"

// compose makes the Message from its localized subject and body and adds
// the common footer.
func compose(l *locales.Localizer, to, subject, body string) Message {
	lang := locales.Default
	if l != nil && l.Lang != "" {
		lang = l.Lang
	}
	return Message{
		To:      strings.TrimSpace(to),
		Subject: oneLine(subject),
		Text:    strings.TrimSpace(body) + signature + l.T("notify.footer") + "\n",
		Headers: map[string]string{"Content-Language": lang},
	}
}

// when writes t in Zone in l's language: "tirsdag 24. november kl. 18.00".
func when(l *locales.Localizer, t time.Time) string {
	zone := Zone
	if zone == nil {
		zone = time.UTC
	}
	return l.DateTime(t.In(zone))
}

// oneLine returns s on one line: control characters and line breaks become
// spaces and runs of spaces one.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}), " ")
}

// oneLink returns the URL s without any space or control character, so
// that it stays one clickable line.
func oneLink(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return -1
		}
		return r
	}, s)
}

// paragraphs returns text typed by a person with its lines kept, each
// cleaned as by oneLine, and at most one blank line in a row.
func paragraphs(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(s)
	var out []string
	blank := true // drops leading blank lines
	for line := range strings.SplitSeq(s, "\n") {
		line = oneLine(line)
		if line == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
