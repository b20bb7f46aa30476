package schedule

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
)

// TestICalSlotEvents: in a symposion-style calendar (talks with pages of
// their own; grid slots with the site's address and a SUMMARY that is
// only the slot's kind), a slot whose description names an event is that
// event; empty, "No description", "TBA", changeover, "Talks End" and meal
// slots are not (issue 23 item 18).
func TestICalSlotEvents(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Australia/Brisbane\r\n")
	n := 0
	event := func(summary, desc, u string) {
		n++
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d@x\r\nDTSTART;TZID=Australia/Brisbane:20260114T%02d0000\r\nDTEND;TZID=Australia/Brisbane:20260114T%02d3000\r\nSUMMARY:%s\r\nDESCRIPTION:%s\r\nLOCATION:Room %d\r\nURL:%s\r\nEND:VEVENT\r\n",
			n, 6+n%14, 6+n%14, summary, desc, n, u)
	}
	for i := 1; i <= 5; i++ {
		event(fmt.Sprintf("Talk %d", i), "Speaker: Person "+fmt.Sprint(i)+"\\nAbout it.", fmt.Sprintf("https://conf.example.org/schedule/presentation/%d/", i))
	}
	site := "https://conf.example.org"
	event("Conf: plenary", `<p><a href="/events/#dinner">Conference Dinner</a>\, by the sea</p>\n<p>Tickets only.</p>`, site)
	event("Conf: free time", "BoF", site)
	event("Conf: miniconf", "Lightning Talks", site)
	for _, empty := range []string{"No description", "TBA", "room changover", "Room Changeover", "<em>Talks End</em>", "", "unscheduled"} {
		event("Conf: talk", empty, site)
	}
	event("Conf: lunch", `<p>Lunch (uncatered)</p>\n<p>Members' meeting in Room 6</p>`, site)
	event("Conf: morning tea", "Morning Tea (catered)", site)
	event("Conf: plenary", "Registration Open", site)
	b.WriteString("END:VCALENDAR\r\n")

	base, _ := url.Parse("https://conf.example.org/schedule/conference.ics")
	p, err := ReadICal([]byte(b.String()), base, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			titles = append(titles, tk.Title)
			if tk.Title == "Conference Dinner, by the sea" {
				if tk.URL != "https://conf.example.org/events/#dinner" || tk.Abstract != "Tickets only." {
					t.Errorf("dinner: url %q, abstract %q", tk.URL, tk.Abstract)
				}
			}
		}
	}
	sort.Strings(titles)
	want := "BoF|Conference Dinner, by the sea|Lightning Talks|Talk 1|Talk 2|Talk 3|Talk 4|Talk 5"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("talks\n got %s\nwant %s", got, want)
	}
}
