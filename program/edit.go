package program

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// NoteEdit is what to set in a talk's notes; nil fields and no tags leave
// the notes as they are.
type NoteEdit struct {
	Plan     *bool
	Attended *bool
	Rating   *int
	AddTags  []string
}

func (e NoteEdit) apply(n *TalkNotes) {
	if e.Plan != nil {
		n.Plan = *e.Plan
	}
	if e.Attended != nil {
		n.Attended, n.Missed = *e.Attended, !*e.Attended
	}
	if e.Rating != nil {
		n.Rating = *e.Rating
	}
	for _, t := range e.AddTags {
		if !contains(n.Tags, t) {
			n.Tags = append(n.Tags, t)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// EditNotes sets notes on the talks named in edits (by id) in the program
// file old (named name in messages), changing only those lines: every other
// byte, comment and blank line stays. Where a talk's notes are written in a
// way a line edit cannot follow (a flow mapping, say), that talk is written
// anew as a re-scrape would. The result is read back and must hold exactly
// the program with the edits; else nothing is returned but the error.
func EditNotes(old []byte, name string, edits map[string]NoteEdit) ([]byte, error) {
	want, doc, problems := parse(old, name)
	if hasErrors(problems) {
		return nil, &InvalidError{Problems: problems}
	}
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
					t.Notes = &TalkNotes{}
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
	if got, err := Unmarshal(out, name); err != nil || !reflect.DeepEqual(got, want) {
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
// them when replace is set.
type patch struct {
	at      int
	replace bool
	lines   []string
	order   int
}

func applyPatches(text []string, patches []patch, crlf bool) []byte {
	// From the bottom up, so earlier lines keep their numbers; patches at
	// one line in reverse, so their lines come out in the order given.
	for i := range patches {
		patches[i].order = i
	}
	sort.Slice(patches, func(i, j int) bool {
		if patches[i].at != patches[j].at {
			return patches[i].at > patches[j].at
		}
		return patches[i].order > patches[j].order
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
		return flowNotesPatch(notes, e, text)
	}
	if t.Style&yaml.FlowStyle != 0 {
		return nil, false
	}
	set := e.values()
	if len(e.AddTags) > 0 {
		var tags []string
		if tn := mapValue(notes, "tags"); tn != nil {
			if tn.Style&yaml.FlowStyle == 0 || tn.Decode(&tags) != nil {
				return nil, false // a block list: written anew
			}
		}
		for _, tag := range e.AddTags {
			if !contains(tags, tag) {
				tags = append(tags, tag)
			}
		}
		set = append(set, [2]string{"tags", flowList(tags)})
	}
	if notes == nil {
		// A new notes mapping after the talk's last line.
		indent := strings.Repeat(" ", t.Content[0].Column-1)
		lines := []string{indent + "notes:"}
		for _, kv := range set {
			lines = append(lines, indent+"  "+kv[0]+": "+kv[1])
		}
		return []patch{{at: lastLine(t, text) + 1, lines: lines}}, true
	}
	if notes.Kind != yaml.MappingNode || notes.Style&yaml.FlowStyle != 0 || len(notes.Content) == 0 {
		return nil, false
	}
	indent := strings.Repeat(" ", notes.Content[0].Column-1)
	var out []patch
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
		if !ok {
			return nil, false
		}
		out = append(out, patch{at: v.Line - 1, replace: true, lines: []string{line[:start] + kv[1] + strings.TrimRight(line[end:], "\r\n")}})
	}
	return out, true
}

// flowNotesPatch rewrites notes written as a one-line flow mapping
// ("notes: {plan: true}") in place, in the same style.
func flowNotesPatch(notes *yaml.Node, e NoteEdit, text []string) ([]patch, bool) {
	line := text[notes.Line-1]
	start := notes.Column - 1
	end, depth := -1, 0
	for i := start; i < len(line) && end < 0; i++ {
		switch line[i] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				end = i + 1
			}
		case '"', '\'':
			return nil, false // quoted text may hold braces: written anew
		}
	}
	if end < 0 {
		return nil, false
	}
	var n TalkNotes
	if notes.Decode(&n) != nil {
		return nil, false
	}
	e.apply(&n)
	node, err := talkNotesNode(&n)
	if err != nil {
		return nil, false
	}
	for _, kv := range e.values() {
		if mapValue(node, kv[0]) == nil { // false: said, not left out
			node.Content = append(node.Content, str(kv[0]), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: kv[1]})
		}
	}
	flow(node)
	out, err := yaml.Marshal(node)
	if err != nil || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		return nil, false
	}
	repl := line[:start] + strings.TrimSpace(string(out)) + strings.TrimRight(line[end:], "\r\n")
	return []patch{{at: notes.Line - 1, replace: true, lines: []string{repl}}}, true
}

func flow(n *yaml.Node) {
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style = yaml.FlowStyle
	}
	for _, c := range n.Content {
		flow(c)
	}
}

// valueEnd is where v's text ends on its line.
func valueEnd(v *yaml.Node, line string) (int, bool) {
	start := v.Column - 1
	switch {
	case v.Kind == yaml.ScalarNode && v.Style == 0 && strings.HasPrefix(line[start:], v.Value):
		return start + len(v.Value), true
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && strings.HasPrefix(line[start:], "["):
		if i := strings.IndexByte(line[start:], ']'); i >= 0 {
			return start + i + 1, true
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
	if e.Plan != nil {
		out = append(out, [2]string{"plan", strconv.FormatBool(*e.Plan)})
	}
	if e.Attended != nil {
		out = append(out, [2]string{"attended", strconv.FormatBool(*e.Attended)})
	}
	if e.Rating != nil {
		out = append(out, [2]string{"rating", strconv.Itoa(*e.Rating)})
	}
	return out
}

// flowList is tags as a one-line YAML list: [a, "b: c"].
func flowList(tags []string) string {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, t := range tags {
		n.Content = append(n.Content, str(t))
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
	if notes == nil {
		notes = mapping()
		t.Content = append(t.Content, str("notes"), notes)
	}
	if notes.Kind != yaml.MappingNode {
		return fmt.Errorf("notes of %q are not a mapping", scalarOf(mapValue(t, "id")))
	}
	var n TalkNotes
	if err := notes.Decode(&n); err != nil {
		return err
	}
	e.apply(&n)
	for _, kv := range e.values() {
		v := &yaml.Node{Kind: yaml.ScalarNode, Value: kv[1], Tag: "!!bool"}
		if kv[0] == "rating" {
			v.Tag = "!!int"
		}
		setValue(notes, kv[0], v)
	}
	if len(e.AddTags) > 0 {
		tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, tag := range n.Tags {
			tags.Content = append(tags.Content, str(tag))
		}
		setValue(notes, "tags", tags)
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

// NearestIDs are the n talk ids of p closest to id, for a did-you-mean.
func NearestIDs(p *Program, id string, n int) []string {
	type scored struct {
		id string
		d  int
	}
	var all []scored
	for _, d := range p.Days {
		for _, t := range d.Talks {
			dist := distance(id, t.ID)
			if strings.HasPrefix(t.ID, id) || strings.HasPrefix(id, t.ID) {
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
