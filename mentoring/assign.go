package mentoring

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// Forbidden marks a pair that breaks a hard rule; the solver never assigns it.
var Forbidden = math.Inf(-1)

// AssignProblem is a batch assignment: Rows (newcomers) × Cols (volunteers).
// W is row-major, len Rows*Cols: W[i*Cols+j] is the score of pairing row i
// with column j, finite and of any sign, or Forbidden. Cap[j] >= 0 is how
// many rows column j can take (len Cols).
type AssignProblem struct {
	Rows, Cols int
	W          []float64
	Cap        []int
}

// Assignment is a solution of an AssignProblem: Col[i] is the column
// assigned to row i, or -1 if row i stays unassigned. Total is the sum of W
// over the assigned pairs, added in row order.
type Assignment struct {
	Col   []int
	Total float64
}

// Solve returns an assignment of maximum Total: each row to at most one
// column, column j taking at most Cap[j] rows, never a Forbidden pair and
// never a pair with a negative score (leaving a row unassigned scores 0, so
// it is always at least as good); a pair scoring exactly 0 may be used.
// Among maximal assignments it returns one that leaves a row unassigned
// only if every column the row may take (score >= 0, not Forbidden) is full.
//
// Solve is exact, not a heuristic: it proves its result optimal (LP duality)
// before returning. With integer scores whose sums are exact in float64,
// Total is the true maximum; with arbitrary scores it is the maximum up to
// the rounding of float64 additions, as with any floating-point solver.
//
// Solve is deterministic: the same problem always gives the same
// assignment. When several assignments reach the maximum Total, every
// choice between equals goes to the lowest index:
//
//   - rows are placed in increasing row order (first by bidding, then by
//     shortest augmenting paths for the rows bidding left over);
//   - a row takes the lowest-indexed of its equally good columns, except
//     that a column with room comes before a full one, and any column comes
//     before staying unassigned (so a pair scoring 0 is used, not skipped);
//   - when one of a column's rows must make way and several are equally
//     placed, the highest-indexed one moves on and the lower ones stay.
//
// When the rows outnumber the places (Rows > Σ_j min(Cap[j], Rows)),
// Solve works on the transposed problem, as scipy does with tall matrices:
// each place of a column is placed like a row (columns in increasing order),
// each row is a column of capacity 1, and the rules apply with rows and
// columns exchanged. Which of the optimal assignments the rules lead to is
// otherwise a property of the algorithm, not a promise: a later version
// may pick another one.
//
// Solve returns ctx.Err() (wrapped) if ctx is done before the optimum is
// proven; it checks ctx once per augmentation and once per 64 bids. It
// returns an error for malformed input: a negative dimension,
// len(W) != Rows*Cols, len(Cap) != Cols, a negative capacity, a NaN or +Inf
// score, or one above 1e300 (where the arithmetic could overflow).
//
// Solve does not modify p.W or p.Cap. Besides the result it allocates
// O(Rows + Cols), plus a copy of W if W holds a finite negative score or
// the rows outnumber the places.
func Solve(ctx context.Context, p AssignProblem) (Assignment, error) {
	a, _, err := solve(ctx, p, -1)
	return a, err
}

// solve is Solve with a given budget of row-reduction bids: negative for
// the default, 0 for none. It also returns the solver, whose prices prove
// the result optimal (nil when there is nothing to solve); tests use both.
func solve(ctx context.Context, p AssignProblem, bids int) (Assignment, *assignSolver, error) {
	neg, err := p.validate()
	if err != nil {
		return Assignment{}, nil, err
	}
	if err := ctx.Err(); err != nil {
		return Assignment{}, nil, fmt.Errorf("mentoring: solve: %w", err)
	}
	a := Assignment{Col: make([]int, p.Rows)}
	for i := range a.Col {
		a.Col[i] = -1
	}
	if p.Rows == 0 || p.Cols == 0 {
		return a, nil, nil
	}
	places := 0
	for _, c := range p.Cap {
		places += min(c, p.Rows)
	}
	var s *assignSolver
	if p.Rows > places {
		s = transposed(p, places)
	} else {
		s = newSolver(p.Rows, p.Cols, sanitized(p.W, neg), p.Cap, nil)
	}
	if err := s.run(ctx, bids); err != nil {
		return Assignment{}, nil, fmt.Errorf("mentoring: solve: %w", err)
	}
	for i, j := range s.col {
		if j < 0 {
			continue
		}
		if s.unitCol != nil {
			i, j = int(j), s.unitCol[i]
		}
		a.Col[i] = int(j)
	}
	for i, j := range a.Col {
		if j >= 0 {
			a.Total += p.W[i*p.Cols+j]
		}
	}
	return a, s, nil
}

