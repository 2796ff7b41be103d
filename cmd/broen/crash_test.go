package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"broen/accounts"
	"broen/registry"
	"broen/sqlite"
)

// buildBinary builds bin/broen once for the process tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "broen")
	out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// prepareDB makes a database with one organisation and an API key for a
// coordinator, and returns the key and the organisation's id.
func prepareDB(t *testing.T, path string) (string, int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	org := &registry.Organisation{Name: "Drammen IF", Kind: registry.OrgSports, Country: "NO", Status: registry.StatusApproved}
	if err := db.CreateOrganisation(ctx, org); err != nil {
		t.Fatal(err)
	}
	u := &accounts.User{Email: "k@drammen.example", Name: "K", Role: accounts.RoleCoordinator, Locale: "nb"}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	plain, hash, err := accounts.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAPIToken(ctx, &accounts.APIToken{Name: "crash test", Hash: hash, UserID: u.ID,
		Scopes: []accounts.Scope{accounts.ScopeWriteRegistry}}); err != nil {
		t.Fatal(err)
	}
	return plain, org.ID
}

// server is one run of "broen serve" in its own process.
type server struct {
	cmd  *exec.Cmd
	base string
	out  *bytes.Buffer
}

func startServer(t *testing.T, bin, db string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-db", db, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "BROEN_DEV=false")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, out: &bytes.Buffer{}}
	cmd.Stderr = s.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	deadline := time.After(20 * time.Second)
	found := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "running on "); ok {
				found <- strings.Fields(rest)[0]
			}
		}
	}()
	select {
	case s.base = <-found:
	case <-deadline:
		_ = cmd.Process.Kill()
		t.Fatalf("server did not start:\n%s", s.out)
	}
	return s
}

func activityJSON(orgID int64, n int) []byte {
	a := registry.Activity{OrganisationID: orgID, Title: registry.Text{"nb": fmt.Sprintf("Trening %d", n)},
		Category: registry.CategorySport, Languages: []string{"nb"}, Cost: registry.Cost{Kind: registry.CostFree},
		Location: registry.Location{Name: "Hallen", Address: "Idrettsveien 1", Postcode: "3040", City: "Drammen",
			District: "Fjell", Country: "NO"},
		Schedules: []registry.Schedule{{Kind: registry.ScheduleRecurring, Zone: "Europe/Oslo", RRule: "FREQ=WEEKLY;BYDAY=TU",
			StartDate: "2026-08-18", StartTime: "18:00", EndTime: "19:30"}}}
	b, _ := json.Marshal(a)
	return b
}

// TestCrashKeepsAcknowledgedWrites kills the server with SIGKILL in the
// middle of a write load, 20 times in a row: after every restart the
// database passes integrity_check and holds every write the server had
// acknowledged.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "crash.db")
	token, orgID := prepareDB(t, dbPath)
	var acked []int64
	n := 0
	for round := range 20 {
		srv := startServer(t, bin, dbPath)
		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := &http.Client{Timeout: 5 * time.Second}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					mu.Lock()
					n++
					body := activityJSON(orgID, n*10+w)
					mu.Unlock()
					req, _ := http.NewRequest(http.MethodPost, srv.base+"/api/v1/activities", bytes.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+token)
					req.Header.Set("Content-Type", "application/json")
					resp, err := client.Do(req)
					if err != nil {
						continue // the server is gone
					}
					var created struct{ ID int64 }
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusCreated && json.Unmarshal(b, &created) == nil && created.ID > 0 {
						mu.Lock()
						acked = append(acked, created.ID)
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(150+rand.IntN(250)) * time.Millisecond)
		if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = srv.cmd.Wait()
		close(stop)
		wg.Wait()

		ctx := context.Background()
		db, err := sqlite.Open(dbPath)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		missing := 0
		for _, id := range acked {
			if _, err := db.FindActivityByID(ctx, id); err != nil {
				missing++
			}
		}
		db.Close()
		if missing > 0 {
			t.Fatalf("round %d: %d of %d acknowledged writes lost", round, missing, len(acked))
		}
	}
	if len(acked) < 20 {
		t.Fatalf("only %d writes acknowledged in 20 rounds: the load did not run", len(acked))
	}
	t.Logf("20 kills, %d acknowledged writes, all present", len(acked))
}

// TestGracefulShutdown: SIGTERM lets a request in flight finish.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "stop.db")
	token, orgID := prepareDB(t, dbPath)
	srv := startServer(t, bin, dbPath)
	// A slow client: the request body arrives after SIGTERM.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, srv.base+"/api/v1/activities", pr)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	done := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- nil
			return
		}
		done <- resp
	}()
	body := activityJSON(orgID, 1)
	_, _ = pw.Write(body[:10])
	time.Sleep(200 * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	_, _ = pw.Write(body[10:])
	pw.Close()
	resp := <-done
	if resp == nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("request in flight at SIGTERM: %v\n%s", resp, srv.out)
	}
	if err := srv.cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, srv.out)
	}
}
