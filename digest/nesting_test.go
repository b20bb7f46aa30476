package digest

import (
	"strings"
	"testing"

	"github.com/confdigest/confdigest/internal/mdnest"
	"github.com/confdigest/confdigest/internal/mdnest/mdnesttest"
)

// TestQuoteNestingBounded: a program file whose abstract nests thousands
// deep (written by hand, or scraped before the bound) is quoted at most
// mdnest.MaxDepth deep, in a post of about the abstract's size: the
// quadratic indentation made 3–5 GB of a 120 KB abstract.
func TestQuoteNestingBounded(t *testing.T) {
	for _, md := range []string{strings.Repeat("1. ", 3000) + "deep", strings.Repeat(">", 3000) + " deep", strings.Repeat("- ", 3000) + "deep"} {
		for _, format := range []string{"hugo", "jekyll"} {
			out := quoteMarkdown(md, 79, flavorNamed(format), "full")
			if d := mdnesttest.Depth(out); d > mdnest.MaxDepth+1 { // +1: the quote
				t.Errorf("%s %.10q…: quoted %d deep, want at most %d", format, md, d, mdnest.MaxDepth+1)
			}
			if len(out) > 3*len(md) {
				t.Errorf("%s %.10q…: %d bytes quoted from %d", format, md, len(out), len(md))
			}
			if !strings.Contains(out, "deep") {
				t.Errorf("%s %.10q…: the text is lost", format, md)
			}
		}
	}
}

// BenchmarkWrapBlockSyntax: a paragraph of 40,000 words that each could
// start a block ("1."), as the bound leaves a hostile list: wrapping it
// once scanned the line back at every word (quadratic, 9 s).
func BenchmarkWrapBlockSyntax(b *testing.B) {
	words := strings.Fields(strings.Repeat("1. ", 40000) + "x")
	b.ReportAllocs()
	for range b.N {
		wrapWords(words, "> ", "> ", 79)
	}
}
