package mentoring

import (
	"context"
	"slices"
	"time"

	"broen"
)

// PairingStatus is where a pairing is in its lifecycle:
//
//	proposed ──both said yes──▶ active ──end──▶ ended
//	    │ one said no ─▶ declined
//	    │ coordinator  ─▶ withdrawn
//	    └ unanswered   ─▶ expired
//
// Proposed and active pairings are open: they hold a place of the
// volunteer's capacity. Every other status is final.
type PairingStatus string

const (
	PairingProposed  PairingStatus = "proposed"
	PairingActive    PairingStatus = "active"
	PairingEnded     PairingStatus = "ended"
	PairingDeclined  PairingStatus = "declined"
	PairingWithdrawn PairingStatus = "withdrawn"
	PairingExpired   PairingStatus = "expired"
)

// PairingStatuses lists the statuses in display order.
var PairingStatuses = []PairingStatus{PairingProposed, PairingActive, PairingEnded, PairingDeclined, PairingWithdrawn, PairingExpired}

// Valid reports whether s is a known status.
func (s PairingStatus) Valid() bool { return slices.Contains(PairingStatuses, s) }

// Open reports whether a pairing in status s holds a place.
func (s PairingStatus) Open() bool { return s == PairingProposed || s == PairingActive }

// Answer is one side's answer to a proposal.
type Answer string

const (
	AnswerNone Answer = ""
	AnswerYes  Answer = "yes"
	AnswerNo   Answer = "no"
)

// DeclineReason is why a side said no, chosen from a list.
type DeclineReason string

const (
	DeclineNoTime   DeclineReason = "no_time"
	DeclineDistance DeclineReason = "distance"
	DeclineLanguage DeclineReason = "language"
	DeclineNotAFit  DeclineReason = "not_a_fit"
	DeclineNoLonger DeclineReason = "no_longer_wants"
	DeclineOther    DeclineReason = "other"
	DeclineUnstated DeclineReason = ""
)

// DeclineReasons lists the reasons a side can give.
var DeclineReasons = []DeclineReason{DeclineNoTime, DeclineDistance, DeclineLanguage, DeclineNotAFit, DeclineNoLonger, DeclineOther}

// WithdrawReason is why the coordinator withdrew a proposal.
type WithdrawReason string

const (
	WithdrawCoordinator WithdrawReason = "coordinator"
	// WithdrawPairedElsewhere: the newcomer's other proposal became active
	// and they may have no more active pairings; set by the store.
	WithdrawPairedElsewhere WithdrawReason = "paired_elsewhere"
	WithdrawMistake         WithdrawReason = "mistake"
	// WithdrawUnavailable: one of the two was paused or left the programme
	// before both had said yes; set by the store.
	WithdrawUnavailable WithdrawReason = "unavailable"
)

// WithdrawReasons lists the reasons a coordinator can choose.
var WithdrawReasons = []WithdrawReason{WithdrawCoordinator, WithdrawMistake}

// EndReason is why an active pairing ended.
type EndReason string

const (
	EndCompleted       EndReason = "completed"        // the agreed period is over
	EndNewcomerMoved   EndReason = "newcomer_moved"   // moved to another municipality
	EndNewcomerStopped EndReason = "newcomer_stopped" // no longer wants it
	EndVolunteerStop   EndReason = "volunteer_stopped"
	EndNoContact       EndReason = "no_contact"
	EndPoorFit         EndReason = "poor_fit"
	EndOther           EndReason = "other"
)

// EndReasons lists the reasons in display order.
var EndReasons = []EndReason{EndCompleted, EndNewcomerMoved, EndNewcomerStopped, EndVolunteerStop, EndNoContact, EndPoorFit, EndOther}

// Frequency is how often the pair met, for the evaluation.
type Frequency string

const (
	FrequencyWeekly  Frequency = "weekly"
	FrequencyBiweek  Frequency = "every_two_weeks"
	FrequencyMonthly Frequency = "monthly"
	FrequencyRarely  Frequency = "rarely"
)

// Frequencies lists the choices in order.
var Frequencies = []Frequency{FrequencyWeekly, FrequencyBiweek, FrequencyMonthly, FrequencyRarely}

// Outcome is something the pairing led to, for the evaluation.
type Outcome string

const (
	OutcomeLanguage  Outcome = "language"   // better at the Nordic language
	OutcomeNetwork   Outcome = "network"    // a larger network
	OutcomeWork      Outcome = "work_study" // work, a course or studies
	OutcomeLeisure   Outcome = "leisure"    // joined a leisure activity
	OutcomePractical Outcome = "practical"  // practical matters sorted out
	OutcomeFriends   Outcome = "friends"    // they go on meeting as friends
)

