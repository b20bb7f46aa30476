package program

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// latin spells Greek and Cyrillic letters (lower case, accents already
// dropped) in Latin ones, as passports and URLs commonly do.
var latin = strings.NewReplacer(
	// Greek
	"α", "a", "β", "v", "γ", "g", "δ", "d", "ε", "e", "ζ", "z", "η", "i", "θ", "th",
	"ι", "i", "κ", "k", "λ", "l", "μ", "m", "ν", "n", "ξ", "x", "ο", "o", "π", "p",
	"ρ", "r", "σ", "s", "ς", "s", "τ", "t", "υ", "y", "φ", "f", "χ", "ch", "ψ", "ps", "ω", "o",
	// Cyrillic: Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian
	"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ж", "zh", "з", "z",
	"и", "i", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r",
	"с", "s", "т", "t", "у", "u", "ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "ш", "sh",
	"щ", "shch", "ъ", "", "ы", "y", "ь", "", "э", "e", "ю", "yu", "я", "ya",
	"і", "i", "є", "ye", "ґ", "g", "ђ", "dj", "ј", "j", "љ", "lj", "њ", "nj", "ћ", "c",
	"џ", "dz", "ѓ", "gj", "ќ", "kj", "ѕ", "dz",
)

// NameSlug is Slug of a name in any script: Greek and Cyrillic letters
// are spelt in Latin ones first ("Δημοκρατία" → "dimokratia", "Москва" →
// "moskva"). Scripts it cannot spell (Chinese, Japanese, …) are left out,
// as Slug leaves them; "" when nothing is left.
func NameSlug(s string) string {
	if isASCII(s) {
		return Slug(s)
	}
	return Slug(latin.Replace(foldAccents(strings.ToLower(s))))
}

// HashID is an id for what has no name a slug can spell: prefix, "-" and
// eight hex digits of the parts' SHA-256, the same for the same parts
// ("conference-1f0c9a3e"), so a re-scrape finds its file again and two
// conferences do not share one.
func HashID(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + "-" + hex.EncodeToString(h[:4])
}

// NameID is an id for a conference from its names (acronym, title, …):
// the first one's NameSlug that has a letter; else a hash of the names
// (of salt, the address read say, when they are all empty) after the
// digits a slug kept ("2026-…") or prefix. A name in a script NameSlug
// cannot spell never yields an id that conferences of other names share,
// and the same names give the same id wherever the program is read from.
func NameID(prefix string, names []string, salt ...string) string {
	digits, named := "", false
	for _, n := range names {
		named = named || strings.TrimSpace(n) != ""
		s := NameSlug(n)
		if strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
			return s
		}
		if digits == "" {
			digits = s
		}
	}
	if digits != "" {
		prefix = digits
	}
	if named {
		return HashID(prefix, names...)
	}
	return HashID(prefix, salt...)
}
