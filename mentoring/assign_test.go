package mentoring

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bruteForce returns the maximum Total of p by trying every assignment
// (rows to an allowed, non-negative column with room, or to nothing).
func bruteForce(p AssignProblem) float64 {
	left := slices.Clone(p.Cap)
	var best float64
	var walk func(i int, total float64)
	walk = func(i int, total float64) {
		if i == p.Rows {
			best = max(best, total)
			return
		}
		walk(i+1, total)
		for j := 0; j < p.Cols; j++ {
			if w := p.W[i*p.Cols+j]; w >= 0 && left[j] > 0 {
				left[j]--
				walk(i+1, total+w)
				left[j]++
			}
		}
	}
	walk(0, 0)
	return best
}

// checkFeasible reports what is wrong with a as a solution of p: a column
// out of range or over capacity, a Forbidden or negative pair, a Total that
// is not the sum over Col, or a row left unassigned although a column it
// may take has room.
func checkFeasible(p AssignProblem, a Assignment) error {
	if len(a.Col) != p.Rows {
		return fmt.Errorf("len(Col) = %d, want %d", len(a.Col), p.Rows)
	}
	used := make([]int, p.Cols)
	var total float64
	for i, j := range a.Col {
		if j == -1 {
			continue
		}
		if j < 0 || j >= p.Cols {
			return fmt.Errorf("row %d: column %d out of range", i, j)
		}
		w := p.W[i*p.Cols+j]
		if math.IsInf(w, -1) {
			return fmt.Errorf("row %d: Forbidden pair with column %d", i, j)
		}
		if w < 0 {
			return fmt.Errorf("row %d: negative pair with column %d (%v)", i, j, w)
		}
		used[j]++
		total += w
	}
	for j, u := range used {
		if u > p.Cap[j] {
			return fmt.Errorf("column %d takes %d rows, cap %d", j, u, p.Cap[j])
		}
	}
	if total != a.Total {
		return fmt.Errorf("Total = %v, sum over Col = %v", a.Total, total)
	}
	for i, j := range a.Col {
		if j != -1 {
			continue
		}
		for k := 0; k < p.Cols; k++ {
			if w := p.W[i*p.Cols+k]; w >= 0 && used[k] < p.Cap[k] {
				return fmt.Errorf("row %d unassigned while column %d (score %v) has room", i, k, w)
			}
		}
	}
	return nil
}

// randomSmall draws a problem with 0..6 rows, 0..5 columns, capacities
// 0..3 and scores from a small integer set, so ties are frequent, with
// some Forbidden and some negative pairs.
func randomSmall(r *rand.Rand) AssignProblem {
	p := AssignProblem{Rows: r.IntN(7), Cols: r.IntN(6)}
	p.Cap = make([]int, p.Cols)
	for j := range p.Cap {
		p.Cap[j] = r.IntN(4)
	}
	p.W = make([]float64, p.Rows*p.Cols)
	scores := []float64{0, 1, 1, 2, 2, 3, 5, 8}
	forbidden, negative := r.Float64()*0.4, r.Float64()*0.3
	for k := range p.W {
		switch x := r.Float64(); {
		case x < forbidden:
			p.W[k] = Forbidden
		case x < forbidden+negative:
			p.W[k] = -float64(1 + r.IntN(3))
		default:
			p.W[k] = scores[r.IntN(len(scores))]
		}
	}
	return p
}

// outcome names the kind of optimum a small problem has, to group the
// property test's instances.
func outcome(p AssignProblem, a Assignment) string {
	capacity, assigned := 0, 0
	for _, c := range p.Cap {
		capacity += c
	}
	for _, j := range a.Col {
		if j >= 0 {
			assigned++
		}
	}
	switch {
	case p.Rows == 0 || p.Cols == 0:
		return "Empty"
	case assigned == 0:
		return "NothingAssignable"
	case assigned == p.Rows:
		return "EveryRowAssigned"
	case assigned == capacity:
		return "CapacityExhausted"
	default:
		return "SomeRowsLeftOut"
	}
}

// solveWays are the ways of running the solver that the property tests
// compare: Solve as it is; the augmentations alone (no row reduction); a
// row reduction cut short by its budget; and each again with candidate
// lists of one or two columns, which are rebuilt and expanded all the time,
// so that the bounds that let a bid or a search skip the rest of a row are
// exercised on problems small enough to check by brute force.
var solveWays = []struct{ bids, list int }{
	{-1, listSize}, {0, listSize}, {3, listSize},
	{-1, 1}, {0, 1}, {3, 1},
	{-1, 2}, {0, 2}, {5, 2},
}

