package accounts

import (
	"context"
	"time"
)

// AuditEntry records one write: who, what, when and from which address.
// Detail is a short structured description of the change (field names and
// values); it never holds a password, token or session ID.
type AuditEntry struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id,omitempty"` // 0: anonymous or the system
	UserEmail  string    `json:"user_email,omitempty"`
	IP         string    `json:"ip,omitempty"`
	Action     string    `json:"action"`      // "organisation.create", "user.login", ...
	ObjectType string    `json:"object_type"` // "organisation", "activity", "user"
	ObjectID   int64     `json:"object_id,omitempty"`
	Detail     string    `json:"detail,omitempty"`
}

// AuditFilter selects audit entries. Nil fields do not filter.
type AuditFilter struct {
	UserID     *int64
	ObjectType *string
	ObjectID   *int64
	Offset     int
	Limit      int
}

// AuditService records and reads the audit log.
type AuditService interface {
	// RecordAudit appends e, setting its ID.
	RecordAudit(ctx context.Context, e *AuditEntry) error
	// FindAuditEntries returns one page, newest first, and the total.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