// sanitized returns w, or if neg a copy with negative scores Forbidden: a
// negative pair never belongs to an optimum (dropping it gains its absolute
// value), and doing it here keeps rounding from ever tying one with
// "unassigned".
func sanitized(w []float64, neg bool) []float64 {
	if !neg {
		return w
	}
	c := make([]float64, len(w))
	for k, x := range w {
		if x < 0 {
			x = Forbidden
		}
		c[k] = x
	}
	return c
}

// transposed returns the solver for p seen from the columns, for when the
// rows outnumber the places: each place of a column (min(Cap[j], Rows) of
// them) becomes a solver row, and each row of p a solver column of capacity
// 1. The solver rows of one column share one row of a transposed copy of W,
// with negative scores Forbidden.
func transposed(p AssignProblem, places int) *assignSolver {
	n, m := p.Rows, p.Cols
	var cols []int // columns with places, increasing
	for j, c := range p.Cap {
		if c > 0 {
			cols = append(cols, j)
		}
	}
	wt := make([]float64, len(cols)*n)
	const block = 32 // transpose tile by tile, to stay in cache
	for i0 := 0; i0 < n; i0 += block {
		for a0 := 0; a0 < len(cols); a0 += block {
			for i := i0; i < min(i0+block, n); i++ {
				row := p.W[i*m : i*m+m]
				for a := a0; a < min(a0+block, len(cols)); a++ {
					x := row[cols[a]]
					if x < 0 {
						x = Forbidden
					}
					wt[a*n+i] = x
				}
			}
		}
	}
	rowStart := make([]int, 0, places)
	unitCol := make([]int32, 0, places)
	for a, j := range cols {
		for range min(p.Cap[j], n) {
			rowStart = append(rowStart, a*n)
			unitCol = append(unitCol, int32(j))
		}
	}
	ones := make([]int, n)
	for i := range ones {
		ones[i] = 1
	}
	s := newSolver(places, n, wt, ones, rowStart)
	s.unitCol = unitCol
	return s
}

// maxScore bounds the scores Solve accepts, far from where sums of a few
// scores could overflow.
const maxScore = 1e300

// validate reports whether W holds a finite negative score, or why p is
// malformed.
func (p *AssignProblem) validate() (neg bool, err error) {
	switch {
	case p.Rows < 0 || p.Cols < 0:
		return false, fmt.Errorf("mentoring: solve: negative dimension %d×%d", p.Rows, p.Cols)
	case p.Rows > math.MaxInt32 || p.Cols > math.MaxInt32:
		return false, fmt.Errorf("mentoring: solve: dimension %d×%d too large", p.Rows, p.Cols)
	case p.Cols > 0 && p.Rows > math.MaxInt/p.Cols:
		return false, fmt.Errorf("mentoring: solve: dimension %d×%d too large", p.Rows, p.Cols)
	case len(p.W) != p.Rows*p.Cols:
		return false, fmt.Errorf("mentoring: solve: len(W) = %d, want Rows*Cols = %d", len(p.W), p.Rows*p.Cols)
	case len(p.Cap) != p.Cols:
		return false, fmt.Errorf("mentoring: solve: len(Cap) = %d, want Cols = %d", len(p.Cap), p.Cols)
	}
	for j, c := range p.Cap {
		if c < 0 {
			return false, fmt.Errorf("mentoring: solve: Cap[%d] = %d is negative", j, c)
		}
	}
	for k, x := range p.W {
		// One predictable test per entry; anything unusual is sorted out
		// on the slow path.
		if x >= 0 && x <= maxScore {
			continue
		}
		switch {
		case math.IsNaN(x) || x > maxScore:
			return false, fmt.Errorf("mentoring: solve: W[%d] (row %d, column %d) = %v", k, k/p.Cols, k%p.Cols, x)
		case !math.IsInf(x, -1):
			neg = true
		}
	}
	return neg, nil
}

