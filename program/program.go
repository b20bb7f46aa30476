// Package program is confdigest's model of one conference program: its days
// and talks, the notes its user wrote, and the rules every command shares
// about them: which talks a post includes and an agenda shows, clock times
// on a day that runs past midnight, talks that clash, talk ids and slugs.
//
// The scraper owns every field except Post and the Notes of days and talks;
// those belong to the user and survive a re-scrape untouched. The YAML
// program file that holds both is package yamlfile; this package reads no
// file (TalkNotes.UnmarshalYAML only tells "attended: false" from no word).
package program

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Program is one conference: what was scraped and what its user wrote.
type Program struct {
	Conference Conference `yaml:"conference" json:"conference"`
	Post       *Post      `yaml:"post,omitempty" json:"post,omitempty"`
	Days       []Day      `yaml:"days" json:"days"`
}

// Conference identifies the event.
type Conference struct {
	ID       string `yaml:"id" json:"id"`
	Name     string `yaml:"name" json:"name"`
	URL      string `yaml:"url" json:"url"`
	Timezone string `yaml:"timezone,omitempty" json:"timezone,omitempty"`
}

// Post says how digest writes the posts. It belongs to the user.
type Post struct {
	Format      string         `yaml:"format,omitempty" json:"format,omitempty"`
	Title       string         `yaml:"title,omitempty" json:"title,omitempty"`
	Wrap        *int           `yaml:"wrap,omitempty" json:"wrap,omitempty"`
	FrontMatter map[string]any `yaml:"front_matter,omitempty" json:"front_matter,omitempty"`
	Summary     bool           `yaml:"summary,omitempty" json:"summary,omitempty"`           // also a trip-report post
	Media       bool           `yaml:"media,omitempty" json:"media,omitempty"`               // a talk's paper, slides, video after its abstract
	Quote       string         `yaml:"quote,omitempty" json:"quote,omitempty"`               // full (""), first (paragraph) or none: how much abstract a post quotes
	SpeakersMax int            `yaml:"speakers_max,omitempty" json:"speakers_max,omitempty"` // a lead names this many speakers, then "and K others"; 0: all
}

// The values of post.quote and notes.quote, the first the default.
var QuoteModes = []string{"full", "first", "none"}

// PostFormats are the names post.format takes, the first the default.
// They are digest's post flavors (program imports nothing of ours: digest's
// tests hold its table to this list). check rejects front matter that any
// of them cannot write, since --format may choose another than post.format.
var PostFormats = []string{"hugo", "hugo-yaml", "jekyll", "markdown"}

// Day is one conference day.
type Day struct {
	Date  string    `yaml:"date" json:"date"` // YYYY-MM-DD
	Notes *DayNotes `yaml:"notes,omitempty" json:"notes,omitempty"`
	Talks []Talk    `yaml:"talks" json:"talks"`
}

// DayNotes is what the user wrote about a day.
type DayNotes struct {
	Title       string         `yaml:"title,omitempty" json:"title,omitempty"`
	Date        string         `yaml:"date,omitempty" json:"date,omitempty"`
	FrontMatter map[string]any `yaml:"front_matter,omitempty" json:"front_matter,omitempty"`
	Intro       string         `yaml:"intro,omitempty" json:"intro,omitempty"`
	Outro       string         `yaml:"outro,omitempty" json:"outro,omitempty"`
}

// Talk is one presentation on the program.
type Talk struct {
	ID        string     `yaml:"id" json:"id"`
	Title     string     `yaml:"title" json:"title"`
	URL       string     `yaml:"url,omitempty" json:"url,omitempty"`
	Start     string     `yaml:"start,omitempty" json:"start,omitempty"` // "HH:MM", 24 h, local time
	End       string     `yaml:"end,omitempty" json:"end,omitempty"`
	Session   string     `yaml:"session,omitempty" json:"session,omitempty"`
	Track     string     `yaml:"track,omitempty" json:"track,omitempty"`
	Room      string     `yaml:"room,omitempty" json:"room,omitempty"`
	Speakers  []Speaker  `yaml:"speakers,omitempty" json:"speakers,omitempty"`
	Award     string     `yaml:"award,omitempty" json:"award,omitempty"`
	Media     Media      `yaml:"media,omitempty" json:"media,omitzero"`
	Withdrawn bool       `yaml:"withdrawn,omitempty" json:"withdrawn,omitempty"`
	Abstract  string     `yaml:"abstract,omitempty" json:"abstract,omitempty"` // Markdown, one line per paragraph
	Notes     *TalkNotes `yaml:"notes,omitempty" json:"notes,omitempty"`
}

