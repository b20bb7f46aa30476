package schedule

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// decodeXML reads what xml.Unmarshal reads: every schedule.xml here and in
// ../shared/examples, and broken ones, give the same schedule or an error.
func TestDecodeXML(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "schedules", "*.xml"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "examples", "schedules", "*.xml"))
	inputs := map[string][]byte{
		"not a schedule":   []byte(`<?xml version="1.0"?><program><day/></program>`),
		"bad day index":    []byte(`<schedule><day index="one" date="2026-01-31"/></schedule>`),
		"cut short":        []byte(`<schedule><conference><title>x</title></conference><day index="1"><room name="A"><event id="1">`),
		"empty":            nil,
		"nested and extra": []byte(`<!-- c --><schedule><x><event id="9"/></x><day index=" 2 " date="d"><event id="1"><title>T</title></event><room name="A" name="B"><event id="2"/><note/></room></day><version>v</version></schedule><trailing/>`),
		"namespaced":       []byte(`<s:schedule xmlns:s="urn:x"><s:day index="1"><s:room name="R"><s:event id="3"><s:title>T</s:title></s:event></s:room></s:day></s:schedule>`),
	}
	for _, f := range append(files, shared...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = data
	}
	if len(shared) == 0 {
		t.Log("no ../shared/examples here: our fixtures only")
	}
	for name, data := range inputs {
		var want xmlSchedule
		wantErr := xml.Unmarshal(data, &want)
		events := 0
		got, err := decodeXML(data, func(*xmlEvent) { events++ })
		switch {
		case (err != nil) != (wantErr != nil):
			t.Errorf("%s: error %v, xml.Unmarshal's %v", name, err, wantErr)
		case err != nil:
		case !reflect.DeepEqual(*got, want):
			t.Errorf("%s: decoded differently from xml.Unmarshal", name)
		case events != countEvents(&want):
			t.Errorf("%s: %d events handed over, %d in the file", name, events, countEvents(&want))
		}
		if strings.HasPrefix(name, "pentabarf-fosdem2026") && (err != nil || countEvents(got) < 800) {
			t.Errorf("%s: %v, %d events", name, err, countEvents(got))
		}
	}
}

func countEvents(s *xmlSchedule) int {
	n := 0
	for _, d := range s.Days {
		n += len(d.Events)
		for _, r := range d.Rooms {
			n += len(r.Events)
		}
	}
	return n
}
