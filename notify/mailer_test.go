package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	smtpmock "github.com/mocktools/go-smtp-mock/v2"

	"broen/locales"
)

const testFrom = "Broen <noreply@broen.test>"

// startSMTP runs a real SMTP peer on a free port of the loopback interface.
func startSMTP(t *testing.T) *smtpmock.Server {
	t.Helper()
	srv := smtpmock.New(smtpmock.ConfigurationAttr{
		HostAddress: "127.0.0.1",
		// go-mail sends RSET after each message; keep the message.
		MultipleMessageReceiving: true,
	})
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	return srv
}

func testMailer(t *testing.T, port int) *SMTPMailer {
	t.Helper()
	s, err := NewSMTP(SMTPConfig{
		Host:    "127.0.0.1",
		Port:    port,
		From:    testFrom,
		TLS:     "none",
		Timeout: 5 * time.Second,
		HELO:    "broen.test",
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// received is a message as the SMTP peer got it, decoded.
type received struct {
	mailFrom, rcptTo string
	header           mail.Header
	subject          string
	body             string
}

// sendAndReceive sends m through a fresh SMTP peer and returns what it got.
func sendAndReceive(t *testing.T, m Message) received {
	t.Helper()
	srv := startSMTP(t)
	if err := testMailer(t, srv.PortNumber()).Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	msgs, err := srv.WaitForMessages(1, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if !got.IsConsistent() || !got.Msg() {
		t.Fatalf("the SMTP exchange was not complete: %+v", got)
	}
	r := received{mailFrom: got.MailfromRequest()}
	if rr := got.RcpttoRequestResponse(); len(rr) == 1 {
		r.rcptTo = rr[0][0]
	} else {
		t.Errorf("RCPT TO exchanges: %v, want 1", rr)
	}
	parsed, err := mail.ReadMessage(strings.NewReader(got.MsgRequest()))
	if err != nil {
		t.Fatalf("parse the message: %v\n%s", err, got.MsgRequest())
	}
	r.header = parsed.Header
	if r.subject, err = new(mime.WordDecoder).DecodeHeader(parsed.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	if ct, params, err := mime.ParseMediaType(parsed.Header.Get("Content-Type")); err != nil || ct != "text/plain" || !strings.EqualFold(params["charset"], "utf-8") {
		t.Errorf("Content-Type = %q, want text/plain; charset=UTF-8", parsed.Header.Get("Content-Type"))
	}
	var body io.Reader = parsed.Body
	if strings.EqualFold(parsed.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(parsed.Body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	r.body = strings.ReplaceAll(string(b), "\r\n", "\n")
	return r
}

func TestSMTPSend(t *testing.T) {
	// Longer than a quoted-printable line, to be sure it is joined again.
	link := "https://broen.example.no/invitation/accept?token=" + strings.Repeat("Zm9v", 20)
	m := Message{
		To:      "Kari Nordmann <kari@example.no>",
		Subject: "Hei – velkommen til Broen, Åse & Ørjan",
		Text:    "Første linje.\n\nKlikk her:\n" + link + "\n\nHilsen Broen",
		Headers: map[string]string{"Content-Language": "nb"},
	}
	r := sendAndReceive(t, m)

	if !strings.Contains(r.mailFrom, "<noreply@broen.test>") {
		t.Errorf("MAIL FROM = %q", r.mailFrom)
	}
	if !strings.Contains(r.rcptTo, "<kari@example.no>") {
		t.Errorf("RCPT TO = %q", r.rcptTo)
	}
	if from, err := r.header.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "noreply@broen.test" || from[0].Name != "Broen" {
		t.Errorf("From = %v (%v)", from, err)
	}
	if to, err := r.header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "kari@example.no" || to[0].Name != "Kari Nordmann" {
		t.Errorf("To = %v (%v)", to, err)
	}
	if r.subject != m.Subject {
		t.Errorf("Subject = %q, want %q", r.subject, m.Subject)
	}
	for k, want := range map[string]string{
		"Content-Language":         "nb",
		"Auto-Submitted":           "auto-generated",
		"X-Auto-Response-Suppress": "All",
		"Mime-Version":             "1.0",
	} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if id := r.header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@broen.test>") {
		t.Errorf("Message-ID = %q, want <…@broen.test>", id)
	}
	if d, err := r.header.Date(); err != nil || time.Since(d).Abs() > time.Minute {
		t.Errorf("Date = %q (%v)", r.header.Get("Date"), err)
	}
	if r.header.Get("Bcc") != "" || r.header.Get("Cc") != "" {
		t.Error("the message has Cc or Bcc")
	}
	if !slices.Contains(strings.Split(r.body, "\n"), link) {
		t.Errorf("the link is not on a line of its own in the body:\n%s", r.body)
	}
	if !strings.Contains(r.body, "Første linje.") {
		t.Errorf("body = %q", r.body)
	}
}

// An invitation reaches the peer in the recipient's language.
func TestSMTPInvitationInRecipientsLanguage(t *testing.T) {
	b := testBundle(t)
	for _, c := range []struct {
		lang, org, subject, phrase string
	}{
		{"sv", "Röda Korset", "Du är inbjuden att uppdatera Röda Korset i Broen", "Välj ett lösenord och kom igång här:"},
		{"nn", "Raudekrossen", "Du er invitert til å halde Raudekrossen oppdatert i Broen", "Vel passord og kom i gang her:"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			l := locales.New(b, c.lang)
			r := sendAndReceive(t, Invitation(l, "kari@example.no", "Per Hansen", c.org, inviteLink, expires))
			if r.subject != c.subject {
				t.Errorf("Subject = %q, want %q", r.subject, c.subject)
			}
			if got := r.header.Get("Content-Language"); got != c.lang {
				t.Errorf("Content-Language = %q, want %q", got, c.lang)
			}
			if !strings.Contains(r.body, c.phrase+"\n"+inviteLink+"\n") {
				t.Errorf("body lacks %q and the link on the next line:\n%s", c.phrase, r.body)
			}
			if !strings.Contains(r.body, "\n-- \n"+l.T("notify.footer")) {
				t.Errorf("body lacks the footer:\n%s", r.body)
			}
		})
	}
}

func TestSMTPRejectsInvalidMessage(t *testing.T) {
	s := testMailer(t, 2525) // never dialled
	ok := Message{To: "kari@example.no", Subject: "Hei", Text: "x"}
	for name, mod := range map[string]func(*Message){
		"ErrNoRecipient":       func(m *Message) { m.To = " " },
		"ErrBadRecipient":      func(m *Message) { m.To = "kari@" },
		"ErrTwoRecipients":     func(m *Message) { m.To = "a@example.no, b@example.no" },
		"ErrNoSubject":         func(m *Message) { m.Subject = "" },
		"ErrSubjectInjection":  func(m *Message) { m.Subject = "Hei\r\nBcc: everyone@example.no" },
		"ErrHeaderInjection":   func(m *Message) { m.Headers = map[string]string{"Content-Language": "nb\nBcc: x@example.no"} },
		"ErrReservedHeader":    func(m *Message) { m.Headers = map[string]string{"bcc": "x@example.no"} },
		"ErrInvalidHeaderName": func(m *Message) { m.Headers = map[string]string{"Bad Name:": "x"} },
	} {
		t.Run(name, func(t *testing.T) {
			m := ok
			mod(&m)
			if err := s.Send(context.Background(), m); !errors.Is(err, ErrInvalidMessage) {
				t.Errorf("Send: %v, want ErrInvalidMessage", err)
			}
			if err := (LogMailer{Log: slog.New(slog.DiscardHandler)}).Send(context.Background(), m); !errors.Is(err, ErrInvalidMessage) {
				t.Errorf("LogMailer.Send: %v, want ErrInvalidMessage", err)
			}
		})
	}
}

func TestSMTPContextCanceled(t *testing.T) {
	s := testMailer(t, startSMTP(t).PortNumber())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.Send(ctx, Message{To: "kari@example.no", Subject: "Hei", Text: "x"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Send: %v, want context.Canceled", err)
	}
}

func TestNewSMTP(t *testing.T) {
	valid := SMTPConfig{Host: "smtp.example.no", From: testFrom}
	t.Run("Defaults", func(t *testing.T) {
		for tls, port := range map[string]int{"": 587, "starttls": 587, "STARTTLS": 587, "tls": 465, "none": 25} {
			cfg := valid
			cfg.TLS = tls
			s, err := NewSMTP(cfg)
			if err != nil {
				t.Fatalf("TLS %q: %v", tls, err)
			}
			got := s.Config()
			if got.Port != port {
				t.Errorf("TLS %q: port %d, want %d", tls, got.Port, port)
			}
			if got.TLS == "" || got.Timeout != DefaultTimeout || got.HELO == "" {
				t.Errorf("TLS %q: defaults not filled in: %v", tls, got)
			}
		}
		cfg := valid
		cfg.Port, cfg.TLS = 2525, "none"
		if s, err := NewSMTP(cfg); err != nil || s.Config().Port != 2525 {
			t.Errorf("explicit port: %v", err)
		}
	})
	for name, mod := range map[string]func(*SMTPConfig){
		"ErrHostRequired":         func(c *SMTPConfig) { c.Host = "  " },
		"ErrHostWithPort":         func(c *SMTPConfig) { c.Host = "smtp.example.no:587" },
		"ErrHostWithSpace":        func(c *SMTPConfig) { c.Host = "smtp example.no" },
		"ErrFromRequired":         func(c *SMTPConfig) { c.From = "" },
		"ErrFromInvalid":          func(c *SMTPConfig) { c.From = "Broen noreply" },
		"ErrTLSUnknown":           func(c *SMTPConfig) { c.TLS = "ssl" },
		"ErrPortOutOfRange":       func(c *SMTPConfig) { c.Port = 70000 },
		"ErrPortNegative":         func(c *SMTPConfig) { c.Port = -1 },
		"ErrTimeoutNegative":      func(c *SMTPConfig) { c.Timeout = -time.Second },
		"ErrPasswordWithoutUser":  func(c *SMTPConfig) { c.Password = "hemmelig-passord" },
		"ErrUserWithoutPassword":  func(c *SMTPConfig) { c.Username = "broen" },
		"ErrHELOWithSpace":        func(c *SMTPConfig) { c.HELO = "broen test" },
		"ErrTLSUnknownWithSecret": func(c *SMTPConfig) { c.TLS, c.Username, c.Password = "bogus", "broen", "hemmelig-passord" },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := valid
			mod(&cfg)
			_, err := NewSMTP(cfg)
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("NewSMTP: %v, want ErrInvalidConfig", err)
			}
			if strings.Contains(err.Error(), "hemmelig-passord") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
	t.Run("IPv6Host", func(t *testing.T) {
		cfg := valid
		cfg.Host = "::1"
		if _, err := NewSMTP(cfg); err != nil {
			t.Errorf("NewSMTP: %v", err)
		}
	})
}

func TestConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	t.Run("NotConfigured", func(t *testing.T) {
		cfg, ok, err := ConfigFromEnv(env(map[string]string{"BROEN_SMTP_FROM": "noreply@example.no"}))
		if ok || err != nil || cfg != (SMTPConfig{}) {
			t.Errorf("got %v, %v, %v; want zero, false, nil", cfg, ok, err)
		}
	})
	t.Run("Configured", func(t *testing.T) {
		cfg, ok, err := ConfigFromEnv(env(map[string]string{
			"BROEN_SMTP_HOST":     "smtp.kommune.no",
			"BROEN_SMTP_PORT":     "2587",
			"BROEN_SMTP_USERNAME": "broen",
			"BROEN_SMTP_PASSWORD": " pass word ",
			"BROEN_SMTP_FROM":     "Broen <noreply@kommune.no>",
			"BROEN_SMTP_TLS":      "tls",
			"BROEN_SMTP_HELO":     "broen.kommune.no",
		}))
		want := SMTPConfig{
			Host: "smtp.kommune.no", Port: 2587, Username: "broen", Password: " pass word ",
			From: "Broen <noreply@kommune.no>", TLS: "tls", Timeout: DefaultTimeout, HELO: "broen.kommune.no",
		}
		if !ok || err != nil || cfg != want {
			t.Errorf("got %v, %v, %v; want %v", cfg, ok, err, want)
		}
	})
	t.Run("DefaultPort", func(t *testing.T) {
		cfg, ok, err := ConfigFromEnv(env(map[string]string{"BROEN_SMTP_HOST": "localhost", "BROEN_SMTP_FROM": "noreply@kommune.no", "BROEN_SMTP_TLS": "none"}))
		if !ok || err != nil || cfg.Port != 25 || cfg.TLS != "none" {
			t.Errorf("got %v, %v, %v", cfg, ok, err)
		}
	})
	for name, vars := range map[string]map[string]string{
		"ErrPortNotANumber": {"BROEN_SMTP_HOST": "smtp.kommune.no", "BROEN_SMTP_FROM": "noreply@kommune.no", "BROEN_SMTP_PORT": "smtp"},
		"ErrTLSUnknown":     {"BROEN_SMTP_HOST": "smtp.kommune.no", "BROEN_SMTP_FROM": "noreply@kommune.no", "BROEN_SMTP_TLS": "yes"},
		"ErrFromMissing":    {"BROEN_SMTP_HOST": "smtp.kommune.no"},
	} {
		t.Run(name, func(t *testing.T) {
			_, ok, err := ConfigFromEnv(env(vars))
			if !ok || !errors.Is(err, ErrInvalidConfig) {
				t.Errorf("got ok=%v, %v; want true, ErrInvalidConfig", ok, err)
			}
		})
	}
}

// The password never shows in an error, a formatted config or a log line.
func TestPasswordNeverShown(t *testing.T) {
	const password = "Hemmelig-Pa55ord!"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now

	cfg := SMTPConfig{Host: "127.0.0.1", Port: port, Username: "broen", Password: password, From: testFrom, TLS: "none", Timeout: 2 * time.Second, HELO: "broen.test"}
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), Message{To: "kari@example.no", Subject: "Hei", Text: "x"})
	if err == nil {
		t.Fatal("Send to a closed port succeeded")
	}
	if strings.Contains(err.Error(), password) {
		t.Errorf("the error shows the password: %v", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("127.0.0.1:%d", port)) {
		t.Errorf("the error does not say which relay: %v", err)
	}

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("smtp", "config", cfg)
	for _, shown := range []string{
		fmt.Sprint(cfg), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), fmt.Sprintf("%+v", s.Config()), buf.String(),
	} {
		if strings.Contains(shown, password) {
			t.Errorf("the password shows in %s", shown)
		}
	}

	// Should a server ever echo it, it is redacted but still unwraps.
	cause := errors.New("535 authentication failed for broen/" + password)
	red := s.redact(cause)
	if strings.Contains(red.Error(), password) || !errors.Is(red, cause) {
		t.Errorf("redact: %v", red)
	}
}

func TestLogMailer(t *testing.T) {
	var buf bytes.Buffer
	lm := LogMailer{Log: slog.New(slog.NewJSONHandler(&buf, nil))}
	m := PasswordReset(locales.New(testBundle(t), "da"), "kari@example.no", resetLink, expires)
	if err := lm.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Level, Msg, To, Subject, Body string
		Headers                       map[string]string
	}
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	if rec.Level != "INFO" || rec.Msg != "email (dev mode, not sent)" {
		t.Errorf("level %q, msg %q", rec.Level, rec.Msg)
	}
	if rec.To != m.To || rec.Subject != m.Subject || rec.Body != m.Text || rec.Headers["Content-Language"] != "da" {
		t.Errorf("logged %+v, want %+v", rec, m)
	}
	if !strings.Contains(rec.Body, resetLink) {
		t.Errorf("the logged body lacks the link: %q", rec.Body)
	}
}

// Both mailers are Mailers.
var (
	_ Mailer = (*SMTPMailer)(nil)
	_ Mailer = LogMailer{}
)
