package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/schedule"
)

const icalHelp = `usage: confdigest ical [flags] FILE

Ical writes the talks you plan to see (notes.plan: true), attended or wrote
about as an iCalendar (RFC 5545) agenda, for any calendar application. Each
talk keeps its UID across re-scrapes, so importing again (or a calendar
subscribed to the file) updates the events: a talk whose time or room
changed gets a higher SEQUENCE and moves, a withdrawn one is CANCELLED.
What each run wrote is kept in .<FILE>.ical.json beside FILE. Times are in
conference.timezone (with its VTIMEZONE), or floating local times when the
file names no zone.

The flags are:

	-o FILE
		write the calendar to FILE (default: standard output)
	--planned
		the talks you plan to see, attended or wrote about (the default)
	--attended
		only the talks you attended: your diary
	--all
		every talk of the program, not only yours

Example:

	confdigest ical srecon17europe.yaml -o srecon17europe.ics
`

const exportHelp = `usage: confdigest export --format F [flags] FILE

Export writes the program in another format:

	frab        the frab/pretalx schedule.xml, read by Giggity, ConfClerk,
	            EventFahrplan and c3voc tooling
	c3voc-json  the same schedule as c3voc/pretalx schedule.json
	json        confdigest's own model as JSON, with the program file's
	            field names, for scripts

Talks without a time get their day's first start and no duration (named on
stderr). Schedules need a time zone: set conference.timezone.

The flags are:

	--format F
		frab, c3voc-json or json (required)
	-o FILE
		write to FILE (default: standard output)

Example:

	confdigest export --format frab srecon17europe.yaml -o schedule.xml
`

var exportFormats = []string{"frab", "c3voc-json", "json"}

func runICal(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ical", flag.ContinueOnError)
	out := fs.String("o", "", "output file")
	all := fs.Bool("all", false, "every talk")
	fs.Bool("planned", true, "your agenda (the default)")
	attended := fs.Bool("attended", false, "only what you attended")
	pos, err := parseFlags(fs, icalHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("ical takes one program file, e.g. confdigest ical srecon17europe.yaml")
	}
	if err := checkOutput("ical", *out, "agenda.ics"); err != nil {
		return err
	}
	p, err := readProgram(pos[0], stderr)
	if err != nil {
		return err
	}
	if *all && *attended {
		return usagef("ical: --all and --attended contradict each other")
	}
	record := icalRecordPath(pos[0])
	versions := map[string]schedule.Version{}
	switch data, err := atomicfile.ReadFileNoFollow(record); {
	case err == nil:
		_ = json.Unmarshal(data, &versions) // unreadable: counted afresh
	case !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("ical %s: %w", pos[0], err)
	}
	var buf bytes.Buffer
	warnings, written, err := schedule.ICal(&buf, p, schedule.ICalOptions{All: *all, Attended: *attended, Versions: versions})
	if err != nil {
		return fmt.Errorf("ical %s: %w", pos[0], err)
	}
	for uid, v := range written {
		versions[uid] = v
	}
	data, err := json.MarshalIndent(versions, "", "  ")
	if err != nil {
		return err
	}
	return emit(pos[0], *out, buf.Bytes(), warnings, stdout, stderr, recordFile{record, append(data, '\n')})
}

// recordFile is a file confdigest keeps beside the program file, written
// with an output as one unit.
type recordFile struct {
	path string
	data []byte
}

// icalRecordPath is where ical keeps what it wrote for a program file.
func icalRecordPath(programFile string) string {
	dir, base := filepath.Split(programFile)
	return filepath.Join(dir, "."+base+".ical.json")
}

func runExport(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", "output file")
	format := fs.String("format", "", "frab, c3voc-json or json")
	pos, err := parseFlags(fs, exportHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if !known(exportFormats, *format) {
		if *format == "" {
			return usagef("export: --format must be one of %s", strings.Join(exportFormats, ", "))
		}
		return usagef("export: unknown --format %q%s: use one of %s", *format, didYouMean(*format, exportFormats, ""), strings.Join(exportFormats, ", "))
	}
	if len(pos) != 1 {
		return usagef("export takes one program file, e.g. confdigest export --format frab srecon17europe.yaml")
	}
	if err := checkOutput("export", *out, "schedule.xml"); err != nil {
		return err
	}
	p, err := readProgram(pos[0], stderr)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	var warnings []string
	switch *format {
	case "frab":
		warnings, err = schedule.WriteXML(&buf, p, version)
	case "c3voc-json":
		warnings, err = schedule.WriteJSON(&buf, p, version)
	case "json":
		err = schedule.WriteModel(&buf, p)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", pos[0], err)
	}
	return emit(pos[0], *out, buf.Bytes(), warnings, stdout, stderr)
}

// emit writes output made from programFile to file (in one step; stdout for
// "" or "-"; a device or FIFO as a stream) and the warnings to stderr,
// refusing to overwrite the program file itself (-o naming it, or a link to
// it). The records are written with a file output as one unit: all or none.
func emit(programFile, file string, data []byte, warnings []string, stdout, stderr io.Writer, records ...recordFile) error {
	if programFile != "" && file != "" && file != "-" {
		a, errA := os.Stat(programFile)
		b, errB := os.Stat(file)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return usagef("-o %s is the program file itself: write the output elsewhere", file)
		}
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if file == "" || file == "-" || atomicfile.IsStream(file) {
		var err error
		if file == "" || file == "-" {
			_, err = stdout.Write(data)
		} else {
			err = atomicfile.WriteFile(file, data, 0o644)
		}
		if err != nil {
			return writeError(file, err)
		}
		for _, r := range records {
			if err := atomicfile.WriteFileNoFollow(r.path, r.data, 0o644); err != nil {
				return fmt.Errorf("record what was written: %w", writeError(r.path, err))
			}
		}
		return nil
	}
	if fi, err := os.Lstat(file); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if _, err := os.Stat(file); err != nil {
			return fmt.Errorf("%s is a link to a missing file; remove the link or create its target", file)
		}
	}
	var batch atomicfile.Batch
	err := batch.Add(file, data, 0o644, false)
	if err != nil {
		err = writeError(file, err)
	}
	for _, r := range records {
		if err != nil {
			break
		}
		if err = batch.Add(r.path, r.data, 0o644, true); err != nil {
			err = fmt.Errorf("record what was written: %w; %s was not written", writeError(r.path, err), file)
		}
	}
	if err == nil {
		if err = batch.Commit(); err != nil {
			err = writeError(file, err)
		}
	}
	if err != nil {
		batch.Abort()
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", file)
	return nil
}

// checkOutput: -o names a file in a folder that exists. Said before any
// work, in words about -o: a failed write would name the temporary file it
// writes first. example is a file name for the message.
func checkOutput(cmd, path, example string) error {
	if path == "" || path == "-" {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("%s: -o %s is a folder: -o takes a file name, e.g. -o %s", cmd, path, filepath.Join(path, example))
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: -o %s: the folder %s does not exist; create it first (mkdir -p %s) or write elsewhere", cmd, path, dir, dir)
	case err == nil && !fi.IsDir():
		return fmt.Errorf("%s: -o %s: %s is a file, not a folder", cmd, path, dir)
	}
	return nil
}

// writeError says that writing path failed and why. atomicfile names
// the file (never its temporary file) already; other errors get it.
func writeError(path string, err error) error {
	if strings.Contains(err.Error(), path) {
		return err
	}
	return fmt.Errorf("write %s: %w", path, err)
}
