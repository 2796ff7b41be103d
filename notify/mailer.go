package notify

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"
)

// Message is one email to one person.
type Message struct {
	// To is the recipient's address, optionally with a name:
	// "kari@example.no" or "Kari Nordmann <kari@example.no>".
	To string
	// Subject is one line of plain text.
	Subject string
	// Text is the plain-text body, lines separated by "\n".
	Text string
	// Headers are further header fields, such as "Content-Language": "nn".
	// The fields a Mailer writes itself (From, Sender, To, Cc, Bcc,
	// Reply-To, Subject, Date, Message-ID, the MIME fields, Auto-Submitted
	// and X-Auto-Response-Suppress) cannot be set here; values are one line.
	Headers map[string]string
}

// Mailer delivers messages. Implementations are safe for concurrent use.
type Mailer interface {
	// Send delivers m, or returns why it could not. An invalid message
	// (no or a malformed recipient, a subject or header value spanning
	// lines) is an error that wraps ErrInvalidMessage.
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is wrapped by the error Send returns for a message that
// cannot be sent as it is, whatever the transport.
var ErrInvalidMessage = errors.New("invalid message")

// reservedHeaders are written by the mailer and cannot be overridden
// through Message.Headers (canonical MIME header keys).
var reservedHeaders = map[string]bool{
	"From": true, "Sender": true, "To": true, "Cc": true, "Bcc": true,
	"Reply-To": true, "Return-Path": true, "Subject": true, "Date": true,
	"Message-Id": true, "Mime-Version": true, "Content-Type": true,
	"Content-Transfer-Encoding": true, "Auto-Submitted": true,
	"X-Auto-Response-Suppress": true,
}

// check validates m and returns the parsed recipient.
func (m Message) check() (*mail.Address, error) {
	if strings.TrimSpace(m.To) == "" {
		return nil, fmt.Errorf("%w: no recipient", ErrInvalidMessage)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("%w: recipient: %v", ErrInvalidMessage, err)
	}
	if strings.TrimSpace(m.Subject) == "" {
		return nil, fmt.Errorf("%w: no subject", ErrInvalidMessage)
	}
	if !singleLine(m.Subject) {
		return nil, fmt.Errorf("%w: subject is not one line of text", ErrInvalidMessage)
	}
	if !utf8.ValidString(m.Text) {
		return nil, fmt.Errorf("%w: body is not UTF-8", ErrInvalidMessage)
	}
	for name, value := range m.Headers {
		if !validHeaderName(name) {
			return nil, fmt.Errorf("%w: header name %q", ErrInvalidMessage, name)
		}
		if reservedHeaders[textproto.CanonicalMIMEHeaderKey(name)] {
			return nil, fmt.Errorf("%w: header %s is set by the mailer", ErrInvalidMessage, name)
		}
		if !singleLine(value) {
			return nil, fmt.Errorf("%w: header %s is not one line of text", ErrInvalidMessage, name)
		}
	}
	return to, nil
}

// singleLine reports whether s is valid UTF-8 without line breaks or other
// control characters (a tab is allowed).
func singleLine(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\t' && (r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085') {
			return false
		}
	}
	return true
}

// validHeaderName reports whether s is a header field name (RFC 5322:
// printable US-ASCII except the colon).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}
