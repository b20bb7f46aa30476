package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/confdigest/confdigest/internal/testpages"
	"github.com/confdigest/confdigest/program"
)

// BenchmarkWholeCommands measures confdigest as users feel it: whole
// processes of the built binary, side by side with a Go program that only
// fetches and parses the same bytes (internal/benchbase), and prints each
// command's wall time and peak memory beside that baseline, as ratios.
//
//	go test ./cmd/confdigest -run XXX -bench WholeCommands -benchtime 5x -v
//
// Cases: a generated 1,000-talk USENIX-style page served on loopback, the
// real FOSDEM 2026 export (../shared/examples, when present), and a
// 10,000-talk program file for check and digest.
func BenchmarkWholeCommands(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "confdigest")
	base := filepath.Join(dir, "benchbase")
	for _, build := range [][]string{{"-o", bin, "."}, {"-o", base, "../../internal/benchbase"}} {
		if out, err := exec.Command("go", append([]string{"build"}, build...)...).CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
	}
	page := testpages.USENIXProgram(1000)
	fosdem, _ := os.ReadFile(filepath.Join("..", "..", "..", "shared", "examples", "schedules", "pentabarf-fosdem2026.xml"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/conference/bench25/program":
			w.Header().Set("Content-Type", "text/html")
			w.Write(page)
		case "/fosdem2026/schedule.xml":
			w.Header().Set("Content-Type", "application/xml")
			w.Write(fosdem)
		default:
			http.NotFound(w, r)
		}
	}))
	b.Cleanup(srv.Close)
	big := filepath.Join(dir, "big.yaml")
	data, err := program.Marshal(testpages.Program(10000))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(big, data, 0o644); err != nil {
		b.Fatal(err)
	}

	usenix := srv.URL + "/conference/bench25/program"
	scrape := func(url, file string) []string {
		return []string{bin, "scrape", "--no-cache", "--delay", "0", "-o", filepath.Join(dir, file), url}
	}
	type job struct {
		name, baseline string
		args           []string
		before         func() // run before each measured run
		input          int    // bytes read: the page or file
	}
	jobs := []job{
		{"html.Parse of the page (baseline)", "", []string{base, "html", usenix}, nil, len(page)},
		{"scrape to a new file", "html.Parse of the page (baseline)", scrape(usenix, "new.yaml"), func() { os.Remove(filepath.Join(dir, "new.yaml")) }, len(page)},
		{"re-scrape, unchanged", "html.Parse of the page (baseline)", scrape(usenix, "same.yaml"), nil, len(page)},
		{"yaml.v3 decode of 10,000 talks (baseline)", "", []string{base, "yaml", big}, nil, len(data)},
		{"check 10,000 talks", "yaml.v3 decode of 10,000 talks (baseline)", []string{bin, "check", big}, nil, len(data)},
		{"digest 10,000 talks", "yaml.v3 decode of 10,000 talks (baseline)", []string{bin, "digest", "-o", filepath.Join(dir, "posts"), "--force", big}, nil, len(data)},
	}
	if len(fosdem) > 0 {
		xmlURL := srv.URL + "/fosdem2026/schedule.xml"
		jobs = append(jobs,
			job{"XML token walk of FOSDEM 2026 (baseline)", "", []string{base, "xml", xmlURL}, nil, len(fosdem)},
			job{"scrape FOSDEM 2026 to a new file", "XML token walk of FOSDEM 2026 (baseline)", scrape(xmlURL, "fosdem.yaml"), func() { os.Remove(filepath.Join(dir, "fosdem.yaml")) }, len(fosdem)},
			job{"re-scrape FOSDEM 2026, unchanged", "XML token walk of FOSDEM 2026 (baseline)", scrape(xmlURL, "fosdem-same.yaml"), nil, len(fosdem)},
		)
	}
	times := map[string][]time.Duration{}
	peaks := map[string]int64{}
	for b.Loop() {
		for _, j := range jobs {
			if j.before != nil {
				j.before()
			}
			cmd := exec.Command(j.args[0], j.args[1:]...)
			cmd.Dir = dir
			start := time.Now()
			out, err := cmd.CombinedOutput()
			elapsed := time.Since(start)
			if err != nil {
				b.Fatalf("%s: %v\n%s", strings.Join(j.args, " "), err, out)
			}
			times[j.name] = append(times[j.name], elapsed)
			peaks[j.name] = max(peaks[j.name], peakRSS(b, dir, j.args))
		}
	}
	b.StopTimer()
	median := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[len(s)/2]
	}
	var report strings.Builder
	fmt.Fprintf(&report, "\n%-44s %10s %8s %10s %12s\n", "command", "median", "ratio", "peak RSS", "RSS/input")
	for _, j := range jobs {
		m := median(times[j.name])
		ratio := "—"
		if j.baseline != "" {
			ratio = fmt.Sprintf("%.2f×", float64(m)/float64(median(times[j.baseline])))
		}
		fmt.Fprintf(&report, "%-44s %10s %8s %8.1f MB %11.1f×\n", j.name, m.Round(time.Millisecond), ratio,
			float64(peaks[j.name])/(1<<20), float64(peaks[j.name])/float64(j.input))
	}
	b.Log(report.String())
}

// peakRSS runs the command once more under GNU time for its peak memory
// (the wait status of a child forked from this large process counts the
// memory it had before exec). 0 where GNU time is missing.
func peakRSS(b *testing.B, dir string, args []string) int64 {
	gnuTime, err := exec.LookPath("time")
	if err != nil {
		if _, err := os.Stat("/usr/bin/time"); err != nil {
			return 0
		}
		gnuTime = "/usr/bin/time"
	}
	out := filepath.Join(dir, "rss")
	cmd := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", out}, args...)...)
	cmd.Dir = dir
	if err := cmd.Run(); err != nil {
		return 0
	}
	data, _ := os.ReadFile(out)
	var kb int64
	fmt.Sscan(strings.TrimSpace(string(data)), &kb)
	return kb * 1024
}
