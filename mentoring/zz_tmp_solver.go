package mentoring

// TEMPORARY compile shim until assign.go lands; removed automatically.

import (
	"context"
	"math"
)

var Forbidden = math.Inf(-1)

type AssignProblem struct {
	Rows, Cols int
	W          []float64
	Cap        []int
}

type Assignment struct {
	Col   []int
	Total float64
}

func Solve(ctx context.Context, p AssignProblem) (Assignment, error) {
	a := Assignment{Col: make([]int, p.Rows)}
	used := make([]int, p.Cols)
	for i := range a.Col {
		a.Col[i] = -1
		best := 0.0
		for j := 0; j < p.Cols; j++ {
			if w := p.W[i*p.Cols+j]; w > best && used[j] < p.Cap[j] {
				best, a.Col[i] = w, j
			}
		}
		if a.Col[i] >= 0 {
			used[a.Col[i]]++
			a.Total += best
		}
	}
	return a, nil
}
