package program

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"sync"

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
	return strings.HasPrefix(v, "\n") || strings.HasPrefix(v, "\t") || strings.ContainsAny(v, "\u0085\u2028\u2029")
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
	// Talks to write anew are written by talkText, one after another into
	// one buffer. The few it leaves to yaml.v3's encoder go in batches (an
	// encoder costs kilobytes to set up, and keeps every event of its
	// document), encoded side by side, one per processor.
	const batch = 32
	var texts [][]byte
	var jobs []batchJob
	var pending []*yaml.Node
	var written []byte
	type span struct{ at, start, end int } // texts[at] is written[start:end]
	var spans []span
	flush := func() {
		if len(pending) > 0 {
			jobs = append(jobs, batchJob{at: len(texts), talks: pending})
			texts, pending = append(texts, nil), nil
		}
	}
	for _, t := range talks.Content {
		if text, ok := pr.text(t); ok {
			flush()
			texts = append(texts, text)
			continue
		}
		if out, ok := talkText(written, t); ok {
			flush()
			spans = append(spans, span{at: len(texts), start: len(written), end: len(out)})
			texts, written = append(texts, nil), out
		} else if pending = append(pending, t); len(pending) == batch {
			flush()
		}
		if blank := pr.blankAfter(t); blank > 0 {
			flush()
			texts = append(texts, []byte(strings.Repeat("\n", blank)))
		}
	}
	flush()
	for _, s := range spans {
		texts[s.at] = written[s.start:s.end]
	}
	if err := encodeBatches(jobs, texts); err != nil {
		return nil, err
	}
	return splice(item, talks, texts)
}

// batchJob is talks to encode as one list, its text going to texts[at].
type batchJob struct {
	at    int
	talks []*yaml.Node
}

// encodeBatches encodes the jobs on as many goroutines as processors.
func encodeBatches(jobs []batchJob, texts [][]byte) error {
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	if workers <= 1 {
		for _, j := range jobs {
			text, err := encodeNode(&yaml.Node{Kind: yaml.SequenceNode, Content: j.talks})
			if err != nil {
				return err
			}
			texts[j.at] = text
		}
		return nil
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				texts[jobs[i].at], errs[i] = encodeNode(&yaml.Node{Kind: yaml.SequenceNode, Content: jobs[i].talks})
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
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
