package program

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3's emitter keeps every event of a document until the end: a
// 10,000-talk file took half a gigabyte and a second to write. So the file
// is written in pieces: the tree with its days replaced by a placeholder,
// each day with its talks replaced by one, and the talks in batches; then
// the pieces go where the placeholders stand, indented to match. The text
// is the same as encoding the whole tree at once (TestSplicedEncoding).

const placeholder = "confdigest-splice-placeholder-8c1e5d"

// encodeNode writes one tree the way every program file is written.
func encodeNode(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// encodeDoc writes a program file's tree (a document or its root mapping),
// taking the text of unchanged days and talks from pr when there is one.
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
		var err error
		if items[i], err = encodeDay(d, pr); err != nil {
			return nil, err
		}
	}
	return splice(doc, days, items)
}

func encodeDay(day *yaml.Node, pr *preserver) ([]byte, error) {
	item := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{day}}
	talks := mapValue(day, "talks")
	if !spliceable(talks) {
		return encodeNode(item)
	}
	// Talks to write anew go in batches: an encoder costs kilobytes to set up.
	const batch = 64
	var texts [][]byte
	var pending []*yaml.Node
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		text, err := encodeNode(&yaml.Node{Kind: yaml.SequenceNode, Content: pending})
		texts, pending = append(texts, text), nil
		return err
	}
	for _, t := range talks.Content {
		if text, ok := pr.text(t); ok {
			if err := flush(); err != nil {
				return nil, err
			}
			texts = append(texts, text)
			continue
		}
		pending = append(pending, t)
		if blank := pr.blankAfter(t); blank > 0 || len(pending) == batch {
			if err := flush(); err != nil {
				return nil, err
			}
			if blank > 0 {
				texts = append(texts, []byte(strings.Repeat("\n", blank)))
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return splice(item, talks, texts)
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
	var out bytes.Buffer
	out.Grow(len(text) + len(items)*len(items[0]))
	out.Write(text[:start])
	for _, item := range items {
		for len(item) > 0 {
			line := item
			if i := bytes.IndexByte(item, '\n'); i >= 0 {
				line = item[:i+1]
			}
			if len(line) > 1 {
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
