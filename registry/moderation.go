package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"broen"
)

// A listing by an organisation is public only after the coordinator has
// approved it; a change an editor makes to a public listing waits in the
// moderation queue while the public keeps seeing the approved version.

// SubmissionKind is what a submission proposes.
type SubmissionKind string

const (
	SubmitOrganisation SubmissionKind = "organisation"
	SubmitActivity     SubmissionKind = "activity"
)

// SubmissionStatus is where a submission is in moderation.
type SubmissionStatus string

const (
	SubmissionPending  SubmissionStatus = "pending"  // in the coordinator's queue
	SubmissionApproved SubmissionStatus = "approved" // applied and public
	SubmissionReturned SubmissionStatus = "returned" // sent back to the editor with a reason
	// SubmissionReplaced: the editor changed the listing again before a
	// decision; the newer submission took its place in the queue.
	SubmissionReplaced SubmissionStatus = "replaced"
)

// Submission is one proposed listing or change, kept with the version the
// public saw when it was made (Base; nil for a new listing), so the
// coordinator sees exactly what changed.
type Submission struct {
	ID             int64            `json:"id"`
	Kind           SubmissionKind   `json:"kind"`
	ObjectID       int64            `json:"object_id"`
	OrganisationID int64            `json:"organisation_id"`
	Status         SubmissionStatus `json:"status"`
	// Exactly one of the two pairs is set, by Kind.
	Activity         *Activity     `json:"activity,omitempty"`
	BaseActivity     *Activity     `json:"base_activity,omitempty"`
	Organisation     *Organisation `json:"organisation,omitempty"`
	BaseOrganisation *Organisation `json:"base_organisation,omitempty"`

	SubmittedBy int64     `json:"submitted_by"`
	SubmittedAt time.Time `json:"submitted_at"`
	DecidedBy   int64     `json:"decided_by,omitempty"`
	DecidedAt   time.Time `json:"decided_at,omitzero"`
	Reason      string    `json:"reason,omitempty"` // why it was sent back
}

// Title is a short name for the submission in lists and emails.
func (s *Submission) Title(locale string) string {
	if s.Activity != nil {
		_, t := s.Activity.Title.Pick(locale)
		return t
	}
	if s.Organisation != nil {
		return s.Organisation.Name
	}
	return ""
}

// IsNew reports whether the submission proposes a listing that was never
// public.
func (s *Submission) IsNew() bool { return s.BaseActivity == nil && s.BaseOrganisation == nil }

// MaxReasonLen bounds the reason a coordinator gives when sending back.
const MaxReasonLen = 2000

// Approve is the transition pending → approved.
func (s *Submission) Approve(by int64, at time.Time) error {
	if s.Status != SubmissionPending {
		return transitionError(s.Status)
	}
	s.Status, s.DecidedBy, s.DecidedAt, s.Reason = SubmissionApproved, by, at, ""
	return nil
}

