package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"broen/sqlite"
)

const backupUsage = "usage: broen backup [-db FILE] DEST"

// checkBackup checks "broen backup" before the database is opened: one
// destination and no flag after it, and a database file at dbPath (opening a
// missing one would create it empty, and its backup would look like a
// success).
func checkBackup(dbPath string, args []string) error {
	if err := checkBackupArgs(args); err != nil {
		return err
	}
	st, err := os.Stat(dbPath)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: there is no database at %s (give -db FILE or set BROEN_DB)", dbPath)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if st.IsDir() {
		return fmt.Errorf("backup: %s is a folder, not a database file", dbPath)
	}
	return nil
}

func checkBackupArgs(args []string) error {
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			return fmt.Errorf("backup: %q: flags go before the destination; %s", a, backupUsage)
		}
	}
	if len(args) != 1 {
		return fmt.Errorf("backup: give one destination file; %s", backupUsage)
	}
	return nil
}

// backupCmd runs "broen backup DEST" on an open database: args are what
// remains after the -db flag. It is safe while "broen serve" runs; the copy
// holds every change saved before the backup began. It does not migrate, so
// a database can be backed up before a new version of Broen migrates it. To
// restore, stop the server and start it with -db DEST.
func backupCmd(ctx context.Context, db *sqlite.DB, args []string, stdout io.Writer) error {
	if err := checkBackupArgs(args); err != nil {
		return err
	}
	dest, err := filepath.Abs(args[0])
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := db.Backup(ctx, dest); err != nil {
		return err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_, err = fmt.Fprintf(stdout, "backup written: %s (%s, %d bytes)\n", dest, humanBytes(st.Size()), st.Size())
	return err
}

// humanBytes writes n in binary units: 512 B, 1.5 KiB, 20.3 MiB.
func humanBytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, unit := float64(n)/1024, "KiB"
	for _, u := range []string{"MiB", "GiB", "TiB"} {
		if f < 1024 {
			break
		}
		f, unit = f/1024, u
	}
	return fmt.Sprintf("%.1f %s", f, unit)
}
