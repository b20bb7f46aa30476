package scraper

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// The real usenix.org pages in ../shared/real (README there): what the
// extractor reads is checked, talk by talk, against what a plain walk of
// the same page's known markup says. No text of the pages is copied here.

func realDir(t *testing.T) string {
	dir := filepath.Join("..", "..", "shared", "real", "usenix")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no ../shared/real here")
	}
	return dir
}

// realSite serves the real pages at the paths usenix.org has them.
func realSite(t *testing.T, dir string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := ""
		switch {
		case r.URL.Path == "/conference/nsdi21/technical-sessions":
			file = filepath.Join(dir, "nsdi21", "technical-sessions.html")
		case r.URL.Path == "/conference/usenixsecurity25/technical-sessions":
			file = filepath.Join(dir, "usenixsecurity25", "technical-sessions.html")
		case strings.HasPrefix(r.URL.Path, "/conference/nsdi21/presentation/"):
			file = filepath.Join(dir, "nsdi21", "presentation", filepath.Base(r.URL.Path)+".html")
		}
		data, err := os.ReadFile(file)
		if file == "" || err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// talkFacts are what the page's markup says of one talk.
type talkFacts struct {
	date, start, end     string
	track, session, room string
	affiliations         []string // the <em> groups of the people field, in order
	award, abstract      bool
}

var (
	clockTextRe = regexp.MustCompile(`(\d{1,2}):(\d{2})\s*([ap])\.?m`)
	dayTextRe   = regexp.MustCompile(`^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}$`)
)

// clock24 reads "9:30 am" as "09:30".
func clock24(t *testing.T, s string) string {
	m := clockTextRe.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no time in %q", s)
	}
	var h int
	fmt.Sscanf(m[1], "%d", &h)
	if m[3] == "p" && h != 12 {
		h += 12
	}
	if m[3] == "a" && h == 12 {
		h = 0
	}
	return fmt.Sprintf("%02d:%s", h, m[2])
}

func span(t *testing.T, s string) (string, string) {
	parts := clockTextRe.FindAllString(s, 2)
	if len(parts) != 2 {
		t.Fatalf("no time range in %q", s)
	}
	return clock24(t, parts[0]), clock24(t, parts[1])
}

// markupFacts walks the day headings, slot times and papers of a page in
// document order.
func markupFacts(t *testing.T, data []byte, year int) map[string]talkFacts {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	facts := map[string]talkFacts{}
	var date, start, end string
	doc.Find("h2.field-name-field-date-text, h3.field-name-field-time-text, .node-paper").Each(func(_ int, s *goquery.Selection) {
		text := strings.TrimSpace(s.Text())
		switch {
		case s.HasClass("field-name-field-date-text"):
			if !dayTextRe.MatchString(text) {
				t.Fatalf("day heading %q", text)
			}
			d, err := time.Parse("Monday, January 2 2006", fmt.Sprintf("%s %d", text, year))
			if err != nil {
				t.Fatal(err)
			}
			date = d.Format(time.DateOnly)
		case s.HasClass("field-name-field-time-text"):
			start, end = span(t, text)
		default:
			href, _ := s.Find("h2 a").First().Attr("href")
			f := talkFacts{date: date, start: start, end: end}
			if own := s.Find(".field-name-field-date-and-time-12-hour-"); own.Length() > 0 {
				f.start, f.end = span(t, own.Text())
			}
			session := s.Closest(".node-session")
			f.session = strings.Join(strings.Fields(session.Find("h2").First().Text()), " ")
			f.room = strings.TrimSpace(session.Find(".field-name-field-room").First().Text())
			f.track = strings.TrimSpace(s.Closest(".field-collection-item-field-tracks").Find(".field-name-field-track-title").First().Text())
			people := s.Find(".field-name-field-paper-people-text, .field-name-field-presented-by").First()
			people.Find("em").Each(func(_ int, em *goquery.Selection) {
				if em.ParentFiltered("strong").Length() == 0 {
					f.affiliations = append(f.affiliations, strings.Trim(strings.Join(strings.Fields(em.Text()), " "), " ;,"))
				}
			})
			f.award = strings.Contains(people.Text(), "Award")
			f.abstract = strings.TrimSpace(s.Find(".field-name-field-paper-description-long").Text()) != ""
			facts[filepath.Base(href)] = f
		}
	})
	return facts
}

