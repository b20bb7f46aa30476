package digest

import (
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/confdigest/confdigest/internal/mdnest"
)

// Scraped Markdown (an abstract) is treated as a document, not as lines:
// goldmark (Hugo's own parser) reads it as CommonMark, and the quote is
// written back from its tree. So wrapping and escaping happen where the
// syntax is known: text is escaped as text, code stays code, links keep
// their destination whole, lists keep their nesting. What a site
// generator would run in scraped text is neutralised for the format:
// Liquid for Jekyll, shortcodes for Hugo, kramdown's extra syntax (math,
// tables, attribute lists, definition lists) for Jekyll's kramdown.

var mdParser = goldmark.New().Parser()

// quoteMarkdown renders scraped Markdown as a blockquote for a post of the
// flavor: each paragraph re-wrapped greedily so no line, "> " included, is
// longer than width (0: one line per paragraph), lists keeping their
// markers and nesting, code as it is, links only with http, https, mailto
// or relative destinations. mode (post.quote) is how much of it: "full",
// "first" (its first paragraph) or "none".
func quoteMarkdown(md string, width int, f flavor, mode string) string {
	return writeMarkdown(md, width, f, "> ", mode)
}

// writeMarkdown writes scraped Markdown safe for the flavor, each line
// after prefix ("> " for a quote); all of it, or with mode "first" only its
// first paragraph (its first block when it has no paragraph), or with
// "none" nothing.
func writeMarkdown(md string, width int, f flavor, prefix, mode string) string {
	if mode == "none" {
		return ""
	}
	if strings.ContainsAny(md, "\r\x00\x01\x02") {
		md = sourceCleaner.Replace(md) // a Replacer copies even when it finds nothing
	}
	md = mdnest.Bound(strings.TrimSpace(md))
	if md == "" {
		return ""
	}
	w := &mdWriter{width: width, f: f}
	lines := w.parsedWrite(md, prefix, mode == "first")
	for i, l := range lines {
		// Two spaces end a line with a hard break, read so by CommonMark
		// and kramdown alike; other trailing spaces go.
		lines[i] = strings.Replace(strings.TrimRight(l, " "), hardBreak, "  ", 1)
	}
	out := strings.Join(lines, "\n")
	if f.liquid && strings.Contains(out, "{") {
		out = liquidRaw(out, prefix)
	}
	return out
}

// liquidRaw keeps Liquid from running in scraped text: the quote goes in a
// raw block, and an "endraw" inside it is written by Liquid itself.
func liquidRaw(quote, prefix string) string {
	if !strings.Contains(quote, "{{") && !strings.Contains(quote, "{%") {
		return quote
	}
	var b strings.Builder
	rest := quote
	for {
		i := strings.Index(rest, "{%")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		j := i + 2
		for j < len(rest) && (rest[j] == '-' || rest[j] == ' ' || rest[j] == '\t') {
			j++
		}
		if strings.HasPrefix(rest[j:], "endraw") {
			b.WriteString(rest[:i] + `{% endraw %}{{ "{%" }}{% raw %}`)
			rest = rest[i+2:]
			continue
		}
		b.WriteString(rest[:i+2])
		rest = rest[i+2:]
	}
	// The tags go inside the first and last lines, after "> ", so the
	// quote's lines stay quote lines once Liquid has removed them.
	s := b.String()
	return prefix + "{% raw %}" + strings.TrimPrefix(s, prefix) + "{% endraw %}"
}

// parsedWrite is writeMarkdown's lines by way of goldmark's tree.
func (w *mdWriter) parsedWrite(md, prefix string, first bool) []string {
	w.src = []byte(md)
	w.markers = map[ast.Node]byte{}
	doc := mdParser.Parse(text.NewReader(w.src))
	if first {
		return w.firstParagraph(doc, prefix)
	}
	return w.blocks(doc, prefix, prefix)
}

// firstParagraph writes the document's first paragraph, or its first block
// that writes anything when it has no paragraph (an abstract that is a
// list).
func (w *mdWriter) firstParagraph(doc ast.Node, prefix string) []string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			if lines := w.block(c, prefix, prefix); len(lines) > 0 {
				return lines
			}
		}
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if lines := w.block(c, prefix, prefix); len(lines) > 0 {
			return lines
		}
	}
	return nil
}

type mdWriter struct {
	src     []byte
	width   int
	f       flavor
	markers map[ast.Node]byte // the marker each list was written with
}

