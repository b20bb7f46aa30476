package schedule

import (
	"fmt"
	"io"
	"testing"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// generatedProgram is a 10,000-talk program over four days, each talk with
// two speakers, a slides link and a two-block abstract; talkURL and slidesURL
// are formats taking the talk's number.
func generatedProgram(conf program.Conference, talkURL, slidesURL string) *program.Program {
	p := &program.Program{Conference: conf}
	for d := 0; d < 4; d++ {
		p.Days = append(p.Days, program.Day{Date: fmt.Sprintf("2025-06-%02d", 2+d)})
	}
	for i := 0; i < 10000; i++ {
		p.Days[i*4/10000].Talks = append(p.Days[i*4/10000].Talks, program.Talk{
			ID: fmt.Sprintf("talk-%d", i), Title: fmt.Sprintf("Talk %d about reliable systems", i),
			URL:   fmt.Sprintf(talkURL, i),
			Start: fmt.Sprintf("%02d:00", 9+i%9), End: fmt.Sprintf("%02d:45", 9+i%9), Room: fmt.Sprintf("Room %d", i%4),
			Speakers: []program.Speaker{{Name: "Ann Author"}, {Name: fmt.Sprintf("Speaker %d", i)}},
			Media:    program.Media{Slides: fmt.Sprintf(slidesURL, i)},
			Abstract: "A paragraph of abstract text, with *emphasis* and a [link](https://example.org), long enough to be typical.\n\n* one\n* two",
		})
	}
	return p
}

// benchProgram is the generated program on usenix.org, every talk planned,
// and its program file.
func benchProgram(b *testing.B) (*program.Program, []byte) {
	p := generatedProgram(
		program.Conference{ID: "bench25", Name: "Bench", URL: "https://www.usenix.org/conference/bench25/program", Timezone: "America/Los_Angeles"},
		"https://www.usenix.org/conference/bench25/presentation/talk-%d",
		"https://www.usenix.org/system/files/bench25_slides-%d.pdf")
	for _, d := range p.Days {
		for i := range d.Talks {
			d.Talks[i].Speakers[0].Affiliation = "Example University"
			d.Talks[i].Notes = &program.TalkNotes{Plan: true}
		}
	}
	data, err := yamlfile.Marshal(p)
	if err != nil {
		b.Fatal(err)
	}
	return p, data
}

// BenchmarkLoad reads the program file the exports below start from.
func BenchmarkLoad(b *testing.B) {
	_, data := benchProgram(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := yamlfile.Unmarshal(data, "bench.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkICal writes the agenda of all 10,000 talks. Goal: ≤ 2× Load.
func BenchmarkICal(b *testing.B) {
	p, _ := benchProgram(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ICal(io.Discard, p, ICalOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportFrab writes the schedule XML. Goal: ≤ 2× Load.
func BenchmarkExportFrab(b *testing.B) {
	p, _ := benchProgram(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteXML(io.Discard, p, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
