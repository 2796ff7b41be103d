package mentoring

// BuildMatrixForTest returns the problem Engine.Run hands to Solve for
// pool: the scored matrix (Forbidden where a hard rule breaks) and the
// volunteers' spare places as capacities. It lets external benchmarks time
// Solve alone on the real workload.
func BuildMatrixForTest(e *Engine, p Pool) AssignProblem {
	m := e.build(p)
	caps := make([]int, len(m.vols))
	for j, v := range m.vols {
		caps[j] = v.Spare()
	}
	return AssignProblem{Rows: len(m.news), Cols: len(m.vols), W: m.score, Cap: caps}
}
