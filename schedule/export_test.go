package schedule

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// fixture is a scraped program from the scraper's golden files, with a
// time zone and notes on some talks.
func fixture(t testing.TB, name, tz string) *program.Program {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "usenix", name+".yaml.golden"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := yamlfile.Unmarshal(data, name)
	if err != nil {
		t.Fatal(err)
	}
	p.Conference.Timezone = tz
	p.Days[0].Talks[0].Notes = &program.TalkNotes{Plan: true}
	p.Days[0].Talks[1].Notes = &program.TalkNotes{Attended: true}
	return p
}

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// The agenda parsed back says exactly what the program says, field by field.
func TestICalRoundTrip(t *testing.T) {
	p := fixture(t, "srecon22emea-program", "Europe/Amsterdam")
	var buf bytes.Buffer
	warnings, _, err := ICal(&buf, p, ICalOptions{All: true, Now: now})
	if err != nil || len(warnings) != 0 {
		t.Fatalf("err %v, warnings %q", err, warnings)
	}
	raw := buf.String()
	for _, line := range strings.SplitAfter(raw, "\r\n") {
		if !strings.HasSuffix(line, "\r\n") && line != "" {
			t.Fatalf("line %q does not end in CRLF", line)
		}
		if len(line)-2 > 75 {
			t.Fatalf("line %q is longer than 75 octets", line)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != p.TalkCount() {
		t.Fatalf("%d events, want %d", len(events), p.TalkCount())
	}
	i := 0
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			e := events[i]
			i++
			get := func(prop ics.ComponentProperty) string {
				if pr := e.GetProperty(prop); pr != nil {
					return pr.Value
				}
				return ""
			}
			want := map[ics.ComponentProperty]string{
				ics.ComponentPropertyUniqueId:    "srecon22emea-" + tk.ID + "@confdigest",
				ics.ComponentPropertyDtstamp:     "20261128T120000Z",
				ics.ComponentPropertyDtStart:     strings.ReplaceAll(d.Date, "-", "") + "T" + strings.ReplaceAll(tk.Start, ":", "") + "00",
				ics.ComponentPropertyDtEnd:       strings.ReplaceAll(d.Date, "-", "") + "T" + strings.ReplaceAll(tk.End, ":", "") + "00",
				ics.ComponentPropertySummary:     tk.Title,
				ics.ComponentPropertyLocation:    tk.Room,
				ics.ComponentPropertyUrl:         tk.URL,
				ics.ComponentPropertyDescription: description(&tk),
			}
			for prop, w := range want {
				if g := get(prop); g != w {
					t.Errorf("%s %s = %q, want %q", tk.ID, prop, g, w)
				}
			}
			if tzid := e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tzid) != 1 || tzid[0] != "Europe/Amsterdam" {
				t.Errorf("%s: DTSTART TZID = %v", tk.ID, tzid)
			}
		}
	}
	// The zone: CET, then CEST from the last Sunday of March, then CET again.
	for _, want := range []string{"BEGIN:DAYLIGHT\r\nDTSTART:20220327T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST",
		"BEGIN:STANDARD\r\nDTSTART:20221030T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET"} {
		if !strings.Contains(raw, want) {
			t.Errorf("VTIMEZONE lacks\n%s", want)
		}
	}
}

