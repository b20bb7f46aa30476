//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteFileKeepsModeAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v, want new content and the old mode 0600", got, fi.Mode().Perm())
	}
	if names := list(t, dir); len(names) != 1 {
		t.Errorf("left %v behind, want only p.yaml", names)
	}
	if err := WriteFile(filepath.Join(dir, "missing", "p.yaml"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

// A link the user made to their program file stays a link; the file it
// points to is replaced.
func TestWriteFileThroughUsersLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.yaml")
	link := filepath.Join(dir, "link.yaml")
	os.WriteFile(target, []byte("old\n"), 0o644)
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link became a file")
	}
	if got, _ := os.ReadFile(target); string(got) != "new\n" {
		t.Errorf("target holds %q", got)
	}
}

// Issue 23.1: a record planted as a link to another file (~/.bashrc) is
// replaced itself; the file it pointed to is untouched.
func TestWriteFileNoFollowReplacesPlantedLink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "bashrc")
	os.WriteFile(victim, []byte("export PATH\n"), 0o644)
	record := filepath.Join(dir, ".p.yaml.digest.json")
	if err := os.Symlink(victim, record); err != nil {
		t.Skip(err)
	}
	if err := WriteFileNoFollow(record, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(victim); string(got) != "export PATH\n" {
		t.Errorf("the link's target was written: %q", got)
	}
	fi, err := os.Lstat(record)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("record is %v (%v), want a regular file", fi, err)
	}
}

