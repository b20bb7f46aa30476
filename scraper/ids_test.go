package scraper

import (
	"context"
	"strings"
	"testing"
)

// TestConferenceIDOfNamesInAnyScript: a program page whose address names
// no conference and whose name has no ASCII letters gets an id from the
// name's Latin spelling or a hash of it, a safe file name either way, and
// two such conferences do not share one (issue 23: both were
// "conference").
func TestConferenceIDOfNamesInAnyScript(t *testing.T) {
	seen := map[string]string{}
	for _, tc := range []struct{ name, want string }{
		{"Συνέδριο Ελεύθερου Λογισμικού", "synedrio-eleytheroy-logismikoy"},
		{"Конференция разработчиков", "konferentsiya-razrabotchikov"},
		{"中国开源年会", "conference-"},
		{"日本開発者会議", "conference-"},
	} {
		page := `<html><head><title>` + tc.name + `</title></head><body><h1>` + tc.name + `</h1>
<h2>Monday, March 25, 2019</h2><div>9:00 am–10:00 am</div>
<article class="node-paper"><h2><a href="/conference/x19/presentation/a">A Talk</a></h2></article></body></html>`
		srv := serve(t, &site{pages: map[string]string{"/p": "body:" + page}})
		p, err := scrapeProgram(context.Background(), srv.URL+"/p", quick())
		if err != nil {
			t.Fatal(err)
		}
		id := p.Conference.ID
		if strings.HasSuffix(tc.want, "-") && !strings.HasPrefix(id, tc.want) || !strings.HasSuffix(tc.want, "-") && id != tc.want {
			t.Errorf("%s: id %q, want %q", tc.name, id, tc.want)
		}
		if !safeIDRe.MatchString(id) {
			t.Errorf("%s: id %q is no safe file name", tc.name, id)
		}
		if prev, dup := seen[id]; dup {
			t.Errorf("%s and %s share the id %q", prev, tc.name, id)
		}
		seen[id] = tc.name
	}
}