func TestICalAgendaAndEscaping(t *testing.T) {
	p := fixture(t, "atc23-technical-sessions", "")
	p.Days[0].Talks[1].Title = "Commas, semicolons; and a back\\slash"
	var buf bytes.Buffer
	warnings, _, err := ICal(&buf, p, ICalOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	cal, _ := ics.ParseCalendar(strings.NewReader(raw))
	if n := len(cal.Events()); n != 2 {
		t.Errorf("agenda has %d events, want the 2 planned or attended", n)
	}
	if !strings.Contains(raw, `SUMMARY:Commas\, semicolons\; and a back\\slash`) {
		t.Errorf("summary not escaped:\n%s", raw)
	}
	if got := cal.Events()[1].GetProperty(ics.ComponentPropertySummary).Value; got != "Commas, semicolons; and a back\\slash" {
		t.Errorf("summary read back as %q", got)
	}
	if strings.Contains(raw, "TZID") || len(warnings) != 1 || !strings.Contains(warnings[0], "floating") {
		t.Errorf("without a zone: want floating times and a warning, got %q", warnings)
	}
}

func TestExportWithoutTimes(t *testing.T) {
	p := fixture(t, "atc23-technical-sessions", "America/Los_Angeles")
	p.Days[0].Talks[2].Start, p.Days[0].Talks[2].End = "", ""
	p.Days[0].Talks[3].End = ""
	var buf bytes.Buffer
	warnings, err := WriteXML(&buf, p, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(warnings, "\n"); !strings.Contains(got, "no time on the program for abara") || !strings.Contains(got, "no end time for haddad") {
		t.Errorf("warnings = %q", warnings)
	}
	if !strings.Contains(buf.String(), "<duration>00:00</duration>") {
		t.Error("a talk without time should have no duration")
	}
}

// schema is one of the format schemas kept in testdata/schemas (copied
// from the c3voc schedule tools; testdata/schemas/README.md says where).
func schema(name string) string {
	return filepath.Join("..", "testdata", "schemas", name)
}

func TestFrabValidates(t *testing.T) {
	xsd := schema("schedule.xml.xsd")
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing in CI: .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	for _, name := range []string{"srecon17europe-program", "atc23-technical-sessions", "lisa14-conference-program", "srecon22emea-program"} {
		t.Run(name, func(t *testing.T) {
			p := fixture(t, name, "Europe/Dublin")
			var buf bytes.Buffer
			if _, err := WriteXML(&buf, p, "test"); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "schedule.xml")
			os.WriteFile(file, buf.Bytes(), 0o644)
			if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput(); err != nil {
				t.Fatalf("xmllint: %v\n%s\n%s", err, out, buf.String())
			}
			// And it says what the program says.
			var s xmlSchedule
			if err := xml.Unmarshal(buf.Bytes(), &s); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range s.Days {
				for _, r := range d.Rooms {
					for _, e := range r.Events {
						n++
						tk := findTalk(p, e.URL, e.Title)
						if tk == nil {
							t.Fatalf("event %q matches no talk", e.Title)
						}
						if e.Start != tk.Start || e.Abstract != tk.Abstract || len(e.Persons) != len(tk.Speakers) {
							t.Errorf("event %q: start %s abstract %q persons %d", e.Title, e.Start, e.Abstract, len(e.Persons))
						}
					}
				}
			}
			if n != p.TalkCount() {
				t.Errorf("%d events, want %d", n, p.TalkCount())
			}
		})
	}
}

func findTalk(p *program.Program, url, title string) *program.Talk {
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			tk := &p.Days[di].Talks[ti]
			if tk.Title == title && (tk.URL == url || url == "" || tk.URL == "") {
				return tk
			}
		}
	}
	return nil
}

func TestC3VOCValidates(t *testing.T) {
	schemaPath := schema("schedule.json")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"srecon17europe-program", "atc23-technical-sessions", "lisa14-conference-program", "srecon22emea-program"} {
		t.Run(name, func(t *testing.T) {
			p := fixture(t, name, "America/Los_Angeles")
			var buf bytes.Buffer
			if _, err := WriteJSON(&buf, p, "test"); err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("%v\n%s", err, buf.String())
			}
			var f jsonFile
			json.Unmarshal(buf.Bytes(), &f)
			n := 0
			for _, d := range f.Schedule.Conference.Days {
				for _, evs := range d.Rooms {
					for _, e := range evs {
						n++
						if tk := findTalk(p, e.URL, e.Title); tk == nil || tk.Start != e.Start {
							t.Errorf("event %q does not match its talk", e.Title)
						}
					}
				}
			}
			if n != p.TalkCount() {
				t.Errorf("%d events, want %d", n, p.TalkCount())
			}
		})
	}
}

