package digest

import (
	"bytes"
	"html"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// render is the HTML goldmark (Hugo's parser, CommonMark) makes of md.
func render(t *testing.T, md string) string {
	var b bytes.Buffer
	if err := goldmark.Convert([]byte(md), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	spaceRe    = regexp.MustCompile(`\s+`)
	tagSpaceRe = regexp.MustCompile(`>\s+<|>\s+|\s+<`)
	hrefRe     = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	langRe     = regexp.MustCompile(` class="language-[^"]*"`)
)

// sameHTML compares two renderings as a reader sees them: white space
// between words or tags counts as one space or none.
func sameHTML(a, b string) bool { return normHTML(a) == normHTML(b) }

func normHTML(s string) string {
	s = langRe.ReplaceAllString(s, "") // a language name with template syntax is dropped
	s = spaceRe.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, " <br>", "<br>")  // a space before a hard break shows as nothing
	s = strings.ReplaceAll(s, "<p><br>", "<p>") // and a paragraph's leading one is dropped
	return tagSpaceRe.ReplaceAllStringFunc(s, func(m string) string {
		return strings.TrimSpace(m)
	})
}

// liquid is what Jekyll's Liquid leaves of a post's text: raw blocks as
// they are, without their tags, and the one output tag the quote uses.
func liquid(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{% raw %}")
		out := s
		if i >= 0 {
			out = s[:i]
		}
		b.WriteString(strings.ReplaceAll(out, `{{ "{%" }}`, "{%"))
		if i < 0 {
			return b.String()
		}
		s = s[i+len("{% raw %}"):]
		j := strings.Index(s, "{% endraw %}")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:j])
		s = s[j+len("{% endraw %}"):]
	}
}