// The algorithm.
//
// Solve is a min-cost flow on a transportation network: every row supplies
// one unit; column j absorbs at most cap[j] units at cost -W[i][j] per unit
// from row i; a virtual column U ("unassigned") absorbs any number at cost
// 0. Negative and Forbidden pairs are absent. Working with profits instead
// of costs, the LP dual is a price p[j] >= 0 per column and a profit
// π[i] >= 0 per row (U's price is fixed at 0), with
//
//	π[i] >= W[i][j] - p[j] for every allowed pair,
//
// and an assignment is optimal if and only if, for some such prices,
//
//	(1) every assigned pair is tight: π[i] = W[i][j] - p[j];
//	(2) a row in U has π[i] = 0, so W[i][j] <= p[j] for every column;
//	(3) p[j] > 0 only if column j is full.
//
// A column's capacity is one node with one price, not cap[j] copies: the
// dual of a transportation problem has one variable per constraint, and
// column j is one constraint (Σ_i x[i][j] <= cap[j]). In the residual
// network all of a full column's rows are reached at the column's own
// distance (their edges are tight), so a shortest-path search treats a full
// column as a transit node that hands its distance to every row it holds,
// and a column with room (or U) as a sink: going on through a sink is never
// shorter than stopping there. Copying column j cap[j] times would give the
// copies equal prices in every optimal dual anyway, and multiply the work.
//
// The solver keeps (1)–(3) true for the rows placed so far, so the rows
// that remain can be placed in any order: each is a shortest augmenting
// path (successive shortest paths, Jonker–Volgenant style) in reduced
// costs, after which each transit column scanned has its price raised by
// the sink's distance less its own (lazily: no other price moves). Prices
// only ever rise, and only on columns that are full
// and stay full (a column's number of rows never falls: a path moves a row
// out of a column only to move another in), so (3) holds; U is always a
// sink, never transit, so its price stays 0 and (2) holds. The search never
// continues past U: any path through U is at least as long as stopping
// there.
//
// Before the augmentations, an augmenting row reduction (Jonker and
// Volgenant's "auction" pass, adapted to capacities and to U) places most
// rows in O(Cols) each: a row bids for its best column by raising its price
// until the row is indifferent to its second best. A price may rise only
// when the column is full and by no more than the slack of every row that
// stays in it, which keeps (1)–(3); the slack is measured against each
// row's second-best profit when it entered, an upper bound (prices only
// rise), so the rise is conservative. Two passes over the free rows, a cap
// on chains of displacements and a bid budget bound the reduction; the
// rows it leaves free are placed by augmentation, in increasing order.
//
// Every row must be placed, and the searches of the last rows of a tall
// problem (more rows than places) are long and mostly end in U. Such a
// problem is solved transposed: its places are the rows to place, its rows
// columns of capacity 1. The LP is the same, so are the optimum and the
// proof; only the work shrinks.

const (
	rowFree       = -1 // row not yet placed
	rowUnassigned = -2 // row placed in U
)

// assignSolver is the state of one Solve call. Rows and columns are int32,
// to keep the hot arrays small.
type assignSolver struct {
	n, m     int
	w        []float64 // scores, negative and Forbidden ones -Inf
	rowStart []int     // solver row i's scores are w[rowStart[i]:][:m]
	unitCol  []int32   // transposed: the column of p that solver row i is a place of

	cap   []int32   // min(Cap[j], n)
	load  []int32   // rows in column j
	price []float64 // p[j]; +Inf for a column of capacity 0 (never chosen)
	col   []int32   // column of row i, or rowFree, or rowUnassigned
	sec   []float64 // row reduction: upper bound of row i's second-best profit

	// Rows of a column are nodes of a singly linked list. A row only ever
	// leaves a column when another takes its place, so a node never dies:
	// it changes rows.
	head     []int32 // first node of column j, -1 if none
	nodeNext []int32
	nodeRow  []int32
	rowNode  []int32 // node of row i, when assigned to a column

	// Augmentation scratch.
	d       []float64 // tentative distance of column j (+Inf once scanned)
	pred    []int32   // row through which column j is reached
	rem     []int32   // unscanned columns, late in a long search
	scanCol []int32   // transit columns scanned, whose prices rise,
	scanD   []float64 // with their distances
	scanP   []float64 // and their prices before the search
	occ     []int32   // rows of the column being scanned
	gain    []float64 // their profit plus the column's distance
}

