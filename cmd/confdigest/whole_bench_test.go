package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/confdigest/confdigest/internal/testpages"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// BenchmarkWholeCommands measures confdigest as users feel it: whole
// processes of the built binary, side by side with a Go program that only
// fetches and parses the same bytes (internal/benchbase), and prints each
// command's wall time and peak memory beside that baseline, as ratios.
//
//	go test ./cmd/confdigest -run XXX -bench WholeCommands -benchtime 5x -v
//
// Cases: a generated 1,000-talk USENIX-style page served on loopback, a
// 10,000-talk program file for check and digest, and where ../shared is
// present the real USENIX Security 2025 page, FOSDEM 2026 export and Camp
// 2019 JSON. A row marked [vs] is CONFDIGEST_BENCH_VS's binary, its ratio
// to this one's. CPU is user + system time, which other processes on a
// busy machine move less than wall time.
func BenchmarkWholeCommands(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "confdigest")
	base := filepath.Join(dir, "benchbase")
	for _, build := range [][]string{{"-o", bin, "."}, {"-o", base, "../../internal/benchbase"}} {
		if out, err := exec.Command("go", append([]string{"build"}, build...)...).CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, out)
		}
	}
	// CONFDIGEST_BENCH_VS names another confdigest binary (built from
	// another commit): each of its runs follows the same run of this one,
	// so that a busy moment of the machine weighs on both alike.
	vs := os.Getenv("CONFDIGEST_BENCH_VS")
	page := testpages.USENIXProgram(1000)
	shared := filepath.Join("..", "..", "..", "shared")
	sec25, _ := os.ReadFile(filepath.Join(shared, "real", "usenix", "usenixsecurity25", "technical-sessions.html"))
	fosdem, _ := os.ReadFile(filepath.Join(shared, "examples", "schedules", "pentabarf-fosdem2026.xml"))
	camp, _ := os.ReadFile(filepath.Join(shared, "examples", "schedules", "frab-camp2019.json"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/conference/bench25/program":
			w.Header().Set("Content-Type", "text/html")
			w.Write(page)
		case "/conference/usenixsecurity25/technical-sessions":
			w.Header().Set("Content-Type", "text/html")
			w.Write(sec25)
		case "/fosdem2026/schedule.xml":
			w.Header().Set("Content-Type", "application/xml")
			w.Write(fosdem)
		case "/camp2019/schedule.json":
			w.Header().Set("Content-Type", "application/json")
			w.Write(camp)
		default:
			http.NotFound(w, r)
		}
	}))
	b.Cleanup(srv.Close)
	big := filepath.Join(dir, "big.yaml")
	data, err := yamlfile.Marshal(testpages.Program(10000))
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
	remove := func(file string) func() { return func() { os.Remove(filepath.Join(dir, file)) } }
	type job struct {
		name, baseline string
		args           []string
		before         func() // run before each measured run
		input          int    // bytes read: the page or file
	}
	jobs := []job{
		{"html.Parse of the page (baseline)", "", []string{base, "html", usenix}, nil, len(page)},
		{"scrape to a new file", "html.Parse of the page (baseline)", scrape(usenix, "new.yaml"), remove("new.yaml"), len(page)},
		{"re-scrape, unchanged", "html.Parse of the page (baseline)", scrape(usenix, "same.yaml"), nil, len(page)},
		{"yaml.v3 decode of 10,000 talks (baseline)", "", []string{base, "yaml", big}, nil, len(data)},
		{"check 10,000 talks", "yaml.v3 decode of 10,000 talks (baseline)", []string{bin, "check", big}, nil, len(data)},
		{"digest 10,000 talks", "yaml.v3 decode of 10,000 talks (baseline)", []string{bin, "digest", "-o", filepath.Join(dir, "posts"), "--force", big}, nil, len(data)},
	}
	// A re-scrape that finds the program changed: the file as an earlier
	// scrape wrote it, with a tenth of the titles since changed upstream
	// (here: in the file), so the merge writes those talks anew and keeps
	// the text of the rest.
	changed := func(url, file string) func() {
		path := filepath.Join(dir, file)
		var old []byte
		return func() {
			if old == nil {
				if out, err := exec.Command(bin, "scrape", "--no-cache", "--delay", "0", "-o", path, url).CombinedOutput(); err != nil {
					b.Fatalf("scrape %s: %v\n%s", url, err, out)
				}
				text, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				lines := strings.SplitAfter(string(text), "\n")
				n := 0
				for i, l := range lines {
					v, ok := strings.CutPrefix(strings.TrimSpace(l), "title: ")
					if ok && strings.HasPrefix(l, "      ") && !strings.ContainsAny(v[:1], `"'`) { // plain: a prefix keeps it plain
						if n++; n%10 == 0 {
							lines[i] = strings.Replace(l, "title: ", "title: Old ", 1)
						}
					}
				}
				old = []byte(strings.Join(lines, ""))
			}
			if err := os.WriteFile(path, old, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	if len(sec25) > 0 {
		url := srv.URL + "/conference/usenixsecurity25/technical-sessions"
		jobs = append(jobs,
			job{"html.Parse of Security 2025 (baseline)", "", []string{base, "html", url}, nil, len(sec25)},
			job{"scrape Security 2025 to a new file", "html.Parse of Security 2025 (baseline)", scrape(url, "sec25.yaml"), remove("sec25.yaml"), len(sec25)},
			job{"re-scrape Security 2025, unchanged", "html.Parse of Security 2025 (baseline)", scrape(url, "sec25-same.yaml"), nil, len(sec25)},
			job{"re-scrape Security 2025, 10% retitled", "html.Parse of Security 2025 (baseline)", scrape(url, "sec25-changed.yaml"), changed(url, "sec25-changed.yaml"), len(sec25)},
		)
	}
	if len(fosdem) > 0 {
		xmlURL := srv.URL + "/fosdem2026/schedule.xml"
		jobs = append(jobs,
			job{"XML token walk of FOSDEM 2026 (baseline)", "", []string{base, "xml", xmlURL}, nil, len(fosdem)},
			job{"scrape FOSDEM 2026 to a new file", "XML token walk of FOSDEM 2026 (baseline)", scrape(xmlURL, "fosdem.yaml"), remove("fosdem.yaml"), len(fosdem)},
			job{"re-scrape FOSDEM 2026, unchanged", "XML token walk of FOSDEM 2026 (baseline)", scrape(xmlURL, "fosdem-same.yaml"), nil, len(fosdem)},
			job{"re-scrape FOSDEM 2026, 10% retitled", "XML token walk of FOSDEM 2026 (baseline)", scrape(xmlURL, "fosdem-changed.yaml"), changed(xmlURL, "fosdem-changed.yaml"), len(fosdem)},
		)
	}
	// The issue 21 comparisons: a process that only fetches the same bytes
	// and parses them with libxml2 (lxml), and the scraper a user would
	// write with Python and BeautifulSoup; where Debian's python3-lxml,
	// python3-bs4 and python3-yaml are installed.
	python := "/usr/bin/python3"
	var against [][2]string // two jobs, the first's time to be shown as a ratio to the second's
	scripts, _ := filepath.Abs(filepath.Join("..", "..", "internal", "benchbase"))
	if exec.Command(python, "-c", "import lxml, bs4, yaml").Run() == nil {
		lxml := func(kind, name, url string, input int, scrapes ...string) {
			jobs = append(jobs, job{name, "", []string{python, filepath.Join(scripts, "lxmlparse.py"), kind, url}, nil, input})
			for _, j := range scrapes {
				against = append(against, [2]string{j, name})
			}
		}
		if len(sec25) > 0 {
			url := srv.URL + "/conference/usenixsecurity25/technical-sessions"
			lxml("html", "libxml2 parse of Security 2025 (lxml)", url, len(sec25),
				"scrape Security 2025 to a new file", "re-scrape Security 2025, unchanged", "re-scrape Security 2025, 10% retitled")
			bs4 := "Python+BeautifulSoup scraper, Security 2025"
			jobs = append(jobs, job{bs4, "", []string{python, filepath.Join(scripts, "bs4scrape.py"), url, filepath.Join(dir, "bs4.yaml")}, nil, len(sec25)})
			against = append(against, [2]string{bs4, "scrape Security 2025 to a new file"})
		}
		if len(fosdem) > 0 {
			lxml("xml", "libxml2 parse of FOSDEM 2026 (lxml)", srv.URL+"/fosdem2026/schedule.xml", len(fosdem),
				"scrape FOSDEM 2026 to a new file", "re-scrape FOSDEM 2026, unchanged", "re-scrape FOSDEM 2026, 10% retitled")
		}
	}
	if len(camp) > 0 {
		jsonURL := srv.URL + "/camp2019/schedule.json"
		jobs = append(jobs,
			job{"scrape Camp 2019 JSON to a new file", "", scrape(jsonURL, "camp.yaml"), remove("camp.yaml"), len(camp)},
		)
	}
	if vs != "" {
		var both []job
		for _, j := range jobs {
			both = append(both, j)
			if j.args[0] == bin {
				other := j
				other.name = j.name + " [vs]"
				other.args = append([]string{vs}, j.args[1:]...)
				both = append(both, other)
			}
		}
		jobs = both
	}
	// CONFDIGEST_BENCH_ONLY, a regular expression, keeps the jobs it
	// matches and their baselines.
	if only := os.Getenv("CONFDIGEST_BENCH_ONLY"); only != "" {
		re := regexp.MustCompile(only)
		keep := map[string]bool{}
		for _, j := range jobs {
			if re.MatchString(j.name) {
				keep[j.name], keep[j.baseline] = true, true
			}
		}
		var kept []job
		for _, j := range jobs {
			if keep[j.name] || keep[strings.TrimSuffix(j.name, " [vs]")] {
				kept = append(kept, j)
			}
		}
		jobs = kept
	}
	times := map[string][]time.Duration{}
	cpu := map[string][]time.Duration{} // user + system: less moved by other processes than wall time
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
			cpu[j.name] = append(cpu[j.name], cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
			if j.before != nil {
				j.before()
			}
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
	fmt.Fprintf(&report, "\n%-50s %10s %8s %10s %8s %10s %12s\n", "command", "median", "ratio", "CPU", "ratio", "peak RSS", "RSS/input")
	for _, j := range jobs {
		m, c := median(times[j.name]), median(cpu[j.name])
		ratio, cpuRatio := "—", "—"
		other := j.baseline
		if base, isVS := strings.CutSuffix(j.name, " [vs]"); isVS {
			other = base // [vs] to this binary
		}
		if other != "" {
			ratio = fmt.Sprintf("%.2f×", float64(m)/float64(median(times[other])))
			cpuRatio = fmt.Sprintf("%.2f×", float64(c)/float64(median(cpu[other])))
		}
		fmt.Fprintf(&report, "%-50s %10s %8s %10s %8s %8.1f MB %11.1f×\n", j.name, m.Round(time.Millisecond), ratio, c.Round(time.Millisecond), cpuRatio,
			float64(peaks[j.name])/(1<<20), float64(peaks[j.name])/float64(j.input))
	}
	for _, a := range against {
		pairs := [][2]string{a}
		if vs != "" { // the same against the [vs] binary
			if _, ok := times[a[0]+" [vs]"]; ok {
				pairs = append(pairs, [2]string{a[0] + " [vs]", a[1]})
			} else {
				pairs = append(pairs, [2]string{a[0], a[1] + " [vs]"})
			}
		}
		for _, p := range pairs {
			if times[p[0]] != nil && times[p[1]] != nil {
				fmt.Fprintf(&report, "%s: %.2f× %s (CPU %.2f×)\n", p[0], float64(median(times[p[0]]))/float64(median(times[p[1]])), p[1],
					float64(median(cpu[p[0]]))/float64(median(cpu[p[1]])))
			}
		}
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
