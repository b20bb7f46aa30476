package program

import (
	"strings"
	"unicode/utf8"
)

// ValidUTF8 replaces bytes that are not UTF-8 in every scraped field with
// U+FFFD: a page may hold them, and a YAML file cannot. Notes are the
// user's and not touched.
func (p *Program) ValidUTF8() {
	fix := func(s *string) {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
	}
	c := &p.Conference
	for _, s := range []*string{&c.ID, &c.Name, &c.URL, &c.Timezone} {
		fix(s)
	}
	for di := range p.Days {
		d := &p.Days[di]
		fix(&d.Date)
		for ti := range d.Talks {
			t := &d.Talks[ti]
			for _, s := range []*string{&t.ID, &t.Title, &t.URL, &t.Start, &t.End, &t.Session, &t.Track, &t.Room, &t.Award, &t.Abstract,
				&t.Media.Paper, &t.Media.Slides, &t.Media.Video, &t.Media.Audio} {
				fix(s)
			}
			for si := range t.Speakers {
				fix(&t.Speakers[si].Name)
				fix(&t.Speakers[si].Affiliation)
			}
		}
	}
}
