package digest

import (
	"errors"
	"fmt"
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

// A run that fails writes no post at all.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "posts")
	os.MkdirAll(filepath.Join(out, "b.md"), 0o755) // a directory where a post must go
	posts := []Post{{Path: "a.md", Content: []byte("a\n")}, {Path: "b.md", Content: []byte("b\n")}}
	if _, err := Write(out, posts, filepath.Join(dir, "s.json"), WriteOptions{}); err == nil {
		t.Fatal("Write succeeded over a directory")
	}
	if _, err := os.Stat(filepath.Join(out, "a.md")); err == nil {
		t.Error("a.md was written by a run that failed")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// Two days whose titles make the same file name both get a post.
func TestSameSlugDays(t *testing.T) {
	p := &program.Program{
		Conference: program.Conference{ID: "x", Name: "X"},
		Post:       &program.Post{Title: "Same Title"},
		Days: []program.Day{
			{Date: "2026-03-18", Notes: &program.DayNotes{Intro: "a"}, Talks: []program.Talk{{ID: "t", Title: "T", Notes: &program.TalkNotes{Attended: true}}}},
			{Date: "2026-03-19", Notes: &program.DayNotes{Intro: "b", Title: "Same Title 2"}},
			{Date: "2026-03-20", Notes: &program.DayNotes{Intro: "c"}},
		},
	}
	posts, _, err := Render(p, Options{Format: "markdown", Summary: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, post := range posts {
		if seen[post.Path] {
			t.Errorf("two posts named %s", post.Path)
		}
		seen[post.Path] = true
	}
	if len(seen) != 4 {
		t.Errorf("posts %v", seen)
	}
}

// Digests of one program file at the same time keep every record.
func TestConcurrentWritesKeepRecords(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "s.json")
	done := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			_, err := Write(filepath.Join(dir, "out"), []Post{{Path: fmt.Sprintf("p%d.md", i), Content: []byte("x\n")}}, state, WriteOptions{})
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(state)
	for i := 0; i < 8; i++ {
		if !strings.Contains(string(data), fmt.Sprintf("p%d.md", i)) {
			t.Errorf("the record lost p%d.md:\n%s", i, data)
		}
	}
}

// A title without {day} names every day the same: day 2 written alone
// (--day 2) still goes to a file of its own, the one a run over every day
// gives it, never day 1's (issue 23, item 3).
func TestDaysNeverShareAFile(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			p := &program.Program{
				Conference: program.Conference{ID: "x", Name: "X"},
				Post:       &program.Post{Title: "{conference} notes"},
				Days: []program.Day{
					{Date: "2026-03-18", Notes: &program.DayNotes{Intro: "a"}},
					{Date: "2026-03-19", Notes: &program.DayNotes{Intro: "b"}},
					{Date: "2026-03-20"}, // no post; its file name is kept free
					{Date: "2026-03-21", Notes: &program.DayNotes{Intro: "d"}},
				},
			}
			all, _, err := Render(p, Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			byDay := map[int]string{}
			seen := map[string]int{}
			for _, post := range all {
				if d, dup := seen[post.Path]; dup {
					t.Errorf("days %d and %d share %s", d, post.Day, post.Path)
				}
				seen[post.Path], byDay[post.Day] = post.Day, post.Path
			}
			for _, day := range []string{"1", "2", "4", "2026-03-21"} {
				one, _, err := Render(p, Options{Format: format, Day: day})
				if err != nil || len(one) != 1 {
					t.Fatalf("--day %s: %d posts, %v", day, len(one), err)
				}
				if want := byDay[one[0].Day]; one[0].Path != want {
					t.Errorf("--day %s writes %s; a run over every day writes it to %s", day, one[0].Path, want)
				}
			}
			// Day 3 gets notes later: it takes a file of its own, not day 4's.
			p.Days[2].Notes = &program.DayNotes{Intro: "c"}
			later, _, err := Render(p, Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			for _, post := range later {
				if want, ok := byDay[post.Day]; ok && post.Path != want {
					t.Errorf("day %d moved from %s to %s when day 3 got a post", post.Day, want, post.Path)
				}
				if post.Day == 3 && seen[post.Path] != 0 {
					t.Errorf("day 3 takes day %d's file %s", seen[post.Path], post.Path)
				}
			}
		})
	}
}

// Issue 23.4: when the record cannot be written (a full disk; here its
// temporary file's name is too long for the file system, while the record
// and its lock are not), the run leaves no new post and no new folder.
func TestWriteRecordFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "site", "_posts")
	state := filepath.Join(dir, "."+strings.Repeat("p", 230)+".yaml.digest.json")
	posts := []Post{{Path: "a.md", Content: []byte("a\n")}, {Path: "sub/b.md", Content: []byte("b\n")}}
	if _, err := Write(out, posts, state, WriteOptions{}); err == nil || !strings.Contains(err.Error(), "no post was written") {
		t.Fatalf("Write: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("a failed run left the folders it made")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// Issue 23.1: a record planted as a link to another file of yours is
// refused, with a message that says so, and nothing is written.
func TestWriteRecordNeverFollowsLink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "bashrc")
	os.WriteFile(victim, []byte("alias ll='ls -l'\n"), 0o644)
	state := filepath.Join(dir, ".p.yaml.digest.json")
	if err := os.Symlink(victim, state); err != nil {
		t.Skip(err)
	}
	_, err := Write(filepath.Join(dir, "out"), []Post{{Path: "a.md", Content: []byte("a\n")}}, state, WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), state+" is a symbolic link") {
		t.Fatalf("Write: %v", err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "alias ll='ls -l'\n" {
		t.Errorf("the link's target was written: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("posts were written")
	}
}
