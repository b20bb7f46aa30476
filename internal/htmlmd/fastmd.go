package htmlmd

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// fastMarkdown converts the plain abstracts that make up nearly all of a
// program page (paragraphs and simple lists of text with emphasis, code
// and links) to the same Markdown as the html-to-markdown converter, at a
// fraction of its cost: the converter alone took longer than parsing the
// whole page (see BENCHMARKS.md). Anything else, and any text that would
// need Markdown escaping, reports !ok and goes to the converter.
// TestFastMarkdownAgreesWithConverter holds the two to the same output.
func fastMarkdown(n *html.Node, base *url.URL) (string, bool) {
	f := fastMD{base: base}
	if !f.block(n) {
		return "", false
	}
	return strings.Join(f.blocks, "\n\n"), true
}

type fastMD struct {
	base   *url.URL
	blocks []string
}

var fastBlockTags = map[string]bool{"div": true, "section": true, "p": true, "ul": true, "ol": true}

func (f *fastMD) block(n *html.Node) bool {
	inlineOnly := true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (fastBlockTags[c.Data] || !inlineTags[c.Data]) {
			inlineOnly = false
		}
	}
	if inlineOnly {
		return f.paragraph(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			continue
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false // text beside blocks
			}
			continue
		case html.ElementNode:
		default:
			return false
		}
		switch {
		case dropTags[c.Data] || HasClass(c, "field-label"):
		case c.Data == "div" || c.Data == "section":
			if !f.block(c) {
				return false
			}
		case c.Data == "p":
			if !f.paragraph(c) {
				return false
			}
		case c.Data == "ul" || c.Data == "ol":
			if !f.list(c) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func (f *fastMD) paragraph(n *html.Node) bool {
	var b strings.Builder
	if !f.inline(n, &b, 0) {
		return false
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if s == "" {
		return true
	}
	if !safeStart(s) {
		return false
	}
	f.blocks = append(f.blocks, s)
	return true
}

func (f *fastMD) list(n *html.Node) bool {
	var items []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "", c.Type == html.CommentNode:
			continue
		case c.Type != html.ElementNode || c.Data != "li":
			return false
		}
		var b strings.Builder
		if !f.inline(c, &b, 0) {
			return false
		}
		s := strings.Join(strings.Fields(b.String()), " ")
		if s == "" || !safeStart(s) {
			return false
		}
		marker := "* "
		if n.Data == "ol" {
			if Attr(n, "start") != "" {
				return false
			}
			marker = strconv.Itoa(len(items)+1) + ". "
		}
		items = append(items, marker+s)
	}
	if len(items) == 0 {
		return false
	}
	f.blocks = append(f.blocks, strings.Join(items, "\n"))
	return true
}

// inline writes n's children as Markdown; depth counts enclosing emphasis.
func (f *fastMD) inline(n *html.Node, b *strings.Builder, depth int) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			continue
		case html.TextNode:
			if strings.ContainsAny(c.Data, "*_[]\\`<>#|~&$!") {
				return false // needs escaping: the converter knows how
			}
			b.WriteString(c.Data)
			continue
		case html.ElementNode:
		default:
			return false
		}
		var delim string
		switch c.Data {
		case "span":
			if !f.inline(c, b, depth) {
				return false
			}
			continue
		case "em", "i":
			delim = "*"
		case "strong", "b":
			delim = "**"
		case "code":
			if c.FirstChild == nil || c.FirstChild != c.LastChild || c.FirstChild.Type != html.TextNode {
				return false
			}
			t := c.FirstChild.Data
			if t == "" || strings.TrimSpace(t) != t || strings.ContainsAny(t, "`\n") {
				return false
			}
			b.WriteString("`" + t + "`")
			continue
		case "a":
			href := Absolute(f.base, Attr(c, "href"))
			if href == "" || Attr(c, "title") != "" || strings.ContainsAny(href, " ()<>") {
				return false
			}
			var inner strings.Builder
			if !f.inline(c, &inner, depth) {
				return false
			}
			t := inner.String()
			if t == "" || strings.TrimSpace(t) != t || t == href || strings.Contains(t, "\n") {
				return false
			}
			b.WriteString("[" + t + "](" + href + ")")
			continue
		default:
			return false
		}
		if depth > 0 {
			return false
		}
		var inner strings.Builder
		if !f.inline(c, &inner, depth+1) {
			return false
		}
		t := inner.String()
		if t == "" || strings.TrimSpace(t) != t || strings.Contains(t, "\n") {
			return false
		}
		b.WriteString(delim + t + delim)
	}
	return true
}

// safeStart: a line beginning like this would read as a list, heading,
// quote or rule; the converter escapes it.
func safeStart(s string) bool {
	switch s[0] {
	case '-', '+', '=', '*', '#', '>':
		return false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i == 0 || i == len(s) || (s[i] != '.' && s[i] != ')')
}
