// Package digest renders a program's days into blog posts: the talks the
// user attended or wrote about, with their abstracts quoted and the user's
// own words around them, through a text/template.
package digest

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"
	"unicode/utf8"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/templates"
)

const (
	defaultTitle = "{conference} -- Day {day}"
	defaultWrap  = 79
)

// Options select what Render writes.
type Options struct {
	Format       string // overrides post.format; "" means post.format, else hugo
	Template     string // a custom template's text; "" means the default
	TemplateName string // its file name, for messages
	Day          string // "" for every day, else "N" (1-based) or "YYYY-MM-DD"
	Summary      bool   // also the summary post (as post.summary: true does)
}

// Post is one rendered day.
type Post struct {
	Path    string // relative to the output directory, with / separators
	Date    string
	Day     int // 0 for the summary post
	Content []byte

	// withLastmod renders the post again with its front matter saying it
	// was updated at the time given (Hugo's lastmod, Jekyll's
	// last_modified_at); nil where the format has no front matter.
	withLastmod func(at string) ([]byte, error)
}

// Template parses a post template. A custom one (name, text) is laid over
// the default, so a file that only defines "talk" keeps the default post.
// Errors name the file and line.
func Template(name, text string) (*template.Template, error) {
	t, err := template.New("post.md.tmpl").Option("missingkey=error").Funcs(template.FuncMap{"join": strings.Join}).Parse(templates.Post)
	if err != nil {
		return nil, fmt.Errorf("default template: %w", err)
	}
	if _, err := t.New("summary.md.tmpl").Parse(templates.Summary); err != nil {
		return nil, fmt.Errorf("default summary template: %w", err)
	}
	if text == "" {
		return t, nil
	}
	custom, err := t.New(name).Parse(text)
	if err != nil {
		return nil, templateError(err)
	}
	if custom.Tree == nil || parse.IsEmptyTree(custom.Tree.Root) {
		return t, nil // only "define"s: they replaced the default's
	}
	return custom, nil
}

// templateError drops text/template's "template: " prefix, leaving "file:line: …".
func templateError(err error) error {
	return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
}

// Render writes the posts of p's days: every day with a talk to include or
// an intro or outro of the user's. skipped names the days left out.
func Render(p *program.Program, opt Options) (posts []Post, skipped []string, err error) {
	f, err := flavorFor(p, opt.Format)
	if err != nil {
		return nil, nil, err
	}
	name := opt.TemplateName
	if name == "" {
		name = "template"
	}
	tmpl, err := Template(name, opt.Template)
	if err != nil {
		return nil, nil, err
	}
	days, err := p.SelectDays(opt.Day)
	if err != nil {
		return nil, nil, err
	}
	r := renderer{p: p, f: f, tmpl: tmpl, wrap: defaultWrap}
	if p.Post != nil && p.Post.Wrap != nil {
		r.wrap = *p.Post.Wrap
	}
	paths, used := r.dayPaths()
	for _, i := range days {
		post, ok, err := r.day(i)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			skipped = append(skipped, fmt.Sprintf("day %d (%s): no talk attended or noted, no intro: no post", i+1, p.Days[i].Date))
			continue
		}
		post.Path = paths[i]
		posts = append(posts, post)
	}
	if opt.Summary || p.Post != nil && p.Post.Summary {
		post, ok, err := r.summary()
		switch {
		case err != nil:
			return nil, nil, err
		case ok:
			post.Path = uniquePath(post.Path, used)
			posts = append(posts, post)
		default:
			skipped = append(skipped, noSummary)
		}
	}
	seen := map[string]bool{}
	for _, w := range r.warnings {
		if !seen[w] {
			seen[w] = true
			skipped = append(skipped, w)
		}
	}
	return posts, skipped, nil
}

// flavorFor is the flavor asked for: the override, else post.format, else hugo.
func flavorFor(p *program.Program, override string) (flavor, error) {
	name := override
	if name == "" && p.Post != nil {
		name = p.Post.Format
	}
	f, ok := flavorOf(name)
	if !ok {
		return flavor{}, unknownFormat(name)
	}
	return f, nil
}

