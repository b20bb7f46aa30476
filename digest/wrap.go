package digest

import (
	"strings"
	"unicode/utf8"
)

// blockStart reports whether a line starting with the word would turn into
// block syntax: a list item ("-", "+", "*", "1.", "2)"), a heading ("#" to
// "######"), a quote (">…"), a rule or a setext underline ("---", "==="). It
// runs on every line written: no regular expression.
func blockStart(w string) bool {
	if w == "" {
		return false
	}
	switch c := w[0]; {
	case c == '>':
		return true
	case len(w) == 1 && (c == '+' || c == '*'):
		return true
	case c == '-' || c == '=' || c == '#':
		n := strings.Count(w, string(c))
		return n == len(w) && (c != '#' || n <= 6)
	case c >= '0' && c <= '9':
		i := 0
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
		}
		return i <= 9 && i == len(w)-1 && (w[i] == '.' || w[i] == ')')
	}
	return false
}

// wrapWords fills lines greedily: the first starts with first, the others
// with rest. A word longer than a line gets a line of its own. A line never
// starts with a word that Markdown would read as block syntax: the word
// before it moves down with it (or, when there is none, the line runs long).
func wrapWords(words []string, first, rest string, width int) []string {
	if len(words) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	if width <= 0 {
		return []string{first + strings.Join(words, " ")}
	}
	var lines []string
	line := make([]string, 0, min(len(words), 64))
	prefix := first
	length := utf8.RuneCountInString(prefix) // of prefix and line, with the spaces between words
	// safe is the last word of line after its first that may start a
	// line (0: none). Kept as words come, so a paragraph of block syntax
	// ("1. 1. 1. …", 40,000 words) is not scanned back at every word.
	safe := 0
	measure := func() {
		length = utf8.RuneCountInString(prefix)
		safe = 0
		for i, w := range line {
			if i > 0 {
				length++
				if !blockStart(w) {
					safe = i
				}
			}
			length += utf8.RuneCountInString(w)
		}
	}
	for _, w := range words {
		if len(line) > 0 && length+1+utf8.RuneCountInString(w) > width {
			// The new line must not start with block syntax: move words
			// down with w until one is safe to start it. With none, the
			// line runs long.
			k := len(line)
			if blockStart(w) {
				k = safe
			}
			if k > 0 {
				lines = append(lines, joinLine(prefix, line[:k]))
				prefix, line = rest, append(line[:0], line[k:]...) // copy moves left: safe in place
				measure()
			}
		}
		if len(line) > 0 {
			length++
			if !blockStart(w) {
				safe = len(line)
			}
		}
		line = append(line, w)
		length += utf8.RuneCountInString(w)
	}
	return append(lines, joinLine(prefix, line))
}

// joinLine is prefix and the words with a space between: one allocation.
func joinLine(prefix string, words []string) string {
	n := len(prefix) + len(words)
	for _, w := range words {
		n += len(w)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(prefix)
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
