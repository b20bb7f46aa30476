package program

import (
	"fmt"
	"strconv"
	"time"
)

// DayError: a day asked for (by number or date) is not in the program.
type DayError struct{ Day, Why string }

func (e *DayError) Error() string { return "day " + e.Day + ": " + e.Why }

// SelectDays are the indexes of the days day names: every day for "", one
// for its number (from 1) or its date (YYYY-MM-DD); else a *DayError.
func (p *Program) SelectDays(day string) ([]int, error) {
	if day == "" {
		all := make([]int, len(p.Days))
		for i := range all {
			all[i] = i
		}
		return all, nil
	}
	if n, err := strconv.Atoi(day); err == nil {
		if n < 1 || n > len(p.Days) {
			return nil, &DayError{Day: day, Why: fmt.Sprintf("the program has %d days", len(p.Days))}
		}
		return []int{n - 1}, nil
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return nil, &DayError{Day: strconv.Quote(day), Why: "give a day number (1, 2, …) or a date (YYYY-MM-DD)"}
	}
	for i, d := range p.Days {
		if d.Date == day {
			return []int{i}, nil
		}
	}
	return nil, &DayError{Day: day, Why: "no such day in the program"}
}