func speakerAffiliations(tk *program.Talk) []string {
	var out []string
	for _, sp := range tk.Speakers {
		if sp.Affiliation != "" && (len(out) == 0 || out[len(out)-1] != sp.Affiliation) {
			out = append(out, sp.Affiliation)
		}
	}
	return out
}

func TestRealPrograms(t *testing.T) {
	dir := realDir(t)
	srv := realSite(t, dir)
	for _, tc := range []struct {
		id          string
		year, talks int
		tracks      int
	}{
		{"usenixsecurity25", 2025, 455, 455},
		{"nsdi21", 2021, 60, 0}, // 59 papers and the test of time award talk
	} {
		t.Run(tc.id, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.id, "technical-sessions.html"))
			if err != nil {
				t.Fatal(err)
			}
			want := markupFacts(t, data, tc.year)
			p, err := scrapeProgram(context.Background(), srv.URL+"/conference/"+tc.id+"/technical-sessions", quick())
			if err != nil {
				t.Fatal(err)
			}
			if p.Conference.ID != tc.id || p.TalkCount() != tc.talks {
				t.Fatalf("%s: %d talks, want %s with %d", p.Conference.ID, p.TalkCount(), tc.id, tc.talks)
			}
			tracks := 0
			for _, d := range p.Days {
				for i := range d.Talks {
					tk := &d.Talks[i]
					if tk.Track != "" {
						tracks++
					}
					if !strings.HasPrefix(tk.URL, "https://www.usenix.org/conference/") {
						t.Errorf("%s: url %s is not on usenix.org", tk.ID, tk.URL)
					}
					for _, m := range []string{tk.Media.Paper, tk.Media.Slides, tk.Media.Video, tk.Media.Audio} {
						if strings.Contains(m, "/presentation/") {
							t.Errorf("%s: media link %s is the presentation page, not a file", tk.ID, m)
						}
					}
					f, ok := want[tk.ID]
					if !ok {
						continue // the test of time talk: below
					}
					got := talkFacts{date: d.Date, start: tk.Start, end: tk.End, track: tk.Track, session: tk.Session, room: tk.Room,
						affiliations: speakerAffiliations(tk), award: tk.Award != "", abstract: tk.Abstract != ""}
					if fmt.Sprint(got) != fmt.Sprint(f) {
						t.Errorf("%s:\n got %+v\nwant %+v", tk.ID, got, f)
					}
					for _, sp := range tk.Speakers {
						if sp.Name == "" || strings.ContainsAny(sp.Name, ";<>") || strings.HasPrefix(sp.Name, "and ") {
							t.Errorf("%s: speaker %q", tk.ID, sp.Name)
						}
					}
				}
			}
			if tracks != tc.tracks {
				t.Errorf("%d talks with a track, want %d", tracks, tc.tracks)
			}
			if len(want)+boolInt(tc.id == "nsdi21") != tc.talks {
				t.Errorf("the page has %d papers", len(want))
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The talk outside any session: a link to an earlier conference's paper
// page in a slot's free text, with its speakers on the line after it.
func TestRealTestOfTime(t *testing.T) {
	dir := realDir(t)
	srv := realSite(t, dir)
	p, err := scrapeProgram(context.Background(), srv.URL+"/conference/nsdi21/technical-sessions", quick())
	if err != nil {
		t.Fatal(err)
	}
	var found []program.Talk
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			if strings.HasPrefix(tk.URL, "https://www.usenix.org/conference/nsdi11/") {
				found = append(found, tk)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d talks link nsdi11, want the one test of time talk", len(found))
	}
	tk := found[0]
	if tk.Start != "12:45" || tk.End != "13:00" || len(tk.Speakers) != 8 || tk.Award == "" || tk.Title == "" {
		t.Errorf("test of time talk: %+v", tk)
	}
}

// With --details, every NSDI talk gets the paper, slides and video its
// presentation page links, and none of the program page's placeholders.
func TestRealDetails(t *testing.T) {
	dir := realDir(t)
	srv := realSite(t, dir)
	opt := quick()
	opt.Details = AllDetails
	res, err := Scrape(context.Background(), srv.URL+"/conference/nsdi21/technical-sessions", opt)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, d := range res.Program.Days {
		for _, tk := range d.Talks {
			if !strings.Contains(tk.URL, "/nsdi21/presentation/") {
				continue
			}
			page, err := os.ReadFile(filepath.Join(dir, "nsdi21", "presentation", filepath.Base(tk.URL)+".html"))
			if err != nil {
				t.Fatal(err)
			}
			doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(page))
			paper, _ := doc.Find(".field-name-field-final-paper-pdf a").First().Attr("href")
			slides, _ := doc.Find(".field-name-field-paper-slides-file a").First().Attr("href")
			embed, _ := doc.Find(".field-name-field-embed-video iframe").First().Attr("src")
			videoID := strings.SplitN(strings.TrimPrefix(embed, "https://www.youtube.com/embed/"), "?", 2)[0]
			if tk.Media.Paper != paper || tk.Media.Slides != slides || tk.Media.Video != "https://www.youtube.com/watch?v="+videoID {
				t.Errorf("%s: media %+v; the page has %s, %s, %s", tk.ID, tk.Media, paper, slides, embed)
				continue
			}
			files += 3
		}
	}
	if files != 177 {
		t.Errorf("%d file links, want 177 (59 talks × paper, slides, video)", files)
	}
	if len(res.Detailed) != 59 {
		t.Errorf("%d presentation pages read, want 59", len(res.Detailed))
	}
}

// The page as wget saved it, given as a file, is the live page's program.
func TestRealSavedCopy(t *testing.T) {
	dir := realDir(t)
	srv := realSite(t, dir)
	live, err := scrapeProgram(context.Background(), srv.URL+"/conference/nsdi21/technical-sessions", quick())
	if err != nil {
		t.Fatal(err)
	}
	saved, err := scrapeProgram(context.Background(), filepath.Join(dir, "saved-copies", "nsdi21-technical-sessions.wget.html"), quick())
	if err != nil {
		t.Fatal(err)
	}
	// The live page was served from the test server: its links name the
	// site through the page's canonical address, as the saved one must.
	a, _ := yamlfile.Marshal(live)
	b, _ := yamlfile.Marshal(saved)
	if !bytes.Equal(a, b) {
		t.Errorf("the saved copy reads differently from the live page")
	}
	if saved.TalkCount() != 60 {
		t.Errorf("%d talks, want 60", saved.TalkCount())
	}
	for _, d := range saved.Days {
		for _, tk := range d.Talks {
			if strings.Contains(tk.ID, ".html") || strings.Contains(tk.URL, ".html") {
				t.Errorf("%s: %s keeps wget's .html", tk.ID, tk.URL)
			}
		}
	}
}

// --details=noted reads only the pages of the talks with notes or a plan.
func TestRealDetailsNoted(t *testing.T) {
	dir := realDir(t)
	srv := realSite(t, dir)
	opt := quick()
	opt.Details, opt.Noted = NotedDetails, map[string]bool{"shao": true, "tan": true}
	res, err := Scrape(context.Background(), srv.URL+"/conference/nsdi21/technical-sessions", opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Detailed) != 2 || !res.Detailed["shao"] || !res.Detailed["tan"] {
		t.Errorf("read the pages of %v, want shao and tan", res.Detailed)
	}
	if un := res.Undetailed(); len(un) != 58 || un["shao"] {
		t.Errorf("%d talks left without details, want 58", len(un))
	}
}
