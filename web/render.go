package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen/accounts"
	"broen/locales"
	"broen/registry"
)

//go:embed templates/*.html templates/partials/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// localZone is where the municipality is; times people read are shown in it.
var localZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// templateFuncs are pure helpers with no per-request state; the localizer
// travels in the page data.
var templateFuncs = template.FuncMap{
	"phone": registry.FormatPhone,
	// local shows a stored (UTC) time in the municipality's zone.
	"local": func(t time.Time) time.Time { return t.In(localZone) },
	"add":   func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	},
}

// parseTemplates builds one template set per page: the layout, every
// partial, and the page.
func parseTemplates() (map[string]*template.Template, error) {
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS,
			"templates/layout.html", "templates/partials/*.html", p)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// langLink is one entry of the language switcher.
type langLink struct {
	Code    string
	Name    string
	URL     string
	Current bool
}

// basePage is embedded in every page's data.
type basePage struct {
	Lang      string
	L         *locales.Localizer
	Title     string
	Path      string
	Switcher  []langLink
	RequestID string
	BaseURL   string
	// Canonical is the page's address without the lang parameter.
	Canonical string
	// JSONLD is schema.org data for the page, already marshalled.
	JSONLD template.JS
	// User is the signed-in person, or nil.
	User *accounts.User
	// Flash is a one-time message left by the previous request, localized.
	Flash string
}

func (s *Server) base(c *gin.Context, title string) basePage {
	l := localizer(c)
	if l == nil {
		l = locales.New(s.bundle, s.cfg.DefaultLocale)
	}
	b := basePage{
		Lang: l.Lang, L: l, Title: title, Path: c.Request.URL.Path,
		RequestID: requestID(c), BaseURL: s.cfg.BaseURL, User: currentUser(c),
	}
	if id := s.sessions.PopString(c.Request.Context(), sessFlash); id != "" {
		b.Flash = l.T(id)
	}
	q := c.Request.URL.Query()
	q.Del("lang")
	b.Canonical = s.cfg.BaseURL + c.Request.URL.Path
	if enc := q.Encode(); enc != "" {
		b.Canonical += "?" + enc
	}
	for _, code := range locales.Supported {
		lq := url.Values{}
		for k, v := range q {
			lq[k] = v
		}
		lq.Set("lang", code)
		b.Switcher = append(b.Switcher, langLink{
			Code: code, Name: l.T("web.lang." + code), URL: c.Request.URL.Path + "?" + lq.Encode(), Current: code == l.Lang,
		})
	}
	return b
}

// render executes the page's template into a buffer first, so a template
// error becomes a clean 500 instead of half a page.
func (s *Server) render(c *gin.Context, status int, page string, data any) {
	t, ok := s.pages[page]
	if !ok {
		_ = c.Error(fmt.Errorf("web: no template %q", page))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.log.Error("template", "page", page, "request_id", requestID(c), "error", err.Error())
		if page != "error" {
			_ = c.Error(fmt.Errorf("web: render %s: %w", page, err))
			return
		}
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("Internal error "+requestID(c)))
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

type errorPage struct {
	basePage
	Status    int
	Code      string
	MessageID string
}
