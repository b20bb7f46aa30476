package yamlfile

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Talks are written to text here, without yaml.v3's encoder, whose emitter
// keeps every event of a document and was most of the time `confdigest
// scrape` spent writing a new file. The text is the encoder's, byte for
// byte, as the encoder is set up in encodeNode: indent 2, no line width,
// Unicode written as it is. The rules below (which style a scalar gets,
// where lines break and indent) are yaml.v3's, restated for the nodes a
// program file holds: block and flow mappings and sequences, and scalars
// written plain, quoted or as literal blocks.
//
// Anything else makes talkText decline, and that talk goes to the encoder:
// comments, anchors, aliases, explicit tags, folded scalars, keys that need
// "? ", and a byte order mark starting a scalar. One rule is ours, not the
// encoder's: text the encoder would write so that it reads back otherwise
// is written double-quoted, escaped (unreadable; quoteUnreadable has the
// encoder do the same).
// TestTalkText and FuzzTalkText hold the two to the same text.

// talkText returns the text of one item of a talks list, "- id: …" to its
// last line break, or false when the encoder must write it.
func talkText(buf []byte, talk *yaml.Node) ([]byte, bool) {
	w := textWriter{buf: buf, indent: 0, whitespace: true, indention: true}
	w.writeIndent()
	w.indicator("-", true, false, true)
	if !w.node(talk) {
		return buf, false
	}
	w.indent = 0 // the end of the list: the line is ended
	w.writeIndent()
	return w.buf, true
}

// textWriter is the state yaml.v3's emitter keeps while writing a document.
type textWriter struct {
	buf        []byte
	column     int  // characters on the current line
	indent     int  // of the collection being written
	whitespace bool // the last thing written was whitespace or an indent
	indention  bool // the current line holds only indentation and indicators
	flow       int  // flow collections open
}

func (w *textWriter) lineBreak() {
	w.buf = append(w.buf, '\n')
	w.column = 0
	w.indention = true
}

// writeIndent starts a line at the indent, unless the current one is still
// blank up to it.
func (w *textWriter) writeIndent() {
	if !w.indention || w.column > w.indent || w.column == w.indent && !w.whitespace {
		w.lineBreak()
	}
	for ; w.column < w.indent; w.column++ {
		w.buf = append(w.buf, ' ')
	}
	w.whitespace = true
}

// indicator writes punctuation ("-", ":", "{", "|", …), after a space when
// needSpace and the last thing written was not whitespace.
func (w *textWriter) indicator(s string, needSpace, isWhitespace, isIndention bool) {
	if needSpace && !w.whitespace {
		w.buf = append(w.buf, ' ')
		w.column++
	}
	w.buf = append(w.buf, s...)
	w.column += len(s)
	w.whitespace = isWhitespace
	w.indention = w.indention && isIndention
}

// nest steps the indent in for a collection or scalar inside the current
// one, and returns the indent to go back to. (yaml.v3 steps past a "- " by
// 2 and otherwise to the next multiple of 2: with indent 2 and the list at
// 0, the same.)
func (w *textWriter) nest() (outer int) {
	outer = w.indent
	w.indent += 2
	return outer
}

// plainNode reports whether n carries nothing talkText leaves to the encoder.
func plainNode(n *yaml.Node) bool {
	return n.Anchor == "" && n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" &&
		n.Style&(yaml.TaggedStyle|yaml.FoldedStyle) == 0
}

// node writes n.
func (w *textWriter) node(n *yaml.Node) bool {
	if !plainNode(n) {
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return w.scalar(n, false)
	case yaml.MappingNode:
		if !implicitTag(n.Tag, "!!map") || len(n.Content)%2 != 0 {
			return false
		}
		if w.flow > 0 || n.Style&yaml.FlowStyle != 0 || len(n.Content) == 0 {
			return w.flowCollection(n)
		}
		return w.blockMapping(n)
	case yaml.SequenceNode:
		if !implicitTag(n.Tag, "!!seq") {
			return false
		}
		if w.flow > 0 || n.Style&yaml.FlowStyle != 0 || len(n.Content) == 0 {
			return w.flowCollection(n)
		}
		return w.blockSequence(n)
	}
	return false
}

// implicitTag: a tag the encoder leaves out.
func implicitTag(tag, implied string) bool {
	return tag == "" || shortTag(tag) == implied
}

func shortTag(tag string) string {
	if rest, ok := strings.CutPrefix(tag, "tag:yaml.org,2002:"); ok {
		return "!!" + rest
	}
	return tag
}

