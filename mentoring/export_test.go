package mentoring

import "context"

// BuildMatrixForTest returns the problem Engine.Run hands to Solve for
// pool: the scored matrix (Forbidden where a hard rule breaks) and the
// volunteers' spare places as capacities. It lets external tests and
// benchmarks use Solve alone on the real workload.
func BuildMatrixForTest(e *Engine, p Pool) AssignProblem {
	m := e.build(p, 0)
	caps := make([]int, len(m.vols))
	for j, v := range m.vols {
		caps[j] = v.Spare()
	}
	return AssignProblem{Rows: len(m.news), Cols: len(m.vols), W: m.score, Cap: caps}
}

// SolveWaysForTest is the number of ways of running the solver that the
// property tests compare (solveWays).
var SolveWaysForTest = len(solveWays)

// SolveCheckedForTest solves p the k-th of those ways, checks that the
// result is feasible (checkFeasible) and that the solver's prices prove it
// optimal up to tol (checkCertificate), and returns it.
func SolveCheckedForTest(p AssignProblem, k int, tol float64) (Assignment, error) {
	way := solveWays[k]
	a, s, err := solveWith(context.Background(), p, way.bids, way.list)
	if err != nil {
		return a, err
	}
	if err := checkFeasible(p, a); err != nil {
		return a, err
	}
	if s != nil {
		if err := checkCertificate(s, tol); err != nil {
			return a, err
		}
	}
	return a, nil
}