// newSolver returns the solver for n rows and m columns of capacities caps,
// row i's scores being w[rowStart[i]:][:m] (w[i*m:][:m] if rowStart is nil).
func newSolver(n, m int, w []float64, caps []int, rowStart []int) *assignSolver {
	if rowStart == nil {
		rowStart = make([]int, n)
		for i := range rowStart {
			rowStart[i] = i * m
		}
	}
	s := &assignSolver{
		n: n, m: m, w: w, rowStart: rowStart,
		cap:      make([]int32, m),
		load:     make([]int32, m),
		price:    make([]float64, m),
		col:      make([]int32, n),
		sec:      make([]float64, n),
		head:     make([]int32, m),
		nodeNext: make([]int32, 0, min(n, 1024)),
		nodeRow:  make([]int32, 0, min(n, 1024)),
		rowNode:  make([]int32, n),
		d:        make([]float64, m),
		pred:     make([]int32, m),
		rem:      make([]int32, 0, m),
	}
	for j, c := range caps {
		s.head[j] = -1
		if c > n {
			c = n
		}
		s.cap[j] = int32(c)
		if c == 0 {
			s.price[j] = math.Inf(1)
		}
	}
	for i := range s.col {
		s.col[i] = rowFree
	}
	return s
}

func (s *assignSolver) run(ctx context.Context, bids int) error {
	done := ctx.Done()
	freeRows := make([]int32, s.n)
	for i := range freeRows {
		freeRows[i] = int32(i)
	}
	if bids < 0 {
		bids = bidsPerRow*s.n + 1024
	}
	if bids > 0 {
		var err error
		if freeRows, err = s.reduceRows(ctx, freeRows, bids); err != nil {
			return err
		}
		slices.Sort(freeRows)
	}
	for _, i := range freeRows {
		if done != nil {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s.augment(i)
	}
	return nil
}

// add puts row i into column j, which has room.
func (s *assignSolver) add(i, j int32) {
	nd := int32(len(s.nodeRow))
	s.nodeRow = append(s.nodeRow, i)
	s.nodeNext = append(s.nodeNext, s.head[j])
	s.head[j] = nd
	s.rowNode[i] = nd
	s.load[j]++
	s.col[i] = j
}

// replace puts row i into column j in the place of row e, which becomes free.
func (s *assignSolver) replace(e, i, j int32) {
	nd := s.rowNode[e]
	s.nodeRow[nd] = i
	s.rowNode[i] = nd
	s.col[i] = j
	s.col[e] = rowFree
}

// row returns row i's scores.
func (s *assignSolver) row(i int32) []float64 {
	k := s.rowStart[i]
	return s.w[k : k+s.m : k+s.m]
}

// profit is row r's profit in column j at current prices.
func (s *assignSolver) profit(r, j int32) float64 {
	return s.w[s.rowStart[r]+int(j)] - s.price[j]
}

// leaver returns the row of full column j with the least slack (profit less
// its recorded second best; the highest row index among equal ones), and
// the least slack among the other rows (+Inf if none).
func (s *assignSolver) leaver(j int32) (e int32, rest float64) {
	e = -1
	least, rest := math.Inf(1), math.Inf(1)
	for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
		r := s.nodeRow[nd]
		sl := s.profit(r, j) - s.sec[r]
		if sl < least || (sl == least && r > e) {
			rest = min(rest, least)
			least, e = sl, r
		} else {
			rest = min(rest, sl)
		}
	}
	return e, rest
}

// Row reduction limits. A displaced row bids again at once while the price
// it lost to rose, but a chain of displacements longer than maxChain is a
// price war better settled by an augmenting path, so its last row waits for
// the next pass. The whole reduction makes at most bidsPerRow bids per row.
// Both were tuned on dense random problems (docs/benchmarks.md); they only
// move work between the two phases, never change the result's optimality.
const (
	maxChain   = 128
	bidsPerRow = 32
)

// reduceRows is the augmenting row reduction: two passes of exact bids over
// the free rows, at most budget bids. It returns the rows it left free.
func (s *assignSolver) reduceRows(ctx context.Context, list []int32, budget int) ([]int32, error) {
	done := ctx.Done()
	for pass := 0; pass < 2; pass++ {
		n := len(list)
		k, nfree, chain := 0, 0, 0
		for k < n {
			i := list[k]
			k++
			if budget--; budget < 0 {
				// Out of budget: keep the rest for augmentation.
				nfree += copy(list[nfree:], list[k-1:n])
				return list[:nfree], nil
			}
			if done != nil && budget&63 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			e, again := s.bid(i)
			switch {
			case e < 0:
				chain = 0
			case again && chain < maxChain:
				chain++
				k--
				list[k] = e
			default:
				chain = 0
				list[nfree] = e
				nfree++
			}
		}
		list = list[:nfree]
	}
	return list, nil
}

