package program

import (
	"strings"
	"testing"
)

const editFile = `# my conference
conference:
  id: x
  name: X
  url: https://example.org/p

days:
  - date: "2026-03-18"   # day one
    talks:
      - id: a
        title: A
        abstract: |
          Line one.

          Line two.

      # the one I liked
      - id: b
        title: B
        notes:
          # mine
          lead: |
            By {speakers}.
          tags: [sre]
          attended: false   # sadly
      - {id: c, title: C, notes: {plan: true}}
`

func TestEditNotesTouchesOnlyTheNotes(t *testing.T) {
	yes, four := true, 4
	out, err := EditNotes([]byte(editFile), "p.yaml", map[string]NoteEdit{
		"a": {Plan: &yes, AddTags: []string{"keynote"}},
		"b": {Attended: &yes, Rating: &four, AddTags: []string{"sre", "ops"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{
		"          Line two.\n        notes:\n          plan: true\n          tags: [keynote]\n\n      # the one I liked\n",
		"          # mine\n          rating: 4\n          lead: |\n",
		"          tags: [sre, ops]\n          attended: true   # sadly\n",
		"# my conference\nconference:\n  id: x\n  name: X\n  url: https://example.org/p\n\ndays:\n  - date: \"2026-03-18\"   # day one\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	p, err := Unmarshal(out, "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Days[0].Talks[1].Notes; b.Lead != "By {speakers}.\n" || !b.Attended || b.Rating != 4 {
		t.Errorf("b: %+v", b)
	}
}

// Notes in a flow mapping are written anew; the rest of the file keeps
// its text.
func TestEditNotesFlowStyle(t *testing.T) {
	no := false
	out, err := EditNotes([]byte(editFile), "p.yaml", map[string]NoteEdit{"c": {Plan: &no}})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(editFile, "notes: {plan: true}}", "notes: {plan: false}}", 1); string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	p, err := Unmarshal(out, "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Days[0].Talks[2]; c.Notes == nil || c.Notes.Plan {
		t.Errorf("c: %+v", c.Notes)
	}
}

func TestEditNotesUnknownID(t *testing.T) {
	yes := true
	if _, err := EditNotes([]byte(editFile), "p.yaml", map[string]NoteEdit{"zz": {Plan: &yes}}); err == nil {
		t.Error("an unknown id was accepted")
	}
}
