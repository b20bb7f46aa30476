package yamlfile

import (
	"strings"
	"testing"
)

// Issue 22, trial finding 10: notes a take-back leaves empty go, in every
// layout mark edits (a flow mapping over two lines is written anew), and
// notes holding a comment stay.
func TestEditNotesTakeBackRemovesEmptyNotes(t *testing.T) {
	no := false
	talk := "conference:\n  id: x\ndays:\n  - date: \"2026-03-18\"\n    talks:\n      - id: a\n        title: A\n"
	cases := []struct{ name, notes, want string }{
		{"block", "        notes:\n          plan: true\n", ""},
		{"flow", "        notes: {plan: true}\n", ""},
		{"flow over two lines", "        notes: {plan: true,\n          rating: 3}\n", "        notes: {rating: 3}\n"},
		{"flow over two lines emptied", "        notes: {\n          plan: true}\n", ""},
		{"comment kept", "        notes:\n          # mine\n          plan: true\n", "        notes:\n          # mine\n"},
		{"comment on the key", "        notes: # mine\n          plan: true\n", "        notes: # mine\n"},
		{"other keys kept", "        notes:\n          plan: true\n          rating: 2\n", "        notes:\n          rating: 2\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := EditNotes([]byte(talk+c.notes), "p.yaml", map[string]NoteEdit{"a": {Plan: &no}})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimPrefix(string(out), talk); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
