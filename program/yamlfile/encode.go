package yamlfile

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// A program file is written in pieces so that a talk's text can come from
// elsewhere than yaml.v3's encoder: the user's own text for a talk a merge
// left unchanged (preserve.go), and talkText's for the others. The tree is
// encoded with its days replaced by a placeholder, each day with its talks
// replaced by one, and the pieces go where the placeholders stand,
// indented to match. The text is the same as encoding the whole tree at
// once (TestSplicedEncoding).

const placeholder = "confdigest-splice-placeholder-8c1e5d"

// encodeNode writes one tree the way every program file is written.
func encodeNode(n *yaml.Node) ([]byte, error) {
	quoteUnreadable(n)
	return encodeText(n)
}

// encodeText is yaml.v3's encoder as program files use it: indent 2.
func encodeText(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// quoteUnreadable marks the scalars of n that would not read back as
// written in the style yaml.v3 picks for them to be written double-quoted,
// escaped, which always reads back (see unreadable).
func quoteUnreadable(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && unreadable(n.Value) {
		n.Style = n.Style&yaml.TaggedStyle | yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		quoteUnreadable(c)
	}
}

// unreadable: yaml.v3 writes v so that it reads back otherwise, or not at
// all. It writes NEL, LS and PS unescaped but reads them as line breaks (a
// real FOSDEM abstract, "API.\u2028\u2028 I will", made a file it could not
// read); a literal block ("|2-") loses a first line break, and one whose
// first line starts with a tab makes the file unreadable.
func unreadable(v string) bool {
	// Three searches for a string each, not ContainsAny, which decodes
	// every rune of v against a set beyond ASCII: 9 ms of a 455-talk scrape.
	return strings.HasPrefix(v, "\n") || strings.HasPrefix(v, "\t") ||
		strings.Contains(v, "\u0085") || strings.Contains(v, "\u2028") || strings.Contains(v, "\u2029")
}

// encodeDoc writes a program file's tree (a document or its root mapping),
// taking the text of unchanged days and talks from pr when there is one,
// and that of the user's post and notes in those written anew.
func encodeDoc(doc *yaml.Node, pr *preserver) ([]byte, error) {
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	days := mapValue(root, "days")
	if !spliceable(days) {
		return encodeNode(doc)
	}
	items := make([][]byte, len(days.Content))
	for i, d := range days.Content {
		if text, ok := pr.text(d); ok {
			items[i] = text
			continue
		}
		gap, day := pr.gapText(d)
		one, err := encodeDay(day, pr)
		if err != nil {
			return nil, err
		}
		items[i] = append(gap, one...)
	}
	tree := doc
	cut, r := pr.cutUser(root, "post")
	if r != nil {
		tree = cut
		if doc != root {
			cp := *doc
			cp.Content = []*yaml.Node{cut}
			tree = &cp
		}
	}
	text, err := splice(tree, days, items)
	if err != nil {
		return nil, err
	}
	if text, ok := pr.userText(text, "post", r); ok {
		return unmark(text), nil
	}
	text, err = splice(doc, days, items)
	return unmark(text), err
}

func encodeDay(day *yaml.Node, pr *preserver) ([]byte, error) {
	cut, r := pr.cutUser(day, "notes")
	text, err := encodeDayTalks(cut, pr)
	if err != nil {
		return nil, err
	}
	if text, ok := pr.userText(text, "notes", r); ok {
		return text, nil
	}
	return encodeDayTalks(day, pr)
}

// encodeDayTalks writes one day, each talk's text kept or written anew.
func encodeDayTalks(day *yaml.Node, pr *preserver) ([]byte, error) {
	item := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{day}}
	talks := mapValue(day, "talks")
	if !spliceable(talks) {
		return encodeNode(item)
	}
	parts := make([][]byte, 0, len(talks.Content)) // joined once: the day's text is most of the file
	for _, t := range talks.Content {
		if kept, ok := pr.text(t); ok {
			parts = append(parts, kept) // blank lines after it included
			continue
		}
		gap, talk := pr.gapText(t)
		one, err := encodeTalk(talk, pr)
		if err != nil {
			return nil, err
		}
		parts = append(parts, gap, one)
		if bytes.HasSuffix(one, []byte("\n\n")) {
			continue // the blank lines after it ended its notes (|+), kept
		}
		parts = append(parts, bytes.Repeat([]byte("\n"), pr.blankAfter(t)))
	}
	return splice(item, talks, [][]byte{bytes.Join(parts, nil)})
}

// encodeTalk writes one talk anew, "- id: …", its notes as the user wrote
// them, and a scraped value that holds the user's text (swallowed) too.
func encodeTalk(t *yaml.Node, pr *preserver) ([]byte, error) {
	cut := t
	var keys []string
	var regions []*region
	for i := 0; pr != nil && i+1 < len(t.Content); i += 2 {
		if _, ok := pr.regions[t.Content[i+1]]; ok {
			var r *region
			cut, r = pr.cutUser(cut, t.Content[i].Value)
			keys, regions = append(keys, t.Content[i].Value), append(regions, r)
		}
	}
	out, ok := talkText(nil, cut)
	if !ok {
		var err error
		if out, err = encodeNode(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{cut}}); err != nil {
			return nil, err
		}
	}
	for i, k := range keys {
		if out, ok = pr.userText(out, k, regions[i]); !ok {
			return encodeTalk(t, nil)
		}
	}
	return out, nil
}

// spliceable: a block list with items, whose items are written as "- …".
func spliceable(list *yaml.Node) bool {
	return list != nil && list.Kind == yaml.SequenceNode && list.Style&yaml.FlowStyle == 0 && len(list.Content) > 0
}

// splice writes tree with list holding only a placeholder, then puts the
// items' text in its place, each line indented as the placeholder was. The
// tree is not changed: the placeholder goes into a copy of the path to it.
func splice(tree, list *yaml.Node, items [][]byte) ([]byte, error) {
	stand := *list
	stand.Content = []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: placeholder}}
	text, err := encodeNode(replaceNode(tree, list, &stand, 4))
	if err != nil {
		return nil, err
	}
	mark := []byte("- " + placeholder + "\n")
	at := bytes.Index(text, mark)
	start := bytes.LastIndexByte(text[:max(at, 0)], '\n') + 1
	if at < 0 || len(bytes.Trim(text[start:at], " ")) != 0 {
		return encodeNode(tree) // not where expected: write it whole
	}
	indent := text[start:at]
	size := len(text)
	for _, item := range items {
		size += len(item) + len(indent)*bytes.Count(item, []byte("\n"))
	}
	var out bytes.Buffer
	out.Grow(size)
	out.Write(text[:start])
	for _, item := range items {
		for len(item) > 0 {
			line := item
			if i := bytes.IndexByte(item, '\n'); i >= 0 {
				line = item[:i+1]
			}
			if len(line) > 1 && line[0] != absolute {
				out.Write(indent)
			}
			out.Write(line)
			item = item[len(line):]
		}
	}
	out.Write(text[at+len(mark):])
	return out.Bytes(), nil
}

// replaceNode returns tree with target replaced by repl, copying the nodes
// on the way to it (at most depth levels down) and sharing the rest.
func replaceNode(tree, target, repl *yaml.Node, depth int) *yaml.Node {
	if tree == target {
		return repl
	}
	if depth == 0 {
		return tree
	}
	for i, c := range tree.Content {
		if r := replaceNode(c, target, repl, depth-1); r != c {
			cp := *tree
			cp.Content = append([]*yaml.Node(nil), tree.Content...)
			cp.Content[i] = r
			return &cp
		}
	}
	return tree
}
