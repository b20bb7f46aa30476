package fetch

import (
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/temoto/robotstxt"
)

func robotsSite(t *testing.T, robots string) *url.URL {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte(robots))
			return
		}
		w.Write([]byte("<html></html>"))
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL + "/program")
	return u
}

// TestUnreadableCrawlDelay: a Crawl-delay the robots parser cannot read
// ("0,5", "10s") no longer makes the whole site unreadable. In another
// crawler's group it is ignored; in ours the default delay is kept, with
// a warning; the other rules hold either way.
func TestUnreadableCrawlDelay(t *testing.T) {
	for _, tc := range []struct {
		name, robots string
		delay        time.Duration
		warn         string
	}{
		{"another group", "User-agent: Googlebot\nCrawl-delay: 0,5\n\nUser-agent: *\nDisallow: /private\nCrawl-delay: 2\n", 2 * time.Second, ""},
		{"ours by name", "User-agent: *\nCrawl-delay: 3\n\nUser-agent: confdigest\nCrawl-delay: 10s\nDisallow: /private\n", defaultDelay, `"10s"`},
		{"ours as *", "User-agent: bingbot\nUser-agent: *\nCrawl-delay: 0,5 # half a second\nDisallow: /private\n", defaultDelay, `"0,5"`},
		{"before any group", "Crawl-delay: 5\nUser-agent: *\nDisallow: /private\n", 5 * time.Second, ""}, // every crawler's
		{"ours, only the delay", "User-agent: confdigest\nCrawl-delay: 10s\n\nUser-agent: *\nDisallow: /\n", defaultDelay, `"10s"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			f, err := New(context.Background(), robotsSite(t, tc.robots), Options{UserAgent: "confdigest/test", Log: &log})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if f.delay != tc.delay {
				t.Errorf("delay %s, want %s", f.delay, tc.delay)
			}
			if got := log.String(); tc.warn == "" && got != "" || tc.warn != "" && !strings.Contains(got, "Crawl-delay of "+tc.warn) {
				t.Errorf("log %q, want a warning naming %s", got, tc.warn)
			}
			wantAllowed := tc.name == "ours, only the delay"
			if got := f.robotsAllow(&url.URL{Path: "/private/x"}); got != wantAllowed {
				t.Errorf("/private/x allowed: %v, want %v", got, wantAllowed)
			}
		})
	}
}

// TestRulesBeforeAnyGroup: rules above every User-agent line, which the
// robots parser refuses the whole file for, are read as every crawler's,
// so the site stays readable and what they disallow is not fetched.
func TestRulesBeforeAnyGroup(t *testing.T) {
	for _, tc := range []struct {
		robots  string
		allowed map[string]bool
	}{
		{"Disallow: /private\nUser-agent: *\nDisallow: /x\n", map[string]bool{"/private/a": false, "/x": false, "/program": true}},
		{"# ours\nSitemap: https://example.org/s.xml\nAllow: /\n\nUser-agent: *\nDisallow: /admin\n", map[string]bool{"/admin": false, "/program": true}},
		{"Disallow: /\n\nUser-agent: confdigest\nAllow: /\n", map[string]bool{"/program": true}}, // our own group wins
		{"Disallow: /\n", map[string]bool{"/program": false}},
	} {
		f, err := New(context.Background(), robotsSite(t, tc.robots), Options{UserAgent: "confdigest/test"})
		if err != nil {
			t.Fatalf("%q: New: %v", tc.robots, err)
		}
		for path, want := range tc.allowed {
			if got := f.robotsAllow(&url.URL{Path: path}); got != want {
				t.Errorf("%q: %s allowed: %v, want %v", tc.robots, path, got, want)
			}
		}
	}
}

// TestRobotsDelaysProperty: over random robots.txt files of several
// groups with readable and unreadable Crawl-delays, the cleaned file
// always parses, and confdigest's group has the rules and delay of the
// file with a rule of no effect for each unreadable line (the line still
// closes its group's User-agent lines); the warning comes exactly when
// one of them was in that group.
func TestRobotsDelaysProperty(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	agentNames := []string{"*", "confdigest", "confdig", "googlebot", "bingbot", "conf"}
	bad := []string{"0,5", "10s", "-1", "", "NaN", "+Inf", "1e999", "fast"}
	paths := []string{"/a", "/b/c", "/private", "/x"}
	for iter := 0; iter < 1000; iter++ {
		var withBad, without strings.Builder
		oursBad := false
		groups := make([][]string, 1+r.Intn(4))
		for g := range groups {
			for n := 1 + r.Intn(2); n > 0; n-- {
				groups[g] = append(groups[g], agentNames[r.Intn(len(agentNames))])
			}
		}
		pick := ""
		for _, ag := range groups {
			for _, a := range ag {
				if a == "*" && pick == "" || a != "*" && strings.HasPrefix("confdigest", a) && len(a) > len(pick) {
					pick = a
				}
			}
		}
		for _, ag := range groups {
			for _, a := range ag {
				fmt.Fprintf(&withBad, "User-agent: %s\n", a)
				fmt.Fprintf(&without, "User-agent: %s\n", a)
			}
			for n := 1 + r.Intn(3); n > 0; n-- {
				var line string
				switch r.Intn(3) {
				case 0:
					line = "Disallow: " + paths[r.Intn(len(paths))] + "\n"
				case 1:
					line = fmt.Sprintf("Crawl-delay: %d\n", r.Intn(5))
				default:
					v := bad[r.Intn(len(bad))]
					fmt.Fprintf(&withBad, "Crawl-delay: %s\n", v)
					without.WriteString("Allow: /never-asked\n") // ends the agent lines as the bad line does
					for _, a := range ag {
						oursBad = oursBad || a == pick
					}
					continue
				}
				withBad.WriteString(line)
				without.WriteString(line)
			}
			withBad.WriteString("\n")
			without.WriteString("\n")
		}
		clean, _, found := cleanRobots([]byte(withBad.String()), "confdigest")
		got, err := robotstxt.FromBytes(clean)
		if err != nil {
			t.Fatalf("cleaned file does not parse: %v\n%s", err, withBad.String())
		}
		want, err := robotstxt.FromString(without.String())
		if err != nil {
			t.Fatalf("%v\n%s", err, without.String())
		}
		g, w := got.FindGroup("confdigest"), want.FindGroup("confdigest")
		for _, p := range paths {
			if g.Test(p) != w.Test(p) {
				t.Fatalf("%s: allowed %v, want %v\n%s", p, g.Test(p), w.Test(p), withBad.String())
			}
		}
		if g.CrawlDelay != w.CrawlDelay {
			t.Fatalf("delay %s, want %s\n%s", g.CrawlDelay, w.CrawlDelay, withBad.String())
		}
		if found != oursBad {
			t.Fatalf("warned %v, want %v\n%s", found, oursBad, withBad.String())
		}
	}
}