// blocks writes the children of n, the first line prefixed by first, the
// others by rest, with a line holding only rest (trimmed) between blocks.
func (w *mdWriter) blocks(n ast.Node, first, rest string) []string {
	var out []string
	prefix := first
	tight := false
	if l, ok := n.(*ast.ListItem); ok {
		if list, ok := l.Parent().(*ast.List); ok {
			tight = list.IsTight
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := w.block(c, prefix, rest)
		if len(lines) == 0 {
			continue // a link reference definition: its links are written out
		}
		if len(out) > 0 && !(tight && c.Kind() == ast.KindList) {
			out = append(out, strings.TrimRight(rest, " "))
		}
		out = append(out, lines...)
		prefix = rest
	}
	return out
}

func (w *mdWriter) block(n ast.Node, first, rest string) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return w.paragraph(n, first, rest)
	case *ast.Heading:
		return []string{first + strings.Repeat("#", n.Level) + " " + w.oneLine(n)}
	case *ast.ThematicBreak:
		return []string{first + "___"} // not "***" or "---": no list marker makes it an item's text
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return w.code(n, first, rest)
	case *ast.Blockquote:
		if n.FirstChild() == nil {
			return []string{first + ">"}
		}
		return w.blocks(n, first+"> ", rest+"> ")
	case *ast.List:
		return w.list(n, first, rest)
	case *ast.HTMLBlock:
		// Raw HTML is shown as the text it is.
		var lines []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(w.src)), "\n"))
		}
		if n.HasClosure() {
			lines = append(lines, string(n.ClosureLine.Value(w.src)))
		}
		para := w.escape(strings.Join(lines, " "))
		return w.wrap(splitWords(para), first, rest)
	}
	return nil
}

// list writes a list with "* " bullets or "N." numbers. A list right after
// another of its kind, or inside a list item, takes another marker ("-",
// "+", or "N)"), as it had to in the abstract to be a list of its own (and
// "* * *" would be a rule).
func (w *mdWriter) list(n *ast.List, first, rest string) []string {
	taken := map[byte]bool{}
	if prev, ok := n.PreviousSibling().(*ast.List); ok && prev.IsOrdered() == n.IsOrdered() {
		taken[w.markers[prev]] = true
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if l, ok := p.(*ast.List); ok && !l.IsOrdered() {
			taken[w.markers[l]] = true
			break
		}
	}
	choices := []byte{'*', '-', '+'}
	if n.IsOrdered() {
		choices = []byte{'.', ')'}
	}
	mark := choices[0]
	for _, c := range choices {
		if !taken[c] {
			mark = c
			break
		}
	}
	w.markers[n] = mark
	var out []string
	num := n.Start
	prefix := first
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		marker := string(mark) + " "
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + string(mark) + " "
			num++
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, strings.TrimRight(rest, " "))
		}
		indent := rest + strings.Repeat(" ", len(marker))
		item := w.blocks(c, prefix+marker, indent)
		if len(item) == 0 {
			item = []string{prefix + strings.TrimSpace(marker)}
		}
		out = append(out, item...)
		prefix = rest
	}
	return out
}

// code writes a code block fenced, its lines as they are; for Hugo, which
// would run a shortcode even there, shortcodes are shown (showShortcodes).
func (w *mdWriter) code(n ast.Node, first, rest string) []string {
	var body []string
	longest := 0
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		l := strings.TrimRight(string(seg.Value(w.src)), "\n")
		body = append(body, l)
		longest = max(longest, longestRun(l, '`'))
	}
	if joined := strings.Join(body, "\n"); w.f.shortcodes && strings.Contains(joined, "{{") {
		shown, _ := showShortcodes(joined)
		body = strings.Split(shown, "\n")
	}
	fence := strings.Repeat("`", max(3, longest+1))
	info := ""
	if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		info = strings.Fields(string(fc.Info.Segment.Value(w.src)) + " ")[0]
		if strings.Contains(info, "`") {
			fence = strings.Repeat("~", max(3, longestRun(strings.Join(body, "\n"), '~')+1))
		}
		if strings.ContainsAny(info, "{}") {
			info = "" // template syntax has no place in a language name
		}
	}
	out := []string{first + fence + info}
	for _, l := range body {
		out = append(out, rest+l)
	}
	return append(out, rest+fence)
}

