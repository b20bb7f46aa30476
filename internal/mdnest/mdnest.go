// Package mdnest bounds how deeply Markdown nests block quotes and lists.
package mdnest

import "strings"

// MaxDepth is the most block quotes and list items one line may open.
// Abstracts nest two or three deep; a line of 40,000 "1. " or ">" made
// goldmark and the post writer spend 21 s and 3–5 GB on every digest.
const MaxDepth = 16

// Bound returns md with every line that opens more than MaxDepth block
// quotes and list items at its start cut down to MaxDepth: the first
// marker past the limit is escaped ("\>", "1\.", "\-"), so it and the
// rest of the line read as text, as written. Other lines, and md when
// no line goes past the limit, come back as they were; Bound(Bound(s))
// is Bound(s). It is one pass over md.
//
// Scraped abstracts go through it where they become Markdown, and every
// abstract again before a digest parses it.
func Bound(md string) string {
	var b strings.Builder
	done, changed := 0, false // md[:done] is written to b
	for start := 0; start < len(md); {
		end := strings.IndexByte(md[start:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += start
		}
		if at := pastLimit(md[start:end]); at >= 0 {
			b.WriteString(md[done : start+at])
			b.WriteByte('\\')
			done, changed = start+at, true
		}
		start = end + 1
	}
	if !changed {
		return md
	}
	b.WriteString(md[done:])
	return b.String()
}

// pastLimit is the index in line of the character to escape so that line
// opens MaxDepth containers, or -1 when it opens no more than that.
func pastLimit(line string) int {
	depth, i := 0, 0
	for {
		spaces := i
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if depth == 0 && i-spaces > 3 {
			return -1 // indented code
		}
		if i == len(line) {
			return -1
		}
		mark, next := i, -1
		switch c := line[i]; {
		case c == '>':
			next = i + 1
		case c == '-' || c == '*' || c == '+':
			if thematicBreak(line[i:]) {
				return -1
			}
			next = i + 1
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') {
				mark, next = j, j+1 // "1\." keeps the number
			}
		}
		if next < 0 || line[i] != '>' && next < len(line) && line[next] != ' ' && line[next] != '\t' {
			return -1 // text: the containers end here
		}
		if depth++; depth > MaxDepth {
			return mark
		}
		i = next
	}
}

// thematicBreak: s is a line of three or more "-", "*" or "_" (one kind)
// and blanks, which CommonMark reads as a rule, not as list items.
func thematicBreak(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}
