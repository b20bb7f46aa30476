package schedule

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// schedule is what the frab XML and c3voc JSON formats share, read from
// either: the conference, its days in their own order and index, and each
// day's events as listed under it (a talk after midnight belongs to the
// conference day it is listed under).
type readSchedule struct {
	Acronym, Title, TimeZone, URL string
	Days                          []readDay
}

type readDay struct {
	Index  int
	Date   string
	Events []readEvent
}

type readEvent struct {
	ID, GUID, Slug, Title, Subtitle, Type, Track, Room, URL string
	Abstract, Description, State                            string
	Date, Start, Duration                                   string // date: RFC 3339 with offset
	Persons                                                 []string
	Links                                                   []readLink
}

type readLink struct{ URL, Title, Type string }

var cancelledRe = regexp.MustCompile(`(?i)^\W*(?:cancell?ed|canceled|abgesagt|entfällt)\b|\bcancell?ed\W*$|^cancell?ed$`)

// cancelled: pretalx marks a dropped talk with its state, frab exports
// with its type or a title saying so.
func (e readEvent) cancelled() bool {
	switch strings.ToLower(e.State) {
	case "canceled", "cancelled", "withdrawn", "rejected", "deleted":
		return true
	}
	return cancelledRe.MatchString(strings.TrimSpace(e.Type)) || cancelledRe.MatchString(strings.TrimSpace(e.Title))
}

// program turns a schedule into confdigest's model. pageURL is where the
// schedule was fetched: the program file's conference URL, for re-scrapes.
func (s *readSchedule) program(pageURL *url.URL) (*program.Program, error) {
	p := &program.Program{Conference: program.Conference{
		ID:   scheduleID(s.Acronym, s.Title),
		Name: strings.TrimSpace(s.Title),
		URL:  pageURL.String(),
	}}
	if p.Conference.Name == "" {
		p.Conference.Name = p.Conference.ID
	}
	if _, err := time.LoadLocation(s.TimeZone); err == nil && s.TimeZone != "" && s.TimeZone != "Local" {
		p.Conference.Timezone = s.TimeZone
	}
	ids := map[string]int{}
	dayAt := map[string]int{} // a date listed twice is one day
	for _, d := range s.Days {
		if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
			return nil, fmt.Errorf("day %d: date %q is not YYYY-MM-DD", d.Index, d.Date)
		}
		i, seen := dayAt[d.Date]
		if !seen {
			i = len(p.Days)
			dayAt[d.Date] = i
			p.Days = append(p.Days, program.Day{Date: d.Date, Talks: []program.Talk{}})
		}
		for _, e := range d.Events {
			if e.cancelled() {
				continue
			}
			t, err := e.talk(pageURL)
			if err != nil {
				return nil, fmt.Errorf("event %q: %w", e.Title, err)
			}
			ids[t.ID]++
			if n := ids[t.ID]; n > 1 {
				t.ID = fmt.Sprintf("%s-%d", t.ID, n)
			}
			p.Days[i].Talks = append(p.Days[i].Talks, t)
		}
	}
	p.SortDays()
	if p.TalkCount() == 0 {
		return nil, program.ErrNoTalks
	}
	return p, nil
}

var slugCleanRe = regexp.MustCompile(`[^\p{L}\p{N}_-]+`)

func scheduleID(acronym, title string) string {
	if id := strings.Trim(slugCleanRe.ReplaceAllString(strings.ToLower(acronym), "-"), "-"); id != "" {
		return id
	}
	if id := program.Slug(title); id != "" {
		return id
	}
	return "schedule"
}

func (e readEvent) talk(base *url.URL) (program.Talk, error) {
	t := program.Talk{
		ID:    strings.Trim(slugCleanRe.ReplaceAllString(e.Slug, "-"), "-"),
		Title: htmlmd.Clean(e.Title),
		Track: htmlmd.Clean(e.Track),
		Room:  htmlmd.Clean(e.Room),
	}
	if t.ID == "" {
		t.ID = e.GUID
	}
	if t.ID == "" {
		t.ID = "event-" + e.ID
	}
	if t.Title == "" {
		t.Title = t.ID
	}
	if typ := htmlmd.Clean(e.Type); typ != "" {
		t.Session = typ // the schedule formats have no sessions; the type groups talks
	}
	if u := htmlmd.Absolute(base, e.URL); u != "" && e.URL != "" {
		t.URL = u
	}
	start, err := eventStart(e)
	if err != nil {
		return t, err
	}
	if !start.IsZero() {
		t.Start = start.Format("15:04")
		if d, ok := parseDuration(e.Duration); ok && d > 0 {
			if end := start.Add(d).Format("15:04"); program.ValidRange(t.Start, end) {
				t.End = end // a duration past the next morning has no end the file can say
			}
		}
	}
	for _, name := range e.Persons {
		if n := htmlmd.Clean(name); n != "" {
			t.Speakers = append(t.Speakers, program.Speaker{Name: n})
		}
	}
	for _, l := range e.Links {
		kind := linkKind(l)
		t.Media.Add(kind, htmlmd.Absolute(base, l.URL))
	}
	var parts []string
	for _, text := range []string{e.Abstract, e.Description} {
		if md := htmlmd.FromText(text, base); md != "" && !containsBlock(parts, md) {
			parts = append(parts, md)
		}
	}
	t.Abstract = strings.Join(parts, "\n\n")
	return t, nil
}

func containsBlock(parts []string, md string) bool {
	for _, p := range parts {
		if p == md {
			return true
		}
	}
	return false
}

// eventStart is the event's start as the schedule shows it: the clock time
// of its date, in the offset written there (which is what "start" says);
// "start" alone when there is no date.
func eventStart(e readEvent) (time.Time, error) {
	if e.Date != "" {
		t, err := time.Parse(time.RFC3339, e.Date)
		if err != nil {
			return time.Time{}, fmt.Errorf("date %q is not a date and time with offset", e.Date)
		}
		return t, nil
	}
	if e.Start != "" {
		t, err := time.Parse("15:04", e.Start)
		if err != nil {
			return time.Time{}, fmt.Errorf("start %q is not HH:MM", e.Start)
		}
		return t, nil
	}
	return time.Time{}, nil
}

// parseDuration reads "hh:mm" or "hh:mm:ss".
func parseDuration(s string) (time.Duration, bool) {
	var h, m, sec int
	switch strings.Count(s, ":") {
	case 1:
		if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
			return 0, false
		}
	case 2:
		if _, err := fmt.Sscanf(s, "%d:%d:%d", &h, &m, &sec); err != nil {
			return 0, false
		}
	default:
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, true
}

// linkKind sorts a link or attachment into paper, slides, video or audio.
func linkKind(l readLink) string {
	switch strings.ToLower(l.Type) {
	case "slides":
		return "slides"
	case "paper":
		return "paper"
	}
	title := strings.ToLower(l.Title)
	switch {
	case strings.Contains(title, "slide"):
		return "slides"
	case strings.Contains(title, "video") || strings.Contains(title, "recording"):
		return "video"
	case strings.Contains(title, "audio"):
		return "audio"
	case strings.Contains(title, "paper"):
		return "paper"
	}
	return program.MediaKind(l.URL)
}

// sortEvents puts a day's events, listed room by room, in time order.
func sortEvents(evs []readEvent) {
	key := func(e readEvent) string {
		if t, err := eventStart(e); err == nil && e.Date != "" {
			return t.UTC().Format(time.RFC3339)
		}
		return e.Start
	}
	sort.SliceStable(evs, func(i, j int) bool { return key(evs[i]) < key(evs[j]) })
}
