//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package yamlfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 23.1/23.2: a FIFO planted where the schema goes is neither read
// (the read would wait for ever) nor written through; it stays a FIFO.
func TestWriteSchemaOverFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), SchemaFile)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := WriteSchema(path); done <- err }()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "is a FIFO") {
		t.Errorf("WriteSchema over a FIFO: %v", err)
	}
	if fi, _ := os.Lstat(path); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
}
