package probe

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.db")
	w, _ := sql.Open("sqlite3", "file:"+src+"?_journal_mode=WAL")
	w.SetMaxOpenConns(1)
	if _, err := w.Exec(`CREATE TABLE x(a); INSERT INTO x VALUES(1)`); err != nil { t.Fatal(err) }
	r, _ := sql.Open("sqlite3", "file:"+src+"?mode=ro&_journal_mode=WAL")
	out := filepath.Join(dir, "b.db")
	os.WriteFile(out, nil, 0o600)
	if _, err := r.Exec(`VACUUM INTO ?`, out); err != nil { t.Log("ro vacuum:", err) } else { t.Log("ro vacuum ok") }
	b, _ := os.ReadFile(out)
	if len(b) > 20 { t.Log("header bytes 18,19:", b[18], b[19]) }
	c, _ := sql.Open("sqlite3", "file:"+out+"?mode=ro")
	var s string
	if err := c.QueryRow(`PRAGMA integrity_check`).Scan(&s); err != nil { t.Log("ro check:", err) } else { t.Log("check", s) }
	var jm string
	c.QueryRow(`PRAGMA journal_mode`).Scan(&jm); t.Log("jm", jm)
	c.Close()
	ents, _ := os.ReadDir(dir); for _, e := range ents { t.Log(e.Name()) }
	var v string; w.QueryRow(`select sqlite_version()`).Scan(&v); t.Log(v)
}
