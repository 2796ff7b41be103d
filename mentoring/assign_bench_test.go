package mentoring

import (
	"context"
	"math/rand/v2"
	"testing"
)

// uniformProblem is a dense problem with scores uniform in [0, 1) and every
// column of capacity c.
func uniformProblem(rows, cols, c int, seed uint64) AssignProblem {
	r := rand.New(rand.NewPCG(seed, 2))
	p := AssignProblem{Rows: rows, Cols: cols, W: make([]float64, rows*cols), Cap: make([]int, cols)}
	for k := range p.W {
		p.W[k] = r.Float64()
	}
	for j := range p.Cap {
		p.Cap[j] = c
	}
	return p
}

func benchmarkSolve(b *testing.B, p AssignProblem) {
	for b.Loop() {
		if _, err := Solve(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolve2000x2000(b *testing.B)    { benchmarkSolve(b, uniformProblem(2000, 2000, 1, 1)) }
func BenchmarkSolve2000x700Cap3(b *testing.B) { benchmarkSolve(b, uniformProblem(2000, 700, 3, 1)) }
func BenchmarkSolve2000x1800(b *testing.B)    { benchmarkSolve(b, uniformProblem(2000, 1800, 1, 1)) }
func BenchmarkSolve200x200(b *testing.B)      { benchmarkSolve(b, uniformProblem(200, 200, 1, 1)) }

// BenchmarkSolveWaitingList is a municipality's batch: 400 newcomers
// waiting, 150 volunteers taking 1 to 3 each, a third of the pairs
// Forbidden, scores whole numbers 0..100 (many ties).
func BenchmarkSolveWaitingList(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 2))
	p := AssignProblem{Rows: 400, Cols: 150, W: make([]float64, 400*150), Cap: make([]int, 150)}
	for k := range p.W {
		if r.IntN(3) == 0 {
			p.W[k] = Forbidden
		} else {
			p.W[k] = float64(r.IntN(101))
		}
	}
	for j := range p.Cap {
		p.Cap[j] = 1 + r.IntN(3)
	}
	benchmarkSolve(b, p)
}

// BenchmarkSolveTies2000x700Cap3 has scores 0..3 (whole numbers): ties
// everywhere, where candidate lists cannot tell columns apart.
func BenchmarkSolveTies2000x700Cap3(b *testing.B) {
	r := rand.New(rand.NewPCG(4, 2))
	p := AssignProblem{Rows: 2000, Cols: 700, W: make([]float64, 2000*700), Cap: make([]int, 700)}
	for k := range p.W {
		p.W[k] = float64(r.IntN(4))
	}
	for j := range p.Cap {
		p.Cap[j] = 3
	}
	benchmarkSolve(b, p)
}
