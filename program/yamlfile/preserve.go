package yamlfile

import (
	"bytes"
	"slices"
	"sort"
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
	// regions are where each user-owned mapping (post, a day's or a
	// talk's notes) stood, by its value node: written anew, a day or talk
	// takes the text of its notes from here (userText).
	regions map[*yaml.Node]region
	// loose are the lines of a quoted value indented no more than its
	// key (the closing quote yaml.v3 writes at column 0): written where
	// they stand.
	loose map[int]bool
	// quoted are the lines after the first of every value quoted over
	// several lines: none is a line of its own to tell the items apart.
	quoted map[int]bool
}

// region is the lines [start, end) of a user-owned key: its key line, its
// value and the comments indented under the key after it; indent is the
// key's.
type region struct{ start, end, indent int }

// span is the lines [start, end) of a list item, with the comment lines
// directly above it and the blank lines after it.
type span struct{ start, end int }

func newPreserver(text []byte, doc *yaml.Node) *preserver {
	p := &preserver{lines: strings.SplitAfter(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n"),
		spans: map[*yaml.Node]span{}, talks: map[*yaml.Node][]*yaml.Node{}, touched: map[*yaml.Node]bool{},
		regions: map[*yaml.Node]region{}, loose: map[int]bool{}, quoted: map[int]bool{}}
	if n := len(p.lines); n > 0 && p.lines[n-1] == "" {
		p.lines = p.lines[:n-1] // after the last newline: no line
	}
	if len(doc.Content) == 0 {
		return p
	}
	root := doc.Content[0]
	p.quotedLines(root, p.quoted)
	p.addRegion(root, "post")
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
		p.addRegion(d, "notes")
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
			p.addRegion(t, "notes")
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
// above it (the gap between it and the item above, blank lines among them
// included); a comment indented more than the "- " ends the item above
// (the last line of its notes, say) unless nothing is above.
func (p *preserver) itemStart(n *yaml.Node) int {
	i := n.Line - 1
	if i >= len(p.lines) || i < 0 {
		return i
	}
	dash := leading(p.lines[i])
	start := i
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(p.lines[j])
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "#") || leading(p.lines[j]) > dash && p.inner(j, dash) {
			break
		}
		start = j
	}
	return start
}

