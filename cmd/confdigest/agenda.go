package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/confdigest/confdigest/program"
	"golang.org/x/term"
)

const agendaHelp = `usage: confdigest agenda [flags] FILE

Agenda shows the program as a table in the terminal, day by day in time
order: time, your marks, room (or track), id, title and speakers. The
papers of one research session, which share the session's slot, are shown
once under the session's name, in program order.

Marks (a legend names those shown): P planned, A attended, M missed,
1-5 your rating, ! clashes with another talk you plan or attended, W
withdrawn. Papers of one session are no clash; a talk in a parallel
session at the same time is; a missed talk clashes with nothing. check
warns of the same clashes. The free time between talks is shown.

Every id shown is one mark accepts: on a terminal, an id of more than 12
characters is shown as the shortest start no other id shares (at least 6
characters; mark takes it in any case); when piped, every id is whole.
On a terminal, titles wrap to fit the width; piped, every talk is one
line.

The flags are:

	--day N|DATE
		only that day (1-based, or YYYY-MM-DD)
	--planned
		only the talks you plan to see, attended or wrote about
	--track T, --room R
		only talks whose track (room) contains T (R), in any case
	--search TEXT
		only talks whose title, speakers or abstract contain TEXT
	--now
		what is on now and next, in the conference's time zone
	--at TIME
		with --now: take TIME ("2026-03-18 10:05" in the conference's
		zone, or RFC 3339) as now, to plan ahead
	--width N
		lines at most N columns (default: the terminal's width on a
		terminal; no limit when piped)
	--format text|tsv|json
		text (default) for people; for scripts, tsv (a header line,
		then one line a talk, tabs and line breaks in values made
		spaces) or json (a list of objects), with the fields: date,
		start, end ("HH:MM" or empty), id, title (yours if you set
		notes.title), session, track, room, speakers (names; joined
		by ", " in tsv), planned, attended, missed, conflict, withdrawn
		(true or false), rating (1-5; empty in tsv and absent in json
		when none), url

Example:

	confdigest agenda --day 2 --planned srecon17europe.yaml
	confdigest agenda --planned --format tsv srecon17europe.yaml | cut -f1,2,4
`

