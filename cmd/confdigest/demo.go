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

	"github.com/confdigest/confdigest/scraper"
)

//go:embed sample
var sample embed.FS

const demoHelp = `usage: confdigest demo DIR

Demo runs the whole pipeline on a built-in sample conference without any
network: it serves the sample program page on a loopback address, scrapes
it through the real crawler into DIR/examplecon26.yaml, and says what to do
next. Running it again re-scrapes onto the same file and keeps your notes.

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
	fmt.Fprintf(stderr, "serving the sample program at %s\n", url)
	p, err := scraper.Scrape(ctx, url, scraper.Options{
		UserAgent: userAgent(),
		Delay:     0, DelaySet: true, // our own server: no need to wait
		Log: stderr,
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	file := filepath.Join(dir, p.Conference.ID+".yaml")
	if err := saveProgram(ctx, file, p, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, `The sample program is in %s: %d days, %d talks.

Next:
  1. Open it and, under a talk you "attended", add
         notes:
           attended: true
           commentary: |
             What you thought of it.
  2. Re-run the demo (or scrape a real program) and see that your notes stay.
`, file, len(p.Days), p.TalkCount())
	return nil
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
