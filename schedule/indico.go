package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/confdigest/confdigest/program"
)

// Indico's export API: /export/event/<id>.json?detail=contributions. Times
// come as {date, time, tz}; the event names its own zone.
type indicoExport struct {
	Results []indicoEvent `json:"results"`
}

type indicoEvent struct {
	ID            json.RawMessage      `json:"id"`
	Title         string               `json:"title"`
	URL           string               `json:"url"`
	Timezone      string               `json:"timezone"`
	Contributions []indicoContribution `json:"contributions"`
}

type indicoContribution struct {
	ID             json.RawMessage `json:"id"`
	Title          string          `json:"title"`
	Description    string          `json:"description"`
	StartDate      *indicoTime     `json:"startDate"`
	EndDate        *indicoTime     `json:"endDate"`
	Duration       *float64        `json:"duration"` // minutes
	Room           string          `json:"room"`
	RoomFullname   string          `json:"roomFullname"`
	Location       string          `json:"location"`
	Session        *string         `json:"session"`
	Track          *string         `json:"track"`
	Type           *string         `json:"type"`
	URL            string          `json:"url"`
	Speakers       []indicoPerson  `json:"speakers"`
	PrimaryAuthors []indicoPerson  `json:"primaryauthors"`
}

type indicoTime struct {
	Date string `json:"date"`
	Time string `json:"time"`
	TZ   string `json:"tz"`
}

type indicoPerson struct {
	FullName    string `json:"fullName"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Affiliation string `json:"affiliation"`
}

// IsIndico recognises an Indico export: results holding events with
// contributions.
func IsIndico(body []byte) bool {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	var probe struct {
		Results []struct {
			Contributions json.RawMessage `json:"contributions"`
			Type          string          `json:"_type"`
		} `json:"results"`
	}
	return json.Unmarshal(b, &probe) == nil && len(probe.Results) > 0 && probe.Results[0].Contributions != nil
}

// ReadIndico reads an Indico export with its contributions: speakers (or,
// without any, the primary authors) with affiliations, rooms, sessions,
// times in the event's zone.
func ReadIndico(body []byte, pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	var ex indicoExport
	if err := json.Unmarshal(body, &ex); err != nil {
		return nil, fmt.Errorf("not a readable Indico export: %w", err)
	}
	if len(ex.Results) == 0 {
		return nil, program.ErrNoTalks
	}
	ev := ex.Results[0]
	sched := &readSchedule{Title: ev.Title, URL: ev.URL, TimeZone: ev.Timezone}
	if id := strings.Trim(string(ev.ID), `"`); id != "" && ev.Title == "" {
		sched.Title = "indico-" + id
	}
	for _, c := range ev.Contributions {
		if c.StartDate == nil {
			continue // not on the timetable
		}
		start, err := c.StartDate.moment()
		if err != nil {
			return nil, fmt.Errorf("contribution %q: %w", c.Title, err)
		}
		e := readEvent{Title: c.Title, Description: c.Description, URL: c.URL, At: start}
		if c.EndDate != nil {
			e.Until, _ = c.EndDate.moment()
		} else if c.Duration != nil {
			e.Until = start.Add(time.Duration(*c.Duration * float64(time.Minute)))
		}
		e.Room = firstNonEmpty(c.RoomFullname, c.Room, c.Location)
		e.Session = deref(c.Session)
		e.Track = deref(c.Track)
		e.Type = deref(c.Type)
		people := c.Speakers
		if len(people) == 0 {
			people = c.PrimaryAuthors
		}
		for _, p := range people {
			e.Speakers = append(e.Speakers, program.Speaker{Name: p.name(), Affiliation: p.Affiliation})
		}
		sched.Events = append(sched.Events, e)
	}
	return sched.program(pageURL, opt)
}

// moment reads {date, time, tz}; an unknown zone is an error.
func (t *indicoTime) moment() (time.Time, error) {
	loc, err := time.LoadLocation(t.TZ)
	if err != nil || t.TZ == "" {
		loc = time.UTC
	}
	clock := t.Time
	if i := strings.IndexByte(clock, '.'); i >= 0 {
		clock = clock[:i]
	}
	at, err := time.ParseInLocation("2006-01-02 15:04:05", t.Date+" "+clock, loc)
	if err != nil {
		return at, fmt.Errorf("time %s %s is not a date and time", t.Date, t.Time)
	}
	return at, nil
}

// name is "First Last": Indico's fullName is "Last, First".
func (p indicoPerson) name() string {
	if p.FirstName != "" || p.LastName != "" {
		return strings.TrimSpace(p.FirstName + " " + p.LastName)
	}
	if last, first, ok := strings.Cut(p.FullName, ", "); ok {
		return first + " " + last
	}
	return p.FullName
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
