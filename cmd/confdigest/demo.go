package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/confdigest/confdigest/digest"
	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
	"github.com/confdigest/confdigest/scraper"
	"github.com/confdigest/confdigest/scraper/fetch"
)

//go:embed sample
var sample embed.FS

const demoHelp = `usage: confdigest demo DIR

Demo runs the whole pipeline on a built-in sample conference without any
network: it serves the sample program page on a loopback address, scrapes
it through the real crawler into DIR/examplecon26.yaml, adds notes to a few
talks as a user would (on the first run only), and writes the day posts
into DIR/posts. Running it again re-scrapes onto the same file, keeps your
notes, and refreshes the posts.

Example:

	confdigest demo /tmp/confdigest-demo
`

const demoPath = "/conference/examplecon26/program"

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	pos, err := parseFlags(fs, demoHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("demo takes one directory, e.g. confdigest demo /tmp/confdigest-demo")
	}
	dir := pos[0]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: cannot serve the sample on loopback: %w", err)
	}
	srv := &http.Server{Handler: sampleHandler()}
	go srv.Serve(ln)
	defer srv.Close()

	url := "http://" + ln.Addr().String() + demoPath
	fmt.Fprintf(stderr, "sample program at %s\n", url)
	res, err := scraper.Scrape(ctx, url, scraper.Options{Fetch: fetch.Options{
		UserAgent: userAgent(),
		Delay:     0, DelaySet: true, // our own server: no need to wait
		Log: stderr,
	}})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	p := res.Program
	file := filepath.Join(dir, p.Conference.ID+".yaml")
	if err := saveProgram(ctx, file, p, saveOptions{merge: yamlfile.MergeOptions{KeepDetails: res.Undetailed()}}, stderr); err != nil {
		return err
	}
	p, err = yamlfile.ReadFile(file)
	if err != nil {
		return err
	}
	if !hasNotes(p) {
		// A first run: write notes as a user would, so there is something to digest.
		addSampleNotes(p)
		data, err := yamlfile.Marshal(p)
		if err != nil {
			return err
		}
		old, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		data = append(yamlfile.LeadingComments(old), data...) // the schema's line
		if err := atomicfile.WriteFile(file, data, 0o644); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintf(stderr, "added sample notes to %s\n", file)
	}
	posts, _, err := digest.Render(p, digest.Options{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	postDir := filepath.Join(dir, "posts")
	outcomes, err := digest.Write(postDir, posts, digest.StatePath(file), digest.WriteOptions{Now: time.Now().Format(time.RFC3339)})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "The sample program is in %s: %s, with notes on %d.\n\nPosts:\n", file, size(p), notedTalks(p))
	for _, o := range outcomes {
		fmt.Fprintf(stdout, "  %s\n", o.Path)
	}
	fmt.Fprintf(stdout, `
Next: open %s, add notes under another talk, e.g.
    notes:
      attended: true
      commentary: |
        What you thought of it.
then run
    %s digest %s -o %s
Run the demo again: it re-scrapes onto the same file and keeps your notes.
`, file, selfCommand(os.Args[0]), file, postDir)
	return nil
}

// selfCommand is how to run confdigest again the way it was run: "go run
// ./cmd/confdigest" for a binary go run built in its temporary folder,
// which is gone once it ends.
func selfCommand(arg0 string) string {
	if strings.Contains(filepath.ToSlash(arg0), "/go-build") && strings.Contains(filepath.ToSlash(arg0), "/exe/") {
		return "go run ./cmd/confdigest"
	}
	return "confdigest"
}

func hasNotes(p *program.Program) bool {
	for _, d := range p.Days {
		if d.Notes != nil {
			return true
		}
	}
	return notedTalks(p) > 0
}

func notedTalks(p *program.Program) int {
	n := 0
	for _, d := range p.Days {
		for _, t := range d.Talks {
			if t.Notes != nil {
				n++
			}
		}
	}
	return n
}

// addSampleNotes writes what a user might have: notes on a few talks and
// an intro for the first day.
func addSampleNotes(p *program.Program) {
	notes := map[string]*program.TalkNotes{
		"example": {Attended: true,
			Lead:       "The opening talk was by\n{speakers}\nof Example Corp.\n",
			Commentary: "I liked the staging ladder; the rollback numbers were less convincing.\n"},
		"osei":  {Attended: true, Commentary: "The hand-off checklist is going straight into our runbook.\n"},
		"panel": {Attended: true},
	}
	p.Post = &program.Post{Format: "hugo", FrontMatter: map[string]any{"type": "post", "categories": []any{}}}
	for di := range p.Days {
		if di == 0 {
			p.Days[di].Notes = &program.DayNotes{Intro: "A long first day. I stayed in Track 2 most of the afternoon.\n"}
		}
		for ti := range p.Days[di].Talks {
			if n, ok := notes[p.Days[di].Talks[ti].ID]; ok {
				p.Days[di].Talks[ti].Notes = n
			}
		}
	}
}

func sampleHandler() http.Handler {
	mux := http.NewServeMux()
	serve := func(path, file, ctype string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			data, err := sample.ReadFile(file)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(data)
		})
	}
	serve("/robots.txt", "sample/robots.txt", "text/plain; charset=utf-8")
	serve(demoPath, "sample/program.html", "text/html; charset=utf-8")
	return mux
}
