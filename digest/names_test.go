package digest

import (
	"testing"

	"github.com/confdigest/confdigest/program"
)

// TestPostNamesInAnyScript: posts of conferences named in Greek or
// Cyrillic get file names spelt from the name, not the bare "day-1" two
// such conferences would share in one directory (issue 23 item 5).
func TestPostNamesInAnyScript(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Συνέδριο Λογισμικού", "synedrio-logismikoy-day-1.md"},
		{"Конференция", "konferentsiya-day-1.md"},
		{"SREcon17 Europe", "srecon17-europe-day-1.md"},
	} {
		p := &program.Program{
			Conference: program.Conference{ID: "x", Name: tc.name},
			Days: []program.Day{{Date: "2026-05-04", Talks: []program.Talk{{ID: "a", Title: "A", Start: "10:00",
				Notes: &program.TalkNotes{Attended: true}}}}},
		}
		posts, _, err := Render(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 1 || posts[0].Path != tc.want {
			t.Errorf("%s: posts %v, want %s", tc.name, posts, tc.want)
		}
	}
}
