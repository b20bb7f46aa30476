// Package scraper reads a conference program from a URL into a
// program.Program: it fetches the page (politely, through package fetch),
// recognises what kind of document it is by its content (sources.go lists
// them), follows a pretalx event page to its schedule export, and with
// --details fetches every talk's presentation page.
//
// Reading a document is each source's own package (usenix for USENIX
// pages, schedule for the open schedule formats), with no network.
package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/schedule"
	"github.com/confdigest/confdigest/scraper/fetch"
	"github.com/confdigest/confdigest/scraper/usenix"
)

// Details says which presentation pages a scrape fetches.
type Details int

const (
	NoDetails    Details = iota // the program page alone: one request
	AllDetails                  // every talk's presentation page
	NotedDetails                // only the pages of the talks in Options.Noted
)

// Options control a scrape. The zero value is a polite scrape of the
// program page alone (robots.txt, 1 s between requests) without cache and
// without retries.
type Options struct {
	Fetch   fetch.Options
	Details Details
	Noted   map[string]bool // talk ids, for NotedDetails: those with notes or a plan

	// TimeZone (an IANA name) is the conference's zone for sources that
	// state none: schedules with local or UTC times are placed in it.
	TimeZone string

	// Progress, when set, hears of each presentation page before it is
	// fetched (done pages of total, and the talk's id), and once more with
	// done == total at the end.
	Progress func(done, total int, talkID string)
}

// Result is what a scrape found.
type Result struct {
	Program *program.Program
	Source  string   // what kind of document the program was read from
	URL     *url.URL // where it was read (a pretalx page's export, say)

	// HasPages: the source has a presentation page per talk; Detailed
	// names the talks whose page was read this time.
	HasPages bool
	Detailed map[string]bool
}

// Undetailed names the talks of a source with presentation pages whose
// page was not read this time (not asked for, or failed): what an earlier
// run read from them is worth keeping.
func (r *Result) Undetailed() map[string]bool {
	if !r.HasPages {
		return nil
	}
	out := map[string]bool{}
	for _, d := range r.Program.Days {
		for _, t := range d.Talks {
			if !r.Detailed[t.ID] {
				out[t.ID] = true
			}
		}
	}
	return out
}

