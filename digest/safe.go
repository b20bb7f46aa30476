package digest

import (
	"regexp"
	"strings"
)

var plainEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", "{{", "{&#123;", "{%", "{&#37;", "|", `\|`, "~~", `\~\~`,
	"$$", `\$\$`, "{:", `\{:`,
)

var entityRe = regexp.MustCompile(`&(#?[A-Za-z0-9]{1,31};)`)

// escapeEntities writes each "&" that would start an entity as "&amp;".
func escapeEntities(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return entityRe.ReplaceAllString(s, "&amp;$1")
}

// plainText makes scraped plain text (a title, a name, a room) read as
// itself in Markdown: its Markdown characters escaped, no HTML, no entity
// ("&copy;" stays those six characters), no site template syntax, no
// kramdown math or attribute list, no heading's closing "#".
func plainText(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<{|~$&#>+-=:") {
		return s // most names and titles: nothing to escape, nothing to copy
	}
	s = plainEscaper.Replace(escapeEntities(s))
	if s != "" && strings.ContainsRune("#>+-=:", rune(s[0])) {
		s = `\` + s // would start a heading, quote or list as a line's first word
	}
	if strings.HasSuffix(s, "#") && !strings.HasSuffix(s, `\#`) {
		s = s[:len(s)-1] + `\#` // a heading's closing sequence would be eaten
	}
	return escapeAttributeLists(s)
}

// escapeAttributeLists escapes the braces of an attribute list ("{.class}",
// "{#id}") in Markdown s, whose backslashes are escapes already: a title
// ending in one is a heading that Hugo's goldmark and kramdown would give
// those attributes.
func escapeAttributeLists(s string) string {
	if !strings.Contains(s, "{") || !strings.Contains(s, "}") {
		return s
	}
	var b strings.Builder
	closeAt := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case c == '{':
			if end := attributeListEnd(s[i:]); end > 0 {
				b.WriteString(`\{`)
				closeAt = i + end
			} else {
				b.WriteByte(c)
			}
		case c == '}' && i == closeAt:
			b.WriteString(`\}`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
