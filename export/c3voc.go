package export

import (
	"encoding/json"
	"io"

	"github.com/google/uuid"

	"github.com/confdigest/confdigest/program"
)

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
	ID       int          `json:"id"`
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
	Abstract string       `json:"abstract"`
	Persons  []jsonPerson `json:"persons"`
	Links    []jsonLink   `json:"links"`
}

type jsonPerson struct {
	Name string `json:"name"`
	GUID string `json:"guid"`
}

type jsonLink struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Type  string `json:"type"`
}

// C3VOC writes p as a c3voc schedule JSON (the format of pretalx's
// schedule.json export).
func C3VOC(w io.Writer, p *program.Program) ([]string, error) {
	pl, err := place(p, func(*program.Talk) bool { return true })
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
				GUID: guid(p, t), ID: e.id, Date: e.start.Format(dateTimeTZ), Start: e.start.Format("15:04"), End: e.end.Format(dateTimeTZ),
				Duration: duration(e.end.Sub(e.start)), Room: r, Slug: eventSlug(p, e), URL: url,
				Title: t.Title, Type: "talk", Language: "en", Abstract: t.Abstract,
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
		Generator: jsonGenerator{Name: "confdigest", Version: Version},
		Schedule:  jsonSchedule{Version: "confdigest " + Version, Conference: conf},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return pl.warnings, enc.Encode(out)
}

// JSON writes confdigest's own model as JSON, with the program file's field
// names, for scripts.
func JSON(w io.Writer, p *program.Program) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}
