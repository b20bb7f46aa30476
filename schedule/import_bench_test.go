package schedule

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// generatedSchedule is a 10,000-event schedule over four days, written by
// confdigest's own exporters: XML or JSON.
func generatedSchedule(b *testing.B, format string) []byte {
	p := &program.Program{Conference: program.Conference{ID: "bench25", Name: "Bench", URL: "https://pretalx.example.org/bench25/", Timezone: "Europe/Berlin"}}
	for d := 0; d < 4; d++ {
		p.Days = append(p.Days, program.Day{Date: fmt.Sprintf("2025-06-%02d", 2+d)})
	}
	for i := 0; i < 10000; i++ {
		p.Days[i*4/10000].Talks = append(p.Days[i*4/10000].Talks, program.Talk{
			ID: fmt.Sprintf("talk-%d", i), Title: fmt.Sprintf("Talk %d about reliable systems", i),
			URL:   fmt.Sprintf("https://pretalx.example.org/bench25/talk/%d/", i),
			Start: fmt.Sprintf("%02d:00", 9+i%9), End: fmt.Sprintf("%02d:45", 9+i%9), Room: fmt.Sprintf("Room %d", i%4), Track: "Track",
			Speakers: []program.Speaker{{Name: "Ann Author"}, {Name: fmt.Sprintf("Speaker %d", i)}},
			Media:    program.Media{Slides: fmt.Sprintf("https://pretalx.example.org/media/bench25/%d.pdf", i)},
			Abstract: "A paragraph of abstract text, with *emphasis* and a [link](https://example.org), long enough to be typical.\n\n* one\n* two",
		})
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
