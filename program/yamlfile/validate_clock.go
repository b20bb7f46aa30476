package yamlfile

import (
	"time"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// clockChanges warns of talk times that the conference's clock skips or
// shows twice on the night it changes: the file cannot say which is meant,
// and exports read them one way (a skipped time as far past the change as
// it was before it; a repeated one as its first time, as RFC 5545 does).
func (v *validator) clockChanges(root *yaml.Node) {
	tz := scalarOf(mapValue(mapValue(root, "conference"), "timezone"))
	if tz == "" || tz == "Local" {
		return
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return
	}
	for _, day := range seqOf(mapValue(root, "days")) {
		date, err := time.ParseInLocation(time.DateOnly, scalarOf(mapValue(day, "date")), loc)
		if err != nil {
			continue
		}
		// A quick look: most days have no change within them or the night after.
		if _, a := date.Zone(); func() bool { _, b := date.Add(36 * time.Hour).Zone(); return a == b }() {
			continue
		}
		d := program.Day{Date: date.Format(time.DateOnly)}
		for _, t := range seqOf(mapValue(day, "talks")) {
			d.Talks = append(d.Talks, program.Talk{Start: scalarOf(mapValue(t, "start"))})
		}
		clock := d.Clock()
		for _, t := range seqOf(mapValue(day, "talks")) {
			startNode, endNode := mapValue(t, "start"), mapValue(t, "end")
			start := scalarOf(startNode)
			if !clockRe.MatchString(start) {
				continue
			}
			from := clock(start)
			v.clockTime(startNode, date, from, tz)
			if end := scalarOf(endNode); clockRe.MatchString(end) {
				to := from - from%(24*60) + program.ClockMinutes(end)
				for to < from {
					to += 24 * 60
				}
				v.clockTime(endNode, date, to, tz)
			}
		}
	}
}

// clockTime warns when the clock at n (minutes after the start of date)
// does not exist or exists twice.
func (v *validator) clockTime(n *yaml.Node, date time.Time, minutes int, tz string) {
	t, gap, twice := program.LocalTime(date, minutes)
	on := time.Date(date.Year(), date.Month(), date.Day(), 0, minutes, 0, 0, time.UTC).Format(time.DateOnly)
	switch {
	case gap:
		v.add(n, true, "%s on %s does not exist in %s, the clocks going forward over it: it is read as %s, the talk keeping its length",
			n.Value, on, tz, t.Format("15:04 MST"))
	case twice:
		v.add(n, true, "%s on %s happens twice in %s, the clocks going back: it is read as the first, %s, the talk keeping its length",
			n.Value, on, tz, t.Format("15:04 MST"))
	}
}
