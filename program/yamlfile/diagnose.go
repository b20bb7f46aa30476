package yamlfile

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A YAML syntax error is reported where the person must fix it, in plain
// words, with what to do. yaml.v3 stays the only parser: it names a line
// that is often not the one to fix (for "did not find expected key" it is
// the start of the mapping the mistake is in, lines above it), so the line
// is found by asking yaml.v3 about prefixes of the file, cut at line ends:
// a prefix of a valid file is valid, so the first line whose addition
// makes the text fail is the line the parser stumbled on. That line (and
// the few above it) is then read as text to say what is wrong there.

// diagnose turns the syntax error err of data (without its byte-order
// mark) into a Problem at the line to fix.
func diagnose(data []byte, name string, err error) Problem {
	fallback := syntaxProblem(name, err)
	lines := splitLines(data)
	if len(lines) == 0 {
		return fallback
	}
	n := failingLine(lines, fallback.Line)
	d := &diagnosis{lines: textLines(lines)}
	d.blocks()
	if col, msg, ok := d.line(n - 1); ok {
		return Problem{File: name, Line: n, Col: col, Msg: msg}
	}
	// "rating:4" is a valid line of text; the line after it fails.
	if j := d.previous(n - 1); j >= 0 {
		if k, ok := parseKeyLine(d.lines[j]); ok && k.rest != "" && k.rest[0] != ' ' {
			col, msg, _ := d.keyLine(j, k)
			return Problem{File: name, Line: j + 1, Col: col, Msg: msg}
		}
	}
	fallback.Msg = plainWords(fallback.Msg)
	if n != fallback.Line {
		fallback.Line, fallback.Col = n, firstCol(d.lines[n-1])
	}
	return fallback
}

// splitLines cuts data after each line feed; the last line may have none.
func splitLines(data []byte) []string {
	text := string(data)
	out := make([]string, 0, bytes.Count(data, []byte("\n"))+1)
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

// textLines are the lines without their line ends (LF or CRLF).
func textLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, "\r\n")
	}
	return out
}

// failingLine is the first line (1-based) such that the file up to and
// including it is no longer valid YAML. The search starts below the line
// before the one yaml.v3 reported, when the text up to there is valid: a
// few lines in growing steps (the mistake is most often there), then by
// bisection. A prefix that ends inside a value quoted over several lines
// fails too, though the file is right there: when the lines after the one
// found are indented under it and the text up to one of them is valid,
// the search goes on below.
func failingLine(lines []string, reported int) int {
	fails := func(n int) bool {
		var doc yaml.Node
		return yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &doc) != nil
	}
	lo := 0 // the text up to line lo is valid
	if r := reported - 1; r > 0 && r < len(lines) && !fails(r) {
		lo = r
	}
	for {
		n := firstFailing(lo, len(lines), fails)
		indent := leading(lines[n-1])
		next := 0
		for j := n; j < len(lines) && next == 0; j++ {
			l := strings.TrimRight(lines[j], "\r\n")
			if strings.TrimSpace(l) != "" && leading(l) <= indent {
				break
			}
			if !fails(j + 1) {
				next = j + 1
			}
		}
		if next == 0 {
			return n
		}
		lo = next
	}
}

