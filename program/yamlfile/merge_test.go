package yamlfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/confdigest/confdigest/internal/golden"
	"github.com/confdigest/confdigest/program"
)

// Each testdata/merge/*.txtar holds old.yaml (the user's file), fresh.yaml
// (what a new scrape found, as a program file), and the expected want.yaml
// and report. -update rewrites want.yaml and report.
func TestMergeGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "merge", "*.txtar"))
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			get := func(name string) []byte {
				for _, f := range ar.Files {
					if f.Name == name {
						return f.Data
					}
				}
				return nil
			}
			fresh, err := Unmarshal(get("fresh.yaml"), "fresh.yaml")
			if err != nil {
				t.Fatal(err)
			}
			res, err := MergeFile(get("old.yaml"), "old.yaml", fresh, MergeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			report := []byte(strings.Join(res.Report, "\n") + "\n")
			if golden.Updating() {
				var kept []txtar.File
				for _, f := range ar.Files {
					if f.Name != "want.yaml" && f.Name != "report" {
						kept = append(kept, f)
					}
				}
				ar.Files = append(kept, txtar.File{Name: "want.yaml", Data: res.Data}, txtar.File{Name: "report", Data: report})
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := get("want.yaml"); !bytes.Equal(res.Data, want) {
				t.Errorf("merged file differs (go test ./program -update rewrites it):\n--- got\n%s--- want\n%s", res.Data, want)
			}
			if want := get("report"); !bytes.Equal(report, want) {
				t.Errorf("report differs:\n--- got\n%s--- want\n%s", report, want)
			}
			// Whatever changed, a second merge of the same scrape changes nothing.
			again, err := MergeFile(res.Data, "merged.yaml", fresh, MergeOptions{})
			if err != nil || again.Changed || !bytes.Equal(again.Data, res.Data) {
				t.Errorf("a second merge changed the file again (err %v):\n%s", err, again.Data)
			}
		})
	}
}

func TestMergeUnchangedIsByteIdentical(t *testing.T) {
	p := sample()
	data, _ := Marshal(p)
	// The user's own formatting: extra blank lines, comments, other quoting.
	edited := strings.Replace(string(data), "days:\n", "# my notes on ExampleCon\n\ndays:\n", 1)
	edited = strings.Replace(edited, "    talks:\n", "    talks:   # what I saw\n\n", 1)
	fresh := sample()
	fresh.Post, fresh.Days[0].Notes, fresh.Days[0].Talks[0].Notes = nil, nil, nil
	res, err := MergeFile([]byte(edited), "p.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed || string(res.Data) != edited || len(res.Report) != 0 {
		t.Errorf("changed %v, report %q; want the file left byte for byte", res.Changed, res.Report)
	}
}

func TestMergeRefusesInvalidFile(t *testing.T) {
	_, err := MergeFile([]byte("conference: {id: x}\ndays:\n  - date: tomorrow\n"), "p.yaml", sample(), MergeOptions{})
	if err == nil || !strings.Contains(err.Error(), `p.yaml:3:11: date: want a date as YYYY-MM-DD, found "tomorrow"`) {
		t.Errorf("err = %v", err)
	}
}

// A re-scrape that changes one talk leaves the user's layout of the others
// as it was: blank lines, indentation, line breaks.
func TestMergeKeepsLayout(t *testing.T) {
	old := `conference:
  id: x
  name: X
  url: https://example.org/p
days:
  - date: "2026-03-18"
    talks:

      - id: a
        title: A
        start: "09:00"
        notes:
            attended: true      # four spaces, my way
            commentary: >-
                Folded,
                by hand.

      - id: b
        title: B
        start: "10:00"

  - date: "2026-03-19"
    notes:
        intro: |
            Day two.
    talks:
      - id: c
        title: C
        start: "09:00"
`
	fresh := &program.Program{Conference: program.Conference{ID: "x", Name: "X", URL: "https://example.org/p"}, Days: []program.Day{
		{Date: "2026-03-18", Talks: []program.Talk{{ID: "a", Title: "A", Start: "09:00"}, {ID: "b", Title: "B, retitled", Start: "10:00"}}},
		{Date: "2026-03-19", Talks: []program.Talk{{ID: "c", Title: "C", Start: "09:00"}}},
	}}
	res, err := MergeFile([]byte(old), "p.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(old, "        title: B\n", "        title: B, retitled\n", 1)
	if string(res.Data) != want {
		t.Errorf("layout not kept:\n--- got\n%s--- want\n%s", res.Data, want)
	}
}

// A talk whose presentation page was not read this time keeps what an
// earlier run read from it: media links, and its own time within the
// session's slot; a talk that moved takes the new slot.
func TestMergeKeepsDetails(t *testing.T) {
	old := sample()
	old.Days[0].Talks[0].Media = program.Media{Paper: "https://www.usenix.org/system/files/p.pdf", Video: "https://www.youtube.com/watch?v=x"}
	old.Days[0].Talks[0].Start, old.Days[0].Talks[0].End = "14:30", "14:45"
	data, _ := Marshal(old)
	for _, tc := range []struct {
		name                 string
		slotStart, slotEnd   string
		wantStart, wantEnd   string
		keep                 bool
		wantPaper, wantVideo string
	}{
		{"within the slot", "14:00", "15:30", "14:30", "14:45", true, "https://www.usenix.org/system/files/p.pdf", "https://www.youtube.com/watch?v=x"},
		{"moved", "16:00", "17:30", "16:00", "17:30", true, "https://www.usenix.org/system/files/p.pdf", "https://www.youtube.com/watch?v=x"},
		{"page read", "14:00", "15:30", "14:00", "15:30", false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fresh := sample()
			tk := &fresh.Days[0].Talks[0]
			tk.Start, tk.End, tk.Media = tc.slotStart, tc.slotEnd, program.Media{}
			opt := MergeOptions{}
			if tc.keep {
				opt.KeepDetails = map[string]bool{tk.ID: true}
			}
			res, err := MergeFile(data, "p.yaml", fresh, opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Unmarshal(res.Data, "p.yaml")
			if err != nil {
				t.Fatal(err)
			}
			g := got.Days[0].Talks[0]
			if g.Start != tc.wantStart || g.End != tc.wantEnd || g.Media.Paper != tc.wantPaper || g.Media.Video != tc.wantVideo {
				t.Errorf("got %s–%s %+v", g.Start, g.End, g.Media)
			}
		})
	}
}

// A file saved with CRLF and a byte-order mark keeps both through a merge
// that changes it, and untouched talks keep their bytes.
func TestMergeKeepsCRLFAndBOM(t *testing.T) {
	p := sample()
	data, _ := Marshal(p)
	crlf := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	fresh := sample()
	fresh.Days[0].Talks[0].Title = "A New Title"
	res, err := MergeFile(crlf, "p.yaml", fresh, MergeOptions{})
	if err != nil || !res.Changed {
		t.Fatalf("merge: %v", err)
	}
	if !bytes.HasPrefix(res.Data, []byte("\xef\xbb\xbf")) || bytes.Count(res.Data, []byte("\n")) != bytes.Count(res.Data, []byte("\r\n")) {
		t.Errorf("BOM or CRLF lost:\n%q", res.Data)
	}
}
