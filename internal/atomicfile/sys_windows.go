//go:build windows

package atomicfile

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

func openLockFile(path string) (*os.File, error) {
	// Windows resolves no symbolic link planted by an unprivileged user in
	// the common case; the file must still be a regular one.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// tryLock takes LockFileEx on f's first byte without waiting; the system
// releases it when the process ends.
func tryLock(f *os.File) (bool, error) {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}

func lockTemp(*os.File) {}

// tempLocked: an open temporary file cannot be removed on Windows anyway.
func tempLocked(string) bool { return false }

// processGone cannot be told cheaply here: Clean goes by age alone.
func processGone(int) bool { return false }

func openStream(path string) (*os.File, error) { return os.OpenFile(path, os.O_WRONLY, 0) }

func openNoFollow(path string) (*os.File, error) { return os.Open(path) }
