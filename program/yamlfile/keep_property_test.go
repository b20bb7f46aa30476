package yamlfile

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// The property of a re-scrape for the text the user wrote: whatever
// happens to the talks around them (retitled, moved, withdrawn or left
// alone), every line of every user-owned mapping (post, a day's notes, a
// talk's notes) is in the file afterwards byte for byte, as it was, and
// reads back to the same values.
func TestMergeKeepsUserText(t *testing.T) {
	for seed := uint64(0); seed < 400; seed++ {
		checkKeep(t, seed)
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

// keepGen writes a program file by hand, in every style a user may use,
// and remembers the user-owned blocks it wrote.
type keepGen struct {
	r      *rand.Rand
	b      strings.Builder
	blocks []string // user-owned text, whole lines
	owners []string // the talk each block is the notes of ("" for others)
	talk   string   // the talk being written
	uniq   int
	above  string // a comment line to go above the next mapping's key
}

// word is a word no other block has, so a block found is this block.
func (g *keepGen) word() string {
	g.uniq++
	return fmt.Sprintf("w%d", g.uniq)
}

func (g *keepGen) line(indent int, s string) string {
	return strings.Repeat(" ", indent) + s + "\n"
}

// textValue is a string value at indent, in a random style, as the text
// following "key:" (its lines with their line ends).
func (g *keepGen) textValue(indent int) string {
	in := strings.Repeat(" ", indent+2)
	w1, w2, w3 := g.word(), g.word(), g.word()
	styles := []func() string{
		func() string { return " " + w1 + " plain\n" },
		func() string {
			return " |\n" + in + w1 + " hard break  \n" + in + w2 + "\ttab inside\n\n" + in + w3 + " after a blank\n"
		},
		func() string { return " |-\n" + in + w1 + " line\n" + in + "  " + w2 + " more indented\n" },
		func() string { return " >\n" + in + w1 + " folded\n" + in + w2 + " lines  \n" },
		func() string { return " >-\n" + in + w1 + " folded\n" + in + w2 + " strip\n" },
		func() string { return " '" + w1 + " a two-line\n" + in + w2 + " quoted title'\n" },
		func() string { return " \"" + w1 + " double \\\"quoted\\\"\"   # " + w2 + " after\n" },
		func() string { return " |   # " + w1 + " on the indicator\n" + in + w2 + " x\n" },
	}
	styles = append(styles, func() string { return " |+\n" + in + w1 + " keep\n" },
		// as yaml.v3 writes a quoted value of several lines: the closing
		// quote at column 0
		func() string { return " '" + w1 + " quoted\n\n\n" + in + w2 + " on\n\n'\n" })
	return styles[g.r.IntN(len(styles))]()
}

// mapping writes a user-owned mapping under key at indent, with keys from
// text (string values) and others (scalar values as written).
func (g *keepGen) mapping(indent int, key string, text []string, others []string) {
	var b strings.Builder
	b.WriteString(g.above)
	g.above = ""
	keyLine := key + ":"
	if g.r.IntN(5) == 0 {
		keyLine += "   # " + g.word() + " on the key"
	}
	if g.r.IntN(6) == 0 { // flow
		var items []string
		for _, k := range append(others, text...)[:1+g.r.IntN(len(text)+len(others))] {
			sep := ", "
			if g.r.IntN(2) == 0 {
				sep = ",   "
			}
			v := g.word()
			if indexOf(text, k) < 0 {
				v = scalarFor(k)
			}
			items = append(items, k+": "+v+sep)
		}
		flow := strings.TrimRight(strings.Join(items, ""), ", ")
		b.WriteString(g.line(indent, key+": {"+flow+"}"))
		if g.r.IntN(3) == 0 {
			b.WriteString(g.line(indent+2, "# "+g.word()+" closing comment"))
		}
		g.blocks, g.owners = append(g.blocks, b.String()), append(g.owners, g.talk)
		g.b.WriteString(b.String())
		return
	}
	b.WriteString(g.line(indent, keyLine))
	in := indent + 2
	keys := append(append([]string(nil), others...), text...)
	g.r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	keys = keys[:1+g.r.IntN(len(keys))]
	for i, k := range keys {
		if g.r.IntN(5) == 0 {
			b.WriteString(g.line(in, "# "+g.word()+" above "+k))
		}
		if i > 0 && g.r.IntN(6) == 0 && !strings.HasSuffix(b.String(), "keep\n") {
			b.WriteString("\n") // a blank line between keys (not after |+, whose text it is)
		}
		switch {
		case k == "tags":
			if g.r.IntN(2) == 0 {
				b.WriteString(g.line(in, "tags: ["+g.word()+",  o'"+g.word()+"]"))
			} else {
				b.WriteString(g.line(in, "tags:"))
				b.WriteString(g.line(in+2, "- "+g.word()+"   # main"))
				if g.r.IntN(3) == 0 {
					b.WriteString(g.line(in+2, "# "+g.word()+" between items"))
				}
				b.WriteString(g.line(in+2, "- "+g.word()))
			}
		case indexOf(text, k) >= 0:
			b.WriteString(strings.Repeat(" ", in) + k + ":" + g.textValue(in))
		default:
			b.WriteString(g.line(in, k+": "+scalarFor(k)+"  # "+g.word()))
		}
	}
	if g.r.IntN(3) == 0 {
		b.WriteString(g.line(in, "# "+g.word()+" closing comment"))
	}
	g.blocks, g.owners = append(g.blocks, b.String()), append(g.owners, g.talk)
	g.b.WriteString(b.String())
}

// gap writes a comment line between two list items, at one of the
// columns given, set off by a blank line or not: it stays where it is.
func (g *keepGen) gap(cols ...int) {
	c := g.line(cols[g.r.IntN(len(cols))], "# "+g.word()+" in the gap")
	if g.r.IntN(3) == 0 {
		c += "\n"
	}
	g.blocks, g.owners = append(g.blocks, c), append(g.owners, "")
	g.b.WriteString(c)
}

func scalarFor(k string) string {
	switch k {
	case "plan", "attended", "media":
		return "true"
	case "rating":
		return "4"
	case "wrap":
		return "72"
	case "tags":
		return "[a,  b]"
	case "format":
		return "hugo"
	}
	return "x"
}

func checkKeep(t *testing.T, seed uint64) {
	g := &keepGen{r: rand.New(rand.NewPCG(seed, 7))}
	r := g.r
	g.b.WriteString("conference:\n  id: keep\n  name: Keep Con\n  url: https://example.org/keep/program\n")
	if r.IntN(2) == 0 {
		g.mapping(0, "post", []string{"title"}, []string{"format", "wrap", "media"})
	}
	g.b.WriteString("days:\n")
	n := 0
	days := 1 + r.IntN(3)
	for d := range days {
		if d > 0 && r.IntN(4) == 0 {
			g.gap(0, 2)
		}
		g.b.WriteString(fmt.Sprintf("  - date: \"2026-05-%02d\"\n", 10+d))
		if r.IntN(2) == 0 {
			g.mapping(4, "notes", []string{"intro", "outro", "title"}, nil)
		}
		g.b.WriteString("    talks:\n")
		for k := range 1 + r.IntN(4) {
			if r.IntN(4) == 0 {
				g.gap(0, 4, 6)
			}
			g.b.WriteString(fmt.Sprintf("      - id: t%d\n        title: Talk %d\n        start: \"%02d:00\"\n", n, n, 9+k))
			n++
			if r.IntN(4) > 0 {
				if r.IntN(5) == 0 {
					g.above = "        # " + g.word() + " above the notes\n"
				}
				g.talk = fmt.Sprintf("t%d", n-1)
				g.mapping(8, "notes", []string{"lead", "commentary", "title"}, []string{"plan", "attended", "rating", "tags"})
				g.talk = ""
			}
			if r.IntN(4) == 0 {
				g.b.WriteString("\n")
			}
		}
	}
	old := g.b.String()
	// The same file with CRLF line ends, or a BOM, or both, keeps the same
	// lines (with its line ends).
	eol := "\n"
	if r.IntN(3) == 0 {
		eol = "\r\n"
		old = strings.ReplaceAll(old, "\n", eol)
	}
	if r.IntN(4) == 0 {
		old = "\ufeff" + old
	}
	orig, err := Unmarshal([]byte(old), "old.yaml")
	if err != nil {
		t.Fatalf("generated file does not read: %v\n%s", err, old)
	}
	fresh, _ := Unmarshal([]byte(old), "old.yaml")
	changed := false
	for di := range fresh.Days {
		var talks []program.Talk
		for _, tk := range fresh.Days[di].Talks {
			tk.Notes = nil
			switch r.IntN(5) {
			case 0: // retitled
				tk.Title += " (new)"
				changed = true
			case 1: // moved in the day
				tk.Start = "18:00"
				changed = true
			case 2: // moved to the first day
				if di > 0 {
					tk.Start = "19:00"
					fresh.Days[0].Talks = append(fresh.Days[0].Talks, tk)
					changed = true
					continue
				}
			case 3: // withdrawn
				changed = true
				continue
			}
			talks = append(talks, tk)
		}
		fresh.Days[di].Talks = talks
	}
	res, err := MergeFile([]byte(old), "old.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatalf("merge: %v\n%s", err, old)
	}
	if changed && !res.Changed {
		t.Fatalf("nothing changed")
	}
	out := string(res.Data)
	for _, b := range g.blocks {
		b = strings.ReplaceAll(b, "\n", eol)
		if !strings.Contains(out, b) {
			t.Fatalf("user text not kept byte for byte:\n%s--- in\n%s--- was\n%s", b, out, old)
		}
	}
	got, err := Unmarshal(res.Data, "new.yaml")
	if err != nil {
		t.Fatalf("merged file does not read: %v\n%s", err, out)
	}
	checkMarkKeeps(t, g, got, res.Data, eol)
	if !reflect.DeepEqual(got.Post, orig.Post) {
		t.Errorf("post differs: %+v, was %+v", got.Post, orig.Post)
	}
	notes := map[string]*program.TalkNotes{}
	for _, d := range orig.Days {
		for _, tk := range d.Talks {
			notes[tk.ID] = tk.Notes
		}
	}
	for _, d := range got.Days {
		for _, tk := range d.Talks {
			if !reflect.DeepEqual(tk.Notes, notes[tk.ID]) {
				t.Errorf("notes of %s differ:\n%+v\nwas\n%+v", tk.ID, tk.Notes, notes[tk.ID])
			}
		}
	}
}

// checkMarkKeeps: mark, tagging one talk with a word holding an
// apostrophe, leaves every user line as it was but the tags line of that
// talk's notes.
func checkMarkKeeps(t *testing.T, g *keepGen, p *program.Program, data []byte, eol string) {
	t.Helper()
	var ids []string
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			ids = append(ids, tk.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	id := ids[g.r.IntN(len(ids))]
	out, err := EditNotes(data, "new.yaml", map[string]NoteEdit{id: {AddTags: []string{"it's"}}})
	if err != nil {
		t.Fatalf("mark %s: %v\n%s", id, err, data)
	}
	for i, b := range g.blocks {
		for _, l := range strings.SplitAfter(b, "\n") {
			if g.owners[i] == id && (strings.Contains(l, "tags:") || strings.Contains(l, "notes:") || strings.HasPrefix(strings.TrimSpace(l), "- ")) {
				continue // the lines mark may change
			}
			if l = strings.ReplaceAll(l, "\n", eol); !strings.Contains(string(out), l) {
				t.Fatalf("mark %s --tag it's changed the line %q:\n%s--- was\n%s", id, l, out, data)
			}
		}
	}
}
