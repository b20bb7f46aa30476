package scraper

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/confdigest/confdigest/program"
)

// FillFromPresentation completes t from its presentation page: the talk's
// own time (more exact than a research program's slot), and the abstract,
// speakers and media where the program page had none. base resolves links.
func FillFromPresentation(doc *goquery.Document, base *url.URL, t *program.Talk) error {
	content := doc.Selection
	if c := doc.Find("section#content, #main-content").First(); c.Length() > 0 {
		content = c
	}
	skipTitle := func(n *html.Node) bool { return attr(n, "id") == "page-title" }
	for _, line := range textLines(content.Get(0), skipTitle) {
		if tr, ok := parseTimeLine(line); ok {
			t.Start, t.End = tr.Start, tr.End
			break
		}
	}
	if len(t.Speakers) == 0 {
		if people := content.Find(".field-name-field-paper-people-text, .field-name-field-presented-by").First(); people.Length() > 0 {
			items := people.Find(".field-item")
			if items.Length() == 0 {
				items = people
			}
			for _, it := range items.Nodes {
				sp, award := parsePeople(it)
				t.Speakers = append(t.Speakers, sp...)
				if t.Award == "" {
					t.Award = award
				}
			}
		}
	}
	if t.Abstract == "" {
		if abs := content.Find(".field-name-field-paper-description, .field-name-field-paper-description-long").First(); abs.Length() > 0 {
			md, err := markdown(abs.Get(0), base)
			if err != nil {
				return err
			}
			t.Abstract = md
		}
	}
	m := media(content, base)
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&m.Paper, absolute(base, attrOf(content, ".field-name-field-final-paper-pdf a, .field-name-field-presentation-pdf a", "href")))
	set(&m.Slides, absolute(base, attrOf(content, ".field-name-field-paper-slides-file a", "href")))
	set(&m.Video, absolute(base, attrOf(content, ".embedded-video iframe", "src")))
	set(&t.Media.Paper, m.Paper)
	set(&t.Media.Slides, m.Slides)
	set(&t.Media.Video, m.Video)
	set(&t.Media.Audio, m.Audio)
	return nil
}

func attrOf(sel *goquery.Selection, query, key string) string {
	v, ok := sel.Find(query).First().Attr(key)
	if !ok {
		return ""
	}
	return v
}
