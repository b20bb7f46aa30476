package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/confdigest/confdigest/digest"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

const digestHelp = `usage: confdigest digest [flags] FILE

Digest writes one blog post per conference day from the program file FILE:
for each talk you attended (notes.attended: true) or wrote a lead or
commentary for, in time order, its title, a line naming the speakers with a
link, the abstract as a quote, and your commentary; with the day's intro
before and outro after. Days with none of these get no post.

How much of an abstract is quoted is post.quote in FILE: full (the
default), first (its first paragraph) or none; a talk's notes.quote
overrides it. post.speakers_max: N names the first N speakers, then
"and K others".

Posts are named after their title (<slug>.md; jekyll: _posts/<date>-<slug>.md).
A post you edited by hand since digest wrote it is not overwritten: digest
stops, names it, and writes nothing (use --force to overwrite). What digest
wrote is recorded in .<FILE>.digest.json beside FILE: a post whose content
changed since (a re-scrape brought its talks' slides or video) is written
again, with the time in its front matter (Hugo lastmod, Jekyll
last_modified_at).

The flags are:

	-o DIR
		write the posts into DIR (default: the current directory); "-"
		writes them to standard output
	--day N|DATE
		only day N (1 is the first day) or the day of DATE (YYYY-MM-DD)
	--format F
		hugo (TOML front matter, the default), hugo-yaml, jekyll or
		markdown (title and date, no front matter); overrides
		post.format
	--summary
		also write a trip report of the whole conference
		(<conference>-summary.md): every talk you saw (attended, or
		written about unless attended: false) with its rating and tags,
		the best rated, the planned or missed ones you did not see whose
		video is out, and counts; none when no talk was seen;
		post.summary: true in FILE does the same
	--template FILE
		a text/template for the post instead of the built-in one; a file
		that only defines "talk" (or "summary") replaces just that part
		(--watch follows its saves too)
	--force
		overwrite posts even if they were edited by hand
	--watch
		keep running: each time FILE is saved, write again the posts
		whose talks changed (with hugo server running, the page follows
		your typing); a save with a mistake prints FILE:LINE:COL and
		the next save is read again. Ctrl-C stops it

Example:

	confdigest digest srecon17europe.yaml -o content/post/
	confdigest digest --watch srecon17europe.yaml -o content/post/
`

func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	out := fs.String("o", ".", "output directory")
	day := fs.String("day", "", "only this day")
	format := fs.String("format", "", "post format")
	tmplFile := fs.String("template", "", "custom template")
	force := fs.Bool("force", false, "overwrite edited posts")
	summary := fs.Bool("summary", false, "also the summary post")
	watch := fs.Bool("watch", false, "render again at every save")
	pos, err := parseFlags(fs, digestHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("digest takes one program file, e.g. confdigest digest srecon17europe.yaml")
	}
	if fi, err := os.Stat(*out); *out != "-" && err == nil && !fi.IsDir() {
		return usagef("digest: -o %s is a file: -o takes the folder the posts go in (made when missing), or - for standard output", *out)
	}
	if *format != "" && !known(digest.Formats, *format) {
		return usagef("digest: unknown --format %q%s: use one of %s", *format, didYouMean(*format, digest.Formats, ""), strings.Join(digest.Formats, ", "))
	}
	file := pos[0]
	opt := digest.Options{Format: *format, Day: *day, Summary: *summary}
	job := digestJob{file: file, out: *out, opt: opt, template: *tmplFile, force: *force}
	if *watch {
		if *out == "-" {
			return usagef("digest --watch writes posts into a folder: give -o DIR, not -o -")
		}
		return job.watch(ctx, stderr)
	}
	return job.run(ctx, stdout, stderr, false)
}

// digestJob is one digest command: the program file, where its posts go,
// and how they are written.
type digestJob struct {
	file     string
	out      string
	opt      digest.Options
	template string // --template FILE, read at each run (--watch follows it)
	force    bool
	watched  *watchState // --watch: what earlier renders said
}

// watchState is what --watch remembers between renders: the days that
// had no post, so a day is named again only when that changes.
type watchState struct{ skipped map[string]bool }

// run reads the program file and writes its posts. quiet leaves out the
// posts that are up to date (--watch: only what a save changed is news).
func (j digestJob) run(ctx context.Context, stdout, stderr io.Writer, quiet bool) error {
	file := j.file
	if j.template != "" {
		text, err := os.ReadFile(j.template)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return fmt.Errorf("--template %s: no such file (give a text/template file, or leave --template out for the built-in post)", j.template)
		case err != nil:
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the path is said already
			}
			return fmt.Errorf("--template %s: %w", j.template, err)
		}
		j.opt.Template, j.opt.TemplateName = string(text), j.template
	}
	data, err := yamlfile.ReadBytes(file)
	if err != nil {
		return err
	}
	p, err := loadProgram(data, file, stderr)
	if err != nil {
		return err
	}
	if j.out != "-" {
		// The command run most often keeps the editor's schema current
		// too, after an upgrade of confdigest.
		refreshSchema(file, data, stderr)
	}
	posts, skipped, err := digest.Render(p, j.opt)
	var de *program.DayError
	if errors.As(err, &de) {
		return usagef("digest %s: --%v", file, err) // as agenda's: exit 2
	}
	if err != nil {
		return fmt.Errorf("digest %s: %w", file, err)
	}
	for _, s := range skipped {
		if j.watched == nil || !j.watched.skipped[s] {
			fmt.Fprintln(stderr, s)
		}
	}
	if j.watched != nil {
		j.watched.skipped = map[string]bool{}
		for _, s := range skipped {
			j.watched.skipped[s] = true
		}
	}
	if len(posts) == 0 {
		fmt.Fprintf(stderr, "no posts: mark talks with notes.attended: true, or write a lead or commentary, in %s\n", file)
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if j.out == "-" {
		for i, post := range posts {
			if len(posts) > 1 {
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				fmt.Fprintf(stdout, "==> %s <==\n", post.Path)
			}
			stdout.Write(post.Content)
		}
		return nil
	}
	if err := os.MkdirAll(j.out, 0o755); err != nil {
		return err
	}
	outcomes, err := digest.Write(j.out, posts, digest.StatePath(file), digest.WriteOptions{Force: j.force, Now: now()})
	changed := 0
	for _, o := range outcomes {
		switch {
		case o.Updated && quiet:
			changed++
			fmt.Fprintf(stderr, "updated %s\n", o.Path) // said at every save: short
		case o.Updated:
			changed++
			fmt.Fprintf(stderr, "updated %s: what it shows changed since it was written (its front matter says when)\n", o.Path)
		case o.Changed:
			changed++
			fmt.Fprintf(stderr, "wrote %s\n", o.Path)
		case !quiet:
			fmt.Fprintf(stderr, "%s is up to date\n", o.Path)
		}
	}
	if quiet && changed == 0 && err == nil {
		fmt.Fprintf(stderr, "no post changed\n")
	}
	var edited *digest.EditedError
	if errors.As(err, &edited) {
		return fmt.Errorf("%w; keep your edits by moving the file away, write the other days with --day N, or overwrite with --force", err)
	}
	return err
}

func known(list []string, s string) bool {
	for _, k := range list {
		if k == s {
			return true
		}
	}
	return false
}

// now is the update time of re-rendered posts; SOURCE_DATE_EPOCH (the
// reproducible-builds convention) fixes it, for scripts and tests.
func now() string {
	t := time.Now()
	if s, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
		t = time.Unix(s, 0).UTC()
	}
	return t.Format(time.RFC3339)
}
