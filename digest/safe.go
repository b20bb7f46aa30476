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
	return s
}
