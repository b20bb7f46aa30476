package yamlfile

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// NoteEdit is what to set in a talk's notes; nil fields and no tags leave
// the notes as they are.
type NoteEdit struct {
	Plan       *bool
	Attended   *bool    // true: attended; false: missed (attended: false)
	Unmark     bool     // neither attended nor missed: the attended key goes
	Rating     *int     // 1-5; 0 removes the rating
	AddTags    []string // added where not there yet
	RemoveTags []string // removed, in any case
}

func (e NoteEdit) apply(n *program.TalkNotes) {
	if e.Plan != nil {
		n.Plan = *e.Plan
	}
	if e.Attended != nil {
		n.Attended, n.Missed = *e.Attended, !*e.Attended
	}
	if e.Unmark {
		n.Attended, n.Missed = false, false
	}
	if e.Rating != nil {
		n.Rating = *e.Rating
	}
	n.Tags = e.tags(n.Tags)
}

// tags are old with e's tags added and removed; nil when none is left.
func (e NoteEdit) tags(old []string) []string {
	var out []string
	for _, t := range old {
		if !containsFold(e.RemoveTags, t) {
			out = append(out, t)
		}
	}
	for _, t := range e.AddTags {
		if !contains(out, t) && !containsFold(e.RemoveTags, t) {
			out = append(out, t)
		}
	}
	return out
}

func (e NoteEdit) touchesTags() bool { return len(e.AddTags) > 0 || len(e.RemoveTags) > 0 }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func dropEmptyNotes(p *program.Program) {
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			t := &p.Days[di].Talks[ti]
			if n := t.Notes; n != nil && len(n.Tags) == 0 && reflect.DeepEqual(*n, program.TalkNotes{Tags: n.Tags}) {
				t.Notes = nil
			}
		}
	}
}

// EditNotes sets notes on the talks named in edits (by id) in the program
// file old (named name in messages), changing only those lines: every other
// byte, comment and blank line stays. Where a talk's notes are written in a
// way a line edit cannot follow (a flow mapping, say), that talk is written
// anew as a re-scrape would. The result is read back and must hold exactly
// the program with the edits; else nothing is returned but the error.
func EditNotes(old []byte, name string, edits map[string]NoteEdit) ([]byte, error) {
	f, err := Load(old, name)
	if err != nil {
		return nil, err
	}
	return f.EditNotes(edits)
}

// EditNotes is EditNotes on a loaded file, for a caller that read the
// program already (to resolve ids). Like Merge, a File is edited once:
// the edit changes its program and tree.
func (f *File) EditNotes(edits map[string]NoteEdit) ([]byte, error) {
	if f.doc == nil {
		return nil, fmt.Errorf("%s: merged or edited once already", f.name)
	}
	old, name, want, doc := f.data, f.name, f.prog, f.doc
	f.doc = nil
	swallowed := swallowedFields(old, doc, name)
	talks := map[string]*yaml.Node{}
	for _, d := range seqOf(mapValue(doc.Content[0], "days")) {
		for _, t := range seqOf(mapValue(d, "talks")) {
			if id := mapValue(t, "id"); id != nil {
				talks[id.Value] = t
			}
		}
	}
	for di := range want.Days {
		for ti := range want.Days[di].Talks {
			t := &want.Days[di].Talks[ti]
			if e, ok := edits[t.ID]; ok {
				if t.Notes == nil {
					t.Notes = &program.TalkNotes{}
				}
				e.apply(t.Notes)
			}
		}
	}
	// Line edits where the notes are laid out one key a line; the rest of
	// the talks are written anew, as a re-scrape writes a talk it changed.
	text := strings.SplitAfter(string(old), "\n")
	var patches []patch
	rest := map[string]NoteEdit{}
	ids := make([]string, 0, len(edits))
	for id := range edits {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		// Notes written beside the user's, read as text of the abstract,
		// would make two once they are indented right.
		for i := 1; talks[id] != nil && i < len(talks[id].Content); i += 2 {
			if p, ok := swallowed[talks[id].Content[i]]; ok {
				return nil, &SwallowedError{Problem: p, Would: "notes written for " + id + " now would be apart from them"}
			}
		}
	}
	for id, e := range edits {
		node := talks[id]
		if node == nil {
			return nil, fmt.Errorf("%s: no talk %q", name, id)
		}
		if p, ok := notePatches(node, e, text); ok {
			patches = append(patches, p...)
		} else {
			rest[id] = e
		}
	}
	out := applyPatches(text, patches, bytes.Contains(old, []byte("\r\n")))
	if len(rest) > 0 {
		var err error
		if out, err = rewriteNotes(out, name, rest); err != nil {
			return nil, err
		}
	}
	got, err := Unmarshal(out, name)
	if err == nil {
		// Notes that say nothing read as none, as "notes:" left empty does.
		dropEmptyNotes(got)
		dropEmptyNotes(want)
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		return nil, fmt.Errorf("%s: the notes could not be written so that the file reads back as it should; nothing was changed", name)
	}
	return out, nil
}

