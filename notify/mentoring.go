package notify

import (
	"strings"
	"time"

	"broen/locales"
)

// Emails of the mentoring programme. Volunteers get them in their own
// language; none of them names the newcomer or says anything about them
// beyond what the volunteer's page shows, so a forwarded or misdelivered
// email gives nothing away. Links go to the volunteer's page, where they
// sign in.

// VolunteerInvitation invites a volunteer the coordinator has talked to to
// make their account: link is the single-use link to choose a password,
// valid until expires.
func VolunteerInvitation(l *locales.Localizer, to, name, coordinatorName, link string, expires time.Time) Message {
	data := []any{"Name", oneLine(name), "Inviter", oneLine(coordinatorName), "Link", oneLink(link), "Expires", when(l, expires)}
	return compose(l, to, l.T("notify.mentoring.invitation.subject", data...), l.T("notify.mentoring.invitation.body", data...))
}

// PairingProposed tells a volunteer that the coordinator proposes them a
// newcomer; they answer on their page (link) before expires.
func PairingProposed(l *locales.Localizer, to, name, link string, expires time.Time) Message {
	data := []any{"Name", oneLine(name), "Link", oneLink(link), "Expires", when(l, expires)}
	return compose(l, to, l.T("notify.mentoring.proposed.subject", data...), l.T("notify.mentoring.proposed.body", data...))
}

// ProposalReminder reminds a volunteer of a proposal they have not answered.
func ProposalReminder(l *locales.Localizer, to, name, link string, expires time.Time) Message {
	data := []any{"Name", oneLine(name), "Link", oneLink(link), "Expires", when(l, expires)}
	return compose(l, to, l.T("notify.mentoring.reminder.subject", data...), l.T("notify.mentoring.reminder.body", data...))
}

// PairingStarted tells a volunteer that both have said yes: the newcomer's
// contact details are now on their page.
func PairingStarted(l *locales.Localizer, to, name, link string) Message {
	data := []any{"Name", oneLine(name), "Link", oneLink(link)}
	return compose(l, to, l.T("notify.mentoring.started.subject", data...), l.T("notify.mentoring.started.body", data...))
}

// CheckInDue tells a volunteer that the coordinator's check-in at point
// ("2w", "1m", "3m", "6m") is due, and asks them to log their latest
// contacts before it.
func CheckInDue(l *locales.Localizer, to, name, point, link string) Message {
	data := []any{"Name", oneLine(name), "Point", CheckInPointName(l, point), "Link", oneLink(link)}
	return compose(l, to, l.T("notify.mentoring.checkin.subject", data...), l.T("notify.mentoring.checkin.body", data...))
}

// CheckInPointName is a check-in point in words: "2w" → "2 uker",
// "3m" → "3 måneder".
func CheckInPointName(l *locales.Localizer, point string) string {
	if len(point) < 2 {
		return point
	}
	n := 0
	for _, r := range point[:len(point)-1] {
		if r < '0' || r > '9' {
			return point
		}
		n = n*10 + int(r-'0')
	}
	switch point[len(point)-1] {
	case 'w':
		return l.N("mentoring.weeks", n)
	case 'm':
		return l.N("mentoring.months", n)
	}
	return point
}

// Digest is the coordinator's weekly summary.
type Digest struct {
	// Week is the day the digest is for; its ISO week is in the subject.
	Week              time.Time
	WaitingVolunteers int
	WaitingNewcomers  int
	// LongestWaitDays is how long the newcomer who has waited longest has
	// waited, in days (0 if nobody waits).
	LongestWaitDays int
	OpenProposals   int
	DueCheckIns     []DigestCheckIn
	Quiet           []DigestQuiet
	// QuietDays is the programme's definition of quiet (no contact for N
	// days).
	QuietDays int
	// Link is the follow-up page.
	Link string
}

// DigestCheckIn is a due check-in.
type DigestCheckIn struct {
	Volunteer, Newcomer string
	Point               string // "2w", "1m"
	Due                 time.Time
}

// DigestQuiet is a quiet pairing.
type DigestQuiet struct {
	Volunteer, Newcomer string
	Days                int // without contact
}

// WeeklyDigest is the coordinator's weekly email: the waiting lists, the
// check-ins due and the quiet pairings, by the same definitions as the
// follow-up page.
func WeeklyDigest(l *locales.Localizer, to string, d Digest) Message {
	var b strings.Builder
	b.WriteString(l.T("notify.mentoring.digest.intro", "Week", l.ISOWeek(d.Week)))
	b.WriteString("\n\n")
	b.WriteString(l.N("notify.mentoring.digest.waiting_newcomers", d.WaitingNewcomers))
	if d.WaitingNewcomers > 0 {
		b.WriteString(" " + l.N("notify.mentoring.digest.longest_wait", d.LongestWaitDays))
	}
	b.WriteString("\n")
	b.WriteString(l.N("notify.mentoring.digest.waiting_volunteers", d.WaitingVolunteers) + "\n")
	b.WriteString(l.N("notify.mentoring.digest.open_proposals", d.OpenProposals) + "\n\n")

	b.WriteString(l.N("notify.mentoring.digest.checkins", len(d.DueCheckIns)) + "\n")
	for _, c := range d.DueCheckIns {
		b.WriteString("- " + l.T("notify.mentoring.digest.checkin_line",
			"Volunteer", oneLine(c.Volunteer), "Newcomer", oneLine(c.Newcomer),
			"Point", CheckInPointName(l, c.Point), "Due", l.Date(c.Due)) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(l.N("notify.mentoring.digest.quiet", len(d.Quiet), "Days", d.QuietDays) + "\n")
	for _, q := range d.Quiet {
		b.WriteString("- " + l.N("notify.mentoring.digest.quiet_line", q.Days,
			"Volunteer", oneLine(q.Volunteer), "Newcomer", oneLine(q.Newcomer)) + "\n")
	}
	b.WriteString("\n" + l.T("notify.mentoring.digest.link") + "\n" + oneLink(d.Link))
	subject := l.T("notify.mentoring.digest.subject", "Week", l.ISOWeek(d.Week),
		"CheckIns", len(d.DueCheckIns), "Quiet", len(d.Quiet))
	return compose(l, to, subject, b.String())
}
