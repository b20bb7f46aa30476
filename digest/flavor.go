package digest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// A flavor is a post format: how its front matter is written, where a post
// goes, and what its site generator would run or read as syntax in scraped
// text. Adding a format is one entry in flavors, its golden test and the
// README (program.PostFormats names it too: a test holds the two equal).
type flavor struct {
	name string
	// frontMatter writes the values with their delimiters.
	frontMatter func(values map[string]any) (string, error)
	// dir is the folder posts go in; datePrefix puts "<date>-" before
	// the file name (Jekyll's _posts/2026-03-18-title.md).
	dir        string
	datePrefix bool
	lastmod    string // the key that says when a post was updated; "" when it has none
	layout     string // front matter "layout"; "" for none

	shortcodes bool // Hugo runs {{< >}} and {{% %}} everywhere, code included
	liquid     bool // Jekyll runs Liquid {{ }} and {% %} before Markdown
	kramdown   bool // kramdown reads the Markdown: no strikethrough or GFM tables, "~" unescapable
}

var flavors = []flavor{
	{name: "hugo", frontMatter: tomlFrontMatter, lastmod: "lastmod", shortcodes: true},
	{name: "hugo-yaml", frontMatter: yamlFrontMatter, lastmod: "lastmod", shortcodes: true},
	{name: "jekyll", frontMatter: yamlFrontMatter, dir: "_posts/", datePrefix: true, lastmod: "last_modified_at", layout: "post", liquid: true, kramdown: true},
	{name: "markdown", frontMatter: titleLines},
}

// Formats are the post formats, by the name used in post.format and --format.
var Formats = func() []string {
	names := make([]string, len(flavors))
	for i, f := range flavors {
		names[i] = f.name
	}
	return names
}()

// flavorOf is the flavor named; the first (hugo) for "".
func flavorOf(name string) (flavor, bool) {
	if name == "" {
		return flavors[0], true
	}
	for _, f := range flavors {
		if f.name == name {
			return f, true
		}
	}
	return flavor{}, false
}

// path is where a post of this flavor goes, relative to the output folder.
func (f flavor) path(date, slug string) string {
	if f.datePrefix {
		slug = date + "-" + slug
	}
	return f.dir + slug + ".md"
}

// tomlFrontMatter: TOML between "+++" lines, keys sorted by the encoder,
// then a blank line before the closing "+++" (as the hand-written posts
// it reproduces have).
func tomlFrontMatter(values map[string]any) (string, error) {
	var buf bytes.Buffer
	buf.WriteString("+++\n")
	if err := toml.NewEncoder(&buf).Encode(values); err != nil {
		return "", fmt.Errorf("TOML: %w", err)
	}
	buf.WriteString("\n+++\n")
	return buf.String(), nil
}

// yamlFrontMatter: YAML between "---" lines.
func yamlFrontMatter(values map[string]any) (string, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(values); err != nil {
		return "", fmt.Errorf("YAML: %w", err)
	}
	enc.Close()
	buf.WriteString("---\n")
	return buf.String(), nil
}

// titleLines: no front matter; the post starts with its title and date.
func titleLines(values map[string]any) (string, error) {
	return "# " + plainText(fmt.Sprint(values["title"])) + "\n\n" + plainText(fmt.Sprint(values["date"])) + "\n", nil
}

func unknownFormat(name string) error {
	return fmt.Errorf("unknown post format %q: use one of %s", name, strings.Join(Formats, ", "))
}