func TestSolveMatchesBruteForce(t *testing.T) {
	const instances = 20000
	r := rand.New(rand.NewPCG(20261124, 1))
	groups := map[string][]AssignProblem{}
	for range instances {
		p := randomSmall(r)
		a, err := Solve(context.Background(), p)
		if err != nil {
			t.Fatalf("Solve(%+v): %v", p, err)
		}
		name := outcome(p, a)
		groups[name] = append(groups[name], p)
	}
	names := []string{"Empty", "NothingAssignable", "EveryRowAssigned", "CapacityExhausted", "SomeRowsLeftOut"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			ps := groups[name]
			if len(ps) < 50 {
				t.Fatalf("only %d of %d instances; the generator no longer covers this outcome", len(ps), instances)
			}
			for _, p := range ps {
				want := bruteForce(p)
				for _, way := range solveWays {
					a, _, err := solveWith(context.Background(), p, way.bids, way.list)
					if err != nil {
						t.Fatalf("Solve: %v", err)
					}
					if err := checkFeasible(p, a); err != nil {
						t.Fatalf("%+v: %v\nproblem %+v\nassignment %+v", way, err, p, a)
					}
					if a.Total != want {
						t.Fatalf("%+v: Total = %v, brute force %v\nproblem %+v\nassignment %+v", way, a.Total, want, p, a)
					}
					again, _, _ := solveWith(context.Background(), p, way.bids, way.list)
					if !slices.Equal(again.Col, a.Col) {
						t.Fatalf("%+v: not deterministic: %v then %v\nproblem %+v", way, a.Col, again.Col, p)
					}
				}
			}
		})
	}
	if len(groups) != len(names) {
		t.Errorf("outcomes %v, want exactly %v", keys(groups), names)
	}
}

func keys(m map[string][]AssignProblem) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// checkCertificate verifies that the solver's prices prove its assignment
// optimal by LP duality: with π[i] the profit of row i (0 when unassigned),
// every price is >= 0 and positive only on a full column, every assigned
// pair is tight and no row could gain more than π[i] >= 0 elsewhere. With
// integer scores every quantity is an exact integer, so tol is 0.
func checkCertificate(s *assignSolver, tol float64) error {
	load := make([]int32, s.m)
	for i, j := range s.col {
		if j >= 0 {
			load[j]++
		} else if j != rowUnassigned {
			return fmt.Errorf("row %d left in state %d", i, j)
		}
	}
	for j := range s.m {
		if load[j] != s.load[j] || load[j] > s.cap[j] {
			return fmt.Errorf("column %d: %d rows, load %d, cap %d", j, load[j], s.load[j], s.cap[j])
		}
		if s.cap[j] == 0 {
			continue
		}
		if p := s.price[j]; p < -tol || (p > tol && load[j] < s.cap[j]) {
			return fmt.Errorf("column %d: price %v with %d of %d rows", j, p, load[j], s.cap[j])
		}
	}
	for i, j := range s.col {
		pi := 0.0
		if j >= 0 {
			pi = s.row(int32(i))[j] - s.price[j]
			if pi < -tol {
				return fmt.Errorf("row %d: profit %v in column %d", i, pi, j)
			}
		}
		for k := range s.m {
			if x := s.row(int32(i))[k] - s.price[k]; s.cap[k] > 0 && x > pi+tol {
				return fmt.Errorf("row %d: profit %v in column %d beats %v", i, x, k, pi)
			}
		}
	}
	return nil
}

// randomInteger draws a problem of up to maxRows × maxCols with capacities
// 0..4 and integer scores 0..20, some Forbidden, some negative.
func randomInteger(r *rand.Rand, maxRows, maxCols int) AssignProblem {
	p := AssignProblem{Rows: 1 + r.IntN(maxRows), Cols: 1 + r.IntN(maxCols)}
	p.Cap = make([]int, p.Cols)
	for j := range p.Cap {
		p.Cap[j] = r.IntN(5)
	}
	p.W = make([]float64, p.Rows*p.Cols)
	forbidden := r.Float64() * 0.5
	for k := range p.W {
		switch x := r.Float64(); {
		case x < forbidden:
			p.W[k] = Forbidden
		case x < forbidden+0.1:
			p.W[k] = -float64(r.IntN(20))
		default:
			p.W[k] = float64(r.IntN(21))
		}
	}
	return p
}