// Scrape fetches the program at rawURL (and the presentation pages
// opt.Details asks for) and returns the program it describes. When some
// presentation pages fail, it returns the result with a *DetailsError.
// A document that no source can read is a *NotProgramError.
func Scrape(ctx context.Context, rawURL string, opt Options) (*Result, error) {
	if path, ok := SavedPath(rawURL); ok {
		return scrapeSaved(path, opt)
	}
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	f, err := fetch.New(ctx, u, opt.Fetch)
	if err != nil {
		return nil, err
	}
	body, ctype, err := f.Get(ctx, u.String())
	if err != nil {
		return nil, err
	}
	src := detect(ctype, body)
	p, err := src.read(body, u, opt.readOptions())
	if errors.Is(err, program.ErrNoTalks) && src.discover != nil {
		if np, next, nsrc, ok := followExport(ctx, f, src, u, body, opt); ok {
			p, err, u, src = np, nil, next, nsrc
		}
	}
	if err := readError(u.String(), err); err != nil {
		return nil, err
	}
	finish(p, opt)
	res := &Result{Program: p, Source: src.name, URL: u, HasPages: src.page != nil, Detailed: map[string]bool{}}
	if opt.Details != NoDetails && src.page == nil {
		logf(opt.Fetch.Log, "a %s has no presentation pages to fetch details from\n", src.name)
	}
	if opt.Details != NoDetails && src.page != nil {
		want := func(t *program.Talk) bool { return src.page(t) && (opt.Details == AllDetails || opt.Noted[t.ID]) }
		err := details(ctx, f, p, u, want, res.Detailed, opt.Progress)
		var de *DetailsError
		if errors.As(err, &de) {
			return res, err // the program, less what the failed pages would have added
		}
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// scrapeSaved reads a page saved to disk (wget, a browser) as the live page
// at the address it had. Presentation pages are not fetched: a saved copy
// is read where there is no network, or no site any more.
func scrapeSaved(path string, opt Options) (*Result, error) {
	body, u, err := readSaved(path)
	if err != nil {
		return nil, err
	}
	src := detect("", body)
	p, err := src.read(body, u, opt.readOptions())
	if err := readError(path, err); err != nil {
		return nil, err
	}
	finish(p, opt)
	if opt.Details != NoDetails {
		logf(opt.Fetch.Log, "%s is a saved page: presentation pages are not fetched; scrape %s for them\n", path, u)
	}
	return &Result{Program: p, Source: src.name, URL: u, HasPages: src.page != nil, Detailed: map[string]bool{}}, nil
}

func (opt Options) readOptions() schedule.ReadOptions {
	return schedule.ReadOptions{TimeZone: opt.TimeZone}
}

// finish completes what every source reads: every field UTF-8, as the file
// must be; a conference id safe as a file name (the default program file
// is named after it, and a page chooses it); the zone the user named, for
// a program that states none.
func finish(p *program.Program, opt Options) {
	p.ValidUTF8()
	if id := p.Conference.ID; !safeIDRe.MatchString(id) {
		p.Conference.ID = program.NameID("conference", []string{id, p.Conference.Name}, p.Conference.URL)
	}
	if p.Conference.Timezone == "" {
		p.Conference.Timezone = opt.TimeZone
	}
}

// readError names what was read in a source's error.
func readError(what string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, program.ErrNoTalks) || errors.Is(err, usenix.ErrNoDates):
		return &NotProgramError{URL: what, Err: err}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// NotProgramError: the document at URL is none of the programs confdigest
// reads (or one without talks).
type NotProgramError struct {
	URL string
	Err error // program.ErrNoTalks or usenix.ErrNoDates
}

func (e *NotProgramError) Error() string {
	if errors.Is(e.Err, program.ErrNoTalks) {
		return fmt.Sprintf("no talks found at %s (%s)", e.URL, readable)
	}
	return fmt.Sprintf("%s: %v (%s)", e.URL, e.Err, readable)
}

func (e *NotProgramError) Unwrap() error { return e.Err }

// followExport reads the schedule export that a page without talks names
// (a pretalx event page does); ok is false when there is none to read.
func followExport(ctx context.Context, f *fetch.Fetcher, src source, u *url.URL, body []byte, opt Options) (*program.Program, *url.URL, source, bool) {
	next, ok := src.discover(u, body)
	if !ok {
		return nil, nil, src, false
	}
	nb, nct, err := f.Get(ctx, next.String())
	if err != nil {
		return nil, nil, src, false
	}
	nsrc := detect(nct, nb)
	if nsrc.discover != nil {
		return nil, nil, src, false // another page, not an export: no chains of guesses
	}
	np, err := nsrc.read(nb, next, opt.readOptions())
	if err != nil {
		return nil, nil, src, false
	}
	logf(opt.Fetch.Log, "reading the schedule export %s\n", next)
	return np, next, nsrc, true
}

// ParseURL accepts only absolute http and https URLs.
func ParseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http or https URL (example: https://www.usenix.org/conference/srecon17europe/program)", rawURL)
	}
	u.Fragment = ""
	return u, nil
}

// DetailsError lists the presentation pages that failed with Details.
// The program that comes with it is complete but for them: those talks keep
// what the program page said.
type DetailsError struct {
	Failures []DetailFailure
}

// DetailFailure is one presentation page that could not be read.
type DetailFailure struct {
	TalkID string
	Err    error
}

func (e *DetailsError) Error() string {
	msgs := make([]string, len(e.Failures))
	for i, f := range e.Failures {
		msgs[i] = f.Err.Error()
	}
	return fmt.Sprintf("%d presentation pages failed (their talks keep what the program page says): %s", len(e.Failures), strings.Join(msgs, "; "))
}

// details fetches each talk's presentation page from the crawled host and
// fills in what the program page did not say. A page that fails is listed
// and its talk left as it was; an interruption stops everything.
func details(ctx context.Context, f *fetch.Fetcher, p *program.Program, crawled *url.URL, want func(*program.Talk) bool, done map[string]bool, progress func(done, total int, id string)) error {
	type job struct {
		talk *program.Talk
		url  string
	}
	var jobs []job
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			t := &p.Days[di].Talks[ti]
			if tu, err := url.Parse(t.URL); err == nil && want(t) {
				jobs = append(jobs, job{t, presentationURL(crawled, tu)})
			}
		}
	}
	if progress == nil {
		progress = func(int, int, string) {}
	}
	var failed []DetailFailure
	for i, j := range jobs {
		progress(i, len(jobs), j.talk.ID)
		if err := detail(ctx, f, j.talk, j.url); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed = append(failed, DetailFailure{j.talk.ID, err})
			continue
		}
		done[j.talk.ID] = true
	}
	progress(len(jobs), len(jobs), "")
	if len(failed) > 0 {
		return &DetailsError{failed}
	}
	return nil
}

// safeIDRe: an id that is a file name of its own, as it stands.
var safeIDRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

var waybackPathRe = regexp.MustCompile(`^/web/\d+[a-z_]*/`)

// presentationURL is where to fetch a talk's page: on the crawled host,
// and behind the same Wayback Machine prefix when the program came from one.
func presentationURL(crawled, talk *url.URL) string {
	if m := waybackPathRe.FindString(crawled.Path); m != "" {
		return (&url.URL{Scheme: crawled.Scheme, Host: crawled.Host, Path: m + talk.String()}).String()
	}
	return crawled.ResolveReference(&url.URL{Path: talk.Path, RawPath: talk.RawPath}).String()
}

func detail(ctx context.Context, f *fetch.Fetcher, t *program.Talk, pageURL string) error {
	body, ctype, err := f.Get(ctx, pageURL)
	if err != nil {
		return err
	}
	if !isHTML(ctype, body) {
		return fmt.Errorf("%s: not an HTML page", pageURL)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", pageURL, err)
	}
	base, _ := url.Parse(t.URL)
	// Filled on a copy: a page that fails half way changes nothing.
	filled := *t
	if err := usenix.FillFromPresentation(doc, base, &filled); err != nil {
		return fmt.Errorf("%s: %w", pageURL, err)
	}
	*t = filled
	return nil
}
