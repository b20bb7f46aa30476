package scraper

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
	"github.com/confdigest/confdigest/schedule"
)

// The real exports in ../shared/examples (README there) import whole: each
// talk is checked against what a plain reading of the file says of its
// event (conference day, local start, room, speakers). Nothing of the files
// is copied here; the expected facts come from the files themselves.

// eventFact is one event as the file says it: its conference day, local
// start, room, title and speakers, folded to one comparable line.
type eventFact struct{ date, start, room, title, speakers string }

func (f eventFact) String() string {
	return strings.Join([]string{f.date, f.start, f.room, f.title, f.speakers}, " | ")
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

func programFacts(p *program.Program) []string {
	var out []string
	for _, d := range p.Days {
		for _, t := range d.Talks {
			var names []string
			for _, sp := range t.Speakers {
				names = append(names, sp.Name)
			}
			out = append(out, eventFact{d.Date, t.Start, t.Room, t.Title, strings.Join(names, ", ")}.String())
		}
	}
	sort.Strings(out)
	return out
}

func TestSharedExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "examples", "schedules")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Skip("no ../shared/examples here")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse("https://example.org/" + filepath.Base(file))
			src := detect("application/octet-stream", data)
			p, err := src.read(data, u, schedule.ReadOptions{})
			if err != nil {
				t.Fatalf("read as %s: %v", src.name, err)
			}
			out, err := yamlfile.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := yamlfile.Unmarshal(out, file); err != nil {
				t.Fatalf("the program file is invalid: %v", err)
			}
			var want []eventFact
			var zone string
			switch {
			case strings.HasSuffix(file, ".xml"):
				want, zone = xmlFacts(t, data)
			case strings.HasSuffix(file, ".ics"):
				want, zone = icsFacts(t, data)
			case strings.Contains(file, "sessionize"):
				want = sessionizeFacts(t, data)
			case strings.Contains(file, "indico"):
				want, zone = indicoFacts(t, data)
			default:
				want, zone = c3vocFacts(t, data)
			}
			if p.Conference.Timezone != zone {
				t.Errorf("timezone %q, want %q", p.Conference.Timezone, zone)
			}
			compareFacts(t, programFacts(p), want)
		})
	}
}

// compareFacts: every talk is an event of the file, and every event the
// file has is a talk.
func compareFacts(t *testing.T, got []string, want []eventFact) {
	t.Helper()
	w := make([]string, len(want))
	for i, f := range want {
		w[i] = f.String()
	}
	sort.Strings(w)
	missing, extra := diffSorted(w, got)
	for i, m := range missing {
		if i == 5 {
			t.Errorf("… %d more events missing", len(missing)-5)
			break
		}
		t.Errorf("event not imported as it is: %s", m)
	}
	for i, x := range extra {
		if i == 5 {
			t.Errorf("… %d more talks the file does not have", len(extra)-5)
			break
		}
		t.Errorf("talk not in the file: %s", x)
	}
	if len(got) == 0 {
		t.Error("no talks")
	}
}

func diffSorted(want, got []string) (missing, extra []string) {
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i] < got[j]:
			missing = append(missing, want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			extra = append(extra, got[j])
			j++
		default:
			i++
			j++
		}
	}
	return missing, extra
}

