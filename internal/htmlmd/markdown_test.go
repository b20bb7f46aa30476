package htmlmd

import (
	"net/url"
	"strings"
	"testing"
)

// No entity reaches the file where Markdown can take the character as it
// is; an escape where it cannot.
func TestPlainAngles(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"overhead &lt;14% and &gt;99%", "overhead <14% and >99%"},
		{"t &lt; n/3", "t < n/3"},
		{"a &lt;b&gt; tag", `a \<b> tag`},
		{"&lt;/p&gt; and &lt;!-- x", `\</p> and \<!-- x`},
		{"&gt; not a quote", `\> not a quote`},
		{"one\n  &gt; two", "one\n  \\> two"},
		{"`a &lt; b` and &lt;3", "`a &lt; b` and <3"},
		{"no entities", "no entities"},
	} {
		if got := plainAngles(c.in); got != c.want {
			t.Errorf("plainAngles(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Markdown from a schedule keeps no raw HTML and no script link, however
// the link is written.
func TestFromTextMarkdownIsSafe(t *testing.T) {
	base, _ := url.Parse("https://pretalx.example.org/x/")
	in := "Text with `code` and <script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n" +
		"[a](javascript:alert(1)) [b](javascript&#58;alert(2)) [c](&#106;avascript:alert(3)) [d][evil] [ok](/talk/1/)\n\n" +
		"[evil]: javascript:alert(4)\n"
	got := FromText(in, base)
	for _, bad := range []string{"<script", "<img", "javascript", "&#58;", "&#106;"} {
		if strings.Contains(strings.ToLower(got), bad) {
			t.Errorf("%q survives in %q", bad, got)
		}
	}
	if !strings.Contains(got, "[ok](https://pretalx.example.org/talk/1/)") || !strings.Contains(got, "`code`") {
		t.Errorf("lost the safe parts: %q", got)
	}
}
