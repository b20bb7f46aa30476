package yamlfile

import (
	"errors"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// swallowedFile has, in talk yu, a block of the user's indented two spaces
// too deep under a scraped key: FIELD and STYLE are filled in.
const swallowedFile = `conference:
  id: keep
  name: Keep Con
  url: https://example.org/keep/program
days:
  - date: "2026-05-10"
    talks:
      - id: yu
        title: Old Title
        start: "09:00"
        end: "09:45"
        session: Opening
        FIELD: STYLE
          The text as scraped.
          notes:
            commentary: |
              My own words,  
              a hard break above.
      - id: ok
        title: Fine
`

// A re-scrape that would replace a scraped value holding text the user
// wrote by mistake refuses, naming where; one that leaves it alone merges
// and keeps the text; a talk gone from the program with such text is kept.
func TestMergeSwallowedText(t *testing.T) {
	for _, tc := range []struct {
		field, style string
		change       func(*program.Talk)
		wantErr      string // "": merges
	}{
		{"abstract", "|", func(t *program.Talk) { t.Abstract = "A new abstract." }, `f.yaml:15:11: "notes:" is read as text of abstract (line 13) because it is indented more than abstract; the re-scrape would replace abstract and lose it; to make it a key, indent it as abstract (8 spaces), then run again`},
		{"abstract", ">-", func(t *program.Talk) { t.Abstract = "" }, `f.yaml:15:11: "notes:" is read as text of abstract`},
		{"title", ">", func(t *program.Talk) { t.Title = "New Title" }, `f.yaml:14:11: "notes:" is read as text of title (line 12)`},
		{"session", "|-", func(t *program.Talk) { t.Session = "Closing" }, `the re-scrape would replace session`},
		{"abstract", "|", func(t *program.Talk) { t.Title = "Only Retitled" }, ""},
	} {
		t.Run(tc.field+tc.style, func(t *testing.T) {
			text := strings.Replace(strings.Replace(swallowedFile, "FIELD", tc.field, 1), "STYLE", tc.style, 1)
			if tc.field != "abstract" {
				text = strings.Replace(text, "        "+tc.field+": Old Title\n", "", 1)
				text = strings.Replace(text, "        "+tc.field+": Opening\n", "", 1)
			}
			f, err := Load([]byte(text), "f.yaml")
			if err != nil {
				t.Fatal(err)
			}
			fresh, _ := Unmarshal([]byte(text), "f.yaml")
			tc.change(&fresh.Days[0].Talks[0])
			res, err := f.Merge(fresh, MergeOptions{})
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				// The block is written as it was, though its talk is written anew.
				block := text[strings.Index(text, "        "+tc.field+": "):strings.Index(text, "      - id: ok")]
				if !res.Changed || !strings.Contains(string(res.Data), block) {
					t.Errorf("the user's text is not kept:\n%s", res.Data)
				}
				return
			}
			var se *SwallowedError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want an error with %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// A talk gone from the program whose scraped text holds the user's is kept,
// withdrawn, its text as it was.
func TestMergeSwallowedTalkGone(t *testing.T) {
	text := strings.Replace(strings.Replace(swallowedFile, "FIELD", "abstract", 1), "STYLE", "|", 1)
	fresh, _ := Unmarshal([]byte(text), "f.yaml")
	fresh.Days[0].Talks = fresh.Days[0].Talks[1:]
	res, err := MergeFile([]byte(text), "f.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	block := text[strings.Index(text, "        abstract: "):strings.Index(text, "      - id: ok")]
	if got := string(res.Data); !strings.Contains(got, "withdrawn: true") || !strings.Contains(got, block) {
		t.Errorf("talk yu not kept with the user's text:\n%s", got)
	}
}

// The new user's trial: a retitled talk and a moved one lost the layout
// of their notes, and a comment ending a talk's notes had the whole file
// written anew, unchanged days too.
func TestMergeKeepsNotesText(t *testing.T) {
	old := `conference:
  id: keep
  name: Keep Con
  url: https://example.org/keep/program
post:
  format: hugo
  title: >-
    {conference},
    day {day}
days:
  - date: "2026-05-10"
    notes:
      intro: |
        Hard break  
        here.
    talks:
      - id: yu
        title: Old Title
        start: "09:00"
        notes:
          commentary: |
            Hard break  
            next.
          lead: >-
            folded
            lead
          title: 'a two-line
            quoted title'
          tags:
            - wan   # main
          # closing comment
      - id: ok
        title: Fine
        start: "10:00"
        notes: {plan: true, lead: x,   commentary: y}
  - date: "2026-05-11"
    notes:
      intro: >
        Day two,
        folded.
      outro: |
        Bye  
        now.
    talks:
      - id: z
        title: Z
        notes:
          commentary: c
          # closing comment
`
	fresh, err := Unmarshal([]byte(old), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fresh.Days[0].Talks[0].Title = "New Title"
	fresh.Days[0].Talks[1].Start = "11:00"
	res, err := MergeFile([]byte(old), "f.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(strings.Replace(old, "Old Title", "New Title", 1), `"10:00"`, `"11:00"`, 1)
	if got := string(res.Data); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// styledFile has notes in every style a user may write; talks a and c are
// the ones a re-scrape changes.
const styledFile = `conference:
  id: keep
  name: Keep Con
  url: https://example.org/keep/program
days:
  - date: "2026-05-10"
    talks:
      - id: a
        title: Old A
        start: "09:00"
      - id: b
        title: Unchanged
        start: "10:00"
        notes:   # on the key
          # above lead
          lead: |
            hard break  
            a	tab
          title: a plain
            two-line value
          commentary: >
            folded
            lines
          rating: 4
      - id: c
        title: Old C
        start: "11:00"
        notes: {commentary: it's great, rating: 5}   # flow comment
      - id: d
        title: Kept
        notes:
          lead: >-
            folded
            strip
          commentary: |+
            kept

`

// A CRLF file, with a BOM or without, is merged as the same file with LF
// line ends is: only the changed scraped lines differ, and the line ends
// stay CRLF.
func TestMergeCRLFAsLF(t *testing.T) {
	merge := func(text string) string {
		t.Helper()
		fresh, err := Unmarshal([]byte(text), "f.yaml")
		if err != nil {
			t.Fatal(err)
		}
		fresh.Days[0].Talks[0].Title, fresh.Days[0].Talks[0].Start = "New A", "09:30"
		fresh.Days[0].Talks[2].Title, fresh.Days[0].Talks[2].Start = "New C", "11:30"
		for i := range fresh.Days[0].Talks {
			fresh.Days[0].Talks[i].Notes = nil
		}
		res, err := MergeFile([]byte(text), "f.yaml", fresh, MergeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Data)
	}
	want := strings.NewReplacer(`title: Old A`, `title: New A`, `"09:00"`, `"09:30"`,
		`title: Old C`, `title: New C`, `"11:00"`, `"11:30"`).Replace(styledFile)
	if got := merge(styledFile); got != want {
		t.Fatalf("LF file:\n%s\nwant\n%s", got, want)
	}
	for _, bom := range []string{"", "\ufeff"} {
		crlf := bom + strings.ReplaceAll(styledFile, "\n", "\r\n")
		if got, want := merge(crlf), bom+strings.ReplaceAll(want, "\n", "\r\n"); got != want {
			t.Errorf("CRLF file (BOM %q):\n%q\nwant\n%q", bom, got, want)
		}
	}
}

// A comment between two talks belongs to the gap: at column 0, indented
// less than the "- " or as much, set off by a blank line or not, it stays
// where it is when another talk changes, and every notes mapping with it.
func TestMergeKeepsGapComment(t *testing.T) {
	for _, c := range []string{"# col0 before c\n", "    # four before c\n", "# col0\n\n", "      # six\n\n"} {
		for _, retitle := range []int{0, 1, 2} {
			text := strings.Replace(styledFile, "      - id: c\n", c+"      - id: c\n", 1)
			fresh, err := Unmarshal([]byte(text), "f.yaml")
			if err != nil {
				t.Fatal(err)
			}
			tk := &fresh.Days[0].Talks[retitle]
			want := strings.Replace(text, "title: "+tk.Title+"\n", "title: New\n", 1)
			tk.Title = "New"
			for i := range fresh.Days[0].Talks {
				fresh.Days[0].Talks[i].Notes = nil
			}
			res, err := MergeFile([]byte(text), "f.yaml", fresh, MergeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(res.Data); got != want {
				t.Errorf("comment %q, talk %d retitled:\n%s\nwant\n%s", c, retitle, got, want)
			}
		}
	}
}

// Notes as yaml.v3 writes a value quoted over several lines, the closing
// quote at column 0 (a file confdigest wrote whole once), are kept as
// they are when another talk changes, and so is the comment after them.
func TestMergeKeepsQuoteAtColumn0(t *testing.T) {
	const text = `conference:
  id: keep
  name: Keep Con
  url: https://example.org/keep/program
days:
  - date: "2026-05-10"
    talks:
      - id: a
        title: Old A
      - id: b
        title: Unchanged
        notes:
          title: 'two

            lines

'
          # after the quote
          lead: |
            kept  
      - id: c
        title: C
`
	fresh, err := Unmarshal([]byte(text), "f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fresh.Days[0].Talks[0].Title = "New A"
	fresh.Days[0].Talks[1].Notes = nil
	res, err := MergeFile([]byte(text), "f.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(text, "title: Old A", "title: New A", 1); string(res.Data) != want {
		t.Errorf("got\n%s\nwant\n%s", res.Data, want)
	}
}