func zoneOf(t *testing.T, name string) *time.Location {
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// localStart is the event's clock time in the zone, from its RFC 3339
// date, or its "start" as written.
func localStart(t *testing.T, date, start string, loc *time.Location) (string, time.Time) {
	if date != "" {
		at, err := time.Parse(time.RFC3339, date)
		if err != nil {
			t.Fatal(err)
		}
		if loc != nil {
			at = at.In(loc)
		}
		return at.Format("15:04"), at
	}
	return start, time.Time{}
}

func xmlFacts(t *testing.T, data []byte) ([]eventFact, string) {
	type ev struct {
		Date    string `xml:"date"`
		Start   string `xml:"start"`
		Room    string `xml:"room"`
		Title   string `xml:"title"`
		Text    string `xml:"abstract"`
		More    string `xml:"description"`
		Persons []struct {
			Name string `xml:",chardata"`
		} `xml:"persons>person"`
	}
	// Meals and breaks with no speaker and at most a line of text are no
	// talks (wafer's "Breakfast", pentabarf's "XMPP Lunch Break").
	meal := regexp.MustCompile(`(?i)^(breakfast|lunch|dinner|(\w+ )?(lunch )?break)$`)
	tags := regexp.MustCompile(`<[^>]*>`)
	var s struct {
		Zone string `xml:"conference>time_zone_name"`
		Days []struct {
			Date   string `xml:"date,attr"`
			Start  string `xml:"start,attr"`
			Events []ev   `xml:"event"`
			Rooms  []struct {
				Events []ev `xml:"event"`
			} `xml:"room"`
		} `xml:"day"`
	}
	if err := xml.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	loc := zoneOf(t, s.Zone)
	var out []eventFact
	for _, d := range s.Days {
		day := d.Date
		if loc != nil && d.Start != "" {
			at, err := time.Parse(time.RFC3339, d.Start)
			if err != nil {
				t.Fatal(err)
			}
			day = at.In(loc).Format(time.DateOnly) // the local day the day starts on
		}
		events := d.Events
		for _, r := range d.Rooms {
			events = append(events, r.Events...)
		}
		for _, e := range events {
			start, _ := localStart(t, e.Date, e.Start, loc)
			var names []string
			for _, p := range e.Persons {
				if n := fold(p.Name); n != "" {
					names = append(names, n)
				}
			}
			if text := fold(tags.ReplaceAllString(html.UnescapeString(e.Text+" "+e.More), " ")); len(names) == 0 && meal.MatchString(fold(e.Title)) && len(text) <= 60 {
				continue
			}
			out = append(out, eventFact{day, start, fold(e.Room), fold(e.Title), strings.Join(names, ", ")})
		}
	}
	return out, s.Zone
}

func c3vocFacts(t *testing.T, data []byte) ([]eventFact, string) {
	var f struct {
		Schedule struct {
			Conference struct {
				Zone string `json:"time_zone_name"`
				Days []struct {
					Date  string `json:"date"`
					Rooms map[string][]struct {
						Date, Start, Room, Title, State string
						Persons                         []struct {
							Name       string `json:"name"`
							PublicName string `json:"public_name"`
						} `json:"persons"`
					} `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	c := f.Schedule.Conference
	loc := zoneOf(t, c.Zone)
	var out []eventFact
	for _, d := range c.Days {
		for room, evs := range d.Rooms {
			for _, e := range evs {
				if e.State == "canceled" || e.State == "cancelled" {
					continue
				}
				start, _ := localStart(t, e.Date, e.Start, loc)
				if e.Room != "" {
					room = e.Room
				}
				var names []string
				for _, p := range e.Persons {
					n := p.Name
					if n == "" {
						n = p.PublicName
					}
					names = append(names, fold(n))
				}
				out = append(out, eventFact{d.Date, start, fold(room), fold(e.Title), strings.Join(names, ", ")})
			}
		}
	}
	return out, c.Zone
}

// icsFacts reads the VEVENTs line by line (unfolded). Talks are the
// entries with a page or a speaker of their own; entries titled as meals,
// breaks or registration, all-day entries and cancelled ones are not. A
// slot of the grid (the site's address for a page, no speaker) is an
// event when its description's first line names one: linux.conf.au's
// Penguin Dinner, AGM, BoF; not "No description", "TBA", a changeover.
func icsFacts(t *testing.T, data []byte) ([]eventFact, string) {
	text := strings.NewReplacer("\r\n ", "", "\n ", "", "\r\n\t", "", "\n\t", "").Replace(string(data))
	text = strings.ReplaceAll(text, "\r\n", "\n")
	zone := ""
	if m := regexp.MustCompile(`(?m)^X-WR-TIMEZONE:(.+)$`).FindStringSubmatch(text); m != nil {
		zone = strings.TrimSpace(m[1])
	}
	urls := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^URL[^:]*:(.*)$`).FindAllStringSubmatch(text, -1) {
		urls[strings.TrimSpace(m[1])]++
	}
	notTalk := regexp.MustCompile(`(?i)^(pause|buffet|déjeuner|accueil.*|registration.*|lunch|morning tea|afternoon tea|.*break)$`)
	emptySlot := regexp.MustCompile(`(?i)^(no description|tba|unscheduled|room chang\w*|talks end|.*registration.*|lunch.*|(morning|afternoon) tea.*)$`)
	var out []eventFact
	for _, block := range strings.Split(text, "BEGIN:VEVENT")[1:] {
		props := map[string]string{}
		params := map[string]string{}
		for _, line := range strings.Split(block, "\n") {
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			key, param, _ := strings.Cut(name, ";")
			props[key], params[key] = value, param
		}
		unescape := strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\N`, "\n", `\\`, `\`).Replace
		title := fold(unescape(props["SUMMARY"]))
		desc := unescape(props["DESCRIPTION"])
		var speakers string
		if m := regexp.MustCompile(`^Speakers?: (.*)`).FindStringSubmatch(desc); m != nil {
			speakers = strings.Join(strings.Fields(strings.ReplaceAll(strings.ReplaceAll(m[1], " and ", ", "), " & ", ", ")), " ")
		}
		own := props["URL"] != "" && urls[props["URL"]] == 1
		if len(urls) > 3 && !own && speakers == "" {
			// A slot of the grid: its SUMMARY is the slot's kind, and the
			// first line of its description, if any, names the event.
			first, _, _ := strings.Cut(desc, "\n")
			title = fold(html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(first, " ")))
			title = strings.ReplaceAll(title, " ,", ",")
			if title == "" || emptySlot.MatchString(title) {
				continue
			}
		} else if notTalk.MatchString(title) {
			continue
		}
		if strings.Contains(params["DTSTART"], "VALUE=DATE;") || strings.HasSuffix(params["DTSTART"], "VALUE=DATE") ||
			props["STATUS"] == "CANCELLED" {
			continue
		}
		tz := zone
		if m := regexp.MustCompile(`TZID=([^;:]+)`).FindStringSubmatch(params["DTSTART"]); m != nil && tz == "" {
			tz, zone = m[1], m[1]
		}
		at, err := time.ParseInLocation("20060102T150405", strings.TrimSuffix(props["DTSTART"], "Z"), zoneOf(t, tz))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, eventFact{at.Format(time.DateOnly), at.Format("15:04"), fold(unescape(props["LOCATION"])), title, speakers})
	}
	return out, zone
}

func sessionizeFacts(t *testing.T, data []byte) []eventFact {
	var f struct {
		Sessions []struct {
			Title            string
			StartsAt         *string
			IsServiceSession bool
			Speakers         []string
			RoomID           int
		}
		Speakers []struct{ ID, FullName string }
		Rooms    []struct {
			ID   int
			Name string
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range f.Speakers {
		names[s.ID] = s.FullName
	}
	rooms := map[int]string{}
	for _, r := range f.Rooms {
		rooms[r.ID] = r.Name
	}
	var out []eventFact
	for _, s := range f.Sessions {
		if s.IsServiceSession || s.StartsAt == nil {
			continue
		}
		var sp []string
		for _, id := range s.Speakers {
			sp = append(sp, names[id])
		}
		// Local times without a zone: the date and clock as written.
		out = append(out, eventFact{(*s.StartsAt)[:10], (*s.StartsAt)[11:16], rooms[s.RoomID], fold(s.Title), strings.Join(sp, ", ")})
	}
	return out
}

func indicoFacts(t *testing.T, data []byte) ([]eventFact, string) {
	var f struct {
		Results []struct {
			Timezone      string
			Contributions []struct {
				Title        string
				RoomFullname string
				StartDate    *struct{ Date, Time, TZ string }
				Speakers     []struct{ FirstName, LastName string } `json:"speakers"`
				Primary      []struct {
					First string `json:"first_name"`
					Last  string `json:"last_name"`
				} `json:"primaryauthors"`
			}
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	ev := f.Results[0]
	loc := zoneOf(t, ev.Timezone)
	var out []eventFact
	for _, c := range ev.Contributions {
		if c.StartDate == nil {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", c.StartDate.Date+" "+c.StartDate.Time, zoneOf(t, c.StartDate.TZ))
		if err != nil {
			t.Fatal(err)
		}
		at = at.In(loc)
		var sp []string
		for _, p := range c.Primary {
			sp = append(sp, fold(p.First+" "+p.Last))
		}
		if len(c.Speakers) > 0 {
			t.Fatalf("speakers listed: this test reads primary authors only")
		}
		out = append(out, eventFact{at.Format(time.DateOnly), at.Format("15:04"), fold(c.RoomFullname), fold(c.Title), strings.Join(sp, ", ")})
	}
	return out, ev.Timezone
}
