package scraper

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"

	"github.com/confdigest/confdigest/program"
)

// The c3voc schedule JSON, as pretalx and frab export it
// (../shared/schemas/schema.json).
type c3vocFile struct {
	Schedule struct {
		Conference struct {
			Acronym  string `json:"acronym"`
			Title    string `json:"title"`
			TimeZone string `json:"time_zone_name"`
			URL      string `json:"url"`
			Days     []struct {
				Index int                     `json:"index"`
				Date  string                  `json:"date"`
				Rooms map[string][]c3vocEvent `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

type c3vocEvent struct {
	ID          json.Number `json:"id"`
	GUID        string      `json:"guid"`
	Date        string      `json:"date"`
	Start       string      `json:"start"`
	Duration    string      `json:"duration"`
	Room        string      `json:"room"`
	Slug        string      `json:"slug"`
	URL         string      `json:"url"`
	Title       string      `json:"title"`
	Subtitle    *string     `json:"subtitle"`
	Track       *string     `json:"track"`
	Type        string      `json:"type"`
	Abstract    *string     `json:"abstract"`
	Description *string     `json:"description"`
	State       string      `json:"state"` // pretalx, beyond the schema
	Persons     []struct {
		Name       string `json:"name"`
		PublicName string `json:"public_name"`
	} `json:"persons"`
	Links       []c3vocLink `json:"links"`
	Attachments []c3vocLink `json:"attachments"`
}

type c3vocLink struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// isScheduleJSON recognises a schedule JSON by its content: an object with
// schedule.conference.
func isScheduleJSON(_ string, body []byte) bool {
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

// ExtractScheduleJSON reads a c3voc/pretalx schedule.json into a Program.
func ExtractScheduleJSON(body []byte, pageURL *url.URL) (*program.Program, error) {
	var f c3vocFile
	if err := json.Unmarshal(body, &f); err != nil {
		return nil, fmt.Errorf("not a readable schedule.json: %w", err)
	}
	c := f.Schedule.Conference
	sched := &schedule{Acronym: c.Acronym, Title: c.Title, TimeZone: c.TimeZone, URL: c.URL}
	for _, d := range c.Days {
		day := scheduleDay{Index: d.Index, Date: d.Date}
		rooms := make([]string, 0, len(d.Rooms))
		for r := range d.Rooms {
			rooms = append(rooms, r)
		}
		sort.Strings(rooms) // a JSON object has no order; time order is restored below
		for _, r := range rooms {
			for _, e := range d.Rooms[r] {
				ev := scheduleEvent{ID: e.ID.String(), GUID: e.GUID, Slug: e.Slug, Title: e.Title, Subtitle: str(e.Subtitle),
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
					ev.Persons = append(ev.Persons, name)
				}
				for _, l := range append(e.Links, e.Attachments...) {
					ev.Links = append(ev.Links, scheduleLink(l))
				}
				day.Events = append(day.Events, ev)
			}
		}
		sortEvents(day.Events)
		sched.Days = append(sched.Days, day)
	}
	return sched.program(pageURL)
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
