package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/confdigest/confdigest/internal/testpages"
)

// latencyServer serves a 200-talk program and each talk's presentation page,
// every answer 20 ms late, with ETags so a warm re-run can revalidate.
func latencyServer(b *testing.B) (*httptest.Server, *atomic.Int64) {
	page := testpages.USENIXProgram(200)
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		etag := `"` + r.URL.Path + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		body := page
		if strings.Contains(r.URL.Path, "/presentation/") {
			body = []byte(fmt.Sprintf(`<html><body><section id="content"><h1 id="page-title">%s</h1>
<div class="field-name-field-paper-description"><div class="field-item"><p>Abstract of %s.</p></div></div></section></body></html>`, r.URL.Path, r.URL.Path))
		}
		n, _ := w.Write(body)
		sent.Add(int64(n))
	}))
	b.Cleanup(srv.Close)
	return srv, &sent
}

func crawlOptions(dir string) Options {
	o := quick()
	o.Details = AllDetails
	o.Fetch.CacheDir = dir
	o.Fetch.Timeout = 10 * time.Second
	return o
}

// BenchmarkCrawl fetches the program and its 200 presentation pages with
// --delay 0 from a server 20 ms away: the floor is 201 × 20 ms.
func BenchmarkCrawl(b *testing.B) {
	srv, _ := latencyServer(b)
	for b.Loop() {
		opt := crawlOptions("") // no cache: every page from the network
		if _, err := scrapeProgram(context.Background(), srv.URL+"/conference/bench25/program", opt); err != nil {
			b.Fatal(err)
		}
	}
	floor := 202 * 20 * time.Millisecond // robots.txt, the program, 200 pages
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(floor), "x-floor")
	b.ReportMetric(float64(per-floor)/202/1e6, "ms-overhead/req")
}

// BenchmarkCrawlWarm re-runs the same crawl against the unchanged server
// with the cache of a first run: every answer is a 304, no body is sent.
func BenchmarkCrawlWarm(b *testing.B) {
	srv, sent := latencyServer(b)
	dir := b.TempDir()
	if _, err := scrapeProgram(context.Background(), srv.URL+"/conference/bench25/program", crawlOptions(dir)); err != nil {
		b.Fatal(err)
	}
	before := sent.Load()
	for b.Loop() {
		if _, err := scrapeProgram(context.Background(), srv.URL+"/conference/bench25/program", crawlOptions(dir)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sent.Load()-before)/float64(b.N), "body-bytes/op")
}
