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
	"runtime/debug"
	"strings"
	"time"

	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
	"github.com/confdigest/confdigest/scraper"
	"github.com/confdigest/confdigest/scraper/fetch"
)

const scrapeHelp = `usage: confdigest scrape [flags] URL|FILE

Scrape reads a conference program and writes the program file: every day,
talk, time, track, room, speaker, affiliation, abstract (as Markdown) and
media link, in YAML, for you to add your notes to. It reads, recognised by
their content:

	USENIX program pages (technical-sessions, program)
	frab/pentabarf schedule XML (pretalx, wafer, FOSDEM)
	c3voc/pretalx schedule JSON
	iCalendar programs (.ics)
	Sessionize exports (the API's All or Sessions view, JSON)
	Indico exports (export/event/N.json?detail=contributions)
	pretalx and Indico event pages (their export is found and read)

FILE is any of these saved to disk: a page saved with wget
--convert-links or a browser's "Save page as" reads as the live page
would, with the site's links; an export keeps the web address it states.

When the program file exists already, scrape refreshes the scraped fields
and keeps everything you wrote: post, every notes mapping, every comment,
and talks that disappeared from the program but carry your notes or
comments (marked withdrawn: true). An unchanged program leaves the file as
it is, byte for byte. What changed is printed, one line per talk.

The flags are:

	-o FILE
		the program file (default <conference-id>.yaml, e.g.
		srecon17europe.yaml)
	--details
		also fetch every presentation page, for exact talk times and the
		paper, slides and video links the program page lacks (one
		request per talk, at the delay below: 455 talks take about 8
		minutes at 1s)
	--details=noted
		fetch only the presentation pages of talks with notes or a plan
		in the program file (-o, or the default one): what a blogger
		needs. Details fetched by an earlier run are kept either way
	--delay D
		minimum time between requests, e.g. 2s (default: the site's
		robots.txt Crawl-delay, else 1s); an explicit value wins, for
		mirrors and local copies
	--timeout D
		give up on a request after D (default 30s)
	--cache DIR
		keep a copy of every page fetched in DIR (default: confdigest in
		the user cache directory)
	--no-cache
		keep no copies
	--offline
		read pages from the cache only, never the network
	--dry-run
		print what would change, write nothing
	--retries N
		send a request again up to N times after a passing fault (429,
		5xx, timeouts, connections cut), waiting longer each time or as
		long as Retry-After says (default 4)
	--timezone ZONE
		the conference's time zone (an IANA name such as
		Europe/Brussels), for programs that state none: Sessionize
		exports, iCalendar files in UTC or local time, USENIX pages that
		do not say. A zone the program states wins; without either,
		times are as published. The conference.timezone of an existing
		program file wins over it (edit the file to change it)
	--force
		write the file even when the new program lacks more than half of
		its talks (normally a sign of a wrong URL or a broken page)
	-v
		list what would change also when the write is refused (another
		conference's program onto the file lists every talk)

robots.txt is obeyed, requests go one at a time, and the crawler never
leaves the program's host.

Example:

	confdigest scrape https://www.usenix.org/conference/srecon17europe/program
`

