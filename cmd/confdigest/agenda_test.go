package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// scrapeReal scrapes a real page or export of ../shared (skipping when it
// is absent) into a program file in a temporary folder.
func scrapeReal(t *testing.T, parts ...string) string {
	t.Helper()
	src := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(src); err != nil {
		t.Skip("no " + src + " here")
	}
	file := filepath.Join(t.TempDir(), "p.yaml")
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"scrape", "-o", file, src}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("scrape %s: %v\n%s", src, err, stderr.String())
	}
	return file
}

func runOK(t *testing.T, args ...string) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// On the real USENIX Security 2025 program, planning every paper of one
// session is no clash for check or agenda; a paper of a parallel session
// at the same time is, for both.
func TestRealResearchSessions(t *testing.T) {
	file := scrapeReal(t, "real", "usenix", "usenixsecurity25", "technical-sessions.html")
	p, err := yamlfile.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The first slot of the first day with two sessions side by side,
	// each of several papers.
	d := &p.Days[0]
	var session, parallel []string
	for i := range d.Talks {
		a := &d.Talks[i]
		if a.Session == "" {
			continue
		}
		var same, other []string
		for j := range d.Talks {
			b := &d.Talks[j]
			switch {
			case b.Start != a.Start || b.End != a.End || b.Session == "":
			case program.SameSession(a, b):
				same = append(same, b.ID)
			case b.Room != a.Room:
				other = append(other, b.ID)
			}
		}
		if len(same) >= 3 && len(other) > 0 {
			session, parallel = same, other
			break
		}
	}
	if session == nil {
		t.Fatal("no slot with a session of 3 papers and a parallel one on day 1")
	}
	runOK(t, append([]string{"mark", file, "--plan"}, session...)...)
	out, _ := runOK(t, "check", file)
	if strings.Contains(out, "overlap") {
		t.Errorf("papers of one session (%s) flagged by check:\n%s", strings.Join(session, ", "), out)
	}
	out, _ = runOK(t, "agenda", "--planned", "--day", "1", "--format", "tsv", file)
	if n := strings.Count(out, "\n"); n != len(session)+1 {
		t.Errorf("agenda --planned lists %d talks, want %d:\n%s", n-1, len(session), out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if f := strings.Split(line, "\t"); f[12] != "false" {
			t.Errorf("agenda flags a paper of the session: %s", line)
		}
	}
	text, _ := runOK(t, "agenda", "--planned", "--day", "1", "--width", "80", file)
	if strings.Contains(text, "!") || strings.Count(text, "(") != 1 {
		t.Errorf("agenda --planned, one session: want one block and no clash:\n%s", text)
	}

	runOK(t, "mark", file, parallel[0], "--plan")
	out, _ = runOK(t, "check", file)
	if strings.Count(out, "clashes with") != 1 {
		t.Errorf("a parallel paper: want one overlap warning, got:\n%s", out)
	}
	text, _ = runOK(t, "agenda", "--planned", "--day", "1", "--width", "80", file)
	if got := strings.Count(text, "P!"); got != len(session)+1 {
		t.Errorf("a parallel paper: %d talks flagged, want %d:\n%s", got, len(session)+1, text)
	}
}

// At any width, every line of the agenda fits, every title shows its
// first word, and every id shown is one mark takes
// for that talk.
func TestAgendaFitsTheWidth(t *testing.T) {
	files := map[string]string{"fixture": filepath.Join("..", "..", "testdata", "schedules", "stackconf-schedule.json")}
	for name, parts := range map[string][]string{
		"security25": {"real", "usenix", "usenixsecurity25", "technical-sessions.html"},
		"fosdem26":   {"examples", "schedules", "pentabarf-fosdem2026.xml"},
	} {
		if _, err := os.Stat(filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)); err == nil {
			files[name] = scrapeReal(t, parts...)
		}
	}
	for name, file := range files {
		if name == "fixture" {
			dst := filepath.Join(t.TempDir(), "p.yaml")
			runOK(t, "scrape", "-o", dst, file)
			file = dst
		}
		p, err := yamlfile.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var all []*program.Talk
		for di := range p.Days {
			for ti := range p.Days[di].Talks {
				all = append(all, &p.Days[di].Talks[ti])
			}
		}
		// The ids shown are the same at every width.
		for id, shown := range newLayout(p, nil, 80).ids {
			for _, arg := range []string{shown, strings.ToUpper(shown), strings.ToLower(shown)} {
				if got := matchID(all, arg); len(got) != 1 || got[0] != id {
					t.Errorf("%s: mark %s names %q, want %s", name, arg, got, id)
				}
			}
		}
		for _, width := range []int{60, 80, 100, 132} {
			l := newLayout(p, nil, width)
			out, _ := runOK(t, "agenda", "--width", strconv.Itoa(width), file)
			for i, line := range strings.Split(out, "\n") {
				if n := cols(line); n > width {
					t.Errorf("%s at %d: line %d has %d columns: %q", name, width, i+1, n, line)
				}
			}
			for _, tk := range all {
				// Its first word starts a line (words are not cut to fill one).
				if words := strings.Fields(printable(tk.DisplayTitle())); len(words) > 0 && !strings.Contains(out, wrap(words[0], l.titleW)[0]) {
					t.Errorf("%s at %d: %q does not show its first word", name, width, tk.DisplayTitle())
				}
				if id := l.ids[tk.ID]; !strings.Contains(out, " "+id+"  ") && !strings.Contains(out, " "+id+"\n") {
					t.Errorf("%s at %d: id %q of %s not shown", name, width, id, tk.ID)
				}
			}
		}
	}
}

