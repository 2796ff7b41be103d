package mentoring_test

import (
	"context"
	"testing"
	"time"

	"broen/demo"
	"broen/mentoring"
)

// BenchmarkWholeJob is the coordinator's "match everyone waiting" for 2000
// newcomers and 700 volunteers taking 3 each: every pair scored with the
// hard rules applied, the exactly optimal assignment, and the top five
// suggestions per newcomer with the assigned pairs' reasons — Engine.Run
// from a pool already in memory. Pool generation is outside the timing.
// The bar is under 100 ms per run; see docs/benchmarks.md.
func BenchmarkWholeJob(b *testing.B) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	pool := demo.GeneratePool(1, 700, 2000, now)
	for _, v := range pool.Volunteers {
		v.Capacity = 3
	}
	e := &mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: now}
	var res *mentoring.Result
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if res, err = e.Run(context.Background(), pool, 5); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(res.Pairs)), "pairs")
	b.ReportMetric(float64(len(res.Unpaired)), "unpaired")
}
