package digest

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Words of the abstracts the fast path is for, and a few it must leave to
// the parser.
var simpleWords = []string{
	"a", "the", "systems", "error", "budget", "ünïcödé", "10%", "e.g.", "2024", "-", "+", "1.", "(paren)", ":", "5 > 3", "#tag",
	"*em*", "**strong**", "*two words*", "[link](https://example.org/x)", "[rel](/conference/x)", "[two words](https://example.org/a?b=c)",
	"Hello!", "\"quoted\"", "it's", "averyveryveryverylongword",
}

// hardWords the fast path must leave to the parser (or get right).
var hardWords = []string{"x*y", "*not closed", "[bare]", "a_b", "AT&T", "`code`", "![i](https://example.org/i.png)",
	"=", "#", ">", "*", "---", "~~s~~", "{x}", "<b>", "*em*'s", "**x", "[a](javascript:x)", "1)", "\\"}

func simpleAbstract(r *rand.Rand) string {
	para := func() string {
		words := make([]string, 1+r.IntN(25))
		for i := range words {
			words[i] = simpleWords[r.IntN(len(simpleWords))]
			if r.IntN(50) == 0 {
				words[i] = hardWords[r.IntN(len(hardWords))]
			}
		}
		return strings.Join(words, " ")
	}
	var blocks []string
	for n := 1 + r.IntN(4); n > 0; n-- {
		switch r.IntN(4) {
		case 0:
			var items []string
			for i := 0; i < 1+r.IntN(4); i++ {
				items = append(items, "* "+para())
			}
			blocks = append(blocks, strings.Join(items, "\n"))
		case 1:
			blocks = append(blocks, para()+"\n"+para())
		default:
			blocks = append(blocks, para())
		}
	}
	return strings.Join(blocks, "\n\n")
}

// Whatever the fast path takes, it writes exactly what the parser's path
// writes, in every flavor and width; and it takes most simple abstracts.
func TestFastWriteAgreesWithParser(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	taken := 0
	const n = 5000
	for i := 0; i < n; i++ {
		md := simpleAbstract(r)
		for _, format := range []string{"markdown", "hugo", "jekyll"} {
			width := r.IntN(90)
			fast := &mdWriter{width: width, f: flavorOf(format)}
			got, ok := fast.fastWrite(md, "> ")
			if !ok {
				continue
			}
			taken++
			slow := &mdWriter{width: width, f: flavorOf(format)}
			want := slow.parsedWrite(md, "> ")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("%s width %d:\n%s\n--- fast\n%s\n--- parser\n%s", format, width, md, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	t.Logf("the fast path took %d of %d", taken, 3*n)
	if taken < n/4 {
		t.Errorf("the fast path took %d of %d", taken, 3*n)
	}
	// The benchmark's abstract, and htmlmd's usual output, go the fast way.
	for _, md := range []string{
		"This talk studies a problem of some *importance* and proposes a solution.\n\n* what we measured\n* what we changed\n\nOur results show an improvement of 2x over the [previous approach](https://example.org/prior).",
	} {
		if _, ok := (&mdWriter{width: 79}).fastWrite(md, "> "); !ok {
			t.Errorf("the fast path does not take %q", md)
		}
	}
}
