package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"broen/registry"
	"broen/sqlite"
)

// publicIDs pages through the public search and returns every activity ID.
func publicIDs(t *testing.T, db *sqlite.DB, f registry.ActivityFilter) map[int64]bool {
	t.Helper()
	ids := map[int64]bool{}
	f.Limit = registry.MaxPageSize
	for {
		items, total, err := db.FindActivities(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range items {
			ids[a.ID] = true
		}
		f.Offset += len(items)
		if len(items) == 0 || f.Offset >= total {
			return ids
		}
	}
}

func pragma(t *testing.T, path, name string) string {
	t.Helper()
	c, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var s string
	if err := c.QueryRow("PRAGMA " + name).Scan(&s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen frivilligsentral"))
	mustCreate(t, db, newActivity(org.ID, "Språkkafé"))

	// A writer keeps adding activities before, during and after the backup;
	// acked holds those whose CreateActivity had returned.
	var (
		mu    sync.Mutex
		acked []int64
	)
	ackedNow := func() []int64 {
		mu.Lock()
		defer mu.Unlock()
		return append([]int64(nil), acked...)
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			a := newActivity(org.ID, fmt.Sprintf("Fotballtrening %d", i))
			if err := db.CreateActivity(ctx, a); err != nil {
				done <- err
				return
			}
			mu.Lock()
			acked = append(acked, a.ID)
			mu.Unlock()
		}
	}()
	for len(ackedNow()) < 100 {
		time.Sleep(time.Millisecond)
	}
	before := ackedNow()
	dest := filepath.Join(t.TempDir(), "backups", "2026-11", "broen.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	// The writer was not held up: it went on while the copy was made.
	for n := len(ackedNow()); len(ackedNow()) < n+20; {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("writer: %v", err)
	}
	after := ackedNow()

	for _, p := range []string{"integrity_check", "quick_check"} {
		if got := pragma(t, dest, p); got != "ok" {
			t.Errorf("%s: %q", p, got)
		}
	}
	if st, err := os.Stat(dest); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("backup file: %v, %v; want mode 0600", st, err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(dest)); len(ents) != 1 {
		t.Errorf("backup folder holds %v; want the backup only", ents)
	}

	// The copy works as Broen's database.
	cp, err := sqlite.Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	cp.Now = db.Now
	if err := cp.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := cp.Ready(ctx); err != nil {
		t.Fatalf("ready: %v", err)
	}
	got := publicIDs(t, cp, registry.ActivityFilter{})
	for _, id := range before {
		if !got[id] {
			t.Fatalf("activity %d, stored before the backup began, is missing from the copy (%d of %d there)", id, len(got), len(before)+1)
		}
	}
	if len(got) > len(after)+1 {
		t.Errorf("the copy has %d activities; only %d were ever stored", len(got), len(after)+1)
	}
	q := "kafé"
	if hits := publicIDs(t, cp, registry.ActivityFilter{Query: &q}); len(hits) != 1 {
		t.Errorf("full-text search in the copy found %d activities for %q; want 1", len(hits), q)
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "broen.db")
	if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := db.Backup(ctx, dest)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("got %v, want an error wrapping fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "keep me" {
		t.Errorf("the existing file was changed: %q", b)
	}
	t.Run("ErrExistSource", func(t *testing.T) {
		if err := db.Backup(ctx, db.Path); !errors.Is(err, fs.ErrExist) {
			t.Fatalf("backup onto the database itself: %v", err)
		}
	})
	t.Run("ErrExistSecondBackup", func(t *testing.T) {
		d := filepath.Join(dir, "b.db")
		if err := db.Backup(ctx, d); err != nil {
			t.Fatal(err)
		}
		if err := db.Backup(ctx, d); !errors.Is(err, fs.ErrExist) {
			t.Fatalf("second backup: %v", err)
		}
	})
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("folder holds %v; want no temporary files left", ents)
	}
}

func TestBackupCanceledLeavesNothing(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := db.Backup(ctx, filepath.Join(dir, "broen.db")); err == nil {
		t.Fatal("a canceled backup succeeded")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("folder holds %v after a canceled backup", ents)
	}
}

func TestPoolStats(t *testing.T) {
	db := openDB(t)
	st := db.PoolStats()
	if st["write"].MaxOpenConnections != 1 || st["read"].MaxOpenConnections < 4 {
		t.Errorf("pool stats %+v", st)
	}
}