// Outcomes lists the outcomes in display order.
var Outcomes = []Outcome{OutcomeLanguage, OutcomeNetwork, OutcomeWork, OutcomeLeisure, OutcomePractical, OutcomeFriends}

// Evaluation is the short structured evaluation recorded when a pairing
// ends: no free text about people's lives.
type Evaluation struct {
	// Rating is how well it went on the whole, 1 (badly) to 5 (very well).
	Rating    int       `json:"rating"`
	Frequency Frequency `json:"frequency"`
	Outcomes  []Outcome `json:"outcomes,omitempty"`
}

// Lengths are the agreed lengths of a pairing, in months.
var Lengths = []int{3, 6, 12}

// Pairing is a volunteer and a newcomer proposed to, or paired with, each
// other.
type Pairing struct {
	ID          int64         `json:"id"`
	VolunteerID int64         `json:"volunteer_id"`
	NewcomerID  int64         `json:"newcomer_id"`
	Status      PairingStatus `json:"status"`
	// Score and Reasons are the engine's, as they stood when proposed.
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons,omitempty"`
	// LengthMonths is the agreed length: 3, 6 or 12.
	LengthMonths int `json:"length_months"`

	ProposedBy int64     `json:"proposed_by"`
	ProposedAt time.Time `json:"proposed_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	RemindedAt time.Time `json:"reminded_at,omitzero"`

	VolunteerAnswer     Answer    `json:"volunteer_answer,omitempty"`
	VolunteerAnsweredAt time.Time `json:"volunteer_answered_at,omitzero"`
	NewcomerAnswer      Answer    `json:"newcomer_answer,omitempty"`
	NewcomerAnsweredAt  time.Time `json:"newcomer_answered_at,omitzero"`
	// DeclinedBy and DeclineReason are set when a side said no.
	DeclinedBy     Side           `json:"declined_by,omitempty"`
	DeclineReason  DeclineReason  `json:"decline_reason,omitempty"`
	WithdrawReason WithdrawReason `json:"withdraw_reason,omitempty"`
	ClosedAt       time.Time      `json:"closed_at,omitzero"` // declined, withdrawn or expired

	StartedAt  time.Time   `json:"started_at,omitzero"`
	EndedAt    time.Time   `json:"ended_at,omitzero"`
	EndReason  EndReason   `json:"end_reason,omitempty"`
	Evaluation *Evaluation `json:"evaluation,omitempty"`

	// Read-only, filled in by the store: the parties' names, and the day
	// of the last contact logged (zero if none).
	VolunteerName string    `json:"volunteer_name,omitempty"`
	NewcomerName  string    `json:"newcomer_name,omitempty"`
	LastContact   time.Time `json:"last_contact,omitzero"`
}

// Error message IDs of the lifecycle and its invariants.
const (
	ErrNotProposed       = "mentoring.error.not_proposed"
	ErrNotActive         = "mentoring.error.not_active"
	ErrAlreadyAnswered   = "mentoring.error.already_answered"
	ErrNotExpired        = "mentoring.error.not_expired"
	ErrExpired           = "mentoring.error.expired"
	ErrCapacity          = "mentoring.error.capacity"
	ErrNewcomerActive    = "mentoring.error.newcomer_active"
	ErrDuplicate         = "mentoring.error.duplicate"
	ErrVolunteerNotAvail = "mentoring.error.volunteer_unavailable"
	ErrNewcomerNotWait   = "mentoring.error.newcomer_unavailable"
	ErrPoliceCheck       = "mentoring.error.police_check"
	ErrPreferences       = "mentoring.error.preferences"
	ErrExcluded          = "mentoring.error.excluded"
	ErrCapacityBelowOpen = "mentoring.error.capacity_below_open"
)

func conflict(msgID string) error { return &broen.Error{Code: broen.ECONFLICT, MessageID: msgID} }

// NewPairing is the transition into proposed. policy gives the expiry.
func NewPairing(volunteerID, newcomerID, by int64, lengthMonths int, at time.Time, policy Policy) *Pairing {
	if !slices.Contains(Lengths, lengthMonths) {
		lengthMonths = 6
	}
	return &Pairing{
		VolunteerID: volunteerID, NewcomerID: newcomerID, Status: PairingProposed,
		LengthMonths: lengthMonths, ProposedBy: by, ProposedAt: at,
		ExpiresAt: at.AddDate(0, 0, policy.proposalDays()),
	}
}

// Accept records side's yes. When the other side has said yes too, the
// pairing becomes active at `at`. ECONFLICT unless proposed, not past its
// expiry, and side has not answered yet.
func (p *Pairing) Accept(side Side, at time.Time) error {
	if p.Status != PairingProposed {
		return conflict(ErrNotProposed)
	}
	if p.pastExpiry(at) {
		return conflict(ErrExpired)
	}
	ans, when := p.answer(side)
	if *ans != AnswerNone {
		return conflict(ErrAlreadyAnswered)
	}
	*ans, *when = AnswerYes, at
	if p.VolunteerAnswer == AnswerYes && p.NewcomerAnswer == AnswerYes {
		p.Status, p.StartedAt = PairingActive, at
	}
	return nil
}

// Decline records side's no: the pairing is declined. A side that said yes
// may still change its mind while the other has not answered. ECONFLICT
// unless proposed and not past its expiry.
func (p *Pairing) Decline(side Side, reason DeclineReason, at time.Time) error {
	if p.Status != PairingProposed {
		return conflict(ErrNotProposed)
	}
	if p.pastExpiry(at) {
		return conflict(ErrExpired)
	}
	if !slices.Contains(DeclineReasons, reason) {
		reason = DeclineUnstated
	}
	ans, when := p.answer(side)
	*ans, *when = AnswerNo, at
	p.Status, p.DeclinedBy, p.DeclineReason, p.ClosedAt = PairingDeclined, side, reason, at
	return nil
}

// pastExpiry reports whether the proposal is unanswered past its expiry at
// `at`: it can no longer be answered, even before the sweep expires it.
func (p *Pairing) pastExpiry(at time.Time) bool {
	return !p.ExpiresAt.IsZero() && !at.Before(p.ExpiresAt)
}

// Withdraw is the coordinator taking a proposal back. ECONFLICT unless
// proposed.
func (p *Pairing) Withdraw(reason WithdrawReason, at time.Time) error {
	if p.Status != PairingProposed {
		return conflict(ErrNotProposed)
	}
	p.Status, p.WithdrawReason, p.ClosedAt = PairingWithdrawn, reason, at
	return nil
}

// Expire closes a proposal not answered by both sides before ExpiresAt.
// ECONFLICT unless proposed and past its expiry.
func (p *Pairing) Expire(at time.Time) error {
	if p.Status != PairingProposed {
		return conflict(ErrNotProposed)
	}
	if at.Before(p.ExpiresAt) {
		return conflict(ErrNotExpired)
	}
	p.Status, p.ClosedAt = PairingExpired, at
	return nil
}

// End closes an active pairing with a reason and an evaluation. EINVALID
// when they are incomplete, ECONFLICT unless active.
func (p *Pairing) End(reason EndReason, ev Evaluation, at time.Time) error {
	if p.Status != PairingActive {
		return conflict(ErrNotActive)
	}
	fe := broen.FieldErrors{}
	if !slices.Contains(EndReasons, reason) {
		fe.Add("end_reason", msgChoice)
	}
	checkEvaluation(fe, ev)
	if err := fe.Err(); err != nil {
		return err
	}
	ev.Outcomes = slices.Clone(ev.Outcomes)
	p.Status, p.EndedAt, p.EndReason, p.Evaluation = PairingEnded, at, reason, &ev
	return nil
}

// AnswerOf returns side's answer.
func (p *Pairing) AnswerOf(side Side) Answer {
	a, _ := p.answer(side)
	return *a
}

func (p *Pairing) answer(side Side) (*Answer, *time.Time) {
	if side == SideVolunteer {
		return &p.VolunteerAnswer, &p.VolunteerAnsweredAt
	}
	return &p.NewcomerAnswer, &p.NewcomerAnsweredAt
}

// SharesContacts reports whether each side may see the other's contact
// details: only once both have said yes.
func (p *Pairing) SharesContacts() bool {
	return p.VolunteerAnswer == AnswerYes && p.NewcomerAnswer == AnswerYes &&
		(p.Status == PairingActive || p.Status == PairingEnded)
}

// PlannedEnd is the day the agreed period runs out, counted from the
// municipality's day of the start; zero until active.
func (p *Pairing) PlannedEnd(policy Policy) time.Time {
	if p.StartedAt.IsZero() {
		return time.Time{}
	}
	return policy.DayOf(p.StartedAt).AddDate(0, p.LengthMonths, 0)
}

// Exclusion is a pair the coordinator has ruled out, or one that was
// declined (the store adds those itself so they are not suggested again).
type Exclusion struct {
	VolunteerID int64     `json:"volunteer_id"`
	NewcomerID  int64     `json:"newcomer_id"`
	Reason      string    `json:"reason"` // "coordinator" or "declined"
	CreatedBy   int64     `json:"created_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// PairingFilter selects pairings. Nil fields do not filter.
type PairingFilter struct {
	Status      *PairingStatus
	Open        *bool // proposed or active
	VolunteerID *int64
	NewcomerID  *int64
	// Quiet keeps the active pairings that are quiet on the day of Now
	// (Policy.IsQuiet); Now is required with it.
	Quiet         *bool
	Now           time.Time
	Offset, Limit int
}

// PairingService keeps pairings. Every transition runs in one transaction
// that re-reads both parties and re-checks, for both of them: the
// volunteer's capacity, the newcomer's limit of active pairings, that the
// pair has no other open proposal, and the hard rules.
type PairingService interface {
	// FindPairingByID returns ENOTFOUND.
	FindPairingByID(ctx context.Context, id int64) (*Pairing, error)
	// FindPairings returns one page, newest first, and the total.
	FindPairings(ctx context.Context, f PairingFilter) ([]*Pairing, int, error)
	// ProposePairing stores p (from NewPairing); ECONFLICT when an invariant
	// or hard rule would break, ENOTFOUND for an unknown party.
	ProposePairing(ctx context.Context, p *Pairing) error
	// AnswerPairing records side's answer (Accept or Decline). When the
	// pairing becomes active its check-ins are scheduled, and if the
	// newcomer has reached their limit of active pairings their other
	// proposals are withdrawn. ECONFLICT, ENOTFOUND.
	AnswerPairing(ctx context.Context, id int64, side Side, yes bool, reason DeclineReason, by int64, at time.Time) (*Pairing, error)
	// WithdrawPairing; ECONFLICT, ENOTFOUND.
	WithdrawPairing(ctx context.Context, id int64, reason WithdrawReason, by int64, at time.Time) (*Pairing, error)
	// EndPairing; EINVALID, ECONFLICT, ENOTFOUND. Both parties go back on
	// their waiting lists (WaitingSince = at) if they want a new pairing.
	EndPairing(ctx context.Context, id int64, reason EndReason, ev Evaluation, by int64, at time.Time) (*Pairing, error)
	// ExpirePairings expires every proposal past its expiry at `at`,
	// releasing the places they held, and returns them.
	ExpirePairings(ctx context.Context, at time.Time) ([]*Pairing, error)
	// ProposalsToRemind returns proposals the volunteer has not answered,
	// made at least Policy.ReminderDays ago and not reminded yet.
	ProposalsToRemind(ctx context.Context, at time.Time) ([]*Pairing, error)
	// MarkProposalReminded records that the volunteer was reminded;
	// ENOTFOUND. (Not MarkReminded: the store has that for stale listings.)
	MarkProposalReminded(ctx context.Context, id int64, at time.Time) error

	// LogContact validates and stores c; EINVALID, ECONFLICT unless the
	// pairing is active, ENOTFOUND.
	LogContact(ctx context.Context, c *ContactLog) error
	// FindContacts returns a pairing's contact log, newest first.
	FindContacts(ctx context.Context, pairingID int64) ([]*ContactLog, error)
	// FindCheckIns returns check-ins, earliest due first, and the total.
	FindCheckIns(ctx context.Context, f CheckInFilter) ([]*CheckIn, int, error)
	// CompleteCheckIn records a check-in as done; EINVALID, ECONFLICT if
	// already done, ENOTFOUND.
	CompleteCheckIn(ctx context.Context, id int64, outcome CheckInOutcome, by int64, at time.Time) (*CheckIn, error)
	// MarkCheckInNotified records that the volunteer was emailed about it.
	MarkCheckInNotified(ctx context.Context, id int64, at time.Time) error
	// FollowUp is the coordinator's follow-up list on the day of now: due
	// check-ins and quiet pairings. The follow-up page, the counts and the
	// weekly digest all read it.
	FollowUp(ctx context.Context, now time.Time) (*FollowUp, error)

	// Exclude rules out a pair for the engine; ENOTFOUND.
	Exclude(ctx context.Context, e Exclusion) error
	// Unexclude removes a coordinator's exclusion.
	Unexclude(ctx context.Context, volunteerID, newcomerID int64) error
	// FindExclusions returns every exclusion.
	FindExclusions(ctx context.Context) ([]Exclusion, error)

	// MatchWeights returns the coordinator's weights (DefaultWeights until
	// set); SetMatchWeights validates and stores them (EINVALID).
	MatchWeights(ctx context.Context) (Weights, error)
	SetMatchWeights(ctx context.Context, w Weights) error
}

// AfterEnd says where the parties go when a pairing ends for reason: the
// newcomer's new status (waiting means back on the list for a new pairing)
// and whether the volunteer is paused. A completed pairing pauses the
// newcomer (the coordinator puts them back if they want another); a
// newcomer who moved or stopped leaves; otherwise the newcomer waits again.
// A volunteer who stopped is paused, not removed: they may come back.
func AfterEnd(reason EndReason) (newcomer NewcomerStatus, pauseVolunteer bool) {
	switch reason {
	case EndCompleted:
		return NewcomerPaused, false
	case EndNewcomerMoved, EndNewcomerStopped:
		return NewcomerLeft, false
	case EndVolunteerStop:
		return NewcomerWaiting, true
	}
	return NewcomerWaiting, false
}
