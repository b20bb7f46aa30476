//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package atomicfile

import "os"

// Systems without flock or LockFileEx in reach: no lock (Lock says so with
// ErrLockUnsupported and goes on); the rewrite still checks that the text
// it replaces is the text it merged.
func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

func tryLock(*os.File) (bool, error) { return false, ErrLockUnsupported }
func unlockFile(*os.File)            {}
func lockTemp(*os.File)              {}
func tempLocked(string) bool         { return false }
func processGone(int) bool           { return false }

func openStream(path string) (*os.File, error) { return os.OpenFile(path, os.O_WRONLY, 0) }

func openNoFollow(path string) (*os.File, error) { return os.Open(path) }
