package usenix

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// FillFromPresentation completes t from its presentation page: the talk's
// own time (more exact than a research program's slot), and the abstract,
// speakers and media where the program page had none. base resolves links.
func FillFromPresentation(doc *goquery.Document, base *url.URL, t *program.Talk) error {
	root := doc.Get(0)
	if c := doc.Find("section#content, #main-content").First(); c.Length() > 0 {
		root = c.Get(0)
	}
	parts := talkPartsOf(root)
	if tr, _, ok := parts.time(); ok {
		t.Start, t.End = tr.Start, tr.End
	}
	if len(t.Speakers) == 0 && parts.people != nil {
		var award string
		t.Speakers, award = peopleOf(parts.people)
		if t.Award == "" {
			t.Award = award
		}
	}
	if t.Award == "" {
		t.Award = parts.awardText()
	}
	if abs := parts.abstractPage(); t.Abstract == "" && abs != nil {
		md, err := htmlmd.Convert(abs, base)
		if err != nil {
			return err
		}
		t.Abstract = md
	}
	m := parts.mediaLinks(base)
	for _, f := range []struct {
		kind, query, attr string
	}{
		{"paper", ".field-name-field-final-paper-pdf a, .field-name-field-presentation-pdf a", "href"},
		{"slides", ".field-name-field-paper-slides-file a", "href"},
		{"video", ".embedded-video iframe", "src"},
	} {
		if v, ok := doc.Find(f.query).First().Attr(f.attr); ok {
			m.Add(f.kind, htmlmd.Absolute(base, v))
		}
	}
	t.Media.Fill(m)
	return nil
}