// TestSolveCertificate checks optimality beyond the brute force's reach: on
// medium problems the solver's own prices must prove its assignment optimal,
// and every way of running it (with the row reduction, without, cut short)
// must reach the same Total. Problems with more rows than places are solved
// transposed; both kinds are checked.
func TestSolveCertificate(t *testing.T) {
	r := rand.New(rand.NewPCG(20261124, 2))
	groups := map[string][]AssignProblem{}
	add := func(p AssignProblem) {
		places := 0
		for _, c := range p.Cap {
			places += min(c, p.Rows)
		}
		name := "ProvedOptimal"
		if p.Rows > places {
			name = "ProvedOptimalTransposed"
		}
		groups[name] = append(groups[name], p)
	}
	for range 1500 {
		add(randomInteger(r, 40, 30))
	}
	for range 20 {
		add(randomInteger(r, 300, 200))
	}
	for _, name := range []string{"ProvedOptimal", "ProvedOptimalTransposed"} {
		t.Run(name, func(t *testing.T) {
			ps := groups[name]
			if len(ps) < 50 {
				t.Fatalf("only %d problems; the generator no longer covers this case", len(ps))
			}
			for n, p := range ps {
				var total float64
				for k, way := range solveWays {
					a, s, err := solveWith(context.Background(), p, way.bids, way.list)
					if err != nil {
						t.Fatalf("problem %d: %v", n, err)
					}
					if transposed := s.unitCol != nil; transposed != (name == "ProvedOptimalTransposed") {
						t.Fatalf("problem %d (%d×%d, Cap %v): transposed = %v", n, p.Rows, p.Cols, p.Cap, transposed)
					}
					if err := checkFeasible(p, a); err != nil {
						t.Fatalf("problem %d, %+v: %v", n, way, err)
					}
					if err := checkCertificate(s, 0); err != nil {
						t.Fatalf("problem %d (%d×%d), %+v: %v", n, p.Rows, p.Cols, way, err)
					}
					if k == 0 {
						total = a.Total
					} else if a.Total != total {
						t.Fatalf("problem %d: Total %v with %+v, %v by default", n, a.Total, way, total)
					}
				}
			}
		})
	}
}

// readLSA reads one of testdata/lsa/*.txt (see bench/assign/gen_testdata.py).
func readLSA(path string) (AssignProblem, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return AssignProblem{}, 0, err
	}
	defer f.Close()
	var fields []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			fields = append(fields, strings.Fields(line)...)
		}
	}
	if err := sc.Err(); err != nil {
		return AssignProblem{}, 0, err
	}
	nums := make([]float64, len(fields))
	for k, s := range fields {
		if nums[k], err = strconv.ParseFloat(s, 64); err != nil {
			return AssignProblem{}, 0, err
		}
	}
	if len(nums) < 3 {
		return AssignProblem{}, 0, fmt.Errorf("%s: too short", path)
	}
	p := AssignProblem{Rows: int(nums[0]), Cols: int(nums[1])}
	if len(nums) != 2+p.Cols+1+p.Rows*p.Cols {
		return AssignProblem{}, 0, fmt.Errorf("%s: %d numbers for %d×%d", path, len(nums), p.Rows, p.Cols)
	}
	for _, c := range nums[2 : 2+p.Cols] {
		p.Cap = append(p.Cap, int(c))
	}
	want := nums[2+p.Cols]
	p.W = nums[3+p.Cols:]
	return p, want, nil
}

// TestSolveScipy compares Solve with scipy.optimize.linear_sum_assignment
// on the committed problems of testdata/lsa, whose optimum scipy computed.
func TestSolveScipy(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "lsa", "*.txt"))
	if err != nil || len(files) < 8 {
		t.Fatalf("testdata/lsa: %d files, %v", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			p, want, err := readLSA(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Solve(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkFeasible(p, a); err != nil {
				t.Fatal(err)
			}
			if math.Abs(a.Total-want) > 1e-6*max(1, math.Abs(want)) {
				t.Errorf("Total = %.9f, scipy %.9f", a.Total, want)
			}
		})
	}
}

