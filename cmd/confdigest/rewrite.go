package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// mergeFunc makes a command's new text of the program file from its
// current text (nil when there is no file). write false: nothing to write.
type mergeFunc func(current []byte) (data []byte, write bool, err error)

// maxRemerges bounds how often rewriteProgram merges again because the
// file changed between its read and its write.
const maxRemerges = 10

// rewriteProgram replaces the program file at path with what merge makes
// of the file's text as it is now, so that nothing saved into the file
// while the command ran is lost (an editor saving a note during a crawl,
// another mark). first is the text the command read when it started (nil:
// none), to say so when the file changed under it and became invalid.
//
// Only this step holds the lock beside the file (atomicfile.Lock): the
// crawl before it does not. Under the lock the file is read, merged, and
// read again just before it is replaced: if it changed (an editor does not
// take the lock), the merge is done again on the new text.
func rewriteProgram(ctx context.Context, cmd, path string, first []byte, stderr io.Writer, merge mergeFunc) error {
	unlock, err := atomicfile.Lock(ctx, path, func() {
		fmt.Fprintf(stderr, "waiting for another confdigest command writing %s to finish…\n", path)
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s: %w; nothing was written", path, err)
	}
	defer unlock()
	for range maxRemerges {
		cur, err := readProgramText(path)
		if err != nil {
			return err
		}
		data, write, err := merge(cur)
		if err != nil {
			var invalid *yamlfile.InvalidError
			if errors.As(err, &invalid) && !bytes.Equal(cur, first) {
				return fmt.Errorf("%s changed while %s ran and is now invalid: %v; nothing was written (fix it and run %s again)", path, cmd, invalid, cmd)
			}
			return err
		}
		if !write || bytes.Equal(data, cur) {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		now, err := readProgramText(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, cur) || (now == nil) != (cur == nil) {
			continue // saved meanwhile: merge onto what is there now
		}
		if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("%w; the file is as it was", writeError(path, err))
		}
		return nil
	}
	return fmt.Errorf("%s kept changing while %s wrote it; nothing was written: run %s again", path, cmd, cmd)
}

// readProgramText is the file's text, nil when there is none. A stream
// (FIFO, device) is no program file to merge into.
func readProgramText(path string) ([]byte, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file; the program file must be one", path)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{} // an empty file is not a missing one
	}
	return data, nil
}
