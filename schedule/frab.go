package schedule

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/confdigest/confdigest/internal/par"
	"github.com/confdigest/confdigest/program"
)

// The frab/pentabarf/pretalx schedule XML (testdata/schemas/schedule.xml.xsd):
// one set of types, read and written. Fields only some writers fill are
// omitted when empty, so what confdigest writes validates against the schema.
type xmlSchedule struct {
	XMLName    xml.Name      `xml:"schedule"`
	Generator  xmlGenerator  `xml:"generator"`
	URL        string        `xml:"url,omitempty"`
	Version    string        `xml:"version"`
	Conference xmlConference `xml:"conference"`
	Days       []xmlDay      `xml:"day"`
}

type xmlGenerator struct {
	Name    string `xml:"name,attr"`
	Version string `xml:"version,attr"`
}

type xmlConference struct {
	Acronym      string `xml:"acronym"`
	Title        string `xml:"title"`
	Start        string `xml:"start"`
	End          string `xml:"end"`
	Days         string `xml:"days"`
	URL          string `xml:"url,omitempty"`
	BaseURL      string `xml:"base_url,omitempty"` // read only: the schedule's web address
	TimeZoneName string `xml:"time_zone_name,omitempty"`
}

type xmlDay struct {
	Index int       `xml:"index,attr"`
	Date  string    `xml:"date,attr"`
	Start string    `xml:"start,attr"`
	End   string    `xml:"end,attr"`
	Rooms []xmlRoom `xml:"room"`
	// Old pentabarf lists events directly under the day, with no rooms.
	Events []xmlEvent `xml:"event"`
}

type xmlRoom struct {
	Name   string     `xml:"name,attr"`
	Events []xmlEvent `xml:"event"`
}

type xmlEvent struct {
	ID          string      `xml:"id,attr"`
	GUID        string      `xml:"guid,attr"`
	Date        string      `xml:"date"`
	Start       string      `xml:"start"`
	Duration    string      `xml:"duration"`
	Room        string      `xml:"room"`
	Slug        string      `xml:"slug"`
	URL         string      `xml:"url,omitempty"`
	Title       string      `xml:"title"`
	Subtitle    string      `xml:"subtitle,omitempty"`
	Track       string      `xml:"track"`
	Type        string      `xml:"type"`
	Language    string      `xml:"language"`
	Abstract    string      `xml:"abstract"`
	Description string      `xml:"description,omitempty"`
	Persons     []xmlPerson `xml:"persons>person"`
	Links       []xmlLink   `xml:"links>link"`
	Attachments []xmlLink   `xml:"attachments>attachment,omitempty"`
}

type xmlPerson struct {
	ID   int    `xml:"id,attr,omitempty"`
	Name string `xml:",chardata"`
}

type xmlLink struct {
	Href  string `xml:"href,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:",chardata"`
}

const dateTimeTZ = "2006-01-02T15:04:05-07:00"

// WriteXML writes p as a frab/pretalx schedule.xml: the conference, its days
// with their rooms, and an event per talk.
func WriteXML(w io.Writer, p *program.Program, version string) ([]string, error) {
	pl, err := place(p, scheduled)
	if err != nil {
		return nil, err
	}
	warnUTC(pl)
	s := xmlSchedule{
		Generator: xmlGenerator{Name: "confdigest", Version: version},
		Version:   "confdigest " + version,
		Conference: xmlConference{
			Acronym: acronym(p.Conference.ID), Title: p.Conference.Name,
			Start: p.Days[0].Date, End: p.Days[len(p.Days)-1].Date, Days: strconv.Itoa(len(p.Days)),
			URL: httpURL(p.Conference.URL), TimeZoneName: p.Conference.Timezone,
		},
	}
	persons := personIDs(p)
	byDay := pl.byDay()
	for di := 1; di <= len(p.Days); di++ {
		evs := byDay[di]
		start, end := pl.dayBounds(di, evs)
		day := xmlDay{Index: di, Date: p.Days[di-1].Date, Start: start.Format(dateTimeTZ), End: end.Format(dateTimeTZ)}
		for _, r := range rooms(evs) {
			xr := xmlRoom{Name: r}
			for _, e := range evs {
				if room(e.talk) != r {
					continue
				}
				t := e.talk
				xe := xmlEvent{
					ID: strconv.Itoa(e.id), GUID: guid(p, t), Date: e.start.Format(dateTimeTZ), Start: e.start.Format("15:04"),
					Duration: duration(e.end.Sub(e.start)), Room: r, Slug: eventSlug(p, e), URL: httpURL(t.URL),
					Title: t.Title, Track: t.Track, Type: "talk", Language: "en",
					Abstract: t.Abstract,
				}
				for _, sp := range t.Speakers {
					xe.Persons = append(xe.Persons, xmlPerson{ID: persons[sp.Name], Name: sp.Name})
				}
				for _, l := range mediaLinks(t) {
					xe.Links = append(xe.Links, xmlLink{Href: l.url, Title: l.title})
				}
				xr.Events = append(xr.Events, xe)
			}
			day.Rooms = append(day.Rooms, xr)
		}
		s.Days = append(s.Days, day)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return nil, err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	_, err = io.WriteString(w, "\n")
	return pl.warnings, err
}

// warnUTC: schedules need an offset; without a zone the local times are
// written as UTC, which is wrong by the zone's offset.
func warnUTC(pl *placed) {
	if pl.floating {
		pl.warnings = append(pl.warnings, "no conference.timezone: times written as UTC; set the conference's zone")
	}
}

// personIDs numbers the speakers of the program, in order of appearance.
func personIDs(p *program.Program) map[string]int {
	ids := map[string]int{}
	for _, d := range p.Days {
		for _, t := range d.Talks {
			for _, s := range t.Speakers {
				if _, ok := ids[s.Name]; !ok {
					ids[s.Name] = len(ids) + 1
				}
			}
		}
	}
	return ids
}

type link struct{ url, title, kind string }

// mediaLinks lists a talk's page and media, with the c3voc link types.
func mediaLinks(t *program.Talk) []link {
	var out []link
	for _, m := range []link{
		{t.URL, "Talk page", "web"},
		{t.Media.Paper, "Paper", "paper"}, {t.Media.Slides, "Slides", "slides"},
		{t.Media.Video, "Video", "media"}, {t.Media.Audio, "Audio", "media"},
	} {
		if m.url = httpURL(m.url); m.url != "" {
			out = append(out, m)
		}
	}
	return out
}

// httpURL keeps http and https URLs, which the schedule formats require.
func httpURL(u string) string {
	if len(u) > 7 && (u[:7] == "http://" || len(u) > 8 && u[:8] == "https://") {
		return u
	}
	return ""
}

// IsXML recognises a schedule.xml by its content: an XML document
// whose root element is <schedule>.
func IsXML(body []byte) bool {
	d := newXMLDecoder(body)
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local == "schedule"
		}
	}
}