func TestSolveEdgeCases(t *testing.T) {
	F := Forbidden
	tests := []struct {
		name  string
		p     AssignProblem
		col   []int
		total float64
	}{
		{"Empty", AssignProblem{}, []int{}, 0},
		{"NoColumns", AssignProblem{Rows: 3}, []int{-1, -1, -1}, 0},
		{"NoRows", AssignProblem{Cols: 2, Cap: []int{1, 1}}, []int{}, 0},
		{"ZeroCapacities", AssignProblem{Rows: 2, Cols: 2, W: []float64{1, 2, 3, 4}, Cap: []int{0, 0}}, []int{-1, -1}, 0},
		{"AllForbidden", AssignProblem{Rows: 2, Cols: 2, W: []float64{F, F, F, F}, Cap: []int{1, 1}}, []int{-1, -1}, 0},
		{"AllNegative", AssignProblem{Rows: 2, Cols: 1, W: []float64{-1, -0.5}, Cap: []int{2}}, []int{-1, -1}, 0},
		{"SinglePair", AssignProblem{Rows: 1, Cols: 1, W: []float64{5}, Cap: []int{1}}, []int{0}, 5},
		{"ZeroScoreUsed", AssignProblem{Rows: 1, Cols: 1, W: []float64{0}, Cap: []int{1}}, []int{0}, 0},
		{"SingleRowTakesBest", AssignProblem{Rows: 1, Cols: 3, W: []float64{1, 3, 2}, Cap: []int{1, 1, 1}}, []int{1}, 3},
		{"SingleRowTieLowestColumn", AssignProblem{Rows: 1, Cols: 3, W: []float64{2, 2, 2}, Cap: []int{1, 1, 1}}, []int{0}, 2},
		{"SingleRowTieColumnWithRoom", AssignProblem{Rows: 1, Cols: 2, W: []float64{2, 2}, Cap: []int{0, 1}}, []int{1}, 2},
		{"SingleColumnCapacity2", AssignProblem{Rows: 3, Cols: 1, W: []float64{1, 3, 2}, Cap: []int{2}}, []int{-1, 0, 0}, 5},
		{"TieLowestRowKeepsColumn", AssignProblem{Rows: 2, Cols: 1, W: []float64{3, 3}, Cap: []int{1}}, []int{0, -1}, 3},
		{"RowsExceedCapacity", AssignProblem{Rows: 4, Cols: 2, W: []float64{1, 2, 8, 1, 3, 9, 2, 2}, Cap: []int{1, 1}}, []int{-1, 0, 1, -1}, 17},
		{"CapacityAboveRows", AssignProblem{Rows: 3, Cols: 1, W: []float64{1, 2, 3}, Cap: []int{1 << 40}}, []int{0, 0, 0}, 6},
		{"ForbiddenForcesSecondBest", AssignProblem{Rows: 2, Cols: 2, W: []float64{5, F, 4, 1}, Cap: []int{1, 1}}, []int{0, 1}, 6},
		{"NegativeLosesToUnassigned", AssignProblem{Rows: 2, Cols: 2, W: []float64{5, F, 4, -1}, Cap: []int{1, 1}}, []int{0, -1}, 5},
		{"AugmentingPath", AssignProblem{Rows: 3, Cols: 3, W: []float64{
			9, 8, F,
			9, F, F,
			F, 9, 7,
		}, Cap: []int{1, 1, 1}}, []int{1, 0, 2}, 24},
		{"FullColumnPassesOnARow", AssignProblem{Rows: 3, Cols: 2, W: []float64{
			9, 8,
			9, F,
			9, F,
		}, Cap: []int{2, 1}}, []int{1, 0, 0}, 26},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, way := range solveWays {
				a, _, err := solveWith(context.Background(), tt.p, way.bids, way.list)
				if err != nil {
					t.Fatalf("%+v: %v", way, err)
				}
				if !slices.Equal(a.Col, tt.col) || a.Total != tt.total {
					t.Errorf("%+v: got %v (Total %v), want %v (Total %v)", way, a.Col, a.Total, tt.col, tt.total)
				}
				if len(a.Col) != tt.p.Rows {
					t.Errorf("%+v: len(Col) = %d, want %d", way, len(a.Col), tt.p.Rows)
				}
			}
		})
	}
}

