package usenix

import (
	"fmt"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestParsePeople(t *testing.T) {
	tests := []struct {
		html  string
		want  string // name (affiliation); …
		award string
	}{
		{`Ana Lima, <em>Example University</em>`, "Ana Lima (Example University)", ""},
		{`A One and B Two, <em>Org X;</em> C Three, D Four, and E Five, <em>Harbin Institute of Technology, Shenzhen;</em> F Six, <em>Univ. Lille, CNRS, Inria</em>`,
			"A One (Org X); B Two (Org X); C Three (Harbin Institute of Technology, Shenzhen); D Four (Harbin Institute of Technology, Shenzhen); E Five (Harbin Institute of Technology, Shenzhen); F Six (Univ. Lille, CNRS, Inria)", ""},
		{`A One, <i>Org X</i>; B Two, <i>Org Y</i>`, "A One (Org X); B Two (Org Y)", ""},
		{`A One, <em>Org X</em>, and B Two, <em>Org Y</em>`, "A One (Org X); B Two (Org Y)", ""},
		{`A One, <em>Org X</em><br><em>Awarded Best Paper!</em>`, "A One (Org X)", "Awarded Best Paper"},
		{`A One, <em>Org X</em><br>Distinguished Paper Award Winner`, "A One (Org X)", "Distinguished Paper Award Winner"},
		{`A One and B Two, Org X`, "A One (Org X); B Two (Org X)", ""},
		{`Dr. A One, Org X, and B Two, Org Y`, "Dr. A One (Org X); B Two (Org Y)", ""},
		{`A One, Director, Production Engineering, Org X`, "A One (Director, Production Engineering, Org X)", ""},
		{`A One, PhD`, "A One, PhD", ""},
		{`A One`, "A One", ""},
		{`<p>Moderator: A One, Org X</p><p>Panelists: B Two, Org Y; C Three; D Four, Org Z</p>`, "A One (Org X); B Two (Org Y); C Three; D Four (Org Z)", ""},
		{`A&nbsp;One &amp; B Two, Org X`, "A One (Org X); B Two (Org X)", ""},
		{``, "", ""},
	}
	for _, tt := range tests {
		nodes, err := html.ParseFragment(strings.NewReader(tt.html), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatal(err)
		}
		root := &html.Node{Type: html.ElementNode, Data: "div"}
		for _, n := range nodes {
			root.AppendChild(n)
		}
		sp, award := parsePeople(root)
		var got []string
		for _, s := range sp {
			if s.Affiliation == "" {
				got = append(got, s.Name)
			} else {
				got = append(got, fmt.Sprintf("%s (%s)", s.Name, s.Affiliation))
			}
		}
		if g := strings.Join(got, "; "); g != tt.want || award != tt.award {
			t.Errorf("parsePeople(%q)\n got  %q, award %q\n want %q, award %q", tt.html, g, award, tt.want, tt.award)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"abc":              "abc",
		"  a \n b\u00a0c ": "a b c",
		"a  b":             "a b",
		"a\tb":             "a b",
		"bad \xff byte":    "bad \uFFFD byte",
		" ":                "",
	} {
		if got := htmlmd.Clean(in); got != want {
			t.Errorf("htmlmd.Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