// firstFailing finds n in (lo, hi] where fails(n) and not fails(n-1),
// given not fails(lo) (or lo 0) and fails(hi).
func firstFailing(lo, hi int, fails func(int) bool) int {
	for step := 1; lo > 0 && lo+step < hi; step *= 2 {
		if fails(lo + step) {
			hi = lo + step
			break
		}
		lo += step
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

type diagnosis struct {
	lines   []string
	inBlock []bool // the line is text of a | or > block
}

// blocks marks the lines that are the text of a literal or folded block:
// lines after "key: |" indented more than the key, and blank lines among
// them.
func (d *diagnosis) blocks() {
	d.inBlock = make([]bool, len(d.lines))
	parent := -1 // column of the key whose block is open
	for i, l := range d.lines {
		if parent >= 0 {
			if strings.TrimSpace(l) == "" || leading(l) > parent {
				d.inBlock[i] = true
				continue
			}
			parent = -1
		}
		if k, ok := parseKeyLine(l); ok && blockIndicatorRe.MatchString(k.value) {
			parent = k.keyCol
		}
	}
}

var (
	keyLineRe        = regexp.MustCompile(`^( *)((?:- +)*)([A-Za-z_][A-Za-z0-9_-]*):(.*)$`)
	blockIndicatorRe = regexp.MustCompile(`^[|>][-+0-9]*\s*(#.*)?$`)
	listItemRe       = regexp.MustCompile(`^( *)- `)
)

// keyLine is a line of the form "  - key: value".
type keyLine struct {
	keyCol    int    // 0-based column of the key
	dashCol   int    // 0-based column of the first "- ", or -1
	key       string // the key
	rest      string // everything after the colon
	value     string // rest without the spaces around it
	valueCol  int    // 0-based column (in runes) where the value starts
	valueByte int    // the same in bytes
}

func parseKeyLine(l string) (keyLine, bool) {
	m := keyLineRe.FindStringSubmatch(l)
	if m == nil {
		return keyLine{}, false
	}
	k := keyLine{keyCol: len(m[1]) + len(m[2]), dashCol: -1, key: m[3], rest: m[4]}
	if m[2] != "" {
		k.dashCol = len(m[1])
	}
	k.value = strings.TrimSpace(m[4])
	lead := leading(m[4])
	k.valueByte = len(l) - len(m[4]) + lead
	k.valueCol = utf8.RuneCountInString(l[:k.valueByte])
	return k, true
}

// firstCol is the 1-based column of the first character that is not a space.
func firstCol(l string) int { return leading(l) + 1 }

// line says what is wrong on line i (0-based): its 1-based column and the
// message.
func (d *diagnosis) line(i int) (int, string, bool) {
	l := d.lines[i]
	if strings.TrimSpace(l) == "" {
		return 0, "", false
	}
	if k, ok := parseKeyLine(l); ok {
		if col, msg, ok := d.keyLine(i, k); ok {
			return col, msg, true
		}
		if k.dashCol >= 0 {
			if col, msg, ok := d.indentation(i, k.dashCol, ""); ok {
				return col, msg, true
			}
		}
		return d.indentation(i, k.keyCol, k.key)
	}
	if m := listItemRe.FindStringSubmatch(l); m != nil {
		item := keyLine{keyCol: len(m[1]), dashCol: len(m[1]), rest: l[len(m[0])-1:]}
		item.value = strings.TrimSpace(item.rest)
		item.valueByte = len(l) - len(strings.TrimLeft(l[len(m[0]):], " "))
		item.valueCol = utf8.RuneCountInString(l[:item.valueByte])
		if col, msg, ok := d.keyLine(i, item); ok {
			return col, msg, true
		}
		return d.indentation(i, len(m[1]), "")
	}
	return d.notAKey(i)
}

// keyLine finds a mistake in the value of a "key: value" line, or of a
// list item ("- value": k.key is empty).
func (d *diagnosis) keyLine(i int, k keyLine) (int, string, bool) {
	if k.rest != "" && k.rest[0] != ' ' {
		if strings.HasPrefix(k.rest, "\u00a0") {
			return k.valueCol, fmt.Sprintf("a non-breaking space after %q: YAML needs a normal space after the colon; retype the space", k.key+":"), true
		}
		return k.valueCol, fmt.Sprintf("no space after %q, so this line is not read as a key; write %s: %s", k.key+":", k.key, k.rest), true
	}
	v := k.value
	if v == "" || strings.HasPrefix(v, "#") {
		return 0, "", false
	}
	col := k.valueCol + 1
	quote := func(example string) string {
		if k.key == "" {
			return fmt.Sprintf("put the whole item in quotes (- %s)", example)
		}
		return fmt.Sprintf("put the whole value in quotes (%s: %s) or write it as a block: %s: | and the text on the next lines, indented", k.key, example, k.key)
	}
	// A comment after the value stays out of the quotes, after them.
	val, comment := splitComment(v)
	dq := doubleQuote(val) + comment
	switch c := v[0]; c {
	case '{', '[':
		if fcol, msg, ok := flowValue(d.lines[i], k.valueByte); ok {
			return fcol, msg, true
		}
		if c == '{' {
			if j, msg, ok := flowPairColon(k.key, val, comment); ok {
				return col + utf8.RuneCountInString(val[:j]), msg, true
			}
		}
		what := map[byte]string{'{': "a mapping", '[': "a list"}[c]
		return col, fmt.Sprintf("a value starting with %c is read as %s, and the text after the %c breaks it; %s", c, what, closing(c), quote(dq)), true
	case '*', '&':
		what := map[byte]string{'*': "an alias (a reference to an anchor)", '&': "an anchor"}[c]
		return col, fmt.Sprintf("a value starting with %c is read as %s in YAML; %s", c, what, quote(dq)), true
	case '|', '>':
		if blockIndicatorRe.MatchString(v) || k.key == "" {
			return 0, "", false
		}
		return col + 1, fmt.Sprintf("text after %c on the same line: the text of a block starts on the next line; write %s: %c and put the text on the lines below, indented 2 more spaces than %s", c, k.key, c, k.key), true
	case '%', '@', '`', ',':
		return col, fmt.Sprintf("a value cannot start with %c in YAML; %s", c, quote(dq)), true
	case '-', '?':
		if len(v) > 1 && v[1] != ' ' {
			break
		}
		what := map[byte]string{'-': "a list item", '?': "a key"}[c]
		return col, fmt.Sprintf("a value starting with \"%c \" is read as %s in YAML; %s", c, what, quote(dq)), true
	case '\'', '"':
		return d.quoted(i, k, c)
	}
	if j := strings.Index(val, ": "); j >= 0 || strings.HasSuffix(val, ":") {
		if j < 0 {
			j = len(val) - 1
			if n := i + 1; n < len(d.lines) && strings.TrimSpace(d.lines[n]) != "" && leading(d.lines[n]) > k.keyCol {
				return col + utf8.RuneCountInString(val[:j]), fmt.Sprintf("a colon at the end of a value, with lines under it, starts a new key in YAML; write the text as a block: %s: | and the text on the next lines, indented %d spaces", k.key, k.keyCol+2), true
			}
		}
		return col + utf8.RuneCountInString(val[:j]), fmt.Sprintf("a colon followed by a space inside a value starts a new key in YAML; %s", quote(dq)), true
	}
	return 0, "", false
}

func closing(c byte) byte {
	if c == '{' {
		return '}'
	}
	return ']'
}

// flowValue finds a { or [ opened at byte col of l and never closed on the
// line.
func flowValue(l string, col int) (int, string, bool) {
	rest := l[col:]
	if rest == "" || (rest[0] != '{' && rest[0] != '[') {
		return 0, "", false
	}
	depth, q := 0, byte(0)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '\'' || c == '"':
			q = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == '#' && i > 0 && rest[i-1] == ' ':
			if depth > 0 {
				return utf8.RuneCountInString(l[:col+i]) + 1, commentInFlow(rest, i, utf8.RuneCountInString(l[:col])+1), true
			}
			i = len(rest)
		}
	}
	if depth > 0 {
		open := rest[0]
		return utf8.RuneCountInString(l[:col]) + 1, fmt.Sprintf("the %c opened here is not closed on this line; end it with %c (or, if this is text, put it in quotes)", open, closing(open)), true
	}
	return 0, "", false
}

