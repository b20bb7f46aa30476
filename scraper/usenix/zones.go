package usenix

import (
	"regexp"
	"strings"
)

// Program pages state their time zone in words ("All the times listed below
// are in Pacific Daylight Time (PDT)") or as an abbreviation after each
// talk's time ("09:00–09:45 CEST"). Neither names an IANA zone, so the
// names USENIX venues have used are mapped to one zone with the same rules.
// An abbreviation that means more than one zone (IST: India or Ireland)
// is left unmapped.
var zoneNames = map[string]string{
	"pacific": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pst": "America/Los_Angeles",
	"mountain": "America/Denver", "mdt": "America/Denver", "mst": "America/Denver",
	"central daylight": "America/Chicago", "central standard": "America/Chicago", "cdt": "America/Chicago",
	"eastern daylight": "America/New_York", "eastern standard": "America/New_York", "edt": "America/New_York", "est": "America/New_York",
	"irish":   "Europe/Dublin",
	"british": "Europe/London", "bst": "Europe/London", "greenwich": "Europe/London", "gmt": "Europe/London",
	"central european": "Europe/Berlin", "cest": "Europe/Berlin", "cet": "Europe/Berlin",
	"eastern european": "Europe/Athens", "eest": "Europe/Athens", "eet": "Europe/Athens",
	"singapore": "Asia/Singapore", "sgt": "Asia/Singapore",
	"japan": "Asia/Tokyo", "jst": "Asia/Tokyo",
	"australian eastern": "Australia/Sydney", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
	"coordinated universal": "UTC", "utc": "UTC",
}

var statedZoneRe = regexp.MustCompile(`(?i)times listed below are in (.+?)\.?$`)

// zoneFor maps a stated zone ("Pacific Daylight Time (PDT)", "CEST") to an
// IANA name, or "".
func zoneFor(stated string) string {
	s := strings.ToLower(strings.TrimSpace(stated))
	if z, ok := zoneNames[s]; ok {
		return z
	}
	best := ""
	for name := range zoneNames {
		if len(name) > 4 && strings.HasPrefix(s, name) && len(name) > len(best) {
			best = name
		}
	}
	if best != "" {
		return zoneNames[best]
	}
	if i := strings.LastIndex(s, "("); i >= 0 {
		return zoneNames[strings.Trim(s[i:], "() ")]
	}
	return ""
}
