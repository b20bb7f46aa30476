package program

import (
	"fmt"
	"testing"
)

func TestDayClashes(t *testing.T) {
	yes := &TalkNotes{Plan: true}
	missed := &TalkNotes{Plan: true, Missed: true}
	paper := func(id, session, room, start, end string, n *TalkNotes) Talk {
		return Talk{ID: id, Title: id, Session: session, Track: "Track 1", Room: room, Start: start, End: end, Notes: n}
	}
	for _, tc := range []struct {
		name  string
		talks []Talk
		want  string
	}{
		{"papers of one session", []Talk{
			paper("a", "S1", "R1", "10:00", "11:30", yes), paper("b", "S1", "R1", "10:00", "11:30", yes), paper("c", "S1", "R1", "10:00", "11:30", yes),
		}, "[-1 -1 -1]"},
		{"a parallel session", []Talk{
			paper("a", "S1", "R1", "10:00", "11:30", yes), paper("b", "S1", "R1", "10:00", "11:30", yes), paper("p", "S2", "R2", "10:00", "11:30", yes),
		}, "[2 2 0]"},
		{"same session name, other room", []Talk{
			paper("a", "S1", "R1", "10:00", "11:30", yes), paper("b", "S1", "R2", "10:00", "11:30", yes),
		}, "[1 0]"},
		{"exact times within the session's slot", []Talk{
			paper("a", "S1", "R1", "10:00", "11:30", yes), paper("b", "S1", "R1", "10:20", "10:40", yes), paper("c", "S1", "R1", "10:40", "11:00", yes),
		}, "[-1 -1 -1]"},
		{"exact times of a parallel session", []Talk{
			paper("a", "S1", "R1", "10:00", "10:20", yes), paper("b", "S2", "R2", "10:10", "10:30", yes), paper("c", "S2", "R2", "10:30", "10:50", yes),
		}, "[1 0 -1]"},
		{"a missed talk clashes with nothing", []Talk{
			paper("a", "S1", "R1", "10:00", "11:30", yes), paper("p", "S2", "R2", "10:00", "11:30", missed),
		}, "[-1 -1]"},
		{"no session: one slot is a clash", []Talk{
			paper("a", "", "R1", "10:00", "11:30", yes), paper("b", "", "R1", "10:00", "11:30", yes),
		}, "[1 0]"},
		{"past midnight", []Talk{
			paper("a", "", "R1", "23:30", "00:30", yes), paper("b", "", "R2", "00:15", "01:00", yes), paper("c", "", "R3", "09:00", "10:00", nil),
		}, "[1 0 -1]"},
		{"not counted on", []Talk{
			paper("a", "", "R1", "10:00", "11:30", nil), paper("b", "", "R2", "10:00", "11:30", &TalkNotes{Rating: 3}),
		}, "[-1 -1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Day{Date: "2026-03-18", Talks: tc.talks}
			if got := fmt.Sprint(d.Clashes()); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
