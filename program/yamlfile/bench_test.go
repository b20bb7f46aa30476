package yamlfile

import (
	"fmt"
	"testing"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// benchFile is a 10,000-talk program file with notes on every tenth talk,
// and the fresh scrape to merge into it: the same program with a tenth of
// the talks retitled and one in a hundred gone.
func benchFile(b *testing.B) ([]byte, *program.Program) {
	p := &program.Program{Conference: program.Conference{ID: "bench25", Name: "Bench", URL: "https://www.usenix.org/conference/bench25/program"}}
	for d := 0; d < 4; d++ {
		p.Days = append(p.Days, program.Day{Date: fmt.Sprintf("2025-06-%02d", 2+d)})
	}
	for i := 0; i < 10000; i++ {
		t := program.Talk{ID: fmt.Sprintf("talk-%d", i), Title: fmt.Sprintf("Talk %d", i),
			URL:   fmt.Sprintf("https://www.usenix.org/conference/bench25/presentation/talk-%d", i),
			Start: fmt.Sprintf("%02d:00", 9+i%9), End: fmt.Sprintf("%02d:45", 9+i%9), Room: "Room 1",
			Speakers: []program.Speaker{{Name: "Ann Author", Affiliation: "Example University"}},
			Abstract: "A paragraph of abstract text that is long enough to be typical of a talk.\n\n* one\n* two"}
		if i%10 == 0 {
			t.Notes = &program.TalkNotes{Attended: true, Commentary: "My opinion.\n\nIn two paragraphs.\n"}
		}
		p.Days[i*4/10000].Talks = append(p.Days[i*4/10000].Talks, t)
	}
	data, err := Marshal(p)
	if err != nil {
		b.Fatal(err)
	}
	fresh := &program.Program{Conference: p.Conference}
	for _, d := range p.Days {
		nd := program.Day{Date: d.Date}
		for i, t := range d.Talks {
			t.Notes = nil
			if i%100 == 50 {
				continue
			}
			if i%10 == 3 {
				t.Title += " (revised)"
			}
			nd.Talks = append(nd.Talks, t)
		}
		fresh.Days = append(fresh.Days, nd)
	}
	return data, fresh
}

// BenchmarkLoad reads the 10,000-talk file (parse, validate, decode).
func BenchmarkLoad(b *testing.B) {
	data, _ := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Unmarshal(data, "bench.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMerge merges the fresh scrape into it. Goal: at most 3× Load.
func BenchmarkMerge(b *testing.B) {
	data, fresh := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := MergeFile(data, "bench.yaml", fresh, MergeOptions{})
		if err != nil || !res.Changed {
			b.Fatal(err)
		}
	}
}

// BenchmarkYAMLParse is the floor under both: yaml.v3 parsing the file into
// nodes and nothing else.
func BenchmarkYAMLParse(b *testing.B) {
	data, _ := benchFile(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshal writes the fresh scrape as a new file: the largest part
// of `confdigest scrape` to a new file.
func BenchmarkMarshal(b *testing.B) {
	_, fresh := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(fresh); err != nil {
			b.Fatal(err)
		}
	}
}