// rewriteNotes sets edits in the tree of text and writes the talks they
// touch anew, every other day and talk keeping its text.
func rewriteNotes(text []byte, name string, edits map[string]NoteEdit) ([]byte, error) {
	_, doc, problems := parse(text, name)
	if hasErrors(problems) {
		return nil, &InvalidError{Problems: problems}
	}
	pr := newPreserver(bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")), doc)
	for _, d := range seqOf(mapValue(doc.Content[0], "days")) {
		for _, t := range seqOf(mapValue(d, "talks")) {
			if e, ok := edits[scalarOf(mapValue(t, "id"))]; ok {
				delete(pr.regions, mapValue(t, "notes")) // edited: not the text as read
				if err := setNotes(t, e); err != nil {
					return nil, err
				}
				pr.touched[t] = true
			}
		}
	}
	out, err := encodeDoc(doc, pr)
	if err != nil {
		return nil, err
	}
	return keepLineEnds(text, out), nil
}

// patch inserts lines before line at (0-based), or replaces line at with
// them when replace is set (no lines: the line goes).
type patch struct {
	at      int
	replace bool
	lines   []string
	order   int
}

func applyPatches(text []string, patches []patch, crlf bool) []byte {
	// From the bottom up, so earlier lines keep their numbers; at one
	// line, the line's own replacement first (inserts then go before
	// what took its place), then inserts in reverse, so their lines come
	// out in the order given.
	for i := range patches {
		patches[i].order = i
	}
	sort.SliceStable(patches, func(i, j int) bool {
		a, b := patches[i], patches[j]
		switch {
		case a.at != b.at:
			return a.at > b.at
		case a.replace != b.replace:
			return a.replace
		}
		return a.order > b.order
	})
	eol := "\n"
	if crlf {
		eol = "\r\n"
	}
	for _, p := range patches {
		var ins []string
		for _, l := range p.lines {
			ins = append(ins, l+eol)
		}
		if p.at >= len(text) {
			if n := len(text); n > 0 && !strings.HasSuffix(text[n-1], "\n") {
				text[n-1] += eol
			}
			text = append(text, ins...)
			continue
		}
		tail := text[p.at:]
		if p.replace {
			tail = tail[1:]
		}
		text = append(append(append([]string{}, text[:p.at]...), ins...), tail...)
	}
	return []byte(strings.Join(text, ""))
}

// notePatches are the line edits that set e in talk node t; ok is false
// where the notes are not laid out one key a line in block style.
func notePatches(t *yaml.Node, e NoteEdit, text []string) ([]patch, bool) {
	if t.Kind != yaml.MappingNode || len(t.Content) == 0 {
		return nil, false
	}
	notes := mapValue(t, "notes")
	if notes != nil && notes.Kind == yaml.MappingNode && notes.Style&yaml.FlowStyle != 0 {
		return flowNotesPatch(t, notes, e, text)
	}
	if t.Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	if notes != nil && notes.Kind == yaml.MappingNode && len(notes.Content) == 0 {
		return nil, false // "notes: {}" and the like: written anew
	}
	set, remove := e.values(), e.removals()
	var out []patch
	if e.touchesTags() {
		tn := mapValue(notes, "tags")
		var old []string
		if tn != nil && tn.Decode(&old) != nil {
			return nil, false
		}
		tags := e.tags(old)
		switch {
		case tn != nil && tn.Kind == yaml.SequenceNode && tn.Style&yaml.FlowStyle == 0 && len(tn.Content) > 0:
			// A block list: its lines are edited, so its comments stay.
			p, ok := blockListPatches(mapKey(notes, "tags"), tn, tags, text)
			if !ok {
				return nil, false
			}
			out = append(out, p...)
		case len(tags) == 0:
			if tn != nil {
				remove = append(remove, "tags")
			}
		default:
			set = append(set, [2]string{"tags", flowList(tags)})
		}
	}
	if notes == nil || notes.Kind == yaml.ScalarNode && notes.Tag == "!!null" && notes.Value == "" {
		if len(set) == 0 {
			return out, true // nothing to take back
		}
		// A new notes mapping after the talk's last line, or under
		// "notes:" left empty.
		indent := strings.Repeat(" ", t.Content[0].Column-1)
		at := lastLine(t, text) + 1
		var lines []string
		if notes == nil {
			lines = append(lines, indent+"notes:")
		} else {
			at = mapKey(t, "notes").Line
		}
		for _, kv := range set {
			lines = append(lines, indent+"  "+kv[0]+": "+kv[1])
		}
		return append(out, patch{at: at, lines: lines}), true
	}
	if notes.Kind != yaml.MappingNode || notes.Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	indent := strings.Repeat(" ", notes.Content[0].Column-1)
	for _, kv := range set {
		v := mapValue(notes, kv[0])
		if v == nil {
			out = append(out, patch{at: notes.Content[0].Line - 1, lines: []string{indent + kv[0] + ": " + kv[1]}})
			continue
		}
		// A value on its key's line, plain (true, 3) or a flow list.
		line := text[v.Line-1]
		start := v.Column - 1
		end, ok := valueEnd(v, line)
		if !ok || v.Line != mapKey(notes, kv[0]).Line {
			return nil, false
		}
		out = append(out, patch{at: v.Line - 1, replace: true, lines: []string{line[:start] + kv[1] + strings.TrimRight(line[end:], "\r\n")}})
	}
	// Keys taken back go with their line: last, so that a line that goes
	// and an insert before it come out in that order.
	for _, k := range remove {
		kn, v := mapKey(notes, k), mapValue(notes, k)
		if kn == nil {
			continue
		}
		if _, ok := valueEnd(v, text[v.Line-1]); !ok || v.Line != kn.Line {
			return nil, false
		}
		out = append(out, patch{at: kn.Line - 1, replace: true})
	}
	if len(set) == 0 && emptiedNotes(t, notes, out, text) {
		out = append(out, patch{at: mapKey(t, "notes").Line - 1, replace: true})
	}
	return out, true
}

// emptiedNotes: the patches take every line of notes away and leave no
// comment of it, so that "notes:" would be left with nothing: a mapping
// the take-back leaves empty goes too.
func emptiedNotes(t, notes *yaml.Node, patches []patch, text []string) bool {
	gone := map[int]bool{}
	for _, p := range patches {
		if p.replace && len(p.lines) == 0 {
			gone[p.at] = true
		} else {
			return false
		}
	}
	if len(gone) == 0 {
		return false
	}
	for i := 0; i < len(notes.Content); i += 2 {
		if !gone[notes.Content[i].Line-1] {
			return false // a key stays
		}
	}
	key := mapKey(t, "notes").Line - 1
	if strings.TrimSpace(text[key]) != "notes:" {
		return false // a comment on its line, or not laid out one key a line
	}
	for i := key + 1; i < len(text); i++ {
		l := strings.TrimSpace(text[i])
		switch {
		case gone[i] || l == "":
		case strings.HasPrefix(l, "#"):
			return false // a comment that may be the notes': kept, with them
		default:
			return true // the next key, past the notes
		}
	}
	return true
}

// blockListPatches edit a block list of plain words (key k, list l) to
// hold want: items that go lose their line, new ones get a line after the
// last item, as the others are written; the comments between them stay.
// A list left empty goes with its key and its comments.
func blockListPatches(k, l *yaml.Node, want []string, text []string) ([]patch, bool) {
	var out []patch
	var kept []string
	if len(want) == 0 {
		// The key goes with every line of its list, comments between
		// the items too.
		for i := k.Line - 1; i < l.Content[len(l.Content)-1].Line; i++ {
			out = append(out, patch{at: i, replace: true})
		}
		return out, true
	}
	for _, item := range l.Content {
		line := text[item.Line-1]
		dash := leading(line)
		if item.Kind != yaml.ScalarNode || dash >= len(line) || line[dash] != '-' || dash >= item.Column-1 {
			return nil, false // not one "- word" a line
		}
		if item.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return nil, false
		}
		if contains(want, item.Value) && !contains(kept, item.Value) {
			kept = append(kept, item.Value)
			continue
		}
		out = append(out, patch{at: item.Line - 1, replace: true})
	}
	last := l.Content[len(l.Content)-1]
	line := text[last.Line-1]
	prefix := line[:last.Column-1] // indent, "- " and any spaces after it
	var add []string
	for _, w := range want {
		if !contains(kept, w) {
			add = append(add, prefix+tagNode(w).valueText())
		}
	}
	if len(add) > 0 {
		out = append([]patch{{at: last.Line, lines: add}}, out...)
	}
	return out, true
}

