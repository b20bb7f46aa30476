package program_test

import (
	"fmt"

	"github.com/confdigest/confdigest/program"
)

// Two papers of one session share its slot and do not clash; a talk in
// a parallel room at the same time does, and one marked missed does not.
func ExampleDay_Clashes() {
	plan := &program.TalkNotes{Plan: true}
	d := program.Day{Date: "2026-03-18", Talks: []program.Talk{
		{ID: "a", Session: "S1", Room: "R1", Start: "10:00", End: "11:30", Notes: plan},
		{ID: "b", Session: "S1", Room: "R1", Start: "10:00", End: "11:30", Notes: plan},
		{ID: "c", Session: "S2", Room: "R2", Start: "11:00", End: "12:00", Notes: plan},
		{ID: "d", Session: "S3", Room: "R3", Start: "11:00", End: "12:00", Notes: &program.TalkNotes{Plan: true, Missed: true}},
	}}
	for i, first := range d.Clashes() {
		if first >= 0 {
			fmt.Printf("%s clashes with %s\n", d.Talks[i].ID, d.Talks[first].ID)
		}
	}
	// Output:
	// a clashes with c
	// b clashes with c
	// c clashes with a
}
