package usenix

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/internal/golden"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// The fixtures are written by us after usenix-structure.md, one per era,
// and fetched from the URL they would have on usenix.org.
var fixtures = []struct{ file, url string }{
	{"srecon17europe-program.html", "https://www.usenix.org/conference/srecon17europe/program"},
	{"atc23-technical-sessions.html", "https://www.usenix.org/conference/atc23/technical-sessions"},
	{"lisa14-conference-program.html", "https://www.usenix.org/conference/lisa14/conference-program"},
	{"srecon22emea-program.html", "http://127.0.0.1:8080/mirror/srecon22emea.html"},
	{"srecon19americas-program.html", "https://www.usenix.org/conference/srecon19americas/program"},
}

func extractFile(t testing.TB, file, pageURL string) *program.Program {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "usenix", file))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(pageURL)
	p, err := Extract(doc, u)
	if err != nil {
		t.Fatalf("Extract(%s): %v", file, err)
	}
	return p
}

func TestExtractGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			p := extractFile(t, f.file, f.url)
			got, err := yamlfile.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "..", "testdata", "usenix", strings.TrimSuffix(f.file, ".html")+".yaml.golden")
			golden.Compare(t, path, got)
		})
	}
}

// Without the .node-paper class the talks are found by their presentation
// headings, and everything else still comes from the text around them.
func TestExtractWithoutTalkClass(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.file, func(t *testing.T) {
			// Only links to a named presentation count: a talk whose link lost
			// its slug is found by its class alone.
			full := extractFile(t, f.file, f.url)
			var days []program.Day
			for _, d := range full.Days {
				var talks []program.Talk
				for _, tk := range d.Talks {
					if tk.URL != "" {
						talks = append(talks, tk)
					}
				}
				if len(talks) > 0 {
					d.Talks = talks
					days = append(days, d)
				}
			}
			full.Days = days
			want, err := yamlfile.Marshal(full)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "usenix", f.file))
			if err != nil {
				t.Fatal(err)
			}
			stripped := strings.ReplaceAll(string(data), "node-paper", "node-item")
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(stripped))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(f.url)
			p, err := Extract(doc, u)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := yamlfile.Marshal(p)
			if !bytes.Equal(got, want) {
				t.Errorf("without .node-paper:\n%s", golden.LineDiff(string(want), string(got)))
			}
		})
	}
}

// A Wayback Machine copy without a canonical link still names the
// conference by its id and links usenix.org.
func TestExtractWaybackCopy(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "usenix", "lisa14-conference-program.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.ReplaceAll(string(data), `href="/conference/`, `href="/web/20150101000000/https://www.usenix.org/conference/`)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
	u, _ := url.Parse("https://web.archive.org/web/20150101000000/https://www.usenix.org/conference/lisa14/conference-program")
	p, err := Extract(doc, u)
	if err != nil {
		t.Fatal(err)
	}
	if p.Conference.ID != "lisa14" {
		t.Errorf("id = %q, want lisa14", p.Conference.ID)
	}
	if got, want := p.Days[0].Talks[0].URL, "https://www.usenix.org/conference/lisa14/conference-program/presentation/brennan"; got != want {
		t.Errorf("url = %q, want %q", got, want)
	}
}
