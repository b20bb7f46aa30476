package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/confdigest/confdigest/program"
	"golang.org/x/text/width"
)

// section is a run of agenda lines under a header: a day, or "On now:".
type section struct {
	header string
	lines  []line
	empty  string // said when there are no lines
}

// layout is where the columns of the text agenda go: the same for every
// line, so the columns line up; a column nobody fills is left out.
type layout struct {
	width                int // 0: no limit (piped): one line a talk
	timeW, marksW, roomW int
	idW                  int
	ids                  map[string]string // id → the id shown
	legend               string
	titleAt, titleW      int // where titles start, and how wide they may be
	inBlock              int // columns papers of a block save: they have no room
}

const (
	minTitle = 25 // a title's first characters on its first line, at least
	maxRoom  = 16 // a room's column on a terminal
	wholeID  = 12 // an id this long or shorter is shown whole
)

func newLayout(p *program.Program, sections []section, width int) *layout {
	l := &layout{width: width, ids: shownIDs(p, width > 0)}
	seen := map[byte]bool{}
	for _, s := range sections {
		for _, ln := range s.lines {
			l.timeW = max(l.timeW, cols(timeOf(ln.row)))
			if ln.talk == nil {
				continue
			}
			if ln.session == "" {
				m := marks(ln.row)
				l.marksW = max(l.marksW, len(m))
				for i := range len(m) {
					c := m[i]
					if c >= '1' && c <= '5' {
						c = '1'
					}
					seen[c] = true
				}
				l.idW = max(l.idW, cols(l.ids[ln.talk.ID]))
			}
			if !ln.inBlock {
				l.roomW = max(l.roomW, cols(where(ln.talk)))
			}
		}
	}
	var legend []string
	for _, m := range []struct {
		c    byte
		text string
	}{{'P', "P planned"}, {'A', "A attended"}, {'M', "M missed"}, {'1', "1-5 rating"}, {'!', "! clash"}, {'W', "W withdrawn"}} {
		if seen[m.c] {
			legend = append(legend, m.text)
		}
	}
	if len(legend) > 0 {
		l.legend = "Marks: " + strings.Join(legend, ", ")
	}
	if width == 0 {
		// Piped: nothing is cut; a long room or id pushes its title on.
		l.roomW, l.idW = min(l.roomW, 24), min(l.idW, 24)
		l.titleAt = l.prefixWidth()
		return l
	}
	l.roomW = min(l.roomW, maxRoom)
	// A title gets minTitle columns at least: the room's column gives way
	// where 6 columns of it are left; else titles get lines of their own.
	if short := minTitle - (width - l.prefixWidth()); short > 0 && l.roomW-short >= 6 {
		l.roomW -= short
	}
	l.titleAt = l.prefixWidth()
	l.titleW = width - l.titleAt
	if l.roomW > 0 {
		l.inBlock = l.roomW + 2
	}
	return l
}

// prefixWidth is the width of what comes before a title: two spaces,
// then each column that is there and two spaces after it.
func (l *layout) prefixWidth() int {
	w := 2 + l.timeW + 2 + l.idW + 2
	if l.marksW > 0 {
		w += l.marksW + 2
	}
	if l.roomW > 0 {
		w += l.roomW + 2
	}
	return w
}

