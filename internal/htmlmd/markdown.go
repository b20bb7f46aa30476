package htmlmd

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/confdigest/confdigest/internal/mdnest"
)

// The converter is safe for concurrent use and costly to set up: one serves all.
var mdConverter = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(
		commonmark.WithBulletListMarker("*"),
		commonmark.WithListEndComment(false),
	),
))

var (
	blankLinesRe = regexp.MustCompile(`\n{3,}`)
	// Elements whose content is never part of an abstract's text.
	dropTags = map[string]bool{"script": true, "style": true, "noscript": true, "iframe": true,
		"object": true, "embed": true, "form": true, "input": true, "button": true, "select": true,
		"textarea": true, "template": true, "svg": true, "math": true, "head": true,
		"img": true, "picture": true, "video": true, "audio": true}
)

// Convert converts an abstract's HTML to Markdown: paragraphs one per line
// separated by a blank line, "* " bullets, emphasis, links made absolute
// against base. The field's label ("Abstract:") and anything that is not
// text (scripts, forms, embeds) are left out. n is not modified.
func Convert(n *html.Node, base *url.URL) (string, error) {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if cp := cloneClean(c, base); cp != nil {
			root.AppendChild(cp)
		}
	}
	out, err := mdConverter.ConvertNode(root)
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.ToValidUTF8(strings.ReplaceAll(string(out), "\r", ""), "\uFFFD"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s := blankLinesRe.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return mdnest.Bound(strings.TrimSpace(plainAngles(s))), nil
}

// plainAngles undoes the converter's &lt; and &gt; where Markdown can
// take the character as it is ("<14%", "a > b"), so no entity shows in
// the file or in plain-text exports; where it cannot ("<b>" would open a
// tag, ">" starting a line a quote) a backslash escape takes its place.
// Code spans are left alone: the converter writes them literally.
func plainAngles(s string) string {
	if !strings.Contains(s, "&lt;") && !strings.Contains(s, "&gt;") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inCode := false
	for i := 0; i < len(s); {
		switch {
		case s[i] == '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			b.WriteString(s[i:j])
			inCode = !inCode
			i = j
			continue
		case !inCode && strings.HasPrefix(s[i:], "&lt;"):
			next := byte(' ')
			if i+4 < len(s) {
				next = s[i+4]
			}
			if next == '/' || next == '!' || next == '?' || next >= 'a' && next <= 'z' || next >= 'A' && next <= 'Z' {
				b.WriteString(`\<`)
			} else {
				b.WriteByte('<')
			}
			i += 4
			continue
		case !inCode && strings.HasPrefix(s[i:], "&gt;"):
			if lineStart(s, i) {
				b.WriteString(`\>`)
			} else {
				b.WriteByte('>')
			}
			i += 4
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// lineStart: only spaces stand between the line's start and s[i].
func lineStart(s string, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch s[j] {
		case '\n':
			return true
		case ' ':
			continue
		}
		return false
	}
	return true
}

func cloneClean(n *html.Node, base *url.URL) *html.Node {
	if n.Type == html.CommentNode || n.Type == html.ElementNode && (dropTags[n.Data] || HasClass(n, "field-label")) {
		return nil
	}
	cp := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	for _, a := range n.Attr {
		switch {
		case strings.HasPrefix(strings.ToLower(a.Key), "on"), a.Key == "style":
			continue
		case a.Key == "href" || a.Key == "src":
			a.Val = Absolute(base, a.Val)
			if a.Val == "" {
				continue
			}
		}
		cp.Attr = append(cp.Attr, a)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if cc := cloneClean(c, base); cc != nil {
			cp.AppendChild(cc)
		}
	}
	return cp
}

var waybackRe = regexp.MustCompile(`^(?:https?://web\.archive\.org)?/web/\d+[a-z_]*/(https?://.*)$`)

// Absolute resolves href against base. A Wayback Machine copy's rewritten
// link ("/web/2019…/https://www.usenix.org/…") yields the original URL.
// Links that cannot be followed from a post (javascript:, data:) give "".
func Absolute(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if m := waybackRe.FindStringSubmatch(href); m != nil {
		href = m[1]
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch u.Scheme {
	case "http", "https", "mailto", "":
	default:
		return ""
	}
	return u.String()
}

// Attr is the value of n's attribute key, "" when it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether the element n has the class.
func HasClass(n *html.Node, class string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, f := range strings.Fields(Attr(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

// Inline reports whether an element of that tag is part of a line of text
// rather than a block of its own.
func Inline(tag string) bool { return inlineTags[tag] }

var inlineTags = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true,
	"cite": true, "code": true, "data": true, "dfn": true, "em": true, "font": true, "i": true,
	"kbd": true, "label": true, "mark": true, "q": true, "s": true, "samp": true, "small": true,
	"span": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true, "wbr": true}
