package mentoring

import (
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
// O(Rows + Cols) (including a list of a few candidate columns per row),
// plus a copy of W if W holds a finite negative score or the rows outnumber
// the places.
func Solve(ctx context.Context, p AssignProblem) (Assignment, error) {
	a, _, err := solve(ctx, p, -1)
	return a, err
}

// solve is Solve with a given budget of row-reduction bids: negative for
// the default, 0 for none. It also returns the solver, whose prices prove
// the result optimal (nil when there is nothing to solve); tests use both.
func solve(ctx context.Context, p AssignProblem, bids int) (Assignment, *assignSolver, error) {
	return solveWith(ctx, p, bids, listSize)
}

// solveWith is solve with candidate lists of the given size (at least 1;
// tests use short ones to exercise the bounds).
func solveWith(ctx context.Context, p AssignProblem, bids, list int) (Assignment, *assignSolver, error) {
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
		s = transposed(p, places, list)
	} else {
		s = newSolver(p.Rows, p.Cols, sanitized(p.W, neg), p.Cap, nil, list)
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
func transposed(p AssignProblem, places, list int) *assignSolver {
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
	s := newSolver(places, n, wt, ones, rowStart, list)
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
// only ever rise, and only on columns that are full and stay full (a
// column's number of rows never falls: a path moves a row out of a column
// only to move another in), so (3) holds; U is always a sink, never
// transit, so its price stays 0 and (2) holds. The search never continues
// past U: any path through U is at least as long as stopping there.
//
// Before the augmentations, an augmenting row reduction (Jonker and
// Volgenant's "auction" pass, adapted to capacities and to U) places most
// rows: a row bids for its best column by raising its price until the row
// is indifferent to its second best. A price may rise only when the column
// is full and by no more than the slack of every row that stays in it,
// which keeps (1)–(3). The slack is measured against an upper bound of each
// row's second-best profit (its second best when it entered; prices only
// rise), so the rise is conservative; when that bound is what stops a rise,
// the rows of the column have it tightened from their candidate lists
// (below) first. A few passes over the free rows, a cap on chains of
// displacements and a bid budget bound the reduction; the rows it leaves
// free are placed by augmentation, in increasing order.
//
// Candidate lists. Both phases need a row's best columns at the current
// prices — a bid its best two, a search the distance through the row to
// every column — and scanning all the row's scores each time is what made
// them slow on the real workload: scores that are sums of a few parts make
// many columns nearly equal for many rows, so the bidding becomes a long
// price war (about a hundred thousand bids, each raising a price by the
// small gap between near-equal options) and the last augmentations cross
// most of the columns. So each row keeps a short list of its best columns
// (listSize), with their scores, and the profit ub and tie (below) of the
// best column it left out when the list was made. Every column outside the
// list came after (ub, tie) then, and still does: prices only rise, and a
// column's tie only grows.
//
//   - A bid reads the list. If the list's second best comes before
//     (ub, tie), the list's best two are the row's; if only its best does,
//     ub stands in for the second best (a smaller rise than possible, never
//     a larger one); otherwise the row is rescanned and its list remade.
//   - A search relaxes the list of a row it reaches, and puts the rest of
//     the row on hold: through it no column outside the list comes before
//     (the row's distance less ub, tie). Before the search takes a column
//     that such a column could precede (or ends in U no nearer), the row's
//     list is remade with the prices before the search (upper bounds of the
//     prices after it, so the list stays valid) and relaxed, and the row
//     waits again; the second time, all its columns are relaxed.
//
// Ties follow one order everywhere: between equal profits (or distances) a
// column with room comes first, then the lowest index — a column's tie is
// its index, with a high bit set when it is full, and a full column never
// gets room again. Ties between equal distances to a column go to the
// relaxation that scanning every row's whole row of scores, in the order a
// search reaches the rows, would have made first (each carries its
// position in that order), so a search finds exactly the path such a scan
// would find. When ties are everywhere (integer scores, identical
// profiles), rows on hold are expanded about as often as columns are
// scanned; a search then stops using its heap of columns and finds the
// nearest column by scanning them all, as scanning whole rows costs little
// more than the heap would.
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

// listSize is the length of a row's candidate list. Longer lists are
// remade less often but read more slowly; 6 to 10 were about as fast on the
// real workload and on dense random problems (docs/benchmarks.md).
const listSize = 8

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
	score []float64 // W of row i's pair, when in a column
	sec   []float64 // upper bound of row i's second-best profit (bids)

	// Rows of a column are nodes of a singly linked list. A row only ever
	// leaves a column when another takes its place, so a node never dies:
	// it changes rows.
	head     []int32 // first node of column j, -1 if none
	nodeNext []int32
	nodeRow  []int32
	rowNode  []int32 // node of row i, when assigned to a column

	// Candidate lists: row i's is lists[i*k:][:listLen[i]], in increasing
	// column order, listLen[i] < 0 until it is first made.
	k       int
	lists   []candidate
	listLen []int32
	ub      []float64 // with ubTie: every column outside row i's list comes
	ubTie   []uint32  // after (ub, ubTie) by profit, then tie (noTie: none)
	top     []ranked  // scratch for remaking a list: the k+1 best

	// Augmentation scratch.
	d         []float64  // tentative distance of column j (+Inf if none)
	pred      []int32    // row through which column j is reached
	stamp     []int32    // position of that relaxation in the full-scan order
	before    []float64  // price of a scanned column before the search, else +Inf
	heap      []heapItem // columns with a distance, a heap by distance, then tie
	heapPos   []int32    // column j's position in heap, -1 if none
	dense     bool       // no heap: the nearest column is found by a scan,
	near      heapItem   // and remembered here
	nearValid bool       // until a column is taken
	held      []heldRow  // rows on hold, a heap by bound, then tie
	touched   []int32    // columns given a distance
	scanCol   []int32    // transit columns scanned, whose prices rise,
	scanD     []float64  // with their distances
	scanP     []float64  // and their prices before the search
	occ       []int32    // rows of the column being scanned
}

// candidate is a column of a row's list, with the row's score there.
type candidate struct {
	w float64
	j int32
}

// ranked is a column with its profit, while a list is remade.
type ranked struct {
	v float64
	j int32
}

// heapItem is a column in the search's heap: its distance and its tie.
type heapItem struct {
	key float64
	tie uint32
	j   int32
}

// heldRow is a row whose columns outside its list wait: none comes before
// (bound, tie) in the search's order. g is the row's profit plus its
// column's distance, st its stamp; fresh is set once its list was remade
// during this search.
type heldRow struct {
	bound, g float64
	tie      uint32
	r, st    int32
	fresh    bool
}

// expands reports whether h must be expanded before the search goes on:
// before it takes the column (key, tie) if column is set, else before it
// ends in U at distance dU.
func (h *heldRow) expands(key float64, tie uint32, column bool, dU float64) bool {
	if column {
		return h.bound < key || h.bound == key && h.tie <= tie
	}
	return h.bound <= dU
}

// Ties. Among columns of equal profit (or distance), a column with room
// comes first, then the lowest index: a column's tie is its index, with
// fullTie set if it is full. A full column never gets room again, so a
// column's tie never falls.
const (
	fullTie = 1 << 31
	noTie   = math.MaxUint32 // after every column
)

// tie returns column j's tie.
func (s *assignSolver) tie(j int32) uint32 {
	if s.load[j] < s.cap[j] {
		return uint32(j)
	}
	return fullTie | uint32(j)
}

// newSolver returns the solver for n rows and m columns of capacities caps,
// row i's scores being w[rowStart[i]:][:m] (w[i*m:][:m] if rowStart is nil),
// with candidate lists of length list.
func newSolver(n, m int, w []float64, caps []int, rowStart []int, list int) *assignSolver {
	if rowStart == nil {
		rowStart = make([]int, n)
		for i := range rowStart {
			rowStart[i] = i * m
		}
	}
	k := max(1, min(list, m))
	s := &assignSolver{
		n: n, m: m, w: w, rowStart: rowStart,
		cap:      make([]int32, m),
		load:     make([]int32, m),
		price:    make([]float64, m),
		col:      make([]int32, n),
		score:    make([]float64, n),
		sec:      make([]float64, n),
		head:     make([]int32, m),
		nodeNext: make([]int32, 0, min(n, 1024)),
		nodeRow:  make([]int32, 0, min(n, 1024)),
		rowNode:  make([]int32, n),
		k:        k,
		lists:    make([]candidate, n*k),
		listLen:  make([]int32, n),
		ub:       make([]float64, n),
		ubTie:    make([]uint32, n),
		top:      make([]ranked, k+1),
		d:        make([]float64, m),
		pred:     make([]int32, m),
		stamp:    make([]int32, m),
		before:   make([]float64, m),
		heapPos:  make([]int32, m),
	}
	inf := math.Inf(1)
	for j, c := range caps {
		s.head[j] = -1
		if c > n {
			c = n
		}
		s.cap[j] = int32(c)
		if c == 0 {
			s.price[j] = inf
		}
		s.d[j], s.before[j], s.heapPos[j] = inf, inf, -1
	}
	for i := range s.col {
		s.col[i] = rowFree
		s.listLen[i] = -1
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

// add puts row i into column j, which has room, with score w.
func (s *assignSolver) add(i, j int32, w float64) {
	nd := int32(len(s.nodeRow))
	s.nodeRow = append(s.nodeRow, i)
	s.nodeNext = append(s.nodeNext, s.head[j])
	s.head[j] = nd
	s.rowNode[i] = nd
	s.load[j]++
	s.col[i] = j
	s.score[i] = w
}

// replace puts row i into column j, with score w, in the place of row e,
// which becomes free.
func (s *assignSolver) replace(e, i, j int32, w float64) {
	nd := s.rowNode[e]
	s.nodeRow[nd] = i
	s.rowNode[i] = nd
	s.col[i] = j
	s.score[i] = w
	s.col[e] = rowFree
}

// row returns row i's scores.
func (s *assignSolver) row(i int32) []float64 {
	k := s.rowStart[i]
	return s.w[k : k+s.m : k+s.m]
}

// profit is row r's profit in its column j at current prices.
func (s *assignSolver) profit(r, j int32) float64 {
	return s.score[r] - s.price[j]
}

// list returns row i's candidate list.
func (s *assignSolver) list(i int32) []candidate {
	a := int(i) * s.k
	b := a + int(s.listLen[i])
	return s.lists[a:b:b]
}

// remake scans row i and makes its candidate list and bound from the
// current prices, or for a column scanned by the search under way (price
// parked at +Inf) from its price before the search. It returns the row's
// two best columns and profits (-1 and -Inf where there are none), in the
// order of decreasing profit, then tie, and the best one's score.
func (s *assignSolver) remake(i int32) (b1, b2, w1 float64, j1, j2 int32) {
	k := s.k
	wr := s.row(i)
	price := s.price[:len(wr)]
	top := s.top[:k+1] // the best k+1 so far, in order
	n := 0
	negInf := math.Inf(-1)
	// A column enters top if it comes before its last, or until top is
	// full, if its profit is not below least: the lowest current profit
	// among the old list and the best column it left out, a lower bound
	// of the (k+1)-th best.
	least := negInf
	if s.listLen[i] == int32(k) && s.ubTie[i] != noTie {
		u := int32(s.ubTie[i] &^ fullTie)
		low := wr[u] - price[u]
		for _, c := range s.list(i) {
			low = min(low, c.w-price[c.j])
		}
		if low > negInf { // not if a column is parked by a search
			least = math.Nextafter(low, negInf)
		}
	}
	for j, x := range wr {
		v := x - price[j]
		if !(v >= least) {
			continue
		}
		if v == least && (v == negInf || n > k && s.tie(int32(j)) > s.tie(top[k].j)) {
			continue
		}
		// Insert, after the columns that come first: those of higher
		// profit, or equal profit and lower tie.
		t := n
		if n > k {
			t = k
		} else {
			n++
		}
		for t > 0 && (top[t-1].v < v || top[t-1].v == v && s.tie(top[t-1].j) > s.tie(int32(j))) {
			top[t] = top[t-1]
			t--
		}
		top[t] = ranked{v, int32(j)}
		if n > k {
			least = top[k].v
		}
	}
	// Columns parked by a search under way count at their price before it.
	for _, j := range s.scanCol {
		v := wr[j] - s.before[j]
		if !(v >= least) {
			continue
		}
		if v == least && (v == negInf || n > k && s.tie(j) > s.tie(top[k].j)) {
			continue
		}
		t := n
		if n > k {
			t = k
		} else {
			n++
		}
		for t > 0 && (top[t-1].v < v || top[t-1].v == v && s.tie(top[t-1].j) > s.tie(j)) {
			top[t] = top[t-1]
			t--
		}
		top[t] = ranked{v, j}
		if n > k {
			least = top[k].v
		}
	}
	b1, b2, j1, j2 = negInf, negInf, -1, -1
	if n > 0 {
		b1, j1 = top[0].v, top[0].j
		w1 = wr[j1]
	}
	if n > 1 {
		b2, j2 = top[1].v, top[1].j
	}
	s.ub[i], s.ubTie[i] = negInf, noTie
	if n > k {
		s.ub[i], s.ubTie[i] = top[k].v, s.tie(top[k].j)
		n = k
	}
	// The list, in increasing column order.
	l := s.lists[int(i)*k : int(i)*k+n]
	for t, c := range top[:n] {
		for t > 0 && l[t-1].j > c.j {
			l[t] = l[t-1]
			t--
		}
		l[t] = candidate{wr[c.j], c.j}
	}
	s.listLen[i] = int32(n)
	return b1, b2, w1, j1, j2
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

// leastSlack returns the least slack among the rows of column j.
func (s *assignSolver) leastSlack(j int32) float64 {
	least := math.Inf(1)
	for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
		r := s.nodeRow[nd]
		least = min(least, s.profit(r, j)-s.sec[r])
	}
	return least
}

// tighten lowers the recorded second best of each row of column j to what
// its candidate list shows: the best of U (0), of its bound and of its other
// candidates at current prices.
func (s *assignSolver) tighten(j int32) {
	price := s.price
	for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
		r := s.nodeRow[nd]
		second := max(s.ub[r], 0)
		for _, c := range s.list(r) {
			if c.j != j {
				second = max(second, c.w-price[c.j])
			}
		}
		s.sec[r] = min(s.sec[r], second)
	}
}

// Row reduction limits. A displaced row bids again at once while the price
// it lost to rose, but a chain of displacements longer than maxChain is a
// price war better settled by an augmenting path, so its last row waits for
// the next pass. The reduction makes at most passes passes over the free
// rows and bidsPerRow bids per row in all. They only move work between the
// two phases, never change the result's optimality; they were tuned on the
// real workload and on dense random problems (docs/benchmarks.md): with
// candidate lists a bid costs little, and in a price war it places rows
// more cheaply than augmentations that cross most of the columns.
const (
	maxChain   = 256
	bidsPerRow = 128
	passes     = 4
)

// reduceRows is the augmenting row reduction: passes of exact bids over
// the free rows, at most budget bids. It returns the rows it left free.
func (s *assignSolver) reduceRows(ctx context.Context, list []int32, budget int) ([]int32, error) {
	done := ctx.Done()
	for pass := 0; pass < passes && len(list) > 0; pass++ {
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
	var b1, b2, w1 float64
	var j1, j2 int32
	if s.listLen[i] >= 0 {
		// The list's best two, in the order of decreasing profit, then
		// tie.
		price := s.price
		b1, b2 = math.Inf(-1), math.Inf(-1)
		j1, j2 = -1, -1
		t1, t2 := uint32(noTie), uint32(noTie)
		for _, c := range s.list(i) {
			v := c.w - price[c.j]
			if v < b2 {
				continue
			}
			t := s.tie(c.j)
			if v == b2 && t > t2 {
				continue
			}
			if v > b1 || v == b1 && t < t1 {
				b2, j2, t2 = b1, j1, t1
				b1, j1, w1, t1 = v, c.j, c.w, t
			} else {
				b2, j2, t2 = v, c.j, t
			}
		}
		switch ub, ut := s.ub[i], s.ubTie[i]; {
		case ut == noTie || b2 > ub || b2 == ub && t2 < ut:
			// The best two are the row's.
		case b1 > ub:
			// j1 is the best column; the second best is at most ub.
			// (j2 is then only read if b1 == b2, i.e. not from here.)
			b2 = ub
		default:
			b1, b2, w1, j1, j2 = s.remake(i)
		}
	} else {
		b1, b2, w1, j1, j2 = s.remake(i)
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
			s.add(i, j1, w1)
		case s.load[j1] == c-1:
			// Fills the column: its price may rise by the least slack.
			delta := min(b1-b2, s.leastSlack(j1))
			s.add(i, j1, w1)
			s.price[j1] += delta
		default:
			var rest float64
			e, rest = s.leaver(j1)
			if rest < b1-b2 {
				s.tighten(j1)
				e, rest = s.leaver(j1)
			}
			delta := min(b1-b2, rest)
			s.replace(e, i, j1, w1)
			s.price[j1] += delta
			again = delta > 0
		}
		s.sec[i] = b2
		return e, again
	}
	// A tie: the first column if it has room (a column with room comes
	// first), else U if the second is U. Between full columns the row is
	// left for an augmenting path, which settles ties by the documented
	// rules.
	s.sec[i] = b2
	switch {
	case s.load[j1] < s.cap[j1]:
		s.add(i, j1, w1)
	case j2 == rowUnassigned:
		s.col[i] = rowUnassigned
	default:
		return i, false
	}
	return -1, false
}

// spare reports whether column j has room.
func (s *assignSolver) spare(j int32) bool { return s.load[j] < s.cap[j] }

// augment places free row i0 by a shortest augmenting path and updates the
// prices. The search is Dijkstra's over the columns, with a heap, relaxing
// the candidate lists of the rows it reaches and holding the rest of their
// columns back (see "Candidate lists" above). A scanned column's price is
// parked at +Inf for the duration, which keeps it out of every relaxation.
func (s *assignSolver) augment(i0 int32) {
	price, key := s.price, s.d
	inf := math.Inf(1)
	s.scanCol, s.scanD, s.scanP = s.scanCol[:0], s.scanD[:0], s.scanP[:0]
	s.heap, s.held, s.touched = s.heap[:0], s.held[:0], s.touched[:0]

	// First layer: i0's own edges, in the frame where π[i0] = 0.
	s.dense = false
	if s.listLen[i0] < 0 {
		s.remake(i0)
	}
	st := int32(0)
	s.relaxList(i0, 0, st)
	if s.ubTie[i0] != noTie {
		s.hold(heldRow{bound: -s.ub[i0], tie: s.ubTie[i0], g: 0, r: i0, st: st})
	}
	dU, uRow := 0.0, i0
	sink := int32(rowUnassigned)
	minVal := 0.0
	expanded := 0 // rows whose columns were all relaxed
	for {
		// Expand the rows on hold that could reach a column that comes
		// before the nearest one (or, if U is nearer, one as near as U:
		// columns win ties with U).
		lowest, tie, j := s.nearest()
		for len(s.held) > 0 && s.held[0].expands(lowest, tie, j >= 0 && lowest <= dU, dU) {
			h := s.unhold()
			switch {
			case s.dense:
				// Relaxing all the row's columns costs about as much as
				// remaking its list.
				s.relaxAll(h.r, h.g, h.st)
			case !h.fresh:
				// Remake the list (it may be old) and hold the rest again.
				s.remake(h.r)
				s.relaxList(h.r, h.g, h.st)
				if s.ubTie[h.r] != noTie {
					h.bound, h.tie, h.fresh = h.g-s.ub[h.r], s.ubTie[h.r], true
					s.hold(h)
				}
			default:
				if expanded++; 4*expanded > len(s.scanCol) {
					// Rows expanded in full about as often as columns are
					// scanned (ties make this common): most columns will
					// have a distance, a heap no longer pays.
					s.dense, s.nearValid = true, false
					for _, it := range s.heap {
						s.heapPos[it.j] = -1
					}
					s.heap = s.heap[:0]
				}
				s.relaxAll(h.r, h.g, h.st)
			}
			lowest, tie, j = s.nearest()
		}
		if j < 0 || lowest > dU {
			minVal = dU
			break
		}
		if s.spare(j) {
			sink, minVal = j, lowest
			break
		}
		if s.dense {
			s.nearValid = false
		} else {
			s.pop()
		}
		key[j] = inf
		// Transit: every row of j is reached at distance lowest.
		pj := price[j]
		s.scanCol = append(s.scanCol, j)
		s.scanD = append(s.scanD, lowest)
		s.scanP = append(s.scanP, pj)
		price[j], s.before[j] = inf, pj
		occ := s.occ[:0]
		for nd := s.head[j]; nd >= 0; nd = s.nodeNext[nd] {
			// Highest index first: among equally short paths through j,
			// the first found is kept, so the highest-indexed row moves on.
			r := s.nodeRow[nd]
			t := len(occ)
			occ = append(occ, r)
			for t > 0 && occ[t-1] < r {
				occ[t] = occ[t-1]
				t--
			}
			occ[t] = r
		}
		s.occ = occ
		for _, r := range occ {
			st++
			g := s.score[r] - pj + lowest
			if g < dU {
				dU, uRow = g, r
			}
			switch {
			case s.dense:
				// Most rows get expanded: expanding them now, in order,
				// saves holding them.
				s.relaxAll(r, g, st)
			case s.ubTie[r] != noTie:
				s.relaxList(r, g, st)
				s.hold(heldRow{bound: g - s.ub[r], tie: s.ubTie[r], g: g, r: r, st: st})
			default:
				s.relaxList(r, g, st)
			}
		}
	}
	for k, j := range s.scanCol {
		price[j] = s.scanP[k] + (minVal - s.scanD[k])
		s.before[j] = inf
	}
	for _, j := range s.touched {
		key[j] = inf
		s.heapPos[j] = -1
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
		r = s.pred[c]
		oldNode, oldCol := s.rowNode[r], s.col[r]
		s.nodeRow[nd] = r
		s.rowNode[r] = nd
		s.col[r] = c
		s.score[r] = s.w[s.rowStart[r]+int(c)]
		if r == i0 {
			return
		}
		nd, c = oldNode, oldCol
	}
}

// nearest returns the unscanned column that comes first by tentative
// distance, then tie, with its distance and tie (-1 and +Inf if none).
func (s *assignSolver) nearest() (float64, uint32, int32) {
	if !s.dense {
		if len(s.heap) == 0 {
			return math.Inf(1), noTie, -1
		}
		return s.heap[0].key, s.heap[0].tie, s.heap[0].j
	}
	if !s.nearValid {
		lowest, li := math.Inf(1), int32(-1)
		for j, x := range s.d[:s.m] {
			if x < lowest || x == lowest && x < math.Inf(1) && s.spare(int32(j)) && !s.spare(li) {
				lowest, li = x, int32(j)
			}
		}
		s.near = heapItem{lowest, noTie, li}
		if li >= 0 {
			s.near.tie = s.tie(li)
		}
		s.nearValid = true
	}
	return s.near.key, s.near.tie, s.near.j
}

// lowered updates the nearest column of a dense search for column j,
// whose distance was lowered to x.
func (s *assignSolver) lowered(j int32, x float64) {
	if s.nearValid && x <= s.near.key {
		if t := s.tie(j); x < s.near.key || t < s.near.tie {
			s.near = heapItem{x, t, j}
		}
	}
}

// relaxList lowers the tentative distances of the columns of row r's list
// through r, reached with g (its profit plus its column's distance) by the
// relaxation of stamp st.
func (s *assignSolver) relaxList(r int32, g float64, st int32) {
	price, key, stamp := s.price, s.d, s.stamp
	inf := math.Inf(1)
	for _, c := range s.list(r) {
		j := c.j
		if x := price[j] - c.w + g; x < key[j] || (x == key[j] && x < inf && st < stamp[j]) {
			s.lower(j, r, x, st)
		}
	}
}

// relaxAll is relaxList over all of row r's columns.
func (s *assignSolver) relaxAll(r int32, g float64, st int32) {
	wr := s.row(r)
	price, key, stamp := s.price[:len(wr)], s.d[:len(wr)], s.stamp[:len(wr)]
	inf := math.Inf(1)
	if !s.dense {
		for j, w := range wr {
			if x := price[j] - w + g; x < key[j] || (x == key[j] && x < inf && st < stamp[j]) {
				s.lower(int32(j), r, x, st)
			}
		}
		return
	}
	pred := s.pred[:len(wr)]
	low, lj := inf, int32(-1) // the first of the columns lowered
	for j, w := range wr {
		x := price[j] - w + g
		if k := key[j]; x < k || (x == k && x < inf && st < stamp[j]) {
			if k == inf {
				s.touched = append(s.touched, int32(j))
			}
			key[j], pred[j], stamp[j] = x, r, st
			if x < low || x == low && s.spare(int32(j)) && !s.spare(lj) {
				low, lj = x, int32(j)
			}
		}
	}
	if lj >= 0 {
		s.lowered(lj, low)
	}
}

// lower sets column j's tentative distance to x, through row r by the
// relaxation of stamp st (x is below the distance, or equal to it with an
// earlier stamp).
func (s *assignSolver) lower(j, r int32, x float64, st int32) {
	old := s.d[j]
	s.d[j], s.pred[j], s.stamp[j] = x, r, st
	if s.dense {
		if old == math.Inf(1) {
			s.touched = append(s.touched, j)
		}
		s.lowered(j, x)
		return
	}
	if x == old {
		return
	}
	t := int(s.heapPos[j])
	if t < 0 {
		s.touched = append(s.touched, j)
		t = len(s.heap)
		s.heap = append(s.heap, heapItem{x, s.tie(j), j})
	} else {
		s.heap[t].key = x
	}
	// Sift up.
	h := s.heap
	it := h[t]
	for t > 0 {
		p := (t - 1) / 2
		if !it.less(h[p]) {
			break
		}
		h[t] = h[p]
		s.heapPos[h[t].j] = int32(t)
		t = p
	}
	h[t] = it
	s.heapPos[it.j] = int32(t)
}

func (a heapItem) less(b heapItem) bool {
	return a.key < b.key || (a.key == b.key && a.tie < b.tie)
}

// pop removes the nearest column from the heap.
func (s *assignSolver) pop() {
	h := s.heap
	s.heapPos[h[0].j] = -1
	last := len(h) - 1
	it := h[last]
	h = h[:last]
	s.heap = h
	if last == 0 {
		return
	}
	t := 0
	for {
		c := 2*t + 1
		if c >= last {
			break
		}
		if c+1 < last && h[c+1].less(h[c]) {
			c++
		}
		if !h[c].less(it) {
			break
		}
		h[t] = h[c]
		s.heapPos[h[t].j] = int32(t)
		t = c
	}
	h[t] = it
	s.heapPos[it.j] = int32(t)
}

// hold puts a row on hold.
func (s *assignSolver) hold(h heldRow) {
	s.held = append(s.held, h)
	q := s.held
	t := len(q) - 1
	for t > 0 {
		p := (t - 1) / 2
		if !h.precedes(&q[p]) {
			break
		}
		q[t] = q[p]
		t = p
	}
	q[t] = h
}

// precedes orders rows on hold by bound, then tie.
func (h *heldRow) precedes(o *heldRow) bool {
	return h.bound < o.bound || h.bound == o.bound && h.tie < o.tie
}

// unhold takes the row on hold with the lowest bound.
func (s *assignSolver) unhold() heldRow {
	q := s.held
	top := q[0]
	last := len(q) - 1
	it := q[last]
	q = q[:last]
	s.held = q
	t := 0
	for {
		c := 2*t + 1
		if c >= last {
			break
		}
		if c+1 < last && q[c+1].precedes(&q[c]) {
			c++
		}
		if !q[c].precedes(&it) {
			break
		}
		q[t] = q[c]
		t = c
	}
	if last > 0 {
		q[t] = it
	}
	return top
}
