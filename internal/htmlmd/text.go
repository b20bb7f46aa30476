package htmlmd

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/confdigest/confdigest/internal/mdnest"
)

// Clean folds white space, including non-breaking spaces, to single spaces,
// trims it, and replaces bytes that are not UTF-8. Text that is clean
// already comes back without a copy: this runs on every line of a page.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
	for _, r := range s {
		sp := unicode.IsSpace(r) || r == '\u00a0'
		if sp && (r != ' ' || prevSpace) {
			return false
		}
		prevSpace = sp
	}
	return !prevSpace || s == ""
}

var tagRe = regexp.MustCompile(`<(?:p|br|em|strong|a|ul|ol|li|b|i|code|div|span|h[1-6])\b[^>]*>`)

// FromText turns an abstract that may be HTML or Markdown into Markdown.
// pretalx writes abstracts in Markdown, frab sometimes in
// HTML. HTML is converted like a USENIX abstract; Markdown stays as it is,
// its paragraphs unwrapped to one line each.
func FromText(s string, base *url.URL) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return ""
	}
	if tagRe.MatchString(s) {
		nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err == nil {
			root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			for _, n := range nodes {
				root.AppendChild(n)
			}
			if md, err := Convert(root, base); err == nil {
				return md
			}
		}
	}
	return fromMarkdown(mdnest.Bound(unwrapParagraphs(strings.ToValidUTF8(s, "\uFFFD"))), base)
}

var listLineRe = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s`)

// unwrapParagraphs joins the lines of each paragraph, keeping list items,
// headings, quotes and code on lines of their own.
func unwrapParagraphs(s string) string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	fence := false
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimRight(line, " \t")
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "```"):
			flush()
			fence = !fence
			out = append(out, l)
		case fence:
			out = append(out, l)
		case t == "":
			flush()
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		case listLineRe.MatchString(l) || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ">") || strings.HasPrefix(l, "    "):
			flush()
			out = append(out, l)
		default:
			para = append(para, t)
		}
	}
	flush()
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// fromMarkdown makes Markdown from a schedule as safe as converted HTML: it
// goes through goldmark (CommonMark, raw HTML left out, script links
// emptied) and back through Convert (links made absolute, only http,
// https, mailto and relative ones kept). Plain text comes back as it was.
func fromMarkdown(md string, base *url.URL) string {
	if !strings.ContainsAny(md, "<>[]()&:`*_\\") {
		return md
	}
	var buf bytes.Buffer
	if err := goldmark.Convert([]byte(md), &buf); err != nil {
		return md
	}
	nodes, err := html.ParseFragment(&buf, &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return md
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	out, err := Convert(root, base)
	if err != nil {
		return md
	}
	return out
}
