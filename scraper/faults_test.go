package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/confdigest/confdigest/scraper/fetch"
)

// faultServer serves the ATC'23 fixture at /program after a script of
// faults: each request to a path takes the next fault in its list, then
// the page. It counts requests and body bytes sent, and answers
// If-None-Match with 304 when etag is set.
type faultServer struct {
	mu     sync.Mutex
	faults map[string][]string
	hits   map[string]int
	sent   int64
	etag   string
	page   []byte
	conds  int // conditional requests seen
}

func newFaultServer(t *testing.T, faults map[string][]string) (*faultServer, *httptest.Server) {
	page, err := os.ReadFile(filepath.Join("..", "testdata", "usenix", "atc23-technical-sessions.html"))
	if err != nil {
		t.Fatal(err)
	}
	fs := &faultServer{faults: faults, hits: map[string]int{}, page: page}
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	return fs, srv
}

func (s *faultServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	var fault string
	if f := s.faults[r.URL.Path]; len(f) > 0 {
		fault, s.faults[r.URL.Path] = f[0], f[1:]
	}
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" && fault == "" {
		http.NotFound(w, r)
		return
	}
	switch {
	case fault == "":
	case strings.HasPrefix(fault, "status "):
		code, _ := strconv.Atoi(strings.Fields(fault)[1])
		if ra := strings.TrimPrefix(fault, fmt.Sprintf("status %d ", code)); ra != fault {
			w.Header().Set("Retry-After", ra)
		}
		http.Error(w, "fault", code)
		return
	case fault == "slow":
		time.Sleep(300 * time.Millisecond)
	case fault == "reset":
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	case fault == "truncated":
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(s.page)))
		w.Write(s.page[:100])
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	case fault == "challenge":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`<html><head><title>Just a moment...</title></head><body><div id="cf-chl-widget"></div></body></html>`))
		return
	case fault == "loop":
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
		return
	}
	if s.etag != "" {
		w.Header().Set("ETag", s.etag)
		if r.Header.Get("If-None-Match") != "" {
			s.mu.Lock()
			s.conds++
			s.mu.Unlock()
		}
		if r.Header.Get("If-None-Match") == s.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	n, _ := w.Write(s.page)
	s.mu.Lock()
	s.sent += int64(n)
	s.mu.Unlock()
}

// fakeClock records the waits instead of waiting.
type fakeClock struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	return ctx.Err()
}

func faultOptions(clock *fakeClock) Options {
	o := quick()
	o.Fetch.Retries = fetch.DefaultRetries
	o.Fetch.Sleep = clock.sleep
	o.Fetch.Timeout = 150 * time.Millisecond
	o.Fetch.Stats = &fetch.Stats{}
	return o
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name     string
		faults   []string
		requests int    // to /program
		err      string // "" for success
		waits    []time.Duration
	}{
		{"429 with Retry-After seconds", []string{"status 429 7"}, 2, "", []time.Duration{7 * time.Second}},
		{"Retry-After capped", []string{"status 503 3600"}, 2, "", []time.Duration{60 * time.Second}},
		{"5xx back off exponentially", []string{"status 500", "status 502", "status 503", "status 504"}, 5, "",
			[]time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}},
		{"gives up", []string{"status 503", "status 503", "status 503", "status 503", "status 503"}, 5,
			"HTTP 503 Service Unavailable (gave up after 5 attempts)", nil},
		{"404 is final", []string{"status 404"}, 1, "HTTP 404 Not Found", nil},
		{"410 is final", []string{"status 410"}, 1, "HTTP 410 Gone", nil},
		{"timeout", []string{"slow"}, 2, "", []time.Duration{time.Second}},
		// net/http itself sends a GET again once when a reused connection is
		// reset, so the retry layer may or may not see it: no waits checked.
		{"connection reset", []string{"reset"}, 2, "", nil},
		{"reset twice", []string{"reset", "reset", "reset"}, 4, "", nil},
		{"truncated body", []string{"truncated"}, 2, "", []time.Duration{time.Second}},
		{"challenge page", []string{"challenge"}, 1, "URL: blocked by the site's bot protection", nil},
		{"redirect loop", []string{"loop", "loop", "loop", "loop", "loop", "loop", "loop", "loop", "loop", "loop", "loop"}, 10, "too many redirects (a redirect loop?)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, srv := newFaultServer(t, map[string][]string{"/program": tt.faults})
			clock := &fakeClock{}
			opt := faultOptions(clock)
			opt.Fetch.CacheDir = t.TempDir()
			u := srv.URL + "/program"
			p, err := scrapeProgram(context.Background(), u, opt)
			if want := strings.ReplaceAll(tt.err, "URL", u); want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
				t.Fatalf("err = %v, want %q", err, want)
			}
			if tt.err == "" && p.TalkCount() != 5 {
				t.Errorf("talks = %d, want 5", p.TalkCount())
			}
			if got := fs.hits["/program"]; got != tt.requests {
				t.Errorf("requests = %d, want %d", got, tt.requests)
			}
			if tt.waits != nil {
				if len(clock.waits) != len(tt.waits) {
					t.Fatalf("waits = %v, want %v", clock.waits, tt.waits)
				}
				for i, w := range tt.waits {
					// Backoff adds up to half again as jitter; Retry-After is exact.
					if got := clock.waits[i]; got < w || got > w+w/2 {
						t.Errorf("wait %d = %v, want %v (+ up to half as jitter)", i, got, w)
					}
				}
			}
			// Nothing but the good page is ever cached.
			cached, _ := filepath.Glob(filepath.Join(opt.Fetch.CacheDir, "*", "*.body"))
			if tt.err != "" && len(cached) > 0 {
				t.Errorf("a failed fetch left %d pages in the cache", len(cached))
			}
		})
	}
}

