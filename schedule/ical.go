package schedule

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/confdigest/confdigest/program"
)

// ICalOptions select the talks of an agenda.
type ICalOptions struct {
	All bool      // every talk, not only those planned, attended or written about
	Now time.Time // DTSTAMP; zero means time.Now()
}

const icalLocal = "20060102T150405"

// ICal writes an RFC 5545 calendar of p's talks: one VEVENT per talk with a
// UID that stays the same across re-scrapes, times in the conference's zone
// (with its VTIMEZONE) or floating when the file names no zone. It returns
// warnings worth telling the user.
func ICal(w io.Writer, p *program.Program, opt ICalOptions) ([]string, error) {
	keep := (*program.Talk).OnAgenda
	if opt.All {
		keep = func(*program.Talk) bool { return true }
	}
	pl, err := place(p, keep)
	if err != nil {
		return nil, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	cal := ics.NewCalendarFor("confdigest")
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//confdigest//" + p.Conference.ID + "//EN")
	cal.SetXWRCalName(p.Conference.Name)
	var params []ics.PropertyParameter
	if pl.floating {
		pl.warnings = append(pl.warnings, "the program file names no conference.timezone: times are written as local (floating) times")
	} else {
		cal.SetXWRTimezone(pl.loc.String())
		addTimezone(cal, pl)
		params = append(params, ics.WithTZID(pl.loc.String()))
	}
	for _, e := range pl.events {
		t := e.talk
		ev := cal.AddEvent(fmt.Sprintf("%s-%s@confdigest", p.Conference.ID, t.ID))
		ev.SetDtStampTime(now)
		ev.SetProperty(ics.ComponentPropertyDtStart, e.start.Format(icalLocal), params...)
		ev.SetProperty(ics.ComponentPropertyDtEnd, e.end.Format(icalLocal), params...)
		ev.SetSummary(t.DisplayTitle())
		if t.Room != "" {
			ev.SetLocation(t.Room)
		}
		if t.URL != "" {
			ev.SetURL(t.URL)
		}
		ev.SetDescription(description(t))
	}
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil { // RFC 5545: CRLF
		return nil, err
	}
	return pl.warnings, nil
}

// description: the speakers, the abstract as plain text, the link.
func description(t *program.Talk) string {
	var parts []string
	if sp := speakerLine(t.Speakers); sp != "" {
		parts = append(parts, sp)
	}
	if t.Abstract != "" {
		parts = append(parts, markdownText(t.Abstract))
	}
	if t.URL != "" {
		parts = append(parts, t.URL)
	}
	return strings.Join(parts, "\n\n")
}

// addTimezone describes the conference's zone over the years of the
// program: its offset at the start of the first year, then every change.
func addTimezone(cal *ics.Calendar, pl *placed) {
	tz := cal.AddTimezone(pl.loc.String())
	first, _ := time.ParseInLocation(time.DateOnly, pl.p.Days[0].Date, pl.loc)
	last, _ := time.ParseInLocation(time.DateOnly, pl.p.Days[len(pl.p.Days)-1].Date, pl.loc)
	from := time.Date(first.Year(), 1, 1, 0, 0, 0, 0, pl.loc)
	to := time.Date(last.Year()+1, 1, 1, 0, 0, 0, 0, pl.loc)
	_, off := from.Zone()
	observe(tz, from, off)
	for d := from; d.Before(to); d = d.Add(24 * time.Hour) {
		next := d.Add(24 * time.Hour)
		if _, o := next.Zone(); o != off {
			// Find the change to the second.
			lo, hi := d, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, o := mid.Zone(); o == off {
					lo = mid
				} else {
					hi = mid
				}
			}
			observe(tz, hi, off)
			_, off = hi.Zone()
		}
	}
}

// observe adds the observance that starts at instant at, changing the UTC
// offset from fromOff to the zone's offset there.
func observe(tz *ics.VTimezone, at time.Time, fromOff int) {
	name, off := at.Zone()
	local := at.In(time.FixedZone("", fromOff)) // DTSTART is in the offset before the change
	var c *ics.ComponentBase
	if at.IsDST() {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		c = &d.ComponentBase
	} else {
		c = &tz.AddStandard().ComponentBase
	}
	c.SetProperty(ics.ComponentPropertyDtStart, local.Format(icalLocal))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), offset(fromOff))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), offset(off))
	c.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
}
