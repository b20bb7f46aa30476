package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/scraper"
)

const scrapeHelp = `usage: confdigest scrape [flags] URL

Scrape reads a USENIX conference program page and writes the program file:
every day, talk, time, track, room, speaker, affiliation, abstract (as
Markdown) and media link, in YAML, for you to add your notes to.

When the program file exists already, scrape refreshes the scraped fields
and keeps everything you wrote: post, every notes mapping, and talks that
disappeared from the program but carry your notes (marked withdrawn: true).
An unchanged program leaves the file as it is. What changed is printed.

The flags are:

	-o FILE
		the program file (default <conference-id>.yaml, e.g. srecon17europe.yaml)
	--details
		also fetch every presentation page, to fill in exact talk times and
		what the program page lacks (one request per talk, at the delay below)
	--delay D
		minimum time between requests, e.g. 2s (default: the site's
		robots.txt Crawl-delay, else 1s); an explicit value wins, for mirrors
		and local copies
	--timeout D
		give up on a request after D (default 30s)
	--cache DIR
		keep a copy of every page fetched in DIR (default: confdigest in the
		user cache directory)
	--no-cache
		keep no copies
	--offline
		read pages from the cache only, never the network

robots.txt is obeyed, requests go one at a time, and the crawler never
leaves the program's host.

Example:

	confdigest scrape https://www.usenix.org/conference/srecon17europe/program
`

func runScrape(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scrape", flag.ContinueOnError)
	out := fs.String("o", "", "program file")
	details := fs.Bool("details", false, "fetch every presentation page")
	delay := fs.Duration("delay", 0, "minimum time between requests")
	timeout := fs.Duration("timeout", 30*time.Second, "request timeout")
	cache := fs.String("cache", "", "cache directory")
	noCache := fs.Bool("no-cache", false, "keep no copies")
	offline := fs.Bool("offline", false, "cache only")
	pos, err := parseFlags(fs, scrapeHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("scrape takes one URL, e.g. confdigest scrape https://www.usenix.org/conference/srecon17europe/program")
	}
	if _, err := scraper.ParseURL(pos[0]); err != nil {
		return usagef("scrape: %v", err)
	}
	if *noCache && (*offline || *cache != "") {
		return usagef("scrape: --no-cache cannot go with --offline or --cache")
	}
	opt := scraper.Options{
		UserAgent: userAgent(),
		Timeout:   *timeout,
		Details:   *details,
		Offline:   *offline,
		Log:       stderr,
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "delay" {
			opt.Delay, opt.DelaySet = *delay, true
		}
	})
	if !*noCache {
		opt.CacheDir = *cache
		if opt.CacheDir == "" {
			if dir, err := os.UserCacheDir(); err == nil {
				opt.CacheDir = filepath.Join(dir, "confdigest")
			}
		}
	}
	// A named program file is checked before any request: a file that
	// cannot be merged into stops the run before it costs the site anything.
	if *out != "" {
		if _, err := readExisting(*out); err != nil {
			return err
		}
	}
	fresh, err := scraper.Scrape(ctx, pos[0], opt)
	if err != nil {
		return errors.New(errorText(pos[0], err))
	}
	path := *out
	if path == "" {
		path = fresh.Conference.ID + ".yaml"
	}
	return saveProgram(ctx, path, fresh, stderr)
}

// errorText names the URL once: scraper errors mostly name it already.
func errorText(u string, err error) string {
	if strings.Contains(err.Error(), u) {
		return err.Error()
	}
	return "scrape " + u + ": " + err.Error()
}

func helpIsSuccess(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// readExisting loads the program file at path; a missing file is (nil, nil).
func readExisting(path string) (*program.Program, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	p, err := program.Unmarshal(data, path)
	if err != nil {
		return nil, fmt.Errorf("%w (fix the file, or write elsewhere with -o; nothing was changed)", err)
	}
	return p, nil
}

// saveProgram writes fresh to path, merged with the user's notes when path
// exists, replacing the file in one step and only when something changed.
func saveProgram(ctx context.Context, path string, fresh *program.Program, stderr io.Writer) error {
	old, err := readExisting(path)
	if err != nil {
		return err
	}
	p := fresh
	var report []string
	var before []byte
	if old != nil {
		before, _ = os.ReadFile(path)
		if program.HasComments(before) {
			return fmt.Errorf("%s has comments, which this version of confdigest cannot carry over on a re-scrape; move them into notes, or scrape into another file with -o (nothing was changed)", path)
		}
		p, report = program.Merge(old, fresh)
	}
	data, err := program.Marshal(p)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, line := range report {
		fmt.Fprintln(stderr, line)
	}
	if old != nil && bytes.Equal(before, data) {
		fmt.Fprintf(stderr, "%s is up to date (%d talks)\n", path, p.TalkCount())
		return nil
	}
	if err := program.WriteFileAtomic(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(stderr, "wrote %s: %d days, %d talks\n", path, len(p.Days), p.TalkCount())
	return nil
}
