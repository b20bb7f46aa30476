package scraper

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/confdigest/confdigest/program"
)

var scheduleFixtures = []struct {
	file, url string
	extract   func([]byte, *url.URL) (*program.Program, error)
}{
	{"democonf-schedule.xml", "https://pretalx.example.org/democonf26/schedule/export/schedule.xml", ExtractScheduleXML},
	{"stackconf-schedule.json", "https://pretalx.example.org/stackconf26/schedule/export/schedule.json", ExtractScheduleJSON},
}

func readSchedule(t *testing.T, file string) []byte {
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
			data := readSchedule(t, f.file)
			if src := detect("text/plain", data); src.extract == nil || src.name == "USENIX program" {
				t.Fatalf("%s not recognised by its content", f.file)
			}
			u, _ := url.Parse(f.url)
			p, err := f.extract(data, u)
			if err != nil {
				t.Fatal(err)
			}
			got, err := program.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := program.Unmarshal(got, "golden"); err != nil {
				t.Fatalf("the program file is invalid: %v", err)
			}
			compareGolden(t, filepath.Join("..", "testdata", "schedules", f.file+".yaml.golden"), got)
		})
	}
}

// The fixtures are what real exports may be: valid against the schemas.
func TestScheduleFixturesValid(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "schemas")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s missing in CI", dir)
		}
		t.Skip("no ../shared/schemas here")
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(dir, "schedule.xml.xsd"), filepath.Join("..", "testdata", "schedules", "democonf-schedule.xml")).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	} else if os.Getenv("CI") != "" {
		t.Fatal("xmllint missing in CI")
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join(dir, "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(readSchedule(t, "stackconf-schedule.json"))))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Error(err)
	}
}

// The real exports in ../shared/examples read without error.
func TestSharedExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "examples", "schedules", "*.json"))
	if len(files) == 0 {
		t.Skip("no ../shared/examples here")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse("https://example.org/schedule.json")
		p, err := ExtractScheduleJSON(data, u)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		out, _ := program.Marshal(p)
		if _, err := program.Unmarshal(out, file); err != nil {
			t.Errorf("%s: the program file is invalid: %v", file, err)
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
			p, err := Scrape(context.Background(), srv.URL+tc.path, quick())
			if err != nil {
				t.Fatal(err)
			}
			if p.Conference.ID != tc.id || p.TalkCount() == 0 || !strings.Contains(p.Conference.URL, "/schedule/export/schedule.") {
				t.Errorf("got %s with %d talks from %s", p.Conference.ID, p.TalkCount(), p.Conference.URL)
			}
		})
	}
}
