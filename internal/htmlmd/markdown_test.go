package htmlmd

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
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

// Every abstract of our fixtures and of the real pages in ../shared/real
// (where present) converts to Markdown as the program file stores it: no
// HTML element left, no run of blank lines, no trailing spaces, valid
// UTF-8, and text wherever the HTML had some.
func TestConvertAbstracts(t *testing.T) {
	base, _ := url.Parse("https://www.usenix.org/conference/x/program")
	var files []string
	for _, pattern := range [][]string{
		{"..", "..", "testdata", "usenix", "*.html"},
		{"..", "..", "..", "shared", "real", "usenix", "*", "*.html"},
		{"..", "..", "..", "shared", "real", "usenix", "*", "*", "*.html"},
	} {
		found, _ := filepath.Glob(filepath.Join(pattern...))
		files = append(files, found...)
	}
	tagRe := regexp.MustCompile(`<(?:p|div|span|em|strong|a|ul|ol|li|br|script|style)\b`)
	n := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find(".field-name-field-paper-description-long, .field-name-field-paper-description").Each(func(_ int, s *goquery.Selection) {
			n++
			md, err := Convert(s.Get(0), base)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if strings.TrimSpace(s.Text()) != "" && md == "" {
				t.Errorf("%s: text lost from %q", file, s.Text())
			}
			code := regexp.MustCompile("`[^`]*`").ReplaceAllString(md, "")
			switch {
			case tagRe.MatchString(code):
				t.Errorf("%s: HTML left in %q", file, md)
			case strings.Contains(md, "\n\n\n"):
				t.Errorf("%s: a run of blank lines in %q", file, md)
			case regexp.MustCompile(`(?m)[ \t]$`).MatchString(md):
				t.Errorf("%s: trailing space in %q", file, md)
			case !utf8.ValidString(md):
				t.Errorf("%s: invalid UTF-8 in %q", file, md)
			}
		})
	}
	if n == 0 {
		t.Fatal("no abstracts found")
	}
	t.Logf("%d abstracts from %d files", n, len(files))
}