// gap is the comment lines between list item n and the item above, as
// itemStart finds them, trimmed.
func (p *preserver) gap(n *yaml.Node) []string {
	var out []string
	for i := p.itemStart(n); i >= 0 && i < n.Line-1; i++ {
		if t := strings.TrimSpace(p.lines[i]); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// moveGapComments: a comment between two days or two talks belongs to the
// gap, and goes with the item below it. yaml.v3 reads one indented less
// than the "- ", or set off from it by a blank line, onto the last value
// of the item above (or a key of the item below): written anew, that
// would move it into the notes above. It is made the head comment of the
// item below, where yaml.v3 reads one written just above the "- ", so
// that the tree says the same whichever way the gap is written.
func (p *preserver) moveGapComments(root *yaml.Node) {
	days := mapValue(root, "days")
	if !spliceable(days) {
		return
	}
	p.moveGaps(days)
	for _, d := range days.Content {
		if talks := mapValue(d, "talks"); spliceable(talks) {
			p.moveGaps(talks)
		}
	}
}

func (p *preserver) moveGaps(list *yaml.Node) {
	for i, n := range list.Content {
		gap := p.gap(n)
		head := strings.Join(gap, "\n")
		if len(gap) == 0 || n.HeadComment == head {
			continue
		}
		own := n.HeadComment // less the gap's lines: comments yaml.v3 read onto n
		for _, c := range gap {
			dropLine(&own, c)
		}
		n.HeadComment = ""
		for _, c := range gap {
			if i > 0 && dropLast(list.Content[i-1], c) {
				continue
			}
			dropFirst(n, c)
		}
		n.HeadComment = joinComments(own, head)
	}
}

// dropLast removes comment line c from the last node of n's tree that has it.
func dropLast(n *yaml.Node, c string) bool {
	for i := len(n.Content) - 1; i >= 0; i-- {
		if dropLast(n.Content[i], c) {
			return true
		}
	}
	return dropLine(&n.FootComment, c) || dropLine(&n.LineComment, c) || dropLine(&n.HeadComment, c)
}

// dropFirst removes comment line c from the first node of n's tree that
// has it at its foot.
func dropFirst(n *yaml.Node, c string) bool {
	if dropLine(&n.FootComment, c) {
		return true
	}
	for _, k := range n.Content {
		if dropFirst(k, c) {
			return true
		}
	}
	return false
}

// dropLine removes line c (trimmed) from comment *s.
func dropLine(s *string, c string) bool {
	lines := strings.Split(*s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == c {
			*s = strings.Trim(strings.Join(append(lines[:i], lines[i+1:]...), "\n"), "\n")
			return true
		}
	}
	return false
}

// gapText is the gap above n as written, each line marked to be written
// at its own column (absolute), and n without the head comment the gap
// holds; nil when n has no gap or its head comment is not the gap's.
func (p *preserver) gapText(n *yaml.Node) ([]byte, *yaml.Node) {
	if p == nil || n.Line < 1 || n.Line > len(p.lines) {
		return nil, n
	}
	gap := p.gap(n)
	if len(gap) == 0 || n.HeadComment != strings.Join(gap, "\n") {
		return nil, n
	}
	var b []byte
	for _, l := range p.lines[p.itemStart(n) : n.Line-1] {
		if strings.TrimSpace(l) == "" {
			b = append(b, '\n')
			continue
		}
		b = append(append(b, absolute), l...)
	}
	cp := *n
	cp.HeadComment = ""
	return b, &cp
}

// absolute starts a line of text that splice writes at its own column,
// not indented as its list: a comment in a gap, indented less than the
// list's "- ". unmark takes it out of the finished text.
const absolute = '\x00'

// unmark removes the absolute marks from text.
func unmark(text []byte) []byte {
	if bytes.IndexByte(text, absolute) < 0 {
		return text
	}
	return bytes.ReplaceAll(text, []byte{absolute}, nil)
}

// inner: above line i, before any line indented as little as indent, is a
// line indented more than indent: the lines belong to an item above.
func (p *preserver) inner(i, indent int) bool {
	for j := i - 1; j >= 0; j-- {
		t := strings.TrimSpace(p.lines[j])
		if t == "" || strings.HasPrefix(t, "#") || p.quoted[j] {
			continue // (a closing quote at column 0 ends a value above)
		}
		return leading(p.lines[j]) > indent
	}
	return false
}

// addRegion records where the value of user-owned key k of mapping m
// stands: from the key's line on, every line that is blank or indented
// more than the key, less the blank lines at the end unless a |+ block
// keeps them.
func (p *preserver) addRegion(m *yaml.Node, k string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		key := m.Content[i]
		if key.Value != k || key.Line < 1 || key.Line > len(p.lines) {
			continue
		}
		start := key.Line - 1
		indent := leading(p.lines[start])
		if indent != key.Column-1 {
			return // "- notes:" or more on the line: not this simple
		}
		// yaml.v3 writes the closing quote of a value quoted over several
		// lines at column 0, and reads it there: such lines are the
		// value's too.
		quoted := map[int]bool{}
		p.quotedLines(m.Content[i+1], quoted)
		end := start + 1
		for j := end; j < len(p.lines); j++ {
			if strings.TrimSpace(p.lines[j]) == "" {
				continue
			}
			if leading(p.lines[j]) <= indent {
				if !quoted[j] {
					break
				}
				p.loose[j] = true
			}
			end = j + 1
		}
		if keepsBlankLines(m.Content[i+1]) {
			for end < len(p.lines) && strings.TrimSpace(p.lines[end]) == "" {
				end++ // a |+ block's text ends in the blank lines after it
			}
		}
		p.regions[m.Content[i+1]] = region{start, end, indent}
		return
	}
}

// linesOf is a preserver that knows only the lines of text (LF ends) and
// which of them continue a quoted value of root: enough to find the gaps
// between items.
func linesOf(text []byte, root *yaml.Node) *preserver {
	p := &preserver{lines: strings.SplitAfter(string(text), "\n"), quoted: map[int]bool{}}
	p.quotedLines(root, p.quoted)
	return p
}

// quotedLines marks the lines after the first of each value quoted over
// several lines in n's tree, up to the one it closes on.
func (p *preserver) quotedLines(n *yaml.Node, mark map[int]bool) {
	for _, c := range n.Content {
		p.quotedLines(c, mark)
	}
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) == 0 || n.Line < 1 || n.Line > len(p.lines) {
		return
	}
	q := byte('\'')
	if n.Style&yaml.DoubleQuotedStyle != 0 {
		q = '"'
	}
	line := p.lines[n.Line-1]
	at := len(line)
	if r := []rune(line); n.Column-1 < len(r) {
		at = len(string(r[:n.Column-1]))
	}
	if at >= len(line) || line[at] != q {
		return
	}
	at++
	for i := n.Line - 1; i < len(p.lines); i, at = i+1, 0 {
		l := p.lines[i]
		for j := at; j < len(l); j++ {
			switch {
			case q == '"' && l[j] == '\\':
				j++
			case l[j] == q && q == '\'' && j+1 < len(l) && l[j+1] == '\'':
				j++
			case l[j] == q:
				return
			}
		}
		if i+1 < len(p.lines) {
			mark[i+1] = true
		}
	}
}