// newXMLDecoder reads body in the encoding its XML declaration names:
// UTF-8 mostly, but an older export may be ISO-8859-1 or Windows-1252,
// which encoding/xml alone refuses.
func newXMLDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// ReadXML reads a frab/pretalx schedule.xml into a Program. Its events are
// read one by one, and each one's abstract is converted on a par.Queue
// while the events after it are read.
func ReadXML(body []byte, pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	q := par.NewQueue()
	defer q.Close()
	sched, err := readXMLEvents(body, func(e *readEvent) { convertAbstract(q, e, pageURL) })
	if err != nil {
		return nil, fmt.Errorf("not a readable schedule.xml: %w", err)
	}
	return sched.program(pageURL, opt)
}

// readXMLEvents reads a schedule.xml as xml.Unmarshal would read it into
// an xmlSchedule, and hands each event to read as soon as it is read.
func readXMLEvents(body []byte, read func(*readEvent)) (*readSchedule, error) {
	d := newXMLDecoder(body)
	var s xmlSchedule
	var days []readDay
	var day *readDay       // the <day> being read
	var direct []readEvent // its events in no <room> (old pentabarf), read after the rooms'
	room := ""             // the <room> being read
	depth := 0             // elements open: 1 in <schedule>, 2 in a <day>
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err // io.EOF: no <schedule> at all
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if depth == 2 && day != nil {
				day.Events = append(day.Events, direct...)
				direct = nil
				sortEvents(day.Events)
				days = append(days, *day)
				day = nil
			}
			if depth--; depth == 0 {
				return scheduleOf(s, days), nil // what follows the root is not read
			}
		case xml.StartElement:
			depth++
			name := t.Name.Local
			switch {
			case depth == 1 && name != "schedule":
				return nil, fmt.Errorf("expected element type <schedule> but have <%s>", name)
			case depth == 1:
				s.XMLName = t.Name
				continue
			case depth == 2 && name == "day":
				day = &readDay{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "index": // as xml.Unmarshal reads an int: empty is 0
						if a.Value == "" {
							continue
						}
						if day.Index, err = strconv.Atoi(strings.TrimSpace(a.Value)); err != nil {
							return nil, fmt.Errorf("day index %q is not a number", a.Value)
						}
					case "date":
						day.Date = a.Value
					case "start":
						day.Start = a.Value
					}
				}
				continue
			case depth == 3 && name == "room" && day != nil:
				room = ""
				for _, a := range t.Attr {
					if a.Name.Local == "name" {
						room = a.Value
					}
				}
				continue
			case depth == 2 && name == "conference":
				err = d.DecodeElement(&s.Conference, &t)
			case depth == 2 && name == "url":
				err = d.DecodeElement(&s.URL, &t)
			case (depth == 3 || depth == 4) && name == "event" && day != nil:
				var e xmlEvent
				if err = d.DecodeElement(&e, &t); err == nil {
					list := &day.Events
					if depth == 3 {
						list = &direct
						room = "" // an event of the day, in no room
					}
					*list = append(*list, readEventOf(e, room))
					read(&(*list)[len(*list)-1])
				}
			default:
				err = d.Skip()
			}
			depth-- // DecodeElement and Skip have read its end
			if err != nil {
				return nil, err
			}
		}
	}
}

func scheduleOf(s xmlSchedule, days []readDay) *readSchedule {
	return &readSchedule{Acronym: s.Conference.Acronym, Title: s.Conference.Title, TimeZone: s.Conference.TimeZoneName,
		URL: cmp.Or(s.Conference.URL, s.Conference.BaseURL, s.URL), Days: days}
}

// readEventOf is an event of a schedule.xml as every format's events are
// read; room is the <room> it is listed in, if any.
func readEventOf(e xmlEvent, room string) readEvent {
	ev := readEvent{ID: e.ID, GUID: e.GUID, Slug: e.Slug, Title: e.Title, Subtitle: e.Subtitle,
		Type: e.Type, Track: e.Track, Room: cmp.Or(e.Room, room), URL: e.URL, Abstract: e.Abstract,
		Description: e.Description, Date: e.Date, Start: e.Start, Duration: e.Duration}
	for _, p := range e.Persons {
		ev.Speakers = append(ev.Speakers, program.Speaker{Name: p.Name})
	}
	for _, l := range e.Links {
		ev.Links = append(ev.Links, readLink{l.Href, l.Title, l.Type})
	}
	for _, a := range e.Attachments {
		ev.Links = append(ev.Links, readLink{a.Href, a.Title, a.Type})
	}
	return ev
}