// bid places free row i by the row reduction's rule. It returns the row
// left free (the one i displaced, or i itself), or -1, and whether that row
// should bid again at once (the price rose, so its bid makes progress).
func (s *assignSolver) bid(i int32) (e int32, again bool) {
	e = -1
	wr := s.row(i)
	price := s.price[:len(wr)]
	b1, b2 := math.Inf(-1), math.Inf(-1)
	j1, j2 := int32(-1), int32(-1)
	for j, x := range wr {
		v := x - price[j]
		if v > b2 {
			if v > b1 {
				b2, j2 = b1, j1
				b1, j1 = v, int32(j)
			} else {
				b2, j2 = v, int32(j)
			}
		}
	}
	// U, profit 0, loses ties to columns.
	if !(b1 >= 0) {
		s.col[i] = rowUnassigned
		return -1, false
	}
	if !(b2 >= 0) {
		b2, j2 = 0, rowUnassigned
	}
	if b1 > b2 {
		switch c := s.cap[j1]; {
		case s.load[j1] < c-1:
			s.add(i, j1)
		case s.load[j1] == c-1:
			// Fills the column: its price may rise by the least slack.
			delta := min(b1-b2, s.leastSlack(j1))
			s.add(i, j1)
			s.price[j1] += delta
		default:
			var rest float64
			e, rest = s.leaver(j1)
			delta := min(b1-b2, rest)
			s.replace(e, i, j1)
			s.price[j1] += delta
			again = delta > 0
		}
		s.sec[i] = b2
		return e, again
	}
	// A tie: the first column if it has room, else the second if it has
	// room (or is U). Between full columns the row is left for an
	// augmenting path, which settles ties by the documented rules.
	s.sec[i] = b2
	switch {
	case s.load[j1] < s.cap[j1]:
		s.add(i, j1)
	case j2 == rowUnassigned:
		s.col[i] = rowUnassigned
	case s.load[j2] < s.cap[j2]:
		s.add(i, j2)
	default:
		return i, false
	}
	return -1, false
}

// leastSlack returns the least slack among the rows of column j.
func (s *assignSolver) leastSlack(j int32) float64 {
	least := math.Inf(1)
	for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
		r := s.nodeRow[nd]
		least = min(least, s.profit(r, j)-s.sec[r])
	}
	return least
}

// spare reports whether column j has room.
func (s *assignSolver) spare(j int) bool { return s.load[j] < s.cap[j] }

// augment places free row i0 by a shortest augmenting path and updates the
// prices. The search is Dijkstra's over the columns with a plain scan of all
// of them per step (dense, no heap): a scanned column's price is parked at
// +Inf for the duration, which keeps it out of every comparison without a
// separate to-do list.
func (s *assignSolver) augment(i0 int32) {
	m := s.m
	price, key, pred := s.price[:m], s.d[:m], s.pred[:m]
	inf := math.Inf(1)
	s.scanCol, s.scanD, s.scanP = s.scanCol[:0], s.scanD[:0], s.scanP[:0]

	// First layer: i0's own edges, in the frame where π[i0] = 0.
	lowest, li := inf, -1
	wr := s.row(i0)
	wr = wr[:len(key)]
	for j := range key {
		x := price[j] - wr[j]
		key[j] = x
		pred[j] = i0
		if x <= lowest && x < inf {
			if x < lowest || (s.spare(j) && !s.spare(li)) {
				lowest, li = x, j
			}
		}
	}
	var rem []int32 // unscanned columns, once most are scanned
	pos := 0        // li's position in rem
	dU, uRow := 0.0, i0
	sink := int32(rowUnassigned)
	minVal := 0.0
	for {
		if li < 0 || lowest > dU {
			minVal = dU
			break
		}
		j := int32(li)
		if s.spare(li) {
			sink, minVal = j, lowest
			break
		}
		// Transit: every row of j is reached at distance lowest.
		s.scanCol = append(s.scanCol, j)
		s.scanD = append(s.scanD, lowest)
		s.scanP = append(s.scanP, price[j])
		occ, gain := s.occ[:0], s.gain[:0]
		for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
			occ = append(occ, s.nodeRow[nd])
		}
		// Highest index first: among equally short paths through j, the
		// first found is kept, so the highest-indexed row moves on.
		slices.SortFunc(occ, func(a, b int32) int { return cmp.Compare(b, a) })
		for _, r := range occ {
			g := s.profit(r, j) + lowest
			gain = append(gain, g)
			if g < dU {
				dU, uRow = g, r
			}
		}
		s.occ, s.gain = occ, gain
		price[j], key[j] = inf, inf
		if rem == nil && len(s.scanCol) > m/listAfter {
			rem = s.rem[:0]
			for c := range m {
				if price[c] < inf {
					rem = append(rem, int32(c))
				}
			}
		} else if rem != nil {
			last := len(rem) - 1
			rem[pos] = rem[last]
			rem = rem[:last]
		}
		if rem == nil {
			lowest, li = s.relax(occ, gain)
		} else {
			lowest, li, pos = s.relaxListed(rem, occ, gain)
		}
	}
	for k, j := range s.scanCol {
		price[j] = s.scanP[k] + (minVal - s.scanD[k])
	}

	// Walk the path back from the sink, moving each row into the place of
	// the one it displaces.
	var nd, c, r int32
	if sink == rowUnassigned {
		if uRow == i0 {
			s.col[i0] = rowUnassigned
			return
		}
		nd, c = s.rowNode[uRow], s.col[uRow]
		s.col[uRow] = rowUnassigned
	} else {
		nd = int32(len(s.nodeRow))
		s.nodeRow = append(s.nodeRow, -1)
		s.nodeNext = append(s.nodeNext, s.head[sink])
		s.head[sink] = nd
		s.load[sink]++
		c = sink
	}
	for {
		r = pred[c]
		oldNode, oldCol := s.rowNode[r], s.col[r]
		s.nodeRow[nd] = r
		s.rowNode[r] = nd
		s.col[r] = c
		if r == i0 {
			return
		}
		nd, c = oldNode, oldCol
	}
}