func TestJSONModel(t *testing.T) {
	p := fixture(t, "srecon17europe-program", "Europe/Dublin")
	var buf bytes.Buffer
	if err := WriteModel(&buf, p); err != nil {
		t.Fatal(err)
	}
	var back program.Program
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	a, _ := yamlfile.Marshal(p)
	b, _ := yamlfile.Marshal(&back)
	if !bytes.Equal(a, b) {
		t.Error("the JSON model does not read back to the same program")
	}
	for _, key := range []string{`"conference"`, `"days"`, `"talks"`, `"speakers"`, `"affiliation"`, `"abstract"`, `"notes"`, `"attended"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("no %s in the JSON", key)
		}
	}
}

// A calendar subscribed to the agenda follows changes: a talk that moved
// gets a higher SEQUENCE (the same UID), an unchanged one keeps its own,
// a withdrawn one is CANCELLED.
func TestICalSequence(t *testing.T) {
	p := fixture(t, "srecon17europe-program", "Europe/Dublin")
	var buf bytes.Buffer
	_, first, err := ICal(&buf, p, ICalOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	moved, kept := &p.Days[0].Talks[0], &p.Days[0].Talks[1]
	moved.Room = "Another Room"
	kept.Withdrawn = true
	buf.Reset()
	_, second, err := ICal(&buf, p, ICalOptions{Now: now, Versions: first})
	if err != nil {
		t.Fatal(err)
	}
	uid := func(tk *program.Talk) string { return p.Conference.ID + "-" + tk.ID + "@confdigest" }
	if first[uid(moved)].Sequence != 0 || second[uid(moved)].Sequence != 1 || second[uid(kept)].Sequence != 0 {
		t.Errorf("sequences: first %+v second %+v", first, second)
	}
	out := strings.ReplaceAll(buf.String(), "\r\n ", "")
	if !strings.Contains(out, "SEQUENCE:1") || !strings.Contains(out, "STATUS:CANCELLED") {
		t.Errorf("calendar:\n%s", out)
	}
}

// Control characters in scraped text never reach the calendar's lines.
func TestICalControlCharacters(t *testing.T) {
	p := fixture(t, "srecon17europe-program", "Europe/Dublin")
	tk := &p.Days[0].Talks[0]
	tk.Title = "Bad\rTitle\x01\x1b]0;owned\x07"
	tk.Room = "Room\r\nX"
	tk.Abstract = "Line\rbreak\x1b[31m red"
	var buf bytes.Buffer
	if _, _, err := ICal(&buf, p, ICalOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\r\n") {
		for _, c := range line {
			if c < 0x20 && c != '\t' || c == 0x7f {
				t.Fatalf("control character %q in line %q", c, line)
			}
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cal.Events()); n == 0 {
		t.Fatal("no events")
	}
}

// A withdrawn talk is no event of an exported schedule: frab and c3voc
// have no field to say it is cancelled.
func TestExportLeavesWithdrawnOut(t *testing.T) {
	p := fixture(t, "atc23-technical-sessions", "America/Los_Angeles")
	gone := &p.Days[0].Talks[2]
	gone.Withdrawn = true
	kept := p.Days[0].Talks[3]
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"frab", func(b *bytes.Buffer) error { _, err := WriteXML(b, p, "test"); return err }},
		{"c3voc-json", func(b *bytes.Buffer) error { _, err := WriteJSON(b, p, "test"); return err }},
	} {
		t.Run(w.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := w.write(&buf); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, gone.ID) {
				t.Errorf("withdrawn talk %s is in the export", gone.ID)
			}
			if !strings.Contains(out, kept.ID) {
				t.Errorf("talk %s is missing from the export", kept.ID)
			}
		})
	}
}
