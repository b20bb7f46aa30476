package htmlmd

import (
	"net/url"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/internal/mdnest"
	"github.com/confdigest/confdigest/internal/mdnest/mdnesttest"
)

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
		if d := mdnesttest.Depth(md); d > mdnest.MaxDepth {
			t.Errorf("%.20q…: stored %d deep, want at most %d", in, d, mdnest.MaxDepth)
		}
		if !strings.Contains(md, "deep") {
			t.Errorf("%.20q…: the text is lost: %.80q", in, md)
		}
	}
}