// relax lowers the tentative distances of the unscanned columns through the
// rows occ (sorted; row occ[t] is reached with gain[t], its profit plus its
// column's distance) and returns the least tentative distance and its column
// (-1 if no column is reachable). Among equal distances a column with room
// wins, then the lowest index.
func (s *assignSolver) relax(occ []int32, gain []float64) (float64, int) {
	m := s.m
	price, key, pred := s.price[:m], s.d[:m], s.pred[:m]
	inf := math.Inf(1)
	// All but the last row: relax only.
	for t := 0; t < len(occ)-1; t++ {
		r, g := occ[t], gain[t]
		wr := s.row(r)
		wr = wr[:len(key)]
		for j := range key {
			x := price[j] - wr[j] + g
			if x < key[j] {
				key[j] = x
				pred[j] = r
			}
		}
	}
	r, g := occ[len(occ)-1], gain[len(occ)-1]
	wr := s.row(r)
	wr = wr[:len(key)]
	lowest, li := inf, -1
	for j := range key {
		x := price[j] - wr[j] + g
		kj := key[j]
		if x < kj {
			key[j] = x
			pred[j] = r
			kj = x
		}
		if kj <= lowest && kj < inf {
			if kj < lowest || (s.spare(j) && !s.spare(li)) {
				lowest, li = kj, j
			}
		}
	}
	return lowest, li
}

// listAfter: once more than 1/listAfter of the columns are scanned, a
// search lists the rest and scans only those.
const listAfter = 2

// relaxListed is relax over the columns listed in rem; it also returns the
// chosen column's position in rem.
func (s *assignSolver) relaxListed(rem, occ []int32, gain []float64) (float64, int, int) {
	m := s.m
	price, key, pred := s.price[:m], s.d[:m], s.pred[:m]
	inf := math.Inf(1)
	for t := 0; t < len(occ)-1; t++ {
		r, g := occ[t], gain[t]
		wr := s.row(r)
		for _, j := range rem {
			x := price[j] - wr[j] + g
			if x < key[j] {
				key[j] = x
				pred[j] = r
			}
		}
	}
	r, g := occ[len(occ)-1], gain[len(occ)-1]
	wr := s.row(r)
	lowest, li, pos := inf, -1, -1
	for k, j := range rem {
		x := price[j] - wr[j] + g
		kj := key[j]
		if x < kj {
			key[j] = x
			pred[j] = r
			kj = x
		}
		if kj <= lowest && kj < inf {
			if kj < lowest || s.before(int(j), li) {
				lowest, li, pos = kj, int(j), k
			}
		}
	}
	return lowest, li, pos
}

// before reports whether column j beats column k at equal distance: a
// column with room first, then the lower index.
func (s *assignSolver) before(j, k int) bool {
	if sj, sk := s.spare(j), s.spare(k); sj != sk {
		return sj
	}
	return j < k
}