func TestSolveMalformed(t *testing.T) {
	tests := []struct {
		name string
		p    AssignProblem
	}{
		{"ErrNegativeRows", AssignProblem{Rows: -1}},
		{"ErrNegativeCols", AssignProblem{Cols: -1}},
		{"ErrShortW", AssignProblem{Rows: 2, Cols: 2, W: []float64{1, 2, 3}, Cap: []int{1, 1}}},
		{"ErrLongW", AssignProblem{Rows: 1, Cols: 1, W: []float64{1, 2}, Cap: []int{1}}},
		{"ErrShortCap", AssignProblem{Rows: 1, Cols: 2, W: []float64{1, 2}, Cap: []int{1}}},
		{"ErrNegativeCap", AssignProblem{Rows: 1, Cols: 2, W: []float64{1, 2}, Cap: []int{1, -1}}},
		{"ErrNaN", AssignProblem{Rows: 1, Cols: 2, W: []float64{1, math.NaN()}, Cap: []int{1, 1}}},
		{"ErrPlusInf", AssignProblem{Rows: 1, Cols: 2, W: []float64{math.Inf(1), 1}, Cap: []int{1, 1}}},
		{"ErrHugeScore", AssignProblem{Rows: 1, Cols: 2, W: []float64{1, 1e301}, Cap: []int{1, 1}}},
		{"ErrTooLarge", AssignProblem{Rows: math.MaxInt32 + 1, Cols: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Solve(context.Background(), tt.p)
			if err == nil {
				t.Fatalf("no error, assignment %+v", a)
			}
			if !strings.HasPrefix(err.Error(), "mentoring: solve: ") {
				t.Errorf("error %q lacks the operation", err)
			}
		})
	}
}

// stopAfter is a context that is not done for its first n calls of Err,
// then past its deadline: it stops Solve at a chosen point, without timing.
type stopAfter struct {
	context.Context
	n    int
	done chan struct{}
}

func (c *stopAfter) Done() <-chan struct{} { return c.done }

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.DeadlineExceeded
	}
	return nil
}

func TestSolveContext(t *testing.T) {
	p := uniformProblem(300, 300, 1, 7)
	want, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	past, cancel2 := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel2()
	tests := []struct {
		name string
		ctx  context.Context
		bids int
		err  error
	}{
		{"ErrCanceledBeforeStart", cancelled, -1, context.Canceled},
		{"ErrDeadlineBeforeStart", past, -1, context.DeadlineExceeded},
		{"ErrDeadlineDuringRowReduction", &stopAfter{Context: context.Background(), n: 2, done: make(chan struct{})}, -1, context.DeadlineExceeded},
		{"ErrDeadlineDuringAugmentation", &stopAfter{Context: context.Background(), n: 50, done: make(chan struct{})}, 0, context.DeadlineExceeded},
		{"OptimumBeforeDeadline", &stopAfter{Context: context.Background(), n: 1 << 30, done: make(chan struct{})}, -1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := solve(tt.ctx, p, tt.bids)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err == nil && (!slices.Equal(a.Col, want.Col) || a.Total != want.Total) {
				t.Errorf("assignment differs from the one without a deadline")
			}
		})
	}
}

func TestSolveLeavesInputAlone(t *testing.T) {
	p := AssignProblem{Rows: 2, Cols: 2, W: []float64{-1, 2, Forbidden, 3}, Cap: []int{1, 5}}
	w, c := slices.Clone(p.W), slices.Clone(p.Cap)
	if _, err := Solve(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.W, w) || !slices.Equal(p.Cap, c) {
		t.Errorf("input changed: W %v, Cap %v", p.W, p.Cap)
	}
}

