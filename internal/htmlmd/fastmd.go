package htmlmd

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	return strings.ToValidUTF8(strings.Join(f.blocks, "\n\n"), "\uFFFD"), true
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
	s := foldSpace(b.String())
	if s == "" {
		return true
	}
	if !safeLine(s) {
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
		s := foldSpace(b.String())
		if s == "" || !safeLine(s) {
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
			if !plainText(c.Data) {
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
			if t == "" || strings.TrimSpace(t) != t || strings.ContainsAny(t, "`\n") || strings.IndexFunc(t, control) >= 0 {
				return false
			}
			b.WriteString("`" + t + "`")
			continue
		case "a":
			if depth > 0 {
				return false // the converter moves emphasis into the link
			}
			href := Absolute(f.base, Attr(c, "href"))
			if Attr(c, "href") == "" || Attr(c, "title") != "" || !plainHref(href) {
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

// plainHref: a link the converter writes as it is. It percent-encodes
// other characters, and rewrites a query in url.Values' encoding.
func plainHref(href string) bool {
	if href == "" || strings.IndexFunc(href, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("!#$&'*+,-./:;=?@_~", r))
	}) >= 0 {
		return false
	}
	query, _, _ := strings.Cut(href, "#")
	if _, query, ok := strings.Cut(query, "?"); ok {
		values, err := url.ParseQuery(query)
		return err == nil && values.Encode() == query
	}
	return true
}

// foldSpace makes each run of spaces, tabs and line ends one space, trimmed
// at both ends.
func foldSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}), " ")
}

// plainText: text the converter writes as it is. It escapes the Markdown
// emphasis, link, code and HTML characters, and the plainAngles step after
// it turns the text "&lt;" into "<". Other punctuation ("#", "!", "&", "$",
// "|", "~") it leaves alone inside a line; safeStart sees to line starts,
// safeLine to an "!" that a link after it would make an image.
func plainText(s string) bool {
	return !strings.ContainsAny(s, "*_[]\\`<>") && !strings.Contains(s, "&lt;") && !strings.Contains(s, "&gt;") &&
		strings.IndexFunc(s, control) < 0
}

// control: a control character but tab and line ends (the converter drops
// some, and keeps a form feed), or a space other than ASCII's (the converter
// folds some of them into the spaces beside them).
func control(r rune) bool {
	return r < 0x20 && !strings.ContainsRune("\t\n\r", r) || 0x7F <= r && r <= 0x9F || r > 0x7F && unicode.IsSpace(r)
}

// safeLine: s, a paragraph or list item, reads as the text it was (and
// has no space at either end that the converter would trim: U+00A0, …).
func safeLine(s string) bool {
	return safeStart(s) && !strings.Contains(s, "![") && strings.TrimSpace(s) == s && delimitersClear(s)
}

// delimitersClear: each run of "*" in s (all written here: the text holds
// none) has a space, punctuation or an end beside it, so it reads as the
// emphasis it was written for; "a*b*" and "*a***b**" the converter writes
// otherwise.
func delimitersClear(s string) bool {
	for i := 0; i < len(s); {
		if s[i] != '*' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '*' {
			j++
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[j:])
		if i > 0 && j < len(s) && wordRune(before) && wordRune(after) {
			return false
		}
		i = j
	}
	return true
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == utf8.RuneError }

// safeStart: a line beginning like this would read as a list, heading,
// quote, rule or code fence; the converter escapes it.
func safeStart(s string) bool {
	switch s[0] {
	case '-', '+', '=', '*', '#', '>', '~':
		return false
	}
	if s[0] < '0' || s[0] > '9' {
		return true
	}
	i := 0 // "1." starts a list; the converter escapes "0 0)" too
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ' ') {
		i++
	}
	return i == len(s) || (s[i] != '.' && s[i] != ')')
}
