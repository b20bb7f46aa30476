package program

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var slugDropRe = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes an id or a file name part of a text: lower-case ASCII letters
// and digits joined by hyphens, accents dropped ("Día 2" → "dia-2"). It is
// "" when nothing is left. A slug cannot name a directory or leave one.
func Slug(s string) string {
	return strings.Trim(slugDropRe.ReplaceAllString(strings.ToLower(foldAccents(s)), "-"), "-")
}

// foldAccents drops diacritics: "Óðinsson" → "Oðinsson", "Día" → "Dia".
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