func (w *textWriter) blockMapping(n *yaml.Node) bool {
	outer := w.nest()
	for i := 0; i < len(n.Content); i += 2 {
		w.writeIndent()
		if !w.key(n.Content[i]) {
			return false
		}
		w.indicator(":", false, false, false)
		if !w.node(n.Content[i+1]) {
			return false
		}
	}
	w.indent = outer
	return true
}

func (w *textWriter) blockSequence(n *yaml.Node) bool {
	outer := w.nest()
	for _, item := range n.Content {
		w.writeIndent()
		w.indicator("-", true, false, true)
		if !w.node(item) {
			return false
		}
	}
	w.indent = outer
	return true
}

// flowCollection writes a mapping or sequence as {a: b, …} or [a, …].
func (w *textWriter) flowCollection(n *yaml.Node) bool {
	open, end := "[", "]"
	if n.Kind == yaml.MappingNode {
		open, end = "{", "}"
	}
	w.indicator(open, true, true, false)
	outer := w.nest()
	w.flow++
	for i := 0; i < len(n.Content); i++ {
		if i > 0 {
			w.indicator(",", false, false, false)
		}
		if w.column == 0 {
			w.writeIndent()
		}
		if n.Kind == yaml.MappingNode {
			if !w.key(n.Content[i]) {
				return false
			}
			w.indicator(":", false, false, false)
			i++
		}
		if !w.node(n.Content[i]) {
			return false
		}
	}
	w.flow--
	w.indent = outer
	if n.Kind == yaml.SequenceNode && w.column == 0 {
		w.writeIndent()
	}
	w.indicator(end, false, false, false)
	return true
}

// key writes a mapping key, which must fit the "key: value" form: one line
// of at most 128 bytes (else the encoder writes "? key").
func (w *textWriter) key(k *yaml.Node) bool {
	if k.Kind != yaml.ScalarNode || !plainNode(k) || len(k.Value) > 128 || strings.ContainsAny(k.Value, "\n\r\u0085\u2028\u2029") {
		return false
	}
	return w.scalar(k, true)
}

type scalarStyle int

const (
	plainScalar scalarStyle = iota
	singleQuoted
	doubleQuoted
	literalBlock
)

// scalar writes a scalar in the style the encoder would pick for it.
func (w *textWriter) scalar(n *yaml.Node, simpleKey bool) bool {
	v := n.Value
	if n.Style == 0 && (n.Tag == "!!str" || n.Tag == "") && word(v) {
		w.plain(v)
		w.indention = false
		return true
	}
	if !utf8.ValidString(v) {
		return false // the encoder writes it as !!binary
	}
	quotedStyles := yaml.SingleQuotedStyle | yaml.DoubleQuotedStyle | yaml.LiteralStyle
	forceQuotes := false
	switch tag := shortTag(n.Tag); {
	case tag == "":
	case tag == "!!str" && n.Style&quotedStyles != 0:
	default:
		resolved, ok := plainTag(v)
		switch {
		case !ok:
			return false
		case tag == "!!str":
			forceQuotes = resolved != "!!str"
		case resolved != tag:
			return false // the encoder writes the tag
		}
	}
	style := plainScalar
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		style = doubleQuoted
	case n.Style&yaml.SingleQuotedStyle != 0:
		style = singleQuoted
	case n.Style&yaml.LiteralStyle != 0 || strings.Contains(v, "\n"):
		style = literalBlock
	case forceQuotes:
		style = doubleQuoted
	}
	facts, ok := analyzeScalar(v)
	if !ok {
		return false
	}
	flow := w.flow > 0
	if style == plainScalar {
		if flow && !facts.flowPlain || !flow && !facts.blockPlain || v == "" && (flow || simpleKey) {
			style = singleQuoted
		}
	}
	if style == singleQuoted && !facts.singleQuoted {
		style = doubleQuoted
	}
	if style == literalBlock && (!facts.block || flow || simpleKey) {
		style = doubleQuoted
	}
	if unreadable(v) {
		style = doubleQuoted // as quoteUnreadable has the encoder write it
	}

	outer := w.nest()
	defer func() { w.indent = outer }()
	switch style {
	case plainScalar:
		w.plain(v)
	case singleQuoted:
		w.indicator("'", true, false, false)
		w.lines(v, true)
		w.indicator("'", false, false, false)
	case doubleQuoted:
		w.indicator(`"`, true, false, false)
		w.doubleQuoted(v)
		w.indicator(`"`, false, false, false)
	case literalBlock:
		w.literal(v)
		return true // the block leaves the line state as its last line did
	}
	w.indention = false
	return true
}

