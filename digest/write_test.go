package digest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
)

func TestWriteKeepsHandEdits(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, ".p.yaml.digest.json")
	out := filepath.Join(dir, "posts")
	posts := []Post{{Path: "day-1.md", Content: []byte("one\n")}, {Path: "_posts/2026-03-18-day-2.md", Content: []byte("two\n")}}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		return string(b)
	}

	res, err := Write(out, posts, state, WriteOptions{})
	if err != nil || len(res) != 2 || !res[0].Changed || read("day-1.md") != "one\n" || read("_posts/2026-03-18-day-2.md") != "two\n" {
		t.Fatalf("first write: %v %+v", err, res)
	}
	// Unchanged since written: rewritten with the new content.
	posts[0].Content = []byte("one, revised\n")
	if _, err := Write(out, posts, state, WriteOptions{}); err != nil || read("day-1.md") != "one, revised\n" {
		t.Fatalf("rewrite of an untouched post: %v", err)
	}
	// Edited by hand: refused, and nothing else written either.
	os.WriteFile(filepath.Join(out, "day-1.md"), []byte("my edit\n"), 0o644)
	posts[1].Content = []byte("two, revised\n")
	_, err = Write(out, posts, state, WriteOptions{})
	var edited *EditedError
	if !errors.As(err, &edited) || len(edited.Paths) != 1 || !strings.Contains(err.Error(), "day-1.md changed since confdigest wrote it") {
		t.Fatalf("err = %v, want an *EditedError naming the edited post", err)
	}
	if read("day-1.md") != "my edit\n" || read("_posts/2026-03-18-day-2.md") != "two\n" {
		t.Fatal("a refused run wrote something")
	}
	// --force overwrites.
	if _, err := Write(out, posts, state, WriteOptions{Force: true}); err != nil || read("day-1.md") != "one, revised\n" {
		t.Fatalf("force: %v", err)
	}
	// A file confdigest never wrote is not overwritten either.
	os.Remove(state)
	os.WriteFile(filepath.Join(out, "day-1.md"), []byte("someone else's post\n"), 0o644)
	if _, err := Write(out, posts, state, WriteOptions{}); err == nil {
		t.Fatal("overwrote a post it has no record of")
	}
	// A corrupt record protects every post.
	os.WriteFile(state, []byte("{not json"), 0o644)
	if _, err := Write(out, posts, state, WriteOptions{}); err == nil {
		t.Fatal("overwrote a post with a corrupt record")
	}
}

func TestWriteStaysInDir(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"../escape.md", "a/../../escape.md"} {
		if _, err := Write(filepath.Join(dir, "out"), []Post{{Path: p, Content: []byte("x")}}, filepath.Join(dir, "s.json"), WriteOptions{Force: true}); err == nil {
			t.Errorf("Write(%q) succeeded", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.md")); err == nil {
		t.Error("a post escaped the output directory")
	}
}

// A day's own front-matter title wins; one in post.front_matter would name
// every post the same: it is left out, and said.
func TestFrontMatterTitle(t *testing.T) {
	p := &program.Program{
		Conference: program.Conference{ID: "x", Name: "X"},
		Post:       &program.Post{FrontMatter: map[string]any{"title": "Same For All"}},
		Days: []program.Day{
			{Date: "2026-03-18", Notes: &program.DayNotes{Intro: "a", FrontMatter: map[string]any{"title": "Mine"}}},
			{Date: "2026-03-19", Notes: &program.DayNotes{Intro: "b"}},
		},
	}
	posts, notes, err := Render(p, Options{Format: "hugo-yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(posts[0].Content), "title: Mine") || !strings.Contains(string(posts[1].Content), "title: X -- Day 2") {
		t.Errorf("titles:\n%s\n%s", posts[0].Content, posts[1].Content)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "post.front_matter.title is left out") {
		t.Errorf("notes = %q", notes)
	}
}
