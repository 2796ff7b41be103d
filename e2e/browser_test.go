package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// tab is one browser tab in a browser context of its own (its own cookies),
// with the test's screenshot folder.
type tab struct {
	t    *testing.T
	ctx  context.Context
	shot *shots

	mu       sync.Mutex
	watch    bool     // collect console errors
	problems []string // console errors and uncaught exceptions
}

// screen sizes.
var (
	phone   = viewport{360, 740, true}
	desktop = viewport{1280, 900, false}
)

type viewport struct {
	w, h   int64
	mobile bool
}

// newTab opens a tab in a fresh browser context. With watch, every console
// error and uncaught exception (a Content-Security-Policy violation, a
// script error) fails the test at its end.
func newTab(t *testing.T, vp viewport, watch bool) *tab {
	t.Helper()
	needEnv(t)
	ctx, cancel := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first Run creates the tab, whose life is that of the context
	// given to it: never one with a time limit.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("new tab: %v", err)
	}
	p := &tab{t: t, ctx: ctx, shot: shotsFor(t), watch: watch}
	chromedp.ListenTarget(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Error()
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level != cdplog.LevelError || ev.Entry.Source == cdplog.SourceNetwork {
				return
			}
			msg = fmt.Sprintf("console %s error: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		default:
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.watch {
			p.problems = append(p.problems, msg)
		}
	})
	opts := []chromedp.EmulateViewportOption{}
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	}
	p.run(cdplog.Enable(), chromedp.EmulateViewport(vp.w, vp.h, opts...))
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, m := range p.problems {
			t.Errorf("browser: %s", m)
		}
	})
	return p
}

// takeProblems returns the console errors so far and forgets them.
func (p *tab) takeProblems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.problems
	p.problems = nil
	return out
}

// TestBrowserReportsPageErrors makes sure a tab that watches the console
// notices what it is meant to: an inline script and an inline style that
// the Content-Security-Policy blocks, and an uncaught exception.
func TestBrowserReportsPageErrors(t *testing.T) {
	needEnv(t)
	p := newTab(t, desktop, true)
	p.open("/?lang=nb")
	p.eval(`(() => {
		const s = document.createElement('script'); s.textContent = 'window.__e2eInline = 1'; document.body.append(s);
		const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.append(d);
		setTimeout(() => { throw new Error('e2e: thrown on purpose') }, 0);
		return true })()`, nil)
	var got []string
	for deadline := time.Now().Add(5 * time.Second); len(got) < 3 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		p.mu.Lock()
		got = slices.Clone(p.problems)
		p.mu.Unlock()
	}
	got = p.takeProblems()
	all := strings.Join(got, "\n")
	for _, want := range []string{"script-src", "style-src", "thrown on purpose"} {
		if !strings.Contains(all, want) {
			t.Errorf("the console watch missed %q; it saw:\n%s", want, all)
		}
	}
}

// run runs actions with a time limit; a failure saves a screenshot and
// ends the test.
func (p *tab) run(actions ...chromedp.Action) {
	p.t.Helper()
	if err := p.try(30*time.Second, actions...); err != nil {
		p.fatalf("%v", err)
	}
}

func (p *tab) try(limit time.Duration, actions ...chromedp.Action) error {
	ctx, cancel := context.WithTimeout(p.ctx, limit)
	defer cancel()
	return chromedp.Run(ctx, actions...)
}

// fatalf ends the test with a screenshot of the page as it is.
func (p *tab) fatalf(format string, args ...any) {
	p.t.Helper()
	name := p.shot.save(p, "FAILED")
	p.t.Fatalf(format+"\n(page %s, screenshot %s)", append(args, p.url(), name)...)
}

func (p *tab) errorf(format string, args ...any) {
	p.t.Helper()
	p.t.Errorf(format+" (page %s)", append(args, p.url())...)
}

// open loads a path of the server and waits for the page.
func (p *tab) open(path string) {
	p.t.Helper()
	p.run(chromedp.Navigate(env.base+path), chromedp.WaitReady("body", chromedp.ByQuery))
}

// withLang adds lang= to a path.
func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

// url is the address of the page (for messages; never fails).
func (p *tab) url() string {
	var u string
	if p.try(5*time.Second, chromedp.Location(&u)) != nil {
		return "?"
	}
	return u
}

// path is the path and query of the page.
func (p *tab) path() string {
	p.t.Helper()
	var u string
	p.run(chromedp.Location(&u))
	pu, err := url.Parse(u)
	if err != nil {
		p.fatalf("location %q: %v", u, err)
	}
	return pu.RequestURI()
}

// follow runs actions that make the browser load a new page (a click on a
// link or a submit button) and waits until the new page has loaded.
func (p *tab) follow(actions ...chromedp.Action) {
	p.t.Helper()
	p.run(chromedp.Evaluate(`window.__e2eOld = true`, nil))
	p.run(actions...)
	p.waitFor(`!window.__e2eOld && document.readyState === 'complete'`, 20*time.Second)
}

// click clicks the element and waits for the page it leads to.
func (p *tab) click(sel string) {
	p.t.Helper()
	p.follow(chromedp.Click(sel, chromedp.ByQuery))
}

