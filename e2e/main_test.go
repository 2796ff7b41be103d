package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"broen/locales"
)

// chromiumPath is Debian's Chromium, which install-chromium.sh installs.
// BROEN_CHROMIUM points elsewhere (another distribution's path).
const chromiumPath = "/usr/bin/chromium"

// allLocales are the site's five languages.
var allLocales = []string{"nb", "nn", "da", "sv", "en"}

// account is a sign-in printed by "broen demo".
type account struct{ email, password string }

// env is what every test shares: one server with the demo municipality and
// one browser process. Tests isolate themselves with their own browser
// contexts (cookie jars) and their own data.
var env struct {
	skip   string // why the tests are skipped; empty when they run
	root   string // module root
	out    string // screenshots and logs
	base   string // the server, http://127.0.0.1:port
	coord  account
	editor account
	// volunteer is the demo volunteer with an active pairing and a proposal
	// waiting for their answer.
	volunteer account
	log       *logBuffer // the server's stderr (JSON lines)
	browser   context.Context
	bundle    *i18n.Bundle
}

func TestMain(m *testing.M) {
	flag.Parse()
	code, cleanup := setUp()
	if env.out != "" {
		fmt.Printf("e2e: screenshots and logs in %s\n", env.out)
	}
	if code == 0 {
		code = m.Run()
	}
	cleanup()
	if env.out != "" && env.skip == "" {
		fmt.Printf("e2e: screenshots and logs in %s\n", env.out)
	}
	os.Exit(code)
}

// setUp builds and starts the server and the browser. A non-zero code
// means the tests cannot run and must not be reported as passing.
func setUp() (code int, cleanup func()) {
	var undo []func()
	cleanup = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	fail := func(format string, args ...any) (int, func()) {
		fmt.Fprintf(os.Stderr, "e2e: "+format+"\n", args...)
		return 1, cleanup
	}
	if testing.Short() {
		env.skip = "end-to-end tests do not run with -short"
		return 0, cleanup
	}
	chromium := chromiumPath
	if p := os.Getenv("BROEN_CHROMIUM"); p != "" {
		chromium = p
	}
	if _, err := os.Stat(chromium); err != nil {
		msg := fmt.Sprintf("no Chromium at %s: install Debian's package with e2e/install-chromium.sh (as root), or run make test", chromium)
		if os.Getenv("CI") != "" {
			return fail("%s (CI is set: failing instead of skipping)", msg)
		}
		env.skip = msg
		fmt.Println("e2e: skipped:", msg)
		return 0, cleanup
	}

	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return fail("cannot find the module root with go env GOMOD: %v", err)
	}
	env.root = filepath.Dir(strings.TrimSpace(string(gomod)))
	env.out = os.Getenv("BROEN_TEST_OUTPUT")
	if env.out == "" {
		env.out = filepath.Join(env.root, "test-output", "e2e")
	}
	if env.out, err = filepath.Abs(env.out); err != nil {
		return fail("output folder: %v", err)
	}
	if err := os.MkdirAll(env.out, 0o755); err != nil {
		return fail("output folder: %v", err)
	}
	if env.bundle, err = locales.NewBundle(); err != nil {
		return fail("catalogs: %v", err)
	}

	tmp, err := os.MkdirTemp("", "broen-e2e-")
	if err != nil {
		return fail("%v", err)
	}
	undo = append(undo, func() {
		// Chromium's helpers may still write to the profile for a moment
		// after the browser has gone.
		for range 3 {
			os.RemoveAll(tmp)
			time.Sleep(300 * time.Millisecond)
		}
		os.RemoveAll(tmp)
	})
	bin := filepath.Join(tmp, "broen")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "./cmd/broen")
	build.Dir = env.root
	if out, err := build.CombinedOutput(); err != nil {
		return fail("go build: %v\n%s", err, out)
	}
	db := filepath.Join(tmp, "e2e.db")
	if code, err := loadDemo(bin, db); err != nil {
		return fail("broen demo: %v", err)
	} else if code != 0 {
		return code, cleanup
	}
	stop, err := startServer(bin, db)
	if err != nil {
		return fail("broen serve: %v", err)
	}
	undo = append(undo, stop)
	closeBrowser, err := startBrowser(chromium, tmp)
	if err != nil {
		return fail("chromium: %v", err)
	}
	undo = append(undo, closeBrowser)
	return 0, cleanup
}

// childEnv is the environment without BROEN_* settings, so the developer's
// own configuration (an SMTP relay, a base URL) cannot leak into the tests.
func childEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BROEN_") {
			out = append(out, kv)
		}
	}
	return out
}

