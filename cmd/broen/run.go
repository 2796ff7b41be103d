package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"broen/demo"
	"broen/locales"
	"broen/sqlite"
	"broen/web"
)

const usage = `Usage: broen <command> [flags]

Commands:
  serve     migrate the database and serve the site (add -demo to load the
            demo municipality into an empty database first)
  migrate   apply database migrations and exit
  demo      load the demo municipality into an empty database

Every flag can also be set with its environment variable (BROEN_ADDR, …);
a flag given on the command line wins. Run "broen <command> -h" for flags.
`

// config is Broen's configuration from flags and BROEN_* variables.
type config struct {
	Addr           string
	DB             string
	BaseURL        string
	DefaultLocale  string
	Dev            bool
	Demo           bool
	TrustedProxies string
}

func (c *config) flags(fs *flag.FlagSet, getenv func(string) string, serve bool) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	envBool := func(k string) bool {
		b, _ := strconv.ParseBool(getenv(k))
		return b
	}
	fs.StringVar(&c.DB, "db", env("BROEN_DB", "data/broen.db"), "SQLite database file (BROEN_DB)")
	if !serve {
		return
	}
	fs.StringVar(&c.Addr, "addr", env("BROEN_ADDR", ":8080"), "address to listen on (BROEN_ADDR)")
	fs.StringVar(&c.BaseURL, "base-url", env("BROEN_BASE_URL", ""), "public address, e.g. https://broen.example.no (BROEN_BASE_URL)")
	fs.StringVar(&c.DefaultLocale, "default-locale", env("BROEN_DEFAULT_LOCALE", locales.Default), "language when the reader's is unknown: nb, nn, da, sv or en (BROEN_DEFAULT_LOCALE)")
	fs.BoolVar(&c.Dev, "dev", envBool("BROEN_DEV"), "development mode: debug logs (BROEN_DEV)")
	fs.BoolVar(&c.Demo, "demo", envBool("BROEN_DEMO"), "load the demo municipality if the database is empty (BROEN_DEMO)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("BROEN_TRUSTED_PROXIES", ""), "comma-separated proxy addresses or CIDRs whose X-Forwarded-For is trusted (BROEN_TRUSTED_PROXIES)")
}

func run(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	var cfg config
	fs := flag.NewFlagSet("broen "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch cmd {
	case "serve":
		cfg.flags(fs, getenv, true)
	case "migrate", "demo":
		cfg.flags(fs, getenv, false)
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	level := slog.LevelInfo
	if cfg.Dev {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	db, err := sqlite.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	switch cmd {
	case "migrate":
		fmt.Fprintln(stdout, "database migrated:", cfg.DB)
		return nil
	case "demo":
		return loadDemo(ctx, db, stdout, true)
	}
	if cfg.Demo {
		if err := loadDemo(ctx, db, stdout, false); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, db, logger, stdout)
}

// loadDemo fills an empty database with the demo municipality. With strict,
// a database that already has data is an error; otherwise it is left alone.
func loadDemo(ctx context.Context, db *sqlite.DB, stdout io.Writer, strict bool) error {
	empty, err := db.Empty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		if strict {
			return errors.New("the database already has organisations; demo data is only loaded into an empty database")
		}
		return nil
	}
	nOrgs, nActs, err := demo.Load(ctx, db, db, time.Now())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "demo municipality loaded: %d organisations, %d activities\n", nOrgs, nActs)
	return nil
}

func serve(ctx context.Context, cfg config, db *sqlite.DB, logger *slog.Logger, stdout io.Writer) error {
	bundle, err := locales.NewBundle()
	if err != nil {
		return err
	}
	var proxies []string
	for _, p := range strings.Split(cfg.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			proxies = append(proxies, p)
		}
	}
	srv, err := web.NewServer(web.Config{
		BaseURL: strings.TrimRight(cfg.BaseURL, "/"), DefaultLocale: cfg.DefaultLocale, Dev: cfg.Dev, TrustedProxies: proxies,
	}, web.Services{Organisations: db, Activities: db, Catalog: db, Ready: db.Ready}, bundle, logger)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 16,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.ListenAndServe() }()
	logger.Info("serving", "addr", cfg.Addr, "db", cfg.DB)
	addr := cfg.Addr
	if strings.HasPrefix(addr, ":") {
		addr = "localhost" + addr
	}
	fmt.Fprintf(stdout, "Broen is running on http://%s (Ctrl+C stops it)\n", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return hs.Shutdown(shutdownCtx)
}
