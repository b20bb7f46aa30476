package scraper

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The schedule fixtures are recognised by their content, whatever the
// server says they are.
func TestDetectSchedules(t *testing.T) {
	for _, file := range []string{"democonf-schedule.xml", "stackconf-schedule.json"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "schedules", file))
		if err != nil {
			t.Fatal(err)
		}
		if src := detect("text/plain", data); src.page != nil {
			t.Errorf("%s read as a %s", file, src.name)
		}
	}
}

// Every URL form reaches the schedule: the exports themselves, a pretalx
// event page naming its export, and one that does not (pretalx's path).
func TestScrapeScheduleURLs(t *testing.T) {
	page := `<html><head><title>StackConf 2026 :: pretalx</title>
<link rel="alternate" type="application/json" href="/stackconf26/schedule/export/schedule.json"></head><body><h1>StackConf 2026</h1></body></html>`
	bare := `<html><head><title>StackConf 2026 :: pretalx</title></head><body><p>Powered by pretalx</p></body></html>`
	s := &site{pages: map[string]string{
		"/democonf26/schedule/export/schedule.xml":   "../schedules/democonf-schedule.xml",
		"/stackconf26/schedule/export/schedule.json": "../schedules/stackconf-schedule.json",
		"/stackconf26/":          "body:" + page,
		"/stackconf26/schedule/": "body:" + bare,
	}}
	srv := serve(t, s)
	for _, tc := range []struct{ path, id string }{
		{"/democonf26/schedule/export/schedule.xml", "democonf26"},
		{"/stackconf26/schedule/export/schedule.json", "stackconf26"},
		{"/stackconf26/", "stackconf26"},
		{"/stackconf26/schedule/", "stackconf26"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			s.ctype = "text/plain" // servers often say so: the content decides
			if strings.HasSuffix(tc.path, "/") {
				s.ctype = "text/html"
			}
			p, err := scrapeProgram(context.Background(), srv.URL+tc.path, quick())
			if err != nil {
				t.Fatal(err)
			}
			if p.Conference.ID != tc.id || p.TalkCount() == 0 || !strings.Contains(p.Conference.URL, "/schedule/export/schedule.") {
				t.Errorf("got %s with %d talks from %s", p.Conference.ID, p.TalkCount(), p.Conference.URL)
			}
		})
	}
}
