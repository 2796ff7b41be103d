package broen_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps DESIGN.md §2 true: domain packages never
// import gin, net/http, database/sql, go-i18n or the SQLite driver, and only
// cmd wires web and sqlite together.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	forbidden := map[string][]string{
		"broen/registry":  {"net/http", "database/sql", "github.com/gin-gonic/gin", "github.com/nicksnyder/go-i18n/v2/i18n", "github.com/mattn/go-sqlite3", "broen/sqlite", "broen/web", "broen/locales"},
		"broen/mentoring": {"net/http", "database/sql", "github.com/gin-gonic/gin", "github.com/nicksnyder/go-i18n/v2/i18n", "github.com/mattn/go-sqlite3", "broen/sqlite", "broen/web", "broen/locales"},
		"broen/accounts":  {"net/http", "database/sql", "github.com/gin-gonic/gin", "github.com/nicksnyder/go-i18n/v2/i18n", "github.com/mattn/go-sqlite3", "broen/sqlite", "broen/web", "broen/locales"},
		"broen/demo":      {"net/http", "database/sql", "github.com/gin-gonic/gin", "github.com/mattn/go-sqlite3", "broen/sqlite", "broen/web"},
		"broen/web":       {"database/sql", "github.com/mattn/go-sqlite3", "broen/sqlite"},
		"broen/sqlite":    {"net/http", "github.com/gin-gonic/gin", "broen/web", "broen/locales"},
		"broen":           {"net/http", "database/sql", "github.com/gin-gonic/gin", "github.com/mattn/go-sqlite3"},
	}
	checked := 0
	for pkg, bad := range forbidden {
		deps, err := exec.Command("go", "list", "-tags", "sqlite_fts5", "-deps", "-f", "{{.ImportPath}}", pkg).Output()
		if err != nil {
			continue // the package does not exist (yet)
		}
		checked++
		set := map[string]bool{}
		for _, d := range strings.Fields(string(deps)) {
			set[d] = true
		}
		for _, b := range bad {
			if set[b] {
				t.Errorf("%s depends on %s", pkg, b)
			}
		}
	}
	if checked < 4 {
		t.Fatalf("only %d packages checked; the list of packages is out of date", checked)
	}
}