// Issue 23.2: a device is written to, never replaced by a regular file; a
// FIFO nobody reads is an error at once, not a wait.
func TestWriteFileStreams(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null or FIFO")
	}
	dir := t.TempDir()
	// Root could replace the system's /dev/null: a bug here must not take
	// it from the machine, so root writes to a node of its own.
	null := os.DevNull
	if os.Geteuid() == 0 {
		null = filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skip(err)
		}
	}
	if err := WriteFile(null, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(null); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", null, fi, err)
	}
	fifo := filepath.Join(dir, "out")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	err := WriteFile(fifo, []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "no process reads") {
		t.Errorf("FIFO without reader: %v, want a clear error", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b := make([]byte, 64)
		n, _ := f.Read(b)
		got <- string(b[:n])
	}()
	// The reader's open blocks until a writer opens: retry until it is there.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err = WriteFile(fifo, []byte("stream"), 0o644)
		if err == nil || time.Now().After(deadline) {
			break
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "stream" {
		t.Errorf("reader got %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if !IsStream(fifo) || !IsStream(os.DevNull) || !IsStream("-") || IsStream(filepath.Join(dir, "none")) {
		t.Error("IsStream is wrong")
	}
}

// Writing never lands anywhere but the path named, never leaves a
// temporary file, and either succeeds with the content in place or fails
// with everything as it was: over every kind of target.
func TestWriteOverEveryTarget(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links, FIFOs and devices differ")
	}
	kinds := []string{"regular", "symlink", "dangling", "dir", "fifo", "devnull", "missing-folder", "absent"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 64; i++ {
		kind := kinds[rng.Intn(len(kinds))]
		noFollow := rng.Intn(2) == 0
		t.Run(fmt.Sprintf("%d-%s-nofollow=%v", i, kind, noFollow), func(t *testing.T) {
			dir := t.TempDir()
			outside := filepath.Join(t.TempDir(), "outside")
			os.WriteFile(outside, []byte("keep"), 0o644)
			path := filepath.Join(dir, "out")
			switch kind {
			case "regular":
				os.WriteFile(path, []byte("old"), 0o640)
			case "symlink":
				os.Symlink(outside, path)
			case "dangling":
				os.Symlink(filepath.Join(dir, "nowhere"), path)
			case "dir":
				os.Mkdir(path, 0o755)
			case "fifo":
				if err := syscall.Mkfifo(path, 0o644); err != nil {
					t.Skip(err)
				}
			case "devnull":
				// Root may replace /dev/null itself: a bug here must not
				// take it from the machine, so root gets a node of its own.
				path = os.DevNull
				if os.Geteuid() == 0 {
					path = filepath.Join(dir, "null")
					if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
						t.Skip(err)
					}
				}
			case "missing-folder":
				path = filepath.Join(dir, "no", "out")
			}
			before := list(t, dir)
			write := WriteFile
			if noFollow {
				write = WriteFileNoFollow
			}
			err := write(path, []byte("new"), 0o644)
			after := list(t, dir)
			for _, n := range after {
				if strings.HasSuffix(n, ".tmp") {
					t.Errorf("temporary file %s left", n)
				}
			}
			if got, _ := os.ReadFile(outside); kind == "symlink" && noFollow && string(got) != "keep" {
				t.Errorf("a link was followed: outside holds %q", got)
			}
			if kind == "devnull" {
				if fi, _ := os.Lstat(path); fi.Mode()&os.ModeDevice == 0 {
					t.Fatalf("%s was replaced", path)
				}
			}
			if err != nil {
				if fmt.Sprint(before) != fmt.Sprint(after) {
					t.Errorf("failed (%v) but changed the folder: %v -> %v", err, before, after)
				}
				if kind == "regular" {
					if got, _ := os.ReadFile(path); string(got) != "old" {
						t.Errorf("failed but the file holds %q", got)
					}
				}
				return
			}
			switch {
			case kind == "fifo":
				t.Error("a FIFO nobody reads was written to without error")
			case kind == "devnull" && noFollow:
				t.Error("a device was replaced")
			case kind == "devnull":
			case kind == "symlink" && !noFollow:
				if got, _ := os.ReadFile(outside); string(got) != "new" {
					t.Errorf("link target holds %q", got)
				}
			default:
				fi, err := os.Lstat(path)
				if err != nil || !fi.Mode().IsRegular() {
					t.Fatalf("%s is %v (%v) after a write", path, fi, err)
				}
				if got, _ := os.ReadFile(path); string(got) != "new" {
					t.Errorf("holds %q", got)
				}
			}
			if kind == "dir" || kind == "missing-folder" || kind == "dangling" && !noFollow {
				t.Errorf("writing over %s succeeded", kind)
			}
		})
	}
}

func list(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Issue 23.4: a batch that fails before it is committed leaves nothing;
// a committed one puts every file in place.
func TestBatch(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	var batch Batch
	if err := batch.Add(a, []byte("A"), 0o644, false); err != nil {
		t.Fatal(err)
	}
	if err := batch.Add(filepath.Join(dir, "missing", "r.json"), []byte("R"), 0o644, true); err == nil {
		t.Fatal("adding into a missing folder succeeded")
	}
	batch.Abort()
	if names := list(t, dir); len(names) != 0 {
		t.Fatalf("an aborted batch left %v", names)
	}
	batch.Add(a, []byte("A"), 0o644, false)
	batch.Add(b, []byte("B"), 0o644, true)
	if err := batch.Commit(); err != nil {
		t.Fatal(err)
	}
	ga, _ := os.ReadFile(a)
	gb, _ := os.ReadFile(b)
	if string(ga) != "A" || string(gb) != "B" || len(list(t, dir)) != 2 {
		t.Errorf("committed batch: a=%q b=%q files %v", ga, gb, list(t, dir))
	}
	// A rename that fails in the middle removes what the batch created.
	c := filepath.Join(dir, "c.md")
	batch.Add(c, []byte("C"), 0o644, false)
	batch.Add(b, []byte("B2"), 0o644, true)
	os.Remove(b)
	os.Mkdir(b, 0o755) // the rename over b now fails
	os.WriteFile(filepath.Join(b, "x"), nil, 0o644)
	if err := batch.Commit(); err == nil {
		t.Fatal("commit over a directory succeeded")
	}
	if _, err := os.Stat(c); err == nil {
		t.Error("a failed commit left the file it created")
	}
	for _, n := range list(t, dir) {
		if strings.HasSuffix(n, ".tmp") {
			t.Errorf("temporary file %s left", n)
		}
	}
}

// Issue 23.10: the temporary file of a killed run is removed by the next
// write; one of a live process is not.
func TestCleanStaleTemps(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no process ids in names")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	dead := deadPid(t)
	stale := filepath.Join(dir, ".p.yaml."+strconv.Itoa(dead)+"-123.tmp")
	live := filepath.Join(dir, ".p.yaml."+strconv.Itoa(os.Getppid())+"-456.tmp")
	oldStyleNew := filepath.Join(dir, ".p.yaml.789.tmp")
	oldStyleOld := filepath.Join(dir, ".p.yaml.790.tmp")
	other := filepath.Join(dir, ".q.yaml.1-1.tmp")
	for _, f := range []string{stale, live, oldStyleNew, oldStyleOld, other} {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	hourAgo := time.Now().Add(-2 * time.Hour)
	os.Chtimes(oldStyleOld, hourAgo, hourAgo)
	if err := WriteFile(path, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{stale: false, live: true, oldStyleNew: true, oldStyleOld: false, other: true} {
		_, err := os.Stat(f)
		if got := err == nil; got != want {
			t.Errorf("%s kept = %v, want %v", filepath.Base(f), got, want)
		}
	}
}

// deadPid is the id of a process that has ended.
func deadPid(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestLockSerialisesAndWaits(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	unlock, err := Lock(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A second taker (another open file, as another process would have)
	// waits, is told it waits, and gets the lock once the first lets go.
	told := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		u, err := Lock(context.Background(), path, func() { close(told) })
		if err == nil {
			u()
		}
		got <- err
	}()
	<-told
	select {
	case err := <-got:
		t.Fatalf("second lock taken while the first is held (%v)", err)
	default:
	}
	unlock()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	// Cancelling ends a wait.
	unlock, _ = Lock(context.Background(), path, nil)
	defer unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lock(ctx, path, nil); err != context.Canceled {
		t.Errorf("cancelled wait: %v", err)
	}
}

func TestLockRefusesLink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	victim := filepath.Join(dir, "victim")
	if err := os.Symlink(victim, LockPath(path)); err != nil {
		t.Skip(err)
	}
	if _, err := Lock(context.Background(), path, nil); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("lock through a link: %v", err)
	}
	if _, err := os.Stat(victim); !os.IsNotExist(err) {
		t.Error("the link's target was created")
	}
}

// A process killed while it holds the lock does not block the next one:
// the system releases the lock with the process.
func TestLockOfKilledProcessIsReleased(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("kill semantics differ")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_HOLD="+path)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("helper: %q %v", buf, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lock(ctx, path, nil); err == nil {
		t.Fatal("lock taken while the helper holds it")
	}
	cmd.Process.Kill()
	cmd.Wait()
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	unlock, err := Lock(ctx, path, nil)
	if err != nil {
		t.Fatalf("lock of a killed process still held: %v", err)
	}
	unlock()
}

func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("ATOMICFILE_HOLD")
	if path == "" {
		t.Skip("helper process for TestLockOfKilledProcessIsReleased")
	}
	if _, err := Lock(context.Background(), path, nil); err != nil {
		os.Exit(3)
	}
	os.Stdout.WriteString("locked")
	time.Sleep(time.Hour) // until killed (a bare select {} would end as a deadlock)
}

// Issue 23.10: a process stopping on a signal (Abandon) leaves no
// temporary file and no lock file, and replaces nothing after it.
func TestAbandonLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	os.WriteFile(path, []byte("mine\n"), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperAbandon$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_ABANDON="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	if names := list(t, dir); len(names) != 1 {
		t.Errorf("left %v, want only p.yaml", names)
	}
	if got, _ := os.ReadFile(path); string(got) != "mine\n" {
		t.Errorf("p.yaml holds %q", got)
	}
}

