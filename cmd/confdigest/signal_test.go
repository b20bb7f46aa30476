//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 23.10: a command that does not look at ctx (parsing a large page)
// is stopped a grace period after the signal: status 130, writes
// abandoned. One that ends by itself keeps its own status.
func TestStopWithin(t *testing.T) {
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	abandoned := false
	code := stopWithin(ctx, time.Millisecond, &stderr, func() int { <-never; return 0 }, func() { abandoned = true })
	if code != 130 || !abandoned || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("status %d, abandoned %v, stderr %q; want 130, true, interrupted", code, abandoned, stderr.String())
	}
	abandoned = false
	code = stopWithin(ctx, time.Hour, &stderr, func() int { <-ctx.Done(); return 7 }, func() { abandoned = true })
	if code != 7 || abandoned {
		t.Errorf("status %d, abandoned %v; want the command's own 7", code, abandoned)
	}
}

// Issue 23.10, whole: SIGINT while a scrape waits for the program page
// ends the process with 130, the program file as it was, and nothing new
// beside it.
func TestInterruptedScrapeLeavesFile(t *testing.T) {
	srv := newHoldServer(t, "program")
	dir := t.TempDir()
	file := filepath.Join(dir, "p.yaml")
	orig := []byte(readText(t, sampleFile(t, 3)))
	os.WriteFile(file, orig, 0o644)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "confdigest") // testscript.Main runs realMain under this name
	if err := os.Symlink(exe, bin); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(bin, "scrape", "--no-cache", "--delay", "0", "--force", "-o", file, srv.URL+programPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	release := <-srv.arrivals
	defer close(release)
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("%v, want exit status 130; stderr %q", err, stderr.String())
	}
	if got := readText(t, file); got != string(orig) {
		t.Error("the program file changed")
	}
	if n := dirNames(t, dir); len(n) != 1 {
		t.Errorf("left %v beside the program file", n)
	}
}

// Issue 23.10: mark after the signal writes nothing (it wrote regardless).
func TestMarkAfterSignalWritesNothing(t *testing.T) {
	file := sampleFile(t, 3)
	orig := readText(t, file)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	if code := exitCode(ctx, run(ctx, []string{"mark", file, "t01", "--plan"}, &stderr, &stderr), &stderr); code != 130 {
		t.Errorf("status %d, want 130 (%s)", code, stderr.String())
	}
	if readText(t, file) != orig {
		t.Error("mark wrote after the signal")
	}
	if strings.Contains(stderr.String(), "planned") {
		t.Errorf("mark said it planned: %q", stderr.String())
	}
}
