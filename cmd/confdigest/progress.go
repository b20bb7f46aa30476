package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress reports a crawl of presentation pages: on a terminal, one line
// redrawn with a bar, the count, the current talk and the time left; else a
// plain line every ten pages or ten seconds. A nil *Progress is silent.
type Progress struct {
	W        io.Writer
	Terminal bool
	Now      func() time.Time // nil: time.Now

	total    int
	start    time.Time
	lastLine time.Time
}

func (p *Progress) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Start begins a crawl of total pages.
func (p *Progress) Start(total int) {
	if p == nil {
		return
	}
	p.total, p.start, p.lastLine = total, p.now(), time.Time{}
}

// Step says page i (from 0) is being fetched, for the talk named.
func (p *Progress) Step(i int, name string) {
	if p == nil || p.total == 0 {
		return
	}
	now := p.now()
	eta := "?"
	if i > 0 {
		left := time.Duration(float64(now.Sub(p.start)) / float64(i) * float64(p.total-i))
		eta = left.Round(time.Second).String()
	}
	if p.Terminal {
		const width = 24
		done := width * i / p.total
		bar := strings.Repeat("=", done) + strings.Repeat(" ", width-done)
		if len(name) > 30 {
			name = name[:29] + "…"
		}
		fmt.Fprintf(p.W, "\r\033[K[%s] %d/%d %s, %s left", bar, i+1, p.total, name, eta)
		return
	}
	if i == 0 || i%10 == 0 || now.Sub(p.lastLine) >= 10*time.Second {
		fmt.Fprintf(p.W, "presentation page %d/%d (%s), %s left\n", i+1, p.total, name, eta)
		p.lastLine = now
	}
}

// Report is the scraper's progress callback: page done of total is being
// fetched for the talk named; done == total ends the crawl.
func (p *Progress) Report(done, total int, name string) {
	if p.total != total {
		p.Start(total)
	}
	switch {
	case done < total:
		p.Step(done, name)
	default:
		p.Done()
	}
}

// Done ends the crawl, clearing the terminal line.
func (p *Progress) Done() {
	if p != nil && p.Terminal && p.total > 0 {
		fmt.Fprint(p.W, "\r\033[K")
	}
}
