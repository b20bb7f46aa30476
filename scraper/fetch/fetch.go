// Package fetch makes polite GET requests to one site: robots.txt obeyed
// (with its Crawl-delay), one request at a time with a delay between them,
// retries with backoff on faults that may pass (honouring Retry-After),
// bodies read whole and capped in size, bot-protection pages recognised,
// and a cache that revalidates its copies (ETag, Last-Modified) or answers
// alone when offline. It knows nothing of what the pages hold.
//
// Layers, from the network up: the caller's http.RoundTripper, the retry
// transport (timeouts, size cap, challenge pages), the cache, and colly,
// which keeps to the site's hosts and stops redirect loops.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/temoto/robotstxt"
)

// Options control a Fetcher. The zero value fetches politely (robots.txt,
// 1 s between requests) without cache and without retries.
type Options struct {
	UserAgent string        // sent with every request, and matched against robots.txt
	Delay     time.Duration // minimum time between requests, when DelaySet
	DelaySet  bool          // Delay was given explicitly and wins over robots.txt
	Timeout   time.Duration // per attempt; 0 means 30s
	CacheDir  string        // "" means no cache
	Offline   bool          // answer from CacheDir only, never the network
	MaxBody   int64         // response size cap in bytes; 0 means 32 MiB
	Retries   int           // sends after the first on a passing fault
	Log       io.Writer     // why it waits, and warnings; nil discards them
	Stats     *Stats        // counts what was fetched; nil: not kept

	// Sleep waits between retries; nil sleeps for real. Tests pass a fake
	// clock.
	Sleep func(ctx context.Context, d time.Duration) error

	// Transport carries the requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
}

// DefaultRetries is how often a command sends a request again after a
// passing fault, unless told otherwise.
const DefaultRetries = 4

const (
	defaultDelay   = time.Second
	defaultTimeout = 30 * time.Second
	defaultMaxBody = 32 << 20
)

// A Fetcher fetches pages of one site, politely. It is not safe for
// concurrent use: one request at a time is the point.
type Fetcher struct {
	c      *colly.Collector
	log    io.Writer
	robots *robotstxt.Group
	stats  *Stats
	delay  time.Duration // between the starts of two page requests
	last   time.Time     // start of the last page request
}

// New prepares a Fetcher for the site of u, reading its robots.txt (unless
// offline). A host that cannot be reached at all is an *UnreachableError.
func New(ctx context.Context, u *url.URL, opt Options) (*Fetcher, error) {
	if opt.Timeout == 0 {
		opt.Timeout = defaultTimeout
	}
	if opt.MaxBody == 0 {
		opt.MaxBody = defaultMaxBody
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Stats == nil {
		opt.Stats = &Stats{}
	}
	transport := opt.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	retry := newRetryTransport(transport, opt.Retries, opt.MaxBody, opt.Timeout, opt.Stats)
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
	f := &Fetcher{log: opt.Log, stats: opt.Stats}

	delay := defaultDelay
	if !opt.Offline {
		client := &http.Client{Transport: transport, CheckRedirect: f.sameOrigin(u, nil)}
		group, badDelay, err := fetchRobots(ctx, client, u, opt.UserAgent)
		var ne *net.OpError
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &ne):
			// The host cannot be reached at all: say so once, plainly.
			return nil, fmt.Errorf("%s: %w", u, &UnreachableError{Host: u.Host, Err: ne.Err})
		case err != nil:
			// RFC 9309 §2.3.1.4: a robots.txt that cannot be read (a
			// server error, no answer) means the site disallows everything.
			return nil, &RobotsError{Host: u.Host, Err: err}
		}
		f.robots = group
		if badDelay != nil && !opt.DelaySet {
			fmt.Fprintf(opt.Log, "warning: %s's robots.txt gives a Crawl-delay of %q, not a number of seconds; waiting %s between requests\n", u.Host, *badDelay, delay)
		}
		if group != nil && group.CrawlDelay > 0 {
			delay = group.CrawlDelay
			if delay > maxCrawlDelay {
				fmt.Fprintf(opt.Log, "%s's robots.txt asks for %s between requests; waiting %s, the most confdigest waits\n", u.Host, delay, maxCrawlDelay)
				delay = maxCrawlDelay
			}
		}
	}
	if opt.DelaySet {
		if opt.Delay < delay && f.robots != nil && f.robots.CrawlDelay > 0 {
			fmt.Fprintf(opt.Log, "warning: the delay asked for, %s, is shorter than the Crawl-delay %s of %s's robots.txt\n", opt.Delay, f.robots.CrawlDelay, u.Host)
		}
		delay = opt.Delay
	}

	c := colly.NewCollector(
		colly.UserAgent(opt.UserAgent),
		colly.AllowedDomains(siteHosts(u.Hostname())...),
		colly.MaxBodySize(0), // the transport refuses bodies over the cap; colly would cut them silently
		colly.AllowURLRevisit(),
	)
	c.IgnoreRobotsTxt = true // fetched and obeyed here, once, with its Crawl-delay
	// A redirect stays on the program's origin (host and port; a host's
	// "www." twin counts as the same) and obeys its robots.txt.
	c.SetRedirectHandler(f.sameOrigin(u, f.robotsAllow))
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

// maxCrawlDelay caps a robots.txt Crawl-delay, as Retry-After is capped.
const maxCrawlDelay = 60 * time.Second

