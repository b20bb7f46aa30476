package program

import (
	"fmt"
	"strings"
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

// check warns by the same rule: papers of one session are no clash, a
// parallel one is, a missed talk is not.
func TestCheckOverlapsOneRule(t *testing.T) {
	file := `conference: {id: x}
days:
  - date: "2025-08-13"
    talks:
      - {id: a, title: A, start: "10:00", end: "11:30", session: S1, room: R1, notes: {plan: true}}
      - {id: b, title: B, start: "10:00", end: "11:30", session: S1, room: R1, notes: {plan: true}}
      - {id: p, title: P, start: "10:00", end: "11:30", session: S2, room: R2, notes: {plan: true, attended: false}}
      - {id: q, title: Q, start: "11:00", end: "12:00", session: S3, room: R3, notes: {attended: true}}
`
	_, problems := Check([]byte(file), "p.yaml")
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := `p.yaml:8:9: warning: "Q" clashes with "A" (10:00–11:30)`
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// Every command prints the clash warning: it stays one short line, the
// titles cut to 30 characters.
func TestClashWarningShort(t *testing.T) {
	long := strings.Repeat("Very Long Title Words ", 10)
	file := "conference: {id: x}\ndays:\n  - date: \"2025-08-13\"\n    talks:\n" +
		"      - {id: a, title: " + long + "A, start: \"10:00\", end: \"11:30\", notes: {plan: true}}\n" +
		"      - {id: b, title: " + long + "B, start: \"11:00\", end: \"12:00\", notes: {plan: true}}\n"
	_, problems := Check([]byte(file), "p.yaml")
	if len(problems) != 1 {
		t.Fatalf("problems = %v", problems)
	}
	got := problems[0].String()
	want := `p.yaml:6:9: warning: "Very Long Title Words Very Lo…" clashes with "Very Long Title Words Very Lo…" (10:00–11:30)`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