// commentInFlow says that the " #" at rest[at] starts a comment inside
// the { } or [ ] that opens rest (in column openCol), and how to quote the
// item holding it.
func commentInFlow(rest string, at, openCol int) string {
	from := strings.LastIndexAny(rest[:at], "{[,") + 1
	to := at + strings.IndexAny(rest[at:], ",}]")
	if to < at {
		to = len(rest)
	}
	item := strings.TrimSpace(rest[from:to])
	fix := doubleQuote(item)
	if key, val, ok := strings.Cut(item, ": "); ok && !strings.Contains(key, "#") {
		fix = key + ": " + doubleQuote(strings.TrimSpace(val))
	}
	return fmt.Sprintf("a space followed by # starts a comment in YAML, so the %c opened in column %d is not closed on this line; put the text holding the # in quotes (%s)",
		rest[0], openCol, fix)
}

// flowPairColon finds, in the flow mapping val (comment after it), a
// value holding a colon followed by a space: j is where that colon is in
// val, and the message says to quote that value, not the mapping.
func flowPairColon(key, val, comment string) (int, string, bool) {
	if !strings.HasPrefix(val, "{") || !strings.HasSuffix(val, "}") {
		return 0, "", false
	}
	inner := val[1 : len(val)-1]
	at := 1
	for _, pair := range strings.Split(inner, ",") {
		k, v, ok := strings.Cut(pair, ": ")
		start := at + len(k) + 2 // where v starts in val
		at += len(pair) + 1
		if !ok {
			continue
		}
		j := strings.Index(v, ": ")
		if j < 0 || strings.ContainsAny(v[:1], `"'{[`) {
			continue
		}
		tv := strings.TrimSpace(v)
		fixed := val[:start] + strings.Replace(v, tv, doubleQuote(tv), 1) + val[start+len(v):]
		return start + j, fmt.Sprintf("the value of %s holds a colon followed by a space, which starts a key in YAML; put that value in quotes (%s: %s%s)",
			strings.TrimSpace(k), key, fixed, comment), true
	}
	return 0, "", false
}

