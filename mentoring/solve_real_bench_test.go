package mentoring_test

import (
	"context"
	"testing"
	"time"

	"broen/demo"
	"broen/mentoring"
)

// realProblem is the matrix BenchmarkWholeJob hands to Solve: 2000
// newcomers, 700 volunteers taking 3 each, demo.GeneratePool's people scored
// by the default weights (many ties and near-ties, Forbidden pairs from the
// hard rules).
func realProblem(tb testing.TB, seed uint64, vols, news, capacity int) mentoring.AssignProblem {
	tb.Helper()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	pool := demo.GeneratePool(seed, vols, news, now)
	for _, v := range pool.Volunteers {
		v.Capacity = capacity
	}
	e := &mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: now}
	return mentoring.BuildMatrixForTest(e, pool)
}

// BenchmarkSolveReal times Solve alone on the real workload's matrix.
func BenchmarkSolveReal(b *testing.B) {
	p := realProblem(b, 1, 700, 2000, 3)
	b.ResetTimer()
	for b.Loop() {
		if _, err := mentoring.Solve(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}
