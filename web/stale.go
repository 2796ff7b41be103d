package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/notify"
	"broen/registry"
)

// Listings nobody has confirmed for a while are stale (registry.StalePolicy);
// their editors are reminded by email with links to say "still running" or
// "has stopped".

const (
	// remindEvery is how often the editors of a stale listing are reminded.
	remindEvery = 14 * 24 * time.Hour
	// confirmTTL is how long a reminder's links work.
	confirmTTL = 30 * 24 * time.Hour
	// remindBatch is the most listings reminded about in one run.
	remindBatch = 200
)

// StaleReminders is what SendStaleReminders needs beyond the services.
type StaleReminders interface {
	FindActivitiesToRemind(ctx context.Context, now time.Time, every time.Duration, limit int) ([]*registry.Activity, error)
	MarkReminded(ctx context.Context, id int64, now time.Time) error
}

// SendStaleReminders emails the editors of every stale listing not reminded
// lately, each in their own language, and returns how many listings it
// reminded about. cmd runs it every hour.
func (s *Server) SendStaleReminders(ctx context.Context, store StaleReminders) (int, error) {
	base := s.cfg.BaseURL
	if base == "" {
		base = s.cfg.LinkBase
	}
	if base == "" {
		return 0, errors.New("web: stale reminders need BROEN_BASE_URL for their links")
	}
	now := s.Now().UTC()
	due, err := store.FindActivitiesToRemind(ctx, now, remindEvery, remindBatch)
	if err != nil {
		return 0, err
	}
	editor := accounts.RoleEditor
	sent := 0
	var errs []error
	for _, a := range due {
		editors, _, err := s.svc.Users.FindUsers(ctx, accounts.UserFilter{OrganisationID: &a.OrganisationID, Role: &editor, Limit: 100})
		if err != nil {
			return sent, err
		}
		for _, u := range editors {
			if u.Disabled {
				continue
			}
			plain, hash, err := accounts.NewToken()
			if err != nil {
				return sent, err
			}
			t := &accounts.Token{Hash: hash, Purpose: accounts.PurposeConfirmActivity, UserID: u.ID, ObjectID: a.ID,
				CreatedAt: now, ExpiresAt: now.Add(confirmTTL)}
			if err := s.svc.Tokens.CreateToken(ctx, t); err != nil {
				return sent, err
			}
			l := locales.New(s.bundle, u.Locale)
			_, title := a.Title.Pick(u.Locale)
			link := base + "/confirm?token=" + plain
			msg := notify.StaleReminder(l, u.Email, title, link+"&answer=running", link+"&answer=stopped")
			if err := s.svc.Mailer.Send(ctx, msg); err != nil {
				errs = append(errs, fmt.Errorf("reminder for activity %d to user %d: %w", a.ID, u.ID, err))
			}
		}
		if err := store.MarkReminded(ctx, a.ID, now); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

type confirmPage struct {
	basePage
	Token   string
	Answer  string
	Title   textView
	Done    string
	Problem string
}

// confirmForm shows the reminder's question with a button: links in emails
// never change anything by themselves (mail scanners open links).
func (s *Server) confirmForm(c *gin.Context) {
	l := localizer(c)
	p := confirmPage{basePage: s.base(c, l.T("registry.confirm.title")), Token: c.Query("token"), Answer: c.Query("answer")}
	if p.Answer != "stopped" {
		p.Answer = "running"
	}
	t, err := s.svc.Tokens.FindToken(c.Request.Context(), accounts.HashToken(p.Token), accounts.PurposeConfirmActivity)
	if err == nil && !t.UsedAt.IsZero() {
		err = &broen.Error{Code: broen.EINVALID, MessageID: "accounts.token.used"}
	} else if err == nil && !s.Now().Before(t.ExpiresAt) {
		err = &broen.Error{Code: broen.EINVALID, MessageID: "accounts.token.expired"}
	}
	if err != nil {
		s.confirmProblem(c, &p, err)
		return
	}
	a, err := s.svc.Activities.FindActivityByID(c.Request.Context(), t.ObjectID)
	if err != nil {
		s.confirmProblem(c, &p, err)
		return
	}
	p.Title = pickText(l, a.Title)
	s.render(c, http.StatusOK, "confirm", &p)
}

func (s *Server) confirmProblem(c *gin.Context, p *confirmPage, err error) {
	e := broen.AsError(err)
	if e == nil || e.Code == broen.EINTERNAL {
		_ = c.Error(err)
		return
	}
	p.Problem = localizer(c).T(publicError(err).MessageID)
	s.render(c, statusOf(e.Code), "confirm", p)
}

// confirm uses the link once: "running" confirms the listing, "stopped"
// archives it. Either is recorded as the person the email went to.
func (s *Server) confirm(c *gin.Context) {
	ctx := c.Request.Context()
	l := localizer(c)
	p := confirmPage{basePage: s.base(c, l.T("registry.confirm.title")), Token: c.PostForm("token"), Answer: c.PostForm("answer")}
	t, err := s.svc.Tokens.UseToken(ctx, accounts.HashToken(p.Token), accounts.PurposeConfirmActivity, s.Now().UTC())
	if err != nil {
		s.confirmProblem(c, &p, err)
		return
	}
	u, err := s.svc.Users.FindUserByID(ctx, t.UserID)
	if err != nil {
		s.confirmProblem(c, &p, err)
		return
	}
	a, err := s.svc.Activities.FindActivityByID(ctx, t.ObjectID)
	if err != nil {
		s.confirmProblem(c, &p, err)
		return
	}
	if !u.CanEditOrganisation(a.OrganisationID) {
		_ = c.Error(&broen.Error{Code: broen.EFORBIDDEN, MessageID: "error.forbidden"})
		return
	}
	c.Set(ctxUser, u) // the audit records who answered
	if err := s.applyConfirm(c, a, p.Answer == "stopped"); err != nil {
		_ = c.Error(err)
		return
	}
	p.Title = pickText(l, a.Title)
	p.Done = "registry.confirm.running_done"
	if p.Answer == "stopped" {
		p.Done = "registry.confirm.stopped_done"
	}
	s.render(c, http.StatusOK, "confirm", &p)
}

// applyConfirm confirms the listing now, or archives it when it has stopped.
func (s *Server) applyConfirm(c *gin.Context, a *registry.Activity, stopped bool) error {
	upd := registry.ActivityUpdate{}
	action := "activity.confirm"
	if stopped {
		next, err := registry.NextStatus(a.Status, registry.ActionArchive)
		if err != nil {
			return err
		}
		upd.Status, action = &next, "activity.stopped"
	} else {
		now := s.Now().UTC()
		upd.LastConfirmed = &now
	}
	if _, err := s.svc.Activities.UpdateActivity(c.Request.Context(), a.ID, upd); err != nil {
		return err
	}
	s.audit(c, action, "activity", a.ID, "")
	return nil
}

// confirmOwn is the "still running" button on the editor's own list.
func (s *Server) confirmOwn(c *gin.Context) {
	a, ok := s.editableActivity(c)
	if !ok {
		return
	}
	if err := s.applyConfirm(c, a, false); err != nil {
		_ = c.Error(err)
		return
	}
	s.flash(c, "registry.confirm.running_done")
	c.Redirect(http.StatusSeeOther, "/manage")
}
