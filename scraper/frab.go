package scraper

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"

	"github.com/confdigest/confdigest/program"
)

// The frab/pretalx schedule.xml (../shared/schemas/schedule.xml.xsd).
type frabSchedule struct {
	Conference struct {
		Acronym  string `xml:"acronym"`
		Title    string `xml:"title"`
		TimeZone string `xml:"time_zone_name"`
		URL      string `xml:"url"`
	} `xml:"conference"`
	Days []struct {
		Index int    `xml:"index,attr"`
		Date  string `xml:"date,attr"`
		Rooms []struct {
			Name   string      `xml:"name,attr"`
			Events []frabEvent `xml:"event"`
		} `xml:"room"`
	} `xml:"day"`
}

type frabEvent struct {
	ID          string `xml:"id,attr"`
	GUID        string `xml:"guid,attr"`
	Date        string `xml:"date"`
	Start       string `xml:"start"`
	Duration    string `xml:"duration"`
	Room        string `xml:"room"`
	Slug        string `xml:"slug"`
	URL         string `xml:"url"`
	Title       string `xml:"title"`
	Subtitle    string `xml:"subtitle"`
	Track       string `xml:"track"`
	Type        string `xml:"type"`
	Abstract    string `xml:"abstract"`
	Description string `xml:"description"`
	Persons     []struct {
		Name string `xml:",chardata"`
	} `xml:"persons>person"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Title string `xml:",chardata"`
		Type  string `xml:"type,attr"`
	} `xml:"links>link"`
	Attachments []struct {
		Href  string `xml:"href,attr"`
		Title string `xml:",chardata"`
		Type  string `xml:"type,attr"`
	} `xml:"attachments>attachment"`
}

// isScheduleXML recognises a schedule.xml by its content: an XML document
// whose root element is <schedule>.
func isScheduleXML(_ string, body []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(body))
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

// ExtractScheduleXML reads a frab/pretalx schedule.xml into a Program.
func ExtractScheduleXML(body []byte, pageURL *url.URL) (*program.Program, error) {
	var s frabSchedule
	if err := xml.Unmarshal(body, &s); err != nil {
		return nil, fmt.Errorf("not a readable schedule.xml: %w", err)
	}
	sched := &schedule{Acronym: s.Conference.Acronym, Title: s.Conference.Title, TimeZone: s.Conference.TimeZone, URL: s.Conference.URL}
	for _, d := range s.Days {
		day := scheduleDay{Index: d.Index, Date: d.Date}
		for _, r := range d.Rooms {
			for _, e := range r.Events {
				ev := scheduleEvent{ID: e.ID, GUID: e.GUID, Slug: e.Slug, Title: e.Title, Subtitle: e.Subtitle,
					Type: e.Type, Track: e.Track, Room: e.Room, URL: e.URL, Abstract: e.Abstract,
					Description: e.Description, Date: e.Date, Start: e.Start, Duration: e.Duration}
				if ev.Room == "" {
					ev.Room = r.Name
				}
				for _, p := range e.Persons {
					ev.Persons = append(ev.Persons, p.Name)
				}
				for _, l := range e.Links {
					ev.Links = append(ev.Links, scheduleLink{l.Href, l.Title, l.Type})
				}
				for _, a := range e.Attachments {
					ev.Links = append(ev.Links, scheduleLink{a.Href, a.Title, a.Type})
				}
				day.Events = append(day.Events, ev)
			}
		}
		sortEvents(day.Events)
		sched.Days = append(sched.Days, day)
	}
	return sched.program(pageURL)
}
