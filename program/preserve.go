package program

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// A re-scrape that changes a few talks should not re-lay the whole file: the
// user's blank lines, indentation and line breaks are theirs too. The
// preserver remembers the text of every day and talk of the file as it was
// read, and gives it back for those the merge left as they were; only what
// changed is written anew. MergeFile checks the result reads back to the
// merged tree, and writes the tree whole when it does not.
type preserver struct {
	lines   []string                    // the file as read, each line with its newline
	spans   map[*yaml.Node]span         // where each day and talk stood
	talks   map[*yaml.Node][]*yaml.Node // each day's talks as read
	touched map[*yaml.Node]bool         // days and talks the merge changed
}

// span is the lines [start, end) of a list item, with the comment lines
// directly above it and the blank lines after it.
type span struct{ start, end int }

func newPreserver(text []byte, doc *yaml.Node) *preserver {
	p := &preserver{lines: strings.SplitAfter(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n"),
		spans: map[*yaml.Node]span{}, talks: map[*yaml.Node][]*yaml.Node{}, touched: map[*yaml.Node]bool{}}
	if n := len(p.lines); n > 0 && p.lines[n-1] == "" {
		p.lines = p.lines[:n-1] // after the last newline: no line
	}
	if len(doc.Content) == 0 {
		return p
	}
	root := doc.Content[0]
	days := mapValue(root, "days")
	if !spliceable(days) {
		return p
	}
	daysEnd := p.afterKey(root, "days", len(p.lines))
	for i, d := range days.Content {
		end := daysEnd
		if i+1 < len(days.Content) {
			end = p.itemStart(days.Content[i+1])
		}
		p.add(d, end)
		talks := mapValue(d, "talks")
		p.talks[d] = append([]*yaml.Node{}, seqOf(talks)...)
		if !spliceable(talks) {
			continue
		}
		talksEnd := p.afterKey(d, "talks", end)
		for j, t := range talks.Content {
			tEnd := talksEnd
			if j+1 < len(talks.Content) {
				tEnd = p.itemStart(talks.Content[j+1])
			}
			p.add(t, tEnd)
			if j == 0 {
				p.blankBefore(t) // "talks:", an empty line, then the first talk
			}
		}
	}
	return p
}

func (p *preserver) add(n *yaml.Node, end int) {
	start := p.itemStart(n)
	if start < end && end <= len(p.lines) {
		p.spans[n] = span{start, p.trimOuter(start, end)}
	}
}

// blankBefore widens the first item's span over the blank lines above it.
func (p *preserver) blankBefore(n *yaml.Node) {
	s, ok := p.spans[n]
	if !ok {
		return
	}
	for s.start > 0 && strings.TrimSpace(p.lines[s.start-1]) == "" {
		s.start--
	}
	p.spans[n] = s
}

// blankAfter is how many blank lines end n's span: kept after n when it is
// written anew.
func (p *preserver) blankAfter(n *yaml.Node) int {
	if p == nil {
		return 0
	}
	s, ok := p.spans[n]
	if !ok {
		return 0
	}
	k := 0
	for i := s.end - 1; i > s.start && strings.TrimSpace(p.lines[i]) == ""; i-- {
		k++
	}
	return k
}

// itemStart is the line of a list item's "- ", less the comment lines
// directly above it.
func (p *preserver) itemStart(n *yaml.Node) int {
	i := n.Line - 1
	for i > 0 && strings.HasPrefix(strings.TrimSpace(p.lines[i-1]), "#") {
		i--
	}
	return i
}

// afterKey is where the key after k in mapping m starts (its comments
// included), or def when k is the last.
func (p *preserver) afterKey(m *yaml.Node, k string, def int) int {
	for i := 0; i+3 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			return p.itemStart(m.Content[i+2])
		}
	}
	return def
}

// trimOuter leaves out the tail of a span that belongs to an outer level:
// comments indented less than the item, with the blank lines among them.
func (p *preserver) trimOuter(start, end int) int {
	indent := leading(p.lines[start])
	cut, outer := end, false
	for i := end - 1; i > start; i-- {
		t := strings.TrimSpace(p.lines[i])
		switch {
		case t == "":
			cut = i
		case strings.HasPrefix(t, "#") && leading(p.lines[i]) < indent:
			cut, outer = i, true
		default:
			if outer {
				return cut
			}
			return end
		}
	}
	if outer {
		return cut
	}
	return end
}

func leading(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

// text is n's original text with its "- " at column 0, when the merge left
// n as it was.
func (p *preserver) text(n *yaml.Node) ([]byte, bool) {
	if p == nil {
		return nil, false
	}
	s, ok := p.spans[n]
	if !ok || !p.unchanged(n) {
		return nil, false
	}
	dash := n.Line - 1
	indent := leading(p.lines[dash])
	if !strings.HasPrefix(p.lines[dash][indent:], "-") {
		return nil, false
	}
	var b strings.Builder
	for _, line := range p.lines[s.start:s.end] {
		switch {
		case strings.TrimSpace(line) == "":
			b.WriteString("\n")
		case leading(line) < indent:
			return nil, false // not shaped as expected: write it anew
		default:
			b.WriteString(line[indent:])
		}
	}
	out := b.String()
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return []byte(out), true
}

// unchanged: the merge did not touch n; for a day, nor its list of talks
// nor any talk in it.
func (p *preserver) unchanged(n *yaml.Node) bool {
	if p.touched[n] {
		return false
	}
	orig, isDay := p.talks[n]
	if !isDay {
		return true
	}
	now := seqOf(mapValue(n, "talks"))
	if len(now) != len(orig) {
		return false
	}
	for i := range now {
		if now[i] != orig[i] || p.touched[now[i]] {
			return false
		}
	}
	return true
}

// sameContent compares two trees by what they say: kinds, values,
// comments and shape (how a value is quoted may differ).
func sameContent(a, b *yaml.Node) bool {
	if a.Kind == yaml.DocumentNode && b.Kind != yaml.DocumentNode && len(a.Content) == 1 {
		a = a.Content[0]
	}
	if b.Kind == yaml.DocumentNode && a.Kind != yaml.DocumentNode && len(b.Content) == 1 {
		b = b.Content[0]
	}
	if a.Kind != b.Kind || a.Value != b.Value || a.HeadComment != b.HeadComment || a.LineComment != b.LineComment ||
		a.FootComment != b.FootComment || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameContent(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