// keepSwallowed: the scraped values of talks that hold the user's text
// (swallowedFields) are written as they were, like notes, when their talk
// is written anew.
func (p *preserver) keepSwallowed(doc *yaml.Node, swallowed map[*yaml.Node]Problem) {
	if len(swallowed) == 0 || len(doc.Content) == 0 {
		return
	}
	for _, d := range seqOf(mapValue(doc.Content[0], "days")) {
		for _, t := range seqOf(mapValue(d, "talks")) {
			for i := 1; i < len(t.Content); i += 2 {
				if _, ok := swallowed[t.Content[i]]; ok {
					p.addRegion(t, t.Content[i-1].Value)
				}
			}
		}
	}
}

// keepsBlankLines: n holds a scalar with more than one line break at its
// end (|+), whose last lines are blank lines of the file.
func keepsBlankLines(n *yaml.Node) bool {
	if n.Kind == yaml.ScalarNode && strings.HasSuffix(n.Value, "\n\n") {
		return true
	}
	for _, c := range n.Content {
		if keepsBlankLines(c) {
			return true
		}
	}
	return false
}

// userPlaceholder stands for a user-owned value in a tree written anew,
// until userText puts the original text in its place.
const userPlaceholder = "confdigest-user-placeholder-3f9a27"

// cutUser returns m with the value of its user-owned key k replaced by a
// placeholder, when that value's text is known; m itself is not changed.
func (p *preserver) cutUser(m *yaml.Node, k string) (*yaml.Node, *region) {
	if p == nil || m == nil || m.Kind != yaml.MappingNode {
		return m, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != k {
			continue
		}
		r, ok := p.regions[m.Content[i+1]]
		if !ok {
			return m, nil
		}
		cp := *m
		cp.Content = append([]*yaml.Node(nil), m.Content...)
		key := *m.Content[i]
		key.LineComment = "" // on the key's line, which the region holds
		// A comment ending the region, after a flow mapping, is read as the
		// key's foot or the next key's head: the region writes it.
		inRegion := map[string]bool{}
		for _, l := range p.lines[r.start+1 : r.end] {
			if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
				inRegion[t] = true
			}
		}
		key.FootComment = dropComments(key.FootComment, inRegion)
		cp.Content[i] = &key
		cp.Content[i+1] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: userPlaceholder}
		if i+2 < len(m.Content) {
			next := *m.Content[i+2]
			next.HeadComment = dropComments(next.HeadComment, inRegion)
			cp.Content[i+2] = &next
		}
		return &cp, &r
	}
	return m, nil
}

// dropComments is comment c less its lines that are in drop.
func dropComments(c string, drop map[string]bool) string {
	if c == "" || len(drop) == 0 {
		return c
	}
	var kept []string
	for _, l := range strings.Split(c, "\n") {
		if !drop[strings.TrimSpace(l)] {
			kept = append(kept, l)
		}
	}
	return strings.Trim(strings.Join(kept, "\n"), "\n")
}

