package schedule

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/confdigest/confdigest/program"
)

// event is a talk placed in time.
type event struct {
	talk       *program.Talk
	day        *program.Day
	dayIndex   int // 1-based
	start, end time.Time
	id         int // 1-based, in file order
}

// placed holds a program's talks in time, in the conference's zone (or, when
// the file names none, as floating local times in time.UTC).
type placed struct {
	p        *program.Program
	loc      *time.Location
	floating bool
	events   []event
	warnings []string
}

// place puts every talk of p (those keep says yes to) in time. A talk
// without a start gets its day's first start (or midnight) and no duration;
// one without an end, no duration; both are named in the warnings.
func place(p *program.Program, keep func(*program.Talk) bool) (*placed, error) {
	pl := &placed{p: p, loc: time.UTC, floating: true}
	if tz := p.Conference.Timezone; tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("conference.timezone %q is not a time zone name (like Europe/Dublin)", tz)
		}
		pl.loc, pl.floating = loc, false
	}
	var noStart, noEnd []string
	id := 0
	for di := range p.Days {
		d := &p.Days[di]
		date, err := time.ParseInLocation(time.DateOnly, d.Date, pl.loc)
		if err != nil {
			return nil, fmt.Errorf("day %d: date %q: %w", di+1, d.Date, err)
		}
		clock := d.Clock()
		first := ""
		for _, t := range d.Talks {
			if t.Start != "" && (first == "" || clock(t.Start) < clock(first)) {
				first = t.Start
			}
		}
		for ti := range d.Talks {
			t := &d.Talks[ti]
			id++
			if !keep(t) {
				continue
			}
			start := t.Start
			if start == "" {
				start = first
				noStart = append(noStart, t.ID)
			}
			e := event{talk: t, day: d, dayIndex: di + 1, id: id}
			e.start = at(date, clock(start))
			e.end = e.start
			switch {
			case t.End != "" && t.Start != "":
				from, to := max(clock(start), 0), max(clock(t.End), 0)
				for to < from { // past midnight
					to += 24 * 60
				}
				// Across a clock change a talk keeps its length.
				e.start, e.end = program.Span(date, from, to)
			case t.Start != "":
				noEnd = append(noEnd, t.ID)
			}
			pl.events = append(pl.events, e)
		}
	}
	if len(noStart) > 0 {
		pl.warnings = append(pl.warnings, fmt.Sprintf("no time on the program for %s: placed at the start of their day, without duration", strings.Join(noStart, ", ")))
	}
	if len(noEnd) > 0 {
		pl.warnings = append(pl.warnings, fmt.Sprintf("no end time for %s: written without duration", strings.Join(noEnd, ", ")))
	}
	return pl, nil
}

// at is minutes (-1: none, taken as midnight) after the start of date.
func at(date time.Time, minutes int) time.Time {
	t, _, _ := program.LocalTime(date, max(minutes, 0))
	return t
}

// guid is a talk's UUIDv5 in the URL namespace, of its URL or, without one,
// of the conference and talk ids: the same on every export.
func guid(p *program.Program, t *program.Talk) string {
	key := t.URL
	if key == "" {
		key = "confdigest:" + p.Conference.ID + "/" + t.ID
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(key)).String()
}

// acronym is the conference id as schedule formats want it: [a-z0-9_],
// at least four characters.
func acronym(id string) string {
	a := strings.ReplaceAll(program.Slug(id), "-", "_")
	for len(a) < 4 {
		a += "_"
	}
	return a
}

// eventSlug is "<acronym>-<number>-<talk slug>", unique, in the shape both
// schedule formats accept.
func eventSlug(p *program.Program, e event) string {
	rest := strconv.Itoa(e.id)
	if t := program.Slug(e.talk.ID); t != "" {
		rest += "-" + t
	}
	for len(rest) < 4 {
		rest = "0" + rest
	}
	return acronym(p.Conference.ID) + "-" + rest
}

// room is where an event is listed; schedules need one.
func room(t *program.Talk) string {
	switch {
	case t.Room != "":
		return t.Room
	case t.Track != "":
		return t.Track
	}
	return "Room not given"
}

// duration is "hh:mm".
func duration(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// rooms lists the rooms of a day's events in order of first appearance.
func rooms(evs []event) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range evs {
		if r := room(e.talk); !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// byDay groups the events by day index, in time order within a day.
func (pl *placed) byDay() map[int][]event {
	out := map[int][]event{}
	for _, e := range pl.events {
		out[e.dayIndex] = append(out[e.dayIndex], e)
	}
	for _, evs := range out {
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].start.Before(evs[j].start) })
	}
	return out
}

// dayBounds is the start and end of a day's schedule: its first and last
// events, or the whole date when it has none.
func (pl *placed) dayBounds(di int, evs []event) (time.Time, time.Time) {
	date, _ := time.ParseInLocation(time.DateOnly, pl.p.Days[di-1].Date, pl.loc)
	if len(evs) == 0 {
		return date, date.Add(24*time.Hour - time.Second)
	}
	start, end := evs[0].start, evs[0].end
	for _, e := range evs {
		if e.start.Before(start) {
			start = e.start
		}
		if e.end.After(end) {
			end = e.end
		}
	}
	return start, end
}

// markdownText turns Markdown into plain text for formats that show text
// as it is: emphasis marks, escapes and entities ("&lt;") undone, links as
// "text (url)".
func markdownText(md string) string {
	s := mdLinkRe.ReplaceAllString(md, "$1 ($2)")
	s = mdEmphRe.ReplaceAllString(s, "$2")
	s = mdEscapeRe.ReplaceAllString(s, "$1")
	return strings.TrimSpace(html.UnescapeString(s))
}

var (
	mdLinkRe   = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)
	mdEmphRe   = regexp.MustCompile(`(\*\*|\*|__|_|` + "`" + `)([^*_` + "`" + `\n]+)(?:\*\*|\*|__|_|` + "`" + `)`)
	mdEscapeRe = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!<>|])`)
)

// speakerLine is "A (Org), B (Org)".
func speakerLine(sp []program.Speaker) string {
	parts := make([]string, len(sp))
	for i, s := range sp {
		parts[i] = s.Name
		if s.Affiliation != "" {
			parts[i] += " (" + s.Affiliation + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// scheduled: a withdrawn talk is no event of the schedule. frab's and
// c3voc's formats have no field to mark it cancelled (see their schemas),
// so exports leave it out; iCalendar says STATUS:CANCELLED instead.
func scheduled(t *program.Talk) bool { return !t.Withdrawn }
