package schedule

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"

	"github.com/google/uuid"

	"github.com/confdigest/confdigest/program"
)

// The c3voc schedule JSON (testdata/schemas/schedule.json), as frab and
// pretalx export it: one set of types, read and written. Fields only readers
// meet (null texts, pretalx's state, public names, attachments) are left out
// of what confdigest writes when empty.
type jsonFile struct {
	Schema    string        `json:"$schema"`
	Generator jsonGenerator `json:"generator"`
	Schedule  jsonSchedule  `json:"schedule"`
}

type jsonGenerator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSchedule struct {
	Version    string         `json:"version"`
	BaseURL    string         `json:"base_url,omitempty"` // read only: the schedule's web address
	Conference jsonConference `json:"conference"`
}

type jsonConference struct {
	Acronym          string     `json:"acronym"`
	Title            string     `json:"title"`
	Start            string     `json:"start"`
	End              string     `json:"end"`
	DaysCount        int        `json:"daysCount"`
	TimeslotDuration string     `json:"timeslot_duration"`
	TimeZoneName     string     `json:"time_zone_name,omitempty"`
	URL              string     `json:"url,omitempty"`
	Rooms            []jsonRoom `json:"rooms"`
	Days             []jsonDay  `json:"days"`
}

type jsonRoom struct {
	Name string `json:"name"`
	GUID string `json:"guid"`
}

type jsonDay struct {
	Index    int                    `json:"index"`
	Date     string                 `json:"date"`
	DayStart string                 `json:"day_start"`
	DayEnd   string                 `json:"day_end"`
	Rooms    map[string][]jsonEvent `json:"rooms"`
}

type jsonEvent struct {
	GUID     string       `json:"guid"`
	ID       json.Number  `json:"id"`
	Date     string       `json:"date"`
	Start    string       `json:"start"`
	End      string       `json:"end"`
	Duration string       `json:"duration"`
	Room     string       `json:"room"`
	Slug     string       `json:"slug"`
	URL      string       `json:"url"`
	Title    string       `json:"title"`
	Subtitle *string      `json:"subtitle"`
	Track    *string      `json:"track"`
	Type     string       `json:"type"`
	Language string       `json:"language"`
	Abstract *string      `json:"abstract"`
	Persons  []jsonPerson `json:"persons"`
	Links    []jsonLink   `json:"links"`

	Description *string    `json:"description,omitempty"`
	State       string     `json:"state,omitempty"` // pretalx, beyond the schema
	Attachments []jsonLink `json:"attachments,omitempty"`
}

type jsonPerson struct {
	Name       string `json:"name"`
	GUID       string `json:"guid,omitempty"`
	PublicName string `json:"public_name,omitempty"`
}

