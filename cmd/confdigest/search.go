package main

import (
	"regexp"
	"strings"

	"github.com/confdigest/confdigest/program"
)

// searchTalks are the ids of the talks that mention text as a whole word,
// in any case ("rust" finds "Rust", not "trust" or "frustrate"); when
// none does, of those that contain it anywhere.
func searchTalks(all []*program.Talk, text string) []string {
	word := regexp.MustCompile(`(?i)(?:^|[^\pL\pN_])` + regexp.QuoteMeta(strings.TrimSpace(text)) + `(?:$|[^\pL\pN_])`)
	var whole, within []string
	for _, t := range all {
		if !talkMatches(t, text) {
			continue
		}
		within = append(within, t.ID)
		hay := []string{t.Title, t.Abstract, t.DisplayTitle()}
		for _, s := range t.Speakers {
			hay = append(hay, s.Name, s.Affiliation)
		}
		for _, h := range hay {
			if word.MatchString(h) {
				whole = append(whole, t.ID)
				break
			}
		}
	}
	if len(whole) > 0 {
		return whole
	}
	return within
}
