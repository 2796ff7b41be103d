package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/mentoring"
	"broen/notify"
	"broen/registry"
)

// Config is what the server needs to know about its surroundings.
type Config struct {
	// BaseURL is the public address, used for canonical links and JSON-LD;
	// empty means relative links only.
	BaseURL string
	// DefaultLocale is used when nothing else chooses a language.
	DefaultLocale string
	// Dev relaxes nothing that matters for safety; it adds detail to logs.
	Dev bool
	// TrustedProxies are the proxies whose X-Forwarded-For is believed; empty
	// trusts none.
	TrustedProxies []string
	// LinkBase is where links in emails sent outside a request point when
	// BaseURL is empty (development: http://localhost:8080).
	LinkBase string
	// Stale is when a listing counts as stale; the store hides it from the
	// public search by the same policy.
	Stale registry.StalePolicy
	// Mentoring is the pairing programme's policy (expiry, quiet days,
	// check-in points, time zone); the store applies the same one.
	Mentoring mentoring.Policy
	// Country is the municipality's country (NO, DK, SE), for phone numbers
	// written without +; Local its language (nb, da, sv) for the engine.
	Country string
	Local   string
}

// Services are the domain services the pages and API call.
type Services struct {
	Organisations registry.OrganisationService
	Activities    registry.ActivityService
	Catalog       registry.CatalogService
	Moderation    registry.ModerationService
	// Ready reports whether the database is reachable and migrated.
	Ready func(ctx context.Context) error

	Users  accounts.UserService
	Tokens accounts.TokenService
	Audit  accounts.AuditService
	// APITokens authenticates integrations on the JSON API.
	APITokens accounts.APITokenService
	// Sessions stores server-side sessions; nil keeps them in memory (tests).
	Sessions scs.Store
	// Mailer sends the emails (invitations, password resets, decisions).
	Mailer notify.Mailer
	// Mentoring: volunteers, newcomers and their pairings.
	Volunteers mentoring.VolunteerService
	Newcomers  mentoring.NewcomerService
	Pairings   mentoring.PairingService
	// PoolStats reports the database connection pools by name ("write",
	// "read") for /metrics; nil leaves them out.
	PoolStats func() map[string]PoolStats
}

// Server is Broen's HTTP server.
type Server struct {
	cfg    Config
	svc    Services
	bundle *i18n.Bundle
	log    *slog.Logger
	engine *gin.Engine
	// handler is the engine behind session loading and cross-origin
	// protection: what ServeHTTP serves.
	handler  http.Handler
	sessions *scs.SessionManager
	pages    map[string]*template.Template
	metrics  *metrics
	// Sign-in attempts: per address and per account.
	loginIP      *limiter
	loginAccount *limiter
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// NewServer builds the server and its routes.
func NewServer(cfg Config, svc Services, bundle *i18n.Bundle, logger *slog.Logger) (*Server, error) {
	if cfg.DefaultLocale == "" {
		cfg.DefaultLocale = locales.Default
	}
	if _, ok := locales.Normalize(cfg.DefaultLocale); !ok {
		return nil, fmt.Errorf("web: unsupported default locale %q", cfg.DefaultLocale)
	}
	if logger == nil {
		logger = slog.Default()
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	// gin's own debug output (every route at start) is noise next to the
	// structured log; -dev turns on debug logging there instead.
	gin.SetMode(gin.ReleaseMode)
	s := &Server{cfg: cfg, svc: svc, bundle: bundle, log: logger, pages: pages, Now: time.Now,
		loginIP: newLimiter(30, 10), loginAccount: newLimiter(5, 5),
		metrics: newMetrics(svc.PoolStats)}
	s.sessions = scs.New()
	if svc.Sessions != nil {
		s.sessions.Store = svc.Sessions
	}
	s.sessions.HashTokenInStore = true
	s.sessions.Lifetime = 12 * time.Hour
	s.sessions.IdleTimeout = 2 * time.Hour
	s.sessions.Cookie.Name = "broen_session"
	s.sessions.Cookie.HttpOnly = true
	s.sessions.Cookie.SameSite = http.SameSiteLaxMode
	s.sessions.Cookie.Secure = strings.HasPrefix(cfg.BaseURL, "https://")
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		logger.Error("session", "path", r.URL.Path, "error", err.Error())
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}
	e := gin.New()
	e.HandleMethodNotAllowed = true
	if err := e.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		return nil, fmt.Errorf("web: trusted proxies: %w", err)
	}
	s.engine = e
	s.routes()
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	s.handler = cop.Handler(s.sessions.LoadAndSave(e))
	return s, nil
}

// ServeHTTP makes the server an http.Handler. The liveness probe skips
// everything; the rest passes cross-origin protection (a state-changing
// request from another site is refused) and session loading.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/livez" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok"))
		return
	}
	if r.Body != nil {
		// No page or API call needs more; the API's own limit is lower.
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	}
	s.handler.ServeHTTP(w, r)
}

// maxBodyBytes bounds every request body.
const maxBodyBytes = 2 << 20

