package schedule

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// ICalOptions select the talks of an agenda.
type ICalOptions struct {
	All      bool      // every talk, not only those planned, attended or written about
	Attended bool      // only the talks attended: a diary
	Now      time.Time // DTSTAMP; zero means time.Now()

	// Versions are what an earlier run wrote, by UID; ICal counts an
	// event's SEQUENCE up from them when its time or room changed, so a
	// subscribed calendar moves the event rather than keep the old one.
	Versions map[string]Version
}

// Version is what a calendar last said of an event.
type Version struct {
	Sequence int    `json:"sequence"`
	Where    string `json:"where"` // start, end and room, as last written
}

const icalLocal = "20060102T150405"

// ICal writes an RFC 5545 calendar of p's talks: one VEVENT per talk with a
// UID that stays the same across re-scrapes, times in the conference's zone
// (with its VTIMEZONE) or floating when the file names no zone. It returns
// warnings worth telling the user.
//
// It returns the versions written, for the next run. A withdrawn talk is
// written CANCELLED.
func ICal(w io.Writer, p *program.Program, opt ICalOptions) ([]string, map[string]Version, error) {
	keep := (*program.Talk).OnAgenda
	switch {
	case opt.All:
		keep = func(*program.Talk) bool { return true }
	case opt.Attended:
		keep = func(t *program.Talk) bool { return t.Notes != nil && t.Notes.Attended }
	}
	pl, err := place(p, keep)
	if err != nil {
		return nil, nil, err
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	cal := ics.NewCalendarFor("confdigest")
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId(icalSafe("-//confdigest//" + p.Conference.ID + "//EN"))
	cal.SetXWRCalName(icalSafe(p.Conference.Name))
	var params []ics.PropertyParameter
	if len(pl.events) == 0 {
		// Written all the same (a subscribed calendar empties), but said.
		switch {
		case opt.Attended:
			pl.warnings = append(pl.warnings, "no talk attended yet: the calendar is empty")
		case !opt.All:
			pl.warnings = append(pl.warnings, "no talk planned yet: the calendar is empty (plan with: confdigest mark --plan)")
		}
	}
	if pl.floating && len(pl.events) > 0 {
		pl.warnings = append(pl.warnings, "no conference.timezone: times written as floating local times")
	} else {
		cal.SetXWRTimezone(pl.loc.String())
		addTimezone(cal, pl)
		params = append(params, ics.WithTZID(pl.loc.String()))
	}
	versions := map[string]Version{}
	for _, e := range pl.events {
		t := e.talk
		uid := fmt.Sprintf("%s-%s@confdigest", p.Conference.ID, t.ID)
		uid = icalSafe(uid)
		ev := cal.AddEvent(uid)
		ev.SetDtStampTime(now)
		v := Version{Where: e.start.Format(icalLocal) + "/" + e.end.Format(icalLocal) + "/" + t.Room}
		if old, ok := opt.Versions[uid]; ok {
			v.Sequence = old.Sequence
			if old.Where != v.Where {
				v.Sequence++
			}
		}
		versions[uid] = v
		ev.SetSequence(v.Sequence)
		if t.Withdrawn {
			ev.SetStatus(ics.ObjectStatusCancelled)
		}
		ev.SetProperty(ics.ComponentPropertyDtStart, e.start.Format(icalLocal), params...)
		if readsAs(e.end, pl.floating) {
			ev.SetProperty(ics.ComponentPropertyDtEnd, e.end.Format(icalLocal), params...)
		} else {
			// An end in the hour the clocks repeat reads as its first
			// time (RFC 5545 3.3.5): the length says it.
			ev.SetProperty(ics.ComponentPropertyDuration, icalLength(e.end.Sub(e.start)))
		}
		ev.SetSummary(icalSafe(t.DisplayTitle()))
		if t.Room != "" {
			ev.SetLocation(icalSafe(t.Room))
		}
		if t.URL != "" {
			ev.SetURL(icalSafe(t.URL))
		}
		ev.SetDescription(icalSafe(description(t)))
	}
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil { // RFC 5545: CRLF
		return nil, nil, err
	}
	return pl.warnings, versions, nil
}

// readsAs: t written as a local time (with its zone's TZID) is read back
// as t, not as the other time of a clock the zone shows twice.
func readsAs(t time.Time, floating bool) bool {
	if floating {
		return true
	}
	back, _, _ := program.LocalTime(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()), t.Hour()*60+t.Minute())
	return back.Equal(t)
}