type jsonLink struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// WriteJSON writes p as a c3voc schedule JSON (the format of pretalx's
// schedule.json export).
func WriteJSON(w io.Writer, p *program.Program, version string) ([]string, error) {
	pl, err := place(p, scheduled)
	if err != nil {
		return nil, err
	}
	warnUTC(pl)
	conf := jsonConference{
		Acronym: acronym(p.Conference.ID), Title: p.Conference.Name,
		Start: p.Days[0].Date, End: p.Days[len(p.Days)-1].Date, DaysCount: len(p.Days),
		TimeslotDuration: "00:05", TimeZoneName: p.Conference.Timezone, URL: httpURL(p.Conference.URL),
		Rooms: []jsonRoom{}, Days: []jsonDay{},
	}
	seenRoom := map[string]bool{}
	byDay := pl.byDay()
	for di := 1; di <= len(p.Days); di++ {
		evs := byDay[di]
		start, end := pl.dayBounds(di, evs)
		day := jsonDay{Index: di, Date: p.Days[di-1].Date, DayStart: start.Format(dateTimeTZ), DayEnd: end.Format(dateTimeTZ), Rooms: map[string][]jsonEvent{}}
		for _, e := range evs {
			t := e.talk
			r := room(t)
			if !seenRoom[r] {
				seenRoom[r] = true
				conf.Rooms = append(conf.Rooms, jsonRoom{Name: r, GUID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("confdigest:"+p.Conference.ID+"/room/"+r)).String()})
			}
			url := httpURL(t.URL)
			if url == "" {
				url = httpURL(p.Conference.URL)
			}
			je := jsonEvent{
				GUID: guid(p, t), ID: json.Number(strconv.Itoa(e.id)), Date: e.start.Format(dateTimeTZ), Start: e.start.Format("15:04"), End: e.end.Format(dateTimeTZ),
				Duration: duration(e.end.Sub(e.start)), Room: r, Slug: eventSlug(p, e), URL: url,
				Title: t.Title, Type: "talk", Language: "en", Abstract: &t.Abstract,
				Persons: []jsonPerson{}, Links: []jsonLink{},
			}
			if t.Track != "" {
				je.Track = &t.Track
			}
			for _, sp := range t.Speakers {
				je.Persons = append(je.Persons, jsonPerson{Name: sp.Name, GUID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("confdigest:person/"+sp.Name)).String()})
			}
			for _, l := range mediaLinks(t) {
				je.Links = append(je.Links, jsonLink{URL: l.url, Title: l.title, Type: l.kind})
			}
			day.Rooms[r] = append(day.Rooms[r], je)
		}
		conf.Days = append(conf.Days, day)
	}
	out := jsonFile{
		Schema:    "https://c3voc.de/schedule/schema.json",
		Generator: jsonGenerator{Name: "confdigest", Version: version},
		Schedule:  jsonSchedule{Version: "confdigest " + version, Conference: conf},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return pl.warnings, enc.Encode(out)
}

// IsJSON recognises a schedule JSON by its content: an object with
// schedule.conference.
func IsJSON(body []byte) bool {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	var probe struct {
		Schedule *struct {
			Conference *json.RawMessage `json:"conference"`
		} `json:"schedule"`
	}
	return json.Unmarshal(b, &probe) == nil && probe.Schedule != nil && probe.Schedule.Conference != nil
}

// ReadJSON reads a c3voc/pretalx schedule.json into a Program.
func ReadJSON(body []byte, pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	var f jsonFile
	if err := json.Unmarshal(body, &f); err != nil {
		return nil, fmt.Errorf("not a readable schedule.json: %w", err)
	}
	c := f.Schedule.Conference
	sched := &readSchedule{Acronym: c.Acronym, Title: c.Title, TimeZone: c.TimeZoneName, URL: cmp.Or(c.URL, f.Schedule.BaseURL)}
	for _, d := range c.Days {
		day := readDay{Index: d.Index, Date: d.Date, Start: d.DayStart}
		rooms := make([]string, 0, len(d.Rooms))
		for r := range d.Rooms {
			rooms = append(rooms, r)
		}
		sort.Strings(rooms) // a JSON object has no order; time order is restored below
		for _, r := range rooms {
			for _, e := range d.Rooms[r] {
				ev := readEvent{ID: e.ID.String(), GUID: e.GUID, Slug: e.Slug, Title: e.Title, Subtitle: str(e.Subtitle),
					Type: e.Type, Track: str(e.Track), Room: e.Room, URL: e.URL, Abstract: str(e.Abstract),
					Description: str(e.Description), State: e.State, Date: e.Date, Start: e.Start, Duration: e.Duration}
				if ev.Room == "" {
					ev.Room = r
				}
				for _, p := range e.Persons {
					name := p.Name
					if name == "" {
						name = p.PublicName
					}
					ev.Speakers = append(ev.Speakers, program.Speaker{Name: name})
				}
				for _, l := range append(e.Links, e.Attachments...) {
					ev.Links = append(ev.Links, readLink(l))
				}
				day.Events = append(day.Events, ev)
			}
		}
		sortEvents(day.Events)
		sched.Days = append(sched.Days, day)
	}
	return sched.program(pageURL, opt)
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
