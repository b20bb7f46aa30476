package schedule

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/internal/par"
	"github.com/confdigest/confdigest/program"
)

// ReadOptions adjust reading a schedule.
type ReadOptions struct {
	// TimeZone (an IANA name) places times for schedules that state no
	// zone of their own (Sessionize, iCalendar in UTC); the schedule's own
	// zone wins where it states one.
	TimeZone string
}

// readSchedule is what every format is read into before it becomes a
// program: the conference, and its events either under days of the
// format's own (frab, c3voc) or by themselves, placed on the local date
// they start (iCalendar, Sessionize, Indico).
type readSchedule struct {
	Acronym, Title, URL string
	TimeZone            string // IANA name the schedule states, if any
	Days                []readDay
	Events              []readEvent
}

type readDay struct {
	Index  int
	Date   string // YYYY-MM-DD
	Start  string // RFC 3339, when the day says when it starts
	Events []readEvent
}

// readEvent is one entry of a schedule. The frab formats give Date (RFC 3339
// with offset) or Start ("HH:MM") and Duration ("hh:mm"); the others give
// At and Until, moments in their own zone (Floating: a local time as
// published, with no zone).
type readEvent struct {
	ID, GUID, Slug, Title, Subtitle, Type, Track, Room, URL, Session string
	Abstract, Description, State                                     string
	Date, Start, Duration                                            string
	At, Until                                                        time.Time
	Floating                                                         bool
	Speakers                                                         []program.Speaker
	Links                                                            []readLink
	// markdown is the abstract and description as Markdown, converted
	// on a par.Queue while the rest of the schedule is read.
	markdown *par.Value[string]
}

type readLink struct{ URL, Title, Type string }

var cancelledRe = regexp.MustCompile(`(?i)^\W*(?:cancell?ed|canceled|abgesagt|entfällt)\b|\bcancell?ed\W*$|^cancell?ed$`)

// isTalk: the event becomes a talk of the program: it is neither
// cancelled nor a meal, break, registration or changeover (notATalk).
func (e readEvent) isTalk() bool { return !e.cancelled() && !e.notATalk() }