type renderer struct {
	p        *program.Program
	f        flavor
	tmpl     *template.Template
	wrap     int
	warnings []string // said once per run, with the skipped days
}

// postData is what a post template sees.
type postData struct {
	FrontMatter string
	Title       string
	Date        string
	Day         int
	Conference  program.Conference
	Intro       string
	Outro       string
	Talks       []talkData
}

// talkData is what the "talk" template sees. Scraped text is made safe for
// Markdown here; the user's text is passed as typed.
type talkData struct {
	Title      string
	Lead       string
	Quote      string
	abstract   string // the scraped Markdown, for Abstract
	quoteMode  string // how much of it to write
	flavor     flavor
	Commentary string
	Speakers   string
	URL        string
	Start, End string
	Session    string
	Track      string
	Room       string
	Media      program.Media
	MediaLine  string // "[Paper](…) · [Slides](…) · [Video](…)" when post.media is on
	Rating     int
	Tags       []string
	Withdrawn  bool // gone from the program since it was scraped
	Talk       *program.Talk
}

func (r *renderer) day(i int) (Post, bool, error) {
	post, ok, err := r.dayAt(i, "")
	if ok && r.f.lastmod != "" {
		post.withLastmod = func(at string) ([]byte, error) {
			p, _, err := r.dayAt(i, at)
			return p.Content, err
		}
	}
	return post, ok, err
}

// dayAt renders day i; lastmod, when set, goes in the front matter.
func (r *renderer) dayAt(i int, lastmod string) (Post, bool, error) {
	d := &r.p.Days[i]
	var notes program.DayNotes
	if d.Notes != nil {
		notes = *d.Notes
	}
	var talks []*program.Talk
	for ti := range d.Talks {
		if d.Talks[ti].Included() {
			talks = append(talks, &d.Talks[ti])
		}
	}
	intro, outro := userText(notes.Intro), userText(notes.Outro)
	if len(talks) == 0 && intro == "" && outro == "" {
		return Post{}, false, nil
	}
	// Time order (after midnight last); parallel talks keep the page's order.
	clock := d.Clock()
	sort.SliceStable(talks, func(a, b int) bool { return clock(talks[a].Start) < clock(talks[b].Start) })

	title := r.title(i, notes.Title)
	date := d.Date
	if notes.Date != "" {
		date = notes.Date
	}
	values, warnings := r.frontMatterValues(title, date, notes.FrontMatter)
	r.warnings = append(r.warnings, warnings...)
	addTags(values, talks)
	if lastmod != "" {
		values[r.f.lastmod] = lastmod
	}
	fm, err := r.f.frontMatter(values)
	if err != nil {
		return Post{}, false, fmt.Errorf("front matter of day %d: %w", i+1, err)
	}
	data := postData{
		FrontMatter: fm,
		Title:       title,
		Date:        date,
		Day:         i + 1,
		Conference:  r.p.Conference,
		Intro:       intro,
		Outro:       outro,
	}
	data.Talks = r.talks(talks)
	var buf bytes.Buffer
	size := len(fm) + len(intro) + len(outro)
	for _, t := range data.Talks {
		size += len(t.Quote) + len(t.Lead) + len(t.Commentary) + len(t.Title) + 16
	}
	buf.Grow(size + size/8) // the post, written once into a buffer of its size
	if err := r.tmpl.Execute(&buf, data); err != nil {
		return Post{}, false, templateError(err)
	}
	content := bytes.TrimRight(buf.Bytes(), "\n")
	if fm == "" {
		content = bytes.TrimLeft(content, "\n")
	}
	content = append(content, '\n')

	return Post{Path: r.postPath(i, title), Date: d.Date, Day: i + 1, Content: content}, true, nil
}

