package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// What a command says on the terminal fits 80 columns: the time-zone note
// of scrape, export's warning, the demo's closing words. (One-line error
// messages may be longer; these are not errors.)
func TestMessagesFit80(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	var said []string
	_, stderr := runOK(t, "scrape", "-o", file, filepath.Join("..", "..", "testdata", "schedules", "sessionize-all.json"))
	if !strings.Contains(stderr, "no time zone") {
		t.Errorf("scrape of a zoneless export says nothing of it:\n%s", stderr)
	}
	said = append(said, stderr)
	_, stderr = runOK(t, "export", "--format", "frab", "-o", filepath.Join(dir, "s.xml"), file)
	if !strings.Contains(stderr, "conference.timezone") {
		t.Errorf("export of a zoneless program warns of nothing:\n%s", stderr)
	}
	said = append(said, stderr)
	stdout, stderr := runOK(t, "demo", filepath.Join(dir, "demo"))
	said = append(said, stdout, stderr)
	for _, out := range said {
		for _, line := range strings.Split(out, "\n") {
			if n := cols(line); n > 80 && !strings.Contains(line, dir) {
				t.Errorf("%d columns: %q", n, line)
			}
		}
	}
}
