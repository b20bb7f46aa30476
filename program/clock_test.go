package program

import (
	"testing"
	"time"
)

func TestLocalTime(t *testing.T) {
	brussels, err := time.LoadLocation("Europe/Brussels")
	if err != nil {
		t.Skip(err)
	}
	spring := time.Date(2026, 3, 29, 0, 0, 0, 0, brussels)
	autumn := time.Date(2026, 10, 25, 0, 0, 0, 0, brussels)
	for _, tc := range []struct {
		date       time.Time
		minutes    int
		want       string // RFC 3339
		gap, twice bool
	}{
		{spring, 1*60 + 30, "2026-03-29T01:30:00+01:00", false, false},
		{spring, 2*60 + 15, "2026-03-29T03:15:00+02:00", true, false},
		{spring, 3*60 + 15, "2026-03-29T03:15:00+02:00", false, false},
		{autumn, 2*60 + 30, "2026-10-25T02:30:00+02:00", false, true},
		{autumn, 3*60 + 30, "2026-10-25T03:30:00+01:00", false, false},
		{autumn, 1*60 + 59, "2026-10-25T01:59:00+02:00", false, false},
		{autumn.AddDate(0, 0, -1), 24*60 + 2*60, "2026-10-25T02:00:00+02:00", false, true}, // past midnight of the day before
	} {
		got, gap, twice := LocalTime(tc.date, tc.minutes)
		if got.Format(time.RFC3339) != tc.want || gap != tc.gap || twice != tc.twice {
			t.Errorf("%s +%d min: %s gap %v twice %v, want %s gap %v twice %v", tc.date.Format(time.DateOnly), tc.minutes,
				got.Format(time.RFC3339), gap, twice, tc.want, tc.gap, tc.twice)
		}
	}
}

// TestSpanKeepsLength: over every quarter-hour start and length on the
// clock-change nights of several zones (Europe, Lord Howe's half hour, the
// southern hemisphere), a talk spans the real time between its clocks
// where both exist once, and its stated length otherwise; never nothing.
func TestSpanKeepsLength(t *testing.T) {
	for _, name := range []string{"Europe/Brussels", "America/New_York", "Australia/Lord_Howe", "Australia/Sydney", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err)
		}
		for d := time.Date(2026, 1, 1, 0, 0, 0, 0, loc); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
			if _, a := d.Zone(); func() bool { _, b := d.AddDate(0, 0, 1).Zone(); return a == b }() {
				continue
			}
			for start := 0; start < 30*60; start += 15 {
				for length := 15; length <= 180; length += 15 {
					from, to := Span(d, start, start+length)
					_, g1, t1 := LocalTime(d, start)
					_, g2, t2 := LocalTime(d, start+length)
					want := time.Duration(length) * time.Minute
					if !(g1 || t1 || g2 || t2) {
						want = time.Date(d.Year(), d.Month(), d.Day(), 0, start+length, 0, 0, loc).Sub(time.Date(d.Year(), d.Month(), d.Day(), 0, start, 0, 0, loc))
					}
					if got := to.Sub(from); got != want || got <= 0 {
						t.Fatalf("%s %s +%d min, %d min long: spans %s, want %s", name, d.Format(time.DateOnly), start, length, got, want)
					}
				}
			}
		}
	}
}