func runScrape(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scrape", flag.ContinueOnError)
	out := fs.String("o", "", "program file")
	details := detailsFlag(scraper.NoDetails)
	fs.Var(&details, "details", "fetch presentation pages: all, or noted")
	delay := fs.Duration("delay", 0, "minimum time between requests")
	timeout := fs.Duration("timeout", 30*time.Second, "request timeout")
	cache := fs.String("cache", "", "cache directory")
	noCache := fs.Bool("no-cache", false, "keep no copies")
	offline := fs.Bool("offline", false, "cache only")
	dryRun := fs.Bool("dry-run", false, "report changes, write nothing")
	retries := fs.Int("retries", fetch.DefaultRetries, "sends again after a passing fault")
	force := fs.Bool("force", false, "write even when most talks would go")
	zone := fs.String("timezone", "", "the conference's time zone, for sources that state none")
	verbose := fs.Bool("v", false, "list every change, also when the write is refused")
	pos, err := parseFlags(fs, scrapeHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	for _, v := range pos {
		if len(pos) == 2 && details == detailsFlag(scraper.AllDetails) && (v == "noted" || v == "all") {
			return usagef("scrape: --details takes its value with =: --details=%s (alone, --details fetches every presentation page)", v)
		}
	}
	if len(pos) != 1 {
		return usagef("scrape takes one URL, e.g. confdigest scrape https://www.usenix.org/conference/srecon17europe/program")
	}
	if err := checkOutput("scrape", *out, "program.yaml"); err != nil {
		return err
	}
	if path, saved := scraper.SavedPath(pos[0]); saved {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("scrape: no such file: %s (give a saved page or an http or https URL)", path)
		}
		if isProgramFile(path) {
			return usagef("scrape: %s is a program file (written by scrape), not a program page; give the page's URL (or a saved copy of the page), and -o %s to merge into it", path, path)
		}
	} else {
		if err := notAFile(pos[0]); err != nil {
			return err
		}
		if _, err := scraper.ParseURL(pos[0]); err != nil {
			return usagef("scrape: %q is not an http or https URL, nor a saved page (example: https://www.usenix.org/conference/srecon17europe/program)", pos[0])
		}
	}
	if *noCache && (*offline || *cache != "") {
		return usagef("scrape: --no-cache cannot go with --offline or --cache")
	}
	if *retries < 0 {
		return usagef("scrape: --retries must be 0 or more")
	}
	if *zone != "" {
		if _, err := time.LoadLocation(*zone); err != nil || *zone == "Local" {
			return usagef("scrape: --timezone %q is not a time zone name (like Europe/Brussels or America/Los_Angeles)", *zone)
		}
	}
	if os.Getenv("GOGC") == "" {
		// A scrape lives a fraction of a second, and its collections
		// compete with the abstracts' conversion for the processors:
		// half as many of them make it ~1.1x faster for ~12 MB more
		// (BENCHMARKS.md). GOGC set by the user wins.
		defer debug.SetGCPercent(debug.SetGCPercent(200))
	}
	stats := &fetch.Stats{}
	progress := &Progress{W: stderr, Terminal: isTerminal(stderr)}
	opt := scraper.Options{
		Fetch: fetch.Options{
			UserAgent: userAgent(),
			Timeout:   *timeout,
			Offline:   *offline,
			Retries:   *retries,
			Log:       stderr,
			Stats:     stats,
		},
		Details:  scraper.Details(details),
		TimeZone: *zone,
		Progress: progress.Report,
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "delay" {
			opt.Fetch.Delay, opt.Fetch.DelaySet = *delay, true
		}
	})
	if !*noCache {
		opt.Fetch.CacheDir = *cache
		if opt.Fetch.CacheDir == "" {
			if dir, err := os.UserCacheDir(); err == nil {
				opt.Fetch.CacheDir = filepath.Join(dir, "confdigest")
			}
		}
	}
	// The program file is read and checked before the pages it steers: a
	// file that cannot be merged into stops the run, its zone places a
	// program that states none, and its notes say which pages
	// --details=noted fetches. A named file is read before any request;
	// the default file is named after the conference, which only the
	// program says, so then the program is read first on its own (its page
	// comes from the cache the second time, when there is one).
	var existing *yamlfile.File
	var first *scraper.Result
	path := *out
	if path == "" && (opt.Details == scraper.NotedDetails || *zone != "") {
		alone := opt
		alone.Details = scraper.NoDetails
		r, err := scraper.Scrape(ctx, pos[0], alone)
		if err != nil {
			return errors.New(errorText(pos[0], err))
		}
		first, path = r, r.Program.Conference.ID+".yaml"
	}
	if path != "" && !atomicfile.IsStream(path) { // never read a FIFO: it would wait for ever
		if existing, err = checkExisting(path); err != nil {
			return err
		}
		if existing != nil {
			opt.Noted = noted(existing.Program())
		}
		if fz := fileZone(existing); fz != "" {
			keptZone(stderr, *zone, fz, path)
			opt.TimeZone = fz
		}
	}
	if opt.Details == scraper.NotedDetails && len(opt.Noted) == 0 {
		fmt.Fprintf(stderr, "note: no talk in %s has notes or a plan yet: --details=noted fetches no page\n", path)
	}
	var res *scraper.Result
	var partial *scraper.DetailsError
	if first != nil && opt.Details == scraper.NoDetails && opt.TimeZone == *zone {
		res = first // read as the file wants it already
	} else {
		res, err = scraper.Scrape(ctx, pos[0], opt)
	}
	if err != nil && !errors.As(err, &partial) {
		return errors.New(errorText(pos[0], err))
	}
	fresh := res.Program
	if fresh.Conference.Timezone == "" {
		fmt.Fprintln(stderr, "note: no time zone stated; times are as published (set one: --timezone ZONE)")
	}
	if path == "" {
		path = fresh.Conference.ID + ".yaml"
	}
	so := saveOptions{dryRun: *dryRun, force: *force, existing: existing, verbose: *verbose, stdout: stdout}
	so.merge.KeepDetails = res.Undetailed()
	if err := saveProgram(ctx, path, fresh, so, stderr); err != nil {
		return err
	}
	if stats.Fetched.Load()+stats.FromCache.Load()+stats.Revalidated.Load()+stats.Failed.Load() > 0 {
		fmt.Fprintln(stderr, stats) // a file read from disk made no request
	}
	if partial != nil {
		for _, f := range partial.Failures {
			fmt.Fprintln(stderr, printable(fmt.Sprintf("details of %s not fetched: %v", f.TalkID, f.Err)))
		}
		return fmt.Errorf("scrape %s: %s failed; their talks keep what the program page (or %s) had; run again to retry them", pos[0], count(len(partial.Failures), "presentation page"), path)
	}
	return nil
}

