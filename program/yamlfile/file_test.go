package yamlfile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
)

func sample() *program.Program {
	wrap := 72
	return &program.Program{
		Conference: program.Conference{ID: "examplecon26", Name: "ExampleCon 2026", URL: "https://www.usenix.org/conference/examplecon26/program", Timezone: "Europe/Berlin"},
		Post:       &program.Post{Format: "hugo", Wrap: &wrap, FrontMatter: map[string]any{"type": "post", "categories": []any{}}},
		Days: []program.Day{{
			Date:  "2026-03-18",
			Notes: &program.DayNotes{Intro: "Day one.\nTwo lines.\n"},
			Talks: []program.Talk{{
				ID: "example", Title: "Shipping: Configuration Safely", URL: "https://www.usenix.org/conference/examplecon26/presentation/example",
				Start: "14:15", End: "15:00", Session: "Opening", Track: "Track 1", Room: "Main Hall",
				Speakers: []program.Speaker{{Name: "Ada Example", Affiliation: "Example Corp"}, {Name: "Bo Sample"}},
				Media:    program.Media{Slides: "https://www.usenix.org/system/files/s.pdf"},
				Abstract: "First paragraph.\n\n* one\n* two",
				Notes:    &program.TalkNotes{Attended: true, Commentary: "Liked it.\n"},
			}},
		}},
	}
}

func TestMarshalShape(t *testing.T) {
	data, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{
		`  - date: "2026-03-18"`,
		`        start: "14:15"`,
		`        end: "15:00"`,
		`          - {name: Ada Example, affiliation: Example Corp}`,
		"        abstract: |\n          First paragraph.\n\n          * one\n          * two\n",
		"          commentary: |\n            Liked it.\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	// Contract order: long text last, the user's notes after it.
	if strings.Index(s, "abstract:") > strings.Index(s, "attended:") || strings.Index(s, "media:") > strings.Index(s, "abstract:") {
		t.Errorf("fields out of order:\n%s", s)
	}
}

func TestRoundTrip(t *testing.T) {
	p := sample()
	data, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal(data, "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip changed the program:\n got  %+v\n want %+v", back, p)
	}
	again, _ := Marshal(back)
	if string(again) != string(data) {
		t.Errorf("second write differs:\n%s\n---\n%s", again, data)
	}
}

func TestUnmarshalAcceptsWhatEditorsWrite(t *testing.T) {
	in := "\xef\xbb\xbfconference:\r\n  id: x # mine\r\n  name: X\r\n  url: https://example.org\r\ndays:\r\n  - date: '2026-01-01'\r\n    talks:\r\n      - id: a\r\n        title: A\r\n        notes:\r\n          commentary: >\r\n            folded\r\n            text\r\n"
	p, err := Unmarshal([]byte(in), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Days[0].Talks[0].Notes.Commentary; got != "folded text\n" {
		t.Errorf("commentary = %q", got)
	}
}

func TestUniqueIDs(t *testing.T) {
	p := &program.Program{Days: []program.Day{{Talks: []program.Talk{{ID: "a"}, {ID: "a"}, {ID: "a-2"}}}, {Talks: []program.Talk{{ID: "a"}, {ID: "b"}}}}}
	p.UniqueIDs()
	var got []string
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			got = append(got, tk.ID)
		}
	}
	if want := "a a-3 a-2 a-4 b"; strings.Join(got, " ") != want {
		t.Errorf("ids %v, want %s", got, want)
	}
}

// "attended: false" says the talk was missed; no attended key says nothing.
// Both read back as written, through a write and through a mark.
func TestAttendedFalseIsKept(t *testing.T) {
	const file = "conference: {id: c}\ndays:\n  - date: \"2026-03-18\"\n    talks:\n" +
		"      - {id: a, title: A, notes: {plan: true, attended: false, rating: 2}}\n" +
		"      - {id: b, title: B, notes: {commentary: x}}\n"
	p, err := Unmarshal([]byte(file), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Days[0].Talks[0].Notes, p.Days[0].Talks[1].Notes
	if !a.Missed || b.Missed || a.Seen() || !b.Seen() {
		t.Fatalf("missed a=%v b=%v, seen a=%v b=%v; want true false false true", a.Missed, b.Missed, a.Seen(), b.Seen())
	}
	data, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "plan: true\n          attended: false\n") {
		t.Errorf("attended: false not written after plan:\n%s", data)
	}
	if back, err := Unmarshal(data, "p.yaml"); err != nil || !reflect.DeepEqual(back, p) {
		t.Errorf("read back differs (%v)", err)
	}
	rating := 3
	out, err := EditNotes([]byte(file), "p.yaml", map[string]NoteEdit{"a": {Rating: &rating}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "attended: false") {
		t.Errorf("a mark dropped attended: false:\n%s", out)
	}
}
