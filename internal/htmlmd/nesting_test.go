package htmlmd

import (
	"net/url"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/confdigest/confdigest/internal/mdnest"
)

// nesting is the deepest nesting of quotes and list items in md.
func nesting(md string) int {
	var deepest func(n ast.Node) int
	deepest = func(n ast.Node) int {
		d := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			d = max(d, deepest(c))
		}
		if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindListItem {
			d++
		}
		return d
	}
	return deepest(goldmark.New().Parser().Parse(text.NewReader([]byte(md))))
}

// TestAbstractNestingBounded: an abstract nested thousands deep, as
// Markdown or as HTML, is stored at most mdnest.MaxDepth deep, its words
// kept (issue 23: every later digest paid 21 s and GBs for it).
func TestAbstractNestingBounded(t *testing.T) {
	base, _ := url.Parse("https://example.org/schedule/")
	for _, in := range []string{
		strings.Repeat("1. ", 3000) + "deep",
		strings.Repeat(">", 3000) + " deep",
		strings.Repeat("<ul><li>", 200) + "deep" + strings.Repeat("</li></ul>", 200),
		strings.Repeat("<blockquote>", 200) + "<p>deep</p>" + strings.Repeat("</blockquote>", 200),
	} {
		md := FromText(in, base)
		if d := nesting(md); d > mdnest.MaxDepth {
			t.Errorf("%.20q…: stored %d deep, want at most %d", in, d, mdnest.MaxDepth)
		}
		if !strings.Contains(md, "deep") {
			t.Errorf("%.20q…: the text is lost: %.80q", in, md)
		}
	}
}
