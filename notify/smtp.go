package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/mail"
	"net/textproto"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// The values of SMTPConfig.TLS.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is required (default; port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: tests and relays on the same host or network (port 25)
)

// DefaultTimeout bounds one SMTP exchange when SMTPConfig.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// SMTPConfig says how to reach the SMTP relay. Its String, GoString and
// LogValue methods never show the password.
type SMTPConfig struct {
	// Host is the relay's host name or IP address, without a port.
	Host string
	// Port defaults to 587 for starttls, 465 for tls and 25 for none.
	Port int
	// Username and Password are given together, or not at all (no SMTP
	// AUTH). Credentials are only sent with a mechanism that is safe on
	// the connection: no PLAIN or LOGIN without TLS.
	Username, Password string
	// From is the sender: "noreply@kommune.no" or
	// "Broen <noreply@kommune.no>". Required.
	From string
	// TLS is TLSStartTLS ("starttls", the default), TLSImplicit ("tls") or
	// TLSNone ("none").
	TLS string
	// Timeout bounds the whole exchange with the relay, from dialling to
	// QUIT; zero means DefaultTimeout.
	Timeout time.Duration
	// HELO is the name this host gives in EHLO. Empty means the host name
	// if it is fully qualified, else the domain of From: some relays refuse
	// a name without a dot, which is what containers usually have.
	HELO string
}

// NewSMTP checks cfg, fills in its defaults and returns a Mailer that sends
// each message over a new connection to the relay. The error of an invalid
// configuration says which field is wrong, never the password.
func NewSMTP(cfg SMTPConfig) (*SMTPMailer, error) {
	cfg, from, err := cfg.normalize()
	if err != nil {
		return nil, err
	}
	return &SMTPMailer{cfg: cfg, from: from}, nil
}

// SMTPMailer sends messages through an SMTP relay with go-mail: one
// connection per message, plain UTF-8 text (quoted-printable), with From,
// To, Subject, Date, Message-ID, Auto-Submitted: auto-generated and
// X-Auto-Response-Suppress: All, plus Message.Headers. It is safe for
// concurrent use.
type SMTPMailer struct {
	cfg  SMTPConfig // normalized
	from *mail.Address
}

// Config returns the configuration in use, with its defaults filled in.
func (s *SMTPMailer) Config() SMTPConfig { return s.cfg }

// Send delivers m to the relay. ctx bounds the exchange together with
// Config().Timeout, whichever ends first. Errors wrap the cause with %w
// (errors.Is(err, ErrInvalidMessage), context.DeadlineExceeded, …) and
// never contain the password.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	to, err := m.check()
	if err != nil {
		return fmt.Errorf("notify: smtp: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("notify: smtp: %w", err)
	}
	timeout := s.cfg.Timeout
	if deadline, ok := ctx.Deadline(); ok {
		timeout = min(timeout, max(time.Until(deadline), time.Millisecond))
	}
	client, err := gomail.NewClient(s.cfg.Host, s.options(timeout)...)
	if err != nil {
		return fmt.Errorf("notify: smtp client for %s: %w", s.addr(), s.redact(err))
	}
	if err := client.DialAndSendWithContext(ctx, s.message(to, m)); err != nil {
		return fmt.Errorf("notify: smtp send via %s: %w", s.addr(), s.redact(err))
	}
	return nil
}

func (s *SMTPMailer) options(timeout time.Duration) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(timeout),
		gomail.WithHELO(s.cfg.HELO),
	}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		opts = append(opts,
			gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.Username),
			gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

func (s *SMTPMailer) message(to *mail.Address, m Message) *gomail.Msg {
	msg := gomail.NewMsg(
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP),
		gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(to)
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(messageID(s.from.Address))
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	for _, k := range slices.Sorted(maps.Keys(m.Headers)) {
		msg.SetGenHeader(gomail.Header(textproto.CanonicalMIMEHeaderKey(k)), m.Headers[k])
	}
	msg.SetBodyString(gomail.TypeTextPlain, plainText(m.Text))
	return msg
}

func (s *SMTPMailer) addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// redact hides the password should a server or library ever repeat it.
func (s *SMTPMailer) redact(err error) error {
	if s.cfg.Password == "" || !strings.Contains(err.Error(), s.cfg.Password) {
		return err
	}
	return &redactedError{err: err, secret: s.cfg.Password}
}

type redactedError struct {
	err    error
	secret string
}

func (e *redactedError) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.secret, "[redacted]")
}

func (e *redactedError) Unwrap() error { return e.err }

// plainText returns s with "\n" line ends and a final line end.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// messageID returns a new globally unique Message-ID (without the angle
// brackets) in the sender's domain.
func messageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "@" + domainOf(from)
}

func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i+1:]
	}
	return "localhost"
}

// ErrInvalidConfig is wrapped by the error NewSMTP and ConfigFromEnv return
// for a configuration that cannot work.
var ErrInvalidConfig = errors.New("invalid SMTP configuration")