// splitComment cuts a trailing comment (" # …", with the spaces before
// it) off a value as written on its line.
func splitComment(v string) (string, string) {
	var quote byte
	var prev byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case quote == '"' && c == '\\':
			i++
			continue
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			continue
		case (c == '"' || c == '\'') && (i == 0 || strings.IndexByte("[{,:", prev) >= 0):
			quote = c
			continue
		case c == '#' && i > 0 && (v[i-1] == ' ' || v[i-1] == '\t'):
			val := strings.TrimRight(v[:i], " \t")
			return val, v[len(val):]
		}
		if c != ' ' && c != '\t' {
			prev = c
		}
	}
	return v, ""
}

func doubleQuote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// quoted finds what is wrong with a value that starts with a quote.
func (d *diagnosis) quoted(i int, k keyLine, q byte) (int, string, bool) {
	v := k.value
	end := -1 // byte index in v of the closing quote
	for j := 1; j < len(v); j++ {
		if q == '"' && v[j] == '\\' {
			j++
			continue
		}
		if v[j] == q {
			if q == '\'' && j+1 < len(v) && v[j+1] == '\'' {
				j++ // '' is a quote inside '…'
				continue
			}
			end = j
			break
		}
	}
	col := k.valueCol + 1
	other := map[byte]string{'\'': `"`, '"': `'`}[q]
	if end < 0 {
		return col, fmt.Sprintf("the %c opened here is never closed; end the value with %c (a value quoted over several lines is closed on its last line)", q, q), true
	}
	after := strings.TrimSpace(v[end+1:])
	if after == "" || strings.HasPrefix(after, "#") {
		return 0, "", false
	}
	endCol := col + utf8.RuneCountInString(v[:end])
	if strings.HasSuffix(after, string(q)) {
		escape := "''"
		if q == '"' {
			escape = `\"`
		}
		return endCol, fmt.Sprintf("the %c here ends the quoted value early; inside %c…%c write it as %s, or quote the value with %s instead", q, q, q, escape, other), true
	}
	if strings.HasPrefix(after, ":") {
		return endCol, fmt.Sprintf("the quoted text is read as a key because a colon follows it; put the whole value in %s quotes", other), true
	}
	if k.key == "" {
		return endCol, fmt.Sprintf("the item ends at this closing %c, and text follows it; put the whole item in %s quotes", q, other), true
	}
	return endCol, fmt.Sprintf("the value ends at this closing %c, and text follows it; put the whole value in %s quotes, or write it as a block: %s: | and the text on the next lines, indented", q, other, k.key), true
}