// postPath is the file of day i's post titled title, before dayPaths
// tells it from other days'.
func (r *renderer) postPath(i int, title string) string {
	slug := fileSlug(title)
	if slug == "" {
		slug = fileSlug(r.p.Conference.ID + " day " + strconv.Itoa(i+1))
	}
	return r.f.path(r.p.Days[i].Date, slug)
}

// dayPaths names the post file of every day of the program, in order:
// where titles name two days the same ("{conference} notes", no {day}),
// the later day's file is "<name>-2.md", and so on. Every day counts,
// whether this run writes it or not, so a day has the same file in
// every run (digest --day 2 never writes into day 1's post) and a day
// that gets notes later never takes another day's file. used holds them.
func (r *renderer) dayPaths() (paths []string, used map[string]bool) {
	used = map[string]bool{}
	paths = make([]string, len(r.p.Days))
	for i, d := range r.p.Days {
		override := ""
		if d.Notes != nil {
			override = d.Notes.Title
		}
		paths[i] = uniquePath(r.postPath(i, r.title(i, override)), used)
	}
	return paths, used
}

// title fills the placeholders of notes.title, post.title or the default.
func (r *renderer) title(i int, override string) string {
	t := defaultTitle
	if r.p.Post != nil && r.p.Post.Title != "" {
		t = r.p.Post.Title
	}
	if strings.TrimSpace(override) != "" {
		t = override
	}
	t = strings.NewReplacer(
		"{conference}", r.p.Conference.Name,
		"{day}", strconv.Itoa(i+1),
		"{date}", r.p.Days[i].Date,
	).Replace(t)
	return htmlmd.Clean(t)
}

// frontMatterValues are the post's front matter: post.front_matter, the
// day's notes.front_matter over it, the title and date, and the flavor's
// layout. A title or date in the day's own front_matter wins (it says what
// this post is called); one in post.front_matter would name every post the
// same, and is left out with a warning.
func (r *renderer) frontMatterValues(title, date string, dayExtra map[string]any) (map[string]any, []string) {
	m := map[string]any{}
	var warnings []string
	if r.p.Post != nil {
		for k, v := range r.p.Post.FrontMatter {
			if k == "title" || k == "date" {
				warnings = append(warnings, fmt.Sprintf("post.front_matter.%s is left out: it would give every post the same %s (use post.title, or a day's notes)", k, k))
				continue
			}
			m[k] = emptyForNil(v)
		}
	}
	m["title"] = title
	m["date"] = date
	if r.f.layout != "" {
		m["layout"] = r.f.layout // a stock Jekyll site's theme lays posts out by it
	}
	for k, v := range dayExtra {
		m[k] = emptyForNil(v)
	}
	return m, warnings
}

// addTags puts the tags of the day's talks in the post's tags, after the
// ones the front matter has (in the order first met, each once).
func addTags(values map[string]any, talks []*program.Talk) {
	var tags []any
	seen := map[string]bool{}
	if own, ok := values["tags"].([]any); ok {
		for _, t := range own {
			seen[fmt.Sprint(t)] = true
			tags = append(tags, t)
		}
	} else if s, ok := values["tags"].(string); ok && s != "" {
		seen[s] = true
		tags = append(tags, s)
	}
	added := false
	for _, t := range talks {
		if t.Notes == nil {
			continue
		}
		for _, tag := range t.Notes.Tags {
			if !seen[tag] {
				seen[tag] = true
				tags = append(tags, tag)
				added = true
			}
		}
	}
	if added {
		values["tags"] = tags
	}
}

// emptyForNil keeps a key the user left without a value ("description:")
// as an empty string: a TOML encoder would drop it, and themes expect it.
func emptyForNil(v any) any {
	switch v := v.(type) {
	case nil:
		return ""
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = emptyForNil(x)
		}
		return out
	}
	return v
}

