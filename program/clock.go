package program

import "time"

// LocalTime is the instant at which the clock of date's zone shows minutes
// after the start of date (midnight of a conference day; minutes past 24 h
// run into the next day). On a clock-change night the time may not exist
// (gap: the clocks go forward over it; t is as far past the change as the
// time was before it, 02:15 → 03:15) or may exist twice (twice: the clocks
// go back over it; t is the first).
func LocalTime(date time.Time, minutes int) (t time.Time, gap, twice bool) {
	loc := date.Location()
	t = time.Date(date.Year(), date.Month(), date.Day(), 0, minutes, 0, 0, loc)
	// Most instants have the same offset three hours either side: no
	// change near, nothing to look at.
	_, before := t.Add(-3 * time.Hour).Zone()
	_, after := t.Add(3 * time.Hour).Zone()
	if before == after {
		return t, false, false
	}
	wall := time.Date(date.Year(), date.Month(), date.Day(), 0, minutes, 0, 0, time.UTC)
	shown := func(u time.Time) time.Time {
		return time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), u.Nanosecond(), time.UTC)
	}
	if !shown(t).Equal(wall) {
		return t, true, false
	}
	// The same clock reading at the other offset.
	for _, off := range []int{before, after} {
		u := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if !u.Equal(t) && shown(u).Equal(wall) {
			if u.Before(t) {
				t = u
			}
			return t, false, true
		}
	}
	return t, false, false
}

// Span is when a talk of the day at date runs, start and end being minutes
// after the start of date (end past start: a talk past midnight has 24 h
// added). It is the instants the clock shows; where the clock skips or
// repeats either time, it is start and the minutes the file puts between
// them, so a talk keeps its length across a clock change ("02:15"–"03:15"
// on the night the clocks go forward is an hour, not nothing).
func Span(date time.Time, start, end int) (from, to time.Time) {
	from, gap1, twice1 := LocalTime(date, start)
	to, gap2, twice2 := LocalTime(date, end)
	if gap1 || twice1 || gap2 || twice2 {
		to = from.Add(time.Duration(end-start) * time.Minute)
	}
	return from, to
}
