package web

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
	"broen/notify"
)

// The mentoring programme's background work, run by the hourly sweep:
// proposals past their expiry are expired (their places are free at once),
// volunteers who have not answered are reminded once, volunteers are told
// when a check-in is coming up, and coordinators get the weekly digest.

// checkInNotice is how long before a check-in is due the volunteer is told.
const checkInNotice = 3 * 24 * time.Hour

// digestWeekday is the day the weekly digest goes out (from 07:00 local).
const (
	digestWeekday = time.Monday
	digestHour    = 7
	// DigestSettingKey is where the store keeps the ISO week of the last
	// digest sent, so a restart or a second process never sends it twice.
	DigestSettingKey = "digest.last_week"
)

// MentoringSettings is the store's key-value for the sweep's own state.
type MentoringSettings interface {
	MentoringSetting(ctx context.Context, key string) (string, error)
	SetMentoringSetting(ctx context.Context, key, value string) error
}

// SweepReport says what one MentoringSweep did.
type SweepReport struct {
	Expired, Reminded, CheckInsNotified, Digests int
}

// MentoringSweep does the mentoring programme's timed work once. Errors of
// single emails are joined and returned after the rest is done.
func (s *Server) MentoringSweep(ctx context.Context, settings MentoringSettings) (SweepReport, error) {
	var rep SweepReport
	if s.svc.Pairings == nil {
		return rep, nil
	}
	now := s.Now().UTC()
	expired, err := s.svc.Pairings.ExpirePairings(ctx, now)
	if err != nil {
		return rep, err
	}
	rep.Expired = len(expired)
	var errs []error
	n, err := s.sendProposalReminders(ctx, now)
	rep.Reminded = n
	errs = append(errs, err)
	n, err = s.sendCheckInNotices(ctx, now)
	rep.CheckInsNotified = n
	errs = append(errs, err)
	n, err = s.sendDigestIfDue(ctx, settings, now)
	rep.Digests = n
	errs = append(errs, err)
	return rep, errors.Join(errs...)
}

func (s *Server) linkBase() string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	return s.cfg.LinkBase
}