// Return is the transition pending → returned, with the reason the editor
// reads; a reason is required, since the editor must know what to fix.
func (s *Submission) Return(by int64, at time.Time, reason string) error {
	if s.Status != SubmissionPending {
		return transitionError(s.Status)
	}
	reason = strings.TrimSpace(reason)
	fe := broen.FieldErrors{}
	if reason == "" {
		fe.Add("reason", "validation.required")
	} else if len([]rune(reason)) > MaxReasonLen {
		fe.Add("reason", "validation.too_long")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	s.Status, s.DecidedBy, s.DecidedAt, s.Reason = SubmissionReturned, by, at, reason
	return nil
}

func transitionError(from SubmissionStatus) error {
	return &broen.Error{Code: broen.ECONFLICT, MessageID: "registry.moderation.already_decided",
		Args: map[string]any{"status": string(from)}}
}

// Change is one field that differs between the public version and a
// submission, as display strings; Field is a dotted JSON path such as
// "title.nb" or "schedules.0.start_time".
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// ignoredFields never count as a change: bookkeeping the editor does not
// write.
var ignoredFields = map[string]bool{
	"id": true, "status": true, "created_at": true, "updated_at": true, "last_confirmed": true,
	"organisation_name": true, "activity_count": true, "next_occurrences": true,
}

// Changes lists every field that differs, in field order. For a new listing
// (Base nil) every filled field is a change from "".
func (s *Submission) Changes() ([]Change, error) {
	var base, proposed any
	switch s.Kind {
	case SubmitActivity:
		base, proposed = s.BaseActivity, s.Activity
		if s.BaseActivity == nil {
			base = (*Activity)(nil)
		}
	case SubmitOrganisation:
		base, proposed = s.BaseOrganisation, s.Organisation
		if s.BaseOrganisation == nil {
			base = (*Organisation)(nil)
		}
	}
	return Diff(base, proposed)
}

// Diff compares two values field by field through their JSON form.
func Diff(oldV, newV any) ([]Change, error) {
	a, err := flatten(oldV)
	if err != nil {
		return nil, err
	}
	b, err := flatten(newV)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var out []Change
	for k := range keys {
		// Row ids of nested parts (schedules.0.id, location.id) are storage.
		if a[k] == b[k] || ignoredFields[k] || strings.HasSuffix(k, ".id") {
			continue
		}
		out = append(out, Change{Field: k, Old: a[k], New: b[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out, nil
}

// flatten turns a value into dotted paths and display strings: lists of
// plain values become one comma-separated string, so "languages" reads
// "ar, nb" rather than one change per position.
func flatten(v any) (map[string]string, error) {
	out := map[string]string{}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("registry: diff: %w", err)
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return nil, fmt.Errorf("registry: diff: %w", err)
	}
	var walk func(prefix string, x any)
	walk = func(prefix string, x any) {
		switch t := x.(type) {
		case map[string]any:
			for k, v := range t {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, v)
			}
		case []any:
			plain := true
			for _, e := range t {
				switch e.(type) {
				case map[string]any, []any:
					plain = false
				}
			}
			if plain {
				parts := make([]string, len(t))
				for i, e := range t {
					parts[i] = fmt.Sprint(e)
				}
				if len(parts) > 0 {
					out[prefix] = strings.Join(parts, ", ")
				}
				return
			}
			for i, e := range t {
				walk(fmt.Sprintf("%s.%d", prefix, i), e)
			}
		case nil:
		case string:
			if t != "" {
				out[prefix] = t
			}
		case bool:
			if t {
				out[prefix] = "true"
			}
		case float64:
			if t != 0 {
				out[prefix] = fmt.Sprint(t)
			}
		default:
			out[prefix] = fmt.Sprint(t)
		}
	}
	walk("", x)
	return out, nil
}

// SubmissionFilter selects submissions. Nil fields do not filter.
type SubmissionFilter struct {
	Status         *SubmissionStatus
	Kind           *SubmissionKind
	ObjectID       *int64
	OrganisationID *int64
	NewestFirst    bool // default: oldest first, the queue's order
	Offset, Limit  int
}

// ModerationService keeps the moderation queue.
type ModerationService interface {
	// SubmitActivity stores a new activity (pending, not public) or, for an
	// existing one, a proposed change, and queues it. A change to an
	// activity that was never approved is applied at once and its queued
	// submission refreshed; a change to an approved activity waits, and
	// replaces any earlier pending change. EINVALID, ENOTFOUND.
	SubmitActivity(ctx context.Context, a *Activity, by int64) (*Submission, error)
	// SubmitOrganisation does the same for an organisation.
	SubmitOrganisation(ctx context.Context, o *Organisation, by int64) (*Submission, error)
	// FindSubmissionByID returns ENOTFOUND if there is none.
	FindSubmissionByID(ctx context.Context, id int64) (*Submission, error)
	// FindSubmissions returns one page, oldest first, and the total.
	FindSubmissions(ctx context.Context, f SubmissionFilter) ([]*Submission, int, error)
	// DecideSubmission approves (applying the change and making it public)
	// or returns the submission, in one transaction. ECONFLICT if it was
	// already decided, EINVALID without a reason to return.
	DecideSubmission(ctx context.Context, id int64, approve bool, reason string, by int64) (*Submission, error)
}

// ContentUpdate is the update that makes an activity's content what p says,
// leaving its status and confirmation date alone.
func ContentUpdate(p *Activity) ActivityUpdate {
	return ActivityUpdate{
		Title: &p.Title, Description: &p.Description, HowToJoin: &p.HowToJoin, Category: &p.Category,
		Stage: &p.Stage, AgeMin: &p.AgeMin, AgeMax: &p.AgeMax, Languages: &p.Languages,
		HelperLanguages: &p.HelperLanguages, Cost: &p.Cost, Accessibility: &p.Accessibility,
		RegistrationRequired: &p.RegistrationRequired, Capacity: &p.Capacity, Contact: &p.Contact,
		Location: &p.Location, Schedules: &p.Schedules,
	}
}

// OrganisationContentUpdate is the same for an organisation.
func OrganisationContentUpdate(p *Organisation) OrganisationUpdate {
	return OrganisationUpdate{
		Name: &p.Name, Kind: &p.Kind, Country: &p.Country, OrgNumber: &p.OrgNumber, Description: &p.Description,
		Website: &p.Website, Email: &p.Email, Phone: &p.Phone, ContactPublic: &p.ContactPublic,
		Address: &p.Address, Postcode: &p.Postcode, City: &p.City, District: &p.District,
	}
}

// StatusAction is what an editor does to a listing's visibility.
type StatusAction string

const (
	ActionPause   StatusAction = "pause"   // approved → paused: hidden for a while
	ActionResume  StatusAction = "resume"  // paused → approved: shown again as it was approved
	ActionArchive StatusAction = "archive" // any → archived: stopped for good
)

// NextStatus is the activity status after action, or ECONFLICT with a
// localized message when the action does not apply to the status. None of
// these needs the coordinator: hiding is always allowed, and resuming shows
// content that was already approved.
func NextStatus(from Status, action StatusAction) (Status, error) {
	switch {
	case action == ActionPause && from == StatusApproved:
		return StatusPaused, nil
	case action == ActionResume && from == StatusPaused:
		return StatusApproved, nil
	case action == ActionArchive && from != StatusArchived:
		return StatusArchived, nil
	}
	return from, &broen.Error{Code: broen.ECONFLICT, MessageID: "registry.status.not_allowed"}
}
