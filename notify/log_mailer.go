package notify

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
)

// LogMailer is the Mailer for development without an SMTP relay: it sends
// nothing and logs each whole message — recipient, subject and body, so
// that links in it can be followed — at INFO with the message
// "email (dev mode, not sent)". It rejects the messages an SMTPMailer
// would reject. Never use it in production: the log then holds personal
// data and single-use links.
type LogMailer struct {
	// Log receives the messages; nil means slog.Default().
	Log *slog.Logger
}

// Send logs m.
func (lm LogMailer) Send(ctx context.Context, m Message) error {
	if _, err := m.check(); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	log := lm.Log
	if log == nil {
		log = slog.Default()
	}
	attrs := []slog.Attr{
		slog.String("to", m.To),
		slog.String("subject", m.Subject),
		slog.String("body", m.Text),
	}
	if len(m.Headers) > 0 {
		var hs []any
		for _, k := range slices.Sorted(maps.Keys(m.Headers)) {
			hs = append(hs, slog.String(k, m.Headers[k]))
		}
		attrs = append(attrs, slog.Group("headers", hs...))
	}
	log.LogAttrs(ctx, slog.LevelInfo, "email (dev mode, not sent)", attrs...)
	return nil
}
