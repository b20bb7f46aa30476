package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program/yamlfile"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"confdigest": func() { os.Exit(realMain()) },
	})
}

// fixtureServer serves the USENIX-like pages of testdata/usenix at the paths
// they would have on usenix.org, plus a few pages that are not programs.
func fixtureServer(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/conference/srecon17europe/program":    "srecon17europe-program.html",
		"/conference/atc23/technical-sessions":  "atc23-technical-sessions.html",
		"/conference/lisa14/conference-program": "lisa14-conference-program.html",
		"/conference/srecon22emea/program":      "srecon22emea-program.html",
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			return
		case "/about":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><body><h1>About</h1><p>Nothing here.</p></body></html>"))
			return
		case "/broken":
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		case "/challenge":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusForbidden)
			w.Write([]byte("<html><head><title>Attention Required! | Cloudflare</title></head><body>captcha</body></html>"))
			return
		case "/paper.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
			return
		}
		schedules := map[string]string{
			"/stackconf26/schedule/export/schedule.json": "stackconf-schedule.json",
			"/harbour26/schedule.ics":                    "ical-program.ics",
			"/api/v2/abcd1234/view/All":                  "sessionize-all.json",
			"/indico/export/event/42.json":               "indico-export.json",
		}
		if file, ok := schedules[r.URL.Path]; ok {
			http.ServeFile(w, r, filepath.Join("..", "..", "testdata", "schedules", file))
			return
		}
		if r.URL.Path == "/indico/event/42/timetable/" {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html><head><title>Timetable · Indico</title></head><body><p>Powered by Indico</p></body></html>"))
			return
		}
		file, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join("..", "..", "testdata", "usenix", file))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestScripts(t *testing.T) {
	srv := fixtureServer(t)
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join(testdata, "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("SERVER", srv.URL)
			env.Setenv("TESTDATA", testdata)
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			return nil
		},
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmpnew": cmpNew,
		},
	})
}

// cmpNew FILE GOLDEN: FILE is a new program file holding GOLDEN (what
// yamlfile.Marshal writes) under the modeline naming its schema.
func cmpNew(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: cmpnew FILE GOLDEN")
	}
	got := ts.ReadFile(args[0])
	want := yamlfile.Modeline(yamlfile.SchemaFile) + ts.ReadFile(args[1])
	if got != want {
		ts.Fatalf("%s is not the modeline and %s", args[0], args[1])
	}
}

// TestExitCodes checks the status each kind of failure ends with.
func TestExitCodes(t *testing.T) {
	srv := fixtureServer(t)
	notSaved := filepath.Join(t.TempDir(), "not-a-saved-page.html")
	os.WriteFile(notSaved, []byte("<html><body><p>Hello</p></body></html>"), 0o644)
	oneDay := filepath.Join(t.TempDir(), "one.yaml")
	os.WriteFile(oneDay, []byte("conference: {id: x}\ndays:\n  - date: \"2026-03-18\"\n    talks:\n      - {id: a, title: A, notes: {attended: true}}\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "no command given"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"--help"}, 0, ""},
		{[]string{"scrape", "--help"}, 0, ""},
		{[]string{"scrape"}, 2, "scrape takes one URL"},
		{[]string{"scrape", "not a url"}, 2, `"not a url" is not an http or https URL`},
		{[]string{"scrape", "ftp://example.org/program"}, 2, "is not an http or https URL"},
		{[]string{"scrape", "--no-cache", notSaved}, 1, "not-a-saved-page.html: cannot tell which address this saved page had"},
		{[]string{"scrape", "--bogus", srv.URL}, 2, "scrape: unknown flag --bogus (flags: -o, -v, --cache, "},
		{[]string{"scrape", "--details", "noted", srv.URL}, 2, "--details takes its value with =: --details=noted"},
		{[]string{"scrape", oneDay}, 2, "one.yaml is a program file (written by scrape), not a program page"},
		{[]string{"digest", "-o", "-", "--day", "9", oneDay}, 2, "--day 9: the program has 1 day"},
		{[]string{"digest", "-o", "-", "--day", "x", oneDay}, 2, `--day "x": give a day number`},
		{[]string{"agenda", "--day", "9", oneDay}, 2, "--day 9: the program has 1 day"},
		{[]string{"scrape", "--no-cache", srv.URL + "/nope"}, 1, "HTTP 404 Not Found"},
		{[]string{"scrape", "--no-cache", "--retries", "0", srv.URL + "/broken"}, 1, "HTTP 500 Internal Server Error"},
		{[]string{"scrape", "--retries", "-1", srv.URL}, 2, "--retries must be 0 or more"},
		{[]string{"scrape", "--timeout", "-1s", srv.URL}, 2, "scrape: --timeout -1s: a duration cannot be negative"},
		{[]string{"scrape", srv.URL, "--delay=-2ms"}, 2, "scrape: --delay -2ms: a duration cannot be negative"},
		{[]string{"scrape", "--details=some", srv.URL}, 2, "want --details (every page), --details=noted"},
		{[]string{"scrape", "missing-saved-page.html"}, 1, "scrape: no such file: missing-saved-page.html (give a saved page or an http or https URL)"},
		{[]string{"scrape", "--no-cache", srv.URL + "/private/program"}, 1, "disallowed by the site's robots.txt"},
		{[]string{"scrape", "--no-cache", srv.URL + "/about"}, 1, "no talks found at " + srv.URL + "/about (confdigest reads USENIX program pages, frab"},
		{[]string{"demo"}, 2, "demo takes one directory"},
		{[]string{"digest"}, 2, "digest takes one program file"},
		{[]string{"digest", "--format", "docx", "x.yaml"}, 2, `unknown --format "docx"`},
		{[]string{"digest", "missing.yaml"}, 1, "missing.yaml"},
		{[]string{"digest", "--watch", "-o", "-", "x.yaml"}, 2, "digest --watch writes posts into a folder: give -o DIR"},
		{[]string{"digest", "--watch", "missing.yaml"}, 1, "missing.yaml"},
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			ctx := context.Background()
			code := exitCode(ctx, run(ctx, tt.args, &stdout, &stderr), &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr.String(), tt.code, tt.stderr)
			}
			if n := strings.Count(strings.TrimSpace(stderr.String()), "\n"); tt.code == 1 && n > 0 {
				t.Errorf("stderr has %d lines, want one: %q", n+1, stderr.String())
			}
			if entries, _ := os.ReadDir(dir); tt.code != 0 && len(entries) > 0 {
				t.Errorf("a failed run left %s behind", entries[0].Name())
			}
		})
	}
}

