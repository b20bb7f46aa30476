package program

import "strings"

// Times in the file are local clock times "HH:MM" on the talk's conference
// day. A conference day runs on past midnight: a talk listed under a day may
// start after midnight (schedules run their days from about 04:00 to 04:00).
// These two rules are the only place that says how.

// dayTurn is where a conference day's clock turns over: on a day that also
// has talks after it, a start before dayTurn is after midnight.
const dayTurn = "06:00"

// ValidRange reports whether a talk from start to end makes sense: it ends
// after it starts, or it runs past midnight (from 18:00 on to at most
// 06:00). "10:00"–"09:30" is a mistake; "23:30"–"00:30" is a late talk.
func ValidRange(start, end string) bool {
	return end >= start || start >= "18:00" && end <= dayTurn
}

// AfterMidnight reports whether a talk starting at clock ("HH:MM") on the
// night after a day of talks belongs to that day: it starts before 06:00.
func AfterMidnight(clock string) bool { return clock < dayTurn }

// Clock returns how a day's talks are placed in time: minutes from the
// start of the day's date, for a start "HH:MM" (-1 for none). A talk before
// 06:00 on a day that also has talks after it runs past midnight, listed
// under the conference day it belongs to: it gets 24 hours more.
func (d *Day) Clock() func(start string) int {
	late := false
	for _, t := range d.Talks {
		if t.Start >= dayTurn {
			late = true
			break
		}
	}
	return ClockFor(late)
}

// ClockFor is Clock for a day that has talks from 06:00 on (late) or not.
func ClockFor(late bool) func(start string) int {
	return func(start string) int {
		min := ClockMinutes(start)
		if min >= 0 && late && start < dayTurn {
			min += 24 * 60
		}
		return min
	}
}

// ClockMinutes reads "HH:MM" (or "H:MM") as minutes after midnight; -1 when
// it is no such time. It runs in every sort of a day's talks: no Sscanf.
func ClockMinutes(s string) int {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return -1
	}
	n := 0
	for _, c := range h + m {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n/100*60 + n%100
}