// flowNotesPatch edits notes written as a one-line flow mapping
// ("notes: {plan: true}") in place, in the same style: every pair it does
// not change keeps its text as written (quotes and all). A mapping the
// edit leaves empty goes with its line, when the line holds nothing else.
func flowNotesPatch(t, notes *yaml.Node, e NoteEdit, text []string) ([]patch, bool) {
	// yaml.v3 counts columns in characters, not bytes.
	line := []rune(strings.TrimRight(text[notes.Line-1], "\r\n"))
	start := notes.Column - 1
	endB, ok := flowEnd(string(line), len(string(line[:start])))
	if !ok {
		return nil, false
	}
	end := len([]rune(string(line)[:endB]))
	type pair struct{ key, text string }
	var pairs []pair
	sep, pad := ", ", [2]string{}
	for i := 0; i+1 < len(notes.Content); i += 2 {
		k, v := notes.Content[i], notes.Content[i+1]
		if k.Line != notes.Line || lastNodeLine(v) != notes.Line || k.Kind != yaml.ScalarNode {
			return nil, false
		}
		from, to := k.Column-1, end-1
		if i+2 < len(notes.Content) {
			to = notes.Content[i+2].Column - 1
		}
		if from < start || to > end || from > to {
			return nil, false
		}
		raw := string(line[from:to])
		txt := strings.TrimRight(strings.TrimSuffix(strings.TrimRight(raw, " \t"), ","), " \t")
		if i == 0 {
			pad[0] = string(line[start+1 : from])
			if i+2 < len(notes.Content) {
				sep = raw[len(txt):] // ", " or as written
			}
		}
		if i+2 >= len(notes.Content) {
			pad[1] = raw[len(txt):]
		}
		pairs = append(pairs, pair{k.Value, txt})
	}
	set := e.values()
	remove := e.removals()
	if e.touchesTags() {
		var old []string
		if tn := mapValue(notes, "tags"); tn != nil && tn.Decode(&old) != nil {
			return nil, false
		}
		tags := e.tags(old)
		switch {
		case reflect.DeepEqual(tags, old):
		case len(tags) == 0:
			remove = append(remove, "tags")
		default:
			set = append(set, [2]string{"tags", flowList(tags)})
		}
	}
	changed := false
	for _, kv := range set {
		txt := kv[0] + ": " + kv[1]
		found := false
		for i := range pairs {
			if pairs[i].key == kv[0] {
				found = true
				if v := mapValue(notes, kv[0]); v.Kind != yaml.ScalarNode || v.Value != kv[1] {
					pairs[i].text, changed = txt, true
				}
			}
		}
		if !found {
			pairs, changed = append(pairs, pair{kv[0], txt}), true
		}
	}
	for _, k := range remove {
		for i := 0; i < len(pairs); i++ {
			if pairs[i].key == k {
				pairs, changed = append(pairs[:i:i], pairs[i+1:]...), true
				i--
			}
		}
	}
	if !changed {
		return nil, true
	}
	tail := strings.TrimRight(string(line[end:]), " \t")
	if len(pairs) == 0 && strings.TrimSpace(string(line[:mapKey(t, "notes").Column-1])) == "" &&
		mapKey(t, "notes").Line == notes.Line && t.Style&yaml.FlowStyle == 0 && tail == "" {
		return []patch{{at: notes.Line - 1, replace: true}}, true // taken back: the line goes
	}
	var texts []string
	for _, p := range pairs {
		texts = append(texts, p.text)
	}
	if len(pairs) == 0 {
		pad = [2]string{}
	}
	repl := string(line[:start]) + "{" + pad[0] + strings.Join(texts, sep) + pad[1] + "}" + string(line[end:])
	return []patch{{at: notes.Line - 1, replace: true, lines: []string{repl}}}, true
}

