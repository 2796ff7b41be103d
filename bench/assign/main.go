// Command assign is the Go side of bench/assign/run.sh: it times
// mentoring.Solve, best of -runs, on the matrices in -dir (square.bin with
// capacity 1 and cap.bin with every capacity 3, both from scipy_time.py,
// and real.bin, the real workload's matrix with every capacity 3, if
// present) and prints one line per problem:
// "go NAME ROWS COLS BEST_SECONDS TOTAL".
//
//	go run -tags sqlite_fts5 ./bench/assign -dir DIR -runs 5
//
// With -cpuprofile it writes a CPU profile of all the runs.
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"broen/mentoring"
)

func main() {
	dir := flag.String("dir", "", "directory holding square.bin, cap.bin and (optionally) real.bin")
	runs := flag.Int("runs", 5, "runs per problem; the best is reported")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *dir == "" || *runs < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	for _, c := range []struct {
		name string
		cap  int
	}{{"square", 1}, {"cap", 3}, {"real", 3}} {
		path := filepath.Join(*dir, c.name+".bin")
		if _, err := os.Stat(path); c.name == "real" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		p, err := load(path, c.cap)
		if err != nil {
			fail(err)
		}
		best := time.Duration(math.MaxInt64)
		var total float64
		for range *runs {
			runtime.GC()
			start := time.Now()
			a, err := mentoring.Solve(context.Background(), p)
			elapsed := time.Since(start)
			if err != nil {
				fail(err)
			}
			best, total = min(best, elapsed), a.Total
		}
		fmt.Printf("go %s %d %d %.6f %.17g\n", c.name, p.Rows, p.Cols, best.Seconds(), total)
	}
}

// load reads a problem written by scipy_time.py gen (or, for real.bin, by
// mentoring's TestWriteRealMatrix): two little-endian int64 (rows, cols),
// then the scores as little-endian float64, row-major (-Inf: Forbidden).
func load(path string, capacity int) (mentoring.AssignProblem, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return mentoring.AssignProblem{}, err
	}
	if len(b) < 16 {
		return mentoring.AssignProblem{}, fmt.Errorf("%s: too short", path)
	}
	rows := int(binary.LittleEndian.Uint64(b))
	cols := int(binary.LittleEndian.Uint64(b[8:]))
	if rows < 0 || cols < 0 || len(b) != 16+8*rows*cols {
		return mentoring.AssignProblem{}, fmt.Errorf("%s: %d bytes for %d×%d", path, len(b), rows, cols)
	}
	p := mentoring.AssignProblem{Rows: rows, Cols: cols, W: make([]float64, rows*cols), Cap: make([]int, cols)}
	for k := range p.W {
		p.W[k] = math.Float64frombits(binary.LittleEndian.Uint64(b[16+8*k:]))
	}
	for j := range p.Cap {
		p.Cap[j] = capacity
	}
	return p, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "assign:", err)
	os.Exit(1)
}