// icalLength is an RFC 5545 duration: PT1H30M.
func icalLength(d time.Duration) string {
	s := "PT"
	if h := int(d.Hours()); h > 0 {
		s += strconv.Itoa(h) + "H"
	}
	if m := int(d.Minutes()) % 60; m > 0 || d < time.Hour {
		s += strconv.Itoa(m) + "M"
	}
	return s
}

// icalSafe drops the control characters golang-ical leaves as they are (it
// escapes line feeds only): a carriage return or an escape inside a value
// would end the line or confuse readers (some then drop the event).
func icalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return -1
		}
		return r
	}, s)
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

// Reading iCalendar programs (symposion/linux.conf.au, Sched's all.ics,
// Indico's event.ics, Eventyay, a conference's own site): one VEVENT per
// entry, parsed by golang-ical.

// IsICal recognises an iCalendar document by its first line.
func IsICal(body []byte) bool {
	b := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(b) >= 15 && strings.EqualFold(string(b[:15]), "BEGIN:VCALENDAR")
}

var (
	// "Speaker: A, B" lines that open a description.
	speakerLineRe = regexp.MustCompile(`(?i)^\s*(?:speakers?|presenters?|presented by|intervenants?|orateurs?|referent(?:en|in)?|sprecher(?:in)?)\s*:\s*(.+?)\s*$`)
)

// ReadICal reads an iCalendar program. Times with a TZID or in UTC are
// placed in the conference's zone (X-WR-TIMEZONE, else the TZID the events
// use, else opt.TimeZone); floating times are taken as published.
func ReadICal(body []byte, pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	if err := checkICalParams(body); err != nil {
		return nil, err
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("not a readable iCalendar file: %w", err)
	}
	sched := &readSchedule{}
	for _, p := range cal.CalendarProperties {
		switch strings.ToUpper(p.IANAToken) {
		case "X-WR-CALNAME":
			sched.Title = p.Value
		case "X-WR-CALDESC":
			if sched.Title == "" {
				sched.Title = p.Value
			}
		case "X-WR-TIMEZONE":
			sched.TimeZone = p.Value
		}
	}
	if sched.Title == "" && pageURL != nil {
		sched.Title = pageURL.Hostname()
	}
	events := cal.Events()
	urls := map[string]int{}
	for _, ev := range events {
		urls[icalText(&ev.ComponentBase, ics.ComponentPropertyUrl)]++
	}
	// Where talks have pages of their own, an entry without one (or with
	// the site's address, shared by many) is a slot of the grid: a break,
	// a changeover, "Main Conference: miniconf".
	ownPages := 0
	for u, n := range urls {
		if u != "" && n == 1 {
			ownPages++
		}
	}
	for _, ev := range events {
		cb := &ev.ComponentBase
		start, floating, allDay, ok := icalTime(cb.GetProperty(ics.ComponentPropertyDtStart))
		if !ok || allDay {
			continue // no time, or all day: not a talk
		}
		if sched.TimeZone == "" {
			if tz := cb.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tz) == 1 {
				if _, err := time.LoadLocation(tz[0]); err == nil {
					sched.TimeZone = tz[0]
				}
			}
		}
		end, _, _, ok := icalTime(cb.GetProperty(ics.ComponentPropertyDtEnd))
		if !ok {
			if d, ok := icalDuration(icalText(cb, ics.ComponentPropertyDuration)); ok {
				end = start.Add(d)
			}
		}
		e := readEvent{
			GUID:     icalText(cb, ics.ComponentPropertyUniqueId),
			Title:    icalText(cb, ics.ComponentPropertySummary),
			Room:     icalText(cb, ics.ComponentPropertyLocation),
			URL:      icalText(cb, ics.ComponentPropertyUrl),
			State:    icalText(cb, ics.ComponentPropertyStatus),
			At:       start,
			Until:    end,
			Floating: floating,
		}
		if cats := icalText(cb, ics.ComponentPropertyCategories); cats != "" {
			e.Track = strings.TrimSpace(strings.Split(cats, ",")[0])
		}
		e.Speakers, e.Description = speakersOf(icalText(cb, ics.ComponentPropertyDescription))
		slot := ownPages > 3 && urls[e.URL] > 2
		site := e.URL
		if slot {
			e.URL = "" // the site's address: no page of the talk's own
		}
		switch {
		case slot && len(e.Speakers) == 0:
			// The summary is the slot's kind ("Main Conference: free
			// time"); the description's first line, when there is one,
			// names the event (symposion: Penguin Dinner, the AGM, a BoF).
			title, rest, link := slotEvent(e.Description)
			// The slot's first line is all it says of a meal.
			if title == "" || notATalk(title, nil) || emptySlotRe.MatchString(title) {
				continue
			}
			e.Title, e.Description = title, rest
			if link != "" {
				if base, err := url.Parse(site); err == nil {
					e.URL = htmlmd.Absolute(base, link)
				}
			}
		}
		sched.Events = append(sched.Events, e)
	}
	return sched.program(pageURL, opt)
}

