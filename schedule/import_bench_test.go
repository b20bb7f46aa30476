package schedule

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// generatedSchedule is a 10,000-event schedule over four days, written by
// confdigest's own exporters: XML or JSON.
func generatedSchedule(b *testing.B, format string) []byte {
	p := generatedProgram(
		program.Conference{ID: "bench25", Name: "Bench", URL: "https://pretalx.example.org/bench25/", Timezone: "Europe/Berlin"},
		"https://pretalx.example.org/bench25/talk/%d/",
		"https://pretalx.example.org/media/bench25/%d.pdf")
	for _, d := range p.Days {
		for i := range d.Talks {
			d.Talks[i].Track = "Track"
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "xml" {
		_, err = WriteXML(&buf, p, "test")
	} else {
		_, err = WriteJSON(&buf, p, "test")
	}
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

var benchURL, _ = url.Parse("https://pretalx.example.org/bench25/schedule/export/schedule")

// BenchmarkImportFrabXML reads the XML schedule into a Program. Goal: ≤ 3×
// BenchmarkXMLTokens.
func BenchmarkImportFrabXML(b *testing.B) {
	data := generatedSchedule(b, "xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := ReadXML(data, benchURL, ReadOptions{}); err != nil || p.TalkCount() != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkXMLTokens walks the same bytes' XML tokens and nothing else.
func BenchmarkXMLTokens(b *testing.B) {
	data := generatedSchedule(b, "xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkImportJSON reads the JSON schedule into a Program. Goal: ≤ 3×
// BenchmarkJSONDecode.
func BenchmarkImportJSON(b *testing.B) {
	data := generatedSchedule(b, "json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := ReadJSON(data, benchURL, ReadOptions{}); err != nil || p.TalkCount() != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONDecode decodes the same bytes into any and nothing else.
func BenchmarkJSONDecode(b *testing.B) {
	data := generatedSchedule(b, "json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}
