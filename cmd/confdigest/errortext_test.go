package main

import (
	"bytes"
	"context"
	"errors"
	"regexp"
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

// TestNegativeDurations: every duration flag of every command (a flag
// its help shows with a D) refuses a negative value as a usage error
// before doing anything.
func TestNegativeDurations(t *testing.T) {
	durationFlag := regexp.MustCompile(`(?m)^\t(--?[a-z][a-z-]*) D$`)
	found := 0
	for _, c := range commands() {
		for _, m := range durationFlag.FindAllStringSubmatch(c.help, -1) {
			found++
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{c.name, m[1], "-1s", "x.yaml"}, &stdout, &stderr)
			var ue usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), m[1]+" -1s: a duration cannot be negative") {
				t.Errorf("%s %s -1s: %v, want a usage error", c.name, m[1], err)
			}
		}
	}
	if found < 2 {
		t.Errorf("found %d duration flags in the help texts, want --delay and --timeout at least", found)
	}
}
