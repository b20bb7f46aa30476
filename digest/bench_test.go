package digest

import (
	"fmt"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// generated is a program of n talks over four days, every talk attended,
// with a lead, a three-paragraph abstract (one a list) and a commentary.
func generated(n int) *program.Program {
	wrap := 79
	p := &program.Program{
		Conference: program.Conference{ID: "bench25", Name: "Bench Conference 2025", URL: "https://www.usenix.org/conference/bench25/program"},
		Post:       &program.Post{Format: "hugo", Wrap: &wrap, FrontMatter: map[string]any{"type": "post", "categories": []any{}}},
	}
	for d := 0; d < 4; d++ {
		p.Days = append(p.Days, program.Day{Date: fmt.Sprintf("2025-06-%02d", 2+d), Notes: &program.DayNotes{Intro: "Another day.\n", Outro: "The end.\n"}})
	}
	for i := 0; i < n; i++ {
		day := &p.Days[i*4/n]
		day.Talks = append(day.Talks, program.Talk{
			ID:       fmt.Sprintf("talk-%d", i),
			Title:    fmt.Sprintf("Talk number %d about reliable systems", i),
			URL:      fmt.Sprintf("https://www.usenix.org/conference/bench25/presentation/talk-%d", i),
			Start:    fmt.Sprintf("%02d:%02d", 9+(i/3)%9, (i%3)*20),
			End:      fmt.Sprintf("%02d:%02d", 9+(i/3)%9, (i%3)*20+20),
			Session:  "Session",
			Room:     "Room 1",
			Speakers: []program.Speaker{{Name: "Ann Author", Affiliation: "Example University"}, {Name: "Bob Writer", Affiliation: "Sample Labs"}},
			Abstract: "This talk studies a problem of some *importance* and proposes a solution that works in practice. We evaluate it on three workloads and report what broke.\n\n* what we measured\n* what we changed and why it mattered to the people on call\n\nOur results show an improvement of 2x over the [previous approach](https://example.org/prior).",
			Notes:    &program.TalkNotes{Attended: true, Lead: "Next was {speakers}.\n", Commentary: "Solid work; I want to try the second idea.\n"},
		})
	}
	return p
}

func benchDigest(b *testing.B, n int) {
	p := generated(n)
	b.ReportAllocs()
	for b.Loop() {
		posts, _, err := Render(p, Options{})
		if err != nil || len(posts) != 4 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/talk")
}

// BenchmarkDigest renders every post of a 10,000-talk program.
func BenchmarkDigest(b *testing.B) { benchDigest(b, 10000) }

// BenchmarkDigest1k is the same at 1,000 talks, for the per-talk cost.
func BenchmarkDigest1k(b *testing.B) { benchDigest(b, 1000) }

// BenchmarkLoad decodes the same 10,000-talk program file: rendering should
// cost less than reading the file it renders.
func BenchmarkLoad(b *testing.B) {
	data, err := program.Marshal(generated(10000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := program.Unmarshal(data, "bench.yaml"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/talk")
}
