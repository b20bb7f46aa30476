package yamlfile

import (
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
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

// Notes in a flow mapping are edited in place; the rest of the file keeps
// its text. Not planned is no plan: the key goes.
func TestEditNotesFlowStyle(t *testing.T) {
	no := false
	out, err := EditNotes([]byte(editFile), "p.yaml", map[string]NoteEdit{"c": {Plan: &no}})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(editFile, "notes: {plan: true}}", "notes: {}}", 1); string(out) != want {
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

const blockNotes = `conference:
  id: x
  name: X
  url: https://example.org/p
days:
  - date: "2026-03-18"
    talks:
      - id: a
        title: A
        notes:
          plan: true
          # what I thought of it
          tags:
            - sre   # the main one
            # ops came later
            - ops
          attended: true
          rating: 3
      - id: b
        title: B
        notes:
      - id: c
        title: C
        notes: {plan: true, attended: false, rating: 2, tags: [x]}
`

func editOne(t *testing.T, text, id string, e NoteEdit) string {
	t.Helper()
	out, err := EditNotes([]byte(text), "p.yaml", map[string]NoteEdit{id: e})
	if err != nil {
		t.Fatalf("%s %+v: %v", id, e, err)
	}
	if _, problems := Check(out, "p.yaml"); len(problems) > 0 {
		t.Fatalf("%s %+v: the result does not check: %v\n%s", id, e, problems, out)
	}
	return string(out)
}

// Issue 23 item 6: a block list of tags keeps its style and comments; a
// comment line between the notes' keys is no reason to refuse.
func TestEditNotesBlockTagsKeepComments(t *testing.T) {
	got := editOne(t, blockNotes, "a", NoteEdit{AddTags: []string{"t"}})
	want := strings.Replace(blockNotes, "            - ops\n", "            - ops\n            - t\n", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	no := false
	got = editOne(t, blockNotes, "a", NoteEdit{Plan: &no, RemoveTags: []string{"SRE"}})
	want = strings.Replace(blockNotes, "          plan: true\n          # what", "          # what", 1)
	want = strings.Replace(want, "            - sre   # the main one\n", "", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// The last tag taken back takes the key with it.
	got = editOne(t, blockNotes, "a", NoteEdit{RemoveTags: []string{"sre", "ops"}})
	if want := strings.Replace(blockNotes, "          tags:\n            - sre   # the main one\n            # ops came later\n            - ops\n", "", 1); got != want {
		t.Errorf("got\n%s", got)
	}
}

// Issue 23 item 6: "notes:" left empty is an empty mapping.
func TestEditNotesEmptyNotes(t *testing.T) {
	if _, problems := Check([]byte(blockNotes), "p.yaml"); len(problems) > 0 {
		t.Fatalf("an empty notes: does not check: %v", problems)
	}
	yes := true
	got := editOne(t, blockNotes, "b", NoteEdit{Plan: &yes})
	if want := strings.Replace(blockNotes, "        notes:\n      - id: c", "        notes:\n          plan: true\n      - id: c", 1); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = editOne(t, strings.Replace(blockNotes, "title: B\n        notes:", "title: B\n        notes: ~", 1), "b", NoteEdit{Plan: &yes})
	if p, _ := Unmarshal([]byte(got), "p.yaml"); p == nil || p.Days[0].Talks[1].Notes == nil || !p.Days[0].Talks[1].Notes.Plan {
		t.Errorf("notes: ~ not planned:\n%s", got)
	}
}

// Taking marks back: --unmark, --rating 0, --untag, in block and flow
// notes; a said "attended: false" (missed) stays said.
func TestEditNotesTakeBack(t *testing.T) {
	zero := 0
	got := editOne(t, blockNotes, "a", NoteEdit{Unmark: true, Rating: &zero})
	want := strings.Replace(strings.Replace(blockNotes, "          attended: true\n", "", 1), "          rating: 3\n", "", 1)
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = editOne(t, blockNotes, "c", NoteEdit{Rating: &zero, RemoveTags: []string{"x"}})
	if want := strings.Replace(blockNotes, "{plan: true, attended: false, rating: 2, tags: [x]}", "{plan: true, attended: false}", 1); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = editOne(t, blockNotes, "c", NoteEdit{Unmark: true})
	if want := strings.Replace(blockNotes, "attended: false, ", "", 1); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	p, err := Unmarshal([]byte(blockNotes), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if a, c := p.Days[0].Talks[0].Notes, p.Days[0].Talks[2].Notes; a.Missed || !c.Missed {
		t.Errorf("missed: a %v, c %v; want false, true", a.Missed, c.Missed)
	}
}

// Words YAML 1.1 reads as booleans or numbers are written quoted.
func TestEditNotesQuotesYAML11Words(t *testing.T) {
	got := editOne(t, blockNotes, "c", NoteEdit{AddTags: []string{"yes", "on"}})
	if !strings.Contains(got, `tags: [x, "yes", "on"]`) {
		t.Errorf("got\n%s", got)
	}
	got = editOne(t, blockNotes, "a", NoteEdit{AddTags: []string{"No"}})
	if !strings.Contains(got, "            - ops\n            - \"No\"\n") {
		t.Errorf("got\n%s", got)
	}
}

// Setting the first key of the notes and adding one before it edit the
// same line: the replacement comes first, or the new line was replaced and
// the file refused ("could not be written so that the file reads back").
func TestEditNotesFirstKeyAndNewKey(t *testing.T) {
	text := "conference:\n  id: x\ndays:\n  - date: \"2026-03-18\"\n    talks:\n      - id: a\n        title: A\n        notes:\n          plan: false\n          # my thoughts\n          title: T\n"
	yes, four := true, 4
	got := editOne(t, text, "a", NoteEdit{Plan: &yes, Rating: &four})
	if want := strings.Replace(text, "          plan: false\n", "          rating: 4\n          plan: true\n", 1); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A mistyped id, in any case or as the start of a long id, is told its
// nearest ids.
func TestNearestIDsAnyCase(t *testing.T) {
	p := &program.Program{Days: []program.Day{{Talks: []program.Talk{{ID: "SFKNTZ-welcome_to_the_conference"}, {ID: "gibson"}, {ID: "XFTETA-federated-notes"}, {ID: "kissner"}}}}}
	for typo, want := range map[string]string{"sfkntzz": "SFKNTZ-welcome_to_the_conference", "GIBSN": "gibson", "xftea": "XFTETA-federated-notes"} {
		if got := NearestIDs(p, typo, 1); len(got) != 1 || got[0] != want {
			t.Errorf("NearestIDs(%q) = %q, want %s", typo, got, want)
		}
	}
}

// A word with an apostrophe is a plain word, not the start of a quoted
// one: mark edits only the lines of the keys it changes, and a tag added
// and taken back leaves the file as it was.
func TestEditNotesApostrophe(t *testing.T) {
	const text = `conference:
  id: x
days:
  - date: "2026-03-18"
    talks:
      - id: shao
        title: S
        notes:
          lead: |
            hard break  
            a	tab
          tags: [o'reilly, sre]
          commentary: >
            folded
            lines
      - id: liu
        title: L
        notes: {commentary: it's great, rating: 5}   # flow comment
`
	four := 4
	for _, tc := range []struct {
		id   string
		e    NoteEdit
		from string
		to   string
	}{
		{"shao", NoteEdit{AddTags: []string{"new"}}, "tags: [o'reilly, sre]", "tags: [o'reilly, sre, new]"},
		{"shao", NoteEdit{AddTags: []string{"it's"}}, "tags: [o'reilly, sre]", "tags: [o'reilly, sre, it's]"},
		{"liu", NoteEdit{Rating: &four, AddTags: []string{"x"}}, "{commentary: it's great, rating: 5}   #", "{commentary: it's great, rating: 4, tags: [x]}   #"},
	} {
		out, err := EditNotes([]byte(text), "p.yaml", map[string]NoteEdit{tc.id: tc.e})
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Replace(text, tc.from, tc.to, 1); string(out) != want {
			t.Errorf("%s %+v:\n%s\nwant\n%s", tc.id, tc.e, out, want)
		}
		if len(tc.e.AddTags) == 0 || tc.id != "shao" {
			continue
		}
		back, err := EditNotes(out, "p.yaml", map[string]NoteEdit{tc.id: {RemoveTags: tc.e.AddTags}})
		if err != nil || string(back) != text {
			t.Errorf("%s %q added and taken back (%v):\n%s", tc.id, tc.e.AddTags, err, back)
		}
	}
}