// sameOrigin is a redirect policy: at most 10 hops, each to the origin of
// u (its host or the host's www twin, on the same scheme and port) and, when
// allow is set, to a path it allows.
func (f *Fetcher) sameOrigin(u *url.URL, allow func(*url.URL) bool) func(*http.Request, []*http.Request) error {
	hosts := siteHosts(u.Hostname())
	return func(req *http.Request, via []*http.Request) error {
		r := req.URL
		switch {
		case len(via) >= 10:
			return ErrRedirectLoop
		case r.Scheme != u.Scheme || r.Port() != u.Port() || !slices.Contains(hosts, r.Hostname()):
			return fmt.Errorf("redirected to %s, off %s: %w", r.Redacted(), u.Host, ErrOffSite)
		case allow != nil && !allow(r):
			return fmt.Errorf("redirected to %s: %w", r.Redacted(), ErrDisallowed)
		}
		return nil
	}
}

func (f *Fetcher) robotsAllow(u *url.URL) bool {
	return f.robots == nil || f.robots.Test(u.EscapedPath())
}

// siteHosts are the hosts of one site: a host and its "www." twin count as
// one (example.org and www.example.org).
func siteHosts(host string) []string {
	if bare, ok := strings.CutPrefix(host, "www."); ok {
		return []string{bare, host}
	}
	return []string{host, "www." + host}
}

// fetchRobots reads the host's robots.txt. A missing file allows everything.
// A Crawl-delay it cannot read is left out; badDelay is its value when it
// was in confdigest's group.
func fetchRobots(ctx context.Context, client *http.Client, u *url.URL, ua string) (group *robotstxt.Group, badDelay *string, err error) {
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", ua)
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil, nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	if resp.StatusCode >= 500 {
		return nil, nil, fmt.Errorf("fetch %s: %s", robotsURL, resp.Status)
	}
	agent := robotsAgent(ua)
	body, bad, found := cleanRobots(body, agent)
	if found {
		badDelay = &bad
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", robotsURL, err)
	}
	return data.FindGroup(agent), badDelay, nil
}

// robotsAgent is the product name robots.txt rules are matched against.
func robotsAgent(ua string) string {
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		return ua[:i]
	}
	return ua
}

// Get fetches one page and returns its body and content type. Every error
// names the URL; the typed ones in errors.go say what kind of failure it was.
func (f *Fetcher) Get(ctx context.Context, pageURL string) ([]byte, string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, "", err
	}
	if f.robots != nil && !f.robots.Test(u.EscapedPath()) {
		return nil, "", fmt.Errorf("%s: %w; confdigest does not fetch it", pageURL, ErrDisallowed)
	}
	if err := f.wait(ctx); err != nil {
		return nil, "", err
	}
	var (
		body   []byte
		status int
		ctype  string
	)
	c := f.c.Clone() // shares the limits and transport; callbacks of its own
	c.Context = ctx
	c.OnResponse(func(r *colly.Response) {
		body, status = r.Body, r.StatusCode
		ctype = r.Headers.Get("Content-Type")
	})
	var location string
	c.OnError(func(r *colly.Response, _ error) {
		if r != nil {
			status = r.StatusCode
			if r.Headers != nil {
				location = r.Headers.Get("Location")
			}
		}
	})
	err = c.Visit(pageURL)
	c.Wait()
	var (
		ue *url.Error
		nc *NotCachedError
	)
	if errors.As(err, &ue) {
		err = ue.Err
	}
	switch {
	case ctx.Err() != nil:
		return nil, "", ctx.Err()
	case err != nil:
		f.stats.Failed.Add(1)
	}
	switch {
	case errors.Is(err, ErrBlocked):
		return nil, "", &BlockedError{URL: pageURL}
	case errors.As(err, &nc):
		return nil, "", nc
	case errors.Is(err, ErrOffSite) || errors.Is(err, ErrDisallowed):
		return nil, "", fmt.Errorf("%s: %w", pageURL, err)
	case errors.Is(err, ErrRedirectLoop):
		return nil, "", fmt.Errorf("%s: %w", pageURL, ErrRedirectLoop)
	case err != nil && status >= 300 && status < 400:
		// A redirect net/http did not follow: none to follow, or a 304
		// to a request that asked for the whole page.
		return nil, "", &RedirectError{URL: pageURL, Status: status, Location: location}
	case err != nil && status >= 400:
		return nil, "", &HTTPError{URL: pageURL, Status: status}
	case err != nil:
		return nil, "", fmt.Errorf("%s: %w", pageURL, err)
	}
	if !Readable(ctype) {
		mt, _, _ := mime.ParseMediaType(ctype)
		return nil, "", &NotReadableError{URL: pageURL, MediaType: mt}
	}
	return body, ctype, nil
}

// wait sleeps until the delay since the last request has passed.
func (f *Fetcher) wait(ctx context.Context) error {
	if !f.last.IsZero() {
		t := time.NewTimer(time.Until(f.last.Add(f.delay)))
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	f.last = time.Now()
	return nil
}

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

// Readable: content types a program or schedule may come as ("" too:
// servers that say nothing).
func Readable(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case ctype == "", mt == "text/html", mt == "application/xhtml+xml", mt == "text/plain",
		mt == "application/octet-stream", // saved pages served without an extension: the content decides
		mt == "text/xml", mt == "application/xml", mt == "application/json",
		mt == "text/calendar", // iCalendar programs
		strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}
