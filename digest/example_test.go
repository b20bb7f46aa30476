package digest_test

import (
	"fmt"

	"github.com/confdigest/confdigest/digest"
	"github.com/confdigest/confdigest/program"
)

func ExampleRender() {
	p := &program.Program{
		Conference: program.Conference{ID: "examplecon26", Name: "ExampleCon 2026"},
		Post:       &program.Post{Format: "markdown"},
		Days: []program.Day{{Date: "2026-03-18", Talks: []program.Talk{{
			ID:       "example",
			Title:    "Shipping Configuration Safely",
			URL:      "https://www.usenix.org/conference/examplecon26/presentation/example",
			Speakers: []program.Speaker{{Name: "Ada Example", Affiliation: "Example Corp"}, {Name: "Bo Sample", Affiliation: "Example Corp"}},
			Abstract: "Configuration changes cause more outages than code changes.",
			Notes:    &program.TalkNotes{Attended: true, Commentary: "I liked the staging ladder."},
		}}}},
	}
	posts, _, err := digest.Render(p, digest.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(posts[0].Path)
	fmt.Print(string(posts[0].Content))
	// Output:
	// examplecon-2026-day-1.md
	// # ExampleCon 2026 -- Day 1
	//
	// 2026-03-18
	//
	// ## Shipping Configuration Safely
	//
	// By [Ada Example and Bo Sample](https://www.usenix.org/conference/examplecon26/presentation/example) of Example Corp.
	//
	// > Configuration changes cause more outages than code changes.
	//
	// I liked the staging ladder.
}
