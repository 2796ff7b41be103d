package mentoring_test

import (
	"encoding/binary"
	"math"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	p := realProblem(t, 1, 700, 2000, 3)
	b := make([]byte, 16+8*len(p.W)+8*len(p.Cap))
	binary.LittleEndian.PutUint64(b, uint64(p.Rows))
	binary.LittleEndian.PutUint64(b[8:], uint64(p.Cols))
	for k, x := range p.W {
		binary.LittleEndian.PutUint64(b[16+8*k:], math.Float64bits(x))
	}
	for j, c := range p.Cap {
		binary.LittleEndian.PutUint64(b[16+8*len(p.W)+8*j:], uint64(c))
	}
	os.WriteFile("/tmp/real.bin", b, 0o644)
}