func (r *renderer) talk(t *program.Talk) talkData {
	named, others := r.leadSpeakers(t.Speakers)
	link := markdownLink(joinAnd(append(names(named), othersText(others)...)), t.URL)
	lead := ""
	if t.Notes != nil {
		who := link
		if who == "" {
			who = markdownLink("the speakers", t.URL) // "A talk by {speakers}" still reads
		}
		lead = strings.ReplaceAll(userText(t.Notes.Lead), "{speakers}", who)
	}
	if lead == "" {
		lead = defaultLead(link, named)
	}
	var commentary string
	if t.Notes != nil {
		commentary = userText(t.Notes.Commentary)
	}
	f := r.f
	var rating int
	var tags []string
	if t.Notes != nil {
		rating, tags = t.Notes.Rating, t.Notes.Tags
	}
	return talkData{
		Rating:     rating,
		Tags:       tags,
		Title:      displayTitle(t),
		Withdrawn:  t.Withdrawn,
		Lead:       lead,
		Quote:      quoteMarkdown(t.Abstract, r.wrap, f, r.quoteMode(t)),
		abstract:   t.Abstract,
		quoteMode:  r.quoteMode(t),
		flavor:     f,
		Commentary: commentary,
		Speakers:   plainText(joinAnd(names(t.Speakers))),
		URL:        t.URL,
		Start:      t.Start,
		End:        t.End,
		Session:    plainText(t.Session),
		Track:      plainText(t.Track),
		Room:       plainText(t.Room),
		Media:      t.Media,
		MediaLine:  r.mediaLine(t),
		Talk:       t,
	}
}

// mediaLine links a talk's material on one line, when post.media asks.
func (r *renderer) mediaLine(t *program.Talk) string {
	if r.p.Post == nil || !r.p.Post.Media {
		return ""
	}
	return mediaLinks(t.Media)
}

func mediaLinks(m program.Media) string {
	var parts []string
	for _, l := range [][2]string{{"Paper", m.Paper}, {"Slides", m.Slides}, {"Video", m.Video}, {"Audio", m.Audio}} {
		if l[1] != "" {
			if link := markdownLink(l[0], l[1]); link != l[0] {
				parts = append(parts, link)
			}
		}
	}
	return strings.Join(parts, " · ")
}

// Abstract is the scraped abstract made safe, unquoted and unwrapped, for
// templates of their own; written only when a template asks for it.
func (t talkData) Abstract() string { return writeMarkdown(t.abstract, 0, t.flavor, "", t.quoteMode) }

// talks prepares the talks of a post.
func (r *renderer) talks(talks []*program.Talk) []talkData {
	out := make([]talkData, len(talks))
	for i, t := range talks {
		out[i] = r.talk(t)
	}
	return out
}

// displayTitle is the user's notes.title as typed (on one line), or the
// scraped title made safe.
func displayTitle(t *program.Talk) string {
	if t.Notes != nil && strings.TrimSpace(t.Notes.Title) != "" {
		return htmlmd.Clean(t.Notes.Title)
	}
	return plainText(htmlmd.Clean(t.Title))
}

// userText is the user's text as typed, less the trailing newlines of a
// YAML literal block.
func userText(s string) string { return strings.TrimRight(s, "\r\n") }

// quoteMode is how much of t's abstract a post quotes: notes.quote, else
// post.quote, else all of it.
func (r *renderer) quoteMode(t *program.Talk) string {
	if t.Notes != nil && t.Notes.Quote != "" {
		return t.Notes.Quote
	}
	if r.p.Post != nil && r.p.Post.Quote != "" {
		return r.p.Post.Quote
	}
	return program.QuoteModes[0]
}

// leadSpeakers are the speakers a lead names (those with a name): all of
// them, or the first post.speakers_max, and how many more there are.
func (r *renderer) leadSpeakers(sp []program.Speaker) (named []program.Speaker, others int) {
	for _, s := range sp {
		if htmlmd.Clean(s.Name) != "" {
			named = append(named, s)
		}
	}
	if r.p.Post != nil && r.p.Post.SpeakersMax > 0 && len(named) > r.p.Post.SpeakersMax {
		return named[:r.p.Post.SpeakersMax], len(named) - r.p.Post.SpeakersMax
	}
	return named, 0
}

