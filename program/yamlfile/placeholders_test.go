package yamlfile

import (
	"strings"
	"testing"
)

// Issue 22, trial finding 9: a placeholder digest does not fill is named
// with its line, and the one meant: an error in a title (it would name the
// post and its file), a warning in the user's own text.
func TestUnknownPlaceholders(t *testing.T) {
	day := head + "days:\n  - date: \"2026-01-01\"\n"
	cases := []struct{ name, in, want string }{
		{"post.title", head + "post:\n  title: \"{conference} day {dya}\"\ndays: []\n",
			`f.yaml:6:28: post.title: unknown placeholder {dya} (did you mean {day}?)`},
		{"post.title far", head + "post:\n  title: \"{conference} {rust}\"\ndays: []\n",
			`f.yaml:6:24: post.title: {rust} is no placeholder ({conference} {day} {date})`},
		{"day title", day + "    notes:\n      title: Day {confrence}\n",
			`f.yaml:8:18: notes.title: unknown placeholder {confrence} (did you mean {conference}?)`},
		{"lead", day + "    talks:\n      - id: a\n        title: A\n        notes:\n          lead: \"A talk by {speaker}.\"\n",
			`f.yaml:11:28: warning: {speaker} is printed as is (did you mean {speakers}?)`},
		{"lead block", day + "    talks:\n      - id: a\n        title: A\n        notes:\n          lead: |\n            My first talk,\n            by {speaker}.\n",
			`f.yaml:13:16: warning: {speaker} is printed as is (did you mean {speakers}?)`},
		{"lead title placeholder", day + "    talks:\n      - id: a\n        title: A\n        notes:\n          lead: At {conference}, {speakers}.\n",
			`f.yaml:11:20: warning: {conference} is not filled in a lead`},
		{"commentary speakers", day + "    talks:\n      - id: a\n        title: A\n        notes:\n          commentary: Thanks {speakers}\n",
			`f.yaml:11:30: warning: {speakers} is not filled in a commentary`},
		{"intro", day + "    notes:\n      intro: Day {dya} began.\n",
			`f.yaml:8:18: warning: {dya} is printed as is (did you mean {day}?)`},
		{"format", head + "post: {format: hugoo}\ndays: []\n",
			`f.yaml:5:16: format: want hugo, hugo-yaml, jekyll or markdown, found "hugoo" (did you mean "hugo"?)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, problems := Check([]byte(c.in), "f.yaml")
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
	// The user's own braces, and placeholders where they are filled, pass.
	ok := head + "post:\n  title: \"{conference}: {date} (day {day})\"\ndays:\n  - date: \"2026-01-01\"\n    notes:\n      intro: \"Use {x} and {config_map} in {}.\"\n    talks:\n      - id: a\n        title: A\n        notes:\n          lead: \"By {speakers}.\"\n          commentary: \"func f() {return}\"\n"
	if _, problems := Check([]byte(ok), "f.yaml"); len(problems) > 0 {
		t.Errorf("problems in a good file: %v", problems)
	}
}
