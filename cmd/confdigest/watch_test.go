package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const watchedProgram = `conference:
  id: watchcon
  name: WatchCon
  url: https://example.org/watchcon/program
days:
  - date: "2026-05-04"
    talks:
      - id: first
        title: The First Talk
        speakers:
          - {name: Ada Example}
        notes:
          attended: true
          commentary: |
            %s
      - id: second
        title: The Second Talk
`

// digest --watch: three saves (valid, invalid, valid), by the three ways
// editors save, give two renders and one problem at its line; a post
// edited by hand is refused; Ctrl-C ends it with 130. Each step waits for
// the line that reports the save.
func TestDigestWatch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "watchcon.yaml")
	out := filepath.Join(dir, "posts")
	post := filepath.Join(out, "watchcon-day-1.md")
	save := func(how, text string) {
		t.Helper()
		data := []byte(strings.Replace(watchedProgram, "%s", text, 1))
		var err error
		switch how {
		case "in place": // truncate and write, as vim with backupcopy=yes, nano
			err = os.WriteFile(file, data, 0o644)
		case "by rename": // a new file renamed over the old one, as VS Code, Emacs
			tmp := file + ".tmp"
			if err = os.WriteFile(tmp, data, 0o644); err == nil {
				err = os.Rename(tmp, file)
			}
		case "backup and write": // the old file moved aside, a new one written, as vim
			if err = os.Rename(file, file+"~"); err == nil {
				err = os.WriteFile(file, data, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	save("in place", "A first opinion.")

	pr, pw := io.Pipe()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int)
	go func() {
		code := exitCode(ctx, run(ctx, []string{"digest", "--watch", file, "-o", out}, io.Discard, pw), pw)
		pw.Close()
		done <- code
	}()

	renders, problems := 0, 0
	rendered := regexp.MustCompile(`^(wrote|updated) ` + regexp.QuoteMeta(post))
	problem := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:(\d+):(\d+): `)
	// await reads lines up to one matching want, counting renders and
	// problems on the way.
	await := func(want *regexp.Regexp) string {
		t.Helper()
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("digest --watch ended before %q", want)
				}
				t.Log(line)
				if rendered.MatchString(line) {
					renders++
				}
				if problem.MatchString(line) {
					problems++
				}
				if want.MatchString(line) {
					return line
				}
			case <-time.After(20 * time.Second): // a guard, not a synchronisation
				t.Fatalf("no line matching %q in 20s", want)
			}
		}
	}
	await(regexp.MustCompile(`^watching `))
	if renders != 1 {
		t.Fatalf("the first render wrote %d posts, want 1", renders)
	}
	renders = 0
	postText := func() string {
		data, err := os.ReadFile(post)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	save("in place", "A second opinion.")
	await(rendered)
	if got := postText(); !strings.Contains(got, "A second opinion.") {
		t.Errorf("after the first save the post is\n%s", got)
	}

	// A rating typed under the commentary, at the indentation of notes.
	save("by rename", "A broken opinion.\n          rating: 7")
	line := await(problem)
	if want := file + ":16:19: rating: want a rating from 1 to 5"; !strings.HasPrefix(line, want) {
		t.Errorf("the problem is reported as\n  %s\nwant\n  %s", line, want)
	}
	if got := postText(); !strings.Contains(got, "A second opinion.") {
		t.Errorf("an invalid save changed the post:\n%s", got)
	}

	save("backup and write", "A third opinion.")
	await(rendered)
	if got := postText(); !strings.Contains(got, "A third opinion.") {
		t.Errorf("after the third save the post is\n%s", got)
	}

	// A post edited by hand is still refused, and the watch goes on.
	edited := postText() + "\nMy own last words.\n"
	os.WriteFile(post, []byte(edited), 0o644)
	save("in place", "A fourth opinion.")
	await(regexp.MustCompile(`changed since confdigest wrote it .*--force`))
	if got := postText(); got != edited {
		t.Errorf("the hand-edited post was overwritten:\n%s", got)
	}

	cancel()
	await(regexp.MustCompile(`stopped watching`))
	if code := <-done; code != 130 {
		t.Errorf("exit %d after Ctrl-C, want 130", code)
	}
	if renders != 2 || problems != 1 {
		t.Errorf("%d renders and %d problems, want 2 and 1", renders, problems)
	}
}

// startWatch runs confdigest with args (a digest --watch) and returns
// await, which reads its output up to a line starting with prefix, and
// stop, which ends it as Ctrl-C does and returns its error.
func startWatch(t *testing.T, args ...string) (await func(prefix string), stop func() error) {
	pr, pw := io.Pipe()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		err := run(ctx, args, io.Discard, pw)
		pw.Close()
		done <- err
	}()
	t.Cleanup(cancel)
	await = func(prefix string) {
		t.Helper()
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("digest --watch ended before %q", prefix)
				}
				t.Log(line)
				if strings.HasPrefix(line, prefix) {
					return
				}
			case <-time.After(20 * time.Second): // a guard, not a synchronisation
				t.Fatalf("no line starting %q in 20s", prefix)
			}
		}
	}
	stop = func() error {
		cancel()
		return <-done
	}
	return await, stop
}

// A program file that is a symbolic link (kept in a notes repository, say)
// is followed where a save through the link lands: the file it points to.
func TestDigestWatchThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "notes", "watchcon.yaml")
	link := filepath.Join(dir, "blog", "watchcon.yaml")
	os.MkdirAll(filepath.Dir(real), 0o755)
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.WriteFile(real, []byte(strings.Replace(watchedProgram, "%s", "Before.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here")
	}
	out := filepath.Join(dir, "blog", "posts")
	await, stop := startWatch(t, "digest", "--watch", link, "-o", out)
	await("watching ")
	// Saved in place through the link, as vim does with a link.
	if err := os.WriteFile(link, []byte(strings.Replace(watchedProgram, "%s", "After.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	await("updated ")
	if err := stop(); !errors.As(err, new(stoppedError)) {
		t.Errorf("after Ctrl-C: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "watchcon-day-1.md")); !strings.Contains(string(got), "After.") {
		t.Errorf("the post was not written again:\n%s", got)
	}
}

// With --template, a save of the template renders the posts again too.
func TestDigestWatchTemplate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "watchcon.yaml")
	tmpl := filepath.Join(dir, "talk.tmpl")
	out := filepath.Join(dir, "posts")
	os.WriteFile(file, []byte(strings.Replace(watchedProgram, "%s", "Fine.", 1)), 0o644)
	os.WriteFile(tmpl, []byte(`{{ define "talk" }}### First version: {{ .Title }}{{ end }}`), 0o644)
	await, stop := startWatch(t, "digest", "--watch", "--template", tmpl, file, "-o", out)
	await("watching ")
	post := filepath.Join(out, "watchcon-day-1.md")
	if got, _ := os.ReadFile(post); !strings.Contains(string(got), "### First version: The First Talk") {
		t.Fatalf("the first post is\n%s", got)
	}
	os.WriteFile(tmpl, []byte(`{{ define "talk" }}### Second version: {{ .Title }}{{ end }}`), 0o644)
	await("updated ")
	if got, _ := os.ReadFile(post); !strings.Contains(string(got), "### Second version: The First Talk") {
		t.Errorf("after the template's save the post is\n%s", got)
	}
	stop()
}

// Under --watch a day without a post is named once, and again only when
// that changes; the time and file head only lines that follow them.
func TestDigestWatchSaysWhatChanged(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.yaml")
	write := func(commentary string, day2 bool) {
		t.Helper()
		text := strings.Replace(watchedProgram, "%s", commentary, 1)
		if day2 {
			text += "  - date: \"2026-05-05\"\n    talks:\n      - {id: third, title: The Third Talk}\n"
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := digestJob{file: file, out: filepath.Join(dir, "posts"), watched: &watchState{}}
	var last []byte
	render := func() string {
		var b strings.Builder
		last = j.render(context.Background(), &b, last)
		return b.String()
	}
	skip := "day 2 (2026-05-05): no talk attended or noted, no intro: no post"
	write("Good.", true)
	if out := render(); !strings.Contains(out, skip) {
		t.Errorf("first render does not name day 2:\n%s", out)
	}
	write("Very good.", true)
	if out := render(); strings.Contains(out, "day 2") {
		t.Errorf("a save that left day 2 as it was names it again:\n%s", out)
	}
	if out := render(); out != "" {
		t.Errorf("an unchanged file: want nothing said, got %q", out)
	}
	write("Very good.", false)
	out := render()
	write("Very good.", true)
	out += render()
	if strings.Count(out, skip) != 1 {
		t.Errorf("day 2 came back without a post: want it named once:\n%s", out)
	}
	head := regexp.MustCompile(`^\d\d:\d\d:\d\d .*:$`)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, l := range lines {
		if head.MatchString(l) && (i+1 == len(lines) || head.MatchString(lines[i+1])) {
			t.Errorf("a bare header: %q in\n%s", l, out)
		}
		if cols(l) > 80 {
			t.Errorf("line over 80 columns: %q", l)
		}
	}
}
