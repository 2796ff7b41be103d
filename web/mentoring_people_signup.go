package web

import (
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"broen"
	"broen/mentoring"
)

// The public volunteer sign-up: anyone may offer to be a mentor or a
// network family. They are recorded as pending (WaitingSince = now) and are
// not on the waiting list until the coordinator has talked to them and
// approved them. No account is made here.

// consentVersion names the privacy text the sign-up shows; the audit log
// records it with the language it was read in.
const consentVersion = "volunteer-signup-1"

// Sign-ups per address: 10 an hour, 5 at once. Only a sign-up that would
// be stored counts, so fixing a typo is never refused.
const (
	signupPerHour = 10
	signupBurst   = 5
)

// signupLimiters holds each server's limiter (the Server type is shared;
// this keeps the sign-up's state beside the sign-up).
var signupLimiters sync.Map // *Server → *limiter

func (s *Server) signupLimiter() *limiter {
	if l, ok := signupLimiters.Load(s); ok {
		return l.(*limiter)
	}
	l, _ := signupLimiters.LoadOrStore(s, &limiter{every: rate.Limit(float64(signupPerHour) / 3600), burst: signupBurst,
		buckets: map[string]*bucket{}})
	return l.(*limiter)
}

func (s *Server) renderSignup(c *gin.Context, status int, f volunteerForm, errs map[string]string, problem string) {
	l := localizer(c)
	p := personEditPage{Form: newVolunteerFormView(l, f, errs, false, s.country()), Problem: problem,
		Heading: l.T("mentoring.people.signup.heading"), Action: "/volunteer"}
	p.basePage = s.base(c, p.Heading)
	if err := s.districtOptions(c, &p.Form); err != nil {
		_ = c.Error(err)
		return
	}
	s.render(c, status, "volunteer_signup", &p)
}

func (s *Server) volunteerSignupForm(c *gin.Context) {
	s.renderSignup(c, http.StatusOK, blankVolunteerForm(localizer(c).Lang), nil, "")
}

// volunteerSignup records a pending volunteer from the public form.
func (s *Server) volunteerSignup(c *gin.Context) {
	l := localizer(c)
	if err := c.Request.ParseForm(); err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "validation.invalid", Err: err})
		return
	}
	f := parseVolunteerForm(c.Request.PostForm, false)
	v, fe := f.volunteer(false)
	if !f.Consent {
		fe.Add("consent", "mentoring.people.signup.consent_required")
	}
	v.Status = mentoring.VolunteerPending
	err := s.checkVolunteer(v, fe)
	if err == nil && !s.signupLimiter().allow("ip:"+c.ClientIP(), time.Now()) {
		s.audit(c, "volunteer.signup_throttled", "volunteer", 0, "")
		s.renderSignup(c, http.StatusTooManyRequests, f, nil, l.T("mentoring.people.signup.too_many"))
		return
	}
	if err == nil {
		v.WaitingSince = s.Now().UTC()
		err = s.svc.Volunteers.CreateVolunteer(c.Request.Context(), v)
	}
	if err != nil {
		s.formRefused(c, err, func(status int, errs map[string]string, problem string) {
			s.renderSignup(c, status, f, errs, problem)
		})
		return
	}
	s.audit(c, "volunteer.signup", "volunteer", v.ID, "consent="+consentVersion+" lang="+l.Lang)
	c.Redirect(http.StatusSeeOther, "/volunteer/thanks")
}

type signupThanksPage struct {
	basePage
}

func (s *Server) volunteerSignupThanks(c *gin.Context) {
	l := localizer(c)
	p := signupThanksPage{basePage: s.base(c, l.T("mentoring.people.signup.thanks_title"))}
	s.render(c, http.StatusOK, "volunteer_signup_thanks", &p)
}
