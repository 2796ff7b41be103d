package mentoring

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"broen/zzold"
)

func TestZZAdversarial(t *testing.T) {
	mk := func(rows, cols, c int, f func(r *rand.Rand, i, j int) float64) AssignProblem {
		r := rand.New(rand.NewPCG(5, 5))
		p := AssignProblem{Rows: rows, Cols: cols, W: make([]float64, rows*cols), Cap: make([]int, cols)}
		a := make([]float64, rows)
		b := make([]float64, cols)
		for i := range a { a[i] = r.Float64() * 50 }
		for j := range b { b[j] = r.Float64() * 50 }
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				p.W[i*cols+j] = f(r, i, j)
				if f == nil { p.W[i*cols+j] = a[i] + b[j] }
			}
		}
		for j := range p.Cap { p.Cap[j] = c }
		return p
	}
	var a, b []float64
	rr := rand.New(rand.NewPCG(6, 6))
	a = make([]float64, 2000)
	b = make([]float64, 2000)
	for i := range a { a[i] = float64(rr.IntN(50)); b[i] = float64(rr.IntN(50)) }
	cases := map[string]AssignProblem{
		"allEqual2000":   mk(2000, 2000, 1, func(r *rand.Rand, i, j int) float64 { return 5 }),
		"allEqualCap3":   mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { return 5 }),
		"int0to3":        mk(2000, 2000, 1, func(r *rand.Rand, i, j int) float64 { return float64(r.IntN(4)) }),
		"int0to3cap3":    mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { return float64(r.IntN(4)) }),
		"rank1int":       mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { return a[i] + b[j] }),
		"rank1noise":     mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { return a[i] + b[j] + r.Float64() }),
		"sparse90":       mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { if r.IntN(10) > 0 { return Forbidden }; return r.Float64() }),
		"popularCols":    mk(2000, 700, 3, func(r *rand.Rand, i, j int) float64 { return b[j] + 5*r.Float64() }),
		"underCap":       mk(2000, 500, 3, func(r *rand.Rand, i, j int) float64 { return b[j] + 5*r.Float64() }),
	}
	for _, name := range []string{"allEqual2000", "allEqualCap3", "int0to3", "int0to3cap3", "rank1int", "rank1noise", "sparse90", "popularCols", "underCap"} {
		p := cases[name]
		bestOld, bestNew := time.Hour, time.Hour
		var to, tn float64
		for range 3 {
			st := time.Now()
			ao, _ := zzold.Solve(context.Background(), zzold.AssignProblem{Rows: p.Rows, Cols: p.Cols, W: p.W, Cap: p.Cap})
			bestOld = min(bestOld, time.Since(st))
			st = time.Now()
			an, _ := Solve(context.Background(), p)
			bestNew = min(bestNew, time.Since(st))
			to, tn = ao.Total, an.Total
		}
		fmt.Printf("%-14s old %12v new %12v  totals %.6f %.6f\n", name, bestOld, bestNew, to, tn)
	}
}
