package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to dest while the server
// keeps serving: the copy holds every write committed before Backup began and
// nothing half-written. Readers and the writer are not held up; the copy is
// made on a connection of its own (VACUUM INTO in a read transaction).
//
// dest must not exist: Backup never overwrites a file and returns an error
// wrapping fs.ErrExist instead. Missing parent folders are created. The copy
// is written under a temporary name in dest's folder, must pass
// PRAGMA integrity_check and quick_check, is flushed to disk and only then
// appears under dest, so dest is either a complete, checked backup or absent.
// The file is readable by its owner only: it holds personal data and
// password hashes.
func (db *DB) Backup(ctx context.Context, dest string) (err error) {
	if dest == "" {
		return errors.New("sqlite: backup: a destination file is required")
	}
	dest, err = filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	if _, err := os.Lstat(dest); err == nil {
		return existsError(dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("sqlite: backup: create folder: %w", err)
	}
	// VACUUM INTO accepts an existing empty file, so CreateTemp reserves a
	// name nobody else can take.
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	tmp := f.Name()
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
		}
	}()

	// A dedicated read-only connection: the writer stays free for requests
	// and the reader pool keeps its size, and the source cannot be changed
	// by accident.
	src, err := sql.Open("sqlite3", dsn(db.Path, true))
	if err != nil {
		return fmt.Errorf("sqlite: backup: open %s: %w", db.Path, err)
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return fmt.Errorf("sqlite: backup: copy %s: %w", db.Path, err)
	}
	if err := src.Close(); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	if err := checkCopy(ctx, tmp); err != nil {
		return fmt.Errorf("sqlite: backup: the copy failed its check, nothing was written to %s: %w", dest, err)
	}
	// SQLite does not sync the file VACUUM INTO writes.
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	if err := publish(tmp, dest); err != nil {
		return err
	}
	// The new name must survive a crash too; some systems cannot sync a
	// folder, which is no reason to fail a backup that is already complete.
	_ = syncFile(dir)
	return nil
}

func existsError(dest string) error {
	return fmt.Errorf("sqlite: backup: %w: %s (a backup never overwrites a file; choose a new name)", fs.ErrExist, dest)
}

// publish gives the finished copy its name without replacing a file that
// appeared there meanwhile: a hard link fails if dest exists. Where links
// are not supported, it falls back to a rename after a last look.
func publish(tmp, dest string) error {
	err := os.Link(tmp, dest)
	if err == nil {
		_ = os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return existsError(dest)
	}
	if _, err := os.Lstat(dest); err == nil {
		return existsError(dest)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return nil
}

// checkCopy opens the copy read-only and runs both of SQLite's consistency
// checks; each must answer exactly "ok".
func checkCopy(ctx context.Context, path string) error {
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: "mode=ro"}
	c, err := sql.Open("sqlite3", u.String())
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	for _, pragma := range []string{"integrity_check", "quick_check"} {
		rows, err := c.QueryContext(ctx, `PRAGMA `+pragma)
		if err != nil {
			return fmt.Errorf("%s: %w", pragma, err)
		}
		var got []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return fmt.Errorf("%s: %w", pragma, err)
			}
			got = append(got, s)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return fmt.Errorf("%s: %w", pragma, err)
		}
		if len(got) != 1 || got[0] != "ok" {
			return fmt.Errorf("%s: %q", pragma, got)
		}
	}
	return c.Close()
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
