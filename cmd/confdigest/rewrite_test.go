package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

const programPath = "/conference/srecon17europe/program"

// holdServer serves the srecon17europe fixture, with every presentation
// page (--details) a copy of a presentation fixture. A request for the
// presentation of hold (or for the program page, when hold is "program")
// sends a channel on arrivals and waits until the test closes it: the test
// acts while the crawl is held open. The talk "okafor" is titled as the
// version set last says; served lists the titles sent.
type holdServer struct {
	*httptest.Server
	hold     string
	arrivals chan chan struct{}
	mu       sync.Mutex
	version  string
	served   map[string]bool
}

const okaforTitle = "Counting What Breaks: Ten Years of Incident Reviews"

func newHoldServer(t *testing.T, hold string) *holdServer {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "testdata", "usenix", "srecon17europe-program.html"))
	if err != nil {
		t.Fatal(err)
	}
	pres, err := os.ReadFile(filepath.Join("..", "..", "testdata", "usenix", "atc23-presentation-kowalski.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := &holdServer{hold: hold, arrivals: make(chan chan struct{}), served: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow:\n"))
			return
		case r.URL.Path == programPath:
			if s.hold == "program" {
				s.wait()
			}
			s.mu.Lock()
			title := okaforTitle + s.version
			s.served[title] = true
			s.mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(bytes.Replace(page, []byte(okaforTitle), []byte(title), 1))
			return
		case strings.HasPrefix(r.URL.Path, programPath+"/presentation/"):
			if strings.HasSuffix(r.URL.Path, "/"+s.hold) {
				s.wait()
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(pres)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *holdServer) wait() {
	release := make(chan struct{})
	s.arrivals <- release
	<-release
}

func (s *holdServer) setVersion(v string) {
	s.mu.Lock()
	s.version = v
	s.mu.Unlock()
}

// runCmd runs the command line and returns its error and stderr.
func runCmd(args ...string) (string, error) {
	var stderr bytes.Buffer
	err := run(context.Background(), args, io.Discard, &stderr)
	return stderr.String(), err
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if out, err := runCmd(args...); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// userEdit saves into the file what a person would, in place as editors
// do: a comment above talk id and a rating in its notes.
func userEdit(t *testing.T, file, id, comment string, rating int) {
	t.Helper()
	text := readText(t, file)
	data, err := yamlfile.EditNotes([]byte(text), file, map[string]yamlfile.NoteEdit{id: {Rating: &rating}})
	if err != nil {
		t.Fatal(err)
	}
	line := "      - id: " + id + "\n"
	i := bytes.Index(data, []byte(line))
	if i < 0 {
		t.Fatalf("no line %q in\n%s", line, data)
	}
	data = append(data[:i:i], append([]byte("      # "+comment+"\n"), data[i:]...)...)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Issue 20.1: a note saved, or a mark made, while a --details crawl runs
// is in the file the crawl writes, beside what the crawl brought.
func TestEditDuringCrawlKept(t *testing.T) {
	for _, during := range []string{"edit", "mark"} {
		t.Run(during, func(t *testing.T) {
			srv := newHoldServer(t, "okafor")
			file := filepath.Join(t.TempDir(), "p.yaml")
			url := srv.URL + programPath
			mustRun(t, "scrape", "--no-cache", "--delay", "0", "-o", file, url)
			srv.setVersion(" (revised)") // the crawl has something to change

			done := make(chan error, 1)
			var out string
			go func() {
				var err error
				out, err = runCmd("scrape", "--no-cache", "--delay", "0", "--details", "-o", file, url)
				done <- err
			}()
			release := <-srv.arrivals
			switch during {
			case "edit":
				userEdit(t, file, "mbeki", "saved during the crawl", 4)
			case "mark":
				mustRun(t, "mark", file, "mbeki", "--plan", "--rating", "4")
			}
			close(release)
			if err := <-done; err != nil {
				t.Fatalf("scrape: %v\n%s", err, out)
			}
			got := readText(t, file)
			p, err := yamlfile.Unmarshal([]byte(got), file)
			if err != nil {
				t.Fatal(err)
			}
			var mbeki, okafor *program.Talk
			for di := range p.Days {
				for ti := range p.Days[di].Talks {
					switch tk := &p.Days[di].Talks[ti]; tk.ID {
					case "mbeki":
						mbeki = tk
					case "okafor":
						okafor = tk
					}
				}
			}
			if mbeki == nil || mbeki.Notes == nil || mbeki.Notes.Rating != 4 {
				t.Errorf("the %s made during the crawl is lost:\n%s", during, got)
			}
			if during == "edit" && !strings.Contains(got, "# saved during the crawl\n") {
				t.Errorf("the comment saved during the crawl is lost:\n%s", got)
			}
			if okafor == nil || !strings.HasSuffix(okafor.Title, "(revised)") {
				t.Errorf("the crawl's result is lost: okafor = %+v", okafor)
			}
		})
	}
}

// Issue 20.1: when the file changed under the crawl and is now invalid,
// nothing is written and the message says so, at the line.
func TestCrawlOntoFileMadeInvalid(t *testing.T) {
	srv := newHoldServer(t, "okafor")
	file := filepath.Join(t.TempDir(), "p.yaml")
	url := srv.URL + programPath
	mustRun(t, "scrape", "--no-cache", "--delay", "0", "-o", file, url)
	srv.setVersion(" (revised)")
	done := make(chan error, 1)
	go func() {
		_, err := runCmd("scrape", "--no-cache", "--delay", "0", "--details", "-o", file, url)
		done <- err
	}()
	release := <-srv.arrivals
	broken := strings.Replace(readText(t, file), "      - id: mbeki\n", "      - id: mbeki\n        notes: {ratng: 4}\n", 1)
	os.WriteFile(file, []byte(broken), 0o644)
	close(release)
	err := <-done
	if err == nil || !strings.Contains(err.Error(), file+" changed while scrape ran and is now invalid: "+file+":") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("got %v", err)
	}
	if got := readText(t, file); got != broken {
		t.Error("the file was written")
	}
}

// sampleFile writes a program file of n talks, t00 … t(n-1).
func sampleFile(t *testing.T, n int) string {
	t.Helper()
	p := &program.Program{Conference: program.Conference{ID: "c", Name: "C", URL: "https://example.org/c"}}
	day := program.Day{Date: "2026-05-04"}
	for i := range n {
		day.Talks = append(day.Talks, program.Talk{ID: fmt.Sprintf("t%02d", i), Title: fmt.Sprintf("Talk %d", i), Start: "09:00", End: "10:00"})
	}
	p.Days = []program.Day{day}
	data, err := yamlfile.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// Issue 20.1: ten marks started at once on ten talks all land.
func TestConcurrentMarksAllLand(t *testing.T) {
	file := sampleFile(t, 10)
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = runCmd("mark", file, fmt.Sprintf("t%02d", i), "--plan", "--tag", fmt.Sprintf("m%d", i))
		}()
	}
	wg.Wait()
	p, err := yamlfile.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, tk := range p.Days[0].Talks {
		if errs[i] != nil {
			t.Errorf("mark %d: %v", i, errs[i])
		}
		if tk.Notes == nil || !tk.Notes.Plan || len(tk.Notes.Tags) != 1 || tk.Notes.Tags[0] != fmt.Sprintf("m%d", i) {
			t.Errorf("talk %s: notes %+v, want plan and tag m%d", tk.ID, tk.Notes, i)
		}
	}
}