var (
	// Descriptions of grid slots that hold no event.
	emptySlotRe = regexp.MustCompile(`(?i)^(?:no description|tba|tbd|tbc|unscheduled|room chang(?:e)?over|changeover|talks end)\W*$`)
	hrefRe      = regexp.MustCompile(`<a\s[^>]*href="([^"]+)"`)
)

// slotEvent reads a grid slot's description: its first line (the event's
// name, as text), the rest, and the address the first line links to.
func slotEvent(desc string) (title, rest, link string) {
	first, rest, _ := strings.Cut(strings.TrimSpace(desc), "\n")
	if m := hrefRe.FindStringSubmatch(first); m != nil {
		link = html.UnescapeString(m[1])
	}
	title = htmlmd.Clean(html.UnescapeString(tagRe.ReplaceAllString(first, " ")))
	title = strings.NewReplacer(" ,", ",", " .", ".").Replace(title)
	return title, strings.TrimSpace(rest), link
}

// speakersOf splits a description's "Speaker: A and B" lines from the rest.
func speakersOf(desc string) ([]program.Speaker, string) {
	lines := strings.Split(strings.ReplaceAll(desc, "\r\n", "\n"), "\n")
	var speakers []program.Speaker
	i := 0
	for ; i < len(lines); i++ {
		m := speakerLineRe.FindStringSubmatch(lines[i])
		if m == nil {
			break
		}
		for _, name := range splitNames(m[1]) {
			speakers = append(speakers, program.Speaker{Name: name})
		}
	}
	return speakers, strings.TrimSpace(strings.Join(lines[i:], "\n"))
}

// splitNames reads "A, B and C" (or "A & B", "A; B") as names.
func splitNames(s string) []string {
	s = strings.NewReplacer(" and ", ",", " & ", ",", ";", ",", " et ", ",", " und ", ",").Replace(s)
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func icalText(cb *ics.ComponentBase, p ics.ComponentProperty) string {
	if prop := cb.GetProperty(p); prop != nil {
		return strings.TrimSpace(prop.Value)
	}
	return ""
}

// icalTime reads a DATE-TIME or DATE property: with its TZID, in UTC
// ("Z"), or floating (a local time of no zone, returned as UTC). A TZID
// that is no IANA name is taken as floating.
func icalTime(p *ics.IANAProperty) (t time.Time, floating, allDay, ok bool) {
	if p == nil {
		return t, false, false, false
	}
	v := strings.TrimSpace(p.Value)
	loc, floating := time.UTC, true
	if tz := p.ICalParameters["TZID"]; len(tz) == 1 {
		if l, err := time.LoadLocation(strings.Trim(tz[0], `"`)); err == nil {
			loc, floating = l, false
		}
	}
	if v, utc := strings.CutSuffix(v, "Z"); utc {
		t, err := time.ParseInLocation("20060102T150405", v, time.UTC)
		return t, false, false, err == nil
	}
	if len(v) == 8 {
		t, err := time.ParseInLocation("20060102", v, loc)
		return t, floating, true, err == nil
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	return t, floating, false, err == nil
}

// icalDuration reads the common RFC 5545 durations: PT1H30M, PT45M, P1D.
func icalDuration(s string) (time.Duration, bool) {
	m := icalDurationRe.FindStringSubmatch(strings.ToUpper(s))
	if m == nil || s == "" {
		return 0, false
	}
	var d time.Duration
	for i, unit := range []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute, time.Second} {
		if m[i+1] != "" {
			n, _ := strconv.Atoi(m[i+1])
			d += time.Duration(n) * unit
		}
	}
	return d, true
}

var icalDurationRe = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$`)
