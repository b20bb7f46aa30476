package program

import (
	"fmt"
	"sort"
	"strings"
)

// Merge refreshes old with a fresh scrape: the result has fresh's scraped
// fields and old's user-owned ones (post, the notes of every day and talk,
// a time zone the user set). Talks match by id. A talk gone upstream is
// kept with Withdrawn set when it has notes, and dropped otherwise; a day
// gone upstream is kept when it has notes. The returned lines say what
// changed, one per talk.
func Merge(old, fresh *Program) (*Program, []string) {
	out := *fresh
	out.Days = append([]Day(nil), fresh.Days...)
	out.Post = old.Post
	if old.Conference.Timezone != "" {
		out.Conference.Timezone = old.Conference.Timezone
	}

	type place struct {
		date string
		talk *Talk
	}
	before := map[string]place{}
	for di := range old.Days {
		for ti := range old.Days[di].Talks {
			t := &old.Days[di].Talks[ti]
			before[t.ID] = place{old.Days[di].Date, t}
		}
	}
	oldDays := map[string]*Day{}
	for i := range old.Days {
		oldDays[old.Days[i].Date] = &old.Days[i]
	}

	var report []string
	seen := map[string]bool{}
	dayIndex := map[string]int{}
	for di := range out.Days {
		d := &out.Days[di]
		dayIndex[d.Date] = di
		if od := oldDays[d.Date]; od != nil {
			d.Notes = od.Notes
		}
		d.Talks = append([]Talk(nil), d.Talks...)
		for ti := range d.Talks {
			t := &d.Talks[ti]
			seen[t.ID] = true
			was, ok := before[t.ID]
			if !ok {
				report = append(report, fmt.Sprintf("added %s: %s", t.ID, t.Title))
				continue
			}
			t.Notes = was.talk.Notes
			report = append(report, changes(was.date, was.talk, d.Date, t)...)
		}
	}
	for _, od := range old.Days {
		for _, t := range od.Talks {
			if seen[t.ID] {
				continue
			}
			if t.Notes == nil {
				report = append(report, fmt.Sprintf("dropped %s: gone from the program", t.ID))
				continue
			}
			if !t.Withdrawn {
				report = append(report, fmt.Sprintf("withdrawn %s: gone from the program; kept for its notes", t.ID))
			}
			t.Withdrawn = true
			di, ok := dayIndex[od.Date]
			if !ok {
				di = len(out.Days)
				dayIndex[od.Date] = di
				out.Days = append(out.Days, Day{Date: od.Date, Notes: od.Notes})
			}
			out.Days[di].Talks = append(out.Days[di].Talks, t)
		}
		if _, ok := dayIndex[od.Date]; !ok && od.Notes != nil {
			dayIndex[od.Date] = len(out.Days)
			out.Days = append(out.Days, Day{Date: od.Date, Notes: od.Notes})
		}
	}
	out.SortDays()
	return &out, report
}

// changes describes how a talk differs between two scrapes.
func changes(oldDate string, was *Talk, newDate string, now *Talk) []string {
	var out []string
	placed := was.Start != "" || was.Room != "" // a talk typed in by hand has no place to move from
	if oldDate != newDate || placed && (was.Start != now.Start || was.End != now.End || was.Room != now.Room) {
		out = append(out, fmt.Sprintf("moved %s: %s %s-%s %s -> %s %s-%s %s", now.ID,
			oldDate, was.Start, was.End, was.Room, newDate, now.Start, now.End, now.Room))
	}
	if was.Title != now.Title {
		out = append(out, fmt.Sprintf("retitled %s: %q -> %q", now.ID, was.Title, now.Title))
	}
	if speakerList(was.Speakers) != speakerList(now.Speakers) {
		out = append(out, fmt.Sprintf("speakers changed %s: %s -> %s", now.ID, speakerList(was.Speakers), speakerList(now.Speakers)))
	}
	var added []string
	for _, k := range [][3]string{{"paper", was.Media.Paper, now.Media.Paper}, {"slides", was.Media.Slides, now.Media.Slides},
		{"video", was.Media.Video, now.Media.Video}, {"audio", was.Media.Audio, now.Media.Audio}} {
		if k[1] == "" && k[2] != "" {
			added = append(added, k[0])
		}
	}
	if len(added) > 0 {
		sort.Strings(added)
		out = append(out, fmt.Sprintf("media added %s: %s", now.ID, strings.Join(added, ", ")))
	}
	return out
}

func speakerList(sp []Speaker) string {
	if len(sp) == 0 {
		return "(none)"
	}
	names := make([]string, len(sp))
	for i, s := range sp {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