// crossOriginDenied answers a cross-site form post or API write: 403 in the
// reader's language, as JSON under /api.
func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	lang := locales.Match(r.Header.Get("Accept-Language"))
	if lang == "" {
		lang = s.cfg.DefaultLocale
	}
	msg := locales.New(s.bundle, lang).T("error.cross_origin")
	s.log.Warn("cross-origin request refused", "path", r.URL.Path, "origin", r.Header.Get("Origin"))
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		_ = json.NewEncoder(w).Encode(gin.H{"error": apiError{Code: broen.EFORBIDDEN, Message: msg}})
		return
	}
	http.Error(w, msg, http.StatusForbidden)
}

const (
	ctxLocalizer = "broen.localizer"
	ctxRequestID = "broen.request_id"
	langCookie   = "broen_lang"
)

// requestContext gives every request an ID (echoed in X-Request-ID, every
// log line and error pages), logs it when done and recovers panics into the
// localized 500 page.
func (s *Server) requestContext(c *gin.Context) {
	start := time.Now()
	id := newRequestID()
	c.Set(ctxRequestID, id)
	c.Header("X-Request-ID", id)
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "request_id", id, "panic", fmt.Sprint(p), "path", c.Request.URL.Path)
			c.Errors = c.Errors[:0]
			_ = c.Error(fmt.Errorf("panic: %v", p))
			s.renderErrors(c)
		}
		level := slog.LevelInfo
		if c.Writer.Status() >= 500 {
			level = slog.LevelError
		}
		s.log.Log(c.Request.Context(), level, "request", "request_id", id, "method", c.Request.Method,
			"path", c.Request.URL.Path, "status", c.Writer.Status(), "duration_ms",
			float64(time.Since(start).Microseconds())/1000, "ip", c.ClientIP())
	}()
	c.Next()
	s.renderErrors(c)
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func requestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// securityHeaders sets the headers every response carries: a strict CSP
// (no inline script, nothing from other origins), no sniffing, no framing.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
	c.Next()
}

// chooseLocale picks the reader's language once per request: ?lang=, then
// the cookie, then Accept-Language, then the default. A valid ?lang= is
// remembered in a cookie.
func (s *Server) chooseLocale(c *gin.Context) {
	lang := ""
	if q, ok := c.GetQuery("lang"); ok {
		if l, ok := locales.Normalize(q); ok {
			lang = l
			c.SetSameSite(http.SameSiteLaxMode)
			secure := c.Request.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
			c.SetCookie(langCookie, l, 365*24*3600, "/", "", secure, true)
		}
	}
	if lang == "" {
		if v, err := c.Cookie(langCookie); err == nil {
			if l, ok := locales.Normalize(v); ok {
				lang = l
			}
		}
	}
	if u := currentUser(c); lang == "" && u != nil {
		lang, _ = locales.Normalize(u.Locale)
	}
	if lang == "" {
		lang = locales.Match(c.GetHeader("Accept-Language"))
	}
	if lang == "" {
		lang, _ = locales.Normalize(s.cfg.DefaultLocale)
	}
	c.Set(ctxLocalizer, locales.New(s.bundle, lang))
	c.Header("Content-Language", lang)
	c.Header("Vary", "Accept-Language, Cookie")
	c.Next()
}

func localizer(c *gin.Context) *locales.Localizer {
	if l, ok := c.Get(ctxLocalizer); ok {
		return l.(*locales.Localizer)
	}
	return nil
}

func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// renderErrors renders the last recorded error, as JSON under /api and as a
// localized page elsewhere, unless a response was already written.
func (s *Server) renderErrors(c *gin.Context) {
	if len(c.Errors) == 0 || c.Writer.Written() {
		return
	}
	err := c.Errors.Last().Err
	if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		// The client went away (a phone lost its connection): nobody reads
		// an answer, and it is not the server's failure. 499 as nginx logs it.
		c.Status(statusClientClosed)
		s.log.Info("client closed the request", "request_id", requestID(c), "path", c.Request.URL.Path)
		return
	}
	pe := publicError(err)
	status := statusOf(pe.Code)
	if status >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "path", c.Request.URL.Path, "error", err.Error())
	}
	l := localizer(c)
	if l == nil {
		l = locales.New(s.bundle, s.cfg.DefaultLocale)
	}
	if isAPI(c) {
		c.JSON(status, apiErrorBody(l, pe, requestID(c)))
		return
	}
	page := errorPage{basePage: s.base(c, l.T(pe.MessageID)), Status: status, Code: pe.Code, MessageID: pe.MessageID}
	s.render(c, status, "error", &page)
}

// statusClientClosed is logged for requests the client abandoned.
const statusClientClosed = 499

type apiError struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id"`
}

func apiErrorBody(l *locales.Localizer, e *broen.Error, reqID string) gin.H {
	out := apiError{Code: e.Code, Message: l.T(e.MessageID), RequestID: reqID}
	if len(e.Fields) > 0 {
		out.Fields = make(map[string]string, len(e.Fields))
		for f, id := range e.Fields {
			out.Fields[f] = l.T(id)
		}
	}
	return gin.H{"error": out}
}