// stackEntry is a line that could still hold what follows: a key or a
// list item less indented than everything between it and the line looked
// at.
type stackEntry struct {
	line  int    // 0-based
	col   int    // of the key, or of the "-"
	dash  bool   // a list item
	key   string // the key, when a key
	value string // the key's value on its line
}

// stack lists the open keys and list items above line i, nearest first.
func (d *diagnosis) stack(i int) []stackEntry {
	var out []stackEntry
	minCol := 1 << 30
	for j := i - 1; j >= 0 && minCol > 0; j-- {
		l := d.lines[j]
		if d.inBlock[j] || strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if k, ok := parseKeyLine(l); ok {
			if k.keyCol < minCol {
				out = append(out, stackEntry{line: j, col: k.keyCol, key: k.key, value: k.value})
				minCol = k.keyCol
			}
			if k.dashCol >= 0 && k.dashCol < minCol {
				out = append(out, stackEntry{line: j, col: k.dashCol, dash: true})
				minCol = k.dashCol
			}
			continue
		}
		if c := leading(l); c < minCol {
			out = append(out, stackEntry{line: j, col: c, dash: listItemRe.MatchString(l)})
			minCol = c
		}
	}
	return out
}

// indentation explains a key (or, key empty, a list item) at column col
// of line i that is where no key or item above can hold it.
func (d *diagnosis) indentation(i, col int, key string) (int, string, bool) {
	st := d.stack(i)
	if len(st) == 0 {
		return 0, "", false
	}
	if key == "" {
		for _, e := range st {
			if e.dash && e.col != col {
				return col + 1, fmt.Sprintf("this list item starts in column %d, the item above it (line %d) in column %d; line up the - of items in one list", col+1, e.line+1, e.col+1), true
			}
			if e.dash {
				break
			}
		}
		return 0, "", false
	}
	top := st[0]
	for _, e := range st {
		if !e.dash && e.col == col {
			if e.line == top.line || top.dash {
				return 0, "", false // in line with a key above: the mistake is elsewhere
			}
			break
		}
	}
	if !top.dash && col > top.col && top.value != "" && !strings.HasPrefix(top.value, "#") {
		if !knownKeys()[key] {
			return col + len(key) + 1, fmt.Sprintf("this line continues the value of %s (line %d), and a colon followed by a space in it starts a key; write it as a block: %s: | and the text on the next lines, indented", top.key, top.line+1, top.key), true
		}
		return col + 1, fmt.Sprintf("%s is indented more than %s on line %d, which has a value already; indent %s as %s (%d spaces)", key, top.key, top.line+1, key, top.key, top.col), true
	}
	var ref *stackEntry
	for j := range st {
		if !st[j].dash {
			ref = &st[j]
			break
		}
	}
	if ref == nil || ref.col == col {
		return 0, "", false
	}
	return col + 1, fmt.Sprintf("%s is indented %d spaces, where no key above it is; indent it as the keys it belongs with (%s on line %d: %d spaces)", key, col, ref.key, ref.line+1, ref.col), true
}

