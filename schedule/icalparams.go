package schedule

import (
	"bytes"
	"fmt"
)

// maxICalParams bounds the parameters and parameter values of one
// iCalendar property. golang-ical handles them in quadratic time (one
// property with 100,000 ";A=b" took 16 s, a million over ten minutes);
// real calendars use a handful (ATTENDEE has the most, under ten).
const maxICalParams = 100

// checkICalParams refuses a calendar with a property of more than
// maxICalParams parameters or values, before golang-ical reads it. It
// unfolds lines as RFC 5545 does and counts the ";" and "," between a
// property's name and the ":" that starts its value, outside quotes: one
// pass over the body.
func checkICalParams(body []byte) error {
	var (
		line, start int  // current physical line; the content line's first
		inValue     bool // past the ":" of the content line
		quoted      bool
		count       int
		name        []byte
	)
	for len(body) > 0 {
		line++
		l := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			l = l[1:] // a continuation of the content line
		} else {
			start, inValue, quoted, count, name = line, false, false, 0, nil
		}
		if inValue {
			continue
		}
		for i, c := range l {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ':':
				inValue = true
			case c == ';' || c == ',':
				if name == nil {
					name = l[:i]
				}
				if count++; count > maxICalParams {
					return fmt.Errorf("line %d: property %.40q has more than %d parameters, where calendars use a few: refused unread; try the schedule in another format (frab XML, JSON)", start, name, maxICalParams)
				}
			}
			if inValue {
				break
			}
		}
	}
	return nil
}
