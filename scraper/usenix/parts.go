package usenix

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// talkParts are the pieces of one talk (a .node-paper on a program page, or
// a whole presentation page), found in a single walk: on a program of a
// thousand talks, a walk per field cost more than parsing the page.
type talkParts struct {
	link, fallbackLink *html.Node // the presentation link; a heading's /conference/<id>/<talk> link
	heading            *html.Node
	people             *html.Node
	abstractLong       *html.Node // the program page's field
	abstractShort      *html.Node // the presentation page's field
	award              *html.Node
	mediaItems         []*html.Node // .usenix-schedule-media, div.pdf, div.slides, …
	groupLinks         []*html.Node // any link under "Available Media" or "Open Access Media"
	lines              []string     // text outside people, abstract and bios, by line
	isoTimes           [][]string   // machine-readable times in content/datetime attributes
}

func talkPartsOf(n *html.Node) *talkParts {
	p := &talkParts{}
	var line strings.Builder
	flush := func() {
		if s := htmlmd.Clean(line.String()); s != "" {
			p.lines = append(p.lines, s)
		}
		line.Reset()
	}
	var walk func(n *html.Node, inGroup, hidden bool)
	walk = func(n *html.Node, inGroup, hidden bool) {
		if n.Type == html.TextNode {
			if !hidden {
				line.WriteString(n.Data)
			}
			return
		}
		if n.Type == html.ElementNode {
			if skipTags[n.Data] {
				return
			}
			for _, c := range strings.Fields(htmlmd.Attr(n, "class")) {
				switch c {
				case "field-name-field-paper-people-text", "field-name-field-presented-by", "field-name-field-paper-people":
					if p.people == nil {
						p.people = n
					}
					hidden = true
				case "field-name-field-paper-description-long":
					if p.abstractLong == nil {
						p.abstractLong = n
					}
					hidden = true
				case "field-name-field-paper-description":
					if p.abstractShort == nil {
						p.abstractShort = n
					}
					hidden = true
				case "group-schedule-accordion":
					hidden = true
				case "field-name-taxonomy-vocabulary-8":
					p.award = n
				case "group-available-media", "group-open-access-content":
					inGroup = true
				case "usenix-schedule-media":
					p.mediaItems = append(p.mediaItems, n)
				case "pdf", "slides", "video", "audio":
					if n.Data == "div" {
						p.mediaItems = append(p.mediaItems, n)
					}
				}
			}
			if htmlmd.Attr(n, "id") == "node-paper-full-group-open-access-content" {
				inGroup = true
			}
			for _, k := range []string{"content", "datetime"} {
				if v := htmlmd.Attr(n, k); v != "" {
					if m := isoTimeRe.FindStringSubmatch(v); m != nil {
						p.isoTimes = append(p.isoTimes, m)
					}
				}
			}
			switch n.Data {
			case "a":
				p.addLink(n, inGroup)
			case "h1", "h2", "h3", "h4":
				if p.heading == nil {
					p.heading = n
				}
			}
		}
		block := n.Type == html.ElementNode && !htmlmd.Inline(n.Data)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inGroup, hidden)
		}
		if block {
			flush()
		}
	}
	walk(n, false, false)
	flush()
	if p.link == nil {
		p.link = p.fallbackLink
	}
	return p
}

func (p *talkParts) addLink(a *html.Node, inGroup bool) {
	href := htmlmd.Attr(a, "href")
	if href == "" {
		return
	}
	if inGroup {
		p.groupLinks = append(p.groupLinks, a)
	}
	if p.link != nil {
		return
	}
	if !strings.Contains(href, "/conference/") {
		return
	}
	u, err := url.Parse(htmlmd.Absolute(nil, href))
	if err != nil {
		return
	}
	if presentationRe.MatchString(u.Path) {
		p.link = a
	} else if p.fallbackLink == nil && inHeading(a) && confLinkRe.MatchString(u.Path) && strings.Count(strings.Trim(u.Path, "/"), "/") == 2 {
		p.fallbackLink = a
	}
}

// time is the talk's own time, where the page gives one: machine-readable
// in date attributes ("2019-03-25T09:00:00-07:00", with its date), else a
// line such as "Monday, 9:00 am–9:30 am".
func (p *talkParts) time() (timeRange, string, bool) {
	if len(p.isoTimes) >= 2 && p.isoTimes[0][1] == p.isoTimes[1][1] && program.ValidRange(p.isoTimes[0][2], p.isoTimes[1][2]) {
		return timeRange{Start: p.isoTimes[0][2], End: p.isoTimes[1][2]}, p.isoTimes[0][1], true
	}
	for _, s := range p.lines {
		if tr, ok := parseTimeLine(s); ok {
			return tr, "", true
		}
	}
	return timeRange{}, "", false
}

// abstract prefers the program page's field; abstractPage the presentation
// page's.
func (p *talkParts) abstract() *html.Node {
	if p.abstractLong != nil {
		return p.abstractLong
	}
	return p.abstractShort
}

func (p *talkParts) abstractPage() *html.Node {
	if p.abstractShort != nil {
		return p.abstractShort
	}
	return p.abstractLong
}

func (p *talkParts) awardText() string {
	if p.award == nil {
		return ""
	}
	s := htmlmd.Clean(nodeText(p.award))
	if i := strings.Index(s, ":"); i >= 0 && i < 10 {
		s = strings.TrimSpace(s[i+1:])
	}
	return s
}

// mediaLinks collects links by kind: from the classed media elements, then
// any other link of the media group by what it points at. On program pages
// since 2021 the media icons only say which media exist: they link the
// talk's own presentation page, which is no file and is left out.
func (p *talkParts) mediaLinks(base *url.URL) program.Media {
	var m program.Media
	add := func(kind, href string) {
		if u, err := url.Parse(href); err == nil && !presentationRe.MatchString(u.Path) {
			m.Add(kind, htmlmd.Absolute(base, href))
		}
	}
	for _, n := range p.mediaItems {
		kind := ""
		for _, k := range mediaKinds {
			if htmlmd.HasClass(n, k) {
				kind = k
				break
			}
		}
		href := firstURL(n)
		if kind == "" {
			kind = program.MediaKind(href)
		}
		add(kind, href)
	}
	for _, a := range p.groupLinks {
		href := htmlmd.Attr(a, "href")
		add(program.MediaKind(href), href)
	}
	return m
}

// firstURL is the element's own href or src, else its first descendant's.
func firstURL(n *html.Node) string {
	for _, k := range []string{"href", "src"} {
		if v := htmlmd.Attr(n, k); v != "" {
			return v
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if v := firstURL(c); v != "" {
			return v
		}
	}
	return ""
}

// peopleOf reads a people field: one line per .field-item, or the field.
func peopleOf(field *html.Node) (speakers []program.Speaker, award string) {
	var items []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if htmlmd.HasClass(n, "field-item") {
			items = append(items, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(field)
	if len(items) == 0 {
		items = []*html.Node{field}
	}
	for _, it := range items {
		sp, aw := parsePeople(it)
		speakers = append(speakers, sp...)
		if award == "" {
			award = aw
		}
	}
	return speakers, award
}

// nodeText is the text under n, as goquery's Text.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
