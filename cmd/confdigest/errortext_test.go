package main

import (
	"strings"
	"testing"

	"github.com/confdigest/confdigest/scraper/fetch"
)

// TestRedirectErrorSaysWhatToDo: a 3xx that leads nowhere is named as
// such, once with its URL, and the user is told what to try.
func TestRedirectErrorSaysWhatToDo(t *testing.T) {
	u := "https://example.org/program"
	got := errorText(u, &fetch.RedirectError{URL: u, Status: 304})
	want := "https://example.org/program: HTTP 304 Not Modified to a request for the whole page: the server sent no page; check the URL in a browser, or scrape a saved copy of the page"
	if got != want || strings.Count(got, u) != 1 {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
