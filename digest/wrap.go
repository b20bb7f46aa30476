package digest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	listItemRe = regexp.MustCompile(`^(\* |- |\+ |\d{1,9}[.)] )`)
	// A line starting like this would turn into block syntax: a list item,
	// heading, quote, rule, or a setext underline.
	blockStartRe = regexp.MustCompile(`^(?:[-+*]|#{1,6}|>.*|\d{1,9}[.)]|=+|-+)$`)
)

// quote renders Markdown as a blockquote: each paragraph re-wrapped greedily
// so no line, "> " included, is longer than width (0: one line per
// paragraph), list items keeping their markers with continuation lines
// indented under the text, and a bare ">" between blocks. Code blocks,
// headings and tables are quoted as they are.
func quote(md string, width int) string {
	md = strings.TrimSpace(strings.ReplaceAll(md, "\r\n", "\n"))
	if md == "" {
		return ""
	}
	var out []string
	inFence := false
	for _, block := range splitBlocks(md) {
		if len(out) > 0 {
			out = append(out, ">")
		}
		lines := strings.Split(block, "\n")
		if inFence || isVerbatim(lines) {
			for _, l := range lines {
				if strings.HasPrefix(strings.TrimSpace(l), "```") || strings.HasPrefix(strings.TrimSpace(l), "~~~") {
					inFence = !inFence
				}
				out = append(out, strings.TrimRight("> "+l, " "))
			}
			continue
		}
		if listItemRe.MatchString(lines[0]) {
			for _, item := range listItems(lines) {
				marker := listItemRe.FindString(item)
				out = append(out, wrapWords(strings.Fields(item[len(marker):]), "> "+marker, "> "+strings.Repeat(" ", len(marker)), width)...)
			}
			continue
		}
		out = append(out, wrapWords(strings.Fields(block), "> ", "> ", width)...)
	}
	return strings.Join(out, "\n")
}

// splitBlocks splits at blank lines, keeping fenced code together.
func splitBlocks(md string) []string {
	var blocks []string
	var cur []string
	fence := false
	for _, l := range strings.Split(md, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if t == "" && !fence {
			if len(cur) > 0 {
				blocks = append(blocks, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.TrimRight(l, " \t"))
	}
	if len(cur) > 0 {
		blocks = append(blocks, strings.Join(cur, "\n"))
	}
	return blocks
}

// isVerbatim: blocks whose line breaks carry meaning.
func isVerbatim(lines []string) bool {
	first := lines[0]
	t := strings.TrimSpace(first)
	return strings.HasPrefix(first, "    ") || strings.HasPrefix(first, "\t") ||
		strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") ||
		strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">") ||
		strings.HasPrefix(t, "<")
}

// listItems joins each item with its continuation lines.
func listItems(lines []string) []string {
	var items []string
	for _, l := range lines {
		if listItemRe.MatchString(l) || len(items) == 0 {
			items = append(items, l)
			continue
		}
		items[len(items)-1] += " " + strings.TrimSpace(l)
	}
	return items
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
	var line []string
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
				prefix, line = rest, append([]string(nil), line[k:]...)
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
