package yamlfile

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzUnmarshal: no file makes the loader panic, and a file it accepts is
// written back to one it reads the same.
func FuzzUnmarshal(f *testing.F) {
	goldens, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "usenix", "*.golden"))
	for _, g := range goldens {
		if data, err := os.ReadFile(g); err == nil {
			f.Add(data)
		}
	}
	broken, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	for _, b := range broken {
		if data, err := os.ReadFile(b); err == nil {
			f.Add(data)
		}
	}
	if data, err := Marshal(sample()); err == nil {
		f.Add(data)
	}
	f.Add([]byte("conference: {id: x}\ndays:\n  - date: \"2026-01-01\"\n    talks: [{id: a, title: A, notes: {attended: true}}]\n"))
	f.Add([]byte("conference: {id: x}\ndays:\n  - date: \"2026-01-01\"\n    talks: [{id: a, title: A, notes: {plan: true, attended: false, commentary: x}}]\n"))
	// Attacks: aliases, a second document, CRLF and a BOM, null in a list.
	f.Add([]byte("conference: {id: x}\ndays:\n  - date: \"2026-01-01\"\n    talks:\n      - &ex {id: a, title: A}\n  - date: \"2026-01-02\"\n    talks: [*ex]\n"))
	f.Add([]byte("conference: {id: x}\ndays: []\n---\nnotes: lost\n"))
	f.Add([]byte("\xef\xbb\xbfconference: {id: x}\r\npost: {front_matter: {tags: [a, ~]}}\r\ndays: []\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, problems := Check(data, "fuzz.yaml")
		for _, pr := range problems {
			if pr.Line < 1 || pr.Col < 1 || pr.Msg == "" {
				t.Fatalf("problem without a place or message: %+v", pr)
			}
		}
		if p == nil {
			return
		}
		out, err := Marshal(p)
		if err != nil {
			t.Fatalf("Marshal of an accepted file: %v", err)
		}
		back, err := Unmarshal(out, "again.yaml")
		if err != nil {
			t.Fatalf("written file rejected: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, p) {
			t.Fatalf("round trip changed the program:\n%+v\n%+v", p, back)
		}
	})
}