// lastNodeLine is the line of the last scalar in n.
func lastNodeLine(n *yaml.Node) int {
	for len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n.Line
}

// valueEnd is where v's text ends on its line.
func valueEnd(v *yaml.Node, line string) (int, bool) {
	start := v.Column - 1
	switch {
	case v.Kind == yaml.ScalarNode && v.Style == 0 && strings.HasPrefix(line[start:], v.Value):
		return start + len(v.Value), true
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && strings.HasPrefix(line[start:], "["):
		return flowEnd(line, start)
	}
	return 0, false
}

// flowEnd is where the flow collection opening at line[start] closes on
// its line, past brackets inside quoted words ("[x]"). A quote opens a
// quoted word only where a word starts (after "[", "{", "," or ":"): the
// apostrophe in [o'reilly, it's] is a letter of a plain word.
func flowEnd(line string, start int) (int, bool) {
	depth := 0
	var quote byte
	var prev byte // the last character outside quotes, spaces aside
	for i := start; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0 && c == quote:
			if quote == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++ // '' inside single quotes
				continue
			}
			quote = 0
		case quote != 0:
		case (c == '"' || c == '\'') && strings.IndexByte("[{,:", prev) >= 0:
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth--; depth == 0 {
				return i + 1, true
			}
		}
		if quote == 0 && c != ' ' && c != '\t' {
			prev = c
		}
	}
	return 0, false
}

