package program

import "sort"

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

// Clashes are, for each talk of d, the index in d.Talks of the first
// talk, in time order, it clashes with (-1: none). Talks the user does
// not count on, and talks without a start and an end, clash with nothing.
func (d *Day) Clashes() []int {
	return Clashes(d.Talks, d.Clock())
}

// Clashes is Day.Clashes for talks placed in time by clock (a day's
// Clock, or ClockFor): check applies it to the talks it can read from a
// file that may not decode as a whole.
func Clashes(talks []Talk, clock func(string) int) []int {
	type span struct{ i, start, end int }
	var mine []span
	out := make([]int, len(talks))
	for i := range talks {
		out[i] = -1
		t := &talks[i]
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
	for _, b := range mine {
		for _, a := range mine {
			if a.start >= b.end {
				break // and so do all after it
			}
			if a.i != b.i && b.start < a.end && !SameSession(&talks[a.i], &talks[b.i]) {
				out[b.i] = a.i
				break
			}
		}
	}
	return out
}