func configError(format string, a ...any) error {
	return fmt.Errorf("notify: %w: "+format, append([]any{ErrInvalidConfig}, a...)...)
}

// normalize checks c and fills in its defaults.
func (c SMTPConfig) normalize() (SMTPConfig, *mail.Address, error) {
	c.Host = strings.TrimSpace(c.Host)
	switch {
	case c.Host == "":
		return c, nil, configError("host is required")
	case strings.ContainsAny(c.Host, " \t\r\n/@"):
		return c, nil, configError("host %q is not a host name", c.Host)
	case strings.Contains(c.Host, ":") && net.ParseIP(c.Host) == nil:
		return c, nil, configError("host %q: give the port as Port (BROEN_SMTP_PORT), not in the host", c.Host)
	}

	c.TLS = strings.ToLower(strings.TrimSpace(c.TLS))
	var port int
	switch c.TLS {
	case "", TLSStartTLS:
		c.TLS, port = TLSStartTLS, 587
	case TLSImplicit:
		port = 465
	case TLSNone:
		port = 25
	default:
		return c, nil, configError("TLS %q: want %s, %s or %s", c.TLS, TLSStartTLS, TLSImplicit, TLSNone)
	}
	if c.Port == 0 {
		c.Port = port
	}
	if c.Port < 1 || c.Port > 65535 {
		return c, nil, configError("port %d is out of range", c.Port)
	}

	c.Username = strings.TrimSpace(c.Username)
	if c.Username == "" && c.Password != "" {
		return c, nil, configError("a password is set but no username")
	}
	if c.Username != "" && c.Password == "" {
		return c, nil, configError("username %q has no password", c.Username)
	}

	c.From = strings.TrimSpace(c.From)
	if c.From == "" {
		return c, nil, configError("from address is required")
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return c, nil, configError("from address %q: %v", c.From, err)
	}

	if c.Timeout < 0 {
		return c, nil, configError("timeout %s is negative", c.Timeout)
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}

	c.HELO = strings.TrimSpace(c.HELO)
	if c.HELO == "" {
		c.HELO = defaultHELO(from.Address)
	}
	if strings.ContainsAny(c.HELO, " \t\r\n") {
		return c, nil, configError("HELO name %q contains space", c.HELO)
	}
	return c, from, nil
}

// defaultHELO is the host name when it is fully qualified, else the domain
// of the sender's address.
func defaultHELO(from string) string {
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \t") {
		return h
	}
	return domainOf(from)
}

// String describes c without its password.
func (c SMTPConfig) String() string {
	pass := ""
	if c.Password != "" {
		pass = "[redacted]"
	}
	return fmt.Sprintf("{Host:%s Port:%d Username:%s Password:%s From:%s TLS:%s Timeout:%s HELO:%s}",
		c.Host, c.Port, c.Username, pass, c.From, c.TLS, c.Timeout, c.HELO)
}

// GoString is String, so that %#v does not show the password either.
func (c SMTPConfig) GoString() string { return "notify.SMTPConfig" + c.String() }

// LogValue logs c without its password.
func (c SMTPConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("host", c.Host),
		slog.Int("port", c.Port),
		slog.String("username", c.Username),
		slog.Bool("password_set", c.Password != ""),
		slog.String("from", c.From),
		slog.String("tls", c.TLS),
		slog.Duration("timeout", c.Timeout),
		slog.String("helo", c.HELO),
	)
}

// ConfigFromEnv reads the relay's configuration from BROEN_SMTP_HOST,
// BROEN_SMTP_PORT, BROEN_SMTP_USERNAME, BROEN_SMTP_PASSWORD,
// BROEN_SMTP_FROM, BROEN_SMTP_TLS and BROEN_SMTP_HELO (getenv is usually
// os.Getenv). ok is false, with no error, when BROEN_SMTP_HOST is empty:
// email is not configured and a LogMailer should stand in. Otherwise the
// configuration is checked as NewSMTP checks it and returned with its
// defaults filled in.
func ConfigFromEnv(getenv func(string) string) (cfg SMTPConfig, ok bool, err error) {
	cfg = SMTPConfig{
		Host:     strings.TrimSpace(getenv("BROEN_SMTP_HOST")),
		Username: getenv("BROEN_SMTP_USERNAME"),
		Password: getenv("BROEN_SMTP_PASSWORD"),
		From:     getenv("BROEN_SMTP_FROM"),
		TLS:      getenv("BROEN_SMTP_TLS"),
		HELO:     getenv("BROEN_SMTP_HELO"),
	}
	if cfg.Host == "" {
		return SMTPConfig{}, false, nil
	}
	if p := strings.TrimSpace(getenv("BROEN_SMTP_PORT")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return cfg, true, configError("BROEN_SMTP_PORT %q is not a port number", p)
		}
		cfg.Port = n
	}
	norm, _, err := cfg.normalize()
	if err != nil {
		return cfg, true, err
	}
	return norm, true, nil
}