// showShortcodes writes the Hugo shortcodes in code so that Hugo shows
// them rather than runs them: {{< x >}} as {{</* x */>}} and {{% x %}} as
// {{%/* x */%}}, Hugo's documented form, which it renders as {{< x >}} in
// code and text alike. An opener with no closer after it has no such form
// (Hugo would fail on it): an invisible word joiner breaks it, and lone
// says one was met.
func showShortcodes(s string) (shown string, lone bool) {
	if !strings.Contains(s, "{{<") && !strings.Contains(s, "{{%") {
		return s, false
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{{<")
		if j := strings.Index(s, "{{%"); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i < 0 {
			b.WriteString(s)
			return b.String(), lone
		}
		open, closer := s[i:i+3], "%}}"
		if open == "{{<" {
			closer = ">}}"
		}
		end := strings.Index(s[i+3:], closer)
		if end < 0 {
			b.WriteString(s[:i] + shortcodeBreaker.Replace(open))
			s, lone = s[i+3:], true
			continue
		}
		// Hugo's comment ends at the first "*/>}}": inner holds no ">}}",
		// so that is the one written here.
		b.WriteString(s[:i] + open + "/*" + s[i+3:i+3+end] + "*/" + closer)
		s = s[i+3+end+3:]
	}
}

// Built once: a Replacer costs more to build than to use.
var (
	shortcodeBreaker = strings.NewReplacer("{{<", "{{\u2060<", "{{%", "{{\u2060%")
	breaksToSpaces   = strings.NewReplacer(string(wordBreak), " ", string(lineBreak), " ")
	titleEscaper     = strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	// sourceCleaner: CRLF read as LF, and the control characters the
	// writer uses as marks below made U+FFFD (as CommonMark does NUL), so
	// a "\x01" in an abstract cannot pass for a line break.
	sourceCleaner = strings.NewReplacer("\r\n", "\n", string(wordBreak), "\uFFFD", string(lineBreak), "\uFFFD", hardBreak, "\uFFFD")
)

// Inline content is written as words separated by wordBreak, where a
// line may wrap, and lineBreak for a hard break.
const (
	wordBreak = '\x00'
	lineBreak = '\x01'
	hardBreak = "\x02"
)

func (w *mdWriter) paragraph(n ast.Node, first, rest string) []string {
	var b strings.Builder
	w.inlines(n, &b)
	return w.wrap(splitWords(b.String()), first, rest)
}

// oneLine is inline content on one line (a heading's).
func (w *mdWriter) oneLine(n ast.Node) string {
	var b strings.Builder
	w.inlines(n, &b)
	s := breaksToSpaces.Replace(b.String())
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "#") {
		s = s[:len(s)-1] + `\#` // a closing sequence would be eaten
	}
	return noTrailingBackslash(s)
}

func splitWords(s string) [][]string {
	lines := make([][]string, 0, strings.Count(s, string(lineBreak))+1)
	words := make([]string, 0, strings.Count(s, string(wordBreak))+1)
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != wordBreak && s[i] != lineBreak {
			continue
		}
		if i > start {
			words = append(words, s[start:i])
		}
		start = i + 1
		if i == len(s) || s[i] == lineBreak {
			lines = append(lines, words)
			words = words[len(words):] // the next line's words follow in the same array
		}
	}
	return lines
}

// wrap fills lines greedily from words (each group ends in a hard break
// but the last); a line never starts with block syntax.
func (w *mdWriter) wrap(groups [][]string, first, rest string) []string {
	var out []string
	prefix := first
	for gi, words := range groups {
		if len(words) == 0 {
			continue
		}
		words[0] = safeLineStart(words[0], w.f)
		lines := wrapWords(words, prefix, rest, w.width)
		for i := 1; i < len(lines); i++ {
			if body := strings.TrimPrefix(lines[i], rest); blockStart(firstWord(body)) || unsafeStart(body) {
				lines[i] = rest + safeLineStart(body, w.f)
			}
		}
		for i, l := range lines {
			lines[i] = noTrailingBackslash(l)
		}
		if gi < len(groups)-1 {
			lines[len(lines)-1] += hardBreak
		}
		out = append(out, lines...)
		prefix = rest
	}
	if len(out) > 0 {
		out[len(out)-1] = strings.TrimRight(out[len(out)-1], " ")
	}
	return out
}