// cancelled: pretalx marks a dropped talk with its state, frab exports
// with its type or a title saying so.
func (e readEvent) cancelled() bool {
	switch strings.ToLower(e.State) {
	case "canceled", "cancelled", "withdrawn", "rejected", "deleted":
		return true
	}
	for _, s := range []string{e.Type, e.Title} {
		if l := strings.ToLower(s); (strings.Contains(l, "cancel") || strings.Contains(l, "abgesagt") || strings.Contains(l, "entfällt")) &&
			cancelledRe.MatchString(strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}

// webAddress is the conference's address: where the schedule was fetched,
// or, for a file read from disk, the web address the schedule states: its
// url or base_url, else the site its events' pages are on (the scheme and
// host most of them share, plus the schedule folder they have in common).
// A schedule that states no web address at all keeps the file's address.
func (s *readSchedule) webAddress(pageURL *url.URL) string {
	if pageURL.Scheme != "file" {
		return pageURL.String()
	}
	if httpURL(s.URL) != "" {
		return s.URL
	}
	if site := eventsSite(s.events()); site != "" {
		return site
	}
	return pageURL.String()
}

// eventsSite is the site of the events' own pages: the scheme and host
// more than half of them share (a few events link elsewhere: a dinner's
// venue, a sponsor), plus their longest common folder when it is a
// schedule folder ("/2026/schedule/", "/democon/"), never a talk's own.
func eventsSite(events []readEvent) string {
	var hosts []string
	byHost := map[string][]string{}
	total := 0
	for _, e := range events {
		u, err := url.Parse(e.URL)
		if err != nil || httpURL(e.URL) == "" || u.Host == "" {
			continue
		}
		site := u.Scheme + "://" + u.Host
		if _, ok := byHost[site]; !ok {
			hosts = append(hosts, site)
		}
		byHost[site] = append(byHost[site], u.Path)
		total++
	}
	best := ""
	for _, h := range hosts { // first seen wins a tie: deterministic
		if best == "" || len(byHost[h]) > len(byHost[best]) {
			best = h
		}
	}
	if best == "" || 2*len(byHost[best]) <= total {
		return ""
	}
	var common []string
	for i, p := range byHost[best] {
		dirs := strings.Split(strings.Trim(p[:strings.LastIndexByte(p+"/", '/')], "/"), "/")
		if i == 0 {
			common = dirs
			continue
		}
		n := 0
		for n < len(common) && n < len(dirs) && common[n] == dirs[n] {
			n++
		}
		common = common[:n]
	}
	return best + "/" + scheduleFolder(common)
}

// scheduleFolder is the part of a folder path that names the schedule:
// up to and including a "schedule" (or program) folder, else what comes
// before the folder of talk pages ("talk", "event", "presentation");
// "" when it names neither.
func scheduleFolder(dirs []string) string {
	for i, d := range dirs {
		switch strings.ToLower(d) {
		case "schedule", "program", "programme", "agenda", "timetable", "fahrplan":
			return strings.Join(dirs[:i+1], "/") + "/"
		case "talk", "talks", "event", "events", "presentation", "presentations", "session", "sessions",
			"contribution", "contributions", "lecture", "lectures", "speaker", "speakers":
			if i == 0 {
				return ""
			}
			return strings.Join(dirs[:i], "/") + "/"
		}
	}
	return ""
}

// events are every event of the schedule, in its days or not.
func (s *readSchedule) events() []readEvent {
	all := append([]readEvent(nil), s.Events...)
	for _, d := range s.Days {
		all = append(all, d.Events...)
	}
	return all
}

// program turns a schedule into confdigest's model. pageURL is where the
// schedule was fetched: the program file's conference URL, for re-scrapes.
func (s *readSchedule) program(pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	q := par.NewQueue() // idle for a schedule.xml: its talks are under way
	defer q.Close()
	for i := range s.Days {
		convertAbstracts(q, s.Days[i].Events, pageURL)
	}
	convertAbstracts(q, s.Events, pageURL)
	p := &program.Program{Conference: program.Conference{
		ID:   scheduleID(s.Acronym, s.Title, pageURL.String()),
		Name: htmlmd.Clean(s.Title),
		URL:  s.webAddress(pageURL),
	}}
	if p.Conference.Name == "" {
		p.Conference.Name = p.Conference.ID
	}
	loc := location(s.TimeZone)
	if loc == nil {
		loc = location(opt.TimeZone)
	}
	if loc != nil {
		p.Conference.Timezone = loc.String()
	}
	dayAt := map[string]int{} // a date listed twice is one day
	day := func(date string) int {
		i, seen := dayAt[date]
		if !seen {
			i = len(p.Days)
			dayAt[date] = i
			p.Days = append(p.Days, program.Day{Date: date, Talks: []program.Talk{}})
		}
		return i
	}
	add := func(i int, e readEvent, start, end time.Time) error {
		if e.isTalk() {
			p.Days[i].Talks = append(p.Days[i].Talks, e.talk(pageURL, start, end))
		}
		return nil
	}
	for _, d := range s.Days {
		date, err := localDate(d, loc)
		if err != nil {
			return nil, err
		}
		i := day(date)
		for _, e := range d.Events {
			start, end, err := e.moments(loc)
			if err != nil {
				return nil, fmt.Errorf("event %q: %w", e.Title, err)
			}
			if err := add(i, e, start, end); err != nil {
				return nil, err
			}
		}
	}
	if err := s.placeByDate(loc, day, add); err != nil {
		return nil, err
	}
	p.SortDays()
	p.ValidUTF8()
	p.UniqueIDs()
	if p.TalkCount() == 0 {
		return nil, program.ErrNoTalks
	}
	return p, nil
}

// location is the zone an IANA name names; nil for none, "Local", or an
// unknown name.
func location(name string) *time.Location {
	if name == "" || name == "Local" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// placeByDate puts events of formats without days on the local date they
// start; one that starts after midnight but before 06:00, the night of a
// date that has daytime events, stays on that conference day.
func (s *readSchedule) placeByDate(loc *time.Location, day func(string) int, add func(int, readEvent, time.Time, time.Time) error) error {
	type placed struct {
		e          readEvent
		start, end time.Time
	}
	var list []placed
	daytime := map[string]bool{}
	for _, e := range s.Events {
		start, end, err := e.moments(loc)
		if err != nil {
			return fmt.Errorf("event %q: %w", e.Title, err)
		}
		if start.IsZero() {
			continue // not on the schedule yet
		}
		list = append(list, placed{e, start, end})
		if !program.AfterMidnight(start.Format("15:04")) {
			daytime[start.Format(time.DateOnly)] = true
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].start.Before(list[j].start) })
	for _, pl := range list {
		date := pl.start.Format(time.DateOnly)
		if prev := pl.start.AddDate(0, 0, -1).Format(time.DateOnly); program.AfterMidnight(pl.start.Format("15:04")) && daytime[prev] {
			date = prev
		}
		if err := add(day(date), pl.e, pl.start, pl.end); err != nil {
			return err
		}
	}
	return nil
}

// localDate is the conference day of a schedule's day: the local date it
// starts on, where it says when it starts (wafer writes the UTC date of
// the day's start in "date"), else its date.
func localDate(d readDay, loc *time.Location) (string, error) {
	if d.Start != "" && loc != nil {
		if t, err := time.Parse(time.RFC3339, d.Start); err == nil {
			return t.In(loc).Format(time.DateOnly), nil
		}
	}
	if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
		return "", fmt.Errorf("day %d: date %q is not YYYY-MM-DD", d.Index, d.Date)
	}
	return d.Date, nil
}

var slugCleanRe = regexp.MustCompile(`[^\p{L}\p{N}_-]+`)

// scheduleID is the conference id of a schedule: its acronym, else its
// title, spelt in Latin letters where they are Greek or Cyrillic; for
// names in other scripts (or none), a short hash of them and the address
// read, never one id shared by every such conference.
func scheduleID(acronym, title, address string) string {
	if id := strings.Trim(slugCleanRe.ReplaceAllString(strings.ToLower(acronym), "-"), "-"); id != "" && asciiID(id) {
		return id
	}
	return program.NameID("schedule", []string{acronym, title}, address)
}

func asciiID(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// talk makes the event a talk from start to end (zero: not given).
func (e readEvent) talk(base *url.URL, start, end time.Time) program.Talk {
	t := program.Talk{
		ID:      strings.Trim(slugCleanRe.ReplaceAllString(e.Slug, "-"), "-"),
		Title:   htmlmd.Clean(e.Title),
		Track:   htmlmd.Clean(e.Track),
		Room:    htmlmd.Clean(e.Room),
		Session: htmlmd.Clean(e.Session),
	}
	for _, id := range []string{program.Slug(e.Title), e.GUID, "event-" + e.ID} {
		if t.ID == "" {
			t.ID = strings.Trim(slugCleanRe.ReplaceAllString(id, "-"), "-")
		}
	}
	if t.Title == "" {
		t.Title = t.ID
	}
	if typ := htmlmd.Clean(e.Type); typ != "" && t.Session == "" {
		t.Session = typ // the frab formats have no sessions; the type groups talks
	}
	if u := htmlmd.Absolute(base, e.URL); u != "" && e.URL != "" {
		t.URL = u
	}
	if !start.IsZero() {
		t.Start = start.Format("15:04")
		if !end.IsZero() && end.After(start) {
			if e := endClock(start, end); program.ValidRange(t.Start, e) {
				t.End = e // past the next morning, no end the file can say
			}
		}
	}
	for _, sp := range e.Speakers {
		if n := htmlmd.Clean(sp.Name); n != "" {
			t.Speakers = append(t.Speakers, program.Speaker{Name: n, Affiliation: htmlmd.Clean(sp.Affiliation)})
		}
	}
	for _, l := range e.Links {
		t.Media.Add(linkKind(l), htmlmd.Absolute(base, l.URL))
	}
	t.Abstract = e.markdown.Get()
	return t
}

// endClock is the end the file states for a talk from start to end (in
// the conference's zone): the clock at end, when the file reads it back as
// the talk's length; else start's clock plus that length, as on the night
// the clocks go back (02:30 CEST to 02:30 CET is an hour, not nothing:
// "02:30"-"03:30"). A few talks across that night no pair of clocks can
// state; they get the second form.
func endClock(start, end time.Time) string {
	date := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, start.Location())
	from := start.Hour()*60 + start.Minute()
	to := civilDays(start, end)*24*60 + end.Hour()*60 + end.Minute()
	if f, t := program.Span(date, from, to); t.Sub(f) == end.Sub(start) {
		return end.Format("15:04")
	}
	to = from + int(end.Sub(start)/time.Minute)
	return fmt.Sprintf("%02d:%02d", to/60%24, to%60)
}

// civilDays is how many dates on from a's date b's date is, on their clocks.
func civilDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}