func TestHelperAbandon(t *testing.T) {
	path := os.Getenv("ATOMICFILE_ABANDON")
	if path == "" {
		t.Skip("helper process for TestAbandonLeavesNothing")
	}
	if _, err := Lock(context.Background(), path, nil); err != nil {
		t.Fatal(err)
	}
	var b Batch
	if err := b.Add(path, []byte("new\n"), 0o644, false); err != nil {
		t.Fatal(err)
	}
	if err := b.Add(filepath.Join(filepath.Dir(path), "post.md"), []byte("post\n"), 0o644, true); err != nil {
		t.Fatal(err)
	}
	Abandon()
	if err := b.Commit(); err == nil {
		t.Fatal("a batch was committed after Abandon")
	}
	if err := WriteFile(path, []byte("new\n"), 0o644); err == nil {
		t.Fatal("a file was written after Abandon")
	}
	os.Exit(0)
}

// A failed write, sync or rename names the file the user asked for, never
// the temporary file it went through; the reason stays visible to errors.Is.
func TestTargetErrorNamesTheTarget(t *testing.T) {
	tmp := "dir/.p.yaml.123-456.tmp"
	for _, err := range []error{
		&fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC},
		&os.LinkError{Op: "rename", Old: tmp, New: "dir/p.yaml", Err: syscall.ENOSPC},
	} {
		got := targetError("dir/p.yaml", err)
		if strings.Contains(got.Error(), ".tmp") || !strings.Contains(got.Error(), "dir/p.yaml") {
			t.Errorf("%v: got %q, want the target named and no temporary file", err, got)
		}
		if !errors.Is(got, syscall.ENOSPC) {
			t.Errorf("%v: got %q, which lost its reason", err, got)
		}
	}
	if got := targetError("p.yaml", errAbandoned); got != errAbandoned {
		t.Errorf("an interrupted write reads %q, want errAbandoned itself", got)
	}
}
