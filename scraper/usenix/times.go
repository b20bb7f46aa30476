package usenix

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/confdigest/confdigest/program"
)

// USENIX has written times and dates in many ways over the years
// (see the package documentation): "7:30 a.m.–5:00 p.m.", "10:45 am–12:05 pm",
// "08:00–8:45", "Tuesday, 09:00–09:45 CEST", "Wednesday, 29 August, 2018",
// "Monday, March 25". The markup around them is uncertain, so they are
// recognised by their text wherever they appear.

const clockPat = `(?:\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?|noon|midnight)`

var (
	// A start–end range. The separator may be missing: Drupal date spans
	// glue "09:00" and "09:40" together when read as text.
	rangeRe = regexp.MustCompile(`(?i)(` + clockPat + `)\s*(?:[–—‒-]|to)?\s*(` + clockPat + `)`)
	clockRe = regexp.MustCompile(`(?i)^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$`)

	weekdayRe  = regexp.MustCompile(`(?i)^\s*(mon|tues|wednes|thurs|fri|satur|sun)day\b`)
	dayMonthRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?\b`)
	monthDayRe = regexp.MustCompile(`(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	yearRe     = regexp.MustCompile(`\b(19|20)(\d{2})\b`)
	tzAbbrevRe = regexp.MustCompile(`^[A-Z]{2,5}$`)
)

var months = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "sept": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

func monthOf(word string) (time.Month, bool) {
	w := strings.ToLower(word)
	if len(w) < 3 {
		return 0, false
	}
	for _, full := range []string{"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"} {
		if strings.HasPrefix(full, w) {
			return months[full[:3]], true
		}
	}
	if m, ok := months[w]; ok {
		return m, true
	}
	return 0, false
}

// dayHeader is a date as a program page writes it; Year is 0 when the page
// left it out.
type dayHeader struct {
	Weekday time.Weekday
	Month   time.Month
	Day     int
	Year    int
}

var weekdays = map[string]time.Weekday{
	"mon": time.Monday, "tues": time.Tuesday, "wednes": time.Wednesday, "thurs": time.Thursday,
	"fri": time.Friday, "satur": time.Saturday, "sun": time.Sunday,
}

// parseDayHeader recognises "Monday, March 25", "Wednesday, 29 August, 2018",
// "Monday, March 16, 2015" and "Wednesday, 2018, August 29". A line that also
// holds a time range is a talk's time, not a day header.
func parseDayHeader(s string) (dayHeader, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 60 {
		return dayHeader{}, false
	}
	m := weekdayRe.FindStringSubmatch(s)
	if m == nil || rangeRe.MatchString(s) {
		return dayHeader{}, false
	}
	h := dayHeader{Weekday: weekdays[strings.ToLower(m[1])]}
	rest := s[len(m[0]):]
	if y := yearRe.FindStringSubmatch(rest); y != nil {
		h.Year, _ = strconv.Atoi(y[1] + y[2])
		rest = strings.Replace(rest, y[0], " ", 1)
	}
	if mm := monthDayRe.FindStringSubmatch(rest); mm != nil {
		if mon, ok := monthOf(mm[1]); ok {
			h.Month = mon
			h.Day, _ = strconv.Atoi(mm[2])
		}
	}
	if h.Month == 0 {
		if mm := dayMonthRe.FindStringSubmatch(rest); mm != nil {
			if mon, ok := monthOf(mm[2]); ok {
				h.Month = mon
				h.Day, _ = strconv.Atoi(mm[1])
			}
		}
	}
	if h.Month == 0 || h.Day < 1 || h.Day > 31 {
		return dayHeader{}, false
	}
	return h, true
}

// date turns the header into a date, taking the year from the header, else
// from hint; when the weekday shows the hint is a year off (a program
// spanning New Year, a slug naming the wrong year), the neighbouring year
// whose calendar agrees is taken.
func (h dayHeader) date(hint int) (time.Time, bool) {
	if h.Year != 0 {
		return time.Date(h.Year, h.Month, h.Day, 0, 0, 0, 0, time.UTC), true
	}
	if hint == 0 {
		return time.Time{}, false
	}
	for _, y := range []int{hint, hint + 1, hint - 1} {
		d := time.Date(y, h.Month, h.Day, 0, 0, 0, 0, time.UTC)
		if d.Weekday() == h.Weekday {
			return d, true
		}
	}
	return time.Date(hint, h.Month, h.Day, 0, 0, 0, 0, time.UTC), true
}

// timeRange is a parsed "start–end" in 24-hour "HH:MM", with the words found
// around it: a weekday and a time-zone abbreviation.
type timeRange struct {
	Start, End string
	Weekday    string
	Zone       string
}

// parseTimeLine recognises a line that is a time range and little else: a
// slot ("9:00 am–10:00 am", "8:30 a.m.–9:00 a.m. Monday") or a talk's own
// time ("Monday, 9:00 am–9:30 am", "Tuesday, 09:00–09:45 CEST",
// "Tuesday, March 14, 2017 - 10:55am–11:20am").
func parseTimeLine(s string) (timeRange, bool) {
	if len(s) > 160 || !mayHoldTime(s) {
		return timeRange{}, false
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 80 {
		return timeRange{}, false
	}
	loc := rangeRe.FindStringSubmatchIndex(s)
	if loc == nil {
		return timeRange{}, false
	}
	pre := strings.Trim(s[:loc[0]], " ,-–—:")
	post := strings.Trim(s[loc[1]:], " ,()")
	var tr timeRange
	if pre != "" {
		if _, isDay := parseDayHeader(pre); !isDay && !weekdayRe.MatchString(pre) {
			return timeRange{}, false
		}
		if m := weekdayRe.FindStringSubmatch(pre); m != nil {
			tr.Weekday = strings.ToLower(m[1])
		}
	}
	for _, w := range strings.Fields(strings.NewReplacer("(", " ", ")", " ", ",", " ").Replace(post)) {
		switch {
		case weekdayRe.MatchString(w):
			tr.Weekday = strings.ToLower(weekdayRe.FindStringSubmatch(w)[1])
		case tzAbbrevRe.MatchString(w):
			tr.Zone = w
		default:
			return timeRange{}, false
		}
	}
	start, end := s[loc[2]:loc[3]], s[loc[4]:loc[5]]
	var err error
	if tr.Start, tr.End, err = clockRange(start, end); err != nil {
		return timeRange{}, false
	}
	return tr, true
}

var meridiemRe = regexp.MustCompile(`(?i)\d\s*[ap]\.?\s?m`)

// mayHoldTime is a cheap test that rules out most lines before the range
// expression runs: a time has a colon, am/pm, or is noon or midnight.
func mayHoldTime(s string) bool {
	if strings.IndexByte(s, ':') >= 0 {
		return true
	}
	l := strings.ToLower(s)
	return strings.Contains(l, "noon") || strings.Contains(l, "midnight") || meridiemRe.MatchString(s)
}

// clockRange converts both ends to 24-hour time. A start without am/pm takes
// the end's ("9:00–10:30 am"), unless that would put it after the end
// ("11:00–1:00 pm").
func clockRange(start, end string) (string, string, error) {
	sh, sm, smer, err := clock(start)
	if err != nil {
		return "", "", err
	}
	eh, em, emer, err := clock(end)
	if err != nil {
		return "", "", err
	}
	if smer == "" && emer != "" && sh <= 12 {
		smer = emer
		if to24(sh, smer)*60+sm > to24(eh, emer)*60+em {
			smer = map[string]string{"a": "p", "p": "a"}[emer]
		}
	}
	if smer != "" {
		sh = to24(sh, smer)
	}
	if emer != "" {
		eh = to24(eh, emer)
	}
	if sh > 23 || eh > 24 || sm > 59 || em > 59 {
		return "", "", fmt.Errorf("no clock time")
	}
	s, e := fmt.Sprintf("%02d:%02d", sh, sm), fmt.Sprintf("%02d:%02d", eh%24, em)
	if !program.ValidRange(s, e) {
		return "", "", fmt.Errorf("ends before it starts")
	}
	return s, e, nil
}

func clock(s string) (hour, minute int, meridiem string, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "noon":
		return 12, 0, "p", nil
	case "midnight":
		return 12, 0, "a", nil
	}
	m := clockRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, "", fmt.Errorf("%q is not a clock time", s)
	}
	hour, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		minute, _ = strconv.Atoi(m[2])
	}
	meridiem = strings.ToLower(m[3])
	if meridiem != "" && (hour < 1 || hour > 12) {
		return 0, 0, "", fmt.Errorf("%q is not a clock time", s)
	}
	return hour, minute, meridiem, nil
}

func to24(h int, meridiem string) int {
	switch {
	case meridiem == "a" && h == 12:
		return 0
	case meridiem == "p" && h != 12:
		return h + 12
	}
	return h
}
