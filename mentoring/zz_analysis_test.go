package mentoring

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

func realForAnalysis() AssignProblem {
	b, _ := os.ReadFile("/tmp/real.bin")
	rows := int(binary.LittleEndian.Uint64(b))
	cols := int(binary.LittleEndian.Uint64(b[8:]))
	p := AssignProblem{Rows: rows, Cols: cols, W: make([]float64, rows*cols), Cap: make([]int, cols)}
	for k := range p.W {
		p.W[k] = math.Float64frombits(binary.LittleEndian.Uint64(b[16+8*k:]))
	}
	for j := range p.Cap {
		p.Cap[j] = int(binary.LittleEndian.Uint64(b[16+8*rows*cols+8*j:]))
	}
	return p
}

func timeIt(p AssignProblem, bids int) (time.Duration, Assignment) {
	best := time.Hour
	var a Assignment
	for range 5 {
		st := time.Now()
		a, _, _ = solve(context.Background(), p, bids)
		best = min(best, time.Since(st))
	}
	return best, a
}

func TestZZTimes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2))
	wl := AssignProblem{Rows: 400, Cols: 150, W: make([]float64, 400*150), Cap: make([]int, 150)}
	for k := range wl.W {
		if r.IntN(3) == 0 {
			wl.W[k] = Forbidden
		} else {
			wl.W[k] = float64(r.IntN(101))
		}
	}
	for j := range wl.Cap {
		wl.Cap[j] = 1 + r.IntN(3)
	}
	probs := map[string]AssignProblem{
		"real": realForAnalysis(), "sq": uniformProblem(2000, 2000, 1, 1), "cap3": uniformProblem(2000, 700, 3, 1),
		"tall": uniformProblem(2000, 1800, 1, 1), "200": uniformProblem(200, 200, 1, 1), "wl": wl,
	}
	for _, name := range []string{"real", "sq", "cap3", "tall", "200", "wl"} {
		tm, a := timeIt(probs[name], -1)
		t0, a0 := timeIt(probs[name], 0)
		fmt.Printf("%s: %v (no bids %v) total %.9f %.9f\n", name, tm, t0, a.Total, a0.Total)
	}
}

func BenchmarkZZReal(b *testing.B) {
	p := realForAnalysis()
	for b.Loop() {
		solve(context.Background(), p, -1)
	}
}