// notAKey explains a line of text that is neither "key: value" nor a
// list item.
func (d *diagnosis) notAKey(i int) (int, string, bool) {
	l := d.lines[i]
	col := firstCol(l)
	t := strings.TrimSpace(l)
	if strings.HasPrefix(t, "#") {
		return 0, "", false
	}
	if w, _, _ := strings.Cut(t, " "); knownKeys()[w] {
		return col + len(w), fmt.Sprintf("a colon is missing after %s; write %s: and the value", w, w), true
	}
	// Text less indented than the block text just above it ends the block.
	if j := d.previous(i); j >= 0 && d.inBlock[j] {
		owner := j
		for owner > 0 && d.inBlock[owner] {
			owner--
		}
		if k, ok := parseKeyLine(d.lines[owner]); ok {
			return col, fmt.Sprintf("this line is indented less than the text of %s above it (the block from line %d), so it ends the block; indent it as the lines above (%d spaces)", k.key, owner+1, leading(d.lines[j])), true
		}
	}
	// The key above whose value this text was meant to continue.
	var above *keyLine
	aboveLine := 0
	if j := d.previous(i); j >= 0 && !d.inBlock[j] {
		if k, ok := parseKeyLine(d.lines[j]); ok {
			above, aboveLine = &k, j+1
		}
	}
	if above == nil {
		if j := strings.Index(t, ": "); j > 0 {
			return col, "a colon followed by a space inside text starts a key in YAML; put the text in quotes or write it as a block with |", true
		}
		return col, "this line is not a \"key: value\" line; add the colon after the key, or indent the line under the key it belongs to", true
	}
	k := *above
	switch {
	case blockIndicatorRe.MatchString(k.value):
		return col, fmt.Sprintf("the text of %s (after %c on line %d) must be indented more than %s; indent this line and the rest of the text %d spaces", k.key, k.value[0], aboveLine, k.key, k.keyCol+2), true
	case k.value == "":
		return col, fmt.Sprintf("text on the line after %q is not read as its value; write %s: | and indent the text under it (%d spaces)", k.key+":", k.key, k.keyCol+2), true
	case leading(l) > k.keyCol && strings.Contains(t, ": "):
		return col + utf8.RuneCountInString(t[:strings.Index(t, ": ")]), fmt.Sprintf("this line continues the value of %s (line %d), and a colon followed by a space in it starts a key; write it as a block: %s: | and the text on the next lines, indented", k.key, aboveLine, k.key), true
	}
	return col, fmt.Sprintf("this line is not a \"key: value\" line; if it continues the text of %s (line %d), write %s: | and indent the text under it (%d spaces)", k.key, aboveLine, k.key, k.keyCol+2), true
}

// previous is the line before i that holds something, or -1.
func (d *diagnosis) previous(i int) int {
	for j := i - 1; j >= 0; j-- {
		if t := strings.TrimSpace(d.lines[j]); t != "" && !strings.HasPrefix(t, "#") {
			return j
		}
	}
	return -1
}

// knownKeys are the keys a program file has, wherever they go.
var knownKeys = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	var walk func(s *shape)
	walk = func(s *shape) {
		if s == nil {
			return
		}
		for _, k := range s.keys {
			out[k.name] = true
			walk(k.shape)
		}
		walk(s.elem)
	}
	walk(fileShape)
	return out
})

// plainWords says a yaml.v3 message the diagnosis could not place in the
// words of someone editing the file, with what to do.
func plainWords(msg string) string {
	msg = strings.TrimPrefix(msg, "not valid YAML: ")
	for _, w := range []struct{ parser, plain string }{
		{"mapping values are not allowed", "a colon followed by a space where YAML does not expect a key; put the value that holds it in quotes"},
		{"did not find expected key", "YAML expected a key here; check the indentation and the quotes of this line and the ones above"},
		{"could not find expected ':'", "a line without \"key: value\"; add the colon after the key, or indent the line under the key it continues"},
		{"cannot start any token", "a value cannot start with this character in YAML; put the value in quotes"},
		{"unexpected end of stream", "the file ends inside a quoted value or a { } or [ ] list; close it"},
		{"did not find expected '-' indicator", "a line in a list that does not start with \"- \"; check its indentation against the items above"},
		{"alphabetic or numeric character", "* and & start YAML aliases and anchors; put the value in quotes"},
		{"did not find expected comment or line break", "unexpected text after | or >; put the text on the next lines, indented"},
		{"did not find expected ',' or '}'", "a { is not closed by }; close it, or put the value in quotes if it is text"},
		{"did not find expected ',' or ']'", "a [ is not closed by ]; close it, or put the value in quotes if it is text"},
	} {
		if strings.Contains(msg, w.parser) {
			return w.plain
		}
	}
	return "not valid YAML (" + msg + "); check the quotes and the indentation of this line"
}