func runAgenda(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("agenda", flag.ContinueOnError)
	day := fs.String("day", "", "only that day")
	planned := fs.Bool("planned", false, "only your talks")
	track := fs.String("track", "", "only this track")
	room := fs.String("room", "", "only this room")
	search := fs.String("search", "", "only talks mentioning this")
	now := fs.Bool("now", false, "what is on now and next")
	at := fs.String("at", "", "the time taken as now")
	width := fs.Int("width", 0, "line width")
	format := fs.String("format", "text", "text, tsv or json")
	pos, err := parseFlags(fs, agendaHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	*format = strings.ToLower(*format)
	switch {
	case len(pos) != 1:
		return usagef("agenda takes one program file, e.g. confdigest agenda srecon17europe.yaml")
	case *format != "text" && *format != "tsv" && *format != "json":
		return usagef("agenda: --format %q: want text, tsv or json", *format)
	case *format != "text" && *now:
		return usagef("agenda: --now shows text only; for scripts, use --format %s with --day", *format)
	case *width < 0:
		return usagef("agenda: --width %d: want a number of columns", *width)
	}
	p, err := readProgram(pos[0], stderr)
	if err != nil {
		return err
	}
	if *width == 0 && isTerminal(stdout) {
		*width = terminalWidth(stdout)
	}
	f := agendaFilter{planned: *planned, track: *track, room: *room, search: *search}
	if *now {
		loc := time.Local
		if p.Conference.Timezone != "" {
			if loc, err = time.LoadLocation(p.Conference.Timezone); err != nil {
				return err
			}
		} else {
			fmt.Fprintln(stderr, "note: the program file names no conference.timezone: taking this machine's")
		}
		t := time.Now().In(loc)
		if *at != "" {
			if t, err = parseAt(*at, loc); err != nil {
				return usagef("agenda: --at %q: want \"YYYY-MM-DD HH:MM\" or RFC 3339", *at)
			}
		}
		return agendaNow(stdout, p, f, t, *width)
	}
	days, err := p.SelectDays(*day)
	if err != nil {
		return usagef("agenda: --%v", err)
	}
	switch *format {
	case "tsv":
		return agendaTSV(stdout, p, days, f)
	case "json":
		return agendaJSON(stdout, p, days, f)
	}
	var sections []section
	shown := 0
	empty := "(no talks)"
	if f != (agendaFilter{}) {
		empty = "(none that day)" // the day has talks, none the filter keeps
	}
	for _, di := range days {
		sections = append(sections, section{header: dayHeader(p, di), lines: dayLines(&p.Days[di], f), empty: empty})
		shown += len(sections[len(sections)-1].lines)
	}
	if shown == 0 && f != (agendaFilter{}) {
		// One line for the whole agenda, not "(no talks)" under each day.
		fmt.Fprintln(stdout, noneShown(p, days, f, pos[0]))
		return nil
	}
	return newLayout(p, sections, *width).write(stdout, sections)
}

// noneShown says why a filtered agenda is empty: the filter nothing
// matches, with what would.
func noneShown(p *program.Program, days []int, f agendaFilter, file string) string {
	none := func(g agendaFilter) bool {
		for _, di := range days {
			for ti := range p.Days[di].Talks {
				if g.keep(&p.Days[di].Talks[ti]) {
					return false
				}
			}
		}
		return true
	}
	values := func(of func(*program.Talk) string) string {
		seen := map[string]bool{}
		var all []string
		for _, di := range days {
			for ti := range p.Days[di].Talks {
				if v := of(&p.Days[di].Talks[ti]); v != "" && !seen[v] {
					seen[v] = true
					all = append(all, v)
				}
			}
		}
		if len(all) == 0 {
			return "none named"
		}
		sort.Strings(all)
		more := ""
		if len(all) > 4 {
			all, more = all[:4], fmt.Sprintf(" and %d more", len(all)-4)
		}
		for i, v := range all {
			all[i] = strconv.Quote(v)
		}
		return strings.Join(all, ", ") + more
	}
	switch {
	case f.track != "" && none(agendaFilter{track: f.track}):
		return fmt.Sprintf("no talk in track %q; tracks: %s", f.track, values(func(t *program.Talk) string { return t.Track }))
	case f.room != "" && none(agendaFilter{room: f.room}):
		return fmt.Sprintf("no talk in room %q; rooms: %s", f.room, values(func(t *program.Talk) string { return t.Room }))
	case f.search != "" && none(agendaFilter{search: f.search}):
		return fmt.Sprintf("no talk mentions %q", f.search)
	case f.planned && none(agendaFilter{planned: true}):
		if len(days) < len(p.Days) {
			return "no talk planned that day"
		}
		return fmt.Sprintf("no talk planned; plan one with: confdigest mark %s ID --plan", file)
	}
	return "no talk matches all these filters together; try fewer"
}

func parseAt(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(loc), nil
	}
	return time.ParseInLocation("2006-01-02 15:04", s, loc)
}

type agendaFilter struct {
	planned             bool
	track, room, search string
}

func (f agendaFilter) keep(t *program.Talk) bool {
	switch {
	case f.planned && !t.OnAgenda():
		return false
	case f.track != "" && !strings.Contains(strings.ToLower(t.Track), strings.ToLower(f.track)):
		return false
	case f.room != "" && !strings.Contains(strings.ToLower(t.Room), strings.ToLower(f.room)):
		return false
	case f.search != "" && !talkMatches(t, f.search):
		return false
	}
	return true
}

// row is one talk of the agenda.
type row struct {
	start, end int // minutes of the day (past midnight beyond 24 h); -1: none
	talk       *program.Talk
	conflict   bool
}