// Words that keep their meaning through a quote (no raw HTML, no unsafe
// links, no images), many of them syntax if misplaced.
var meaningWords = []string{
	"a", "to", "the", "error", "budget", "ünïcödé", "10%", "e.g.", "-", "+", "*", "1.", "2)", "#", ">", "=", ":",
	": colon", "|", "A | B", "$$", "$x$", "~~struck~~", "{{", "{%", "{::comment}", "{:.class}", `\`, `word\`, "&copy;",
	"&amp;", "AT&T", "&#115;", "`code`", "``co`de``", "` spaced `", "[link](https://example.org/x)",
	"[rel](/conference/x)", "[t](https://example.org/y \"title\")", "<https://example.org/a>", "<mailto:a@example.org>",
	"*em*", "**strong**", "_u_", "snake_case", "^", "[^1]", "\\*", "<3", "a <= b", "5 > 3", "{{< short >}}", "{% raw %}",
	"averyveryveryverylongword", "(paren)", "[brackets]", "!bang", "---", "===", "***", "~~~", "```",
	"[e](/a&amp;#48;b)", "[e](/a&amp;amp;b)", `[b](/a\\)`, `[b](/a\b)`, `[b](</a\\(b>)`,
}

func randomAbstract(r *rand.Rand, vocab []string) string {
	para := func() string {
		words := make([]string, 1+r.IntN(30))
		for i := range words {
			words[i] = vocab[r.IntN(len(vocab))]
		}
		return strings.Join(words, " ")
	}
	var blocks []string
	for n := 1 + r.IntN(4); n > 0; n-- {
		switch r.IntN(7) {
		case 0, 1, 2:
			blocks = append(blocks, para())
		case 3:
			var items []string
			ordered := r.IntN(2) == 0
			for i := 0; i < 1+r.IntN(4); i++ {
				marker := "* "
				if ordered {
					marker = string(rune('1'+i)) + ". "
				}
				item := marker + para()
				if r.IntN(4) == 0 {
					item += "\n\n    * " + para() // a nested list
				}
				items = append(items, item)
			}
			blocks = append(blocks, strings.Join(items, "\n"))
		case 4:
			blocks = append(blocks, "```\n"+para()+"\n  indented "+vocab[r.IntN(len(vocab))]+"\n```")
		case 5:
			blocks = append(blocks, "### "+para())
		case 6:
			blocks = append(blocks, para()+"\n"+para()) // a soft break
		}
	}
	return strings.Join(blocks, "\n\n")
}

// Wrapping and escaping never change meaning: the HTML of the quote is the
// HTML of the abstract in a blockquote, for every flavor and width.
func TestQuoteKeepsMeaning(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	flavors := []string{"markdown", "hugo", "jekyll"}
	for i := 0; i < 2000; i++ {
		md := randomAbstract(r, meaningWords)
		width := 10 + r.IntN(80)
		f := flavorNamed(flavors[i%3])
		got := quoteMarkdown(md, width, f, "full")
		if f.liquid {
			got = liquid(got)
		}
		if f.shortcodes {
			shown, ok := hugoLex(got)
			if !ok {
				t.Fatalf("Hugo would run a shortcode in\n%s", got)
			}
			got = strings.ReplaceAll(shown, "\u2060", "") // the joiner left in code is invisible
		}
		want := "<blockquote>\n" + render(t, md) + "</blockquote>\n"
		if !sameHTML(render(t, got), want) {
			a, b := normHTML(render(t, got)), normHTML(want)
			for k := 0; k < len(a) && k < len(b); k++ {
				if a[k] != b[k] {
					t.Logf("first difference at %d: got %q want %q", k, a[max(0, k-40):min(len(a), k+40)], b[max(0, k-40):min(len(b), k+40)])
					break
				}
			}
			t.Fatalf("flavor %+v width %d changed the meaning of\n%s\n--- quote\n%s\n--- html\n%s\n--- want\n%s", f, width, md, got, render(t, got), want)
		}
		for _, line := range strings.Split(got, "\n") {
			if !strings.HasPrefix(line, ">") {
				t.Fatalf("line %q not quoted in\n%s", line, got)
			}
		}
	}
}

var hostileWords = append([]string{
	"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "[x](JavaScript:alert(1))",
	"[x](java&#115;cript:alert(1))", "[x](javascript&#58;alert(1))", "[x](&#106;avascript:alert(1))",
	"[x](vbscript:x)", "[x](data:text/html;base64,xx)", "![i](javascript:alert(1))", "[r][bad]", "<javascript:alert(1)>",
	"\n\n[bad]: javascript:alert(2)\n\n", "[x](%6Aavascript:alert(1))", "[x]( javascript:alert(1))", "`<b>`",
}, meaningWords...)

// Whatever the abstract, no rendered link leaves http, https, mailto or
// relative addresses, no raw HTML survives, and no Liquid or shortcode is
// left outside a raw block.
func TestQuoteIsSafe(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < 2000; i++ {
		md := randomAbstract(r, hostileWords)
		for _, format := range []string{"markdown", "hugo", "jekyll"} {
			got := quoteMarkdown(md, 10+r.IntN(70), flavorNamed(format), "full")
			rest := got
			if format == "jekyll" {
				rest = regexp.MustCompile(`(?s)\{% raw %\}.*?\{% endraw %\}`).ReplaceAllString(got, "")
				got = liquid(got)
			}
			out := render(t, got)
			for _, m := range hrefRe.FindAllStringSubmatch(out, -1) {
				u := strings.ToLower(html.UnescapeString(m[1]))
				if i := strings.IndexByte(u, ':'); i >= 0 && !strings.ContainsAny(u[:i], "/?#") &&
					u[:i] != "http" && u[:i] != "https" && u[:i] != "mailto" {
					t.Fatalf("%s: link %q survives in\n%s", format, m[1], got)
				}
			}
			if strings.Contains(out, "<script") || strings.Contains(out, "<img") || strings.Contains(out, "raw HTML omitted") {
				t.Fatalf("%s: raw HTML survives in\n%s\n%s", format, got, out)
			}
			if _, ok := hugoLex(got); format == "hugo" && !ok || format == "jekyll" && (strings.Contains(rest, "{{") || strings.Contains(rest, "{%")) {
				t.Fatalf("%s: template syntax survives in\n%s", format, got)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("invalid UTF-8 from %q", md)
			}
		}
	}
}

// flavorNamed is the flavor of a format the table has.
func flavorNamed(name string) flavor {
	f, ok := flavorOf(name)
	if !ok {
		panic("no flavor " + name)
	}
	return f
}

// post.quote: first quotes what full quotes up to the end of the first
// paragraph, when the abstract starts with one; none quotes nothing.
func TestQuoteFirstIsFullsFirstParagraph(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 21))
	checked := 0
	for i := 0; i < 2000; i++ {
		md := randomAbstract(r, meaningWords)
		f := flavorNamed(Formats[i%len(Formats)])
		width := 10 + r.IntN(80)
		if got := quoteMarkdown(md, width, f, "none"); got != "" {
			t.Fatalf("none quoted %q", got)
		}
		doc := mdParser.Parse(text.NewReader([]byte(strings.TrimSpace(md))))
		if doc.FirstChild() == nil || doc.FirstChild().Kind() != ast.KindParagraph {
			continue
		}
		checked++
		full := quoteMarkdown(md, width, f, "full")
		want, _, _ := strings.Cut(full, "\n>\n")
		if f.liquid && strings.Contains(full, "{% raw %}") {
			continue // the raw block closes at the end of what is quoted
		}
		if got := quoteMarkdown(md, width, f, "first"); got != want {
			t.Fatalf("%s width %d:\n%s\n--- first\n%s\n--- full\n%s", f.name, width, md, got, full)
		}
	}
	if checked < 200 {
		t.Errorf("only %d abstracts started with a paragraph", checked)
	}
}
