package yamlfile

import (
	"strings"
	"testing"
)

const head = "conference:\n  id: x\n  name: X\n  url: https://example.org/p\n"

// checkCase is a file and every problem check reports for it, exactly.
type checkCase struct {
	name, in string
	want     []string
}

// malformedCases are check's test-suite, which the schema is held to too
// (TestSchemaAgreesWithCheck).
func malformedCases() []checkCase {
	return []checkCase{
		{"empty", "", []string{"f.yaml:1:1: empty file: not a confdigest program file (run confdigest scrape URL to make one)"}},
		{"only a comment", "# nothing yet\n", []string{"f.yaml:1:1: empty file: not a confdigest program file (run confdigest scrape URL to make one)"}},
		{"not YAML", "conference: {id: x\n", []string{"f.yaml:1:13: the { opened here is not closed on this line; end it with } (or, if this is text, put it in quotes)"}},
		{"a list", "- a\n- b\n", []string{`f.yaml:1:1: not a confdigest program file: want a mapping with conference and days, found a list`}},
		{"plain text", "Dear diary,\n", []string{`f.yaml:1:1: not a confdigest program file: want a mapping with conference and days, found "Dear diary,"`}},
		{"another YAML file", "name: my-app\nversion: 2\n", []string{"f.yaml:1:1: not a confdigest program file: it has none of conference, post and days (run confdigest scrape URL to make one)"}},
		{"tab indent", head + "days:\n\t- date: \"2026-01-01\"\n", []string{"f.yaml:6:1: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"}},
		{"missing days", head, []string{`f.yaml:1:1: "days" is missing in the program file`}},
		{"missing conference id", "conference: {name: X}\ndays: []\n", []string{`f.yaml:1:13: "id" is missing in conference`}},
		{"misspelt top key", head + "dyas: []\n", []string{`f.yaml:1:1: "days" is missing in the program file`, `f.yaml:5:1: unknown key "dyas" (did you mean "days"?)`}},
		{"misspelt commentary", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes:\n          comentary: good\n", []string{`f.yaml:11:11: unknown key "comentary" (did you mean "commentary"?)`}},
		{"misspelt attended", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: {atended: true}\n", []string{`f.yaml:10:17: unknown key "atended" (did you mean "attended"?)`}},
		{"unknown talk key", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        rating: 5\n", []string{`f.yaml:10:9: unknown key "rating" (known keys: id, title, url, start, end, session, track, room, speakers, award, media, withdrawn, abstract, notes)`}},
		{"attended maybe", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: {attended: maybe}\n", []string{`f.yaml:10:27: attended: want true or false, found "maybe"`}},
		{"bad date", head + "days:\n  - date: 2026-13-01\n    talks: []\n", []string{`f.yaml:6:11: date: want a date as YYYY-MM-DD, found "2026-13-01"`}},
		{"date left empty", head + "days:\n  - date:\n", []string{`f.yaml:6:10: date: a value is needed here`}},
		{"date in words", head + "days:\n  - date: March 3\n", []string{`f.yaml:6:11: date: want a date as YYYY-MM-DD, found "March 3"`}},
		{"bad time", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, start: \"9am\"}\n", []string{`f.yaml:8:34: start: want a time as "HH:MM" (24 h, quoted), found "9am"`}},
		{"end before start", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, start: \"10:00\", end: \"09:30\"}\n", []string{`f.yaml:8:48: talk ends (09:30) before it starts (10:00)`}},
		{"duplicate ids", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A}\n  - date: \"2026-01-02\"\n    talks:\n      - {id: a, title: B}\n", []string{`f.yaml:11:14: talk id "a" is used twice (first at line 8): ids must be unique`}},
		{"rating out of range", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: {rating: 7}\n", []string{`f.yaml:10:25: rating: want a rating from 1 to 5, found "7"`}},
		{"anchor and alias", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - &ex {id: a, title: A}\n  - date: \"2026-01-02\"\n    talks:\n      - *ex\n", []string{"f.yaml:8:9: an anchor (&ex): a program file cannot use YAML anchors and aliases; write the value out in full (if it is text, put the whole value in quotes)", "f.yaml:11:9: an alias (*ex): a program file cannot use YAML anchors and aliases; write the value out in full (if it is text, put the whole value in quotes)"}},
		{"second document", head + "days: []\n---\nnotes: lost\n", []string{"f.yaml:6:1: a second YAML document (after ---): a program file is one document; move what follows into it, or into a file of its own"}},
		{"null in a hugo list", head + "post:\n  front_matter: {tags: [a, ~]}\ndays: []\n", []string{`f.yaml:6:28: a list in front_matter holds a null, which a hugo post's TOML front matter cannot: give it a value or remove it`}},
		{"post.quote misspelt", head + "post: {quote: frist}\ndays: []\n", []string{`f.yaml:5:15: quote: want full (the whole abstract), first (its first paragraph) or none, found "frist"`}},
		{"notes.quote unknown", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: {quote: all}\n", []string{`f.yaml:10:24: quote: want full (the whole abstract), first (its first paragraph) or none, found "all"`}},
		{"speakers_max zero", head + "post: {speakers_max: 0}\ndays: []\n", []string{`f.yaml:5:22: speakers_max: want how many speakers a lead names, 1 or more (leave it out to name them all), found "0"`}},
		{"speakers_max in words", head + "post: {speakers_max: three}\ndays: []\n", []string{`f.yaml:5:22: speakers_max: want how many speakers a lead names, 1 or more (leave it out to name them all), found "three"`}},
		{"post.speakers misspelt", head + "post: {speaker_max: 3}\ndays: []\n", []string{`f.yaml:5:8: unknown key "speaker_max" (did you mean "speakers_max"?)`}},
		{"null in a jekyll list", head + "post:\n  format: jekyll\n  front_matter: {tags: [a, ~]}\ndays: []\n", []string{`f.yaml:7:28: a list in front_matter holds a null, which a hugo post's TOML front matter cannot: give it a value or remove it`}},
		{"number as a nested key", head + "post:\n  front_matter: {params: {1: one}}\ndays: []\n", []string{`f.yaml:6:27: front_matter: the key 1 is a number, not a name, which a hugo post's TOML front matter cannot write: quote it ("1")`}},
		{"list as a key", head + "days:\n  - date: \"2026-01-01\"\n    notes:\n      front_matter: {a: {? [x, y] : z}}\n", []string{`f.yaml:8:28: front_matter: list as a key: front-matter keys are names; write one in quotes`}},
		{"day listed twice", head + "days:\n  - date: \"2026-01-01\"\n  - date: \"2026-01-01\"\n", []string{`f.yaml:7:11: day 2026-01-01 is listed twice (first at line 6): put its talks under one entry`}},
		{"duplicate key", head + "days:\n  - date: \"2026-01-01\"\n    date: \"2026-01-02\"\n", []string{`f.yaml:7:5: "date" appears twice in days (first at line 6); keep one of the two (merge their text into it) and delete the other`}},
		{"talks not a list", head + "days:\n  - date: \"2026-01-01\"\n    talks: none\n", []string{`f.yaml:7:12: talks: want a list (lines starting with "- "), found "none"`}},
		{"notes a string", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: loved it\n", []string{`f.yaml:10:16: notes: want a mapping (key: value lines), found "loved it"`}},
		{"speaker without name", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        speakers: [{affiliation: Org}]\n", []string{`f.yaml:10:20: "name" is missing in this speaker`}},
		{"unknown time zone", "conference: {id: x, timezone: Pacific Time}\ndays: []\n", []string{`f.yaml:1:31: timezone: "Pacific Time" is not a time zone name; use an IANA name such as Europe/Dublin or America/Los_Angeles`}},
		{"wrap not a number", head + "post: {wrap: wide}\ndays: []\n", []string{`f.yaml:5:14: wrap: want a whole number of columns (0 for no wrapping), found "wide"`}},
		{"unknown format", head + "post: {format: wordpress}\ndays: []\n", []string{`f.yaml:5:16: format: want hugo, hugo-yaml, jekyll or markdown, found "wordpress"`}},
		{"notes for a talk not in the program", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: mine\n        notes: {attended: true}\n", []string{`f.yaml:8:9: no talk with id "mine" in the program (ids come from the program page; notes go under an existing talk)`}},
		{"talk without a title", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, url: https://example.org/a, notes: {attended: true}}\n", []string{`f.yaml:8:9: "title" is missing in this talk`}},
		{"title a list", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: [A, B]\n", []string{`f.yaml:9:16: title: a value starting with [ is read as a list, not as text; put the whole value in quotes`}},
		{"tags a string", head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes: {tags: sre}\n", []string{`f.yaml:10:23: tags: want a list (lines starting with "- "), found "sre"`}},
	}
}

// Each malformed file, and every problem check reports for it, exactly.
func TestMalformedFiles(t *testing.T) {
	tests := malformedCases()
	if len(tests) < 20 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Check([]byte(tt.in), "f.yaml")
			var got []string
			for _, pr := range problems {
				got = append(got, pr.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if p != nil {
				t.Error("an invalid file gave a program")
			}
			if _, err := Unmarshal([]byte(tt.in), "f.yaml"); err == nil || !strings.HasPrefix(err.Error(), tt.want[0]) {
				t.Errorf("Unmarshal error = %v, want it to start with %q", err, tt.want[0])
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	in := head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: gone\n        title: Gone\n        withdrawn: true\n        notes: {attended: true}\n"
	p, problems := Check([]byte(in), "f.yaml")
	if p == nil || len(problems) != 1 || !problems[0].Warning {
		t.Fatalf("got %v, %v; want a program and one warning", p, problems)
	}
	if got, want := problems[0].String(), `f.yaml:10:20: warning: talk "gone" was withdrawn from the program; your notes on it are kept`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if _, err := Unmarshal([]byte(in), "f.yaml"); err != nil {
		t.Errorf("a warning made Unmarshal fail: %v", err)
	}
}

func TestOverlapWarning(t *testing.T) {
	in := head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, start: \"09:00\", end: \"09:45\", notes: {plan: true}}\n      - {id: b, title: B, start: \"09:30\", end: \"10:00\", notes: {attended: true}}\n      - {id: c, title: C, start: \"09:30\", end: \"10:00\"}\n      - {id: d, title: D, start: \"10:00\", end: \"11:00\", notes: {plan: true}}\n"
	p, problems := Check([]byte(in), "f.yaml")
	if p == nil || len(problems) != 1 {
		t.Fatalf("problems = %v", problems)
	}
	if got, want := problems[0].String(), `f.yaml:9:9: warning: "B" clashes with "A" (09:00–09:45)`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestClockChangeWarnings: check names the times a clock-change night
// skips or repeats, each at its line; the same clocks on other nights,
// or without a zone, pass quietly.
func TestClockChangeWarnings(t *testing.T) {
	const zoned = "conference:\n  id: x\n  timezone: Europe/Brussels\n"
	talks := "days:\n" +
		"  - date: \"2026-03-28\"\n    talks:\n      - {id: late, title: L, start: \"23:30\", end: \"02:30\"}\n" +
		"  - date: \"2026-03-29\"\n    talks:\n      - {id: a, title: A, start: \"02:15\", end: \"03:15\"}\n" +
		"  - date: \"2026-10-25\"\n    talks:\n      - {id: b, title: B, start: \"01:30\", end: \"02:30\"}\n" +
		"  - date: \"2026-10-26\"\n    talks:\n      - {id: c, title: C, start: \"02:15\", end: \"02:30\"}\n"
	_, problems := Check([]byte(zoned+talks), "f.yaml")
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"f.yaml:7:51: warning: 02:30 on 2026-03-29 does not exist in Europe/Brussels, the clocks going forward over it: it is read as 03:30 CEST, the talk keeping its length",
		"f.yaml:10:34: warning: 02:15 on 2026-03-29 does not exist in Europe/Brussels, the clocks going forward over it: it is read as 03:15 CEST, the talk keeping its length",
		"f.yaml:13:48: warning: 02:30 on 2026-10-25 happens twice in Europe/Brussels, the clocks going back: it is read as the first, 02:30 CEST, the talk keeping its length",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, problems := Check([]byte("conference:\n  id: x\n"+talks), "f.yaml"); len(problems) != 0 {
		t.Errorf("without a zone: %v", problems)
	}
}

// check warns by the same rule: papers of one session are no clash, a
// parallel one is, a missed talk is not.
func TestCheckOverlapsOneRule(t *testing.T) {
	file := `conference: {id: x}
days:
  - date: "2025-08-13"
    talks:
      - {id: a, title: A, start: "10:00", end: "11:30", session: S1, room: R1, notes: {plan: true}}
      - {id: b, title: B, start: "10:00", end: "11:30", session: S1, room: R1, notes: {plan: true}}
      - {id: p, title: P, start: "10:00", end: "11:30", session: S2, room: R2, notes: {plan: true, attended: false}}
      - {id: q, title: Q, start: "11:00", end: "12:00", session: S3, room: R3, notes: {attended: true}}
`
	_, problems := Check([]byte(file), "p.yaml")
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := `p.yaml:8:9: warning: "Q" clashes with "A" (10:00–11:30)`
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// Every command prints the clash warning: it stays one short line, the
// titles cut to 30 characters.
func TestClashWarningShort(t *testing.T) {
	long := strings.Repeat("Very Long Title Words ", 10)
	file := "conference: {id: x}\ndays:\n  - date: \"2025-08-13\"\n    talks:\n" +
		"      - {id: a, title: " + long + "A, start: \"10:00\", end: \"11:30\", notes: {plan: true}}\n" +
		"      - {id: b, title: " + long + "B, start: \"11:00\", end: \"12:00\", notes: {plan: true}}\n"
	_, problems := Check([]byte(file), "p.yaml")
	if len(problems) != 1 {
		t.Fatalf("problems = %v", problems)
	}
	got := problems[0].String()
	want := `p.yaml:6:9: warning: "Very Long Title Words Very Lo…" clashes with "Very Long Title Words Very Lo…" (10:00–11:30)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
