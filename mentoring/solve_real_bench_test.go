package mentoring_test

import (
	"context"
	"encoding/binary"
	"flag"
	"math"
	"os"
	"testing"
	"time"

	"broen/demo"
	"broen/mentoring"
)

// realProblem is the matrix Engine.Run hands to Solve for
// demo.GeneratePool(seed, vols, news) with every volunteer taking capacity
// newcomers (BenchmarkWholeJob's for 1, 700, 2000, 3): scores 0–100 summed
// from a few discrete parts and a distance (many ties and near-ties, and
// popular volunteers that almost every newcomer ranks high), Forbidden pairs
// from the hard rules. With noCoords, nobody has coordinates, so the
// distance part is discrete too (same district or not): ties everywhere.
func realProblem(seed uint64, vols, news, capacity int, noCoords bool) mentoring.AssignProblem {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	pool := demo.GeneratePool(seed, vols, news, now)
	for _, v := range pool.Volunteers {
		v.Capacity = capacity
		if noCoords {
			v.Coords = mentoring.Coords{}
		}
	}
	if noCoords {
		for _, n := range pool.Newcomers {
			n.Coords = mentoring.Coords{}
		}
	}
	e := &mentoring.Engine{Weights: mentoring.DefaultWeights, Local: "nb", Today: now}
	return mentoring.BuildMatrixForTest(e, pool)
}

// BenchmarkSolveReal times Solve alone on BenchmarkWholeJob's matrix.
func BenchmarkSolveReal(b *testing.B) {
	p := realProblem(1, 700, 2000, 3, false)
	for b.Loop() {
		if _, err := mentoring.Solve(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolveRealNoCoords is BenchmarkSolveReal without coordinates.
func BenchmarkSolveRealNoCoords(b *testing.B) {
	p := realProblem(1, 700, 2000, 3, true)
	for b.Loop() {
		if _, err := mentoring.Solve(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSolveRealWorkload checks Solve on the engine's own matrices, where
// the bidding turns into long price wars and the searches cross most
// columns: every way of running the solver must give a feasible assignment
// whose optimality its prices prove (to 1e-9: the scores are not integers),
// all with the same Total.
func TestSolveRealWorkload(t *testing.T) {
	sizes := []struct {
		seed             uint64
		vols, news, capa int
		noCoords         bool
	}{
		{1, 150, 400, 3, false},
		{2, 150, 400, 3, true},
		{3, 60, 300, 2, false},  // more newcomers than places
		{4, 300, 250, 1, false}, // more volunteers than newcomers
		{1, 700, 2000, 3, false},
	}
	if testing.Short() {
		sizes = sizes[:4]
	}
	for _, sz := range sizes {
		p := realProblem(sz.seed, sz.vols, sz.news, sz.capa, sz.noCoords)
		var total float64
		for k := range mentoring.SolveWaysForTest {
			a, err := mentoring.SolveCheckedForTest(p, k, 1e-9)
			if err != nil {
				t.Fatalf("%+v, way %d: %v", sz, k, err)
			}
			if k == 0 {
				total = a.Total
			} else if math.Abs(a.Total-total) > 1e-9*total {
				t.Fatalf("%+v: Total %v the way %d, %v the first", sz, a.Total, k, total)
			}
		}
	}
}

var realOut = flag.String("assign.real", "", "TestWriteRealMatrix: write BenchmarkWholeJob's matrix to this file")

// TestWriteRealMatrix writes BenchmarkWholeJob's matrix for
// bench/assign/run.sh, in scipy_time.py's format (two little-endian int64,
// rows and cols, then the scores as little-endian float64, row-major,
// -Inf for Forbidden), when run with -args -assign.real=FILE. Every
// capacity is 3, which the format leaves out.
func TestWriteRealMatrix(t *testing.T) {
	if *realOut == "" {
		t.Skip("no -assign.real file")
	}
	p := realProblem(1, 700, 2000, 3, false)
	for j, c := range p.Cap {
		if c != 3 {
			t.Fatalf("capacity of column %d is %d, not 3", j, c)
		}
	}
	b := make([]byte, 16+8*len(p.W))
	binary.LittleEndian.PutUint64(b, uint64(p.Rows))
	binary.LittleEndian.PutUint64(b[8:], uint64(p.Cols))
	for k, x := range p.W {
		binary.LittleEndian.PutUint64(b[16+8*k:], math.Float64bits(x))
	}
	if err := os.WriteFile(*realOut, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
