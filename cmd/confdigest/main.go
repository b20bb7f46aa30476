// Command confdigest turns a conference program into a day-by-day blog
// write-up: scrape the program into a YAML file, write your notes into it,
// and digest it into one post per day.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/confdigest/confdigest/internal/atomicfile"
)

// version is stamped into the User-Agent; release builds may set it with
// -ldflags "-X main.version=…".
var version = "0.1.0"

const projectURL = "https://github.com/confdigest/confdigest"

func main() {
	os.Exit(profiled(realMain))
}

// profiled runs run under the profiles the environment asks for: a CPU
// profile (CONFDIGEST_CPUPROFILE=file) and one of the memory allocated
// (CONFDIGEST_MEMPROFILE=file). For measuring whole runs (BENCHMARKS.md);
// not a user setting.
func profiled(run func() int) int {
	if path := os.Getenv("CONFDIGEST_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 4096
		defer func() {
			if f, err := os.Create(path); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if path := os.Getenv("CONFDIGEST_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	return run()
}

// realMain runs the command line and decides the exit status. stop cancels
// ctx, so it runs only after the status is decided.
func realMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return stopWithin(ctx, signalGrace, os.Stderr, func() int {
		return exitCode(ctx, run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	}, atomicfile.Abandon)
}

// signalGrace is how long a command has to end by itself after SIGINT or
// SIGTERM (most stop at once: requests and waits follow ctx) before it is
// stopped, so that one signal ends any command within a second.
const signalGrace = 800 * time.Millisecond

// stopWithin runs cmd and returns its status; if ctx ends (a signal) and
// cmd has not ended grace later (it is parsing a large page, say, which
// does not look at ctx), it abandons the writes under way (no file is
// replaced after this, temporary and lock files are removed) and returns
// 130 without waiting for cmd.
func stopWithin(ctx context.Context, grace time.Duration, stderr io.Writer, cmd func() int, abandon func()) int {
	done := make(chan int, 1)
	go func() { done <- cmd() }()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case code := <-done:
		return code
	case <-timer.C:
		abandon()
		fmt.Fprintln(stderr, "confdigest: interrupted; nothing was written")
		return 130
	}
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// exitCode reports err on stderr and maps it to the exit status:
// 0 success, 1 failure, 2 usage error, 130 interrupted.
func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	var (
		ue usageError
		re reportedError
		se stoppedError
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &se):
		fmt.Fprintf(stderr, "confdigest: %s\n", errorLine(se.Error()))
		return 130
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "confdigest: interrupted; nothing was written")
		return 130
	case errors.As(err, &re):
		fmt.Fprintln(stderr, re.what) // the problems themselves are printed already
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "confdigest: %s\n", errorLine(ue.msg))
		return 2
	default:
		fmt.Fprintf(stderr, "confdigest: %s\n", errorLine(err.Error()))
		return 1
	}
}

// errorLine keeps an error to one line: joined errors are separated by "; ".
func errorLine(s string) string {
	return printable(strings.ReplaceAll(strings.TrimSpace(s), "\n", "; "))
}

// printable shows text that came from a page or a file on a terminal as
// text: control characters (an escape sequence could retitle the window or
// hide what follows) are shown as "\x1b" and the like.
func printable(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 }

type command struct {
	name  string
	short string
	help  string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"scrape", "write or merge the program file from a conference program page", scrapeHelp, runScrape},
		{"digest", "write one blog post per day from the program file", digestHelp, runDigest},
		{"ical", "the talks you plan to see as an iCalendar agenda", icalHelp, runICal},
		{"export", "the program as frab XML, c3voc JSON or JSON", exportHelp, runExport},
		{"agenda", "the program in the terminal: your plan, clashes, what is on now", agendaHelp, runAgenda},
		{"mark", "set plan, attended, rating and tags of talks from the terminal", markHelp, runMark},
		{"check", "validate a program file and print every problem", checkHelp, runCheck},
		{"schema", "print the program file's JSON Schema, for editors", schemaHelp, runSchema},
		{"demo", "run the whole pipeline on a built-in sample conference, offline", demoHelp, runDemo},
		{"version", "print confdigest's version", versionHelp, runVersion},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainHelp())
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			for _, c := range commands() {
				if c.name == args[1] {
					fmt.Fprint(stdout, c.help)
					return nil
				}
			}
			return usagef("unknown help topic %q%s; run 'confdigest help'", args[1], didYouMean(args[1], commandNames(), ""))
		}
		fmt.Fprint(stdout, mainHelp())
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return usagef("unknown command %q%s; run 'confdigest help'", name, didYouMean(name, commandNames(), ""))
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

