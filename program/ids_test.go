package program

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestUniqueIDsLinear: n talks with one id must cost work in proportion
// to n. Counted in allocations (each candidate id is one), not in time:
// the quadratic version made about n²/2 candidates.
func TestUniqueIDsLinear(t *testing.T) {
	const n = 2000
	talks := make([]Talk, n)
	p := &Program{Days: []Day{{Talks: talks}}}
	allocs := testing.AllocsPerRun(1, func() {
		for i := range talks {
			talks[i].ID = "same"
		}
		p.UniqueIDs()
	})
	if allocs > 20*n {
		t.Errorf("%d talks with one id: %.0f allocations, want at most %d (quadratic?)", n, allocs, 20*n)
	}
	if talks[n-1].ID != fmt.Sprintf("same-%d", n) {
		t.Errorf("last id %q, want same-%d", talks[n-1].ID, n)
	}
}

// FuzzUniqueIDs: over any list of ids (with suffixes that collide with the
// ones UniqueIDs makes), the result is unique, first holders keep their id,
// and every renamed id is its old id plus "-N".
func FuzzUniqueIDs(f *testing.F) {
	f.Add("a a a-2 a b", int64(1))
	f.Add("x-2 x x x-3 x-2", int64(2))
	f.Add("", int64(3))
	f.Fuzz(func(t *testing.T, list string, seed int64) {
		ids := strings.Fields(list)
		if len(ids) > 500 {
			ids = ids[:500]
		}
		r := rand.New(rand.NewSource(seed))
		var p Program
		for len(ids) > 0 {
			k := 1 + r.Intn(len(ids))
			d := Day{}
			for _, id := range ids[:k] {
				d.Talks = append(d.Talks, Talk{ID: id})
			}
			p.Days = append(p.Days, d)
			ids = ids[k:]
		}
		var before []string
		for _, d := range p.Days {
			for _, tk := range d.Talks {
				before = append(before, tk.ID)
			}
		}
		p.UniqueIDs()
		got := map[string]bool{}
		first := map[string]bool{}
		k := 0
		for _, d := range p.Days {
			for _, tk := range d.Talks {
				old := before[k]
				k++
				if got[tk.ID] {
					t.Fatalf("id %q given twice (from %v)", tk.ID, before)
				}
				got[tk.ID] = true
				if !first[old] {
					first[old] = true
					if tk.ID != old {
						t.Fatalf("first talk with %q renamed to %q", old, tk.ID)
					}
					continue
				}
				if !strings.HasPrefix(tk.ID, old+"-") {
					t.Fatalf("%q renamed to %q, want %s-N", old, tk.ID, old)
				}
			}
		}
	})
}

// BenchmarkUniqueIDsSameTitle: 40,000 talks with one id (issue 23: 104 s
// when each new suffix was searched from "-2").
func BenchmarkUniqueIDsSameTitle(b *testing.B) {
	talks := make([]Talk, 40000)
	p := &Program{Days: []Day{{Talks: talks}}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for i := range talks {
			talks[i].ID = "same"
		}
		p.UniqueIDs()
	}
}
