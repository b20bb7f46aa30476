package yamlfile

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Tag words of every kind, added and taken back, in notes laid out every
// way, with comments in every place: each edit reads back as asked, keeps
// every comment, and writes no word a YAML 1.1 reader takes for a bool or
// a number.
func TestEditNotesTagWordsAndComments(t *testing.T) {
	words := []string{"t", "yes", "on", "No", "OFF", "y", "N", "true", "False", "null", "~", "1:20", "012", "0x1F",
		"1e3", ".inf", "a: b", "#x", "x #y", "- x", "[x]", "{x}", "'q'", `"dq"`, "ß", "日本", "a,b", "*x", "&x",
		"!x", "%x", "@x", "`x", "|", ">", "?", "x y", "2026-03-18",
		"it's", "o'reilly", "rock 'n' roll"}
	placements := []string{
		"        notes: {plan: true}   # c1\n",
		"        notes:\n          plan: true\n          # c1\n          rating: 3\n",
		"        notes:\n          # c1\n          tags: [a, b]   # c2\n          # c3\n          plan: true\n",
		"        notes:\n          tags:\n            # c1\n            - a   # c2\n            # c3\n            - b\n          # c4\n          plan: true\n",
		"        notes:\n          plan: true\n          tags:\n          - a   # c1\n          - b\n# c2\n",
		"        notes:   # c1\n",
		"        # c1\n",
		"        notes:\n          plan: true\n# c1\n          lead: |\n            x\n\n          # c2\n          attended: false\n",
		"        notes:\n          plan: true   # c1\n\n          # c2\n\n          rating: 3    # c3\n",
		"        notes:\n          lead: |\n            hard break  \n            a\ttab\n          tags: [o'neil, sre]   # c1\n          commentary: >\n            folded\n            lines\n",
		"        notes: {commentary: it's great, tags: [ain't]}   # c1\n",
		"        notes:\n      # c1\n          plan: true\n          # c2\n        # c3\n        abstract: x\n",
	}
	for pi, notes := range placements {
		text := "conference:\n  id: x\ndays:\n  - date: \"2026-03-18\"\n    talks:\n      - id: a\n        title: A\n" +
			notes + "      - id: b   # c9\n        title: B\n"
		before, err := Unmarshal([]byte(text), "p.yaml")
		if err != nil {
			t.Fatalf("placement %d: %v", pi, err)
		}
		var oldTags []string
		if n := before.Days[0].Talks[0].Notes; n != nil {
			oldTags = n.Tags
		}
		for _, w := range words {
			added, err := EditNotes([]byte(text), "p.yaml", map[string]NoteEdit{"a": {AddTags: []string{w}}})
			if err != nil {
				t.Errorf("placement %d, tag %q: %v", pi, w, err)
				continue
			}
			checkEdited(t, pi, w, text, added, append(append([]string{}, oldTags...), w))
			back, err := EditNotes(added, "p.yaml", map[string]NoteEdit{"a": {RemoveTags: []string{w}}})
			if err != nil {
				t.Errorf("placement %d, tag %q taken back: %v", pi, w, err)
				continue
			}
			checkEdited(t, pi, w, text, back, oldTags)
			if len(oldTags) > 0 && !strings.Contains(notes, "{") && string(back) != text {
				t.Errorf("placement %d, tag %q added and taken back: got\n%s\nwant\n%s", pi, w, back, text)
			}
		}
	}
}

func checkEdited(t *testing.T, pi int, w, text string, out []byte, want []string) {
	t.Helper()
	p, problems := Check(out, "p.yaml")
	if p == nil || hasErrors(problems) {
		t.Errorf("placement %d, tag %q: %v\n%s", pi, w, problems, out)
		return
	}
	var got []string
	if n := p.Days[0].Talks[0].Notes; n != nil {
		got = n.Tags
	}
	if len(want) == 0 {
		want = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("placement %d, tag %q: tags %q, want %q\n%s", pi, w, got, want, out)
	}
	for _, l := range strings.Split(text, "\n") {
		if c := strings.TrimSpace(l); strings.Contains(c, "# c") && !strings.Contains(string(out), c[strings.Index(c, "# c"):]) {
			t.Errorf("placement %d, tag %q: comment %q lost\n%s", pi, w, c, out)
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(n *yaml.Node, inTags bool)
	walk = func(n *yaml.Node, inTags bool) {
		if inTags && n.Kind == yaml.ScalarNode && n.Style == 0 {
			if tag, ok := plainTag(n.Value); !ok || tag != "!!str" || yaml11Plain(n.Value) {
				t.Errorf("placement %d: tag %q written plain, which YAML 1.1 reads as %s\n%s", pi, n.Value, tag, out)
			}
		}
		for i, c := range n.Content {
			walk(c, inTags || n.Kind == yaml.MappingNode && i%2 == 1 && n.Content[i-1].Value == "tags")
		}
	}
	walk(&doc, false)
}
