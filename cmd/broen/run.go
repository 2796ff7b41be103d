package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"broen/demo"
	"broen/locales"
	"broen/mentoring"
	"broen/notify"
	"broen/registry"
	"broen/sqlite"
	"broen/web"
)

const usage = `Usage: broen <command> [flags]

Commands:
  serve     migrate the database and serve the site (add -demo to load the
            demo municipality into an empty database first)
  migrate   apply database migrations and exit
  demo      load the demo municipality into an empty database
  user add  create a user (see "broen user add -h")
  backup    write a checked copy of the database to a new file, DEST:
            "broen backup [-db FILE] DEST" (safe while serve runs)

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
	StaleMonths    int
	StaleGraceDays int
	// The municipality and its mentoring programme.
	Country       string
	Zone          string
	ProposalDays  int
	ReminderDays  int
	QuietDays     int
	MaxActive     int
	CheckInPoints string
}

func (c *config) flags(fs *flag.FlagSet, getenv func(string) string, serve bool) error {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	var bad error
	envInt := func(k string, def int) int {
		v := getenv(k)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if (err != nil || n < 0) && bad == nil {
			bad = fmt.Errorf("%s=%q: use a whole number", k, v)
		}
		return n
	}
	envBool := func(k string) bool {
		v := getenv(k)
		if v == "" {
			return false
		}
		b, err := strconv.ParseBool(v)
		if err != nil && bad == nil {
			bad = fmt.Errorf("%s=%q: use true or false", k, v)
		}
		return b
	}
	fs.StringVar(&c.DB, "db", env("BROEN_DB", "data/broen.db"), "SQLite database file (BROEN_DB)")
	if !serve {
		return nil
	}
	fs.StringVar(&c.Addr, "addr", env("BROEN_ADDR", ":8080"), "address to listen on (BROEN_ADDR)")
	fs.StringVar(&c.BaseURL, "base-url", env("BROEN_BASE_URL", ""), "public address, e.g. https://broen.example.no (BROEN_BASE_URL)")
	fs.StringVar(&c.DefaultLocale, "default-locale", env("BROEN_DEFAULT_LOCALE", locales.Default), "language when the reader's is unknown: nb, nn, da, sv or en (BROEN_DEFAULT_LOCALE)")
	fs.BoolVar(&c.Dev, "dev", envBool("BROEN_DEV"), "development mode: debug logs (BROEN_DEV)")
	fs.BoolVar(&c.Demo, "demo", envBool("BROEN_DEMO"), "load the demo municipality if the database is empty (BROEN_DEMO)")
	fs.IntVar(&c.StaleMonths, "stale-months", envInt("BROEN_STALE_MONTHS", 6), "months without confirmation before a listing is stale and its editors are reminded; 0 turns this off (BROEN_STALE_MONTHS)")
	fs.IntVar(&c.StaleGraceDays, "stale-grace-days", envInt("BROEN_STALE_GRACE_DAYS", 30), "days a stale listing stays in the public search before it is hidden (BROEN_STALE_GRACE_DAYS)")
	fs.StringVar(&c.Country, "country", env("BROEN_COUNTRY", "NO"), "the municipality's country: NO, DK or SE; sets the language of the matching engine and the default time zone (BROEN_COUNTRY)")
	fs.StringVar(&c.Zone, "zone", env("BROEN_ZONE", ""), "the municipality's IANA time zone; default by country (BROEN_ZONE)")
	fs.IntVar(&c.ProposalDays, "proposal-days", envInt("BROEN_PROPOSAL_DAYS", 14), "days a proposed pairing waits for both answers before it expires and frees the volunteer's place (BROEN_PROPOSAL_DAYS)")
	fs.IntVar(&c.ReminderDays, "reminder-days", envInt("BROEN_REMINDER_DAYS", 5), "days after a proposal an unanswered volunteer is reminded (BROEN_REMINDER_DAYS)")
	fs.IntVar(&c.QuietDays, "quiet-days", envInt("BROEN_QUIET_DAYS", 30), "an active pairing with no contact logged for this many days is quiet (BROEN_QUIET_DAYS)")
	fs.IntVar(&c.MaxActive, "max-active-pairings", envInt("BROEN_MAX_ACTIVE_PAIRINGS", 1), "active pairings a newcomer may have at once (BROEN_MAX_ACTIVE_PAIRINGS)")
	fs.StringVar(&c.CheckInPoints, "check-ins", env("BROEN_CHECK_INS", "2w,1m,3m,6m"), "follow-up check-ins after a pairing starts, in weeks (w) or months (m) (BROEN_CHECK_INS)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("BROEN_TRUSTED_PROXIES", ""), "comma-separated proxy addresses or CIDRs whose X-Forwarded-For is trusted (BROEN_TRUSTED_PROXIES)")
	return bad
}

// countries maps a country to its language and default time zone.
var countries = map[string]struct{ local, zone string }{
	"NO": {"nb", "Europe/Oslo"}, "DK": {"da", "Europe/Copenhagen"}, "SE": {"sv", "Europe/Stockholm"},
}

// mentoringPolicy is the programme's policy from the configuration.
func (c *config) mentoringPolicy() (mentoring.Policy, error) {
	country, ok := countries[strings.ToUpper(c.Country)]
	if !ok {
		return mentoring.Policy{}, fmt.Errorf("BROEN_COUNTRY / -country %q: use NO, DK or SE", c.Country)
	}
	zone := c.Zone
	if zone == "" {
		zone = country.zone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return mentoring.Policy{}, fmt.Errorf("BROEN_ZONE / -zone %q: use an IANA time zone such as Europe/Oslo", zone)
	}
	points, err := mentoring.ParseCheckInPoints(c.CheckInPoints)
	if err != nil {
		return mentoring.Policy{}, fmt.Errorf("BROEN_CHECK_INS / -check-ins: %w", err)
	}
	return mentoring.Policy{ProposalDays: c.ProposalDays, ReminderDays: c.ReminderDays, QuietDays: c.QuietDays,
		MaxActivePerNewcomer: c.MaxActive, CheckIns: points, Zone: loc}, nil
}

// check validates what flags cannot.
func (c *config) check() error {
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("BROEN_BASE_URL / -base-url %q: give the full address, such as https://broen.drammen.kommune.no", c.BaseURL)
		}
	}
	return nil
}

func run(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	var cfg config
	fs := flag.NewFlagSet("broen "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var err error
	switch cmd {
	case "serve":
		err = cfg.flags(fs, getenv, true)
	case "migrate", "demo", "user", "backup":
		// "broen user [-db FILE] add [flags]": the database flag comes
		// before "add", the user's own flags after it.
		err = cfg.flags(fs, getenv, false)
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	if err != nil {
		return err
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if cmd != "user" && cmd != "backup" && fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %q", cmd, fs.Args())
	}
	if err := cfg.check(); err != nil {
		return err
	}
	level := slog.LevelInfo
	if cfg.Dev {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if cmd == "backup" {
		// Refuse bad arguments, and never create the database to back up.
		if err := checkBackup(cfg.DB, fs.Args()); err != nil {
			return err
		}
	}
	db, err := sqlite.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if cmd == "backup" {
		// Before Migrate: back up first, then let a new version migrate.
		return backupCmd(ctx, db, fs.Args(), stdout)
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	switch cmd {
	case "migrate":
		fmt.Fprintln(stdout, "database migrated:", cfg.DB)
		return nil
	case "demo":
		return loadDemo(ctx, db, stdout, true)
	case "user":
		return userCmd(ctx, db, fs.Args(), stdin, stdout, stderr)
	}
	// The programme's rules before anything writes pairings, the demo
	// included: its check-ins and expiries follow the configuration.
	policy, err := cfg.mentoringPolicy()
	if err != nil {
		return err
	}
	db.Mentoring, db.Country = policy, strings.ToUpper(cfg.Country)
	if cfg.Demo {
		if err := loadDemo(ctx, db, stdout, false); err != nil {
			return err
		}
	}
	return serve(ctx, stop, cfg, getenv, db, logger, stdout)
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
	now := time.Now()
	nOrgs, nActs, err := demo.Load(ctx, db, db, now)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "demo municipality loaded: %d organisations, %d activities\n", nOrgs, nActs)
	nVol, nNew, nPair, err := demo.LoadMentoring(ctx, db, db, db, now)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "demo mentoring programme loaded: %d volunteers, %d newcomers, %d pairings\n", nVol, nNew, nPair)
	return demoAccounts(ctx, db, stdout)
}

func serve(ctx context.Context, stop context.CancelFunc, cfg config, getenv func(string) string, db *sqlite.DB, logger *slog.Logger, stdout io.Writer) error {
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
	if err := db.WarmIndex(ctx); err != nil {
		return err
	}
	mailer, err := newMailer(cfg, getenv, logger)
	if err != nil {
		return err
	}
	db.Stale = registry.StalePolicy{After: time.Duration(cfg.StaleMonths) * 30 * 24 * time.Hour,
		Grace: time.Duration(cfg.StaleGraceDays) * 24 * time.Hour}
	policy, country := db.Mentoring, db.Country
	// Listen first: with -addr :0 the port is known only now, and links in
	// emails sent outside a request need it when BROEN_BASE_URL is unset.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	linkBase := ""
	if _, port, err := net.SplitHostPort(ln.Addr().String()); err == nil && cfg.BaseURL == "" {
		linkBase = "http://localhost:" + port
	}
	srv, err := web.NewServer(web.Config{
		BaseURL: strings.TrimRight(cfg.BaseURL, "/"), DefaultLocale: cfg.DefaultLocale, Dev: cfg.Dev, TrustedProxies: proxies,
		LinkBase: linkBase, Stale: db.Stale,
		Mentoring: policy, Country: country, Local: countries[country].local,
	}, web.Services{Organisations: db, Activities: db, Catalog: db, Moderation: db, Ready: db.Ready,
		Users: db, Tokens: db, Audit: db, APITokens: db, Sessions: db.SessionStore(), Mailer: mailer,
		Volunteers: db, Newcomers: db, Pairings: db,
		PoolStats: func() map[string]web.PoolStats {
			out := map[string]web.PoolStats{}
			for name, s := range db.PoolStats() {
				out[name] = web.PoolStats{MaxOpen: int64(s.MaxOpenConnections), Open: int64(s.OpenConnections),
					InUse: int64(s.InUse), Idle: int64(s.Idle), WaitCount: s.WaitCount, WaitSeconds: s.WaitDuration.Seconds()}
			}
			return out
		}}, bundle, logger)
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
	go sweep(ctx, db, srv, logger)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	logger.Info("serving", "addr", ln.Addr().String(), "db", cfg.DB)
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	fmt.Fprintf(stdout, "Broen is running on http://%s (Ctrl+C stops it)\n", net.JoinHostPort(host, port))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// A second Ctrl+C during the drain stops at once.
	stop()
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return hs.Shutdown(shutdownCtx)
}

// newMailer sends email over SMTP when BROEN_SMTP_HOST is set. Without it, in
// development mode, emails are written to the log; otherwise sending fails
// with an error saying what to configure (a production log must not hold
// sign-in links).
func newMailer(cfg config, getenv func(string) string, logger *slog.Logger) (notify.Mailer, error) {
	smtp, ok, err := notify.ConfigFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	if ok {
		return notify.NewSMTP(smtp)
	}
	if cfg.Dev {
		logger.Info("no BROEN_SMTP_HOST: emails are written to this log (development mode)")
		return notify.LogMailer{Log: logger}, nil
	}
	logger.Warn("no BROEN_SMTP_HOST: emails (invitations, password resets) cannot be sent")
	return noMailer{}, nil
}

type noMailer struct{}

func (noMailer) Send(context.Context, notify.Message) error {
	return errors.New("email is not configured: set BROEN_SMTP_HOST and BROEN_SMTP_FROM (or run with -dev to log emails)")
}

// sweep removes expired sessions and link tokens, reminds the editors of
// stale listings and does the mentoring programme's timed work (expiry,
// reminders, check-in notices, the weekly digest), every hour.
func sweep(ctx context.Context, db *sqlite.DB, srv *web.Server, logger *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := db.SessionStore().DeleteExpired(ctx); err != nil && ctx.Err() == nil {
			logger.Error("sweep sessions", "error", err.Error())
		}
		if _, err := db.DeleteExpiredTokens(ctx, time.Now()); err != nil && ctx.Err() == nil {
			logger.Error("sweep tokens", "error", err.Error())
		}
		if n, err := srv.SendStaleReminders(ctx, db); err != nil && ctx.Err() == nil {
			logger.Error("stale reminders", "reminded", n, "error", err.Error())
		} else if n > 0 {
			logger.Info("stale reminders sent", "listings", n)
		}
		if rep, err := srv.MentoringSweep(ctx, db); err != nil && ctx.Err() == nil {
			logger.Error("mentoring sweep", "report", fmt.Sprintf("%+v", rep), "error", err.Error())
		} else if rep != (web.SweepReport{}) {
			logger.Info("mentoring sweep", "expired", rep.Expired, "reminded", rep.Reminded,
				"check_in_notices", rep.CheckInsNotified, "digests", rep.Digests)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
