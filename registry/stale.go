package registry

import "time"

// StalePolicy is the one definition of a stale listing, used by every list,
// count, search and reminder: an approved activity whose organisation has
// not confirmed it for After is stale (flagged for the coordinator, its
// editors reminded); after After+Grace it is also hidden from the public
// search. A zero After turns staleness off.
type StalePolicy struct {
	After time.Duration
	Grace time.Duration
}

// DefaultStalePolicy: six months, then one more month before hiding.
var DefaultStalePolicy = StalePolicy{After: 183 * 24 * time.Hour, Grace: 30 * 24 * time.Hour}

// StaleSince is the confirmation time before which a listing is stale at
// now; zero when staleness is off.
func (p StalePolicy) StaleSince(now time.Time) time.Time {
	if p.After <= 0 {
		return time.Time{}
	}
	return now.Add(-p.After)
}

// HiddenSince is the confirmation time before which a listing is hidden
// from the public search at now; zero when staleness is off.
func (p StalePolicy) HiddenSince(now time.Time) time.Time {
	if p.After <= 0 {
		return time.Time{}
	}
	return now.Add(-p.After - p.Grace)
}

// IsStale reports whether a listing confirmed at confirmed is stale at now.
func (p StalePolicy) IsStale(confirmed, now time.Time) bool {
	return p.After > 0 && confirmed.Before(p.StaleSince(now))
}

// IsHidden reports whether such a listing is hidden from the public search.
func (p StalePolicy) IsHidden(confirmed, now time.Time) bool {
	return p.After > 0 && confirmed.Before(p.HiddenSince(now))
}
