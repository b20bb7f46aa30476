package program

import "strconv"

// UniqueIDs makes the talk ids of p unique: the second and later talks
// with one id get "-2", "-3", …, never an id another talk has already
// ("a", "a", "a-2" gives "a", "a-3", "a-2"). Ids are kept where they are
// unique; the first talk with an id keeps it.
//
// Each id remembers the last suffix it handed out, so n talks sharing one
// id cost O(n), not O(n²) (40,000 talks with one title took 104 s).
func (p *Program) UniqueIDs() {
	taken := map[string]bool{}
	for _, d := range p.Days {
		for _, t := range d.Talks {
			taken[t.ID] = true
		}
	}
	seen := map[string]bool{}
	next := map[string]int{} // id → the suffix to try first
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			t := &p.Days[di].Talks[ti]
			if !seen[t.ID] {
				seen[t.ID] = true
				continue
			}
			base := t.ID
			n := max(next[base], 2)
			for ; ; n++ {
				id := base + "-" + strconv.Itoa(n)
				if !taken[id] && !seen[id] {
					t.ID = id
					break
				}
			}
			next[base] = n + 1
			seen[t.ID] = true
		}
	}
}
