package scraper

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/url"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/schedule"
	"github.com/confdigest/confdigest/scraper/usenix"
)

// A source is one kind of document a program can be read from. Each is
// recognised by its content (the content type alone is often wrong: schedules
// are served as text/plain, pages as application/octet-stream) and read by
// one function from the fetched bytes to a Program. Adding a source is a
// reader in its own package and a line below.
type source struct {
	name    string
	accepts func(ctype string, body []byte) bool
	read    func(body []byte, pageURL *url.URL, opt schedule.ReadOptions) (*program.Program, error)
	// page says which talks have a presentation page to read details
	// from; nil for sources without such pages.
	page func(*program.Talk) bool
	// discover finds, on a document with no talks, the URL of the
	// document that has them (a pretalx event page's schedule export).
	discover func(pageURL *url.URL, body []byte) (*url.URL, bool)
}

// sources in the order they are tried; the last takes any HTML page.
var sources = []source{
	{name: "schedule XML", accepts: byContent(schedule.IsXML), read: schedule.ReadXML},
	{name: "schedule JSON", accepts: byContent(schedule.IsJSON), read: schedule.ReadJSON},
	{name: "Indico export", accepts: byContent(schedule.IsIndico), read: schedule.ReadIndico},
	{name: "Sessionize export", accepts: byContent(schedule.IsSessionize), read: schedule.ReadSessionize},
	{name: "iCalendar program", accepts: byContent(schedule.IsICal), read: schedule.ReadICal},
	{name: "USENIX program", accepts: isHTML, read: readUSENIX, page: usenix.HasPresentationPage, discover: exportOf},
}

// readable names what confdigest reads, for a document it cannot.
const readable = "confdigest reads USENIX program pages, frab/pentabarf schedule XML, c3voc/pretalx schedule JSON, iCalendar programs, Sessionize and Indico exports, and pretalx and Indico event pages"

func detect(ctype string, body []byte) source {
	for _, s := range sources {
		if s.accepts(ctype, body) {
			return s
		}
	}
	return sources[len(sources)-1]
}

// byContent: a source recognised by its bytes alone, whatever the server
// says it sent.
func byContent(is func([]byte) bool) func(string, []byte) bool {
	return func(_ string, body []byte) bool { return is(body) }
}

func isHTML(ctype string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || ctype == ""
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format, args...)
	}
}

func readUSENIX(body []byte, pageURL *url.URL, _ schedule.ReadOptions) (*program.Program, error) {
	return usenix.ExtractBytes(body, pageURL)
}
