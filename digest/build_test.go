package digest

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// A post is only done when the user's site builds it. The torture program
// (testdata/build/torture.yaml, written by us) holds every kind of scraped
// text that once broke a build or changed meaning; its posts are built
// with the real generators (Debian's hugo and jekyll with the stock minima
// theme; .ci/run installs them) and the rendered HTML is read back.

func tortureProgram(t *testing.T) *program.Program {
	t.Helper()
	path := filepath.Join("..", "testdata", "build", "torture.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := yamlfile.Unmarshal(data, path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func renderOne(t *testing.T, p *program.Program, format string) Post {
	t.Helper()
	posts, _, err := Render(p, Options{Format: format})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 {
		t.Fatalf("%d posts, want 1", len(posts))
	}
	return posts[0]
}

// tool finds a generator; in CI a missing one is an error.
func tool(t *testing.T, name string) string {
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing in CI: .ci/run installs it", name)
		}
		t.Skipf("%s not installed (apt-get install hugo jekyll jekyll-theme-minima)", name)
	}
	return path
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	tagRe     = regexp.MustCompile(`<[^>]*>`)
	hrefsRe   = regexp.MustCompile(`href="([^"]*)"`)
	articleRe = regexp.MustCompile(`(?s)<article.*</article>|<main.*</main>|<body.*</body>`)
)

// checkHTML asserts what a reader of the torture post must see.
func checkHTML(t *testing.T, page string) {
	t.Helper()
	if m := articleRe.FindString(page); m != "" {
		page = m
	}
	text := html.UnescapeString(tagRe.ReplaceAllString(page, " "))
	text = strings.Join(strings.Fields(text), " ")
	text = regexp.MustCompile(` ([,.])`).ReplaceAllString(text, "$1") // where a tag ended before punctuation
	for _, want := range []string{
		"Templates &copy; Everywhere #",  // the scraped title as it is: no entity, no eaten "#"
		"Links ~~struck~~ or not",        // no strikethrough
		"My Title as I typed it",         // the user's title: their emphasis works
		"{% raw %} and {{ site.title }}", // Liquid shown, not run
		"{% include nothing.html %} stay text",
		"{{ page.title }}", "{% if %}", "{{< figure >}}",
		`{{ site.title }} {% endraw %} {{< ref "x" >}}`,
		"ending in a backslash\\ and a colon : that begins a line",
		"$$ x^2 $$ and A | B | C as plain text",
		"{::comment} hidden {:/comment} too",
		"A talk by Bo Link, which I liked.",
		"A talk by the speakers.",
		"bad one, encoded and by reference.",
		// Issue 23: a shortcode shown (15), a backslash ending a wrapped
		// line (16), attribute lists ending a title or line (17).
		`Show a shortcode as text: {{< param "x" >}} and {{% note %}}, then type it.`,
		`HKCU\Environment\ and add the path`,
		"Helm Charts Built From {.Values}", "Setup {#setup}", "ending in an attribute list {.wide}",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q:\n%s", want, text)
		}
	}
	for _, want := range []string{"<blockquote", "<em>as I typed it</em>", "<li>nested item", "<pre", "links?q=%7B%7Bsite.time%7D%7D"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if n := strings.Count(page, "<ul"); n < 2 {
		t.Errorf("%d lists, want the list and its nested list", n)
	}
	for _, m := range hrefsRe.FindAllStringSubmatch(page, -1) {
		u := strings.ToLower(html.UnescapeString(m[1]))
		if strings.Contains(u, "script:") || strings.HasPrefix(u, "data:") {
			t.Errorf("a link to %s survives", m[1])
		}
	}
	for _, bad := range []string{"<script", "<dl", "<table", "<del", "<s>", "math/tex", "katex",
		"\u2060", "&#8288;", "<br", `class="Values"`, `id="setup"`, `class="wide"`} {
		if strings.Contains(page, bad) {
			t.Errorf("the page has %s: scraped text was read as syntax", bad)
		}
	}
}

func TestBuildHugo(t *testing.T) {
	hugo := tool(t, "hugo")
	p := tortureProgram(t)
	for _, format := range []string{"hugo", "hugo-yaml"} {
		t.Run(format, func(t *testing.T) {
			site := t.TempDir()
			writeFile(t, filepath.Join(site, "config.toml"), "baseURL = 'http://example.org/'\ntitle = 'Torture'\n")
			writeFile(t, filepath.Join(site, "layouts", "_default", "single.html"), "<html><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n")
			writeFile(t, filepath.Join(site, "layouts", "_default", "list.html"), "<html><body>{{ range .Pages }}{{ .Title }}{{ end }}</body></html>\n")
			post := renderOne(t, p, format)
			writeFile(t, filepath.Join(site, "content", "post", post.Path), string(post.Content))
			cmd := exec.Command(hugo, "--source", site, "--destination", filepath.Join(site, "public"))
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("hugo: %v\n%s\n%s", err, out.String(), post.Content)
			}
			if strings.Contains(out.String(), "WARN") || strings.Contains(out.String(), "ERROR") {
				t.Fatalf("hugo warns:\n%s", out.String())
			}
			page, err := os.ReadFile(filepath.Join(site, "public", "post", strings.TrimSuffix(post.Path, ".md"), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			checkHTML(t, string(page))
		})
	}
}

func TestBuildJekyll(t *testing.T) {
	jekyll := tool(t, "jekyll")
	p := tortureProgram(t)
	site := t.TempDir()
	// A stock "jekyll new" site: the minima theme and jekyll-feed.
	writeFile(t, filepath.Join(site, "_config.yml"), "title: Torture\ntheme: minima\nplugins:\n  - jekyll-feed\n")
	writeFile(t, filepath.Join(site, "index.markdown"), "---\nlayout: home\n---\n")
	post := renderOne(t, p, "jekyll")
	writeFile(t, filepath.Join(site, post.Path), string(post.Content))
	cmd := exec.Command(jekyll, "build", "--source", site, "--destination", filepath.Join(site, "_site"))
	cmd.Dir = site
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("jekyll: %v\n%s\n%s", err, out.String(), post.Content)
	}
	if strings.Contains(out.String(), "Warning") || strings.Contains(out.String(), "Error") {
		t.Fatalf("jekyll warns:\n%s", out.String())
	}
	pages, _ := filepath.Glob(filepath.Join(site, "_site", "2026", "*", "*", "*.html"))
	if len(pages) != 1 {
		t.Fatalf("built %v, want the one post", pages)
	}
	page, err := os.ReadFile(pages[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<html") || !strings.Contains(string(page), "site-header") {
		t.Error("the post is not laid out by the theme")
	}
	checkHTML(t, string(page))
}

// The markdown format, through goldmark: what a Markdown reader shows.
func TestBuildMarkdown(t *testing.T) {
	post := renderOne(t, tortureProgram(t), "markdown")
	var out bytes.Buffer
	if err := goldmark.Convert(post.Content, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "<h1>TortureCon 2026 -- Day 1</h1>\n<p>2026-04-01</p>") {
		t.Errorf("the post starts %q, want its title and date", out.String()[:min(80, out.Len())])
	}
	checkHTML(t, out.String())
}
