// Package atomicfile writes the files confdigest makes so that a reader, a
// crash or a signal sees the old content or the new, never a part; so that
// a link planted beside the program file cannot redirect a write; and so
// that a device or a FIFO named as output is written to, not replaced.
//
// It also holds the advisory lock that serialises the commands rewriting
// one program file (Lock), and cleans the temporary files a killed run left
// (Clean, called by every write).
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// IsStream reports whether output to path is a stream to write into rather
// than a file to replace: "-" (standard output), a character device such as
// /dev/null or a terminal, or a FIFO. A link to one of those is one too.
func IsStream(path string) bool {
	if path == "-" {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&(os.ModeCharDevice|os.ModeNamedPipe) != 0
}

// WriteFile replaces path with data in one step: the bytes go to a
// temporary file in the same directory which is then renamed over path.
// perm applies to a new file; an existing one keeps its permissions.
//
// path is a name the user gave (a program file, -o): a symbolic link there
// is the user's, so the file it points to is replaced and the link stays. A
// character device or FIFO is written to as a stream (see IsStream); a FIFO
// nobody reads is an error rather than a wait. A directory is an error.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s is a link to a missing file; remove the link or create its target", path)
		}
		if err != nil {
			return err
		}
		path = target
	}
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.Mode()&(os.ModeCharDevice|os.ModeNamedPipe) != 0:
			return writeStream(path, data)
		case fi.IsDir():
			return fmt.Errorf("%s is a directory; name a file", path)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file; name a file", path)
		}
		perm = fi.Mode().Perm()
	}
	return replace(path, data, perm)
}

// WriteFileNoFollow replaces path with data in one step, like WriteFile,
// but a symbolic link at path is replaced itself, never followed. It is for
// files confdigest names itself beside the program file, such as its
// records: in a shared folder another user may have planted a link there to
// a file of yours. Anything else but a regular file there (a directory, a
// device, a FIFO) is an error: replacing a device node as root would take
// it from the whole system.
func WriteFileNoFollow(path string, data []byte, perm os.FileMode) error {
	if fi, err := os.Lstat(path); err == nil {
		switch {
		case fi.Mode().IsRegular():
			perm = fi.Mode().Perm()
		case fi.Mode()&os.ModeSymlink != 0:
		default:
			return notAFile(path, fi)
		}
	}
	return replace(path, data, perm)
}

