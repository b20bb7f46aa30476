package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/confdigest/confdigest/program"
)

// Marshal writes p as a program file: fields in the contract's order, long
// text last, times and dates quoted (YAML 1.1 readers take a bare 14:15 for a
// number), abstracts and other multi-line text as literal blocks.
func Marshal(p *program.Program) ([]byte, error) {
	root, err := programNode(p)
	if err != nil {
		return nil, err
	}
	return encodeDoc(root, nil)
}

// Unmarshal reads a program file. name is used in messages only. A file
// that does not follow the contract gives an *InvalidError listing every
// problem as name:line:col; warnings alone are no error (see Check).
func Unmarshal(data []byte, name string) (*program.Program, error) {
	p, _, problems := parse(data, name)
	if hasErrors(problems) {
		return nil, &InvalidError{Problems: problems}
	}
	return p, nil
}

// Check reads a program file and returns every problem in it, errors and
// warnings; the program is nil when there are errors.
func Check(data []byte, name string) (*program.Program, []Problem) {
	p, _, problems := parse(data, name)
	if hasErrors(problems) {
		return nil, problems
	}
	return p, problems
}

func hasErrors(problems []Problem) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// parse reads data into its node tree and, when it is valid, the program.
func parse(data []byte, name string) (*program.Program, *yaml.Node, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// yaml.v3 reads a comment of a CRLF file with a line break at its end,
	// which the file written back (LF, made CRLF after) reads without: read
	// it as LF, lines and columns alike, so that its tree is the one an LF
	// file has and the merge keeps its text as it keeps an LF file's.
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '<' {
		return nil, nil, []Problem{{File: name, Line: 1, Col: 1, Msg: "this is HTML or XML, not a program file; to read a saved page or a schedule export, run confdigest scrape " + name + " -o FILE.yaml"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if tabs := tabProblems(data, name); len(tabs) > 0 {
			return nil, nil, tabs
		}
		return nil, nil, []Problem{diagnose(data, name, err)}
	}
	if len(doc.Content) == 0 {
		return nil, nil, []Problem{{File: name, Line: 1, Col: 1, Msg: "empty file: not a confdigest program file (run confdigest scrape URL to make one)"}}
	}
	if p := structureProblems(data, &doc, name); len(p) > 0 {
		return nil, nil, p
	}
	problems := Validate(&doc, name)
	if warnings := textWarnings(data, &doc, name); len(warnings) > 0 {
		problems = append(problems, warnings...)
		sortProblems(problems)
	}
	if hasErrors(problems) {
		return nil, &doc, problems
	}
	p, err := decode(&doc)
	if err != nil {
		return nil, &doc, []Problem{syntaxProblem(name, err)}
	}
	return p, &doc, problems
}

// structureProblems: what a program file cannot hold, found before anything
// reads its values. Anchors and aliases (&name, *name) would make one
// talk stand in two places, which a merge or a mark could not keep apart,
// and expanding them is how a small file becomes a huge one. A second
// document (after "---") would be read by nothing and lost by the next
// write.
func structureProblems(data []byte, doc *yaml.Node, name string) []Problem {
	var out []Problem
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if len(out) >= 10 {
			return
		}
		switch {
		case n.Kind == yaml.AliasNode:
			out = append(out, Problem{File: name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("an alias (*%s): a program file cannot use YAML anchors and aliases; write the value out in full (if it is text, put the whole value in quotes)", n.Value)})
			return
		case n.Anchor != "":
			out = append(out, Problem{File: name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("an anchor (&%s): a program file cannot use YAML anchors and aliases; write the value out in full (if it is text, put the whole value in quotes)", n.Anchor)})
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	// A second document starts with "---" (or follows "...") at a line's
	// start; only then is the file read again to find it.
	if !bytes.HasPrefix(data, []byte("---")) && !bytes.Contains(data, []byte("\n---")) && !bytes.Contains(data, []byte("\n...")) {
		return out
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if dec.Decode(&first) == nil {
		if err := dec.Decode(&second); err == nil {
			out = append(out, Problem{File: name, Line: second.Line, Col: second.Column, Msg: "a second YAML document (after ---): a program file is one document; move what follows into it, or into a file of its own"})
		} else if err != io.EOF {
			out = append(out, syntaxProblem(name, err))
		}
	}
	return out
}

// keepLineEnds gives out the byte-order mark and CRLF line ends of old,
// the file it replaces: the user's editor wrote them.
func keepLineEnds(old, out []byte) []byte {
	bom := []byte("\xef\xbb\xbf")
	if bytes.Count(old, []byte("\r\n")) > bytes.Count(old, []byte("\n"))/2 && !bytes.Contains(out, []byte("\r\n")) {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if bytes.HasPrefix(old, bom) && !bytes.HasPrefix(out, bom) {
		out = append(append([]byte{}, bom...), out...)
	}
	return out
}

// decode reads a valid tree into a Program.
func decode(doc *yaml.Node) (*program.Program, error) {
	var p program.Program
	if err := doc.Decode(&p); err != nil {
		return nil, err
	}
	// "days:" and "talks:" left empty read as empty lists, as they are written.
	if p.Days == nil {
		p.Days = []program.Day{}
	}
	// An empty map or a list of nothing but nulls ("speakers: [~]") reads as
	// none, as it is written back (omitempty).
	if p.Post != nil && len(p.Post.FrontMatter) == 0 {
		p.Post.FrontMatter = nil
	}
	for di := range p.Days {
		if n := p.Days[di].Notes; n != nil && len(n.FrontMatter) == 0 {
			n.FrontMatter = nil
		}
		if p.Days[di].Talks == nil {
			p.Days[di].Talks = []program.Talk{}
		}
		for ti := range p.Days[di].Talks {
			t := &p.Days[di].Talks[ti]
			t.Abstract = strings.TrimRight(t.Abstract, "\n")
			if len(t.Speakers) == 0 {
				t.Speakers = nil
			}
			if t.Notes != nil && len(t.Notes.Tags) == 0 {
				t.Notes.Tags = nil
			}
		}
	}
	return &p, nil
}

// tabProblems finds tabs and non-breaking spaces in indentation, which
// YAML does not allow and editors (or a copy from a web page) insert
// unseen. They are looked for only when the file does not parse: in the
// text of a | block they are text.
func tabProblems(data []byte, name string) []Problem {
	var out []Problem
	for i, line := range strings.Split(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t\u00a0"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 {
			out = append(out, Problem{File: name, Line: i + 1, Col: utf8.RuneCountInString(indent[:j]) + 1, Msg: "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"})
		} else if j := strings.Index(indent, "\u00a0"); j >= 0 {
			out = append(out, Problem{File: name, Line: i + 1, Col: utf8.RuneCountInString(indent[:j]) + 1, Msg: "a non-breaking space in the indentation (copied from a web page or typed with Alt/Option): YAML indents with normal spaces only; retype the indentation"})
		}
	}
	return out
}

var (
	yamlLineRe     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownFieldRe = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
)

// syntaxProblem turns a yaml.v3 error into a Problem at its line.
func syntaxProblem(name string, err error) Problem {
	msg := err.Error()
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(strings.TrimSpace(msg), "yaml: ")
	line := 1
	if lm := yamlLineRe.FindStringSubmatch(msg); lm != nil {
		fmt.Sscan(lm[1], &line)
		msg = lm[2]
	}
	if f := unknownFieldRe.FindStringSubmatch(msg); f != nil {
		msg = fmt.Sprintf("unknown key %q", f[1])
	}
	return Problem{File: name, Line: line, Col: 1, Msg: "not valid YAML: " + msg}
}

// ReadFile loads the program file at path.
func ReadFile(path string) (*program.Program, error) {
	data, err := ReadBytes(path)
	if err != nil {
		return nil, err
	}
	return Unmarshal(data, path)
}

// ReadBytes reads the program file at path; one that is not there is
// said in words a user can act on (errors.Is fs.ErrNotExist holds).
func ReadBytes(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notExistError(path)
	}
	if fi, serr := os.Stat(path); err != nil && serr == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder; give the program file (a .yaml)", path)
	}
	return data, err
}

type notExistError string

func (e notExistError) Error() string {
	return fmt.Sprintf("%s: no such file; make a program file with confdigest scrape URL -o %s", string(e), string(e))
}

func (e notExistError) Unwrap() error { return fs.ErrNotExist }

func programNode(p *program.Program) (*yaml.Node, error) {
	root := mapping()
	conf := mapping()
	add(conf, "id", str(p.Conference.ID))
	add(conf, "name", str(p.Conference.Name))
	add(conf, "url", str(p.Conference.URL))
	addStr(conf, "timezone", p.Conference.Timezone)
	add(root, "conference", conf)
	if p.Post != nil {
		n, err := userNode(p.Post)
		if err != nil {
			return nil, err
		}
		add(root, "post", n)
	}
	days := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range p.Days {
		d, err := dayNode(&p.Days[i])
		if err != nil {
			return nil, err
		}
		days.Content = append(days.Content, d)
	}
	add(root, "days", days)
	return root, nil
}

func dayNode(d *program.Day) (*yaml.Node, error) {
	n := mapping()
	add(n, "date", quoted(d.Date))
	if d.Notes != nil {
		notes, err := userNode(d.Notes)
		if err != nil {
			return nil, err
		}
		add(n, "notes", notes)
	}
	talks := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range d.Talks {
		t, err := talkNode(&d.Talks[i])
		if err != nil {
			return nil, err
		}
		talks.Content = append(talks.Content, t)
	}
	add(n, "talks", talks)
	return n, nil
}

func talkNode(t *program.Talk) (*yaml.Node, error) {
	n := mapping()
	add(n, "id", str(t.ID))
	add(n, "title", str(t.Title))
	addStr(n, "url", t.URL)
	if t.Start != "" {
		add(n, "start", quoted(t.Start))
	}
	if t.End != "" {
		add(n, "end", quoted(t.End))
	}
	addStr(n, "session", t.Session)
	addStr(n, "track", t.Track)
	addStr(n, "room", t.Room)
	if len(t.Speakers) > 0 {
		sp := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range t.Speakers {
			m := mapping()
			m.Style = yaml.FlowStyle
			add(m, "name", str(s.Name))
			addStr(m, "affiliation", s.Affiliation)
			sp.Content = append(sp.Content, m)
		}
		add(n, "speakers", sp)
	}
	addStr(n, "award", t.Award)
	if !t.Media.IsZero() {
		m := mapping()
		addStr(m, "paper", t.Media.Paper)
		addStr(m, "slides", t.Media.Slides)
		addStr(m, "video", t.Media.Video)
		addStr(m, "audio", t.Media.Audio)
		add(n, "media", m)
	}
	if t.Withdrawn {
		add(n, "withdrawn", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if t.Abstract != "" {
		add(n, "abstract", block(t.Abstract))
	}
	if t.Notes != nil {
		notes, err := talkNotesNode(t.Notes)
		if err != nil {
			return nil, err
		}
		add(n, "notes", notes)
	}
	return n, nil
}

// talkNotesNode is the user's notes on a talk, "attended: false" kept when
// it was written (Missed).
func talkNotesNode(n *program.TalkNotes) (*yaml.Node, error) {
	node, err := userNode(n)
	if err != nil || !n.Missed || n.Attended || node.Kind != yaml.MappingNode {
		return node, err
	}
	at := 0
	if len(node.Content) > 0 && node.Content[0].Value == "plan" {
		at = 2 // contract order: plan, attended, …
	}
	kv := []*yaml.Node{str("attended"), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"}}
	node.Content = append(node.Content[:at], append(kv, node.Content[at:]...)...)
	return node, nil
}

func literalBlocks(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		literalBlocks(c)
	}
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func quoted(s string) *yaml.Node {
	n := str(s)
	n.Style = yaml.DoubleQuotedStyle
	return n
}

// block writes text as a literal block ending in one newline ("|"), unless
// YAML cannot hold it literally, in which case the encoder picks a quoted form.
func block(s string) *yaml.Node {
	n := str(strings.TrimRight(s, "\n") + "\n")
	n.Style = yaml.LiteralStyle
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func addStr(m *yaml.Node, key, v string) {
	if v != "" {
		add(m, key, str(v))
	}
}
