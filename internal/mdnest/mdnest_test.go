package mdnest

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/internal/mdnest/mdnesttest"
)

func TestBound(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"> > quote\n* a\n  * b", "> > quote\n* a\n  * b"},
		{strings.Repeat("> ", 17) + "x", strings.Repeat("> ", 16) + `\> x`},
		{strings.Repeat(">", 20) + "x", strings.Repeat(">", 16) + `\>>>>x`},
		{strings.Repeat("1. ", 17) + "x", strings.Repeat("1. ", 16) + `1\. x`},
		{strings.Repeat("- ", 17) + "x", strings.Repeat("- ", 16) + `\- x`},
		{strings.Repeat("* ", 40), strings.Repeat("* ", 40)}, // a rule
		{"a\n" + strings.Repeat("> 2) ", 9) + "x\nb", "a\n" + strings.Repeat("> 2) ", 8) + `\> 2) x` + "\nb"},
		{"    " + strings.Repeat("> ", 30), "    " + strings.Repeat("> ", 30)}, // code
	} {
		if got := Bound(tc.in); got != tc.want {
			t.Errorf("Bound(%.40q…)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestBoundHostile: the abstracts of issue 23 (120 KB of "1. ", 40 KB of
// ">") come out nesting MaxDepth deep, their text kept.
func TestBoundHostile(t *testing.T) {
	for _, md := range []string{strings.Repeat("1. ", 40000) + "x", strings.Repeat(">", 40000) + " x"} {
		got := Bound(md)
		if d := mdnesttest.Depth(got); d != MaxDepth {
			t.Errorf("%.10q…: depth %d after Bound, want %d", md, d, MaxDepth)
		}
		if len(got) != len(md)+1 {
			t.Errorf("%.10q…: %d bytes, want %d (one backslash added)", md, len(got), len(md)+1)
		}
	}
}

// TestBoundProperty: over random lines of quote and list markers (with
// blanks, tabs, numbers, text), goldmark reads Bound's result at most
// MaxDepth deep on one line, exactly as deep as the input when that was
// within the limit, and Bound changes nothing else.
func TestBoundProperty(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	markers := []string{">", "> ", "- ", "* ", "+ ", "1. ", "12) ", "3.\t", ">\t"}
	for iter := 0; iter < 2000; iter++ {
		var lines []string
		for n := 1 + r.Intn(3); n > 0; n-- {
			var b strings.Builder
			for k := r.Intn(2 * MaxDepth); k > 0; k-- {
				b.WriteString(markers[r.Intn(len(markers))])
			}
			b.WriteString("text")
			lines = append(lines, b.String())
		}
		md := strings.Join(lines, "\n\n")
		got := Bound(md)
		if d := mdnesttest.Depth(got); d > MaxDepth || mdnesttest.Depth(md) <= MaxDepth && d != mdnesttest.Depth(md) {
			t.Fatalf("depth %d after Bound (before %d), want at most %d\n%q\n%q", d, mdnesttest.Depth(md), MaxDepth, md, got)
		}
		if mdnesttest.Depth(md) <= MaxDepth && got != md {
			t.Fatalf("changed a text within the limit:\n%q\n%q", md, got)
		}
		checkInsertions(t, md, got)
	}
}

// checkInsertions: got is md with at most one backslash added per line,
// and Bound leaves got as it is.
func checkInsertions(t *testing.T, md, got string) {
	t.Helper()
	gl, ml := strings.Split(got, "\n"), strings.Split(md, "\n")
	if len(gl) != len(ml) {
		t.Fatalf("%d lines became %d", len(ml), len(gl))
	}
	for i := range ml {
		if gl[i] == ml[i] {
			continue
		}
		k := 0
		for k < len(ml[i]) && ml[i][k] == gl[i][k] {
			k++
		}
		if gl[i][k] != '\\' || gl[i][k+1:] != ml[i][k:] {
			t.Fatalf("line %d: %q became %q, want one backslash added", i+1, ml[i], gl[i])
		}
	}
	if again := Bound(got); again != got {
		t.Fatalf("Bound is not idempotent:\n%q\n%q", got, again)
	}
}

// FuzzBound: on any text Bound only adds backslashes, one a line at most,
// is idempotent; one line comes out at most MaxDepth deep, as it was
// when it was within the limit.
func FuzzBound(f *testing.F) {
	f.Add("> > a\n* b\n  1. c")
	f.Add(strings.Repeat("1. ", 40) + "x")
	f.Add(strings.Repeat(">", 40) + " x\n" + strings.Repeat("- ", 30))
	f.Add("```\n" + strings.Repeat("> ", 20) + "\n```")
	f.Fuzz(func(t *testing.T, md string) {
		got := Bound(md)
		checkInsertions(t, md, got)
		if len(md) > 2000 || strings.ContainsAny(md, "\n\r") {
			return
		}
		if d := mdnesttest.Depth(got); d > MaxDepth {
			t.Fatalf("one line nests %d deep after Bound:\n%q", d, got)
		}
		if mdnesttest.Depth(md) <= MaxDepth && got != md {
			t.Fatalf("one line within the limit changed:\n%q\n%q", md, got)
		}
	})
}

func BenchmarkBound(b *testing.B) {
	md := strings.Repeat("1. ", 40000) + "x\n\n" + strings.Repeat(">", 40000) + " x"
	b.SetBytes(int64(len(md)))
	for range b.N {
		Bound(md)
	}
}
