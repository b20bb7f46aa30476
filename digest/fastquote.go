package digest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Most abstracts are plain paragraphs and simple lists of text with
// emphasis and links: the Markdown htmlmd writes. For them, parsing with
// goldmark and writing the tree back gives what writing them directly
// gives; fastWrite does that, and says no (ok false) to anything else,
// which then goes the way of the parser. A test holds the two to the same
// bytes on every abstract fastWrite takes.

// fastURLRe: link destinations written as they are (no escaping to do).
var fastURLRe = regexp.MustCompile(`^(?:https?://[A-Za-z0-9.-]+(?::[0-9]+)?)?/[A-Za-z0-9._~:/?#@!$&'*+,;=%-]*$|^https?://[A-Za-z0-9.-]+(?::[0-9]+)?$`)

// fastWrite is writeMarkdown's lines for a simple abstract.
func (w *mdWriter) fastWrite(md, prefix string) ([]string, bool) {
	if !utf8.ValidString(md) || strings.ContainsAny(md, "\t\r\\`_|<&${}~") || strings.Contains(md, "![") {
		return nil, false
	}
	var out []string
	wasList := false
	for i, block := range strings.Split(md, "\n\n") {
		lines := strings.Split(block, "\n")
		for _, l := range lines {
			if strings.TrimSpace(l) == "" || strings.HasSuffix(l, " ") || strings.HasPrefix(l, "    ") {
				return nil, false // blank runs, hard breaks, indented code: the parser's
			}
		}
		if i > 0 {
			out = append(out, strings.TrimRight(prefix, " "))
		}
		if strings.HasPrefix(lines[0], "* ") {
			if wasList {
				return nil, false // two lists apart are one loose list
			}
			for _, l := range lines {
				item, ok := strings.CutPrefix(l, "* ")
				if !ok {
					return nil, false // a lazy continuation line
				}
				var b strings.Builder
				if !fastLine(&b, item) {
					return nil, false
				}
				out = append(out, w.wrap(splitWords(b.String()), prefix+"* ", prefix+"  ")...)
			}
			wasList = true
			continue
		}
		wasList = false
		var b strings.Builder
		for j, l := range lines {
			if j > 0 {
				b.WriteByte(wordBreak)
			}
			if !fastLine(&b, strings.TrimLeft(l, " ")) {
				return nil, false
			}
		}
		out = append(out, w.wrap(splitWords(b.String()), prefix, prefix)...)
	}
	return out, true
}

// fastLine writes one source line's inline content as the parser's path
// would: text with its spaces marked, *emphasis*, **strong**, and
// [links](url); false for anything else, or a line that would start a
// block. Images never reach it: fastWrite refuses "![" first.
func fastLine(b *strings.Builder, s string) bool {
	if s == "" || blockStart(firstWord(s)) || strings.HasPrefix(s, "* ") {
		return false
	}
	for len(s) > 0 {
		switch {
		case s[0] == '*':
			n, inner, rest, ok := fastEmphasis(s, b.Len() == 0 || lastIsBreak(b))
			if !ok {
				return false
			}
			writeWords(b, strings.Repeat("*", n)+inner+strings.Repeat("*", n))
			s = rest
		case s[0] == '[':
			text, url, rest, ok := fastLink(s)
			if !ok {
				return false
			}
			b.WriteByte('[')
			writeWords(b, text)
			b.WriteString("](" + url + ")")
			s = rest
		case s[0] == ']':
			return false
		default:
			i := strings.IndexAny(s, "*[]")
			if i < 0 {
				i = len(s)
			}
			if i < len(s) && s[i] == '*' && i > 0 && s[i-1] != ' ' {
				return false // emphasis inside a word: the parser's
			}
			writeWords(b, s[:i])
			s = s[i:]
		}
	}
	return true
}

func lastIsBreak(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && (s[len(s)-1] == wordBreak || s[len(s)-1] == ' ')
}

// fastEmphasis reads "*text*" or "**text**" at the start of s, opened after
// a space (or at the line's start) and closed before a space, punctuation
// or the line's end, with plain text inside.
func fastEmphasis(s string, atStart bool) (n int, inner, rest string, ok bool) {
	for n < len(s) && s[n] == '*' {
		n++
	}
	if n > 2 || !atStart || n >= len(s) {
		return 0, "", "", false
	}
	delim := strings.Repeat("*", n)
	end := strings.Index(s[n:], delim)
	if end <= 0 {
		return 0, "", "", false
	}
	inner = s[n : n+end]
	rest = s[n+end+n:]
	first, _ := utf8.DecodeRuneInString(inner)
	last, _ := utf8.DecodeLastRuneInString(inner)
	if strings.ContainsAny(inner, "*[]") || !isWordRune(first) || !isWordRune(last) {
		return 0, "", "", false
	}
	if rest != "" {
		next, _ := utf8.DecodeRuneInString(rest)
		if next != ' ' && !strings.ContainsRune(".,;:!?)", next) {
			return 0, "", "", false
		}
	}
	return n, inner, rest, true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fastLink reads "[text](url)" at the start of s: plain text, a URL written
// as it is, no title.
func fastLink(s string) (text, url, rest string, ok bool) {
	mid := strings.Index(s, "](")
	if mid < 2 {
		return "", "", "", false
	}
	text = s[1:mid]
	end := strings.IndexByte(s[mid+2:], ')')
	if end <= 0 {
		return "", "", "", false
	}
	url = s[mid+2 : mid+2+end]
	rest = s[mid+3+end:]
	if strings.ContainsAny(text, "*[]()") || strings.TrimSpace(text) != text || !fastURLRe.MatchString(url) {
		return "", "", "", false
	}
	if d, ok := linkDest(url); !ok || d != url {
		return "", "", "", false
	}
	return text, url, rest, true
}