// lines writes the lines of a literal block or a single-quoted scalar,
// each after a line break at the indent. In a quoted scalar a quote is
// doubled, and a run of line breaks takes one more (a single break would
// read as a space). Spaces next to a break are not in v: they make the
// encoder quote it double.
func (w *textWriter) lines(v string, quoted bool) {
	afterBreak := !quoted // a block starts below its "|"
	for v != "" {
		if v[0] == '\n' {
			if quoted && !afterBreak {
				w.lineBreak()
			}
			w.lineBreak()
			afterBreak = true
			v = v[1:]
			continue
		}
		if afterBreak {
			w.writeIndent()
			afterBreak = false
		}
		end := strings.IndexByte(v, '\n')
		if end < 0 {
			end = len(v)
		}
		if line := v[:end]; quoted && strings.Contains(line, "'") {
			w.text(strings.ReplaceAll(line, "'", "''"))
		} else {
			w.text(line)
		}
		w.indention = false
		v = v[end:]
	}
}

func (w *textWriter) plain(v string) {
	if v != "" {
		if !w.whitespace {
			w.buf = append(w.buf, ' ')
			w.column++
		}
		w.text(v)
		w.whitespace = false
	}
}

// text appends s, which holds no line break.
func (w *textWriter) text(s string) {
	w.buf = append(w.buf, s...)
	w.column += utf8.RuneCountInString(s)
}

func (w *textWriter) doubleQuoted(v string) {
	for _, r := range v {
		if printable(r) && r != '\n' && r != 0x2028 && r != 0x2029 && r != '"' && r != '\\' {
			w.buf = utf8.AppendRune(w.buf, r)
			w.column++
			continue
		}
		w.buf = append(w.buf, '\\')
		if c, ok := shortEscapes[r]; ok {
			w.buf = append(w.buf, c)
			w.column += 2
			continue
		}
		start := len(w.buf)
		switch {
		case r <= 0xFF:
			w.buf = fmt.Appendf(w.buf, "x%02X", r)
		case r <= 0xFFFF:
			w.buf = fmt.Appendf(w.buf, "u%04X", r)
		default:
			w.buf = fmt.Appendf(w.buf, "U%08X", r)
		}
		w.column += len(w.buf) - start + 1
	}
}

var shortEscapes = map[rune]byte{
	0x00: '0', 0x07: 'a', 0x08: 'b', '\t': 't', '\n': 'n', 0x0B: 'v', 0x0C: 'f', '\r': 'r',
	0x1B: 'e', '"': '"', '\\': '\\', 0x85: 'N', 0x2028: 'L', 0x2029: 'P',
}

// literal writes v as a "|" block, indented one step past its key.
func (w *textWriter) literal(v string) {
	w.indicator("|", true, false, false)
	if v != "" && (v[0] == ' ' || v[0] == '\n') {
		w.indicator("2", false, false, false) // the indent, which the first line cannot show
	}
	switch {
	case !strings.HasSuffix(v, "\n"):
		w.indicator("-", false, false, false)
	case v == "\n" || strings.HasSuffix(v, "\n\n"):
		w.indicator("+", false, false, false)
	}
	w.whitespace = true
	w.lines(v, false)
}

// scalarFacts is what a scalar's characters allow, as yaml.v3 works it out.
type scalarFacts struct {
	multiline                                  bool
	flowPlain, blockPlain, singleQuoted, block bool
}

