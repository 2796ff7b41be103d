package broen

import "context"

type ctxKey int

const (
	localeKey ctxKey = iota
	requestIDKey
)

// NewContextWithLocale returns ctx carrying the reader's locale (nb, nn, da,
// sv or en), chosen once per request by web/.
func NewContextWithLocale(ctx context.Context, locale string) context.Context {
	return context.WithValue(ctx, localeKey, locale)
}

// LocaleFromContext returns the locale stored by NewContextWithLocale, or "".
func LocaleFromContext(ctx context.Context) string {
	s, _ := ctx.Value(localeKey).(string)
	return s
}

// NewContextWithRequestID returns ctx carrying the request ID that appears in
// logs and on error pages.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// RequestIDFromContext returns the request ID, or "".
func RequestIDFromContext(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}
