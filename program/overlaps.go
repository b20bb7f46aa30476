package program

import (
	"sort"

	"gopkg.in/yaml.v3"
)

// The one rule for talks that clash, used by agenda, check and every
// command that prints check's warnings.
//
// A talk counts on the user's time when it is planned or attended and not
// marked missed (attended: false). Two such talks of a day clash when
// their times overlap, unless they are papers of one session: a research
// program gives every paper of a session the session's slot, and sitting
// through the session is seeing them all.

// CountsOn reports whether the user means to be at t (or was): planned or
// attended, and not marked missed.
func (t *Talk) CountsOn() bool {
	n := t.Notes
	return n != nil && (n.Plan || n.Attended) && !n.Missed
}

// SameSession reports whether a and b, talks of one day, are papers of one
// session block: the same session in the same room and track, at the same
// slot, or one's exact time (a presentation page's, from scrape --details)
// within the other's slot.
func SameSession(a, b *Talk) bool {
	if a.Session == "" || a.Session != b.Session || a.Room != b.Room || a.Track != b.Track {
		return false
	}
	if a.Start == b.Start && a.End == b.End {
		return true
	}
	within := func(x, y *Talk) bool { // x inside y
		return x.Start != "" && y.Start != "" && x.Start <= x.End && y.Start <= y.End &&
			x.Start >= y.Start && x.End <= y.End
	}
	return within(a, b) || within(b, a)
}

// Overlap is one clash on a day: the indexes in Day.Talks of two talks the
// user counts on at the same time, A the one that starts first.
type Overlap struct{ A, B int }

// Overlaps are the clashes among the talks of d the user counts on, in the
// order of B's start, then A's. Talks without a start and an end clash
// with nothing.
func (d *Day) Overlaps() []Overlap {
	clock := d.Clock()
	type span struct{ i, start, end int }
	var mine []span
	for i := range d.Talks {
		t := &d.Talks[i]
		if !t.CountsOn() {
			continue
		}
		s, e := clock(t.Start), clock(t.End)
		if e >= 0 && e < s {
			e += 24 * 60 // past midnight
		}
		if s < 0 || e <= s {
			continue
		}
		mine = append(mine, span{i, s, e})
	}
	sort.SliceStable(mine, func(i, j int) bool { return mine[i].start < mine[j].start })
	var out []Overlap
	for j := range mine {
		for i := 0; i < j; i++ {
			a, b := mine[i], mine[j]
			if b.start < a.end && !SameSession(&d.Talks[a.i], &d.Talks[b.i]) {
				out = append(out, Overlap{A: a.i, B: b.i})
			}
		}
	}
	return out
}

// UnmarshalYAML reads notes as written, and remembers a said
// "attended: false" as Missed, which a bool alone cannot tell from no
// word at all.
func (n *TalkNotes) UnmarshalYAML(v *yaml.Node) error {
	type plain TalkNotes
	if err := v.Decode((*plain)(n)); err != nil {
		return err
	}
	if a := mapValue(v, "attended"); a != nil && a.Kind == yaml.ScalarNode {
		var b bool
		n.Missed = a.Decode(&b) == nil && !b && a.Tag != "!!null" && a.Value != ""
	}
	return nil
}
