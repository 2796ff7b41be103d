package registry

import (
	"testing"
	"time"
)

func TestStalePolicy(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	p := StalePolicy{After: 180 * 24 * time.Hour, Grace: 30 * 24 * time.Hour}
	tests := []struct {
		name          string
		confirmed     time.Time
		stale, hidden bool
	}{
		{"Fresh", now.AddDate(0, 0, -10), false, false},
		{"JustNotStale", now.Add(-180 * 24 * time.Hour), false, false},
		{"Stale", now.Add(-181 * 24 * time.Hour), true, false},
		{"StaleInGrace", now.Add(-209 * 24 * time.Hour), true, false},
		{"Hidden", now.Add(-211 * 24 * time.Hour), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.IsStale(tt.confirmed, now); got != tt.stale {
				t.Errorf("stale %v", got)
			}
			if got := p.IsHidden(tt.confirmed, now); got != tt.hidden {
				t.Errorf("hidden %v", got)
			}
		})
	}
	if (StalePolicy{}).IsStale(time.Time{}, now) {
		t.Error("zero policy: staleness should be off")
	}
}
