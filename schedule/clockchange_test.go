package schedule

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/confdigest/confdigest/program"
)

func frabDoc(date string, events ...string) []byte {
	return []byte(`<?xml version="1.0"?><schedule><conference><acronym>dst</acronym><title>DST</title><time_zone_name>Europe/Brussels</time_zone_name></conference>` +
		`<day index="1" date="` + date + `"><room name="A">` + strings.Join(events, "") + `</room></day></schedule>`)
}

func frabEvent(id int, date, duration string) string {
	return fmt.Sprintf(`<event id="%d"><date>%s</date><start>%s</start><duration>%s</duration><room>A</room><title>Talk %d</title><type>talk</type><persons/></event>`,
		id, date, date[11:16], duration, id)
}

// TestClockChangeNights: events on the nights the clocks change keep their
// length through the program file and back out to frab and iCalendar
// (issue 23: an hour at 02:30+02:00 on 2026-10-25 was scraped with end =
// start; a file talk 02:15-03:15 on 2026-03-29 was exported as nothing).
func TestClockChangeNights(t *testing.T) {
	base, _ := url.Parse("https://example.org/schedule.xml")
	for _, tc := range []struct {
		day, date, wantStart, wantEnd string
	}{
		{"2026-10-25", "2026-10-25T02:30:00+02:00", "02:30", "03:30"}, // 02:30 CEST-02:30 CET
		{"2026-03-29", "2026-03-29T02:30:00+02:00", "01:30", "03:30"}, // 01:30 CET-03:30 CEST
	} {
		p, err := ReadXML(frabDoc(tc.day, frabEvent(1, tc.date, "01:00")), base, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		talk := p.Days[0].Talks[0]
		if talk.Start != tc.wantStart || talk.End != tc.wantEnd {
			t.Errorf("%s: read as %s-%s, want %s-%s", tc.date, talk.Start, talk.End, tc.wantStart, tc.wantEnd)
		}
		checkExportedLength(t, p, time.Hour)
	}
	file := &program.Program{
		Conference: program.Conference{ID: "dst", Name: "DST", Timezone: "Europe/Brussels"},
		Days:       []program.Day{{Date: "2026-03-29", Talks: []program.Talk{{ID: "a", Title: "A", Start: "02:15", End: "03:15"}}}},
	}
	checkExportedLength(t, file, time.Hour)
}

var (
	frabDurationRe = regexp.MustCompile(`<duration>(\d\d):(\d\d)</duration>`)
	icalTimesRe    = regexp.MustCompile(`DTSTART;TZID=[^:]+:(\S+)\r\n(?:DTEND;TZID=[^:]+:(\S+)|DURATION:(\S+))`)
)

// checkExportedLength: p's first talk is length long in frab XML and in
// iCalendar (its clock times read in the conference's zone).
func checkExportedLength(t *testing.T, p *program.Program, length time.Duration) {
	t.Helper()
	var frab bytes.Buffer
	if _, err := WriteXML(&frab, p, "1"); err != nil {
		t.Fatal(err)
	}
	if m := frabDurationRe.FindStringSubmatch(frab.String()); m == nil || m[1]+":"+m[2] != fmt.Sprintf("%02d:%02d", int(length.Hours()), int(length.Minutes())%60) {
		t.Errorf("%s: frab duration %v, want %s", p.Days[0].Date, m, length)
	}
	var cal bytes.Buffer
	if _, _, err := ICal(&cal, p, ICalOptions{All: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	m := icalTimesRe.FindStringSubmatch(cal.String())
	if m == nil {
		t.Fatalf("no DTSTART/DTEND in\n%s", cal.String())
	}
	loc, _ := time.LoadLocation(p.Conference.Timezone)
	from, _ := time.ParseInLocation(icalLocal, m[1], loc)
	to, _ := time.ParseInLocation(icalLocal, m[2], loc)
	if m[3] != "" {
		d, ok := icalDuration(m[3])
		if !ok {
			t.Fatalf("DURATION %q", m[3])
		}
		to = from.Add(d)
	}
	if to.Sub(from) != length {
		t.Errorf("%s: iCal %s to %s is %s, want %s", p.Days[0].Date, m[1], m[2], to.Sub(from), length)
	}
}

// TestEndClockRoundTrip: over every quarter-hour start and length on the
// clock-change nights of several zones, the clocks a talk is stored with
// are read back (as every export reads them) as the talk's real length,
// whenever some pair of clocks can say it.
func TestEndClockRoundTrip(t *testing.T) {
	for _, name := range []string{"Europe/Brussels", "America/New_York", "Australia/Lord_Howe", "America/Santiago"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skip(err)
		}
		for d := time.Date(2026, 1, 1, 0, 0, 0, 0, loc); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
			if _, a := d.Zone(); func() bool { _, b := d.AddDate(0, 0, 1).Zone(); return a == b }() {
				continue
			}
			for start := d; start.Before(d.Add(6 * time.Hour)); start = start.Add(15 * time.Minute) {
				for length := 15 * time.Minute; length <= 3*time.Hour; length += 15 * time.Minute {
					end := start.Add(length)
					sc, ec := start.Format("15:04"), endClock(start, end)
					date := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
					if got := readBack(date, sc, ec); got != length && stateable(date, sc, length) {
						t.Fatalf("%s: %s for %s stored as %s-%s, read back as %s", name, start.Format(time.RFC3339), length, sc, ec, got)
					}
				}
			}
		}
	}
}

// readBack is the length every export gives a talk of the day at date
// from start to end.
func readBack(date time.Time, start, end string) time.Duration {
	from, to := clockMin(start), clockMin(end)
	for to < from {
		to += 24 * 60
	}
	f, e := program.Span(date, from, to)
	return e.Sub(f)
}

// stateable: some end clock reads back as length after start.
func stateable(date time.Time, start string, length time.Duration) bool {
	for m := 0; m < 24*60; m++ {
		if readBack(date, start, fmt.Sprintf("%02d:%02d", m/60, m%60)) == length {
			return true
		}
	}
	return false
}

func clockMin(s string) int {
	var h, m int
	fmt.Sscanf(s, "%d:%d", &h, &m)
	return h*60 + m
}
