package digest

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/confdigest/confdigest/program"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		md    string
		width int
		want  string
	}{
		{"", 79, ""},
		{"One short paragraph.", 79, "> One short paragraph."},
		{"aaa bbb ccc ddd", 9, "> aaa bbb\n> ccc ddd"},
		{"one\n\ntwo", 79, "> one\n>\n> two"},
		{"* a b c d\n* e", 9, "> * a b c\n>   d\n> * e"},
		{"10. ten items here", 12, "> 10. ten\n>     items\n>     here"},
		{"averyveryverylongword and more", 10, "> averyveryverylongword\n> and more"},
		// "-" would start a list item on the next line: "x" moves down with it.
		{"aaaa x - y", 10, "> aaaa x -\n> y"},
		{"aaaa x - y", 9, "> aaaa\n> x - y"},
		{"a - b", 3, "> a -\n> b"}, // no way to avoid it but a long line
		{"```\ncode  kept\n```", 5, "> ```\n> code  kept\n> ```"},
		{"# Heading stays", 5, "> # Heading stays"},
		{"wide ünïcödé wörds", 13, "> wide\n> ünïcödé\n> wörds"},
	}
	for _, tt := range tests {
		if got := quote(tt.md, tt.width); got != tt.want {
			t.Errorf("quote(%q, %d) =\n%s\nwant\n%s", tt.md, tt.width, got, tt.want)
		}
	}
}

// On random paragraphs, every line is quoted, fits unless it is one word,
// starts with no block syntax, and the words come back in order.
func TestQuoteProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"a", "to", "the", "-", "+", "*", "1.", "2)", "#", ">", "=", "error", "budget", "reliability", "ünïcödé", "10%", "[link](https://example.org/x)", "averyveryveryverylongword"}
	for i := 0; i < 2000; i++ {
		words := make([]string, 1+r.IntN(40))
		for j := range words {
			words[j] = vocab[r.IntN(len(vocab))]
		}
		words[0] = "start"
		width := 10 + r.IntN(70)
		got := quote(strings.Join(words, " "), width)
		var back []string
		for k, line := range strings.Split(got, "\n") {
			if !strings.HasPrefix(line, "> ") {
				t.Fatalf("line %q not quoted", line)
			}
			body := strings.TrimPrefix(line, "> ")
			f := strings.Fields(body)
			if utf8.RuneCountInString(line) > width && len(f) > 1 && !onlyUnsafeAfterFirst(f) {
				t.Fatalf("width %d: line %q too long in\n%s", width, line, got)
			}
			if k > 0 && blockStartRe.MatchString(f[0]) {
				t.Fatalf("width %d: line %q starts with block syntax in\n%s", width, line, got)
			}
			back = append(back, f...)
		}
		if strings.Join(back, " ") != strings.Join(words, " ") {
			t.Fatalf("words changed:\n%q\n%q", back, words)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"SREcon17 Europe/Middle East/Africa -- Day 1": "srecon17-europe-middle-east-africa-day-1",
		"../../etc/passwd":                            "etc-passwd",
		"/absolute/path":                              "absolute-path",
		"":                                            "",
		"Día de Ópera":                                "dia-de-opera",
		"日本語":                                         "",
		"C:\\Windows\\..\\x.md":                       "c-windows-x-md",
	} {
		if got := fileSlug(in); got != want {
			t.Errorf("fileSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// onlyUnsafeAfterFirst: a line may run long when every word after its first
// is block syntax, since none of them could start the next line.
func onlyUnsafeAfterFirst(f []string) bool {
	for _, w := range f[1:] {
		if !blockStartRe.MatchString(w) {
			return false
		}
	}
	return true
}

// A lead names each institution once, in order.
func TestDefaultLeadInstitutions(t *testing.T) {
	sp := []program.Speaker{
		{Name: "A", Affiliation: "Tsinghua University"},
		{Name: "B", Affiliation: "Tencent and Nanjing University"},
		{Name: "C", Affiliation: "Tencent"},
		{Name: "D", Affiliation: "University of California, Berkeley"},
		{Name: "E", Affiliation: "Texas A and M; Example Labs"},
	}
	got := defaultLead("[A](u)", sp)
	want := "By [A](u) of Tsinghua University, Tencent, Nanjing University, University of California, Berkeley, Texas A and M and Example Labs."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
