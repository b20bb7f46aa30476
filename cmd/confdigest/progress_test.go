package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestProgressLines(t *testing.T) {
	var b strings.Builder
	now := time.Unix(0, 0)
	p := &Progress{W: &b, Now: func() time.Time { return now }}
	for i := 0; i < 25; i++ {
		p.Report(i, 25, fmt.Sprintf("talk-%d", i))
		now = now.Add(2 * time.Second)
	}
	p.Report(25, 25, "")
	want := "presentation page 1/25 (talk-0), ? left\npresentation page 6/25 (talk-5), 40s left\npresentation page 11/25 (talk-10), 30s left\npresentation page 16/25 (talk-15), 20s left\npresentation page 21/25 (talk-20), 10s left\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	tty := &Progress{W: &b, Terminal: true, Now: func() time.Time { return now }}
	tty.Report(2, 4, "talk-2")
	if !strings.Contains(b.String(), "\r\033[K[============            ] 3/4 talk-2") {
		t.Errorf("terminal line = %q", b.String())
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"retitled a: \"x\" -> \"\x1b]0;owned\x07\"": `retitled a: "x" -> "\x1b]0;owned\x07"`,
		"plain text, ünïcödé\tand a tab":            "plain text, ünïcödé\tand a tab",
		"cr\rlf":                                    `cr\x0dlf`,
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}