// Wide characters take two columns, combining marks none: lines are cut
// and wrapped by the columns they take on a terminal.
func TestWrapByColumns(t *testing.T) {
	for _, s := range []string{
		"分散システムにおける合意形成の実際と課題について 第二部",
		"Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ and plain words mixed together here",
		"Cafe\u0301 re\u0301sume\u0301 nai\u0308ve — combining marks in every word of it",
		"Supercalifragilisticexpialidocious-and-then-some-more-of-it title",
	} {
		for _, w := range []int{26, 30, 41} {
			lines := wrap(s, w)
			for _, l := range lines {
				if cols(l) > w {
					t.Errorf("wrap(%q, %d): %q takes %d columns", s, w, l, cols(l))
				}
			}
			if got := strings.Join(strings.Fields(strings.Join(lines, "")), ""); got != strings.Join(strings.Fields(s), "") {
				t.Errorf("wrap(%q, %d) lost text: %q", s, w, lines)
			}
			if c := clip(s, w); cols(c) > w {
				t.Errorf("clip(%q, %d) = %q, %d columns", s, w, c, cols(c))
			}
		}
	}
	if got := cols("日本 e\u0301"); got != 6 {
		t.Errorf("cols: %d, want 6", got)
	}
}

// Titles wrap between words, or after a hyphen: no line of a title ends
// inside a word unless that word alone is wider than the title column
// (FOSDEM 2026 cut "High-Pe|rformance" and "Automati|ng" at 80 columns).
func TestWrapBetweenWords(t *testing.T) {
	titles := []string{
		"High-Performance Networking with eBPF and XDP in Production Systems",
		"Automating the Boring Parts: Release Engineering at Scale, Revisited",
		"A Supercalifragilisticexpialidociousandthensomemoreofitandmoreandmore title",
		"分散システムにおける合意形成の実際と課題について 第二部",
	}
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "examples", "schedules", "pentabarf-fosdem2026.xml")); err == nil {
		p, err := yamlfile.ReadFile(scrapeReal(t, "examples", "schedules", "pentabarf-fosdem2026.xml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.Days {
			for i := range d.Talks {
				titles = append(titles, printable(d.Talks[i].DisplayTitle()))
			}
		}
		for width := 60; width <= 132; width++ {
			if l := newLayout(p, nil, width); l.titleW >= minTitle {
				checkWrap(t, titles, l.titleW)
			} else {
				checkWrap(t, titles, width-4)
			}
		}
		return
	}
	for w := 20; w <= 128; w++ {
		checkWrap(t, titles, w)
	}
}

// checkWrap: wrap's lines put back together are the title; each break
// is at a space, after a hyphen, or inside a word wider than w.
func checkWrap(t *testing.T, titles []string, w int) {
	t.Helper()
	for _, title := range titles {
		norm := strings.Join(strings.Fields(title), " ")
		lines := wrap(norm, w)
		pos := 0
		for i, line := range lines {
			if cols(line) > w {
				t.Errorf("wrap(%q, %d): %q is wider", norm, w, line)
			}
			if !strings.HasPrefix(norm[pos:], line) {
				t.Fatalf("wrap(%q, %d) = %q: line %d is not the text", norm, w, lines, i+1)
			}
			pos += len(line)
			if pos == len(norm) {
				break
			}
			if norm[pos] == ' ' {
				pos++
				continue
			}
			if strings.HasSuffix(line, "-") {
				continue
			}
			start := strings.LastIndexByte(norm[:pos], ' ') + 1
			end := strings.IndexByte(norm[pos:], ' ')
			if end < 0 {
				end = len(norm)
			} else {
				end += pos
			}
			if word := norm[start:end]; cols(word) <= w {
				t.Errorf("wrap(%q, %d): line %q ends inside %q", norm, w, line, word)
			}
		}
		if pos != len(norm) {
			t.Errorf("wrap(%q, %d) = %q lost text", norm, w, lines)
		}
	}
}