func (s *Server) sendProposalReminders(ctx context.Context, now time.Time) (int, error) {
	due, err := s.svc.Pairings.ProposalsToRemind(ctx, now)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, p := range due {
		v, err := s.svc.Volunteers.FindVolunteerByID(ctx, p.VolunteerID)
		if err != nil {
			return sent, err
		}
		if v.Email != "" {
			l := locales.New(s.bundle, v.Locale)
			msg := notify.ProposalReminder(l, v.Email, v.Name, s.linkBase()+"/me", p.ExpiresAt)
			if err := s.svc.Mailer.Send(ctx, msg); err != nil {
				errs = append(errs, fmt.Errorf("proposal reminder for pairing %d: %w", p.ID, err))
				continue
			}
		}
		if err := s.svc.Pairings.MarkProposalReminded(ctx, p.ID, now); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

func (s *Server) sendCheckInNotices(ctx context.Context, now time.Time) (int, error) {
	// Coming up in the next days only: a check-in already overdue (after
	// downtime, say) is the coordinator's to follow up, not a "soon" email.
	from, by := s.cfg.Mentoring.Today(now), s.cfg.Mentoring.Today(now.Add(checkInNotice))
	no := false
	due, _, err := s.svc.Pairings.FindCheckIns(ctx, mentoring.CheckInFilter{DueFrom: &from, DueBy: &by, Done: &no, Notified: &no,
		ActiveOnly: true, Limit: 500})
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, c := range due {
		v, err := s.svc.Volunteers.FindVolunteerByID(ctx, c.VolunteerID)
		if err != nil {
			return sent, err
		}
		if v.Email != "" {
			l := locales.New(s.bundle, v.Locale)
			if err := s.svc.Mailer.Send(ctx, notify.CheckInDue(l, v.Email, v.Name, c.Point, s.linkBase()+"/me")); err != nil {
				errs = append(errs, fmt.Errorf("check-in notice %d: %w", c.ID, err))
				continue
			}
		}
		if err := s.svc.Pairings.MarkCheckInNotified(ctx, c.ID, now); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// sendDigestIfDue sends the weekly digest to every coordinator once per ISO
// week, from Monday 07:00 in the municipality.
func (s *Server) sendDigestIfDue(ctx context.Context, settings MentoringSettings, now time.Time) (int, error) {
	local := now.In(s.cfg.Mentoring.Location())
	if local.Weekday() != digestWeekday || local.Hour() < digestHour || settings == nil {
		return 0, nil
	}
	y, w := local.ISOWeek()
	week := fmt.Sprintf("%d-W%02d", y, w)
	last, err := settings.MentoringSetting(ctx, DigestSettingKey)
	if err != nil || last == week {
		return 0, err
	}
	n, err := s.SendDigest(ctx, now)
	if n > 0 || err == nil {
		if err2 := settings.SetMentoringSetting(ctx, DigestSettingKey, week); err2 != nil {
			return n, errors.Join(err, err2)
		}
	}
	return n, err
}

// SendDigest emails the weekly digest to every enabled coordinator now, and
// returns how many were sent.
func (s *Server) SendDigest(ctx context.Context, now time.Time) (int, error) {
	role := accounts.RoleCoordinator
	coords, _, err := s.svc.Users.FindUsers(ctx, accounts.UserFilter{Role: &role, Limit: 100})
	if err != nil {
		return 0, err
	}
	d, err := s.digest(ctx, now)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, u := range coords {
		if u.Disabled || u.Email == "" {
			continue
		}
		l := locales.New(s.bundle, u.Locale)
		if err := s.svc.Mailer.Send(ctx, notify.WeeklyDigest(l, u.Email, d)); err != nil {
			errs = append(errs, fmt.Errorf("digest to user %d: %w", u.ID, err))
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// digest gathers the week's figures: the follow-up list (the one definition
// of due and quiet), the waiting lists and the open proposals. Email leaves
// Broen, so a newcomer is named by first name and initial; the link leads
// to the rest.
func (s *Server) digest(ctx context.Context, now time.Time) (notify.Digest, error) {
	pol := s.cfg.Mentoring
	d := notify.Digest{Week: now.In(pol.Location()), Link: s.linkBase() + "/mentoring/follow-up", QuietDays: pol.Quiet()}
	fu, err := s.svc.Pairings.FollowUp(ctx, now)
	if err != nil {
		return d, err
	}
	for _, c := range fu.DueCheckIns {
		d.DueCheckIns = append(d.DueCheckIns, notify.DigestCheckIn{Volunteer: c.VolunteerName, Newcomer: digestName(c.NewcomerName), Point: c.Point, Due: c.Due})
	}
	for _, p := range fu.Quiet {
		d.Quiet = append(d.Quiet, notify.DigestQuiet{Volunteer: p.VolunteerName, Newcomer: digestName(p.NewcomerName), Days: pol.QuietFor(p, now)})
	}
	yes := true
	_, d.WaitingVolunteers, err = s.svc.Volunteers.FindVolunteers(ctx, mentoring.VolunteerFilter{Waiting: &yes, Limit: 1})
	if err != nil {
		return d, err
	}
	longest, total, err := s.svc.Newcomers.FindNewcomers(ctx, mentoring.NewcomerFilter{Waiting: &yes, Sort: "waiting", Limit: 1})
	if err != nil {
		return d, err
	}
	d.WaitingNewcomers = total
	if len(longest) > 0 {
		d.LongestWaitDays = pol.DaysSince(longest[0].WaitingSince, now)
	}
	proposed := mentoring.PairingProposed
	_, d.OpenProposals, err = s.svc.Pairings.FindPairings(ctx, mentoring.PairingFilter{Status: &proposed, Limit: 1})
	return d, err
}

// digestName is how the digest names a newcomer: the first word and the
// initial of the last ("Mohammad K.", "Familien A."), enough for the
// coordinator to know who is meant.
func digestName(name string) string {
	f := strings.Fields(name)
	switch len(f) {
	case 0:
		return ""
	case 1:
		return f[0]
	}
	last, _ := utf8.DecodeRuneInString(f[len(f)-1])
	return f[0] + " " + string(last) + "."
}
