package schedule

import (
	"net/url"
	"strings"
	"testing"
)

// TestConferenceIDsInAnyScript: a schedule whose acronym and title have no
// ASCII letters gets an id spelt from them (Greek, Cyrillic) or a hash of
// them (Chinese, Japanese), never one id every such conference shares
// (issue 23: all were "conference", the second landing on the first's
// file).
func TestConferenceIDsInAnyScript(t *testing.T) {
	base, _ := url.Parse("https://example.org/schedule.xml")
	doc := func(acronym, title string) []byte {
		return []byte(`<?xml version="1.0"?><schedule><conference><acronym>` + acronym + `</acronym><title>` + title + `</title></conference>` +
			`<day index="1" date="2026-05-04"><room name="A"><event id="1"><date>2026-05-04T10:00:00+02:00</date><start>10:00</start><duration>00:30</duration>` +
			`<room>A</room><title>Talk</title><type>talk</type><persons/></event></room></day></schedule>`)
	}
	seen := map[string]string{}
	for _, tc := range []struct{ acronym, title, want string }{
		{"36c3", "36th Chaos Communication Congress", "36c3"},
		{"FOSDEM_2012", "FOSDEM 2012", "fosdem_2012"}, // as before
		{"ΣΕΛ", "Συνέδριο Ελεύθερου Λογισμικού", "sel"},
		{"", "Конференция разработчиков", "konferentsiya-razrabotchikov"},
		{"中国开源年会", "中国开源年会 2026", "2026-"},
		{"日本開発者会議", "日本開発者会議 2026", "2026-"},
		{"中国开源年会", "中国开源年会", "schedule-"},
		{"日本開発者会議", "日本開発者会議", "schedule-"},
	} {
		p, err := ReadXML(doc(tc.acronym, tc.title), base, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		id := p.Conference.ID
		if strings.HasSuffix(tc.want, "-") && (!strings.HasPrefix(id, tc.want) || len(id) != len(tc.want)+8) || !strings.HasSuffix(tc.want, "-") && id != tc.want {
			t.Errorf("%q/%q: id %q, want %q", tc.acronym, tc.title, id, tc.want)
		}
		if prev, dup := seen[id]; dup {
			t.Errorf("%q and %q share the id %q", prev, tc.title, id)
		}
		seen[id] = tc.title
		again, _ := ReadXML(doc(tc.acronym, tc.title), base, ReadOptions{})
		if again.Conference.ID != id {
			t.Errorf("%q: id %q, then %q", tc.title, id, again.Conference.ID)
		}
	}
}
