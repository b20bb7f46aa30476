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

// Sessionize's API v2: view/All (sessions, speakers, rooms and categories
// referring to each other by id), or view/Sessions (sessions grouped by
// day or room, speakers by name). Its times carry no zone: they are the
// conference's local times.
type sessionizeAll struct {
	Sessions   []sessionizeSession  `json:"sessions"`
	Speakers   []sessionizeSpeaker  `json:"speakers"`
	Rooms      []sessionizeRoom     `json:"rooms"`
	Categories []sessionizeCategory `json:"categories"`
}

type sessionizeSession struct {
	ID               json.RawMessage `json:"id"` // a string, or a number for service sessions
	Title            string          `json:"title"`
	Description      *string         `json:"description"`
	StartsAt         string          `json:"startsAt"`
	EndsAt           string          `json:"endsAt"`
	IsServiceSession bool            `json:"isServiceSession"`
	Speakers         json.RawMessage `json:"speakers"` // ids (view/All) or {id, name} (view/Sessions)
	CategoryItems    json.RawMessage `json:"categoryItems"`
	Categories       []struct {
		Name          string                  `json:"name"`
		CategoryItems []struct{ Name string } `json:"categoryItems"`
	} `json:"categories"`
	RoomID       *int    `json:"roomId"`
	Room         *string `json:"room"`
	RecordingURL *string `json:"recordingUrl"`
	Status       string  `json:"status"`
}

type sessionizeSpeaker struct {
	ID       string `json:"id"`
	FullName string `json:"fullName"`
	TagLine  string `json:"tagLine"`
}

type sessionizeRoom struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type sessionizeCategory struct {
	Title string `json:"title"`
	Items []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	} `json:"items"`
}

// sessionizeGroup is one group of view/Sessions: a day or a room.
type sessionizeGroup struct {
	GroupName string              `json:"groupName"`
	Sessions  []sessionizeSession `json:"sessions"`
}

// IsSessionize recognises Sessionize's view/All (an object with sessions
// and speakers whose sessions have startsAt) or view/Sessions (a list of
// groups of such sessions).
func IsSessionize(body []byte) bool {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return false
	}
	switch b[0] {
	case '{':
		var probe struct {
			Sessions []struct {
				StartsAt *string `json:"startsAt"`
			} `json:"sessions"`
			Speakers json.RawMessage `json:"speakers"`
		}
		return json.Unmarshal(b, &probe) == nil && len(probe.Sessions) > 0 && probe.Sessions[0].StartsAt != nil && probe.Speakers != nil
	case '[':
		var probe []struct {
			GroupName *string `json:"groupName"`
			Sessions  []struct {
				StartsAt *string `json:"startsAt"`
			} `json:"sessions"`
		}
		return json.Unmarshal(b, &probe) == nil && len(probe) > 0 && probe[0].GroupName != nil
	}
	return false
}

// ReadSessionize reads a Sessionize export. Service sessions (breaks,
// registration) are not talks; the recording URL is the talk's video.
func ReadSessionize(body []byte, pageURL *url.URL, opt ReadOptions) (*program.Program, error) {
	var all sessionizeAll
	b := bytes.TrimSpace(body)
	if len(b) > 0 && b[0] == '[' {
		var groups []sessionizeGroup
		if err := json.Unmarshal(b, &groups); err != nil {
			return nil, fmt.Errorf("not a readable Sessionize export: %w", err)
		}
		seen := map[string]bool{}
		for _, g := range groups {
			for _, s := range g.Sessions {
				if !seen[string(s.ID)] { // grouped by room and by day, a session may come twice
					seen[string(s.ID)] = true
					all.Sessions = append(all.Sessions, s)
				}
			}
		}
	} else if err := json.Unmarshal(b, &all); err != nil {
		return nil, fmt.Errorf("not a readable Sessionize export: %w", err)
	}
	speakers := map[string]sessionizeSpeaker{}
	for _, sp := range all.Speakers {
		speakers[sp.ID] = sp
	}
	rooms := map[int]string{}
	for _, r := range all.Rooms {
		rooms[r.ID] = r.Name
	}
	categories := map[int]string{}
	for _, c := range all.Categories {
		for _, it := range c.Items {
			categories[it.ID] = it.Name
		}
	}
	sched := &readSchedule{Title: sessionizeTitle(pageURL), URL: pageURL.String()}
	for _, s := range all.Sessions {
		if s.IsServiceSession || s.StartsAt == "" {
			continue
		}
		start, err := time.Parse("2006-01-02T15:04:05", s.StartsAt)
		if err != nil {
			return nil, fmt.Errorf("session %q: startsAt %q is not a local date and time", s.Title, s.StartsAt)
		}
		end, _ := time.Parse("2006-01-02T15:04:05", s.EndsAt)
		e := readEvent{Title: s.Title, At: start, Until: end, Floating: true, State: s.Status}
		if strings.EqualFold(s.Status, "accepted") || s.Status == "" {
			e.State = ""
		}
		if s.Description != nil {
			e.Description = *s.Description
		}
		if s.RoomID != nil {
			e.Room = rooms[*s.RoomID]
		}
		if e.Room == "" && s.Room != nil {
			e.Room = *s.Room // view/Sessions names the room in the session
		}
		if s.RecordingURL != nil && *s.RecordingURL != "" {
			e.Links = append(e.Links, readLink{URL: *s.RecordingURL, Type: "video", Title: "Recording"})
		}
		e.Speakers = sessionizeSpeakers(s.Speakers, speakers)
		e.Track = sessionizeTrack(s, categories)
		sched.Events = append(sched.Events, e)
	}
	return sched.program(pageURL, opt)
}

func sessionizeSpeakers(raw json.RawMessage, byID map[string]sessionizeSpeaker) []program.Speaker {
	var out []program.Speaker
	var ids []string
	if json.Unmarshal(raw, &ids) == nil {
		for _, id := range ids {
			if sp, ok := byID[id]; ok {
				out = append(out, program.Speaker{Name: sp.FullName})
			}
		}
		return out
	}
	var named []struct{ Name string }
	if json.Unmarshal(raw, &named) == nil {
		for _, n := range named {
			out = append(out, program.Speaker{Name: n.Name})
		}
	}
	return out
}

// sessionizeTrack is the session's first category item: its track.
func sessionizeTrack(s sessionizeSession, byID map[int]string) string {
	var ids []int
	if json.Unmarshal(s.CategoryItems, &ids) == nil {
		for _, id := range ids {
			if name := byID[id]; name != "" {
				return name
			}
		}
	}
	for _, c := range s.Categories {
		for _, it := range c.CategoryItems {
			if it.Name != "" {
				return it.Name
			}
		}
	}
	return ""
}

// sessionizeTitle: the export names no conference; its address names the
// event ("sessionize.com/api/v2/<id>/view/All" says little, a conference's
// own host more).
func sessionizeTitle(u *url.URL) string {
	if u == nil {
		return "sessionize"
	}
	if strings.HasSuffix(u.Hostname(), "sessionize.com") {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i, p := range parts {
			if p == "v2" && i+1 < len(parts) {
				return "sessionize-" + parts[i+1]
			}
		}
	}
	base := strings.TrimSuffix(u.Path[strings.LastIndex(u.Path, "/")+1:], ".json")
	if base != "" && base != "All" && base != "Sessions" {
		return base
	}
	return u.Hostname()
}
