package digest

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

var (
	attrMD = goldmark.New(goldmark.WithParserOptions(parser.WithHeadingAttribute()))
	tagsRe = regexp.MustCompile(`<[^>]*>`)
)

// Issue 23 items 15-17: what Hugo and Jekyll would read in scraped text
// beyond CommonMark. Each case failed before its fix; the property tests
// below run over the class.

// hugoLex does what Hugo's page lexer does to a post's text before any
// Markdown: a shortcode comment {{</* x */>}} is shown as {{< x >}}; any
// other {{< or {{% starts a shortcode that would run (or fail the build):
// ok is false.
func hugoLex(s string) (string, bool) {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{<")
		if j := strings.Index(s, "{{%"); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		open, closer := s[i:i+3], "%}}"
		if open == "{{<" {
			closer = ">}}"
		}
		if !strings.HasPrefix(s[i+3:], "/*") {
			return "", false
		}
		end := strings.Index(s[i+5:], "*/"+closer)
		if end < 0 {
			return "", false
		}
		b.WriteString(s[:i] + open + s[i+5:i+5+end] + closer)
		s = s[i+5+end+5:]
	}
}

// 15: a shortcode in code is written in Hugo's comment form, which Hugo
// shows as written: no invisible character for a reader to copy.
func TestShortcodeInCodeShownAsWritten(t *testing.T) {
	hugo := flavorNamed("hugo")
	for _, c := range []struct{ md, want string }{
		{"Use `{{< param \"x\" >}}` here.", "> Use `{{</* param \"x\" */>}}` here."},
		{"Use `{{% note %}}` here.", "> Use `{{%/* note */%}}` here."},
		{"```\n{{< ref \"x\" >}} and {{% y %}}\n```", "> ```\n> {{</* ref \"x\" */>}} and {{%/* y */%}}\n> ```"},
		{"```\n{{< multi\nline >}}\n```", "> ```\n> {{</* multi\n> line */>}}\n> ```"},
	} {
		got := quoteMarkdown(c.md, 79, hugo, "full")
		if got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.md, got, c.want)
		}
		if strings.Contains(got, "\u2060") {
			t.Errorf("%q: a word joiner in %q", c.md, got)
		}
	}
	// Other flavors run no shortcodes: code stays as it is.
	if got := quoteMarkdown("`{{< x >}}`", 79, flavorNamed("markdown"), "full"); got != "> `{{< x >}}`" {
		t.Errorf("markdown: %q", got)
	}
}

// 16: kramdown reads a line ending in two backslashes as a hard break and
// drops them: no quote line ends with a backslash.
func TestNoLineEndsWithBackslash(t *testing.T) {
	got := quoteMarkdown(`Set HKCU\Environment\ then log out and in again.`, 22, flavorNamed("jekyll"), "full")
	want := "> Set\n> HKCU\\\\Environment&#92;\n> then log out and in\n> again."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// 17: a trailing {.class} or {#id} is an attribute list to Hugo's goldmark
// (headings) and kramdown: its braces are escaped.
func TestAttributeListEscaped(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"Helm Charts Built From {.Values}", `> Helm Charts Built From \{.Values\}`},
		{"## Setup {#setup}", `> ## Setup \{#setup\}`},
		{"Sets {x} and {.a} {b}", `> Sets {x} and \{.a\} {b}`},
	} {
		for _, name := range Formats {
			if got := quoteMarkdown(c.md, 79, flavorNamed(name), "full"); got != c.want {
				t.Errorf("%s %q:\ngot  %q\nwant %q", name, c.md, got, c.want)
			}
		}
	}
	if got := plainText("Helm Charts Built From {.Values}"); got != `Helm Charts Built From \{.Values\}` {
		t.Errorf("title: %q", got)
	}
	if got := plainText("Anchors {#top}"); got != `Anchors \{#top\}` {
		t.Errorf("title: %q", got)
	}
}

// The classes: words ending in backslashes, attribute lists and
// shortcodes, anywhere in text and code, at every width and flavor.
func TestGeneratorSyntaxProperty(t *testing.T) {
	words := []string{"a", "word", `w\`, `\\`, `x\\`, "{.c}", "{#i}", "{.a b=c}", "{x}", "}", "{", "`{{< s >}}`",
		"`{{% p \"q\" %}}`", "`{{<`", "`>}}`", "`a{.b}`", "*em*", "[l](https://example.org/)", "#", "##", "```",
		"{}", "{ }", "{k=v}", "{a=\"{.b}\"}", "{.a", "x}", "{#"}
	r := rand.New(rand.NewPCG(23, 15))
	for i := 0; i < 3000; i++ {
		n := 1 + r.IntN(30)
		ws := make([]string, n)
		for k := range ws {
			ws[k] = words[r.IntN(len(words))]
		}
		md := strings.Join(ws, " ")
		if r.IntN(3) == 0 {
			md = "## " + md
		}
		if r.IntN(4) == 0 {
			md = "```\n" + strings.ReplaceAll(md, "`", "") + "\n```"
		}
		for _, name := range Formats {
			f := flavorNamed(name)
			got := quoteMarkdown(md, 8+r.IntN(60), f, "full")
			for _, line := range strings.Split(got, "\n") {
				if strings.HasSuffix(line, `\`) && !strings.HasPrefix(md, "```") { // code is as it is
					t.Fatalf("%s: line %q ends with a backslash in\n%s", name, line, got)
				}
				if attrListEnd(line) && !strings.HasPrefix(md, "```") {
					t.Fatalf("%s: line %q ends with an attribute list in\n%s", name, line, got)
				}
			}
			if f.shortcodes {
				// The joiner is left only for an opener without a closer
				// in a code block, which no form shows.
				if strings.Contains(got, "\u2060") && !strings.HasPrefix(md, "```") {
					t.Fatalf("a word joiner in\n%s", got)
				}
				if _, ok := hugoLex(got); !ok && !strings.Contains(got, "\u2060") {
					t.Fatalf("Hugo would run a shortcode in\n%s", got)
				}
			}
		}
	}
}

// attrListEnd: Hugo's goldmark (attributes on headings, as Hugo sets it)
// would read the end of the line, as a heading, as an attribute list: the
// heading's text loses it.
func attrListEnd(line string) bool {
	md := []byte("# " + line)
	var with, without bytes.Buffer
	if attrMD.Convert(md, &with) != nil || goldmark.Convert(md, &without) != nil {
		return true
	}
	return tagsRe.ReplaceAllString(with.String(), "") != tagsRe.ReplaceAllString(without.String(), "")
}