// demoLogin matches a sign-in line of "broen demo":
// "  koordinator@demo.broen.example   password XXXX   (coordinator)".
var demoLogin = regexp.MustCompile(`(?m)^\s*(\S+@\S+)\s+password\s+(\S+)\s+\((\w+)`)

func loadDemo(bin, db string) (int, error) {
	cmd := exec.Command(bin, "demo", "-db", db)
	cmd.Env = childEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v\n%s", err, out)
	}
	for _, m := range demoLogin.FindAllStringSubmatch(string(out), -1) {
		switch m[3] {
		case "coordinator":
			env.coord = account{m[1], m[2]}
		case "editor":
			env.editor = account{m[1], m[2]}
		case "volunteer":
			env.volunteer = account{m[1], m[2]}
		}
	}
	if env.coord.email == "" || env.editor.email == "" || env.volunteer.email == "" {
		return 0, fmt.Errorf("no demo sign-ins in its output:\n%s", out)
	}
	return 0, nil
}

// startServer runs "broen serve -dev" on a free port; -dev writes emails
// to the log, where the tests read invitation links.
func startServer(bin, db string) (stop func(), err error) {
	logFile, err := os.Create(filepath.Join(env.out, "server.log"))
	if err != nil {
		return nil, err
	}
	env.log = &logBuffer{}
	cmd := exec.Command(bin, "serve", "-db", db, "-addr", "127.0.0.1:0", "-dev")
	cmd.Env = childEnv()
	cmd.Stderr = io.MultiWriter(env.log, logFile)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "running on "); ok {
				found <- strings.Fields(rest)[0]
			}
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop = func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		logFile.Close()
	}
	select {
	case env.base = <-found:
		return stop, nil
	case err := <-exited:
		logFile.Close()
		return nil, fmt.Errorf("exited: %v\n%s", err, env.log.String())
	case <-time.After(30 * time.Second):
		stop()
		return nil, fmt.Errorf("did not start in 30s\n%s", env.log.String())
	}
}

// startBrowser starts one headless Chromium for the whole run, with a
// throw-away profile.
func startBrowser(chromium, tmp string) (func(), error) {
	profile := filepath.Join(tmp, "chromium-profile")
	driverLog, err := os.Create(filepath.Join(env.out, "chromedp.log"))
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(driverLog, time.Now().Format("15:04:05.000 ")+format+"\n", args...)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(driverLog),
	)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(logf), chromedp.WithErrorf(logf))
	if err := chromedp.Run(browserCtx); err != nil {
		cancelBrowser()
		cancelAlloc()
		driverLog.Close()
		return nil, err
	}
	env.browser = browserCtx
	return func() {
		// Close the browser properly, then wait for its process to end.
		ctx, cancel := context.WithTimeout(browserCtx, 10*time.Second)
		defer cancel()
		if err := chromedp.Cancel(ctx); err != nil {
			logf("closing the browser: %v", err)
		}
		cancelBrowser()
		cancelAlloc()
		driverLog.Close()
	}, nil
}

// needEnv skips t when the end-to-end set-up is not there (no Chromium
// outside CI, or -short).
func needEnv(t *testing.T) {
	t.Helper()
	if env.skip != "" {
		t.Skip(env.skip)
	}
}

// logBuffer keeps the server's log for the tests to read.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// email is one message the dev-mode server logged instead of sending.
type email struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// waitEmail returns the last logged email to the address whose body
// matches re, waiting up to ten seconds for it.
func waitEmail(t *testing.T, to string, re *regexp.Regexp) (email, []string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var found *email
		var match []string
		for _, line := range strings.Split(env.log.String(), "\n") {
			if !strings.Contains(line, "email (dev mode, not sent)") {
				continue
			}
			var e email
			if json.Unmarshal([]byte(line), &e) != nil || !strings.EqualFold(strings.Trim(e.To, "<>"), to) {
				continue
			}
			if m := re.FindStringSubmatch(e.Body); m != nil {
				found, match = &e, m
			}
		}
		if found != nil {
			return *found, match
		}
		if time.Now().After(deadline) {
			t.Fatalf("no email to %s matching %s in the server log", to, re)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// getJSON reads an API answer from the server under test.
func getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(env.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// listing is the part of an API list answer the tests read.
type listing struct {
	Items []struct {
		ID             int64             `json:"id"`
		Title          map[string]string `json:"title"`
		Name           string            `json:"name"`
		OrganisationID int64             `json:"organisation_id"`
	} `json:"items"`
	Total int `json:"total"`
}

func firstID(t *testing.T, path string) int64 {
	t.Helper()
	var l listing
	getJSON(t, path, &l)
	if len(l.Items) == 0 {
		t.Fatalf("GET %s: no items", path)
	}
	return l.Items[0].ID
}