// Speaker is one person presenting a talk or authoring a paper.
type Speaker struct {
	Name        string `yaml:"name" json:"name"`
	Affiliation string `yaml:"affiliation,omitempty" json:"affiliation,omitempty"`
}

// TalkNotes is what the user wrote about a talk.
type TalkNotes struct {
	Plan       bool     `yaml:"plan,omitempty" json:"plan,omitempty"`
	Attended   bool     `yaml:"attended,omitempty" json:"attended,omitempty"`
	Title      string   `yaml:"title,omitempty" json:"title,omitempty"`
	Quote      string   `yaml:"quote,omitempty" json:"quote,omitempty"` // overrides post.quote for this talk
	Lead       string   `yaml:"lead,omitempty" json:"lead,omitempty"`
	Commentary string   `yaml:"commentary,omitempty" json:"commentary,omitempty"`
	Rating     int      `yaml:"rating,omitempty" json:"rating,omitempty"` // 1–5; 0: not rated
	Tags       []string `yaml:"tags,omitempty" json:"tags,omitempty"`

	// Missed: "attended: false" is written, the user says they did not
	// see the talk; an absent attended key says nothing.
	Missed bool `yaml:"-" json:"-"`
}

// UnmarshalYAML reads the notes as yaml.v3 does, and tells "attended:
// false" from no attended key (Missed).
func (n *TalkNotes) UnmarshalYAML(node *yaml.Node) error {
	type plain TalkNotes // the same fields, without this method
	if err := node.Decode((*plain)(n)); err != nil {
		return err
	}
	n.Missed = saysMissed(node)
	return nil
}

// saysMissed reports whether notes (a mapping node of the file) say
// "attended: false", which TalkNotes.Attended alone cannot tell from no
// word at all; TalkNotes.Missed holds it.
func saysMissed(notes *yaml.Node) bool {
	if notes.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(notes.Content); i += 2 {
		if notes.Content[i].Value == "attended" {
			a := notes.Content[i+1]
			return a.Kind == yaml.ScalarNode && a.ShortTag() == "!!bool" && strings.EqualFold(a.Value, "false")
		}
	}
	return false
}

// Seen reports whether the user saw the talk: attended, or written about
// (a lead or commentary) and not said to be missed.
func (n *TalkNotes) Seen() bool {
	return n != nil && (n.Attended || !n.Missed && n.wroteAbout())
}

func (n *TalkNotes) wroteAbout() bool {
	return strings.TrimSpace(n.Lead) != "" || strings.TrimSpace(n.Commentary) != ""
}

// Included reports whether the talk belongs in its day's post: attended, or
// with a lead or commentary of the user's.
func (t *Talk) Included() bool {
	n := t.Notes
	return n != nil && (n.Attended || n.wroteAbout())
}

// OnAgenda reports whether the talk belongs in the user's agenda: planned,
// attended, or written about.
func (t *Talk) OnAgenda() bool {
	return t.Notes != nil && (t.Notes.Plan || t.Notes.Attended) || t.Included()
}

// DisplayTitle is the title to show: the user's notes.title when set.
func (t *Talk) DisplayTitle() string {
	if t.Notes != nil && strings.TrimSpace(t.Notes.Title) != "" {
		return strings.TrimSpace(t.Notes.Title)
	}
	return t.Title
}

// TalkCount returns the number of talks over all days.
func (p *Program) TalkCount() int {
	n := 0
	for _, d := range p.Days {
		n += len(d.Talks)
	}
	return n
}

// SortDays orders the days by date, keeping the order of equal dates.
func (p *Program) SortDays() {
	sort.SliceStable(p.Days, func(i, j int) bool { return p.Days[i].Date < p.Days[j].Date })
}