// noTrailingBackslash: kramdown reads a line ending in two backslashes
// (an escaped one) as a hard line break, and drops them; the last one is
// written as an entity, which every flavor shows as a backslash.
func noTrailingBackslash(l string) string {
	if t := strings.TrimRight(l, " "); strings.HasSuffix(t, `\\`) {
		return t[:len(t)-2] + "&#92;"
	}
	return l
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// unsafeStart: a line starting so would be read as block syntax beyond the
// words blockStart knows: kramdown's end-of-block "^" or a
// definition's ":". (Text cannot start a code fence: its backticks and
// tildes are escaped, and a code span carries its closing backticks on
// the same line, which no fence may.)
func unsafeStart(s string) bool {
	return s == "^" || strings.HasPrefix(s, "^ ") || strings.HasPrefix(s, ":")
}

// safeLineStart escapes what would make the start of a line block syntax.
func safeLineStart(s string, f flavor) string {
	if s == "" {
		return s
	}
	word := firstWord(s)
	if !blockStart(word) && !unsafeStart(s) {
		return s
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9':
		i := strings.IndexAny(s, ".)")
		return s[:i] + `\` + s[i:]
	case c == '^':
		return "&#94;" + s[1:]
	default:
		return `\` + s
	}
}

// inlines writes n's inline children as Markdown.
func (w *mdWriter) inlines(n ast.Node, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c, b)
	}
}

func (w *mdWriter) inline(n ast.Node, b *strings.Builder) {
	switch n := n.(type) {
	case *ast.Text:
		writeWords(b, w.escape(decode(n.Segment.Value(w.src))))
		switch {
		case n.HardLineBreak():
			b.WriteByte(lineBreak)
		case n.SoftLineBreak():
			b.WriteByte(wordBreak)
		}
	case *ast.String:
		writeWords(b, w.escape(string(n.Value)))
	case *ast.CodeSpan:
		var code strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				code.Write(t.Segment.Value(w.src))
			}
		}
		s := strings.ReplaceAll(code.String(), "\n", " ")
		fence := strings.Repeat("`", longestRun(s, '`')+1)
		pad := ""
		if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.TrimSpace(s) != "" {
			pad = " "
		}
		if w.f.shortcodes {
			shown, lone := showShortcodes(s)
			if lone {
				// No form shows a lone opener in code: the span is
				// written as text, where its braces can be escaped.
				writeWords(b, w.escape(s))
				return
			}
			s = shown
		}
		b.WriteString(fence + pad + s + pad + fence)
	case *ast.Emphasis:
		delim := strings.Repeat("*", n.Level)
		var inner strings.Builder
		w.inlines(n, &inner)
		b.WriteString(delim + inner.String() + delim)
	case *ast.Link:
		w.link(b, n, string(n.Destination), string(n.Title))
	case *ast.Image:
		// An image is shown as a link to it: a post quotes text.
		w.link(b, n, string(n.Destination), string(n.Title))
	case *ast.AutoLink:
		u := string(n.URL(w.src))
		if n.AutoLinkType == ast.AutoLinkEmail {
			u = "mailto:" + u
		}
		if safe, ok := linkDest(u); ok {
			b.WriteString("<" + strings.Trim(safe, "<>") + ">")
		} else {
			b.WriteString(w.escape(string(n.Label(w.src))))
		}
	case *ast.RawHTML:
		var raw strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw.Write(seg.Value(w.src))
		}
		writeWords(b, w.escape(raw.String()))
	default:
		w.inlines(n, b)
	}
}

// link writes [text](destination "title") for a destination a reader may
// follow; else the text alone.
func (w *mdWriter) link(b *strings.Builder, n ast.Node, dest, title string) {
	var inner strings.Builder
	w.inlines(n, &inner)
	text := inner.String()
	if text == "" {
		text = w.escape(dest)
	}
	safe, ok := linkDest(decode([]byte(dest)))
	if !ok {
		b.WriteString(text)
		return
	}
	b.WriteString("[" + text + "](" + safe)
	if t := decode([]byte(title)); t != "" {
		b.WriteString(` "` + titleEscaper.Replace(t) + `"`)
	}
	b.WriteString(")")
}