// waitFor waits until a JavaScript expression is true; it survives page
// loads in between.
func (p *tab) waitFor(expr string, limit time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var ok bool
		if err := p.try(5*time.Second, chromedp.Evaluate(expr, &ok)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.fatalf("waited %s for %s", limit, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// eval evaluates JavaScript in the page into res.
func (p *tab) eval(js string, res any) {
	p.t.Helper()
	p.run(chromedp.Evaluate(js, res))
}

// text is the visible text of the first element matching sel, trimmed.
func (p *tab) text(sel string) string {
	p.t.Helper()
	var s string
	p.run(chromedp.Text(sel, &s, chromedp.ByQuery, chromedp.NodeReady))
	return strings.TrimSpace(s)
}

// texts are the visible texts of every element matching sel.
func (p *tab) texts(sel string) []string {
	p.t.Helper()
	var out []string
	p.eval(fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.innerText.trim())`, sel), &out)
	return out
}

// count is the number of elements matching sel.
func (p *tab) count(sel string) int {
	p.t.Helper()
	var n int
	p.eval(fmt.Sprintf(`document.querySelectorAll(%q).length`, sel), &n)
	return n
}

// attr is an attribute of the first element matching sel ("" if none).
func (p *tab) attr(sel, name string) string {
	p.t.Helper()
	var s string
	p.eval(fmt.Sprintf(`(document.querySelector(%q)?.getAttribute(%q)) ?? ""`, sel, name), &s)
	return s
}

// lang is the page's language.
func (p *tab) lang() string {
	p.t.Helper()
	return p.attr("html", "lang")
}

// typeInto types text into a field as a person would, key by key.
func (p *tab) typeInto(sel, text string) {
	p.t.Helper()
	p.run(chromedp.Click(sel, chromedp.ByQuery), chromedp.SendKeys(sel, text, chromedp.ByQuery))
}

// set gives a field a value directly (long texts, dates, times, selects)
// and fires the events a person's input would.
func (p *tab) set(sel, value string) {
	p.t.Helper()
	p.run(chromedp.SetValue(sel, value, chromedp.ByQuery))
	p.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%q);
		e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, sel), nil)
}

// check ticks a checkbox or chooses a radio button by clicking it.
func (p *tab) check(sel string) {
	p.t.Helper()
	var checked bool
	p.eval(fmt.Sprintf(`document.querySelector(%q).checked`, sel), &checked)
	if !checked {
		p.run(chromedp.Click(sel, chromedp.ByQuery))
	}
}

// login signs in through the sign-in form and checks that it worked.
func (p *tab) login(a account) {
	p.t.Helper()
	p.open("/login")
	p.typeInto("#f-email", a.email)
	p.typeInto("#f-password", a.password)
	p.click(`form[action="/login"] button[type=submit]`)
	if path := p.path(); strings.HasPrefix(path, "/login") {
		p.fatalf("sign-in as %s failed: %s", a.email, p.text("main"))
	}
}

// noOverflow checks that the page does not scroll sideways (a phone
// layout that fits).
func (p *tab) noOverflow() {
	p.t.Helper()
	var sizes []int
	p.eval(`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`, &sizes)
	if len(sizes) == 2 && sizes[0] > sizes[1] {
		p.errorf("the page is %dpx wide on a %dpx screen", sizes[0], sizes[1])
	}
}

// shots numbers and saves a test's screenshots in a folder of its own.
type shots struct {
	mu  sync.Mutex
	dir string
	n   int
}

var (
	shotsMu  sync.Mutex
	shotsMap = map[string]*shots{}
)

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// shotsFor is the screenshot folder of t, emptied the first time.
func shotsFor(t *testing.T) *shots {
	shotsMu.Lock()
	defer shotsMu.Unlock()
	if s, ok := shotsMap[t.Name()]; ok {
		return s
	}
	dir := filepath.Join(env.out, unsafeName.ReplaceAllString(t.Name(), "_"))
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := &shots{dir: dir}
	shotsMap[t.Name()] = s
	return s
}

// save writes a PNG of the page from the top (at most maxShot CSS pixels
// of it) and returns its path ("" if it could not be taken).
func (s *shots) save(p *tab, name string) string {
	return s.saveFrom(p, name, "")
}

// maxShot is the tallest screenshot, in CSS pixels: a whole search result
// list on a phone would be metres long.
const maxShot = 2400

// saveFrom is save starting at the element sel ("" for the top).
func (s *shots) saveFrom(p *tab, name, sel string) string {
	s.mu.Lock()
	s.n++
	file := filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, unsafeName.ReplaceAllString(name, "_")))
	s.mu.Unlock()
	var box []float64 // top, width, height of the document
	js := fmt.Sprintf(`(() => { const e = %q && document.querySelector(%q);
		const top = e ? Math.max(0, e.getBoundingClientRect().top + window.scrollY - 16) : 0;
		const d = document.documentElement;
		return [top, d.scrollWidth, Math.max(d.scrollHeight, document.body.scrollHeight)] })()`, sel, sel)
	var png []byte
	err := p.try(20*time.Second, chromedp.Evaluate(js, &box), chromedp.ActionFunc(func(ctx context.Context) error {
		h := min(box[2]-box[0], maxShot)
		var err error
		png, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatPng).
			WithCaptureBeyondViewport(true).WithFromSurface(true).
			WithClip(&page.Viewport{X: 0, Y: box[0], Width: box[1], Height: h, Scale: 1}).Do(ctx)
		return err
	}))
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	return file
}

// snap saves a screenshot of a step, from the top of the page.
func (p *tab) snap(name string) { p.t.Helper(); p.snapAt(name, "") }

// snapAt saves a screenshot of a step from the element sel down.
func (p *tab) snapAt(name, sel string) {
	p.t.Helper()
	if file := p.shot.saveFrom(p, name, sel); file != "" {
		p.t.Logf("screenshot %s", file)
	}
}