// userText puts the region's lines where text has key k's placeholder,
// each moved by as many columns as the key moved; ok is false when the
// placeholder is not found as written by cutUser.
func (p *preserver) userText(text []byte, k string, r *region) ([]byte, bool) {
	if r == nil {
		return text, true
	}
	mark := []byte(k + ": " + userPlaceholder + "\n")
	at := bytes.Index(text, mark)
	start := bytes.LastIndexByte(text[:max(at, 0)], '\n') + 1
	if at < 0 || len(bytes.Trim(text[start:at], " ")) != 0 {
		return text, false
	}
	indent := at - start
	var out bytes.Buffer
	out.Grow(len(text))
	out.Write(text[:start])
	for _, line := range p.lines[r.start:r.end] {
		if !strings.HasSuffix(line, "\n") {
			line += "\n"
		}
		switch lead := leading(line); {
		case strings.TrimSpace(line) == "" && lead < r.indent:
			out.WriteString(strings.TrimLeft(line, " "))
		case lead < r.indent:
			out.WriteByte(absolute) // a closing quote at column 0, say
			out.WriteString(line)
		default:
			out.WriteString(strings.Repeat(" ", indent))
			out.WriteString(line[r.indent:])
		}
	}
	out.Write(text[at+len(mark):])
	return out.Bytes(), true
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
	size := 1
	for _, line := range p.lines[s.start:s.end] {
		size += len(line) + 1
	}
	out := make([]byte, 0, size)
	for i, line := range p.lines[s.start:s.end] {
		switch {
		case strings.TrimSpace(line) == "":
			out = append(out, '\n')
		case s.start+i < dash && leading(line) < indent || p.loose[s.start+i]:
			out = append(out, absolute) // a comment in the gap above: where it was
			out = append(out, line...)
		case leading(line) < indent:
			return nil, false // not shaped as expected: write it anew
		default:
			out = append(out, line[indent:]...)
		}
	}
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return out, true
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
// comments and shape (how a value is quoted may differ). Within a talk, and
// within post, a comment may be read back onto another node than before
// (yaml.v3 ties a comment ending a notes mapping to its last value, or to
// the mapping, by what follows it): there the comments only have to be
// the same ones.
func sameContent(a, b *yaml.Node) bool {
	if a.Kind == yaml.DocumentNode && b.Kind != yaml.DocumentNode && len(a.Content) == 1 {
		a = a.Content[0]
	}
	if b.Kind == yaml.DocumentNode && a.Kind != yaml.DocumentNode && len(b.Content) == 1 {
		b = b.Content[0]
	}
	return sameTree(a, b, 0)
}

// sameTree is sameContent at depth (0: the document or its root).
func sameTree(a, b *yaml.Node, depth int) bool {
	if a.Kind != b.Kind || a.Value != b.Value || a.HeadComment != b.HeadComment || a.LineComment != b.LineComment ||
		a.FootComment != b.FootComment || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		x, y := a.Content[i], b.Content[i]
		switch {
		case a.Kind == yaml.MappingNode && i%2 == 1 && userKey(a.Content[i-1], depth):
			// a user mapping, with its key: the same values, the same comments
			exact := sameTree(a.Content[i-1], b.Content[i-1], depth+1) && sameTree(x, y, depth+1)
			if !exact && (!sameShape(x, y) || !sameComments([]*yaml.Node{a.Content[i-1], x}, []*yaml.Node{b.Content[i-1], y})) {
				return false
			}
		case a.Kind == yaml.MappingNode && i%2 == 0 && i+1 < len(a.Content) && userKey(x, depth):
			if !sameShape(x, y) {
				return false // its comments are compared with its value
			}
		case a.Kind == yaml.SequenceNode && talkItem(x):
			if !sameTree(x, y, depth+1) && (!sameShape(x, y) || !sameComments([]*yaml.Node{x}, []*yaml.Node{y})) {
				return false
			}
		default:
			if !sameTree(x, y, depth+1) {
				return false
			}
		}
	}
	return true
}

// userKey: k is the key of a mapping the user owns (notes; post at the top).
func userKey(k *yaml.Node, depth int) bool {
	return k.Value == "notes" || k.Value == "post" && depth <= 1
}

// talkItem: n is a talk (a mapping with an id and a title).
func talkItem(n *yaml.Node) bool {
	return n.Kind == yaml.MappingNode && mapValue(n, "id") != nil && mapValue(n, "title") != nil
}

// sameShape compares kinds and values, not comments.
func sameShape(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameShape(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// sameComments: the trees hold the same comment lines, wherever.
func sameComments(a, b []*yaml.Node) bool {
	x := strings.Split(collectComments(a...), "\n")
	y := strings.Split(collectComments(b...), "\n")
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}
