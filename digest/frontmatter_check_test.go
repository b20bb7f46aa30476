package digest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program/yamlfile"
)

// What check accepts as front matter, every flavour's encoder writes: the
// values are fed, as check accepted them, to the real TOML and YAML
// encoders through Render (issue 23, item 14: {params: {1: one}} passed
// check, then the hugo digest failed in the TOML encoder).
func TestCheckedFrontMatterIsWritten(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 14))
	accepted := 0
	for range 600 {
		fm := randomYAML(rng, 0, true)
		if frontMatterWritten(t, fm) {
			accepted++
		}
	}
	if accepted < 60 {
		t.Errorf("check accepted only %d of 600 front matters: the test tries too little", accepted)
	}
}

// FuzzCheckedFrontMatter: the same over any text.
func FuzzCheckedFrontMatter(f *testing.F) {
	for _, s := range []string{"{params: {1: one}}", "{a: [{1: x}]}", "{a: {? [a, b] : c}}", "{tags: [a, ~]}", "{type: post, categories: []}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		if strings.ContainsAny(fm, "\n\r") {
			return // one flow value on its line
		}
		frontMatterWritten(t, fm)
	})
}

// frontMatterWritten puts fm as post.front_matter and as a day's
// notes.front_matter; where check accepts the file, every format must
// render it. It reports whether check accepted it.
func frontMatterWritten(t *testing.T, fm string) bool {
	t.Helper()
	ok := false
	for _, file := range []string{
		"conference: {id: c, name: C}\npost:\n  front_matter: " + fm + "\ndays:\n  - date: \"2026-03-18\"\n    notes: {intro: x}\n",
		"conference: {id: c, name: C}\ndays:\n  - date: \"2026-03-18\"\n    notes:\n      intro: x\n      front_matter: " + fm + "\n",
	} {
		p, err := yamlfile.Unmarshal([]byte(file), "p.yaml")
		if err != nil {
			continue // check said what is wrong
		}
		ok = true
		for _, format := range Formats {
			if _, _, err := Render(p, Options{Format: format, Summary: true}); err != nil {
				t.Errorf("check accepts front_matter %s, but the %s digest fails: %v", fm, format, err)
			}
		}
	}
	return ok
}

var yamlScalars = []string{
	"x", "name", "1", "-2", "1.5", "1e3", "true", "false", "yes", "~", "null", "''", `""`,
	"2026-03-18", "2026-03-18T10:00:00Z", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000",
	`"quoted: text"`, "!!str 1", "!!binary aGVsbG8=", "'a, b'", `"\t"`, "é", "12345678901234567890123",
}

// randomYAML is a random flow value: a scalar, a list or a mapping, whose
// keys are of any kind.
func randomYAML(rng *rand.Rand, depth int, mapping bool) string {
	if !mapping {
		switch n := rng.IntN(10); {
		case depth >= 3 || n < 5:
			return yamlScalars[rng.IntN(len(yamlScalars))]
		case n < 7:
			items := make([]string, rng.IntN(4))
			for i := range items {
				items[i] = randomYAML(rng, depth+1, false)
			}
			return "[" + strings.Join(items, ", ") + "]"
		}
	}
	var pairs []string
	seen := map[string]bool{}
	for range rng.IntN(4) + boolInt(depth == 0) {
		key := yamlScalars[rng.IntN(len(yamlScalars))]
		switch rng.IntN(20) {
		case 0:
			key = "? [a, b]"
		case 1:
			key = "? {k: v}"
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		pairs = append(pairs, key+": "+randomYAML(rng, depth+1, false))
	}
	return "{" + strings.Join(pairs, ", ") + "}"
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
