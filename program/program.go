// Package program is confdigest's shared model: one conference program with
// its days and talks, the notes its user wrote, and the YAML program file that
// holds both.
//
// The scraper owns every field except Post and the Notes of days and talks;
// those belong to the user and survive a re-scrape untouched.
package program

import (
	"sort"
	"strings"
)

// Program is one conference: what was scraped and what its user wrote.
type Program struct {
	Conference Conference `yaml:"conference"`
	Post       *Post      `yaml:"post,omitempty"`
	Days       []Day      `yaml:"days"`
}

// Conference identifies the event.
type Conference struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	URL      string `yaml:"url"`
	Timezone string `yaml:"timezone,omitempty"`
}

// Post says how digest writes the posts. It belongs to the user.
type Post struct {
	Format      string         `yaml:"format,omitempty"`
	Title       string         `yaml:"title,omitempty"`
	Wrap        *int           `yaml:"wrap,omitempty"`
	FrontMatter map[string]any `yaml:"front_matter,omitempty"`
}

// Day is one conference day.
type Day struct {
	Date  string    `yaml:"date"` // YYYY-MM-DD
	Notes *DayNotes `yaml:"notes,omitempty"`
	Talks []Talk    `yaml:"talks"`
}

// DayNotes is what the user wrote about a day.
type DayNotes struct {
	Title       string         `yaml:"title,omitempty"`
	Date        string         `yaml:"date,omitempty"`
	FrontMatter map[string]any `yaml:"front_matter,omitempty"`
	Intro       string         `yaml:"intro,omitempty"`
	Outro       string         `yaml:"outro,omitempty"`
}

// Talk is one presentation on the program.
type Talk struct {
	ID        string     `yaml:"id"`
	Title     string     `yaml:"title"`
	URL       string     `yaml:"url,omitempty"`
	Start     string     `yaml:"start,omitempty"` // "HH:MM", 24 h, local time
	End       string     `yaml:"end,omitempty"`
	Session   string     `yaml:"session,omitempty"`
	Track     string     `yaml:"track,omitempty"`
	Room      string     `yaml:"room,omitempty"`
	Speakers  []Speaker  `yaml:"speakers,omitempty"`
	Award     string     `yaml:"award,omitempty"`
	Media     Media      `yaml:"media,omitempty"`
	Withdrawn bool       `yaml:"withdrawn,omitempty"`
	Abstract  string     `yaml:"abstract,omitempty"` // Markdown, one line per paragraph
	Notes     *TalkNotes `yaml:"notes,omitempty"`
}

// Speaker is one person presenting a talk or authoring a paper.
type Speaker struct {
	Name        string `yaml:"name"`
	Affiliation string `yaml:"affiliation,omitempty"`
}

// Media links a talk's published material, by kind.
type Media struct {
	Paper  string `yaml:"paper,omitempty"`
	Slides string `yaml:"slides,omitempty"`
	Video  string `yaml:"video,omitempty"`
	Audio  string `yaml:"audio,omitempty"`
}

// IsZero reports whether no media link is known; it lets the YAML encoder
// omit an empty media mapping.
func (m Media) IsZero() bool { return m == Media{} }

// TalkNotes is what the user wrote about a talk.
type TalkNotes struct {
	Plan       bool   `yaml:"plan,omitempty"`
	Attended   bool   `yaml:"attended,omitempty"`
	Title      string `yaml:"title,omitempty"`
	Lead       string `yaml:"lead,omitempty"`
	Commentary string `yaml:"commentary,omitempty"`
}

// Included reports whether the talk belongs in its day's post: attended, or
// with a lead or commentary of the user's.
func (t *Talk) Included() bool {
	n := t.Notes
	return n != nil && (n.Attended || strings.TrimSpace(n.Lead) != "" || strings.TrimSpace(n.Commentary) != "")
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
