//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 23.1 and 23.2: ical, export and scrape over every kind of -o
// target. Each run ends (a FIFO nobody reads is an error, not a wait),
// either writes where it should or fails with one line and changes
// nothing; a device or FIFO stays one; no temporary file is left.
func TestOutputTargets(t *testing.T) {
	srv := fixtureServer(t)
	kinds := []string{"regular", "symlink", "dangling", "dir", "fifo", "device", "missing-folder", "stdout"}
	for _, cmd := range []string{"export", "ical", "scrape"} {
		for _, kind := range kinds {
			t.Run(cmd+"-"+kind, func(t *testing.T) {
				dir := t.TempDir()
				prog := sampleFile(t, 3)
				outside := filepath.Join(t.TempDir(), "outside")
				os.WriteFile(outside, []byte("keep"), 0o644)
				target := filepath.Join(dir, "out")
				switch kind {
				case "regular":
					os.WriteFile(target, []byte("old"), 0o644)
				case "symlink":
					os.Symlink(outside, target)
				case "dangling":
					os.Symlink(filepath.Join(dir, "nowhere"), target)
				case "dir":
					os.Mkdir(target, 0o755)
				case "fifo":
					if err := syscall.Mkfifo(target, 0o644); err != nil {
						t.Skip(err)
					}
				case "device":
					target = privateNull(t, dir)
				case "missing-folder":
					target = filepath.Join(dir, "no", "out")
				case "stdout":
					target = "-"
				}
				var args []string
				switch cmd {
				case "export":
					args = []string{"export", "--format", "json", "-o", target, prog}
				case "ical":
					args = []string{"ical", "--all", "-o", target, prog}
				case "scrape":
					args = []string{"scrape", "--no-cache", "--delay", "0", "-o", target, srv.URL + "/conference/srecon17europe/program"}
				}
				before := dirNames(t, dir)
				var stdout, stderr bytes.Buffer
				done := make(chan int, 1)
				go func() {
					ctx := context.Background()
					done <- exitCode(ctx, run(ctx, args, &stdout, &stderr), &stderr)
				}()
				var code int
				select {
				case code = <-done:
				case <-time.After(20 * time.Second): // a hang, not a speed limit
					t.Fatalf("%v has not ended", args)
				}
				for _, n := range dirNames(t, dir) {
					if strings.HasSuffix(n, ".tmp") {
						t.Errorf("temporary file %s left", n)
					}
				}
				if kind == "device" {
					if fi, err := os.Lstat(target); err != nil || fi.Mode()&os.ModeDevice == 0 {
						t.Fatalf("the device was replaced: %v %v", fi, err)
					}
				}
				if kind == "fifo" {
					if fi, _ := os.Lstat(target); fi.Mode()&os.ModeNamedPipe == 0 {
						t.Fatal("the FIFO was replaced")
					}
				}
				if got, _ := os.ReadFile(outside); kind != "symlink" && string(got) != "keep" {
					t.Errorf("a file outside was written: %q", got)
				}
				wantFail := kind == "dir" || kind == "fifo" || kind == "missing-folder" || kind == "dangling" ||
					cmd == "scrape" && (kind == "regular" || kind == "symlink") // not a program file to merge into
				if (code != 0) != wantFail {
					t.Fatalf("exit %d, stderr %q; want failure %v", code, stderr.String(), wantFail)
				}
				if code != 0 {
					if n := strings.Count(stderr.String(), "confdigest: "); n != 1 {
						t.Errorf("%d error lines, want one: %q", n, stderr.String())
					}
					if !strings.Contains(stderr.String(), filepath.Base(target)) {
						t.Errorf("the error does not name the target: %q", stderr.String())
					}
					if after := dirNames(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
						t.Errorf("a failed run changed the folder: %v -> %v", before, after)
					}
					return
				}
				var got []byte
				switch kind {
				case "regular":
					got, _ = os.ReadFile(target)
				case "symlink":
					got, _ = os.ReadFile(outside)
					if fi, _ := os.Lstat(target); fi.Mode()&os.ModeSymlink == 0 {
						t.Error("the link became a file")
					}
				case "stdout":
					got = stdout.Bytes()
				}
				if kind != "device" && (len(got) == 0 || bytes.Equal(got, []byte("old")) || bytes.Equal(got, []byte("keep"))) {
					t.Errorf("the output is not there: %q", got)
				}
			})
		}
	}
}

// A FIFO with a reader gets the output as a stream: scrape -o FIFO reads
// nothing from it and writes the program.
func TestScrapeIntoFIFO(t *testing.T) {
	srv := fixtureServer(t)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	var err error
	for range 1000 { // until the reader has the FIFO open
		if _, err = runCmd("scrape", "--no-cache", "--delay", "0", "-o", fifo, srv.URL+"/conference/srecon17europe/program"); err == nil || !strings.Contains(err.Error(), "no process reads") {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if b := <-got; !bytes.Contains(b, []byte("id: srecon17europe")) {
		t.Errorf("the reader got %q", b)
	}
}

// privateNull is a null device to write to: root gets its own node, so a
// bug cannot replace the system's /dev/null.
func privateNull(t *testing.T, dir string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		return os.DevNull
	}
	path := filepath.Join(dir, "null")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skip(err)
	}
	return path
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Issue 23.4: ical writes the calendar and its record as one unit: when
// the record cannot be written (a full disk; here its temporary file's
// name is too long), no calendar is left either.
func TestICalRecordFailureLeavesNoCalendar(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, strings.Repeat("p", 225)+".yaml")
	os.WriteFile(prog, []byte(readText(t, sampleFile(t, 2))), 0o644)
	cal := filepath.Join(dir, "agenda.ics")
	_, err := runCmd("ical", "--all", "-o", cal, prog)
	if err == nil || !strings.Contains(err.Error(), "agenda.ics was not written") {
		t.Fatalf("ical: %v", err)
	}
	if n := dirNames(t, dir); len(n) != 1 {
		t.Errorf("left %v", n)
	}
}
