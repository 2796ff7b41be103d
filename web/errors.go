package web

import (
	"net/http"

	"broen"
)

// statusOf maps an error code to its HTTP status: the one table of it.
func statusOf(code string) int {
	switch code {
	case broen.ECONFLICT:
		return http.StatusConflict
	case broen.EINVALID:
		return http.StatusUnprocessableEntity
	case broen.ENOTFOUND:
		return http.StatusNotFound
	case broen.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case broen.EFORBIDDEN:
		return http.StatusForbidden
	default:
		return http.StatusInternalServerError
	}
}

// publicError is what a person or client is told about err: its code, the
// localizable message ID and field messages. Anything that is not a
// *broen.Error becomes the generic internal error; its cause is only logged.
func publicError(err error) *broen.Error {
	if e := broen.AsError(err); e != nil && e.Code != broen.EINTERNAL {
		if e.MessageID == "" {
			e.MessageID = defaultMessage(e.Code)
		}
		return e
	}
	return &broen.Error{Code: broen.EINTERNAL, MessageID: defaultMessage(broen.EINTERNAL)}
}

func defaultMessage(code string) string {
	switch code {
	case broen.ECONFLICT:
		return "error.conflict"
	case broen.EINVALID:
		return "validation.invalid"
	case broen.ENOTFOUND:
		return "error.not_found"
	case broen.EUNAUTHORIZED:
		return "error.unauthorized"
	case broen.EFORBIDDEN:
		return "error.forbidden"
	default:
		return "error.internal"
	}
}
