package yamlfile

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// textWarnings finds text in a valid file that YAML reads otherwise than
// its writer most likely meant, in the values the user writes (post and
// every notes mapping), and in block text that swallowed the lines after
// it:
//   - "commentary: Talk #2 was the best": " #" starts a comment, the value
//     is "Talk" (a # after two spaces, or before a space, is taken for the
//     comment it most often is: "- sre  # the main one");
//   - a list item one space off ("   - banking" under "  - sre"): it joins
//     the item above, "sre - banking";
//   - "commentary: !important talk": !important is read as a tag, dropped;
//   - "notes:" indented under "abstract: |" (or "rating: 4" under
//     "commentary: |"): it is text of the block now;
//   - "lead: By {speaker}.": a word near a placeholder that digest does
//     not fill here, published as written.
//
// It is the one source of these warnings: every command reads the file
// through parse, which calls it, and prints them.
func textWarnings(data []byte, doc *yaml.Node, name string) []Problem {
	w := &linter{file: name, data: data}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	w.user(mapValue(root, "post"), "post")
	for _, day := range seqOf(mapValue(root, "days")) {
		w.user(mapValue(day, "notes"), "notes")
		w.placeholders(mapValue(mapValue(day, "notes"), "intro"), "intro", nil)
		w.placeholders(mapValue(mapValue(day, "notes"), "outro"), "outro", nil)
		for _, t := range seqOf(mapValue(day, "talks")) {
			notes := mapValue(t, "notes")
			w.user(notes, "notes")
			w.placeholders(mapValue(notes, "lead"), "lead", leadPlaceholders)
			w.placeholders(mapValue(notes, "commentary"), "commentary", nil)
			for _, m := range []*yaml.Node{t, notes} {
				for i := 0; m != nil && m.Kind == yaml.MappingNode && i+1 < len(m.Content); i += 2 {
					w.swallowed(m.Content[i], m.Content[i+1])
				}
			}
		}
	}
	return w.out
}

// swallowedFields are the scraped values of talks (abstract: |, title: >,
// …) whose block text holds a line the user meant as a key of the talk:
// a re-scrape replaces such a value, and would lose what the user wrote.
// Each maps to the warning textWarnings gives of it.
func swallowedFields(data []byte, doc *yaml.Node, name string) map[*yaml.Node]Problem {
	w := &linter{file: name, data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	out := map[*yaml.Node]Problem{}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	for _, day := range seqOf(mapValue(root, "days")) {
		for _, t := range seqOf(mapValue(day, "talks")) {
			for i := 0; t.Kind == yaml.MappingNode && i+1 < len(t.Content); i += 2 {
				n := len(w.out)
				w.swallowed(t.Content[i], t.Content[i+1])
				if len(w.out) > n {
					out[t.Content[i+1]] = w.out[n]
				}
			}
		}
	}
	return out
}

// SwallowedError: a command would replace a scraped value whose text holds
// what the user wrote (see swallowedFields), or write notes beside it.
type SwallowedError struct {
	Problem Problem
	Would   string // what the command would do: "the re-scrape would replace abstract and lose it"
}

const toMakeKey = "; to make it a key, "

func (e *SwallowedError) Error() string {
	p := e.Problem
	msg := p.Msg
	if i := strings.Index(msg, toMakeKey); i >= 0 {
		msg = fmt.Sprintf("%s; %s%s%s, then run again", msg[:i], e.Would, toMakeKey, msg[i+len(toMakeKey):])
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, msg)
}

type linter struct {
	file   string
	data   []byte
	starts []int // byte offset of each line in data, found when first needed
	out    []Problem
}

// lineCount is the number of lines in the file.
func (w *linter) lineCount() int {
	if w.starts == nil {
		w.starts = append(w.starts, 0)
		for i, c := range w.data {
			if c == '\n' && i+1 < len(w.data) {
				w.starts = append(w.starts, i+1)
			}
		}
	}
	return len(w.starts)
}

// line is line i (0-based) of the file, without its line end.
func (w *linter) line(i int) string {
	end := len(w.data)
	if i+1 < w.lineCount() {
		end = w.starts[i+1]
	}
	return strings.TrimRight(string(w.data[w.starts[i]:end]), "\r\n")
}

func (w *linter) add(line, col int, format string, args ...any) {
	w.out = append(w.out, Problem{File: w.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// user looks at every value under a mapping the user owns; key names the
// value in messages.
func (w *linter) user(n *yaml.Node, key string) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			w.user(n.Content[i+1], n.Content[i].Value)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind == yaml.ScalarNode {
				w.scalar(c, key, true)
			} else {
				w.user(c, key)
			}
		}
	case yaml.ScalarNode:
		w.scalar(n, key, false)
	}
}

// scalar looks at one value; item: it is an item of a list.
func (w *linter) scalar(n *yaml.Node, key string, item bool) {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		w.add(n.Line, n.Column, "%s starts with %s, which YAML reads as a tag and drops (the value is %q); put the whole value in quotes", key, n.Tag, n.Value)
		return
	}
	if n.Style != 0 || n.Tag != "!!str" || n.Line < 1 || n.Line > w.lineCount() {
		return
	}
	// The source lines of a plain value: its words, folded, are its value.
	first := w.line(n.Line - 1)
	start := byteCol(first, n.Column)
	rest := strings.Fields(n.Value)
	line := n.Line
	text := first[start:]
	joined := false // warned of a "- " line already
	for {
		words := strings.Fields(text)
		if line > n.Line && !joined {
			if t := strings.TrimSpace(text); strings.HasPrefix(t, "- ") && len(rest) > 0 && len(words) > 0 && words[0] == "-" && rest[0] == "-" {
				joined = true
				col := utf8.RuneCountInString(text[:strings.Index(text, "-")]) + 1
				if item {
					w.add(line, col, "this \"- \" is read as part of the item above (%q), not as an item of its own; line it up with the - of the item above", n.Value)
				} else {
					w.add(line, col, "this \"- \" line is joined to the text of %s above (%q); to keep lines and lists, write %s: | and the text under it, indented", key, n.Value, key)
				}
			}
		}
		k := 0
		for k < len(words) && k < len(rest) && words[k] == rest[k] {
			k++
		}
		rest = rest[k:]
		if k < len(words) {
			// "Talk #2", "My #1 pick": one space, then # and a word,
			// reads as text; "sre  # the main one" is a comment.
			hash := strings.Index(text, " "+words[k])
			if len(rest) == 0 && len(words[k]) > 1 && words[k][0] == '#' && words[k][1] != '#' &&
				hash > 0 && text[hash-1] != ' ' && text[hash-1] != '\t' {
				col := utf8.RuneCountInString(text[:hash+1]) + 1
				if line == n.Line {
					col += utf8.RuneCountInString(first[:start])
				}
				w.add(line, col, "the text from this # on is a YAML comment, so %s is only %q; put the whole value in quotes to keep it (or, for a comment, put it on a line of its own)", key, n.Value)
			}
			return
		}
		if len(rest) == 0 || line >= w.lineCount() {
			return
		}
		text = w.line(line)
		line++
	}
}

