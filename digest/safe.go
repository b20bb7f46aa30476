package digest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// safeMarkdown makes scraped Markdown safe to put in a post: no raw HTML
// ("<" outside code spans becomes "&lt;", which reads the same), no
// template syntax for the site generator ("{{" and "{%" would run Hugo
// shortcodes or Liquid tags), no script links. Backslash escapes and code
// spans pass as they are.
func safeMarkdown(s string) string {
	s = scriptLinkRe.ReplaceAllString(s, "](#)")
	if !strings.ContainsAny(s, "<{") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
		case c == '`':
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			fence := s[i : i+n]
			if end := strings.Index(s[i+n:], fence); end >= 0 && !strings.Contains(s[i+n:i+n+end], "{{") && !strings.Contains(s[i+n:i+n+end], "{%") {
				b.WriteString(s[i : i+n+end+n])
				i += n + end + n - 1
				continue
			}
			b.WriteString(fence)
			i += n - 1
		case c == '<':
			b.WriteString("&lt;")
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			b.WriteString("{&#123;")
			i++
		case c == '{' && i+1 < len(s) && s[i+1] == '%':
			b.WriteString("{&#37;")
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var plainEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", "{{", "{&#123;", "{%", "{&#37;",
)

// plainText makes scraped plain text (a title, a name, a room) read as
// itself in Markdown: its Markdown characters escaped, no HTML, no site
// template syntax.
func plainText(s string) string {
	s = plainEscaper.Replace(s)
	if s != "" && strings.ContainsRune("#>+-=|", rune(s[0])) {
		s = `\` + s // would start a heading, quote or list as a line's first word
	}
	return s
}

var scriptLinkRe = regexp.MustCompile(`(?i)\]\(\s*<?\s*(?:javascript|vbscript|data):[^)]*\)`)

// frontMatter encodes the post's front matter for the format, delimiters
// included: TOML between "+++" lines for hugo (keys sorted by the encoder,
// then a blank line before the closing "+++"), YAML between "---" lines for
// hugo-yaml and jekyll, nothing for markdown.
func frontMatter(format string, values map[string]any) (string, error) {
	var buf bytes.Buffer
	switch format {
	case "markdown":
		return "", nil
	case "hugo":
		buf.WriteString("+++\n")
		if err := toml.NewEncoder(&buf).Encode(values); err != nil {
			return "", fmt.Errorf("TOML: %w", err)
		}
		buf.WriteString("\n+++\n")
	default:
		buf.WriteString("---\n")
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(values); err != nil {
			return "", fmt.Errorf("YAML: %w", err)
		}
		enc.Close()
		buf.WriteString("---\n")
	}
	return buf.String(), nil
}
