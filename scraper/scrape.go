// Package scraper fetches a conference program and reads it into a
// program.Program.
//
// Fetching (colly: robots.txt, delay, one request at a time, a disk cache)
// is kept apart from extraction (goquery over a parsed document, no
// network), so each source is one function from a document to a Program.
package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"

	"github.com/confdigest/confdigest/program"
)

// Options control a scrape. The zero value is a polite scrape (robots.txt,
// 1 s between requests) without cache and without retries.
type Options struct {
	UserAgent string        // sent with every request, and matched against robots.txt
	Delay     time.Duration // minimum time between requests, when DelaySet
	DelaySet  bool          // Delay was given explicitly and wins over robots.txt
	Timeout   time.Duration // per request; 0 means 30s
	Details   bool          // also fetch every presentation page
	CacheDir  string        // "" means no cache
	Offline   bool          // answer from CacheDir only, never the network
	MaxBody   int           // response size cap in bytes; 0 means 32 MiB
	Retries   int           // sends after the first on a passing fault; 0 means none, -1 the default 4
	Log       io.Writer     // progress and warnings; nil discards them
	Stats     *Stats        // counts what was fetched; nil: not kept
	Progress  *Progress     // reports --details; nil: silent

	// Sleep waits between retries; nil sleeps for real. Tests pass a fake
	// clock.
	Sleep func(ctx context.Context, d time.Duration) error

	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

const defaultDelay = time.Second

// Scrape fetches the program page at rawURL (and with Details every
// presentation page) and returns the program it describes. When some
// presentation pages fail, it returns the program with a *DetailsError.
func Scrape(ctx context.Context, rawURL string, opt Options) (*program.Program, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	f, err := newFetcher(ctx, u, opt)
	if err != nil {
		return nil, err
	}
	body, ctype, err := f.get(u.String())
	if err != nil {
		return nil, err
	}
	src := detect(ctype, body)
	p, err := src.extract(body, u)
	if errors.Is(err, ErrNoTalks) && src.discover != nil {
		if np, next, nsrc, ok := f.followExport(src, u, body); ok {
			p, err, u, src = np, nil, next, nsrc
		}
	}
	if errors.Is(err, ErrNoTalks) {
		return nil, fmt.Errorf("no talks found at %s: is this a USENIX program page?", u)
	}
	if errors.Is(err, ErrNoDates) {
		return nil, fmt.Errorf("%s: %w; is this a USENIX program page?", u, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	if opt.Details && !src.details {
		fmt.Fprintf(f.log, "--details: a %s has no presentation pages to fetch\n", src.name)
	}
	if opt.Details && src.details {
		err := f.details(p, u, opt.Progress)
		var de *DetailsError
		if errors.As(err, &de) {
			return p, err // the program, less what the failed pages would have added
		}
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

// followExport reads the schedule export that a page without talks names
// (a pretalx event page does); ok is false when there is none to read.
func (f *fetcher) followExport(src source, u *url.URL, body []byte) (*program.Program, *url.URL, source, bool) {
	next, ok := src.discover(u, body)
	if !ok {
		return nil, nil, src, false
	}
	nb, nct, err := f.get(next.String())
	if err != nil {
		return nil, nil, src, false
	}
	nsrc := detect(nct, nb)
	if nsrc.discover != nil {
		return nil, nil, src, false // another page, not an export: no chains of guesses
	}
	np, err := nsrc.extract(nb, next)
	if err != nil {
		return nil, nil, src, false
	}
	fmt.Fprintf(f.log, "reading the schedule export %s\n", next)
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

// fetcher fetches pages of one host, politely.
type fetcher struct {
	ctx    context.Context
	c      *colly.Collector
	log    io.Writer
	robots *robotstxt.Group
	stats  *Stats
	delay  time.Duration // between the starts of two page requests
	last   time.Time     // start of the last page request
}

func newFetcher(ctx context.Context, u *url.URL, opt Options) (*fetcher, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBody == 0 {
		opt.MaxBody = 32 << 20
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Retries < 0 {
		opt.Retries = DefaultRetries
	}
	if opt.Stats == nil {
		opt.Stats = &Stats{}
	}
	transport := opt.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	retry := newRetryTransport(transport, opt.Retries, int64(opt.MaxBody), opt.Timeout, opt.Stats)
	if opt.Sleep != nil {
		retry.sleep = opt.Sleep
	}
	retry.log = opt.Log
	transport = retry
	if opt.CacheDir != "" || opt.Offline {
		transport = &cacheTransport{dir: opt.CacheDir, offline: opt.Offline, next: transport, stats: opt.Stats}
	} else {
		transport = countTransport{transport, opt.Stats}
	}
	f := &fetcher{ctx: ctx, log: opt.Log, stats: opt.Stats}

	delay := defaultDelay
	if !opt.Offline {
		client := &http.Client{Transport: transport}
		group, err := fetchRobots(ctx, client, u, opt.UserAgent)
		var ne *net.OpError
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &ne):
			// The host cannot be reached at all: say so once, plainly.
			return nil, fmt.Errorf("%s: cannot reach %s: %v (check the URL and the network, or use --offline with a cached copy)", u, u.Host, ne.Err)
		case err != nil:
			fmt.Fprintf(opt.Log, "warning: %v; going on without it\n", err)
		}
		f.robots = group
		if group != nil && group.CrawlDelay > 0 {
			delay = group.CrawlDelay
		}
	}
	if opt.DelaySet {
		if opt.Delay < delay && f.robots != nil && f.robots.CrawlDelay > 0 {
			fmt.Fprintf(opt.Log, "warning: --delay %s is shorter than the Crawl-delay %s of %s's robots.txt\n", opt.Delay, f.robots.CrawlDelay, u.Host)
		}
		delay = opt.Delay
	}

	c := colly.NewCollector(
		colly.UserAgent(opt.UserAgent),
		colly.AllowedDomains(allowedHosts(u.Hostname())...),
		colly.MaxBodySize(0), // the transport refuses bodies over the cap; colly would cut them silently
		colly.StdlibContext(ctx),
		colly.AllowURLRevisit(),
	)
	c.IgnoreRobotsTxt = true // fetched and obeyed here, once, with its Crawl-delay
	c.WithTransport(transport)
	// Each attempt has its own timeout in the transport; this bounds them all.
	c.SetRequestTimeout(time.Duration(opt.Retries+1) * (opt.Timeout + retry.maxWait))
	// The delay is kept here rather than by colly's LimitRule, which sleeps
	// after every request: a one-page scrape would wait for nothing, and a
	// sleep here can be cut short by Ctrl-C.
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: 1}); err != nil {
		return nil, err
	}
	f.c = c
	f.delay = delay
	return f, nil
}

// allowedHosts is the program's host; usenix.org and www.usenix.org count
// as one.
func allowedHosts(host string) []string {
	switch host {
	case "usenix.org", "www.usenix.org":
		return []string{"usenix.org", "www.usenix.org"}
	}
	return []string{host}
}

// fetchRobots reads the host's robots.txt. A missing file allows everything.
func fetchRobots(ctx context.Context, client *http.Client, u *url.URL, ua string) (*robotstxt.Group, error) {
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	if resp.StatusCode >= 500 {
		return nil, fmt.Errorf("fetch %s: %s", robotsURL, resp.Status)
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", robotsURL, err)
	}
	return data.FindGroup(robotsAgent(ua)), nil
}

// robotsAgent is the product name robots.txt rules are matched against.
func robotsAgent(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}

// get fetches one page and returns its body and content type; any failure
// names the URL.
func (f *fetcher) get(pageURL string) ([]byte, string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, "", err
	}
	if f.robots != nil && !f.robots.Test(u.EscapedPath()) {
		return nil, "", fmt.Errorf("%s: disallowed by the site's robots.txt; confdigest does not fetch it", pageURL)
	}
	if err := f.wait(); err != nil {
		return nil, "", err
	}
	var (
		body   []byte
		status int
		ctype  string
	)
	c := f.c.Clone() // shares the limits and transport; callbacks of its own
	c.OnResponse(func(r *colly.Response) {
		body, status = r.Body, r.StatusCode
		ctype = r.Headers.Get("Content-Type")
	})
	c.OnError(func(r *colly.Response, _ error) {
		if r != nil {
			status = r.StatusCode
		}
	})
	err = c.Visit(pageURL)
	c.Wait()
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case f.ctx.Err() != nil:
		return nil, "", f.ctx.Err()
	case err != nil:
		f.stats.Failed.Add(1)
	}
	switch {
	case errors.Is(err, ErrBlocked):
		return nil, "", fmt.Errorf("blocked by the site's bot protection at %s; try later or use --offline with a saved copy", pageURL)
	case err != nil && status >= 300 && status < 400:
		return nil, "", fmt.Errorf("%s: too many redirects (a redirect loop?)", pageURL)
	case err != nil && status >= 400:
		return nil, "", fmt.Errorf("%s: HTTP %d %s", pageURL, status, http.StatusText(status))
	case err != nil:
		return nil, "", fmt.Errorf("%s: %w", pageURL, err)
	}
	if !readable(ctype) {
		mt, _, _ := mime.ParseMediaType(ctype)
		return nil, "", fmt.Errorf("%s: the server sent %s, not an HTML page or a schedule", pageURL, mt)
	}
	return body, ctype, nil
}

// wait sleeps until the delay since the last request has passed.
func (f *fetcher) wait() error {
	if !f.last.IsZero() {
		t := time.NewTimer(time.Until(f.last.Add(f.delay)))
		defer t.Stop()
		select {
		case <-f.ctx.Done():
			return f.ctx.Err()
		case <-t.C:
		}
	}
	f.last = time.Now()
	return nil
}

// DefaultRetries is how often a request is sent again after a passing fault.
const DefaultRetries = 4

// countTransport counts complete answers when there is no cache to count them.
type countTransport struct {
	next  http.RoundTripper
	stats *Stats
}

func (t countTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusOK {
		t.stats.Fetched.Add(1)
	}
	return resp, err
}

// DetailsError lists the presentation pages that failed with --details.
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
func (f *fetcher) details(p *program.Program, crawled *url.URL, progress *Progress) error {
	type job struct {
		talk *program.Talk
		url  string
	}
	var jobs []job
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			t := &p.Days[di].Talks[ti]
			if tu, err := url.Parse(t.URL); err == nil && t.URL != "" {
				jobs = append(jobs, job{t, presentationURL(crawled, tu)})
			}
		}
	}
	progress.Start(len(jobs))
	defer progress.Done()
	var failed []DetailFailure
	for i, j := range jobs {
		progress.Step(i, j.talk.ID)
		if err := f.detail(j.talk, j.url); err != nil {
			if f.ctx.Err() != nil {
				return f.ctx.Err()
			}
			failed = append(failed, DetailFailure{j.talk.ID, err})
		}
	}
	if len(failed) > 0 {
		return &DetailsError{failed}
	}
	return nil
}

var waybackPathRe = regexp.MustCompile(`^/web/\d+[a-z_]*/`)

// presentationURL is where to fetch a talk's page: on the crawled host,
// and behind the same Wayback Machine prefix when the program came from one.
func presentationURL(crawled, talk *url.URL) string {
	if m := waybackPathRe.FindString(crawled.Path); m != "" {
		return (&url.URL{Scheme: crawled.Scheme, Host: crawled.Host, Path: m + talk.String()}).String()
	}
	return crawled.ResolveReference(&url.URL{Path: talk.Path, RawPath: talk.RawPath}).String()
}

func (f *fetcher) detail(t *program.Talk, pageURL string) error {
	body, ctype, err := f.get(pageURL)
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
	if err := FillFromPresentation(doc, base, &filled); err != nil {
		return fmt.Errorf("%s: %w", pageURL, err)
	}
	*t = filled
	return nil
}