// lastLine is the 0-based line of t's last value: for a block scalar, its
// last non-blank line within t's indentation.
func lastLine(t *yaml.Node, text []string) int {
	last := t
	for len(last.Content) > 0 {
		last = last.Content[len(last.Content)-1]
	}
	line := last.Line - 1
	if last.Kind == yaml.ScalarNode && (last.Style&yaml.LiteralStyle != 0 || last.Style&yaml.FoldedStyle != 0) {
		indent := t.Content[0].Column - 1
		for i := line + 1; i < len(text); i++ {
			l := strings.TrimRight(text[i], "\r\n")
			if strings.TrimSpace(l) == "" {
				continue
			}
			if leading(l) <= indent {
				break
			}
			line = i
		}
	}
	return line
}

// values are the keys e sets, in the order notes are written, as YAML.
func (e NoteEdit) values() [][2]string {
	var out [][2]string
	if e.Plan != nil && *e.Plan {
		out = append(out, [2]string{"plan", "true"})
	}
	if e.Attended != nil {
		out = append(out, [2]string{"attended", strconv.FormatBool(*e.Attended)})
	}
	if e.Rating != nil && *e.Rating != 0 {
		out = append(out, [2]string{"rating", strconv.Itoa(*e.Rating)})
	}
	return out
}

// removals are the keys e takes out of the notes (tags aside).
func (e NoteEdit) removals() []string {
	var out []string
	if e.Plan != nil && !*e.Plan {
		out = append(out, "plan") // not planned reads as no plan: the key goes
	}
	if e.Unmark {
		out = append(out, "attended")
	}
	if e.Rating != nil && *e.Rating == 0 {
		out = append(out, "rating")
	}
	return out
}

// scalar is a string's node as it must be written.
type scalar struct{ *yaml.Node }