// notAFile says that what is at path is no place for a file confdigest
// keeps.
func notAFile(path string, fi fs.FileInfo) error {
	what := "not a regular file"
	switch {
	case fi.IsDir():
		what = "a directory"
	case fi.Mode()&os.ModeNamedPipe != 0:
		what = "a FIFO"
	case fi.Mode()&os.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%s is %s; confdigest keeps a file of its own there: remove or rename it", path, what)
}

// writeStream writes data into the device or FIFO at path, without
// creating or truncating anything.
func writeStream(path string, data []byte) error {
	f, err := openStream(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// replace writes data to a temporary file beside path, then renames it over
// path. The temporary file carries this process's id in its name and is
// locked while it exists, so Clean can tell a killed run's leftover from a
// file another process is writing.
func replace(path string, data []byte, perm os.FileMode) error {
	Clean(path)
	tmp, err := newTemp(path)
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer track(&inflight.temps, name, false)
	err = writeSyncClose(tmp, data, perm)
	if err == nil {
		err = renameUnlessAbandoned(name, path)
	}
	if err != nil {
		os.Remove(name)
		return targetError(path, err)
	}
	return nil
}

// targetError says that writing path failed and why. The error of a
// write, sync or rename names the temporary file, which says nothing to
// the user: it is left out, the reason kept (errors.Is still sees it).
func targetError(path string, err error) error {
	if errors.Is(err, errAbandoned) {
		return err
	}
	var (
		pe *fs.PathError
		le *os.LinkError
	)
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

func renameUnlessAbandoned(from, to string) error {
	inflight.mu.Lock()
	defer inflight.mu.Unlock()
	if inflight.abandoned {
		return errAbandoned
	}
	return os.Rename(from, to)
}

// tempPrefix is how the temporary files for path start: hidden, named
// after it, then this process's id: ".p.yaml.1234-".
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + "."
}

// newTemp creates a temporary file beside path, named
// ".BASE.PID-RANDOM.tmp", and locks it (see Clean).
func newTemp(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(path)+strconv.Itoa(os.Getpid())+"-*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot write %s: the folder %s does not exist; create it or name another", path, dir)
	}
	if err != nil {
		return nil, targetError(path, err)
	}
	lockTemp(f)
	track(&inflight.temps, f.Name(), true)
	return f, nil
}

func writeSyncClose(f *os.File, data []byte, perm os.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// temp is a file written beside its place, not yet in it: a step of a
// write made of several files (Batch).
type temp struct {
	path, name string
	created    bool // path did not exist before
}

// Batch writes several files as one unit: Add writes each to a temporary
// file beside its place; Commit renames them all into place. Whatever fails
// before Commit leaves nothing new; a rename failing during Commit removes
// the files the batch created. Abort removes the temporary files.
type Batch struct {
	temps []temp
}

// Add writes data to a temporary file beside path. With noFollow, path is
// replaced itself like WriteFileNoFollow does; otherwise a link at path is
// followed like WriteFile does (streams are not allowed in a batch).
func (b *Batch) Add(path string, data []byte, perm os.FileMode, noFollow bool) error {
	if !noFollow {
		if target, err := filepath.EvalSymlinks(path); err == nil {
			path = target
		}
	}
	created := true
	if fi, err := os.Lstat(path); err == nil {
		created = false
		switch {
		case fi.Mode().IsRegular():
			perm = fi.Mode().Perm()
		case fi.Mode()&os.ModeSymlink != 0 && noFollow:
		default:
			return notAFile(path, fi)
		}
	}
	Clean(path)
	f, err := newTemp(path)
	if err != nil {
		return err
	}
	if err := writeSyncClose(f, data, perm); err != nil {
		os.Remove(f.Name())
		track(&inflight.temps, f.Name(), false)
		return targetError(path, err)
	}
	b.temps = append(b.temps, temp{path: path, name: f.Name(), created: created})
	return nil
}

// Commit moves every file added into its place.
func (b *Batch) Commit() error {
	temps := b.temps
	b.temps = nil
	defer untrack(temps) // after the unlock below: track takes the lock
	inflight.mu.Lock()
	defer inflight.mu.Unlock()
	for i, t := range temps {
		err := errAbandoned
		if !inflight.abandoned {
			err = os.Rename(t.name, t.path)
		}
		if err != nil {
			for _, done := range temps[:i] {
				if done.created {
					os.Remove(done.path)
				}
			}
			for _, left := range temps[i:] {
				os.Remove(left.name)
			}
			return targetError(t.path, err)
		}
	}
	return nil
}

// Abort removes the temporary files of a batch not committed.
func (b *Batch) Abort() {
	untrack(b.temps)
	for _, t := range b.temps {
		os.Remove(t.name)
	}
	b.temps = nil
}

func untrack(temps []temp) {
	for _, t := range temps {
		track(&inflight.temps, t.name, false)
	}
}

// Clean removes the temporary files beside path that a killed run left:
// ".BASE.PID-N.tmp" whose process is gone and that nobody holds locked, and
// any ".BASE.N.tmp" (older versions' name, or a reused process id) older
// than an hour that nobody holds locked. A temporary file another live
// process is writing is never removed. Errors are ignored: cleaning is a
// courtesy, never a reason to fail a write.
func Clean(path string) {
	dir := filepath.Dir(path)
	prefix := tempPrefix(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".tmp") || !e.Type().IsRegular() {
			continue
		}
		mid := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".tmp")
		pidText, rnd, withPid := strings.Cut(mid, "-")
		if !digits(rnd) && withPid || !withPid && !digits(mid) || withPid && !digits(pidText) {
			continue // not a name we make
		}
		full := filepath.Join(dir, name)
		info, err := e.Info()
		if err != nil {
			continue
		}
		old := info.ModTime().Add(staleAge).Before(timeNow())
		gone := false
		if withPid {
			pid, err := strconv.Atoi(pidText)
			gone = err == nil && pid != os.Getpid() && processGone(pid)
		}
		if (gone || old) && !tempLocked(full) {
			os.Remove(full)
		}
	}
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// noReader: a FIFO nobody reads (see openStream).
func noReader(path string) error {
	return fmt.Errorf("%s is a FIFO that no process reads; start its reader first, or write to a file", path)
}

// inflight is what this process has under way: the temporary files it is
// writing and the locks it holds. mu is also held across each rename step,
// so that Abandon never cuts a batch's renames in half; once abandoned, no
// rename is made.
var inflight struct {
	mu        sync.Mutex
	temps     map[string]bool
	locks     map[string]bool
	abandoned bool
}

// errAbandoned: the process is stopping (Abandon).
var errAbandoned = errors.New("interrupted")

func track(set *map[string]bool, name string, on bool) {
	inflight.mu.Lock()
	defer inflight.mu.Unlock()
	if *set == nil {
		*set = map[string]bool{}
	}
	if on {
		(*set)[name] = true
	} else {
		delete(*set, name)
	}
}

// Abandon is for a process that must stop now (a second after SIGINT): it
// waits for a rename step under way to end, removes the temporary files
// and the lock files this process has, and makes every later rename fail,
// so that the files it would have replaced stay as they are. Call it just
// before os.Exit.
func Abandon() {
	inflight.mu.Lock()
	defer inflight.mu.Unlock()
	inflight.abandoned = true
	for name := range inflight.temps {
		os.Remove(name)
	}
	for name := range inflight.locks {
		os.Remove(name) // still held: see Lock
	}
}

// staleAge is how old a temporary file of a process that may still live
// must be before Clean removes it.
const staleAge = time.Hour

var timeNow = time.Now

// ReadFileNoFollow reads a file confdigest keeps beside the program file
// (a record): a symbolic link, FIFO or device there is an error saying so,
// never followed or waited on. A missing file is an fs.ErrNotExist error.
func ReadFileNoFollow(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s is a symbolic link, not the file confdigest keeps there: remove it", path)
	}
	if !fi.Mode().IsRegular() {
		return nil, notAFile(path, fi)
	}
	f, err := openNoFollow(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s changed while it was read: run again", path)
	}
	return io.ReadAll(f)
}