// randomScored draws a problem shaped like the engine's: every row and
// column has a few discrete traits, and a pair's score is a weighted sum of
// how well the traits match (integers 0..100, so ties and near-ties are
// everywhere), with a column-only part that makes some columns popular
// with almost every row, as volunteers who speak the local language well
// are, and Forbidden pairs from hard rules (a row that needs a checked
// column, preferences on one trait). Capacities are 0..3.
func randomScored(r *rand.Rand, maxRows, maxCols int) AssignProblem {
	type traits struct {
		lang, interests, avail, household uint8
		level                             int
		checked, needsCheck               bool
		kind, wantsKind                   uint8
		x, y                              int
	}
	draw := func() traits {
		return traits{
			lang:       uint8(1 << r.IntN(4)),
			interests:  uint8(r.IntN(16)),
			avail:      uint8(r.IntN(8)),
			household:  uint8(r.IntN(3)),
			level:      r.IntN(3),
			checked:    r.IntN(3) > 0,
			needsCheck: r.IntN(4) == 0,
			kind:       uint8(r.IntN(3)),
			wantsKind:  uint8(r.IntN(5)), // 3, 4: no preference
			x:          r.IntN(4),
			y:          r.IntN(4),
		}
	}
	p := AssignProblem{Rows: 1 + r.IntN(maxRows), Cols: 1 + r.IntN(maxCols)}
	rows, cols := make([]traits, p.Rows), make([]traits, p.Cols)
	for i := range rows {
		rows[i] = draw()
		if r.IntN(3) > 0 {
			rows[i].lang |= 1 // most rows speak language 0
		}
	}
	for j := range cols {
		cols[j] = draw()
		cols[j].lang |= uint8(r.IntN(16))
	}
	p.Cap = make([]int, p.Cols)
	for j := range p.Cap {
		p.Cap[j] = r.IntN(4)
	}
	p.W = make([]float64, p.Rows*p.Cols)
	for i, a := range rows {
		for j, b := range cols {
			if a.needsCheck && !b.checked || a.wantsKind < 3 && a.wantsKind != b.kind {
				p.W[i*p.Cols+j] = Forbidden
				continue
			}
			s := 0
			if a.lang&b.lang&^1 != 0 {
				s += 25
			}
			s += 10 * b.level / 2 * int(a.level) / 2 // popular columns
			s += 5 * min(bits.OnesCount8(a.interests&b.interests), 3)
			s += 5 * min(bits.OnesCount8(a.avail&b.avail), 3)
			if a.household == b.household {
				s += 5
			}
			if dist := abs(a.x-b.x) + abs(a.y-b.y); dist < 5 {
				s += 3 * (5 - dist)
			}
			p.W[i*p.Cols+j] = float64(s)
		}
	}
	return p
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestSolveScoredMatchesBruteForce is TestSolveMatchesBruteForce on
// problems shaped like the engine's (randomScored).
func TestSolveScoredMatchesBruteForce(t *testing.T) {
	const instances = 10000
	r := rand.New(rand.NewPCG(20261123, 3))
	groups := map[string]int{}
	for range instances {
		p := randomScored(r, 7, 5)
		want := bruteForce(p)
		for k, way := range solveWays {
			a, _, err := solveWith(context.Background(), p, way.bids, way.list)
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			if err := checkFeasible(p, a); err != nil {
				t.Fatalf("%+v: %v\nproblem %+v\nassignment %+v", way, err, p, a)
			}
			if a.Total != want {
				t.Fatalf("%+v: Total = %v, brute force %v\nproblem %+v\nassignment %+v", way, a.Total, want, p, a)
			}
			again, _, _ := solveWith(context.Background(), p, way.bids, way.list)
			if !slices.Equal(again.Col, a.Col) {
				t.Fatalf("%+v: not deterministic: %v then %v\nproblem %+v", way, a.Col, again.Col, p)
			}
			if k == 0 {
				groups[outcome(p, a)]++
			}
		}
	}
	t.Logf("outcomes %v", groups)
	for _, name := range []string{"EveryRowAssigned", "CapacityExhausted", "SomeRowsLeftOut"} {
		if groups[name] < 50 {
			t.Errorf("only %d instances of %s: the generator no longer covers it (%v)", groups[name], name, groups)
		}
	}
}

// TestSolveScoredCertificate is TestSolveCertificate on larger problems
// shaped like the engine's, where the bidding turns into price wars and
// the searches cross most columns, as on the real workload.
func TestSolveScoredCertificate(t *testing.T) {
	r := rand.New(rand.NewPCG(20261123, 4))
	for n := range 200 {
		p := randomScored(r, 150, 60)
		var total float64
		for k, way := range solveWays {
			a, s, err := solveWith(context.Background(), p, way.bids, way.list)
			if err != nil {
				t.Fatalf("problem %d: %v", n, err)
			}
			if err := checkFeasible(p, a); err != nil {
				t.Fatalf("problem %d, %+v: %v", n, way, err)
			}
			if s != nil {
				if err := checkCertificate(s, 0); err != nil {
					t.Fatalf("problem %d (%d×%d), %+v: %v", n, p.Rows, p.Cols, way, err)
				}
			}
			if k == 0 {
				total = a.Total
			} else if a.Total != total {
				t.Fatalf("problem %d: Total %v with %+v, %v by default", n, a.Total, way, total)
			}
		}
	}
}