func TestInterruptedExitCode(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	if code := exitCode(ctx, context.Canceled, &stderr); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
}

// After any failure the program file is as it was, byte for byte.
func TestFailedScrapeLeavesFile(t *testing.T) {
	srv := fixtureServer(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "prog.yaml")
	orig := []byte("# mine\nconference: {id: srecon17europe, name: X, url: x}\ndays:\n  - date: \"2017-08-30\"\n    talks:\n      - {id: okafor, title: T, notes: {attended: true}}\n")
	for _, path := range []string{"/nope", "/broken", "/about", "/challenge", "/paper.pdf", "/private/program"} {
		if err := os.WriteFile(file, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		ctx := context.Background()
		code := exitCode(ctx, run(ctx, []string{"scrape", "--no-cache", "--retries", "0", "-o", file, srv.URL + path}, io.Discard, &stderr), &stderr)
		got, _ := os.ReadFile(file)
		if code != 1 || !bytes.Equal(got, orig) {
			t.Errorf("%s: exit %d, file changed: %v (%s)", path, code, !bytes.Equal(got, orig), stderr.String())
		}
		if path == "/challenge" && !strings.Contains(stderr.String(), "blocked by the site's bot protection at "+srv.URL+"/challenge; try later or use --offline with a saved copy") {
			t.Errorf("challenge: %s", stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: left %d files in the directory", path, len(entries))
		}
	}
}

// scrape --help names every kind of program it reads.
func TestScrapeHelpNamesEveryFormat(t *testing.T) {
	for _, format := range []string{"USENIX", "frab", "pentabarf", "c3voc", "pretalx", "iCalendar", "Sessionize", "Indico"} {
		if !strings.Contains(scrapeHelp, format) {
			t.Errorf("scrape --help does not name %s", format)
		}
	}
}

// The demo's "Next:" lines name the command as it was run: go run's binary
// is gone when it ends.
func TestSelfCommand(t *testing.T) {
	for arg0, want := range map[string]string{
		"/tmp/go-build3139/b001/exe/confdigest": "go run ./cmd/confdigest",
		"/home/me/go/bin/confdigest":            "confdigest",
		"confdigest":                            "confdigest",
	} {
		if got := selfCommand(arg0); got != want {
			t.Errorf("selfCommand(%q) = %q, want %q", arg0, got, want)
		}
	}
}

// didYouMean names the one meant for a typo, and nothing for a word that
// is not near any.
func TestDidYouMean(t *testing.T) {
	names := []string{"scrape", "digest", "ical", "export", "agenda", "mark", "check", "demo", "version", "summary", "format", "o", "all"}
	for got, want := range map[string]string{
		"scrap":   " (did you mean scrape?)",  // a letter left out
		"formta":  " (did you mean format?)",  // two swapped
		"Digest":  " (did you mean digest?)",  // case
		"sum":     " (did you mean summary?)", // a prefix
		"agneda":  " (did you mean agenda?)",
		"al":      " (did you mean all?)",
		"x":       "", // one letter is near every one-letter name
		"zzz":     "",
		"publish": "",
		"":        "",
	} {
		if s := didYouMean(got, names, ""); s != want {
			t.Errorf("didYouMean(%q) = %q, want %q", got, s, want)
		}
	}
	if s := didYouMean("formta", names, "-"); s != " (did you mean --format?)" {
		t.Errorf("a flag: %q", s)
	}
}