// Issue 20.1, as a property: in random interleavings of a person saving
// the file, marks and scrapes (with and without --details, each held open
// at the program page while the others act), every comment the person
// saved and every mark is in the final file, and so is a scrape's result.
//
// The person saves only while no command is in its write step (between
// a command's last read and its rename no program can see a save; that
// window is the one the check before the rename narrows to microseconds).
func TestNoUserByteLostInInterleavings(t *testing.T) {
	srv := newHoldServer(t, "program")
	url := srv.URL + programPath
	dir := t.TempDir()
	seedFile := filepath.Join(dir, "seed.yaml")
	first := make(chan error, 1)
	go func() { _, err := runCmd("scrape", "--no-cache", "--delay", "0", "-o", seedFile, url); first <- err }()
	close(<-srv.arrivals)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	seed := []byte(readText(t, seedFile))
	p, err := yamlfile.Unmarshal(seed, seedFile)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range p.Days {
		for _, tk := range d.Talks {
			ids = append(ids, tk.ID)
		}
	}
	trials := 200
	rng := rand.New(rand.NewSource(20))
	for trial := range trials {
		file := filepath.Join(dir, fmt.Sprintf("p%d.yaml", trial))
		os.WriteFile(file, seed, 0o644)
		var held []*cmdRun    // scrapes waiting at the server
		var running []*cmdRun // commands that may be writing
		var comments []string
		tags := map[string][]string{}
		finish := func(c *cmdRun, ops []string) {
			if err := c.wait(); err != nil {
				t.Fatalf("trial %d %v: %v: %v", trial, ops, c.args, err)
			}
		}
		var ops []string
		for k := range 3 + rng.Intn(6) {
			switch rng.Intn(4) {
			case 0:
				srv.setVersion(fmt.Sprintf(" v%d.%d", trial, k))
				args := []string{"scrape", "--no-cache", "--delay", "0", "-o", file, url}
				if rng.Intn(2) == 0 {
					args = append(args, "--details")
				}
				c := startCmd(args...)
				c.release = <-srv.arrivals
				held = append(held, c)
				running = append(running, c)
				ops = append(ops, "scrape")
			case 1:
				if len(held) == 0 {
					continue
				}
				i := rng.Intn(len(held))
				close(held[i].release)
				held[i].release = nil
				held = append(held[:i], held[i+1:]...)
				ops = append(ops, "release")
			case 2:
				id, tag := ids[rng.Intn(len(ids))], fmt.Sprintf("m%d", k)
				c := startCmd("mark", file, id, "--tag", tag)
				tags[id] = append(tags[id], tag)
				running = append(running, c)
				ops = append(ops, "mark "+id)
			case 3:
				// Wait for what may be writing: every command but the
				// scrapes still held at the server (they have read the
				// file, or read it while the crawl runs; they write later).
				var still []*cmdRun
				for _, c := range running {
					if c.release != nil {
						still = append(still, c)
						continue
					}
					finish(c, ops)
				}
				running = still
				comment := fmt.Sprintf("note %d.%d", trial, k)
				saveByRename(t, file, ids[rng.Intn(len(ids))], comment)
				comments = append(comments, comment)
				ops = append(ops, "edit")
			}
		}
		for _, c := range held {
			close(c.release)
		}
		for _, c := range running {
			finish(c, ops)
		}
		got := readText(t, file)
		final, err := yamlfile.Unmarshal([]byte(got), file)
		if err != nil {
			t.Fatalf("trial %d %v: %v", trial, ops, err)
		}
		for _, c := range comments {
			if !strings.Contains(got, "# "+c+"\n") {
				t.Errorf("trial %d %v: comment %q lost", trial, ops, c)
			}
		}
		for _, d := range final.Days {
			for _, tk := range d.Talks {
				want := tags[tk.ID]
				var have []string
				if tk.Notes != nil {
					have = tk.Notes.Tags
				}
				for _, tag := range want {
					if !contains(have, tag) {
						t.Errorf("trial %d %v: mark --tag %s of %s lost (tags %v)", trial, ops, tag, tk.ID, have)
					}
				}
				if tk.ID == "okafor" && !srv.served[tk.Title] && tk.Title != okaforTitle {
					t.Errorf("trial %d: okafor titled %q, which no scrape served", trial, tk.Title)
				}
			}
		}
		if t.Failed() {
			t.Fatalf("final file:\n%s", got)
		}
	}
}

