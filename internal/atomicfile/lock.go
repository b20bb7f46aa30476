package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// LockPath is the lock file of the program file at path: ".BASE.lock"
// beside the file a link at path points to, so that two names of one file
// share one lock.
func LockPath(path string) string {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".lock")
}

// waitNotice is how long Lock waits before saying so.
const waitNotice = time.Second

// lockPoll is how often Lock tries again while another process holds the
// lock: polling, rather than a blocking call, lets ctx end the wait.
const lockPoll = 10 * time.Millisecond

// ErrLockUnsupported: this system offers no advisory lock confdigest knows.
var ErrLockUnsupported = errors.New("advisory file locks are not supported on this system")

// Lock takes the advisory lock beside the file at path (LockPath), waiting
// while another process holds it; when the wait passes a second it calls
// waiting once, so the command can say why it waits. Cancelling ctx ends
// the wait with ctx's error. The lock file is created when missing, never
// through a symbolic link, and removed by unlock, so that a run leaves
// nothing new beside the program file: a taker that finds, once it holds
// the lock, that the name no longer leads to the file it locked (the holder
// before it removed it) starts again on the new one.
//
// The lock is held by the open file, not by a name or a process id: the
// system releases it when the process ends, however it ends (kill -9
// included), so a lock left by a killed run never blocks the next one.
func Lock(ctx context.Context, path string, waiting func()) (unlock func(), err error) {
	lp := LockPath(path)
	start := time.Now()
	told := false
	for {
		f, err := openLockFile(lp)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("the folder %s does not exist; create it or name another", filepath.Dir(lp))
		}
		if err != nil {
			return nil, err
		}
		for {
			ok, err := tryLock(f)
			if err != nil {
				f.Close()
				if errors.Is(err, ErrLockUnsupported) {
					return func() {}, nil // no lock on this system: writes still check the text they replace
				}
				return nil, fmt.Errorf("lock %s: %w", lp, err)
			}
			if ok {
				break
			}
			if !told && time.Since(start) >= waitNotice && waiting != nil {
				waiting()
				told = true
			}
			select {
			case <-ctx.Done():
				f.Close()
				return nil, ctx.Err()
			case <-time.After(lockPoll):
			}
		}
		if held, err := f.Stat(); err == nil {
			if now, err := os.Lstat(lp); err == nil && os.SameFile(held, now) {
				track(&inflight.locks, lp, true)
				return func() {
					os.Remove(lp) // while still held: see above
					track(&inflight.locks, lp, false)
					unlockFile(f)
					f.Close()
				}, nil
			}
		}
		unlockFile(f) // removed by the holder before: take the new one
		f.Close()
	}
}