// isProgramFile: the file at path is one scrape wrote (or one like it),
// which a user may give where the page's URL goes.
func isProgramFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	top := func(key string) bool {
		return bytes.HasPrefix(head, []byte(key)) || bytes.Contains(head, []byte("\n"+key))
	}
	return top("conference:") && (top("days:") || top("post:") || hasYAMLName(path))
}

// notAFile says what is wrong with arg, which is neither a URL nor a
// saved page, when it names a local file: there is none, or it is a
// folder. nil when arg does not look like a path.
func notAFile(arg string) error {
	if strings.Contains(arg, "://") {
		return nil
	}
	fi, err := os.Stat(arg)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("scrape: %s is a folder: give a saved page (a file in it) or an http or https URL", arg)
	case err == nil:
		return nil
	case !strings.ContainsAny(arg, `/\`) && filepath.Ext(arg) == "" && !strings.HasPrefix(arg, "."):
		return nil // a word, not a path: not an http or https URL
	}
	msg := fmt.Sprintf("scrape: no such file: %s", arg)
	if host, _, ok := strings.Cut(arg, "/"); ok && looksLikeHost(host) {
		return errors.New(msg + " (for the web page, write https://" + arg + ")")
	}
	return errors.New(msg + " (give a saved page or an http or https URL)")
}

// looksLikeHost: www.usenix.org, not program.html or a folder here.
func looksLikeHost(s string) bool {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(s), "."))
	if _, err := os.Stat(s); err == nil || ext == "" || strings.HasPrefix(s, ".") {
		return false
	}
	switch ext {
	case "html", "htm", "xml", "json", "ics", "yaml", "yml", "txt", "d":
		return false
	}
	return strings.Trim(ext, "abcdefghijklmnopqrstuvwxyz") == ""
}

// isTerminal: progress is drawn as a bar only on a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// errorText names the URL once (scraper errors mostly name it already),
// and says what to do where the error's kind tells.
func errorText(u string, err error) string {
	msg := err.Error()
	if !strings.Contains(msg, u) {
		msg = "scrape " + u + ": " + msg
	}
	var (
		unreachable *fetch.UnreachableError
		blocked     *fetch.BlockedError
	)
	switch {
	case errors.As(err, &blocked):
		return fmt.Sprintf("%s at %s; try later or use --offline with a saved copy", fetch.ErrBlocked, blocked.URL)
	case errors.Is(err, fetch.ErrNotCached):
		return "offline: " + msg + "; run once without --offline"
	case errors.As(err, new(*fetch.RobotsError)):
		return msg + "; try again later, or scrape a saved copy of the page"
	case errors.As(err, &unreachable):
		return msg + " (check the URL and the network, or use --offline with a cached copy)"
	case errors.As(err, new(*fetch.RedirectError)):
		return msg + "; check the URL in a browser, or scrape a saved copy of the page"
	}
	return msg
}

func helpIsSuccess(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// checkExisting reads and checks the program file at path, if there is one
// (nil when there is none): the merge uses it as read.
func checkExisting(path string) (*yamlfile.File, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("-o %s is a directory; name the program file, e.g. %s", path, filepath.Join(path, "program.yaml"))
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := yamlfile.Load(data, path)
	if err != nil {
		return nil, fmt.Errorf("%w (fix the file, or write elsewhere with -o; nothing was changed)", err)
	}
	return f, nil
}

// keptZone says that the zone of the program file wins over --timezone:
// the merge keeps the file's conference.timezone, so the times are read
// in it too.
func keptZone(stderr io.Writer, flagZone, fileZone, path string) {
	if flagZone != "" && fileZone != "" && flagZone != fileZone {
		// Said so that it fits 80 columns with a usual name and zone.
		fmt.Fprintln(stderr, printable(fmt.Sprintf("note: %s keeps %s (edit conference.timezone to change it)", path, fileZone)))
	}
}

// fileZone is the zone the user set in the program file ("" for none).
func fileZone(f *yamlfile.File) string {
	if f == nil {
		return ""
	}
	return f.Program().Conference.Timezone
}

// noted are the talks of p the user wrote notes on or plans to see: the
// ones --details=noted fetches presentation pages for.
func noted(p *program.Program) map[string]bool {
	ids := map[string]bool{}
	if p == nil {
		return ids
	}
	for _, d := range p.Days {
		for _, t := range d.Talks {
			if t.Notes != nil {
				ids[t.ID] = true
			}
		}
	}
	return ids
}

// detailsFlag is --details: alone it means every presentation page;
// --details=noted only those of talks with notes or a plan.
type detailsFlag scraper.Details

func (d *detailsFlag) IsBoolFlag() bool { return true }

func (d *detailsFlag) String() string {
	switch scraper.Details(*d) {
	case scraper.AllDetails:
		return "all"
	case scraper.NotedDetails:
		return "noted"
	}
	return "none"
}

func (d *detailsFlag) Set(s string) error {
	switch strings.ToLower(s) {
	case "true", "all":
		*d = detailsFlag(scraper.AllDetails)
	case "noted":
		*d = detailsFlag(scraper.NotedDetails)
	case "false", "none":
		*d = detailsFlag(scraper.NoDetails)
	default:
		return fmt.Errorf("want --details (every page), --details=noted (talks with notes or a plan), or none")
	}
	return nil
}

// saveProgram writes fresh to path, merged into the file when it exists
// (keeping everything the user wrote), replacing it in one step and only
// when something changed. With dryRun it reports and writes nothing.
type saveOptions struct {
	dryRun bool // report, write nothing
	force  bool // write even when more than half of the talks would go
	merge  yamlfile.MergeOptions
	// existing is the file at the path, read and checked already; nil:
	// read it here (it may not exist).
	existing *yamlfile.File
	verbose  bool      // list what would change when the write is refused
	stdout   io.Writer // for -o -
}

// refusal says why a merge that would drop most of the file's talks was
// not written: in counts, and which conference each side is when they
// differ.
func refusal(path, oldID, newID string, res *yamlfile.MergeResult, verbose bool) error {
	added := 0
	for _, line := range res.Report {
		if strings.HasPrefix(line, "added ") {
			added++
		}
	}
	what := fmt.Sprintf("the new program lacks %d of the file's %s (and has %s)", res.Gone, count(res.Before, "talk"), count(added, "new one"))
	if oldID != newID && oldID != "" && newID != "" {
		what = fmt.Sprintf("%s holds %s, the program read is %s: %s", path, oldID, newID, what)
	} else {
		what = path + ": " + what
	}
	list := "; -v lists the changes"
	if verbose {
		list = ""
	}
	return errors.New(printable(fmt.Sprintf("%s%s; nothing was changed (is the URL right? write elsewhere with -o, or if the program really changed, run again with --force)", what, list)))
}

func saveProgram(ctx context.Context, path string, fresh *program.Program, so saveOptions, stderr io.Writer) error {
	if atomicfile.IsStream(path) {
		return streamProgram(path, fresh, so, stderr)
	}
	var first []byte // the text so.existing was read from
	if so.existing != nil {
		first = so.existing.Text()
	} else {
		var err error
		if first, err = readProgramText(path); err != nil {
			return err
		}
	}
	var res *yamlfile.MergeResult // of the text written
	var text []byte               // the file's text after the merge
	warned := false               // the file's warnings are said once
	merge := func(cur []byte) ([]byte, bool, error) {
		res, text = nil, nil
		if cur == nil {
			data, err := yamlfile.Marshal(fresh)
			if err != nil {
				return nil, false, fmt.Errorf("write %s: %w", path, err)
			}
			// A new file names the schema written beside it, so an editor
			// explains and checks it from the first keystroke.
			text = append([]byte(yamlfile.Modeline(yamlfile.SchemaFile)), data...)
			return text, !so.dryRun, nil
		}
		f := so.existing
		so.existing = nil // a File merges once
		if f == nil || !bytes.Equal(f.Text(), cur) {
			var err error
			if f, err = yamlfile.Load(cur, path); err != nil {
				return nil, false, fmt.Errorf("%w (fix the file, or write elsewhere with -o; nothing was changed)", err)
			}
		}
		oldID := f.Program().Conference.ID
		if !warned {
			printWarnings(stderr, f.Warnings())
			warned = true
		}
		r, err := f.Merge(fresh, so.merge)
		if err != nil {
			return nil, false, fmt.Errorf("%w (fix the file, or write elsewhere with -o; nothing was changed)", err)
		}
		if r.Gone*2 > r.Before && !so.force && !so.dryRun {
			// The refusal first, in one line; the hundreds of lines of
			// what would change only when asked for.
			if so.verbose {
				for _, line := range r.Report {
					fmt.Fprintln(stderr, printable(line))
				}
			}
			return nil, false, refusal(path, oldID, fresh.Conference.ID, r, so.verbose)
		}
		res, text = r, r.Data
		return r.Data, r.Changed && !so.dryRun, nil
	}
	var err error
	if so.dryRun {
		_, _, err = merge(first)
	} else {
		err = rewriteProgram(ctx, "scrape", path, first, stderr, merge)
	}
	if err != nil {
		return err
	}
	if res != nil {
		for _, line := range res.Report {
			fmt.Fprintln(stderr, printable(line))
		}
	}
	switch {
	case so.dryRun && (res == nil || res.Changed):
		fmt.Fprintf(stderr, "dry run: %s not written\n", path)
		return nil
	}
	// What the file holds, as check counts it: withdrawn talks kept for
	// their notes are in it, not in the page.
	held := fresh
	if res != nil {
		held = res.Program
	}
	switch {
	case res != nil && !res.Changed:
		fmt.Fprintf(stderr, "%s is up to date (%s)\n", path, talks(held))
	default:
		fmt.Fprintf(stderr, "wrote %s: %s\n", path, size(held))
	}
	if !so.dryRun {
		refreshSchema(path, text, stderr)
	}
	return nil
}

// streamProgram writes the fresh program to a stream (-o -, a device, a
// FIFO): there is no file to merge into, and none is read.
func streamProgram(path string, fresh *program.Program, so saveOptions, stderr io.Writer) error {
	data, err := yamlfile.Marshal(fresh)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if so.dryRun {
		fmt.Fprintf(stderr, "dry run: %s not written\n", path)
		return nil
	}
	if path == "-" {
		_, err = so.stdout.Write(data)
	} else {
		err = atomicfile.WriteFile(path, data, 0o644)
	}
	if err != nil {
		return writeError(path, err)
	}
	return nil
}