// convertAbstracts queues the conversion of the events' abstracts.
func convertAbstracts(q *par.Queue, evs []readEvent, base *url.URL) {
	for i := range evs {
		convertAbstract(q, &evs[i], base)
	}
}

// convertAbstract queues the conversion of e's abstract, unless e is no
// talk or its conversion is under way.
func convertAbstract(q *par.Queue, e *readEvent, base *url.URL) {
	if e.markdown == nil && e.isTalk() {
		abstract, description := e.Abstract, e.Description
		e.markdown = par.Later(q, func() string { return abstractMarkdown(abstract, description, base) })
	}
}

// abstractMarkdown is an event's abstract and description as one Markdown
// text, leaving out a description that repeats the abstract.
func abstractMarkdown(abstract, description string, base *url.URL) string {
	var parts []string
	for _, text := range []string{abstract, description} {
		if md := htmlmd.FromText(text, base); md != "" && !containsBlock(parts, md) {
			parts = append(parts, md)
		}
	}
	return strings.Join(parts, "\n\n")
}

func containsBlock(parts []string, md string) bool {
	for _, p := range parts {
		if p == md {
			return true
		}
	}
	return false
}

// moments are the event's start and end as the conference's clock shows
// them: in its zone where the schedule (or the user) names one, else as
// the schedule writes them (the offset of "date", or "start" alone).
func (e readEvent) moments(loc *time.Location) (start, end time.Time, err error) {
	switch {
	case !e.At.IsZero():
		start, end = e.At, e.Until
		if loc != nil && !e.Floating {
			start, end = start.In(loc), end.In(loc)
		}
		return start, end, nil
	case e.Date != "":
		start, err = time.Parse(time.RFC3339, e.Date)
		if err != nil {
			return start, end, fmt.Errorf("date %q is not a date and time with offset", e.Date)
		}
		if loc != nil {
			start = start.In(loc)
		}
	case e.Start != "":
		start, err = time.Parse("15:04", e.Start)
		if err != nil {
			return start, end, fmt.Errorf("start %q is not HH:MM", e.Start)
		}
	default:
		return start, end, nil
	}
	if d, ok := parseDuration(e.Duration); ok && d > 0 {
		end = start.Add(d)
	}
	return start, end, nil
}

// parseDuration reads "hh:mm" or "hh:mm:ss", as fmt.Sscanf reads them
// (a suffix such as "h" or ".000" after the numbers is let be).
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
// Each event's key is worked out once, not at every comparison.
func sortEvents(evs []readEvent) {
	type keyed struct {
		key string
		e   readEvent
	}
	ks := make([]keyed, len(evs))
	for i, e := range evs {
		ks[i] = keyed{e.Start, e}
		if t, _, err := e.moments(nil); err == nil && e.Date != "" {
			ks[i].key = t.UTC().Format(time.RFC3339)
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i, k := range ks {
		evs[i] = k.e
	}
}
