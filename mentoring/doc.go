// Package mentoring is the pairing side of Broen: volunteers (a mentor, or a
// network family as one unit) and newcomers (a person or a family) on two
// waiting lists; pairings with an explicit lifecycle (proposed → accepted by
// both → active → ended; declined, withdrawn, expired); the follow-up of
// active pairings (scheduled check-ins, a contact log with structured
// outcomes, and the one definition of a quiet pairing); and the matching
// engine: a compatibility score with readable reasons, hard rules that are
// never broken, ranked suggestions and an exactly optimal batch assignment
// of everyone waiting (Solve).
//
// It holds no special-category data (no ethnicity, religion or health), and
// never a police certificate: only that one was shown, when, to whom, and
// when it must be renewed. It does no I/O; sqlite/ implements the services.
package mentoring