// An unchanged server is asked with If-None-Match and sends no body again.
func TestRevalidation(t *testing.T) {
	fs, srv := newFaultServer(t, nil)
	fs.etag = `"v1"`
	clock := &fakeClock{}
	opt := faultOptions(clock)
	opt.Fetch.CacheDir = t.TempDir()
	first, err := scrapeProgram(context.Background(), srv.URL+"/program", opt)
	if err != nil {
		t.Fatal(err)
	}
	sentBefore := fs.sent
	opt.Fetch.Stats = &fetch.Stats{}
	second, err := scrapeProgram(context.Background(), srv.URL+"/program", opt)
	if err != nil {
		t.Fatal(err)
	}
	if fs.sent != sentBefore || fs.conds != 1 {
		t.Errorf("second run: %d body bytes sent, %d conditional requests; want 0 bytes, 1", fs.sent-sentBefore, fs.conds)
	}
	if opt.Fetch.Stats.Revalidated.Load() != 1 || first.TalkCount() != second.TalkCount() {
		t.Errorf("stats %v; talks %d and %d", opt.Fetch.Stats, first.TalkCount(), second.TalkCount())
	}
	// A changed page (new ETag) is downloaded again.
	fs.etag = `"v2"`
	if _, err := scrapeProgram(context.Background(), srv.URL+"/program", opt); err != nil || fs.sent == sentBefore {
		t.Errorf("changed page not fetched again: err %v", err)
	}
}

// Ctrl-C during a long Retry-After wait stops the scrape at once.
func TestInterruptDuringWait(t *testing.T) {
	_, srv := newFaultServer(t, map[string][]string{"/program": {"status 503 60"}})
	opt := quick()
	opt.Fetch.Retries = 2
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := scrapeProgram(ctx, srv.URL+"/program", opt)
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("err %v after %v; want an interruption within a second", err, time.Since(start))
	}
}

// A presentation page that fails leaves its talk as the program page had
// it, and is named.
func TestDetailsFailureKeepsTalk(t *testing.T) {
	s := &site{pages: map[string]string{
		"/conference/atc23/technical-sessions":    "atc23-technical-sessions.html",
		"/conference/atc23/presentation/kowalski": "atc23-presentation-kowalski.html",
	}}
	srv := serve(t, s)
	opt := quick()
	opt.Details = AllDetails
	p, err := scrapeProgram(context.Background(), srv.URL+"/conference/atc23/technical-sessions", opt)
	de, ok := err.(*DetailsError)
	if !ok || len(de.Failures) != 3 || p == nil {
		t.Fatalf("err = %v, program %v; want 3 failed pages and the program", err, p != nil)
	}
	if k := p.Days[0].Talks[0]; k.End != "09:20" {
		t.Errorf("kowalski: %s–%s, want the page that worked used", k.Start, k.End)
	}
	if n := p.Days[0].Talks[1]; n.ID != "nguyen" || n.Start != "09:00" || n.End != "10:15" || n.Abstract == "" {
		t.Errorf("nguyen lost what the program page had: %+v", n)
	}
}

// A host that refuses connections is reported at once, not retried.
func TestUnreachableHost(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL + "/program"
	srv.Close() // nothing listens there now
	clock := &fakeClock{}
	_, err := scrapeProgram(context.Background(), u, faultOptions(clock))
	if err == nil || !strings.Contains(err.Error(), "cannot reach") || len(clock.waits) != 0 {
		t.Fatalf("err = %v after %d waits; want 'cannot reach' at once", err, len(clock.waits))
	}
}

// Each wait is explained on the log.
func TestRetryIsExplained(t *testing.T) {
	_, srv := newFaultServer(t, map[string][]string{"/program": {"status 429 7"}})
	opt := faultOptions(&fakeClock{})
	var log strings.Builder
	opt.Fetch.Log = &log
	if _, err := scrapeProgram(context.Background(), srv.URL+"/program", opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "/program: HTTP 429 Too Many Requests; trying again in 7s (attempt 2 of 5)") {
		t.Errorf("log = %q", log.String())
	}
}