func mainHelp() string {
	var b strings.Builder
	b.WriteString("confdigest turns a conference program into one blog post per day.\n\nUsage:\n\n\tconfdigest <command> [arguments]\n\nThe commands are:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-8s %s\n", c.name, c.short)
	}
	b.WriteString("\nUse \"confdigest help <command>\" for more information about a command.\n")
	return b.String()
}

func runVersion(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	pos, err := parseFlags(fs, versionHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "confdigest %s\n", version)
	return nil
}

const versionHelp = `usage: confdigest version

Version prints confdigest's version, the one its User-Agent names.

Example:

	confdigest version
`

// negativeDuration refuses a negative value given to any duration flag
// ("--timeout -1s" made every request fail as if the site were down).
func negativeDuration(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if g, ok := f.Value.(flag.Getter); ok && err == nil {
			if d, ok := g.Get().(time.Duration); ok && d < 0 {
				err = usagef("%s: --%s %s: a duration cannot be negative; run 'confdigest help %s'", fs.Name(), f.Name, d, fs.Name())
			}
		}
	})
	return err
}

func userAgent() string { return fmt.Sprintf("confdigest/%s (+%s)", version, projectURL) }

// parseFlags parses args with fs, allowing flags after the positional
// arguments ("scrape URL -o file"), and returns the positional ones. -h and
// --help print help to stdout and end the command with success.
func parseFlags(fs *flag.FlagSet, help string, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, help)
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %s; run 'confdigest help %s'", fs.Name(), flagError(fs, err), fs.Name())
		}
		if err := negativeDuration(fs); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// flagError words a flag parse error with flags written as the help writes
// them (-o, --format), naming the flag that was meant for an unknown one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s needs a value", dashed(name))
	}
	if m := invalidValueRe.FindStringSubmatch(msg); m != nil {
		why := m[3] // a flag type of ours says what it wants
		if f := fs.Lookup(m[2]); f != nil && valueKind(f) != "" {
			why = "want " + valueKind(f)
		}
		if why == "" || why == "parse error" {
			why = "not a valid value"
		}
		return fmt.Sprintf("%s %s: %s", dashed(m[2]), m[1], why)
	}
	name, unknown := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !unknown {
		return msg
	}
	var names, flags []string
	fs.VisitAll(func(f *flag.Flag) { names, flags = append(names, f.Name), append(flags, dashed(f.Name)) })
	mean := didYouMean(name, names, "-")
	if mean == "" && len(flags) > 0 {
		// None is near: the flags there are, in a line.
		sort.SliceStable(flags, func(i, j int) bool { return len(flags[i]) == 2 && len(flags[j]) > 2 })
		mean = " (flags: " + strings.Join(flags, ", ") + ")"
	}
	return fmt.Sprintf("unknown flag %s%s", dashed(name), mean)
}

// invalidValueRe is how the flag package says a value did not parse.
var invalidValueRe = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-([\w-]+)(?:: (.*))?$`)

// valueKind names what a flag's value must be, from its type; "" for a
// type of ours.
func valueKind(f *flag.Flag) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return ""
	}
	switch g.Get().(type) {
	case int, int64, uint, uint64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true or false (or the flag alone)"
	case time.Duration:
		return "a duration such as 2s, 500ms or 1m"
	}
	return ""
}

// dashed writes a flag name as the help does: -o, --format.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// didYouMean is " (did you mean X?)" naming the one of names nearest to
// got, or "" when none is near enough to be what was meant. With dash
// set, names are flags and written with their dashes.
func didYouMean(got string, names []string, dash string) string {
	best, bestD := "", 0
	low := strings.ToLower(got)
	for _, n := range names {
		d := editDistance(low, strings.ToLower(n))
		if strings.HasPrefix(strings.ToLower(n), low) && len(low) >= 3 {
			d = 1 // a prefix of it ("sum" for "summary")
		}
		if best == "" || d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD >= len([]rune(got)) || bestD > max(1, len([]rune(got))/3) {
		return ""
	}
	if dash != "" {
		best = dashed(best)
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance counts the letters to insert, delete, replace or swap with
// the next to turn a into b (optimal string alignment distance): "formta"
// is one from "format".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
