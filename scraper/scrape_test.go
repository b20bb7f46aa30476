package scraper

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/scraper/fetch"
)

// site serves fixture pages by path, and counts the requests it gets.
type site struct {
	mu       sync.Mutex
	pages    map[string]string // path → file under testdata/usenix, or literal body with "body:" prefix
	robots   string
	ctype    string
	requests []string
	agents   []string
	times    []time.Time
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.Path)
	s.agents = append(s.agents, r.UserAgent())
	s.times = append(s.times, time.Now())
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		if s.robots == "" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(s.robots))
		return
	}
	src, ok := s.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	body := []byte(strings.TrimPrefix(src, "body:"))
	if !strings.HasPrefix(src, "body:") {
		var err error
		if body, err = os.ReadFile(filepath.Join("..", "testdata", "usenix", src)); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
	}
	ctype := s.ctype
	if ctype == "" {
		ctype = "text/html; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

func serve(t *testing.T, s *site) *httptest.Server {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func quick() Options {
	return Options{Fetch: fetch.Options{UserAgent: "confdigest/test (+https://example.org)", DelaySet: true, Timeout: 5 * time.Second}}
}

func TestScrapeServedProgram(t *testing.T) {
	s := &site{pages: map[string]string{"/conference/srecon17europe/program": "srecon17europe-program.html"}}
	srv := serve(t, s)
	p, err := scrapeProgram(context.Background(), srv.URL+"/conference/srecon17europe/program", quick())
	if err != nil {
		t.Fatal(err)
	}
	if got := p.TalkCount(); got != 6 {
		t.Errorf("talks = %d, want 6", got)
	}
	// The page names its canonical URL: links point at usenix.org, not at the test server.
	if got, want := p.Days[0].Talks[0].URL, "https://www.usenix.org/conference/srecon17europe/program/presentation/okafor"; got != want {
		t.Errorf("url = %q, want %q", got, want)
	}
	if got, want := strings.Join(s.requests, " "), "/robots.txt /conference/srecon17europe/program"; got != want {
		t.Errorf("requests = %q, want %q: robots.txt once, then the program page alone", got, want)
	}
	for _, ua := range s.agents {
		if !strings.HasPrefix(ua, "confdigest/") {
			t.Errorf("User-Agent = %q, want confdigest/…", ua)
		}
	}
}

func TestScrapeFailures(t *testing.T) {
	tests := []struct {
		name  string
		site  *site
		path  string
		want  string
		delay bool
	}{
		{"not found", &site{}, "/conference/x/program", "HTTP 404 Not Found", false},
		{"not a program", &site{pages: map[string]string{"/about": "body:<html><body><h1>About us</h1><p>Hello.</p></body></html>"}},
			"/about", "no talks found at URL (confdigest reads USENIX program pages", false},
		{"robots disallow", &site{robots: "User-agent: *\nDisallow: /conference/\n", pages: map[string]string{"/conference/x/program": "atc23-technical-sessions.html"}},
			"/conference/x/program", "disallowed by the site's robots.txt", false},
		{"robots names confdigest", &site{robots: "User-agent: confdigest\nDisallow: /\n\nUser-agent: *\nAllow: /\n", pages: map[string]string{"/p": "atc23-technical-sessions.html"}},
			"/p", "disallowed by the site's robots.txt", false},
		{"not html", &site{ctype: "application/pdf", pages: map[string]string{"/p.pdf": "body:%PDF-1.4"}}, "/p.pdf", "the server sent application/pdf, not an HTML page", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.site)
			u := srv.URL + tt.path
			_, err := scrapeProgram(context.Background(), u, quick())
			want := strings.ReplaceAll(tt.want, "URL", u)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), u) {
				t.Fatalf("err = %v, want one naming %s and saying %q", err, u, want)
			}
		})
	}
}

func TestScrapeRefusesHugePages(t *testing.T) {
	big := "body:<html><body>" + strings.Repeat("<p>padding</p>", 1000) + "</body></html>"
	srv := serve(t, &site{pages: map[string]string{"/p": big}})
	opt := quick()
	opt.Fetch.MaxBody = 4 << 10
	_, err := scrapeProgram(context.Background(), srv.URL+"/p", opt)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v, want the page refused as too large", err)
	}
}

