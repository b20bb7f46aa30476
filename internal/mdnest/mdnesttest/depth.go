// Package mdnesttest measures what mdnest bounds, for the tests of the
// packages that bound Markdown: how deep goldmark reads its quotes and
// lists.
package mdnesttest

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Depth is the deepest nesting of block quotes and list items goldmark
// reads in md.
func Depth(md string) int {
	var deepest func(n ast.Node) int
	deepest = func(n ast.Node) int {
		d := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			d = max(d, deepest(c))
		}
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindListItem:
			d++
		}
		return d
	}
	return deepest(goldmark.New().Parser().Parse(text.NewReader([]byte(md))))
}