// analyzeScalar says which styles can hold v; ok is false when v starts
// with a byte order mark, which talkText leaves to the encoder.
func analyzeScalar(v string) (f scalarFacts, ok bool) {
	if v == "" {
		return scalarFacts{blockPlain: true, singleQuoted: true}, true
	}
	var flowIndicators, blockIndicators, breaks, special, tabs bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	followedByBlank := func(next int) bool { return next == len(v) || v[next] == ' ' || v[next] == '\t' }
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		flowIndicators, blockIndicators = true, true
	}
	switch c := v[0]; {
	case strings.IndexByte("#,[]{}&*!|>'\"%@`", c) >= 0:
		flowIndicators, blockIndicators = true, true
	case c == '?' || c == ':':
		flowIndicators = true
		blockIndicators = followedByBlank(1)
	case c == '-' && followedByBlank(1):
		flowIndicators, blockIndicators = true, true
	}
	precededByBlank, previousSpace, previousBreak := true, false, false
	for i := 0; i < len(v); {
		switch c := v[i]; {
		case c < utf8.RuneSelf && ordinary[c]:
			precededByBlank, previousSpace, previousBreak = false, false, false
			i++
			continue
		case c == ' ': // the other common case, as the general one below takes it
			leadingSpace = leadingSpace || i == 0
			trailingSpace = trailingSpace || i+1 == len(v)
			breakSpace = breakSpace || previousBreak
			precededByBlank, previousSpace, previousBreak = true, true, false
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		next := i + size
		switch {
		case i == 0:
		case r == ',' || r == '?' || r == '[' || r == ']' || r == '{' || r == '}':
			flowIndicators = true
		case r == ':':
			flowIndicators = true
			blockIndicators = blockIndicators || followedByBlank(next)
		case r == '#' && precededByBlank:
			flowIndicators, blockIndicators = true, true
		}
		switch {
		case r == 0xFEFF && i == 0:
			return scalarFacts{}, false // the encoder escapes every character after it
		case r == '\t':
			tabs = true
		case !printable(r):
			special = true
		}
		isBreak := r == '\n' || r == '\r'
		switch {
		case r == ' ':
			leadingSpace = leadingSpace || i == 0
			trailingSpace = trailingSpace || next == len(v)
			breakSpace = breakSpace || previousBreak
		case isBreak:
			breaks = true
			leadingBreak = leadingBreak || i == 0
			trailingBreak = trailingBreak || next == len(v)
			spaceBreak = spaceBreak || previousSpace
		}
		previousSpace, previousBreak = r == ' ', isBreak
		precededByBlank = r == ' ' || r == '\t' || isBreak || r == 0
		i = next
	}
	f = scalarFacts{multiline: breaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak || breaks || tabs || special || breakSpace || spaceBreak {
		f.flowPlain, f.blockPlain = false, false
	}
	if tabs || special || breakSpace || spaceBreak {
		f.singleQuoted = false
	}
	if trailingSpace || special || spaceBreak {
		f.block = false
	}
	if flowIndicators {
		f.flowPlain = false
	}
	if blockIndicators {
		f.blockPlain = false
	}
	return f, true
}

// ordinary: the ASCII characters that mean nothing to YAML past a scalar's
// first character (only after a blank does "#" mean something; ":" before one).
var ordinary = func() (t [utf8.RuneSelf]bool) {
	for c := byte(0x21); c < 0x7F; c++ {
		t[c] = strings.IndexByte(",?[]{}:#", c) < 0
	}
	return t
}()

// word: a scalar every style reads the same, written plain in any context.
func word(v string) bool {
	if v == "" || v[0] < 'A' || v[0] > 'Z' && v[0] < 'a' || v[0] > 'z' {
		return false
	}
	for i := 1; i < len(v); i++ {
		if c := v[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	tag, _ := plainTag(v) // "true", "null", …
	return tag == "!!str"
}

// printable: the characters YAML writes as they are.
func printable(r rune) bool {
	return r == '\n' || 0x20 <= r && r <= 0x7E || 0xA0 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD && r != 0xFEFF
}

// plainTag is the tag yaml.v3 reads v with when it is written plain; ok is
// false when that takes parsing v.
func plainTag(v string) (tag string, ok bool) {
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "", "~", "null", "Null", "NULL":
		return "!!null", true
	}
	c := v[0]
	if c != '+' && c != '-' && c != '.' && (c < '0' || c > '9') || strings.IndexFunc(v, notNumberChar) >= 0 {
		return "!!str", true
	}
	if strings.Contains(v, " ") && !timestampDate(v) {
		return "!!str", true // numbers hold no space, timestamps only after a date
	}
	// a number or a timestamp, or text that starts like one
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(v), &doc); err != nil || len(doc.Content) != 1 {
		return "", false
	}
	if s := doc.Content[0]; s.Kind == yaml.ScalarNode && s.Style == 0 && s.Value == v {
		return s.ShortTag(), true
	}
	return "", false
}

// timestampDate: v starts with a year and a dash, as YAML timestamps do.
func timestampDate(v string) bool {
	return len(v) > 4 && v[4] == '-' && strings.IndexFunc(v[:4], func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// notNumberChar: a character no number or timestamp YAML reads holds.
func notNumberChar(r rune) bool {
	return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || strings.ContainsRune("+-._: ", r))
}