// cmdRun is a command line run in its own goroutine.
type cmdRun struct {
	args    []string
	done    chan struct{}
	err     error
	release chan struct{} // a scrape held at the server: close to let it on
}

func startCmd(args ...string) *cmdRun {
	c := &cmdRun{args: args, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		out, err := runCmd(args...)
		if err != nil {
			c.err = fmt.Errorf("%w\n%s", err, out)
		}
	}()
	return c
}

func (c *cmdRun) wait() error {
	<-c.done
	return c.err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// saveByRename saves a comment above talk id the way editors that write a
// new file and rename it do (a save a concurrent read sees whole).
func saveByRename(t *testing.T, file, id, comment string) {
	t.Helper()
	text := readText(t, file)
	line := "      - id: " + id + "\n"
	i := strings.Index(text, line)
	if i < 0 {
		t.Fatalf("no line %q", line)
	}
	text = text[:i] + "      # " + comment + "\n" + text[i:]
	tmp := file + ".editor-save"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// notifyWriter collects what is written and reports on seen the first
// time it holds want.
type notifyWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
}

func (w *notifyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.buf.String(), w.want)
	w.buf.Write(p)
	if !had && strings.Contains(w.buf.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

// Issue 20.1: a command that finds another one writing the file waits
// for it, says so on stderr, and then writes onto what the other wrote.
func TestMarkWaitsForLock(t *testing.T) {
	file := sampleFile(t, 3)
	unlock, err := atomicfile.Lock(context.Background(), file, nil)
	if err != nil {
		t.Fatal(err)
	}
	stderr := &notifyWriter{want: "waiting for another confdigest command writing " + file, seen: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), []string{"mark", file, "t01", "--plan"}, io.Discard, stderr) }()
	<-stderr.seen
	// The holder writes; the waiting mark must keep it.
	userEdit(t, file, "t02", "written by the holder", 5)
	unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	p, err := yamlfile.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := p.Days[0].Talks[1].Notes; n == nil || !n.Plan {
		t.Errorf("the mark did not land: %+v", n)
	}
	if n := p.Days[0].Talks[2].Notes; n == nil || n.Rating != 5 {
		t.Errorf("the holder's write was lost: %+v", n)
	}
}

// A dry run on the default program file (no -o) merges into the file
// that is there, like the real run would.
func TestDryRunReadsDefaultFile(t *testing.T) {
	srv := newHoldServer(t, "") // holds nothing
	t.Chdir(t.TempDir())
	url := srv.URL + programPath
	mustRun(t, "scrape", "--no-cache", "--delay", "0", url)
	out, err := runCmd("scrape", "--no-cache", "--delay", "0", "--dry-run", url)
	if err != nil || !strings.Contains(out, "srecon17europe.yaml is up to date") {
		t.Errorf("dry run: %v\n%s", err, out)
	}
}