// othersText is the last item of a lead's list of names when some are
// left out: "3 others".
func othersText(n int) []string {
	switch n {
	case 0:
		return nil
	case 1:
		return []string{"1 other"}
	}
	return []string{strconv.Itoa(n) + " others"}
}

// names are the speakers' names, cleaned, the empty ones left out; joined
// by joinAnd: "A", "A and B", "A, B and C".
func names(sp []program.Speaker) []string {
	n := make([]string, 0, len(sp))
	for _, s := range sp {
		if name := htmlmd.Clean(s.Name); name != "" {
			n = append(n, name)
		}
	}
	return n
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// markdownLink links text to url; without a url, the text alone.
func markdownLink(text, url string) string {
	text = plainText(text)
	dest, ok := linkDest(url)
	if text == "" || !ok {
		return text
	}
	return "[" + text + "](" + dest + ")"
}

var destEscaper = strings.NewReplacer("{", "%7B", "}", "%7D", "<", "%3C", ">", "%3E", " ", "%20")

// linkDest is a scraped URL as a Markdown link destination: only http,
// https, mailto and relative addresses; braces percent-encoded, so no
// Liquid or shortcode runs in it ("?q={{site.time}}"); in angle brackets
// when it holds spaces or parentheses.
func linkDest(url string) (string, bool) {
	u, ok := safeURL(url)
	if !ok || u == "" {
		return "", false
	}
	u = destEscape(destEscaper.Replace(u))
	if strings.ContainsAny(u, "()") {
		u = "<" + u + ">"
	}
	return u, true
}

// defaultLead names the speakers, linked, and their affiliations.
func defaultLead(link string, sp []program.Speaker) string {
	if link == "" {
		return ""
	}
	var affs []string
	seen := map[string]bool{}
	for _, s := range sp {
		for _, a := range institutions(htmlmd.Clean(s.Affiliation)) {
			if !seen[a] {
				seen[a] = true
				affs = append(affs, plainText(a))
			}
		}
	}
	if len(affs) == 0 {
		return "By " + link + "."
	}
	lead := "By " + link + " of " + joinAnd(affs)
	if !strings.HasSuffix(lead, ".") { // "of Example Inc." ends the sentence already
		lead += "."
	}
	return lead
}

// institutions splits a joint affiliation into the institutions it names:
// "Tencent and Nanjing University" is two, each to be named once in a
// lead; "University of California, Berkeley" and "Texas A&M" are one.
// Only ";", or " and " between two capitalised words, splits.
func institutions(aff string) []string {
	if aff == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(aff, ";") {
		rest := strings.TrimSpace(part)
		for {
			i := strings.Index(rest, " and ")
			if i < 0 || !nameWord(rest[i+5:], false) || !nameWord(rest[:i], true) {
				break
			}
			out = append(out, strings.TrimSpace(rest[:i]))
			rest = strings.TrimSpace(rest[i+5:])
		}
		if rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// nameWord: the first (or last) word of s looks like part of a name: a
// capital and more ("Tencent", not the "M" of "A and M").
func nameWord(s string, last bool) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	w := words[0]
	if last {
		w = words[len(words)-1]
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && utf8.RuneCountInString(w) > 1
}

// fileSlug is a post's file name from its title: program.NameSlug (Greek
// and Cyrillic spelt in Latin letters), cut to a length every file system
// takes.
func fileSlug(s string) string {
	s = program.NameSlug(s)
	if len(s) > 80 {
		s = strings.TrimRight(s[:80], "-")
	}
	return s
}

// uniquePath is path, or "<name>-2.md", "-3", … when another post has
// it already; used records it.
func uniquePath(path string, used map[string]bool) string {
	out := path
	for n := 2; used[out]; n++ {
		out = strings.TrimSuffix(path, ".md") + "-" + strconv.Itoa(n) + ".md"
	}
	used[out] = true
	return out
}
