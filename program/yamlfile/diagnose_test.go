package yamlfile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/confdigest/confdigest/internal/golden"
	"github.com/confdigest/confdigest/program"
)

// TestBrokenFiles reads every file of testdata/broken, each a small
// program file with one mistake people make editing YAML by hand, and
// compares what check says of each with testdata/broken.golden. Files
// named ok-* are valid and must stay so; every other file must give at
// least one problem naming a line that holds something, with what to do.
func TestBrokenFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("%d files in testdata/broken, want at least 40", len(files))
	}
	var out bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		_, problems := Check(data, name)
		if len(problems) == 0 {
			fmt.Fprintf(&out, "%s: ok\n", name)
		}
		if ok := strings.HasPrefix(name, "ok-"); ok != (len(problems) == 0) {
			t.Errorf("%s: %d problems, want none for an ok- file and some for any other: %v", name, len(problems), problems)
		}
		lines := strings.Split(string(data), "\n")
		for _, p := range problems {
			fmt.Fprintln(&out, p)
			if p.Line < 1 || p.Line > len(lines) || strings.TrimSpace(strings.Trim(lines[p.Line-1], "\r\ufeff")) == "" {
				t.Errorf("%s: problem at line %d, which is not a line with text: %s", name, p.Line, p)
			}
			if !strings.Contains(p.Msg, "; ") && !strings.Contains(p.Msg, "(did you mean") {
				t.Errorf("%s: %q does not say what to do", name, p.Msg)
			}
		}
	}
	golden.Compare(t, "testdata/broken.golden", out.Bytes())
}

// bigFile is a valid program file of n talks over three days, as scrape
// writes it, with a notes block on every talk.
func bigFile(t testing.TB, n int) []byte {
	p := &program.Program{Conference: program.Conference{ID: "big", Name: "Big"}}
	for d := range 3 {
		day := program.Day{Date: fmt.Sprintf("2026-03-%02d", 10+d)}
		for i := range n / 3 {
			day.Talks = append(day.Talks, program.Talk{
				ID: fmt.Sprintf("t%d-%d", d, i), Title: fmt.Sprintf("Talk %d: a title", i),
				Start: "09:00", End: "09:45",
				Speakers: []program.Speaker{{Name: "Ada Example", Affiliation: "Example Corp"}},
				Abstract: "First paragraph: with a colon.\n\nSecond # paragraph.",
				Notes:    &program.TalkNotes{Commentary: "Fine.", Lead: "By {speakers}.\n"},
			})
		}
		p.Days = append(p.Days, day)
	}
	data, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDiagnoseFarFromReported puts one mistake deep in a large file, at
// places where yaml.v3 names a line far above it, and wants its line.
func TestDiagnoseFarFromReported(t *testing.T) {
	data := bigFile(t, 90)
	lines := strings.Split(string(data), "\n")
	var commentary []int // 0-based lines of "commentary: Fine."
	for i, l := range lines {
		if strings.TrimSpace(l) == "commentary: Fine." {
			commentary = append(commentary, i)
		}
	}
	if len(commentary) != 90 {
		t.Fatalf("%d commentary lines, want 90", len(commentary))
	}
	for _, tc := range []struct{ name, value, want string }{
		{"brace", "{speakers} was great.", "a value starting with { is read as a mapping"},
		{"unclosed", `"Good talk, said everyone`, "never closed"},
		{"quote inside", `'It's the best'`, "ends the quoted value early"},
		{"colon", "My pick: this one", "a colon followed by a space inside a value"},
	} {
		for _, at := range []int{commentary[0], commentary[44], commentary[89]} {
			broken := append([]string{}, lines...)
			broken[at] = strings.Replace(broken[at], "Fine.", tc.value, 1)
			_, problems := Check([]byte(strings.Join(broken, "\n")), "big.yaml")
			if len(problems) != 1 || problems[0].Line != at+1 || !strings.Contains(problems[0].Msg, tc.want) {
				t.Errorf("%s at line %d: got %v, want one problem at line %d saying %q", tc.name, at+1, problems, at+1, tc.want)
			}
		}
	}
}

func BenchmarkDiagnose(b *testing.B) {
	data := bigFile(b, 300)
	lines := strings.Split(string(data), "\n")
	for i := len(lines) / 2; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "commentary: Fine." {
			lines[i] = strings.Replace(lines[i], "Fine.", "{speakers} was great.", 1)
			break
		}
	}
	broken := []byte(strings.Join(lines, "\n"))
	b.SetBytes(int64(len(broken)))
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := Check(broken, "big.yaml"); len(problems) != 1 {
			b.Fatal(problems)
		}
	}
}

