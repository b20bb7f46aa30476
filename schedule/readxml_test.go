package schedule

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html/charset"
)

// readXMLByUnmarshal is what readXMLEvents must read: the schedule as
// xml.Unmarshal reads it into the types WriteXML writes, each room's
// events, then those listed under the day itself.
func readXMLByUnmarshal(body []byte) (*readSchedule, error) {
	var s xmlSchedule
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(&s); err != nil {
		return nil, err
	}
	var days []readDay
	for _, d := range s.Days {
		day := readDay{Index: d.Index, Date: d.Date, Start: d.Start}
		for _, r := range append(d.Rooms, xmlRoom{Events: d.Events}) {
			for _, e := range r.Events {
				day.Events = append(day.Events, readEventOf(e, r.Name))
			}
		}
		sortEvents(day.Events)
		days = append(days, day)
	}
	return scheduleOf(s, days), nil
}

func checkReadXML(t *testing.T, name string, body []byte) {
	t.Helper()
	want, wantErr := readXMLByUnmarshal(body)
	got, err := readXMLEvents(body, func(*readEvent) {})
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%s: readXMLEvents error %v, xml.Unmarshal error %v", name, err, wantErr)
	}
	if err != nil {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: readXMLEvents read\n%+v\nxml.Unmarshal read\n%+v", name, got, want)
	}
}

func TestReadXMLEventsReadsAsUnmarshal(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "schedules", "*.xml"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "examples", "schedules", "*.xml"))
	if len(shared) == 0 {
		t.Log("../shared/examples is absent: only our own fixtures are read")
	}
	for _, file := range append(files, shared...) {
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checkReadXML(t, filepath.Base(file), body)
	}
	for _, doc := range xmlEdgeCases {
		checkReadXML(t, doc, []byte(doc))
	}
}

// xmlEdgeCases are the shapes a schedule.xml can take that the fixtures
// do not show.
var xmlEdgeCases = []string{
	``,
	`<?xml version="1.0"?>`,
	`<schedule/>`,
	`<other><day/></other>`,
	`<schedule><day index="x"/></schedule>`,
	`<schedule><day index=" 2 " date="2026-01-31"><room name="A"><event id="1"><title>T</title><start>09:00</start></event></room></day></schedule>`,
	`<schedule><day date="2026-01-31"><event id="1"><title>Direct</title><room>R</room></event></day></schedule>`,
	`<schedule><day date="2026-01-31"><extra><event id="9"><title>Not read</title></event></extra><room name="B"><event id="2"><title>Read</title></event></room></day></schedule>`,
	`<schedule><conference><acronym>a</acronym></conference><conference><title>t</title></conference><url>https://x.example/</url></schedule>`,
	`<schedule><day date="2026-01-31"><room name="A"><event><title>&lt;b&gt; &amp; <![CDATA[<i>]]></title></event></room></day></schedule>`,
	`<schedule><day date="2026-01-31"><room name="A"><event><title>unclosed</title></room></day></schedule>`,
	`<schedule><day date="2026-01-31">`,
	`<s:schedule xmlns:s="urn:x"><s:day date="2026-01-31"><s:room name="A"><s:event id="3"><s:title>NS</s:title></s:event></s:room></s:day></s:schedule>`,
	`<schedule><day date="2026-01-31"><room name="A"><event id="1"><title>a</title></event></room><room name="B"><event id="2"><title>b</title></event></room></day><day date="2026-02-01"/></schedule>`,
	`<schedule></schedule><schedule/>`,
	`<schedule></schedule><schedule><day date="2026-01-01"><event><title>x</title></event></day></schedule>`,
	`<schedule/>trailing</garbage>`,
	`text before <schedule><url>u</url></schedule>`,
	`<schedule><day date="2026-01-31"><event id="1"><title>D1</title></event><room name="A"><event id="2"><title>R</title></event></room><event id="3"><title>D2</title></event></day></schedule>`,
	`<schedule><day index="" date="2026-01-31"><room name="A"><event id="2"><title>T</title></event></room></day></schedule>`,
	`<schedule><day index=" " date="2026-01-31"/></schedule>`,
}

// TestReadXMLLatin1: an export in ISO-8859-1 (or Windows-1252), as its
// declaration says, is read, its letters beyond ASCII kept.
func TestReadXMLLatin1(t *testing.T) {
	for _, enc := range []string{"ISO-8859-1", "windows-1252", "latin1"} {
		body := []byte("<?xml version=\"1.0\" encoding=\"" + enc + "\"?>\n" +
			"<schedule><conference><acronym>caf</acronym><title>Caf\xe9 Conf</title></conference>" +
			"<day index=\"1\" date=\"2026-03-18\"><room name=\"Salle \xe0\"><event id=\"1\"><start>09:00</start>" +
			"<duration>00:30</duration><title>Cr\xe8me br\xfbl\xe9e</title><slug>creme</slug></event></room></day></schedule>")
		checkReadXML(t, enc, body)
		if !IsXML(body) {
			t.Fatalf("%s: not recognised as a schedule.xml", enc)
		}
		base, _ := url.Parse("https://caf.example.org/schedule.xml")
		p, err := ReadXML(body, base, ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if got := p.Days[0].Talks[0]; got.Title != "Crème brûlée" || got.Room != "Salle à" || p.Conference.Name != "Café Conf" {
			t.Errorf("%s: read %q in %q of %q", enc, got.Title, got.Room, p.Conference.Name)
		}
	}
}

// FuzzReadXMLEvents holds the event-by-event reader to xml.Unmarshal on
// any bytes.
func FuzzReadXMLEvents(f *testing.F) {
	for _, doc := range xmlEdgeCases {
		f.Add([]byte(doc))
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "schedules", "*.xml"))
	for _, file := range files {
		if body, err := os.ReadFile(file); err == nil && len(body) < 64<<10 {
			f.Add(body)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if bytes.Contains(body, []byte("<!")) && !bytes.Contains(body, []byte("<![CDATA[")) {
			return // a DOCTYPE's entities: both refuse alike, not worth the time
		}
		checkReadXML(t, strings.ToValidUTF8(string(body[:min(len(body), 40)]), "?"), body)
	})
}
