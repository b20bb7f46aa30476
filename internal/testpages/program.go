package testpages

import (
	"fmt"

	"github.com/confdigest/confdigest/program"
)

// Program is a program of n talks over four days, every talk written
// about (a lead and a commentary, so every one is in a post), with a
// three-paragraph abstract (one a list). It is a valid program file.
func Program(n int) *program.Program {
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
			End:      fmt.Sprintf("%02d:%02d", 9+(i/3)%9+(i%3+1)/3, ((i%3)*20+20)%60),
			Session:  "Session",
			Room:     "Room 1",
			Speakers: []program.Speaker{{Name: "Ann Author", Affiliation: "Example University"}, {Name: "Bob Writer", Affiliation: "Sample Labs"}},
			Abstract: "This talk studies a problem of some *importance* and proposes a solution that works in practice. We evaluate it on three workloads and report what broke.\n\n* what we measured\n* what we changed and why it mattered to the people on call\n\nOur results show an improvement of 2x over the [previous approach](https://example.org/prior).",
			Notes:    &program.TalkNotes{Lead: "Next was {speakers}.\n", Commentary: "Solid work; I want to try the second idea.\n"},
		})
	}
	return p
}
