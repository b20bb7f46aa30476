package htmlmd

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var abstractCases = []string{
	`<p>Plain text.</p>`,
	`<p>One.</p><p>Two, with <em>emphasis</em> and <strong>strength</strong>.</p>`,
	`<p>A <a href="/conference/x">relative link</a> and <a href="https://example.org/a?b=c">another</a>.</p>`,
	`<ul><li>first</li><li>second <em>item</em></li></ul>`,
	`<p>Intro:</p><ol><li>one</li><li>two</li></ol><p>After.</p>`,
	`<p>Use <code>make test</code> daily.</p>`,
	`<div class="field-items"><div class="field-item">Bare text in a field item.</div></div>`,
	`<p>  Spaces
	   and newlines   folded. </p>`,
	`<p>Nested <span>span <em>em</em></span> text.</p>`,
	// The rest need the converter: escaping, breaks, nesting, other elements.
	`<p>Stars *here* and _there_.</p>`,
	`<p>Line<br>break.</p>`,
	`<ul><li>outer<ul><li>inner</li></ul></li></ul>`,
	`<p>1. Not a list</p>`,
	`<p>- Not a list either</p>`,
	`<blockquote><p>Quoted.</p></blockquote>`,
	`<p>R&amp;D &lt;b&gt; tags</p>`,
	`<p><em> spaced </em>emphasis</p>`,
	`<h3>Heading</h3><p>Text.</p>`,
	`<p><a href="https://example.org/x">https://example.org/x</a></p>`,
	`<pre>code block</pre>`,
}

// The fast path must give exactly what the converter gives wherever it
// takes the abstract on.
func TestFastMarkdownAgreesWithConverter(t *testing.T) {
	base, _ := url.Parse("https://www.usenix.org/conference/x/program")
	cases := append([]string(nil), abstractCases...)
	// Our fixtures, and the real pages in ../shared/real where present.
	var files []string
	for _, pattern := range [][]string{
		{"..", "..", "testdata", "usenix", "*.html"},
		{"..", "..", "..", "shared", "real", "usenix", "*", "*.html"},
		{"..", "..", "..", "shared", "real", "usenix", "*", "*", "*.html"},
	} {
		found, _ := filepath.Glob(filepath.Join(pattern...))
		files = append(files, found...)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(data)))
		doc.Find(".field-name-field-paper-description-long, .field-name-field-paper-description").Each(func(_ int, s *goquery.Selection) {
			h, _ := goquery.OuterHtml(s)
			cases = append(cases, h)
		})
	}
	cases = append(cases, scheduleTexts(t)...)
	fast := 0
	for _, c := range cases {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader("<div id=root>" + c + "</div>"))
		n := doc.Find("#root").Get(0)
		want, err := convertMarkdown(n, base)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := fastMarkdown(n, base)
		if !ok {
			continue
		}
		fast++
		if got != want {
			t.Errorf("%s\nfast:      %q\nconverter: %q", c, got, want)
		}
	}
	if fast < 10 {
		t.Errorf("the fast path took only %d of %d cases", fast, len(cases))
	}
	t.Logf("the fast path took %d of %d cases", fast, len(cases))
}

// scheduleTexts are the abstracts and descriptions of the real schedule
// exports in ../shared/examples (none where it is absent).
func scheduleTexts(t *testing.T) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "examples", "schedules", "*"))
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && (k == "abstract" || k == "description") {
					texts = append(texts, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(file) {
		case ".json":
			var v any
			if json.Unmarshal(data, &v) == nil {
				walk(v)
			}
		case ".xml":
			d := xml.NewDecoder(bytes.NewReader(data))
			var in string
			for {
				tok, err := d.Token()
				if err != nil {
					break
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					in = tok.Name.Local
				case xml.CharData:
					if in == "abstract" || in == "description" {
						texts = append(texts, string(tok))
					}
				case xml.EndElement:
					in = ""
				}
			}
		}
	}
	return texts
}

// FuzzFastMarkdown: wherever the fast path takes an abstract on, it writes
// what the converter writes.
func FuzzFastMarkdown(f *testing.F) {
	for _, c := range abstractCases {
		f.Add(c)
	}
	f.Add(`<p>See you there! <a href="https://example.org/">link</a> &amp; more # $5 | ~x~</p>`)
	f.Add(`<ul><li>one!</li><li><em>two</em> &lt;3</li></ul>`)
	base, _ := url.Parse("https://www.usenix.org/conference/x/program")
	f.Fuzz(func(t *testing.T, c string) {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader("<div id=root>" + c + "</div>"))
		if err != nil || doc.Find("#root").Length() != 1 {
			return
		}
		n := doc.Find("#root").Get(0)
		got, ok := fastMarkdown(n, base)
		if !ok {
			return
		}
		if want, err := convertMarkdown(n, base); err == nil && got != want {
			t.Fatalf("fast:      %q\nconverter: %q", got, want)
		}
	})
}

func TestFastMarkdownCoverage(t *testing.T) {
	base, _ := url.Parse("https://www.usenix.org/conference/x/program")
	for i, c := range abstractCases {
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader("<div id=root>" + c + "</div>"))
		_, ok := fastMarkdown(doc.Find("#root").Get(0), base)
		if want := i < 9; ok != want {
			t.Errorf("fastMarkdown(%s) took it: %v, want %v", c, ok, want)
		}
	}
}

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
