package usenix

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// A people line comes in two shapes:
//
//	Name, <em>Org;</em> Name and Name, <em>Org, City</em>    papers: the <em> marks the affiliation
//	Name and Name, Org  /  Name, Org, and Name, Org          talks: plain text
//
// With <em>, its boundaries split names from affiliations, so affiliations
// may hold commas. Without, the last comma-separated part of each person's
// group is the affiliation.

var (
	roleRe       = regexp.MustCompile(`(?i)^\s*(?:moderators?|panelists?|speakers?|presenters?|authors?|program co-chairs?|session chairs?|hosts?|keynote speakers?)\s*:\s*`)
	nameSuffixRe = regexp.MustCompile(`(?i)^(?:ph\.?\s?d\.?|m\.?d\.?|jr\.?|sr\.?|ii|iii|iv)$`)
)

// segment is a run of a people line's text, emphasised (in <em>, <i>) or not;
// brk marks a line break before it.
type segment struct {
	text string
	em   bool
	brk  bool
}

func segments(n *html.Node) []segment {
	var out []segment
	brk := false
	var walk func(n *html.Node, em bool)
	walk = func(n *html.Node, em bool) {
		switch n.Type {
		case html.TextNode:
			if n.Data == "" {
				return
			}
			if k := len(out) - 1; k >= 0 && out[k].em == em && !brk {
				out[k].text += n.Data
				return
			}
			out = append(out, segment{text: n.Data, em: em, brk: brk})
			brk = false
			return
		case html.ElementNode:
			switch n.Data {
			case "br", "p", "div", "li":
				brk = true
			case "em", "i":
				em = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, em)
		}
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "div" || n.Data == "li") {
			brk = true
		}
	}
	walk(n, false)
	return out
}

// parsePeople reads the speakers of a people field, and an award line when
// the field carries one.
func parsePeople(field *html.Node) (speakers []program.Speaker, award string) {
	segs := segments(field)
	hasEm := false
	kept := segs[:0]
	for _, s := range segs {
		t := htmlmd.Clean(s.text)
		if (s.em || s.brk) && isAward(t) {
			if award == "" {
				award = strings.Trim(t, " !.")
			}
			continue
		}
		if s.em && strings.Trim(t, " ,;") != "" {
			hasEm = true
		}
		kept = append(kept, s)
	}
	if hasEm {
		return emPeople(kept), award
	}
	// Without <em>, each line stands alone: "Moderator: A, Org" then "Panelists: …".
	var line []string
	flush := func() {
		speakers = append(speakers, plainPeople(htmlmd.Clean(strings.Join(line, " ")))...)
		line = line[:0]
	}
	for _, s := range kept {
		if s.brk {
			flush()
		}
		line = append(line, s.text)
	}
	flush()
	return speakers, award
}

// emPeople pairs each emphasised affiliation with the names written before it.
func emPeople(segs []segment) []program.Speaker {
	var out []program.Speaker
	pending := ""
	for _, s := range segs {
		if !s.em {
			pending += " " + s.text
			continue
		}
		aff := strings.Trim(htmlmd.Clean(s.text), " ,;")
		names := splitNames(pending)
		pending = ""
		if len(names) == 0 && len(out) > 0 && aff != "" {
			// "<em>Org</em> <em>, City</em>" or an affiliation split over two tags.
			last := &out[len(out)-1]
			last.Affiliation = strings.Trim(last.Affiliation+", "+aff, " ,")
			continue
		}
		for _, n := range names {
			out = append(out, program.Speaker{Name: n, Affiliation: aff})
		}
	}
	for _, n := range splitNames(pending) {
		out = append(out, program.Speaker{Name: n})
	}
	return out
}

// splitNames splits "A, B, and C" (or "A and B", "A & B") into names.
func splitNames(s string) []string {
	var out []string
	for _, n := range strings.Split(andToComma(stripRole(s)), ",") {
		n = strings.Trim(stripRole(n), " ;")
		if n == "" {
			continue
		}
		if nameSuffixRe.MatchString(n) && len(out) > 0 {
			out[len(out)-1] += ", " + n
			continue
		}
		out = append(out, n)
	}
	return out
}

// andToComma turns the words joining names (" and ", ", and ", " & ") into
// commas, on text already folded by clean.
func andToComma(s string) string {
	s = " " + htmlmd.Clean(s) + " "
	s = strings.ReplaceAll(s, " and ", ", ")
	s = strings.ReplaceAll(s, " & ", ", ")
	return strings.TrimSpace(s)
}

// stripRole drops a leading "Moderator:", "Panelists:" and the like.
func stripRole(s string) string {
	if !strings.Contains(s, ":") {
		return s
	}
	return roleRe.ReplaceAllString(s, "")
}

func isAward(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "award") || strings.Contains(l, "best paper") || strings.Contains(l, "distinguished")
}

// plainPeople reads "A and B, Org", "A, Org, and B, Org", "A, Org; B, Org":
// each part between "and"s (or ";") is a name, then optionally ", Org";
// names without an affiliation take the next one given.
func plainPeople(s string) []program.Speaker {
	var out []program.Speaker
	for _, group := range strings.Split(stripRole(s), ";") {
		out = append(out, plainGroup(group)...)
	}
	return out
}

func plainGroup(s string) []program.Speaker {
	var out []program.Speaker
	waiting := 0 // speakers at the end of out still without affiliation
	for _, part := range splitAnd(s) {
		part = strings.Trim(stripRole(part), " ,")
		if part == "" {
			continue
		}
		chunks := strings.Split(part, ",")
		for i := range chunks {
			chunks[i] = strings.TrimSpace(chunks[i])
		}
		name := chunks[0]
		rest := chunks[1:]
		for len(rest) > 0 && nameSuffixRe.MatchString(rest[0]) {
			name += ", " + rest[0]
			rest = rest[1:]
		}
		aff := strings.Join(rest, ", ")
		out = append(out, program.Speaker{Name: name, Affiliation: aff})
		if aff == "" {
			waiting++
			continue
		}
		for i := len(out) - 1 - waiting; i < len(out)-1; i++ {
			out[i].Affiliation = aff
		}
		waiting = 0
	}
	return out
}

// splitAnd splits at " and ", ", and " and " & ", not at plain commas.
func splitAnd(s string) []string {
	s = " " + htmlmd.Clean(s) + " "
	for _, sep := range []string{", and ", " and ", " & "} {
		s = strings.ReplaceAll(s, sep, "\x00")
	}
	return strings.Split(s, "\x00")
}
