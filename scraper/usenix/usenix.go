package usenix

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/internal/par"
	"github.com/confdigest/confdigest/program"
)

// ErrNoDates is returned when a page has talks but says on no day when.
var ErrNoDates = errors.New("found talks but no day headers or dates to place them on")

var (
	// Any link to a presentation, whatever the era's path:
	// /conference/<id>/[program/|technical-sessions/|…]presentation/<talk>.
	presentationRe = regexp.MustCompile(`^/conference/[^/]+/(?:[a-z-]+/)?presentation/([^/]+)/?$`)
	// A talk heading may also link /conference/<id>/<talk> (seen once).
	confLinkRe = regexp.MustCompile(`^/conference/([^/]+)(?:/|$)`)
	// The id in a page's own path, also behind a mirror's prefix
	// ("/web/2019…/https://www.usenix.org/conference/<id>/program").
	confPathRe = regexp.MustCompile(`/conference/([^/]+)(?:/|$)`)
	idYearRe   = regexp.MustCompile(`(\d{2})[a-z]*$`)
	nameYearRe = regexp.MustCompile(`(?:\b(?:19|20)|'|’|[a-zA-Z])(\d{2})\b`)
	titleTail  = regexp.MustCompile(`(?i)\s*[-–—:|]?\s*(?:conference program|technical sessions|workshop program|program|schedule|at a glance)\s*$`)
	trackRe    = regexp.MustCompile(`(?i)^(track\s+[\w.-]{1,12})(?:\s*[:–—-]\s*(.+))?$|^([\w&/,' -]{1,40}\btrack)$`)
	skipLineRe = regexp.MustCompile(`(?i)^(?:session chairs?|room captains?|program (?:co-)?chairs?|moderators?|sponsored by|available media|show details|hide details|display|condensed|standard|expanded|all the times listed|timezone)\b`)
	fullDateRe = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:\s*[–-]\s*\d{1,2})?,\s*((?:19|20)\d{2})\b`)
)

// ExtractBytes reads a USENIX program page from its bytes; see Extract.
func ExtractBytes(body []byte, pageURL *url.URL) (*program.Program, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return Extract(doc, pageURL)
}

// Extract reads a USENIX program page ("/program",
// "/technical-sessions", …) into a Program. pageURL is where the page was
// fetched; links resolve against the page's canonical URL when it names one,
// so a mirror or a saved copy yields usenix.org links.
//
// Talks are found by their well-attested class (.node-paper, on article or
// div) and their presentation link; days, slot times, sessions, rooms and
// tracks, whose markup is not known for sure, are read from the text in
// document order.
func Extract(doc *goquery.Document, pageURL *url.URL) (*program.Program, error) {
	base := pageURL
	if href, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		if u, err := url.Parse(htmlmd.Absolute(pageURL, href)); err == nil && u.Host != "" {
			base = u
		}
	}
	p := &program.Program{}
	p.Conference.URL = base.String()
	p.Conference.Name = conferenceName(doc)
	p.Conference.ID = conferenceID(base, pageURL, p.Conference.Name)

	w := &walker{base: base, year: yearHint(p.Conference.ID, p.Conference.Name), days: map[string]int{}}
	w.fallbackDate = func() string { return pageDate(doc) }
	root := contentRoot(doc)
	w.findTalk = isNodePaper
	if doc.Find(".node-paper").Length() == 0 {
		blocks := talkBlocks(doc)
		w.findTalk = func(n *html.Node) bool { return blocks[n] }
	}
	w.queue = par.NewQueue()
	w.walk(root)
	w.flush()
	w.queue.Close()
	w.fillAbstracts()
	if len(w.errs) > 0 {
		return nil, errors.Join(w.errs...)
	}
	p.Days = w.out
	p.ValidUTF8() // a page may hold bytes that are not UTF-8; the file may not
	p.UniqueIDs()
	if p.TalkCount() == 0 {
		return nil, program.ErrNoTalks
	}
	if _, ok := w.days[""]; ok {
		return nil, ErrNoDates
	}
	p.Conference.Timezone = zoneFor(w.zone)
	return p, nil
}

func conferenceName(doc *goquery.Document) string {
	name := htmlmd.Clean(doc.Find("h1#page-title").First().Text())
	if name == "" {
		name = htmlmd.Clean(doc.Find("h1").First().Text())
	}
	if name == "" {
		name, _ = doc.Find(`meta[property="og:title"]`).Attr("content")
	}
	if name == "" {
		name = htmlmd.Clean(doc.Find("title").First().Text())
		if i := strings.Index(name, " | "); i > 0 {
			name = name[:i]
		}
	}
	if n := titleTail.ReplaceAllString(name, ""); n != "" {
		name = n
	}
	return htmlmd.Clean(name)
}

func conferenceID(urls ...any) string {
	for _, v := range urls {
		switch v := v.(type) {
		case *url.URL:
			if m := confPathRe.FindStringSubmatch(v.Path); m != nil {
				return m[1]
			}
		}
	}
	// No id in the address: one from the name (the last argument), or a
	// hash of it and the addresses, never one id every such conference
	// shares.
	var name string
	var salt []string
	for _, v := range urls {
		switch v := v.(type) {
		case string:
			name = v
		case *url.URL:
			if v != nil {
				salt = append(salt, v.String())
			}
		}
	}
	return program.NameID("conference", []string{name}, salt...)
}

// yearHint guesses the conference year from its id ("srecon17europe",
// "osdi24") or name ("USENIX ATC '23"), for day headers that omit it.
func yearHint(id, name string) int {
	if m := idYearRe.FindStringSubmatch(id); m != nil {
		y, _ := strconv.Atoi(m[1])
		return 2000 + y
	}
	if m := yearRe.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[0])
		return y
	}
	if m := nameYearRe.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		return 2000 + y
	}
	return 0
}

// pageDate is the first full date ("June 24–25, 2013") on the page, the day
// of a program that has no day headers at all.
func pageDate(doc *goquery.Document) string {
	for _, sel := range []string{".field-name-field-date-text", "#content", "body"} {
		if m := fullDateRe.FindStringSubmatch(doc.Find(sel).First().Text()); m != nil {
			mon, _ := monthOf(m[1])
			d, _ := strconv.Atoi(m[2])
			y, _ := strconv.Atoi(m[3])
			return time.Date(y, mon, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		}
	}
	return ""
}

func contentRoot(doc *goquery.Document) *html.Node {
	for _, sel := range []string{"section#content", "#main-content", "#content", "main", "body"} {
		if s := doc.Find(sel).First(); s.Length() > 0 {
			return s.Get(0)
		}
	}
	return doc.Get(0)
}

// The expected meaning of the next plain line after a slot time or a
// session's start.
const (
	expectNothing = iota
	expectSession
	expectRoom
)

type walker struct {
	base         *url.URL
	year         int
	fallbackDate func() string // the page's date, for talks under no day header
	findTalk     func(*html.Node) bool

	line                 strings.Builder
	day                  string
	slot                 timeRange
	expect               int
	session, room, track string

	zone string // as the page states it

	out  []program.Day
	days map[string]int // date → index in out
	errs []error

	// The talks' abstracts are converted on queue while the walk goes on;
	// abstracts says where each goes.
	queue     *par.Queue
	abstracts []pendingAbstract
}

// pendingAbstract is the abstract of talk out[day].Talks[talk], converted
// on a par.Queue.
type pendingAbstract struct {
	day, talk int
	markdown  *par.Value[converted]
}

type converted struct {
	markdown string
	err      error
}

var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "head": true,
	"nav": true, "footer": true, "select": true, "option": true, "form": true, "template": true, "svg": true}

func (w *walker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.line.WriteString(n.Data)
		return
	case html.ElementNode:
		switch {
		case skipTags[n.Data]:
			return
		case w.findTalk(n):
			w.flush()
			w.talk(n)
			return
		case htmlmd.HasClass(n, "node-session"):
			w.flush()
			w.session, w.room, w.track = "", "", sessionTrack(n)
			w.expect = expectSession
			w.children(n)
			w.flush()
			w.expect = expectNothing
			return
		case htmlmd.HasClass(n, "field-name-field-additional-text"):
			w.flush()
			w.additional(n)
			w.children(n)
			w.flush()
			return
		case n.Data == "br" || !htmlmd.Inline(n.Data):
			w.flush()
			w.children(n)
			w.flush()
			return
		}
	}
	w.children(n)
}

func (w *walker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush reads the line gathered so far.
func (w *walker) flush() {
	s := htmlmd.Clean(w.line.String())
	w.line.Reset()
	if s == "" {
		return
	}
	if h, ok := parseDayHeader(s); ok {
		if d, ok := h.date(w.year); ok {
			w.day = d.Format(time.DateOnly)
			if h.Year != 0 {
				w.year = h.Year
			}
		}
		w.slot = timeRange{}
		w.session, w.room, w.track = "", "", ""
		w.expect = expectNothing
		return
	}
	if tr, ok := parseTimeLine(s); ok {
		w.slot = tr
		w.session, w.room, w.track = "", "", ""
		w.expect = expectSession
		return
	}
	if m := trackRe.FindStringSubmatch(s); m != nil {
		w.track = m[1] + m[3]
		if w.expect == expectSession {
			// "Track 2: Capacity" names both; a bare "Track 1" heading
			// stands for the session, and the room follows.
			w.session = m[2]
			w.expect = expectRoom
		}
		return
	}
	if m := statedZoneRe.FindStringSubmatch(s); m != nil {
		w.zone = m[1]
		return
	}
	if skipLineRe.MatchString(s) {
		return
	}
	switch w.expect {
	case expectSession:
		w.session = s
		w.expect = expectRoom
	case expectRoom:
		if len(s) <= 80 {
			w.room = strings.TrimSpace(strings.TrimPrefix(s, "Room:"))
		}
		w.expect = expectNothing
	}
}

// sessionTrack is the track a session is listed under on pages since
// 2021: the session sits in a .field-collection-item-field-tracks whose
// .field-name-field-track-title ("Track 1") comes before it.
func sessionTrack(session *html.Node) string {
	for p := session.Parent; p != nil; p = p.Parent {
		if !htmlmd.HasClass(p, "field-collection-item-field-tracks") {
			continue
		}
		if t := findClass(p, "field-name-field-track-title"); t != nil {
			return htmlmd.Clean(nodeText(t))
		}
		return ""
	}
	return ""
}

// findClass is the first element under n (n included) with the class.
func findClass(n *html.Node, class string) *html.Node {
	if htmlmd.HasClass(n, class) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findClass(c, class); f != nil {
			return f
		}
	}
	return nil
}

func isNodePaper(n *html.Node) bool { return htmlmd.HasClass(n, "node-paper") }

// talkBlocks finds talks on a page whose markup lost the .node-paper class:
// for each heading that links a presentation, the outermost block that
// starts with it (no text before it: that would be a slot's time or a
// session's title) and holds no other such heading.
func talkBlocks(doc *goquery.Document) map[*html.Node]bool {
	var links []*html.Node
	for _, a := range doc.Find("h1 a[href], h2 a[href], h3 a[href], h4 a[href]").Nodes {
		if u, err := url.Parse(htmlmd.Absolute(nil, htmlmd.Attr(a, "href"))); err == nil && presentationRe.MatchString(u.Path) {
			links = append(links, a)
		}
	}
	count := map[*html.Node]int{}
	for _, a := range links {
		for p := a.Parent; p != nil; p = p.Parent {
			count[p]++
		}
	}
	talks := map[*html.Node]bool{}
	for _, a := range links {
		var best *html.Node
		for c, p := a, a.Parent; p != nil && count[p] == 1 && !textBefore(c); c, p = p, p.Parent {
			switch p.Data {
			case "article", "div", "li", "section":
				best = p
			}
		}
		if best != nil {
			talks[best] = true
		}
	}
	return talks
}

func textBefore(n *html.Node) bool {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if strings.TrimSpace(nodeText(s)) != "" {
			return true
		}
	}
	return false
}

func (w *walker) talk(n *html.Node) {
	parts := talkPartsOf(n)
	if parts.link == nil {
		// A break, a meal, badge pickup: no presentation, no talk. Its text
		// still names slots and rooms for what follows.
		w.children(n)
		w.flush()
		return
	}
	href := htmlmd.Absolute(w.base, htmlmd.Attr(parts.link, "href"))
	u, _ := url.Parse(href)
	if talkSlug(u) == "" {
		href = "" // a link with an empty talk part leads nowhere useful
	}
	t := program.Talk{
		Title:   htmlmd.Clean(nodeText(parts.link)),
		URL:     href,
		Start:   w.slot.Start,
		End:     w.slot.End,
		Session: w.session,
		Track:   w.track,
		Room:    w.room,
	}
	if t.Title == "" && parts.heading != nil {
		t.Title = htmlmd.Clean(nodeText(parts.heading))
	}
	t.ID = talkID(u, htmlmd.Attr(n, "id"), t.Title)

	day := w.day
	if tr, date, ok := parts.time(); ok {
		t.Start, t.End = tr.Start, tr.End
		if w.zone == "" {
			w.zone = tr.Zone
		}
		if date != "" {
			day = date
		}
	}
	if parts.people != nil {
		t.Speakers, t.Award = peopleOf(parts.people)
	}
	if t.Award == "" {
		t.Award = parts.awardText()
	}
	t.Media = parts.mediaLinks(w.base)
	if day == "" {
		day = w.fallbackDate()
	}
	d, i := w.addTalk(day, t)
	if abs := parts.abstract(); abs != nil {
		base := w.base
		w.abstracts = append(w.abstracts, pendingAbstract{d, i, par.Later(w.queue, func() converted {
			md, err := htmlmd.Convert(abs, base)
			return converted{md, err}
		})})
	}
}

// fillAbstracts waits for the talks' abstracts and puts them in place.
func (w *walker) fillAbstracts() {
	for _, a := range w.abstracts {
		t := &w.out[a.day].Talks[a.talk]
		c := a.markdown.Get()
		if c.err != nil {
			w.errs = append(w.errs, fmt.Errorf("abstract of %s: %w", t.URL, c.err))
		}
		t.Abstract = c.markdown
	}
}

// additional reads the talks in a slot's free text ("additional text"):
// there sit meals, receptions and forums, which link the activities page,
// and now and then a presentation outside any session, such as a test of
// time award's, which links a paper's page: /conference/<id>/presentation/
// <slug>, or an older conference's /conference/<other-id>/<slug>. Its
// heading names the occasion; the line after the link, the speakers.
func (w *walker) additional(n *html.Node) {
	heading := ""
	if h := findHeading(n); h != nil {
		heading = htmlmd.Clean(nodeText(h))
	}
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.Data == "a" && !inHeading(c) {
			if u, ok := w.paperLink(htmlmd.Attr(c, "href")); ok {
				w.additionalTalk(c, u, heading)
				return
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
}

// paperLink: href leads to a presentation or a paper's page, not to a part
// of the conference site (activities, posters, registration).
func (w *walker) paperLink(href string) (*url.URL, bool) {
	u, err := url.Parse(htmlmd.Absolute(w.base, href))
	if err != nil || u.Fragment != "" {
		return nil, false
	}
	if presentationRe.MatchString(u.Path) {
		return u, true
	}
	m := confLinkRe.FindStringSubmatch(u.Path)
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	own := confPathRe.FindStringSubmatch(w.base.Path)
	if m == nil || len(parts) != 3 || own != nil && m[1] == own[1] {
		return nil, false
	}
	// A paper's slug is its title's words: several of them.
	return u, strings.Count(parts[2], "-") >= 2
}

func (w *walker) additionalTalk(a *html.Node, u *url.URL, heading string) {
	t := program.Talk{
		Title:   htmlmd.Clean(nodeText(a)),
		URL:     u.String(),
		Start:   w.slot.Start,
		End:     w.slot.End,
		Session: heading,
		Track:   w.track,
		Room:    w.room,
	}
	if t.Title == "" {
		return
	}
	t.ID = talkID(u, "", t.Title)
	if names := lineAfter(a); names != "" {
		for _, name := range splitNames(names) {
			t.Speakers = append(t.Speakers, program.Speaker{Name: name})
		}
	}
	if isAward(heading) {
		t.Award = strings.TrimSpace(strings.TrimSuffix(heading, " Presentation"))
	}
	day := w.day
	if day == "" {
		day = w.fallbackDate()
	}
	w.addTalk(day, t)
}

// lineAfter is the plain text of the line after a's: from the first <br>
// after it to the next, leaving out emphasis (a citation, as a rule).
func lineAfter(a *html.Node) string {
	var b strings.Builder
	started := false
	for s := a.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == "br" {
			if started {
				break
			}
			started = true
			continue
		}
		if !started {
			continue
		}
		if s.Type == html.TextNode || s.Type == html.ElementNode && s.Data != "em" && s.Data != "i" {
			b.WriteString(nodeText(s))
		}
	}
	return htmlmd.Clean(b.String())
}

// findHeading is the first h1–h4 under n.
func findHeading(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "h1", "h2", "h3", "h4":
				return c
			}
		}
		if h := findHeading(c); h != nil {
			return h
		}
	}
	return nil
}

// addTalk adds t to its day, and says where it is: out[day].Talks[talk].
func (w *walker) addTalk(date string, t program.Talk) (day, talk int) {
	i, ok := w.days[date]
	if !ok {
		i = len(w.out)
		w.days[date] = i
		w.out = append(w.out, program.Day{Date: date})
	}
	w.out[i].Talks = append(w.out[i].Talks, t)
	return i, len(w.out[i].Talks) - 1
}

func inHeading(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.Data {
		case "h1", "h2", "h3", "h4":
			return true
		}
	}
	return false
}

var nodeIDRe = regexp.MustCompile(`^node-(\d+)$`)

// talkID is the presentation slug; a link with an empty slug falls back on
// the Drupal node id, then on the title.
func talkID(u *url.URL, elemID, title string) string {
	if s := talkSlug(u); s != "" {
		return s
	}
	if m := nodeIDRe.FindStringSubmatch(elemID); m != nil {
		return "node-" + m[1]
	}
	if s := program.Slug(title); s != "" {
		return s
	}
	return "talk"
}

// talkSlug is the last part of a talk's path, "" for a link like
// ".../presentation/" that lost it.
func talkSlug(u *url.URL) string {
	if u == nil {
		return ""
	}
	s, err := url.PathUnescape(path.Base(strings.TrimSuffix(u.Path, "/")))
	if err != nil || s == "presentation" || s == "." || s == "/" {
		return ""
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

var isoTimeRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})`)

var mediaKinds = []string{"pdf", "paper", "slides", "video", "audio"}
