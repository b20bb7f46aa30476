package yamlfile_test

import (
	"fmt"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

func ExampleMarshal() {
	p := &program.Program{
		Conference: program.Conference{ID: "examplecon26", Name: "ExampleCon 2026", URL: "https://www.usenix.org/conference/examplecon26/program"},
		Days: []program.Day{{Date: "2026-03-18", Talks: []program.Talk{{
			ID: "example", Title: "Shipping Configuration Safely", Start: "09:00", End: "09:45",
			Speakers: []program.Speaker{{Name: "Ada Example", Affiliation: "Example Corp"}},
			Abstract: "Configuration changes cause more outages than code changes.",
		}}}},
	}
	data, err := yamlfile.Marshal(p)
	if err != nil {
		panic(err)
	}
	fmt.Print(string(data))
	// Output:
	// conference:
	//   id: examplecon26
	//   name: ExampleCon 2026
	//   url: https://www.usenix.org/conference/examplecon26/program
	// days:
	//   - date: "2026-03-18"
	//     talks:
	//       - id: example
	//         title: Shipping Configuration Safely
	//         start: "09:00"
	//         end: "09:45"
	//         speakers:
	//           - {name: Ada Example, affiliation: Example Corp}
	//         abstract: |
	//           Configuration changes cause more outages than code changes.
}