// tagNode is a tag as a YAML string, quoted where a reader (YAML 1.1
// readers too: "yes", "on") would take it for anything but a string.
func tagNode(s string) scalar {
	if n, ok := stringNode(s); ok {
		return scalar{n}
	}
	n := str(s)
	n.Style = yaml.DoubleQuotedStyle
	return scalar{n}
}

// valueText is the scalar as one line of YAML.
func (s scalar) valueText() string {
	out, err := yaml.Marshal(s.Node)
	if err != nil {
		return strconv.Quote(s.Value)
	}
	return strings.TrimSpace(string(out))
}

// flowList is tags as a one-line YAML list: [a, "b: c", "yes"].
func flowList(tags []string) string {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, t := range tags {
		n.Content = append(n.Content, tagNode(t).Node)
	}
	out, err := yaml.Marshal(n)
	if err != nil {
		return "[]"
	}
	return strings.TrimSpace(string(out))
}

// setNotes sets e in the tree of talk t, in place: the keys it does not
// set, and every comment, stay as they are.
func setNotes(t *yaml.Node, e NoteEdit) error {
	notes := mapValue(t, "notes")
	switch {
	case notes == nil:
		notes = mapping()
		t.Content = append(t.Content, str("notes"), notes)
	case notes.Kind == yaml.ScalarNode && notes.Tag == "!!null":
		// "notes:" left empty: a mapping with nothing in it yet.
		m := mapping()
		m.HeadComment, m.LineComment, m.FootComment = notes.HeadComment, notes.LineComment, notes.FootComment
		*notes = *m
	case notes.Kind != yaml.MappingNode:
		return fmt.Errorf("notes of %q are not a mapping", scalarOf(mapValue(t, "id")))
	}
	var n program.TalkNotes
	if err := notes.Decode(&n); err != nil {
		return err
	}
	had := len(notes.Content)
	e.apply(&n)
	for _, kv := range e.values() {
		v := &yaml.Node{Kind: yaml.ScalarNode, Value: kv[1], Tag: "!!bool"}
		if kv[0] == "rating" {
			v.Tag = "!!int"
		}
		setValue(notes, kv[0], v)
	}
	for _, k := range e.removals() {
		deleteKey(notes, k)
	}
	if e.touchesTags() {
		if len(n.Tags) == 0 {
			deleteKey(notes, "tags")
		} else {
			tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, tag := range n.Tags {
				tags.Content = append(tags.Content, tagNode(tag).Node)
			}
			setValue(notes, "tags", tags)
		}
	}
	if had > 0 && len(notes.Content) == 0 && notes.HeadComment+notes.LineComment+notes.FootComment == "" &&
		mapKey(t, "notes").HeadComment+mapKey(t, "notes").LineComment+mapKey(t, "notes").FootComment == "" {
		deleteKey(t, "notes") // emptied by a take-back, holding no comment
	}
	return nil
}

// setValue sets key k of mapping m to v, keeping the comments of the value
// it replaces.
func setValue(m *yaml.Node, k string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			old := m.Content[i+1]
			v.HeadComment, v.LineComment, v.FootComment = old.HeadComment, old.LineComment, old.FootComment
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, str(k), v)
}

// deleteKey takes key k and its value out of mapping m.
func deleteKey(m *yaml.Node, k string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			m.Content = append(m.Content[:i:i], m.Content[i+2:]...)
			return
		}
	}
}

// mapKey is the key node of name in mapping m.
func mapKey(m *yaml.Node, name string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i]
		}
	}
	return nil
}

// NearestIDs are the n talk ids of p closest to id, for a did-you-mean.
func NearestIDs(p *program.Program, id string, n int) []string {
	type scored struct {
		id string
		d  int
	}
	var all []scored
	for _, d := range p.Days {
		for _, t := range d.Talks {
			a, b := strings.ToLower(id), strings.ToLower(t.ID) // ids match in any case
			dist := distance(a, b)
			if r := []rune(b); len(r) > len([]rune(a)) {
				// A mistyped start of a long id (agenda shows starts).
				dist = min(dist, distance(a, string(r[:len([]rune(a))])))
			}
			if strings.HasPrefix(b, a) || strings.HasPrefix(a, b) {
				dist = 0
			}
			all = append(all, scored{t.ID, dist})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, all[i].id)
	}
	return out
}
