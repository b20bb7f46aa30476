package digest

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// summaryData is what the summary template sees.
type summaryData struct {
	FrontMatter string
	Title, Date string
	Conference  program.Conference
	Counts      summaryCounts
	Attended    []summaryTalk
	Top         []summaryTalk
	ToWatch     []summaryTalk
}

type summaryCounts struct{ Days, Talks, Speakers, Tracks int }

type summaryTalk struct {
	Title    string // made safe for Markdown
	Link     string // the title linked to the talk's page
	URL      string
	Day      int
	Date     string
	Rating   int
	Stars    string // "★★★★☆" for a rating of 4; "" for none
	Tags     []string
	Video    string
	Speakers string
}

// summary renders the trip report of the whole conference: every talk
// attended, the best rated, the planned or missed ones whose video is out,
// and counts of what was seen.
//
// A talk counts as seen when attended, or written about (a lead or
// commentary) unless notes say attended: false; "To watch" holds only talks
// neither attended nor written about. With no talk seen there is no
// summary: ok is false.
func (r *renderer) summary() (post Post, ok bool, err error) {
	var data summaryData
	days, speakers, tracks := map[int]bool{}, map[string]bool{}, map[string]bool{}
	for di := range r.p.Days {
		d := &r.p.Days[di]
		clock := d.Clock()
		talks := make([]*program.Talk, 0, len(d.Talks))
		for ti := range d.Talks {
			talks = append(talks, &d.Talks[ti])
		}
		sort.SliceStable(talks, func(a, b int) bool { return clock(talks[a].Start) < clock(talks[b].Start) })
		for _, t := range talks {
			n := t.Notes
			if n == nil {
				continue
			}
			st := r.summaryTalk(t, di+1, d.Date)
			switch {
			case n.Seen():
				data.Attended = append(data.Attended, st)
				days[di] = true
				for _, s := range t.Speakers {
					speakers[s.Name] = true
				}
				if t.Track != "" {
					tracks[t.Track] = true
				}
				if n.Rating >= 4 {
					data.Top = append(data.Top, st)
				}
			case (n.Plan || n.Missed) && !t.Included() && st.Video != "":
				data.ToWatch = append(data.ToWatch, st)
			}
		}
	}
	if len(data.Attended) == 0 {
		return Post{}, false, nil
	}
	sort.SliceStable(data.Top, func(i, j int) bool { return data.Top[i].Rating > data.Top[j].Rating })
	data.Counts = summaryCounts{Days: len(days), Talks: len(data.Attended), Speakers: len(speakers), Tracks: len(tracks)}
	last := r.p.Days[len(r.p.Days)-1].Date
	data.Title = htmlmd.Clean(r.p.Conference.Name) + " -- Summary"
	data.Date = last
	data.Conference = r.p.Conference
	values, _ := r.frontMatterValues(data.Title, data.Date, nil)
	var all []*program.Talk
	for di := range r.p.Days {
		for ti := range r.p.Days[di].Talks {
			if t := &r.p.Days[di].Talks[ti]; t.Notes.Seen() {
				all = append(all, t)
			}
		}
	}
	addTags(values, all)
	fm, err := r.f.frontMatter(values)
	if err != nil {
		return Post{}, false, fmt.Errorf("front matter of the summary: %w", err)
	}
	data.FrontMatter = fm
	var buf bytes.Buffer
	if err := r.tmpl.ExecuteTemplate(&buf, "summary.md.tmpl", data); err != nil {
		return Post{}, false, templateError(err)
	}
	content := bytes.TrimRight(buf.Bytes(), "\n")
	content = append(bytes.TrimLeft(content, "\n"), '\n')
	slug := fileSlug(r.p.Conference.ID + " summary")
	return Post{Path: r.f.path(last, slug), Date: last, Content: content}, true, nil
}

func (r *renderer) summaryTalk(t *program.Talk, day int, date string) summaryTalk {
	st := summaryTalk{Title: displayTitle(t), URL: t.URL, Day: day, Date: date, Speakers: plainText(joinAnd(names(t.Speakers)))}
	st.Link = st.Title
	if u, ok := linkDest(t.URL); ok {
		st.Link = "[" + st.Title + "](" + u + ")"
	}
	if u, ok := linkDest(t.Media.Video); ok {
		st.Video = u
	}
	if t.Notes != nil {
		st.Rating, st.Tags = t.Notes.Rating, t.Notes.Tags
		if st.Rating > 0 {
			st.Stars = strings.Repeat("★", st.Rating) + strings.Repeat("☆", 5-st.Rating)
		}
	}
	return st
}

// noSummary says why --summary wrote nothing.
const noSummary = "summary: no talk attended or written about (notes.attended: true, a lead or commentary): no summary post"
