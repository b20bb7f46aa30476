package schedule

import (
	"testing"

	"github.com/confdigest/confdigest/program"
)

// One rule for every reader: an entry that is only a meal, a break or
// logistics is no talk; one with a speaker or text of its own is.
func TestNotATalk(t *testing.T) {
	ann := []program.Speaker{{Name: "Ann"}}
	for _, tt := range []struct {
		title    string
		speakers []program.Speaker
		texts    []string
		want     bool
	}{
		{"Breakfast", nil, []string{"", ""}, true},
		{"Dinner", nil, nil, true},
		{"Afternoon break", nil, []string{""}, true},
		{"XMPP Lunch Break", nil, []string{"<p>The team needs to eat, too!</p>"}, true},
		{"Main Conference: lunch", nil, []string{"Lunch (uncatered)"}, true},
		{"Main Conference: morning tea", nil, []string{"Morning Tea (catered)"}, true},
		{"Room changeover", nil, []string{"No description"}, true},
		{"Registration", nil, nil, true},
		{"Coffee break", nil, []string{"Sponsored by <a href=\"https://example.org\">Example</a>"}, false},
		{"Lunch", ann, nil, false},
		{"Lunch", nil, []string{"A panel over lunch on what we learned running the network for ten years. Bring questions."}, false},
		{"Penguin Dinner", nil, nil, false},
		{"Breaking Changes in Go Modules", nil, nil, false},
		{"Lunch and Learn: Fuzzing", nil, nil, false},
	} {
		if got := notATalk(tt.title, tt.speakers, tt.texts...); got != tt.want {
			t.Errorf("notATalk(%q, %d speakers, %q) = %v, want %v", tt.title, len(tt.speakers), tt.texts, got, tt.want)
		}
	}
}
