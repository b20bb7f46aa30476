package scraper

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/confdigest/confdigest/internal/htmlmd"
)

var scheduleLinkRe = regexp.MustCompile(`(?i)href=["']([^"']*schedule(?:/export)?/schedule\.(?:json|xml))["']`)

// exportOf finds the export of an event page that lists no talks itself:
// a pretalx event's schedule, or an Indico event's contributions.
func exportOf(pageURL *url.URL, body []byte) (*url.URL, bool) {
	if u, ok := pretalxExport(pageURL, body); ok {
		return u, true
	}
	return indicoExport(pageURL, body)
}

var indicoEventRe = regexp.MustCompile(`^((?:/[^/]+)*)/event/(\d+)(?:/.*)?$`)

// indicoExport: an Indico event page (".../event/<id>/",
// ".../event/<id>/timetable/") has its contributions at
// ".../export/event/<id>.json?detail=contributions".
func indicoExport(pageURL *url.URL, body []byte) (*url.URL, bool) {
	m := indicoEventRe.FindStringSubmatch(pageURL.Path)
	if m == nil || !bytes.Contains(bytes.ToLower(body), []byte("indico")) {
		return nil, false // not an Indico page: no guessing at other sites' paths
	}
	u := *pageURL
	u.Path = m[1] + "/export/event/" + m[2] + ".json"
	u.RawQuery, u.Fragment = "detail=contributions", ""
	return &u, true
}

// pretalxExport finds the schedule export of a pretalx event page
// ("https://pretalx.example.org/<event>/" or ".../<event>/schedule/"): a
// link the page names, else pretalx's own path for it.
func pretalxExport(pageURL *url.URL, body []byte) (*url.URL, bool) {
	if m := scheduleLinkRe.FindSubmatch(body); m != nil {
		if u, err := url.Parse(htmlmd.Absolute(pageURL, string(bytes.TrimSpace(m[1])))); err == nil && u.Host == pageURL.Host {
			return u, true
		}
	}
	parts := strings.Split(strings.Trim(pageURL.Path, "/"), "/")
	if parts[0] == "" || len(parts) > 2 || len(parts) == 2 && parts[1] != "schedule" {
		return nil, false
	}
	if !bytes.Contains(bytes.ToLower(body), []byte("pretalx")) {
		return nil, false // not a pretalx page: no guessing at other sites' paths
	}
	u := *pageURL
	u.Path = "/" + parts[0] + "/schedule/export/schedule.json"
	u.RawQuery, u.Fragment = "", ""
	return &u, true
}
