package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// gzipOf is data gzipped: zeros compress a thousand to one.
func gzipOf(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// A small gzip body that unpacks past the size cap is refused while it is
// unpacked, however the server labels it; a gzip program under the cap
// reads as the program.
func TestGzipBombs(t *testing.T) {
	bomb := gzipOf(t, make([]byte, 64<<20))
	program := gzipOf(t, []byte(`<?xml version="1.0"?><schedule><conference><acronym>gz26</acronym><title>Gz</title></conference>
<day index="1" date="2026-01-01"><room name="A"><event id="1"><start>10:00</start><duration>00:30</duration><room>A</room><slug>gz-1</slug><title>Zipped</title></event></room></day></schedule>`))
	for _, tc := range []struct {
		name, path, encoding, ctype string
	}{
		{"x-gzip encoding", "/schedule.xml", "x-gzip", "application/xml"},
		{"gzip content type", "/schedule.xml", "", "application/gzip"},
		{".xml.gz path", "/schedule.xml.gz", "", "application/octet-stream"},
		{"magic bytes only", "/schedule.xml", "", "application/xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			serve := func(body []byte) *httptest.Server {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/robots.txt" {
						http.NotFound(w, r)
						return
					}
					if tc.encoding != "" {
						w.Header().Set("Content-Encoding", tc.encoding)
					}
					w.Header().Set("Content-Type", tc.ctype)
					w.Write(body)
				}))
				t.Cleanup(srv.Close)
				return srv
			}
			opt := quick()
			opt.Fetch.MaxBody = 1 << 20
			_, err := scrapeProgram(context.Background(), serve(bomb).URL+tc.path, opt)
			if err == nil || !strings.Contains(err.Error(), "larger than") {
				t.Fatalf("err = %v, want the page refused as too large", err)
			}
			p, err := scrapeProgram(context.Background(), serve(program).URL+tc.path, opt)
			if err != nil || p.TalkCount() != 1 {
				t.Fatalf("a gzip program under the cap: %v", err)
			}
		})
	}
}

// counter serves a page and counts the requests it gets: a host the
// crawler must never be led to.
func counter(t *testing.T, robots string) (*httptest.Server, *[]string) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path)
		if r.URL.Path == "/robots.txt" && robots != "" {
			w.Write([]byte(robots))
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>elsewhere</body></html>"))
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

// robots.txt and page redirects stay on the program's origin and obey its
// robots.txt; a robots.txt that cannot be read disallows everything.
func TestHostileRedirectsAndRobots(t *testing.T) {
	other, otherGot := counter(t, "User-agent: *\nDisallow: /\n")
	tests := []struct {
		name    string
		handler func(w http.ResponseWriter, r *http.Request)
		want    string
	}{
		{"robots.txt redirected to another host", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/robots.txt", http.StatusFound)
		}, "cannot be read"},
		{"robots.txt answering 503", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("<html></html>"))
		}, "cannot be read"},
		{"page redirected to another port of the host", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			http.Redirect(w, r, other.URL+"/program", http.StatusFound)
		}, "off "},
		{"page redirected into a disallowed path", func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/robots.txt":
				w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			case "/program":
				http.Redirect(w, r, "/private/program", http.StatusFound)
			default:
				t.Errorf("%s was fetched", r.URL.Path)
			}
		}, "disallowed by the site's robots.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tc.handler))
			defer srv.Close()
			opt := quick()
			opt.Fetch.Retries = 1
			opt.Fetch.Sleep = (&fakeClock{}).sleep
			_, err := scrapeProgram(context.Background(), srv.URL+"/program", opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if len(*otherGot) != 0 {
				t.Fatalf("the other host was asked for %v", *otherGot)
			}
		})
	}
}

// A Crawl-delay of days is capped, and said.
func TestCrawlDelayCapped(t *testing.T) {
	s := &site{robots: "User-agent: *\nCrawl-delay: 100000\n", pages: map[string]string{"/p": "atc23-technical-sessions.html"}}
	srv := serve(t, s)
	var log strings.Builder
	opt := quick()
	opt.Fetch.DelaySet = false
	opt.Fetch.Log = &log
	if _, err := scrapeProgram(context.Background(), srv.URL+"/p", opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "asks for 27h46m40s between requests; waiting 1m0s") {
		t.Errorf("log: %q", log.String())
	}
}

// The page names the conference, and the default file is named after it:
// only a safe slug may come of it.
func TestConferenceIDIsASafeFileName(t *testing.T) {
	for _, canonical := range []string{"/conference/a%0Ab/program", "/conference/..%2F..%2Fetc/program", "/conference/a%0Db%1B]0;x%07/program"} {
		page := `<html><head><link rel="canonical" href="https://www.usenix.org` + canonical + `"></head><body>
<h2>Monday, March 25, 2019</h2><div>9:00 am–10:00 am</div>
<article class="node-paper"><h2><a href="/conference/x19/presentation/a">A Talk</a></h2></article></body></html>`
		s := &site{pages: map[string]string{"/p": "body:" + page}}
		srv := serve(t, s)
		p, err := scrapeProgram(context.Background(), srv.URL+"/p", quick())
		if err != nil {
			t.Fatal(err)
		}
		if !safeIDRe.MatchString(p.Conference.ID) || strings.Contains(p.Conference.ID, "..") {
			t.Errorf("%s gives the id %q", canonical, p.Conference.ID)
		}
	}
}
