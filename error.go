package broen

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in web/ and is part of the JSON API
// contract, so they never change once shipped.
const (
	ECONFLICT     = "conflict"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
)

// Error is the one error type the domain hands to the outside. MessageID is a
// go-i18n message ID that web/ localizes; Fields maps a form field (the JSON
// name) to the message ID describing what is wrong with it. Err is the cause:
// it is logged and never shown.
type Error struct {
	Code      string
	MessageID string
	Args      map[string]any
	Fields    map[string]string
	Err       error
}

func (e *Error) Error() string {
	msg := e.Code
	if e.MessageID != "" {
		msg += ": " + e.MessageID
	}
	if len(e.Fields) > 0 {
		msg += fmt.Sprintf(" %v", e.Fields)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// FieldErrors collects field-level validation messages. Its Err method
// returns nil when nothing was added, so Validate methods end with
// `return fe.Err()`.
type FieldErrors map[string]string

// Add records msgID for field unless the field already has a message: the
// first problem found is the one the person should fix first.
func (fe FieldErrors) Add(field, msgID string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msgID
	}
}

// Err returns an EINVALID *Error carrying the fields, or nil if there are none.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, MessageID: "validation.invalid", Fields: map[string]string(fe)}
}