// notesKeyRe is a line that looks like the start of notes, or one of its
// keys, on a line of its own.
var notesKeyRe = regexp.MustCompile(`^\s*(notes|plan|attended|lead|commentary|rating|tags):(\s|$)`)

// swallowed warns of a line in the block text of key (abstract: |) that
// looks like a key of the notes: indented too far, it became text. The
// block's lines are read in the file, not in its value, whose lines a
// folded block (>) joins.
func (w *linter) swallowed(k, n *yaml.Node) {
	key := k.Value
	if n.Kind != yaml.ScalarNode || (n.Style != yaml.LiteralStyle && n.Style != yaml.FoldedStyle) || key == "notes" || n.Line < 1 ||
		!mayHoldKey(n.Value) {
		return
	}
	for line := n.Line + 1; line <= w.lineCount(); line++ {
		l := w.line(line - 1)
		t := strings.TrimLeft(l, " ")
		if t == "" {
			continue
		}
		if leading(l) < k.Column {
			return // the block ended
		}
		// Only a short word and a colon can be one of the keys.
		if c := strings.IndexByte(t, ':'); c < 4 || c > 10 {
			continue
		}
		if m := notesKeyRe.FindStringSubmatch(l); m != nil {
			w.add(line, leading(l)+1, "%q is read as text of %s (line %d) because it is indented more than %s; to make it a key, indent it as %s (%d spaces)", m[1]+":", key, n.Line, key, key, k.Column-1)
			return
		}
	}
}

// mayHoldKey: v has one of notesKeyRe's keys and a colon somewhere; only
// then are the file's lines read (most blocks are abstracts without). One
// pass over v, from colon to colon: most abstracts have few.
func mayHoldKey(v string) bool {
	for i := strings.IndexByte(v, ':'); i >= 0; {
		for _, k := range notesKeys {
			if strings.HasSuffix(v[:i], k) {
				return true
			}
		}
		next := strings.IndexByte(v[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

var notesKeys = []string{"notes", "plan", "attended", "lead", "commentary", "rating", "tags"}

// byteCol is the byte offset in l of 1-based rune column col.
func byteCol(l string, col int) int {
	i := 0
	for c := 1; c < col && i < len(l); c++ {
		_, size := utf8.DecodeRuneInString(l[i:])
		i += size
	}
	return i
}

// placeholders warns of the {word}s of the user's text n that digest
// publishes as written, though near a placeholder: at their line and
// column, also inside a | block.
func (w *linter) placeholders(n *yaml.Node, field string, known []string) {
	for _, u := range unfilled(n, field, known, true) {
		at := placeholderPos(n, u.off)
		if n.Style&yaml.LiteralStyle != 0 {
			at = w.blockPos(n, u.off)
		}
		w.add(at.Line, at.Column, "%s", u.msg)
	}
}

// blockPos is where byte off of the | block n stands: its line is the
// block's first plus the line breaks before off; the value's line is the
// end of the file's line, after the block's indentation.
func (w *linter) blockPos(n *yaml.Node, off int) yaml.Node {
	line := n.Line + 1 + strings.Count(n.Value[:off], "\n")
	from := strings.LastIndex(n.Value[:off], "\n") + 1
	to := strings.IndexByte(n.Value[off:], '\n')
	if to < 0 {
		to = len(n.Value) - off
	}
	if line > w.lineCount() {
		return yaml.Node{Line: n.Line, Column: n.Column}
	}
	text, value := w.line(line-1), n.Value[from:off+to]
	if !strings.HasSuffix(text, value) {
		return yaml.Node{Line: n.Line, Column: n.Column}
	}
	indent := len(text) - len(value)
	return yaml.Node{Line: line, Column: utf8.RuneCountInString(text[:indent+off-from]) + 1}
}