func (l *layout) write(w io.Writer, sections []section) error {
	var b strings.Builder
	if l.legend != "" {
		b.WriteString(clip(l.legend, l.width) + "\n")
	}
	for i, s := range sections {
		if i > 0 && !strings.HasSuffix(s.header, ":") {
			b.WriteString("\n") // between days, not under "On now:"
		}
		b.WriteString(clip(printable(s.header), l.width) + "\n")
		if len(s.lines) == 0 {
			b.WriteString(clip("  "+s.empty, l.width) + "\n")
		}
		for _, ln := range s.lines {
			for _, text := range l.render(ln) {
				b.WriteString(strings.TrimRight(text, " ") + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// render is the lines of one agenda entry.
func (l *layout) render(ln line) []string {
	when := pad(timeOf(ln.row), l.timeW)
	if ln.inBlock && l.width > 0 { // piped, every line says it all
		when = pad("", l.timeW)
	}
	if ln.talk == nil {
		return []string{"  " + when + "  free"}
	}
	t := ln.talk
	var pre strings.Builder
	pre.WriteString("  " + when + "  ")
	if l.marksW > 0 {
		m := ""
		if ln.session == "" {
			m = marks(ln.row)
		}
		pre.WriteString(pad(m, l.marksW) + "  ")
	}
	titleAt, titleW := l.titleAt, l.titleW
	switch {
	case ln.inBlock && l.width > 0:
		// Papers of a block: their session's head names the room.
		titleAt, titleW = titleAt-l.inBlock, titleW+l.inBlock
	case l.roomW > 0:
		room := printable(where(t))
		if l.width > 0 {
			room = clip(room, l.roomW)
		}
		pre.WriteString(pad(room, l.roomW) + "  ")
	}
	if ln.session != "" {
		// A block's head: the session's name where ids and titles go.
		head, count := printable(ln.session), fmt.Sprintf("(%d papers)", ln.papers)
		if ln.of > ln.papers {
			count = fmt.Sprintf("(%d of %d papers)", ln.papers, ln.of)
		}
		if l.width == 0 {
			return []string{pre.String() + head + " " + count}
		}
		at := cols(pre.String())
		w := max(minTitle, l.width-at)
		lines := wrap(head, w)
		if last := lines[len(lines)-1]; cols(last)+1+len(count) <= w {
			lines[len(lines)-1] = last + " " + count
		} else {
			lines = append(lines, count)
		}
		for i := 1; i < len(lines); i++ {
			lines[i] = strings.Repeat(" ", at) + lines[i]
		}
		lines[0] = pre.String() + lines[0]
		return lines
	}
	pre.WriteString(pad(l.ids[t.ID], l.idW) + "  ")
	title := printable(t.DisplayTitle())
	sp := printable(names(t.Speakers, l.width == 0))
	if l.width == 0 {
		if sp != "" {
			title += " — " + sp
		}
		return []string{pre.String() + title}
	}
	// Too narrow for minTitle columns: titles get lines of their own.
	below := titleW < minTitle
	if below {
		titleAt, titleW = 4, max(1, l.width-4)
	}
	lines := wrap(title, titleW)
	if sp != "" {
		last := lines[len(lines)-1]
		switch room := titleW - cols(last) - 3; {
		case room >= 12:
			lines[len(lines)-1] = last + " — " + clip(sp, room)
		case len(lines) == 1:
			lines = append(lines, clip("— "+sp, titleW))
		}
	}
	indent := strings.Repeat(" ", titleAt)
	var out []string
	if below {
		out = append(out, clip(strings.TrimRight(pre.String(), " "), l.width))
	}
	for i, s := range lines {
		if i == 0 && !below {
			out = append(out, pre.String()+s)
			continue
		}
		out = append(out, indent+s)
	}
	return out
}

// wrap breaks s into lines of at most width columns at spaces, or after a
// hyphen of a word that does not fit ("High-" / "Performance"); a word is
// cut elsewhere only when it alone is wider than a line.
func wrap(s string, width int) []string {
	width = max(width, 1)
	var lines []string
	cur, curW := "", 0
	for _, w := range strings.Fields(s) {
		ww := cols(w)
		for {
			sep := 0
			if curW > 0 {
				sep = 1
			}
			if curW+sep+ww <= width {
				if sep == 1 {
					cur += " "
				}
				cur, curW = cur+w, curW+sep+ww
				break
			}
			// What is left on the line takes the word up to a hyphen.
			if head, rest := hyphenCut(w, width-curW-sep); head != "" {
				if sep == 1 {
					cur += " "
				}
				lines = append(lines, cur+head)
				cur, curW = "", 0
				w, ww = rest, cols(rest)
				continue
			}
			if curW > 0 {
				lines = append(lines, cur)
				cur, curW = "", 0
				continue
			}
			// Alone on a line and still too wide: cut it.
			head, rest := cut(w, width)
			lines = append(lines, head)
			w, ww = rest, cols(rest)
		}
	}
	if curW > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// hyphenCut splits word after its last hyphen that leaves at most n
// columns before it, with something after it; "" when there is none.
func hyphenCut(word string, n int) (string, string) {
	best := -1
	w := 0
	for i, r := range word {
		if w += runeCols(r); w > n {
			break
		}
		if r == '-' && i > 0 && i+1 < len(word) {
			best = i + 1
		}
	}
	if best < 0 {
		return "", ""
	}
	return word[:best], word[best:]
}

// cut splits s after at most n columns (at least one character).
func cut(s string, n int) (string, string) {
	w := 0
	for i, r := range s {
		if w += runeCols(r); w > n && i > 0 {
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// cols is how many terminal columns s takes: a wide (East Asian)
// character two, a combining mark none.
func cols(s string) int {
	n := 0
	for _, r := range s {
		n += runeCols(r)
	}
	return n
}

func runeCols(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r < 0x1100:
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func timeOf(r row) string {
	if r.start < 0 {
		return "--:--"
	}
	return span(r.start, r.end)
}

func where(t *program.Talk) string {
	if t.Room != "" {
		return t.Room
	}
	return t.Track
}

// marks: P planned, A attended, M missed, 1-5 the rating, ! a clash, W
// withdrawn.
func marks(r row) string {
	var m string
	if n := r.talk.Notes; n != nil {
		if n.Plan {
			m += "P"
		}
		if n.Attended {
			m += "A"
		}
		if n.Missed {
			m += "M"
		}
		if n.Rating > 0 {
			m += strconv.Itoa(n.Rating)
		}
	}
	if r.conflict {
		m += "!"
	}
	if r.talk.Withdrawn {
		m += "W"
	}
	return m
}

// names are the speakers' names, on a terminal all of them (the line cuts
// them), piped the first three and how many more.
func names(sp []program.Speaker, short bool) string {
	var out []string
	for i, s := range sp {
		if short && i == 3 && len(sp) > 4 {
			return strings.Join(out, ", ") + fmt.Sprintf(" and %d others", len(sp)-3)
		}
		out = append(out, s.Name)
	}
	return strings.Join(out, ", ")
}

// shownIDs are the ids to show for every talk of p: whole when piped or
// short; on a terminal, a longer one as the shortest start no other id
// shares in any case (as mark reads ids), at least 6 characters.
func shownIDs(p *program.Program, short bool) map[string]string {
	var ids []string
	for _, d := range p.Days {
		for _, t := range d.Talks {
			ids = append(ids, t.ID)
		}
	}
	out := make(map[string]string, len(ids))
	if !short {
		for _, id := range ids {
			out[id] = id
		}
		return out
	}
	lower := make([]string, len(ids))
	order := make([]int, len(ids))
	for i, id := range ids {
		lower[i], order[i] = strings.ToLower(id), i
	}
	sort.Slice(order, func(a, b int) bool { return lower[order[a]] < lower[order[b]] })
	for k, i := range order {
		need := 0
		if k > 0 {
			need = max(need, common(lower[i], lower[order[k-1]]))
		}
		if k+1 < len(order) {
			need = max(need, common(lower[i], lower[order[k+1]]))
		}
		r := []rune(ids[i])
		n := min(len(r), max(need+1, 6))
		for n < len(r) && strings.ContainsRune("-_.", r[n-1]) {
			n++ // "chung-y", not "chung-"
		}
		if len(r) <= wholeID {
			n = len(r)
		}
		if need >= len(lower[i]) {
			n = len(r) // a prefix of another id: only the whole one is unique
		}
		out[ids[i]] = string(r[:n])
	}
	return out
}

// common is the number of runes a and b start with alike.
func common(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		n++
		a, b = a[sa:], b[sb:]
	}
	return n
}

func span(start, end int) string {
	s := hhmm(start)
	if end >= 0 && end != start {
		s += "–" + hhmm(end)
	}
	return s
}

func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60%24, m%60) }

// clip cuts s to n columns, the last one "…" (n <= 0: no limit).
func clip(s string, n int) string {
	if n <= 0 || cols(s) <= n {
		return s
	}
	head, _ := cut(s, n-1)
	for cols(head) > n-1 && head != "" { // a wide first character
		head = ""
	}
	return head + "…"
}

func pad(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-cols(s)))
}

// agendaTalk is one talk as tsv and json give it (agendaHelp names the
// fields).
type agendaTalk struct {
	Date      string   `json:"date"`
	Start     string   `json:"start"`
	End       string   `json:"end"`
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Session   string   `json:"session"`
	Track     string   `json:"track"`
	Room      string   `json:"room"`
	Speakers  []string `json:"speakers"`
	Planned   bool     `json:"planned"`
	Attended  bool     `json:"attended"`
	Missed    bool     `json:"missed"`
	Conflict  bool     `json:"conflict"`
	Withdrawn bool     `json:"withdrawn"`
	Rating    int      `json:"rating,omitempty"`
	URL       string   `json:"url"`
}

func agendaTalks(p *program.Program, days []int, f agendaFilter) []agendaTalk {
	out := []agendaTalk{}
	for _, di := range days {
		d := &p.Days[di]
		for _, r := range dayRows(d, f) {
			t := r.talk
			a := agendaTalk{Date: d.Date, Start: t.Start, End: t.End, ID: t.ID, Title: t.DisplayTitle(),
				Session: t.Session, Track: t.Track, Room: t.Room, Speakers: []string{},
				Conflict: r.conflict, Withdrawn: t.Withdrawn, URL: t.URL}
			for _, s := range t.Speakers {
				a.Speakers = append(a.Speakers, s.Name)
			}
			if n := t.Notes; n != nil {
				a.Planned, a.Attended, a.Missed, a.Rating = n.Plan, n.Attended, n.Missed, n.Rating
			}
			out = append(out, a)
		}
	}
	return out
}

func agendaJSON(w io.Writer, p *program.Program, days []int, f agendaFilter) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(agendaTalks(p, days, f))
}

func agendaTSV(w io.Writer, p *program.Program, days []int, f agendaFilter) error {
	var b strings.Builder
	b.WriteString("date\tstart\tend\tid\ttitle\tsession\ttrack\troom\tspeakers\tplanned\tattended\tmissed\tconflict\twithdrawn\trating\turl\n")
	field := strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
	for _, a := range agendaTalks(p, days, f) {
		rating := ""
		if a.Rating > 0 {
			rating = strconv.Itoa(a.Rating)
		}
		cols := []string{a.Date, a.Start, a.End, a.ID, a.Title, a.Session, a.Track, a.Room, strings.Join(a.Speakers, ", "),
			strconv.FormatBool(a.Planned), strconv.FormatBool(a.Attended), strconv.FormatBool(a.Missed),
			strconv.FormatBool(a.Conflict), strconv.FormatBool(a.Withdrawn), rating, a.URL}
		for i, c := range cols {
			cols[i] = field.Replace(c)
		}
		b.WriteString(strings.Join(cols, "\t") + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
