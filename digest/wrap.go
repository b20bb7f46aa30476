package digest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	// A line starting like this would turn into block syntax: a list item,
	// heading, quote, rule, or a setext underline.
	blockStartRe = regexp.MustCompile(`^(?:[-+*]|#{1,6}|>.*|\d{1,9}[.)]|=+|-+)$`)
)

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
	measure := func() {
		length = utf8.RuneCountInString(prefix)
		for i, w := range line {
			if i > 0 {
				length++
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
			if blockStartRe.MatchString(w) {
				for k--; k > 0 && blockStartRe.MatchString(line[k]); k-- {
				}
			}
			if k > 0 {
				lines = append(lines, prefix+strings.Join(line[:k], " "))
				prefix, line = rest, append(line[:0], line[k:]...) // copy moves left: safe in place
				measure()
			}
		}
		if len(line) > 0 {
			length++
		}
		line = append(line, w)
		length += utf8.RuneCountInString(w)
	}
	return append(lines, prefix+strings.Join(line, " "))
}
