package digest

import (
	"html"
	"strings"
	"testing"
)

// FuzzQuote: no abstract, however hostile, makes the quote writer panic or
// lets a script link or raw HTML through, in any format, or lets Hugo run
// a shortcode.
//
//	go test ./digest -run XXX -fuzz FuzzQuote -fuzztime 60s -fuzzminimizetime 2s
func FuzzQuote(f *testing.F) {
	for _, seed := range append(hostileWords,
		"```\n{% endraw %}{{ x }}\n```", "> nested\n> > deeper", "1) one\n2) two\n\n- a\n- b", "a  \nb\\\nc",
		"[x]:\n  javascript:alert(1)\n\n[y][x]", "<javascript:alert(1)>", "~~~\ncode\n~~~", "\x00\xff\xfe",
		"`{{< param \"x\" >}}` and `{{% n %}}`", "```\n{{< a\nb >}} {{< lone\n```", `word HKCU\Environment\ word`,
		"## Helm {.Values}", "Line {#id}", "{a=\"{.b}\"}",
	) {
		f.Add(seed, 40)
	}
	f.Fuzz(func(t *testing.T, md string, width int) {
		for _, format := range []string{"markdown", "hugo", "jekyll"} {
			got := quoteMarkdown(md, width%120, flavorNamed(format), "full")
			if format == "hugo" {
				if _, ok := hugoLex(got); !ok {
					t.Fatalf("Hugo would run a shortcode in\n%s", got)
				}
			}
			if format == "jekyll" {
				got = liquid(got)
			}
			out := render(t, got)
			for _, m := range hrefRe.FindAllStringSubmatch(out, -1) {
				u := strings.ToLower(strings.TrimSpace(html.UnescapeString(m[1])))
				if i := strings.IndexByte(u, ':'); i >= 0 && !strings.ContainsAny(u[:i], "/?#") &&
					u[:i] != "http" && u[:i] != "https" && u[:i] != "mailto" {
					t.Fatalf("%s: link %q survives in\n%s", format, m[1], got)
				}
			}
			if strings.Contains(out, "raw HTML omitted") {
				t.Fatalf("%s: raw HTML in\n%s", format, got)
			}
		}
	})
}
