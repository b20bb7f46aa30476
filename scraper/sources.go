package scraper

import (
	"bytes"
	"mime"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/program"
)

// A source is one kind of document a program can be read from. Each is
// recognised by its content (the content type alone is often wrong: schedules
// are served as text/plain, pages as application/octet-stream) and read by
// one function from the fetched bytes to a Program. Adding a source is one
// file with those two functions and a line below.
type source struct {
	name    string
	accepts func(ctype string, body []byte) bool
	extract func(body []byte, pageURL *url.URL) (*program.Program, error)
	// details: the program has presentation pages for --details.
	details bool
	// discover finds, on a document with no talks, the URL of the
	// document that has them (a pretalx event page's schedule export).
	discover func(pageURL *url.URL, body []byte) (*url.URL, bool)
}

// sources in the order they are tried; the last takes any HTML page.
var sources = []source{
	{name: "schedule XML", accepts: isScheduleXML, extract: ExtractScheduleXML},
	{name: "schedule JSON", accepts: isScheduleJSON, extract: ExtractScheduleJSON},
	{name: "USENIX program", accepts: isHTML, extract: extractUSENIX, details: true, discover: pretalxExport},
}

func detect(ctype string, body []byte) source {
	for _, s := range sources {
		if s.accepts(ctype, body) {
			return s
		}
	}
	return sources[len(sources)-1]
}

func extractUSENIX(body []byte, pageURL *url.URL) (*program.Program, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return ExtractUSENIX(doc, pageURL)
}

// readable: content types a program or schedule may come as ("" too:
// servers that say nothing).
func readable(ctype string) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch {
	case ctype == "", mt == "text/html", mt == "application/xhtml+xml", mt == "text/plain",
		mt == "application/octet-stream", // saved pages served without an extension: the content decides
		mt == "text/xml", mt == "application/xml", mt == "application/json",
		strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}

func isHTML(ctype string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || ctype == ""
}
