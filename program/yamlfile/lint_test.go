package yamlfile

import (
	"strings"
	"testing"
)

// mayHoldKey is a single pass over the text; it must find what a search
// for each "key:" finds.
func TestMayHoldKeyFindsEveryKey(t *testing.T) {
	texts := []string{"", ":", "no key here: just a colon", "notes:", "x notes: y", "a:b:c tags:", "plan", "plan :",
		"commentary:x", "Rating: 5", "leadership: yes", "see the lead:", ":::", "attended:::", "tags", "über: notes:"}
	for _, v := range texts {
		want := false
		for _, k := range notesKeys {
			want = want || strings.Contains(v, k+":")
		}
		if got := mayHoldKey(v); got != want {
			t.Errorf("mayHoldKey(%q) = %v, want %v", v, got, want)
		}
	}
}