// safeURL: only http, https, mailto and relative destinations survive,
// whatever their encoding ("java&#115;cript:", "JavaScript:", control
// characters inside the scheme).
func safeURL(dest string) (string, bool) {
	dest = strings.TrimSpace(dest)
	probe := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, dest)
	// The destination keeps its control characters, percent-encoded as a
	// browser would: dropping them could join what is around them ("&#",
	// a control, "0;" would become an entity).
	d := percentControls(dest)
	if u, err := url.PathUnescape(d); err == nil {
		probe = u
	}
	probe = strings.ToLower(strings.Join(strings.Fields(probe), ""))
	colon := strings.IndexByte(probe, ':')
	if colon < 0 || strings.ContainsAny(probe[:colon], "/?#") {
		return d, true // relative
	}
	switch probe[:colon] {
	case "http", "https", "mailto":
		return d, true
	}
	return "", false
}

// writeWords writes text with its spaces marked as places to wrap.
func writeWords(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteByte(wordBreak)
		s = s[i+1:]
	}
}

// escape makes decoded text read as itself in the flavor: characters that
// would start emphasis, code, links, HTML, entities, math, tables, Liquid
// or shortcodes are escaped; the rest stays as it is, so ordinary text
// reads as ordinary text.
func (w *mdWriter) escape(s string) string {
	if !strings.ContainsAny(s, "\\*_`[]|<&${~\n") {
		return s // most text: nothing to escape, nothing to copy
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	closeAt := -1 // the "}" of an attribute list whose "{" was escaped
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch c {
		case '\\', '*', '_', '`', '[', ']', '|':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '<':
			if next == '/' || next == '!' || next == '?' || isLetter(next) {
				b.WriteString(`\<`)
			} else {
				b.WriteByte(c)
			}
		case '&':
			if entityAt(s[i:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte(c)
			}
		case '$':
			if next == '$' || i > 0 && s[i-1] == '$' {
				b.WriteString(`\$`)
			} else {
				b.WriteByte(c)
			}
		case '{':
			end := -1
			if next != ':' {
				end = attributeListEnd(s[i:])
			}
			switch {
			case next == ':': // kramdown's {:attributes} and {::extensions}
				b.WriteString(`\{`)
			case end > 0:
				// {.class}, {#id}, {k=v}: attributes of the heading whose
				// line they end, for Hugo's goldmark (and kramdown).
				b.WriteString(`\{`)
				closeAt = i + end
			case next == '{' || next == '%':
				// Liquid and shortcodes: a brace entity reads the same and
				// runs nothing, in every flavor.
				b.WriteString("&#123;")
			default:
				b.WriteByte(c)
			}
		case '~':
			switch {
			case next != '~' && (i == 0 || s[i-1] != '~'):
				b.WriteByte(c)
			case !w.f.kramdown:
				b.WriteString(`\~`) // strikethrough, or a fence
			default:
				b.WriteString("&#126;") // kramdown escapes no "~"
			}
		case '}':
			if i == closeAt {
				b.WriteString(`\}`)
			} else {
				b.WriteByte(c)
			}
		case '\n':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// attributeListEnd is the index of the "}" that closes the attribute list
// goldmark reads at the start of s ("{.class}", "{#id}", "{k=v}", "{}"),
// or -1 when it reads none there.
func attributeListEnd(s string) int {
	if !strings.Contains(s, "}") {
		return -1
	}
	r := text.NewReader([]byte(s))
	if _, ok := parser.ParseAttributes(r); !ok {
		return -1
	}
	_, seg := r.Position()
	return seg.Start - 1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// entityAt: s starts with something an HTML entity reference could be.
func entityAt(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 32 {
		return false
	}
	body := s[1:end]
	if body[0] == '#' {
		body = body[1:]
	}
	for i := 0; i < len(body); i++ {
		if !(isLetter(body[i]) || body[i] >= '0' && body[i] <= '9') {
			return false
		}
	}
	return body != ""
}

// decode is a raw text segment as goldmark renders it: backslash escapes
// and entity references resolved.
func decode(raw []byte) string {
	s := string(raw)
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case s[i] == '&':
			if end := strings.IndexByte(s[i:], ';'); end > 1 && end <= 32 && entityAt(s[i:]) {
				if d := html.UnescapeString(s[i : i+end+1]); d != s[i:i+end+1] {
					b.WriteString(d)
					i += end
					continue
				}
			}
			b.WriteByte('&')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// percentControls percent-encodes the ASCII control characters of s.
func percentControls(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// destEscape writes a destination so a Markdown reader reads it back as it
// is: an "&" that would start an entity as "&amp;", a backslash doubled
// (else it could escape what follows it, even the closing parenthesis).
func destEscape(u string) string {
	return strings.ReplaceAll(escapeEntities(u), `\`, `\\`)
}

func isPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
