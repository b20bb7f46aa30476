package usenix

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// HasPresentationPage reports whether the talk links a presentation page
// to read details from (a paper page of another conference is not one).
func HasPresentationPage(t *program.Talk) bool {
	u, err := url.Parse(t.URL)
	return err == nil && t.URL != "" && presentationRe.MatchString(u.Path)
}

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
	// The page's own file fields say what the program page could only
	// imply: they replace its links, kind by kind.
	var m program.Media
	for _, f := range []struct {
		kind, query, attr string
	}{
		{"paper", ".field-name-field-final-paper-pdf a, .field-name-field-presentation-pdf a", "href"},
		{"slides", ".field-name-field-paper-slides-file a, .field-name-field-presentation-slides a", "href"},
		{"video", ".field-name-field-embed-video iframe, .embedded-video iframe", "src"},
		{"audio", ".field-name-field-presentation-audio a", "href"},
	} {
		if v, ok := doc.Find(f.query).First().Attr(f.attr); ok {
			href := htmlmd.Absolute(base, v)
			if f.kind == "video" {
				href = watchURL(href)
			}
			m.Add(f.kind, href)
		}
	}
	m.Fill(parts.mediaLinks(base))
	m.Fill(t.Media)
	t.Media = m
	return nil
}

// watchURL turns a video player's embed address into the page a reader
// would open: YouTube's /embed/ID into /watch?v=ID, Vimeo's player into
// vimeo.com/ID. Other addresses stay as they are.
func watchURL(embed string) string {
	u, err := url.Parse(embed)
	if err != nil {
		return embed
	}
	host := strings.TrimPrefix(u.Hostname(), "www.")
	switch {
	case (host == "youtube.com" || host == "youtube-nocookie.com") && strings.HasPrefix(u.Path, "/embed/"):
		if id := strings.Trim(strings.TrimPrefix(u.Path, "/embed/"), "/"); id != "" && !strings.Contains(id, "/") {
			return "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
		}
	case host == "player.vimeo.com" && strings.HasPrefix(u.Path, "/video/"):
		if id := strings.Trim(strings.TrimPrefix(u.Path, "/video/"), "/"); id != "" && !strings.Contains(id, "/") {
			return "https://vimeo.com/" + id
		}
	}
	return embed
}