// dayRows are the talks of d that f keeps, in time order (program order
// within a slot), each flagged when it clashes (program.Day.Clashes:
// the rule check warns by).
func dayRows(d *program.Day, f agendaFilter) []row {
	clashes := d.Clashes()
	clock := d.Clock()
	var rows []row
	for ti := range d.Talks {
		t := &d.Talks[ti]
		if !f.keep(t) {
			continue
		}
		r := row{start: clock(t.Start), end: clock(t.End), talk: t, conflict: clashes[ti] >= 0}
		if r.end >= 0 && r.end < r.start {
			r.end += 24 * 60
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].start < rows[j].start })
	return rows
}

func endOf(r row) int {
	if r.end > r.start {
		return r.end
	}
	return r.start
}

// line is one entry of a day in the text agenda: a talk, the head of a
// session block (session set; its papers follow with inBlock), or free
// time (talk nil, no session).
type line struct {
	row
	session string
	papers  int // shown
	of      int // in the session, shown or not
	inBlock bool
}

// dayLines are rows in the order shown: the papers of one session block
// (program.SameSession, at one slot) gathered under one head where the
// first of them is, free time between talks.
func dayLines(d *program.Day, f agendaFilter) []line {
	rows := dayRows(d, f)
	used := make([]bool, len(rows))
	var out []line
	busy := -1
	for i, r := range rows {
		if used[i] {
			continue
		}
		if busy >= 0 && r.start > busy {
			out = append(out, line{row: row{start: busy, end: r.start}})
		}
		busy = max(busy, endOf(r))
		var block []int
		for j := i + 1; j < len(rows) && rows[j].start == r.start; j++ {
			o := rows[j].talk
			if !used[j] && o.Start == r.talk.Start && o.End == r.talk.End && program.SameSession(r.talk, o) {
				block = append(block, j)
			}
		}
		if len(block) == 0 {
			out = append(out, line{row: r})
			continue
		}
		of := 0
		for ti := range d.Talks {
			if o := &d.Talks[ti]; o.Start == r.talk.Start && o.End == r.talk.End && program.SameSession(r.talk, o) {
				of++
			}
		}
		out = append(out, line{row: row{start: r.start, end: r.end, talk: r.talk}, session: r.talk.Session, papers: len(block) + 1, of: of})
		out = append(out, line{row: r, inBlock: true})
		for _, j := range block {
			used[j] = true
			out = append(out, line{row: rows[j], inBlock: true})
		}
	}
	return out
}

func dayHeader(p *program.Program, di int) string {
	d := &p.Days[di]
	header := fmt.Sprintf("Day %d", di+1)
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		header += ", " + t.Format("Monday 2 January 2006")
	}
	return header
}

// agendaNow shows what runs at t and what starts next, on t's day.
func agendaNow(w io.Writer, p *program.Program, f agendaFilter, t time.Time, width int) error {
	fmt.Fprintf(w, "Now: %s\n", t.Format("Monday 2 January 2006, 15:04 MST"))
	for di := range p.Days {
		d := &p.Days[di]
		date, err := time.ParseInLocation(time.DateOnly, d.Date, t.Location())
		if err != nil {
			continue
		}
		minute := int(t.Sub(date).Minutes())
		if minute < 0 || minute >= 30*60 {
			continue // not this conference day (which runs past midnight)
		}
		var on, next []line
		nextStart := -1
		for _, l := range dayLines(d, f) {
			switch {
			case l.talk == nil: // free time
			case l.start <= minute && minute < endOf(l.row):
				on = append(on, l)
			case l.start > minute && (nextStart < 0 || l.start == nextStart):
				nextStart = l.start
				next = append(next, l)
			}
		}
		sections := []section{
			{header: "On now:", lines: on, empty: "nothing"},
			{header: "Next:", lines: next, empty: "nothing more today"},
		}
		return newLayout(p, sections, width).write(w, sections)
	}
	fmt.Fprintln(w, "  no conference day at this time")
	return nil
}

// terminalWidth is the width of the terminal w writes to: asked of the
// terminal, else COLUMNS, else 100.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
			return cols
		}
	}
	if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 20 {
		return c
	}
	return 100
}
