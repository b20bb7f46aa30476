//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// openLockFile opens (creating) the lock file without following a link
// and without blocking on a FIFO; it must be a regular file.
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o644)
	if errors.Is(err, syscall.ELOOP) {
		return nil, fmt.Errorf("%s is a symbolic link; confdigest keeps its lock file there: remove the link", path)
	}
	if errors.Is(err, syscall.EISDIR) {
		return nil, fmt.Errorf("%s is a directory; confdigest keeps its lock file there: remove it", path)
	}
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file; confdigest keeps its lock file there: remove it", path)
	}
	return f, nil
}

// tryLock takes an flock(2) on f without waiting: false when another open
// file holds it.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.ENOTSUP), errors.Is(err, syscall.ENOSYS):
			return false, ErrLockUnsupported
		}
		return false, err
	}
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// lockTemp marks a temporary file as being written, for Clean.
func lockTemp(f *os.File) { _, _ = tryLock(f) }

// tempLocked: a live process holds the temporary file at path.
func tempLocked(path string) bool {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return true // cannot tell: leave it
	}
	defer f.Close()
	ok, err := tryLock(f)
	return err == nil && !ok
}

// processGone: no process has the id pid (on this machine).
func processGone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// openStream opens a device or FIFO for writing. A FIFO is opened without
// waiting: with no reader the open fails (ENXIO) instead of blocking for
// ever.
func openStream(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ENXIO) {
		return nil, noReader(path)
	}
	return f, err
}

// openNoFollow opens path for reading, not through a link, not waiting on
// a FIFO put there since it was looked at.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