// TestDiagnoseMutations breaks the valid files of testdata/broken in
// random ways people break YAML (a character typed or a space deleted
// anywhere) and wants every problem at a line of the file, with what to do.
func TestDiagnoseMutations(t *testing.T) {
	files, _ := filepath.Glob("testdata/broken/ok-*.yaml")
	if len(files) == 0 {
		t.Fatal("no ok-* files in testdata/broken")
	}
	typed := []string{"{", "[", "}", ": ", " #", "'", `"`, "\t", "\u00a0", "- ", "|", ">", "*", "&", "!", "%", "@", "`", ":", "\r\n", "\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for range 300 {
			text := string(data)
			at := rng.IntN(len(text))
			for !utf8.RuneStart(text[at]) {
				at--
			}
			if rng.IntN(4) == 0 {
				text = text[:at] + text[at+1:]
				for at < len(text) && !utf8.RuneStart(text[at]) {
					text = text[:at] + text[at+1:]
				}
			} else {
				text = text[:at] + typed[rng.IntN(len(typed))] + text[at:]
			}
			_, problems := Check([]byte(text), "m.yaml")
			lines := strings.Count(text, "\n") + 1
			if os.Getenv("SHOW") != "" && len(problems) > 0 && !problems[0].Warning {
				ls := strings.Split(text, "\n")
				t.Logf("%v\n    | %q", problems[0], ls[problems[0].Line-1])
			}
			for _, p := range problems {
				checked++
				if p.Line < 1 || p.Line > lines || p.Col < 1 || p.Msg == "" {
					t.Errorf("problem out of the file (%d lines): %v\n%s", lines, p, text)
				}
				if !p.Warning && !strings.Contains(p.Msg, "; ") && !strings.Contains(p.Msg, "(did you mean") && !strings.Contains(p.Msg, "(known keys") &&
					!strings.Contains(p.Msg, ": want ") && !strings.Contains(p.Msg, " is missing in ") {
					t.Errorf("%q does not say what to do\n%s", p.Msg, text)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d problems from the mutations: the mutations do not break files", checked)
	}
}

// The fix a message suggests, typed in for the line's "key: value", makes
// the file read: a comment after the value stays out of the quotes, and in
// a flow mapping only the value that needs them is quoted.
func TestSuggestedFixReads(t *testing.T) {
	for _, name := range []string{"post-title-brace-comment.yaml", "post-title-colon-comment.yaml",
		"notes-lead-speakers-comment.yaml", "notes-flow-value-colon.yaml", "notes-flow-hash.yaml", "tags-flow-pair.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/broken", name))
		if err != nil {
			t.Fatal(err)
		}
		_, problems := Check(data, name)
		if len(problems) != 1 {
			t.Fatalf("%s: %v", name, problems)
		}
		p := problems[0]
		_, fix, ok := strings.Cut(p.Msg, "quotes (")
		if !ok {
			t.Fatalf("%s: no fix in %q", name, p.Msg)
		}
		fix = fix[:strings.LastIndex(fix, ")")]
		lines := strings.Split(string(data), "\n")
		l := lines[p.Line-1]
		// The text the fix is for is on the line, as the fix without quotes.
		plain := strings.ReplaceAll(fix, `"`, "")
		at := strings.Index(l, plain)
		if at < 0 {
			t.Fatalf("%s: the fix %q is not for the text of line %d: %q", name, fix, p.Line, l)
		}
		lines[p.Line-1] = l[:at] + fix + l[at+len(plain):]
		fixed := strings.Join(lines, "\n")
		if _, problems := Check([]byte(fixed), name); len(problems) > 0 {
			t.Errorf("%s: the fix %q does not read: %v\n%s", name, fix, problems, fixed)
		}
		if c := strings.Index(l, " #"); strings.HasSuffix(name, "-comment.yaml") && !strings.Contains(fix, l[c:]) {
			t.Errorf("%s: the fix %q drops the comment %q", name, fix, l[c:])
		}
	}
}
