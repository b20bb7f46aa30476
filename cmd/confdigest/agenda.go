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
	"unicode/utf8"

	"github.com/confdigest/confdigest/program"
	"golang.org/x/term"
)

const agendaHelp = `usage: confdigest agenda [flags] FILE

Agenda shows the program as a table in the terminal, day by day in time
order: time, your marks, room (or track), id, title and speakers. Marks:
P planned, A attended, 1-5 your rating. Talks you planned that
overlap are flagged "conflict"; the free time between talks is shown.

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

Example:

	confdigest agenda --day 2 --planned srecon17europe.yaml
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
	pos, err := parseFlags(fs, agendaHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("agenda takes one program file, e.g. confdigest agenda srecon17europe.yaml")
	}
	p, err := program.ReadFile(pos[0])
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
	for n, di := range days {
		if n > 0 {
			fmt.Fprintln(stdout)
		}
		agendaDay(stdout, p, di, f, *width)
	}
	return nil
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

// row is one line of the agenda.
type row struct {
	start, end int // minutes of the day (past midnight beyond 24 h); -1: none
	talk       *program.Talk
	conflict   bool
}

func dayRows(d *program.Day, f agendaFilter) []row {
	clock := d.Clock()
	var rows []row
	for ti := range d.Talks {
		t := &d.Talks[ti]
		if !f.keep(t) {
			continue
		}
		r := row{start: clock(t.Start), end: clock(t.End), talk: t}
		if r.end >= 0 && r.end < r.start {
			r.end += 24 * 60
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].start < rows[j].start })
	// Planned talks that overlap one another: one sweep in time order.
	for i := range rows {
		if !planned(rows[i].talk) {
			continue
		}
		for j := i + 1; j < len(rows) && rows[j].start < endOf(rows[i]); j++ {
			if planned(rows[j].talk) {
				rows[i].conflict, rows[j].conflict = true, true
			}
		}
	}
	return rows
}

func planned(t *program.Talk) bool { return t.Notes != nil && t.Notes.Plan }

func endOf(r row) int {
	if r.end > r.start {
		return r.end
	}
	return r.start
}

func agendaDay(w io.Writer, p *program.Program, di int, f agendaFilter, width int) {
	d := &p.Days[di]
	header := fmt.Sprintf("Day %d", di+1)
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		header += ", " + t.Format("Monday 2 January 2006")
	}
	fmt.Fprintln(w, header)
	rows := dayRows(d, f)
	if len(rows) == 0 {
		fmt.Fprintln(w, "  (no talks)")
		return
	}
	busy := -1
	for _, r := range rows {
		if busy >= 0 && r.start > busy {
			fmt.Fprintf(w, "  %s  free\n", span(busy, r.start))
		}
		fmt.Fprintln(w, fit(printable(line(r)), width))
		busy = max(busy, endOf(r))
	}
}

func line(r row) string {
	t := r.talk
	when := "  --:--       "
	if r.start >= 0 {
		when = "  " + span(r.start, r.end)
		when += strings.Repeat(" ", max(0, 14-utf8.RuneCountInString(when)))
	}
	where := t.Room
	if where == "" {
		where = t.Track
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %-4s %-16s %-24s %s", when, marks(t), clip(where, 16), clip(t.ID, 24), t.DisplayTitle())
	if sp := names(t.Speakers); sp != "" {
		b.WriteString(" — " + sp)
	}
	if r.conflict {
		b.WriteString("  [conflict]")
	}
	if t.Withdrawn {
		b.WriteString("  [withdrawn]")
	}
	return b.String()
}

func marks(t *program.Talk) string {
	n := t.Notes
	if n == nil {
		return ""
	}
	var m string
	if n.Plan {
		m += "P"
	}
	if n.Attended {
		m += "A"
	}
	if n.Rating > 0 {
		m += strconv.Itoa(n.Rating)
	}
	return m
}

func names(sp []program.Speaker) string {
	var out []string
	for _, s := range sp {
		out = append(out, s.Name)
	}
	return strings.Join(out, ", ")
}

func span(start, end int) string {
	s := hhmm(start)
	if end >= 0 && end != start {
		s += "–" + hhmm(end)
	}
	return s
}

func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60%24, m%60) }

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// fit cuts a line to width (0: no limit).
func fit(s string, width int) string {
	if width <= 0 || utf8.RuneCountInString(s) <= width {
		return s
	}
	// A conflict must still show: keep the flag at the end.
	tail := ""
	if strings.HasSuffix(s, "  [conflict]") {
		tail = "  [conflict]"
		s = strings.TrimSuffix(s, tail)
	}
	return clip(s, max(10, width-utf8.RuneCountInString(tail))) + tail
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
		rows := dayRows(d, f)
		var on, next []row
		nextStart := -1
		for _, r := range rows {
			switch {
			case r.start <= minute && minute < endOf(r):
				on = append(on, r)
			case r.start > minute && (nextStart < 0 || r.start == nextStart):
				nextStart = r.start
				next = append(next, r)
			}
		}
		fmt.Fprintln(w, "On now:")
		if len(on) == 0 {
			fmt.Fprintln(w, "  nothing")
		}
		for _, r := range on {
			fmt.Fprintln(w, fit(printable(line(r)), width))
		}
		fmt.Fprintln(w, "Next:")
		if len(next) == 0 {
			fmt.Fprintln(w, "  nothing more today")
		}
		for _, r := range next {
			fmt.Fprintln(w, fit(printable(line(r)), width))
		}
		return nil
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
