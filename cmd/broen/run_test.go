package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestRunMigrateAndDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sub", "broen.db")
	getenv := env(map[string]string{"BROEN_DB": db})
	var out, errOut bytes.Buffer
	if err := run([]string{"migrate"}, getenv, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("migrate: %v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), db) {
		t.Errorf("migrate said %q", out.String())
	}
	out.Reset()
	if err := run([]string{"demo"}, getenv, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("demo: %v", err)
	}
	if !strings.Contains(out.String(), "38 organisations") {
		t.Errorf("demo said %q", out.String())
	}
	// A second load would duplicate the municipality: refused.
	if err := run([]string{"demo"}, getenv, strings.NewReader(""), &out, &errOut); err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Errorf("second demo: %v", err)
	}
	// The flag wins over the environment.
	other := filepath.Join(t.TempDir(), "other.db")
	out.Reset()
	if err := run([]string{"migrate", "-db", other}, getenv, strings.NewReader(""), &out, &errOut); err != nil || !strings.Contains(out.String(), other) {
		t.Errorf("flag: %v %q", err, out.String())
	}
}

func TestRunUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(nil, env(nil), strings.NewReader(""), &out, &errOut); err != nil || !strings.Contains(out.String(), "serve") {
		t.Errorf("no args: %v %q", err, out.String())
	}
	if err := run([]string{"frobnicate"}, env(nil), strings.NewReader(""), &out, &errOut); err == nil {
		t.Error("unknown command accepted")
	}
	if err := run([]string{"serve", "-nosuchflag"}, env(nil), strings.NewReader(""), &out, &errOut); err == nil {
		t.Error("unknown flag accepted")
	}
}

func TestServeRejectsBadLocale(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{"BROEN_DB": filepath.Join(t.TempDir(), "b.db"), "BROEN_DEFAULT_LOCALE": "de", "BROEN_ADDR": "127.0.0.1:0"})
	if err := run([]string{"serve"}, getenv, strings.NewReader(""), &out, &errOut); err == nil || !strings.Contains(err.Error(), "locale") {
		t.Errorf("got %v", err)
	}
}