func TestScrapeRefusesOtherHosts(t *testing.T) {
	other := serve(t, &site{pages: map[string]string{"/p": "atc23-technical-sessions.html"}})
	mux := http.NewServeMux()
	mux.HandleFunc("/p", func(w http.ResponseWriter, r *http.Request) {
		// Same server, another host name: the crawler must not follow.
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/p", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	_, err := scrapeProgram(context.Background(), srv.URL+"/p", quick())
	if err == nil || !strings.Contains(err.Error(), "localhost") {
		t.Fatalf("err = %v, want a refused redirect to localhost", err)
	}
}

func TestScrapeRobotsCrawlDelay(t *testing.T) {
	s := &site{robots: "User-agent: *\nCrawl-delay: 7\n", pages: map[string]string{"/p": "atc23-technical-sessions.html"}}
	srv := serve(t, s)
	var log bytes.Buffer
	opt := quick()
	opt.Fetch.Log = &log
	if _, err := scrapeProgram(context.Background(), srv.URL+"/p", opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "shorter than the Crawl-delay 7s") {
		t.Errorf("log = %q, want a warning that --delay 0 undercuts Crawl-delay 7s", log.String())
	}
}

func TestScrapeOfflineFromCache(t *testing.T) {
	s := &site{pages: map[string]string{"/conference/atc23/technical-sessions": "atc23-technical-sessions.html"}}
	srv := httptest.NewServer(s)
	u := srv.URL + "/conference/atc23/technical-sessions"
	opt := quick()
	opt.Fetch.CacheDir = t.TempDir()
	online, err := scrapeProgram(context.Background(), u, opt)
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	opt.Fetch.Offline = true
	offline, err := scrapeProgram(context.Background(), u, opt)
	if err != nil {
		t.Fatalf("offline scrape with the server stopped: %v", err)
	}
	if online.TalkCount() != offline.TalkCount() || offline.TalkCount() == 0 {
		t.Errorf("offline found %d talks, online %d", offline.TalkCount(), online.TalkCount())
	}
	_, err = scrapeProgram(context.Background(), srv.URL+"/conference/atc23/other", opt)
	if err == nil || !strings.Contains(err.Error(), "is not in the cache") {
		t.Errorf("err = %v, want the missing page named", err)
	}
}

func TestScrapeDetails(t *testing.T) {
	s := &site{pages: map[string]string{
		"/conference/atc23/technical-sessions":    "atc23-technical-sessions.html",
		"/conference/atc23/presentation/kowalski": "atc23-presentation-kowalski.html",
		"/conference/atc23/presentation/nguyen":   "body:<html><body><section id=\"content\"><h1 id=\"page-title\">Tiered Caches Are Not Free</h1></section></body></html>",
		"/conference/atc23/presentation/abara":    "body:<html><body><section id=\"content\"><h1 id=\"page-title\">x</h1></section></body></html>",
		"/conference/atc23/presentation/haddad":   "body:<html><body><section id=\"content\"><h1 id=\"page-title\">x</h1></section></body></html>",
	}}
	srv := serve(t, s)
	opt := quick()
	opt.Details = AllDetails
	opt.Fetch.Delay = 60 * time.Millisecond
	p, err := scrapeProgram(context.Background(), srv.URL+"/conference/atc23/technical-sessions", opt)
	if err != nil {
		t.Fatal(err)
	}
	// robots.txt, the program, four presentation pages; the pages the delay
	// apart. The server sees when a request arrives, not when it was sent,
	// and on a loaded machine one arrival can be late by tens of ms: the
	// span of the five requests after robots.txt must hold four delays
	// (less 15ms for scheduling), which a crawler that skipped a delay
	// cannot reach.
	if len(s.requests) != 6 {
		t.Errorf("requests = %q, want 6", s.requests)
	}
	if n := len(s.times); n > 2 {
		span, want := s.times[n-1].Sub(s.times[1]), time.Duration(n-2)*opt.Fetch.Delay
		if span < want-15*time.Millisecond {
			t.Errorf("requests 1 to %d took %v, want at least %v (%v apart)", n-1, span, want, opt.Fetch.Delay)
		}
	}
	k := p.Days[0].Talks[0]
	if k.ID != "kowalski" || k.Start != "09:00" || k.End != "09:20" {
		t.Errorf("kowalski: %s %s–%s, want the presentation page's 09:00–09:20", k.ID, k.Start, k.End)
	}
	if k.Media.Audio == "" {
		t.Errorf("kowalski: audio not filled from the presentation page: %+v", k.Media)
	}
	if n := p.Days[0].Talks[1]; n.Start != "09:00" || n.End != "10:15" {
		t.Errorf("nguyen: %s–%s, want the slot time kept when the page has none", n.Start, n.End)
	}
}

func TestPresentationURL(t *testing.T) {
	talk, _ := url.Parse("https://www.usenix.org/conference/lisa14/conference-program/presentation/brennan")
	for crawled, want := range map[string]string{
		"http://127.0.0.1:8080/conference/lisa14/conference-program":                                             "http://127.0.0.1:8080/conference/lisa14/conference-program/presentation/brennan",
		"https://web.archive.org/web/20150101000000/https://www.usenix.org/conference/lisa14/conference-program": "https://web.archive.org/web/20150101000000/https://www.usenix.org/conference/lisa14/conference-program/presentation/brennan",
	} {
		c, _ := url.Parse(crawled)
		if got := presentationURL(c, talk); got != want {
			t.Errorf("presentationURL(%s) = %s, want %s", crawled, got, want)
		}
	}
}

// Saved pages served without a file extension come as octet-stream: the
// content decides.
func TestScrapeOctetStream(t *testing.T) {
	s := &site{ctype: "application/octet-stream", pages: map[string]string{"/conference/atc23/technical-sessions": "atc23-technical-sessions.html"}}
	srv := serve(t, s)
	p, err := scrapeProgram(context.Background(), srv.URL+"/conference/atc23/technical-sessions", quick())
	if err != nil || p.TalkCount() != 5 {
		t.Fatalf("err %v", err)
	}
}

// scrapeProgram is Scrape for the tests that look at the program alone.
func scrapeProgram(ctx context.Context, rawURL string, opt Options) (*program.Program, error) {
	res, err := Scrape(ctx, rawURL, opt)
	if res == nil {
		return nil, err
	}
	return res.Program, err
}
