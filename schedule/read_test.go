package schedule

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/confdigest/confdigest/internal/golden"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

var scheduleFixtures = []struct {
	file, url string
	extract   func([]byte, *url.URL, ReadOptions) (*program.Program, error)
}{
	{"democonf-schedule.xml", "https://pretalx.example.org/democonf26/schedule/export/schedule.xml", ReadXML},
	{"stackconf-schedule.json", "https://pretalx.example.org/stackconf26/schedule/export/schedule.json", ReadJSON},
	{"oldpentabarf-schedule.xml", "https://old.example.org/2011/schedule.xml", ReadXML},
	{"wafer-schedule.xml", "https://wafer.example.org/schedule/pentabarf.xml", ReadXML},
	{"ical-program.ics", "https://harbour.example.org/schedule.ics", ReadICal},
	{"sessionize-all.json", "https://sessionize.com/api/v2/abcd1234/view/All", ReadSessionize},
	{"sessionize-sessions.json", "https://sessionize.com/api/v2/efgh5678/view/Sessions", ReadSessionize},
	{"indico-export.json", "https://indico.example.org/export/event/42.json?detail=contributions", ReadIndico},
}

func scheduleFile(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "schedules", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestScheduleGolden(t *testing.T) {
	for _, f := range scheduleFixtures {
		t.Run(f.file, func(t *testing.T) {
			data := scheduleFile(t, f.file)
			u, _ := url.Parse(f.url)
			p, err := f.extract(data, u, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := yamlfile.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := yamlfile.Unmarshal(got, "golden"); err != nil {
				t.Fatalf("the program file is invalid: %v", err)
			}
			golden.Compare(t, filepath.Join("..", "testdata", "schedules", f.file+".yaml.golden"), got)
		})
	}
}

// The fixtures are what real exports may be: valid against the schemas.
func TestScheduleFixturesValid(t *testing.T) {
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		out, err := exec.Command(xmllint, "--noout", "--schema", schema("schedule.xml.xsd"), filepath.Join("..", "testdata", "schedules", "democonf-schedule.xml")).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	} else if os.Getenv("CI") != "" {
		t.Fatal("xmllint missing in CI")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schema("schedule.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(scheduleFile(t, "stackconf-schedule.json"))))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Error(err)
	}
}

// A schedule read from a file on disk keeps the web address it states as
// the conference's (url, base_url, else its events' common folder), not
// the file's own file:// address.
func TestLocalScheduleKeepsWebAddress(t *testing.T) {
	for _, tt := range []struct {
		file string
		want string
	}{
		{"democonf-schedule.xml", "https://pretalx.example.org/democonf26/"}, // <base_url>
		{"ical-program.ics", "https://harbour.example.org/"},                 // its events' site
		{"stackconf-schedule.json", "https://pretalx.example.org/stackconf26/"},
		{"sessionize-all.json", "file:///home/me/Downloads/sessionize-all.json"}, // states none
	} {
		t.Run(tt.file, func(t *testing.T) {
			var extract func([]byte, *url.URL, ReadOptions) (*program.Program, error)
			for _, f := range scheduleFixtures {
				if f.file == tt.file {
					extract = f.extract
				}
			}
			u, _ := url.Parse("file:///home/me/Downloads/" + tt.file)
			p, err := extract(scheduleFile(t, tt.file), u, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Conference.URL; got != tt.want {
				t.Errorf("conference.url %q, want %q", got, tt.want)
			}
		})
	}
}

// An export that states no address of its own takes the site of its
// events' pages: the host most of them are on (a dinner linking to its
// venue does not count), plus the schedule folder they share.
func TestEventsSite(t *testing.T) {
	ev := func(urls ...string) []readEvent {
		var es []readEvent
		for _, u := range urls {
			es = append(es, readEvent{URL: u})
		}
		return es
	}
	for _, tt := range []struct {
		name   string
		events []readEvent
		want   string
	}{
		{"symposion with other links", ev(
			"http://lca.example.org/schedule/presentation/221/",
			"http://lca.example.org/schedule/presentation/13/",
			"", "http://lca.example.org/schedule/presentation/7/",
			"https://venue.example.com/dinner",
		), "http://lca.example.org/schedule/"},
		{"frab event pages", ev("https://fosdem.example.org/2026/schedule/event/a/", "https://fosdem.example.org/2026/schedule/event/b/"), "https://fosdem.example.org/2026/schedule/"},
		{"pretalx talk pages", ev("https://pretalx.example.org/democon/talk/AB12/", "https://pretalx.example.org/democon/talk/CD34/"), "https://pretalx.example.org/democon/"},
		{"no schedule folder", ev("https://example.org/blog/a", "https://example.org/blog/b"), "https://example.org/"},
		{"no host has most", ev("https://a.example.org/x", "https://b.example.org/y"), ""},
		{"no web address", ev("", "mailto:x@example.org"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := eventsSite(tt.events); got != tt.want {
				t.Errorf("eventsSite = %q, want %q", got, tt.want)
			}
		})
	}
}
