package digest

import (
	"regexp"
	"testing"

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
		if got := quoteMarkdown(tt.md, tt.width, flavorNamed("markdown"), "full"); got != tt.want {
			t.Errorf("quote(%q, %d) =\n%s\nwant\n%s", tt.md, tt.width, got, tt.want)
		}
	}
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

// An affiliation ending in a full stop ends the sentence: no "Inc..".
func TestDefaultLeadOneFullStop(t *testing.T) {
	for _, c := range []struct{ aff, want string }{
		{"Example Inc.", "By [A](u) of Example Inc."},
		{"Example Labs", "By [A](u) of Example Labs."},
		{"", "By [A](u)."},
	} {
		if got := defaultLead("[A](u)", []program.Speaker{{Name: "A", Affiliation: c.aff}}); got != c.want {
			t.Errorf("affiliation %q: got %s, want %s", c.aff, got, c.want)
		}
	}
}

// blockStart says what the pattern ^(?:[-+*]|#{1,6}|>.*|\d{1,9}[.)]|=+|-+)$ says.
func TestBlockStart(t *testing.T) {
	re := regexp.MustCompile(`^(?:[-+*]|#{1,6}|>.*|\d{1,9}[.)]|=+|-+)$`)
	for _, w := range []string{"", "-", "+", "*", "**", "#", "######", "#######", "#a", ">", ">x", "1.", "1)", "123456789.", "1234567890.", "1.5", "12", "=", "===", "=a", "---", "-a", "a", "–", "+-"} {
		if got, want := blockStart(w), re.MatchString(w); got != want {
			t.Errorf("blockStart(%q) = %v, want %v", w, got, want)
		}
	}
}
