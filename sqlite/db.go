package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/pressly/goose/v3"

	"broen/mentoring"
	"broen/registry"

	// The driver registers "sqlite3"; build with -tags sqlite_fts5.
	_ "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the open database: one writer connection and a pool of readers.
type DB struct {
	Path  string
	write *sql.DB
	read  *sql.DB
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// RankLimit is how many search matches are ranked in full; see
	// FindActivities.
	RankLimit int
	// Stale decides when a listing is stale and when the public search
	// hides it.
	Stale registry.StalePolicy
	// Mentoring is the pairing programme's policy: expiry, the limit of
	// active pairings per newcomer, the quiet days, check-in points.
	Mentoring mentoring.Policy
	// Country is the municipality's (NO, DK, SE), for phone numbers written
	// without +.
	Country string

	index index
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path. It does not migrate;
// call Migrate.
func Open(path string) (*DB, error) {
	if path == "" || path == ":memory:" {
		return nil, errors.New("sqlite: a file path is required")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create folder: %w", err)
		}
	}
	w, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// Create the file and switch it to WAL before readers open it read-only.
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	n := max(4, runtime.NumCPU()*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return &DB{Path: path, write: w, read: r, Now: time.Now, RankLimit: DefaultRankLimit,
		Stale: registry.DefaultStalePolicy}, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

func (db *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db.write, sub)
}

// Migrate applies every embedded migration not yet applied, each in its own
// transaction.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.provider()
	if err != nil {
		return fmt.Errorf("sqlite: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite: migrate: %w", err)
	}
	return nil
}

// Ready reports whether the database answers and every migration is applied;
// it backs /readyz.
func (db *DB) Ready(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	p, err := db.provider()
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: migration status: %w", err)
	}
	if pending {
		return errors.New("sqlite: migrations pending")
	}
	return nil
}

// Empty reports whether the registry has no organisations: a fresh database
// that `make run` fills with the demo municipality.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM organisations LIMIT 1)`).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: empty: %w", err)
	}
	return n == 0, nil
}

// inTx runs fn in a write transaction, committing if it returns nil and
// rolling back otherwise, so a failed write leaves nothing half-written.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// IntegrityCheck runs SQLite's full integrity check; nil means "ok".
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("sqlite: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: integrity check: %v", problems)
	}
	return nil
}

// PoolStats reports the connection pools, "write" and "read", for
// monitoring.
func (db *DB) PoolStats() map[string]sql.DBStats {
	return map[string]sql.DBStats{"write": db.write.Stats(), "read": db.read.Stats()}
}
