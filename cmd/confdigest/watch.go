package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long a program file must stay unchanged after an event
// before it is read: an editor's save is often several writes (truncate,
// write, rename, chmod), and a burst of keystroke saves is one render.
const settle = 150 * time.Millisecond

// stoppedError: --watch ended by Ctrl-C, its normal end. Exit 130 as any
// interrupt, but with what happened: the posts already written stay.
type stoppedError struct{ file string }

func (e stoppedError) Error() string {
	return "stopped watching " + e.file + "; the posts written so far stay"
}

// watch renders the posts, then again each time the program file is saved,
// until ctx ends. A save that does not read (a YAML mistake, a hand-edited
// post) is reported and the next one is awaited. The file's folder is
// watched, not the file: editors that save by writing a new file and
// renaming it over the old one replace the file a watch would follow.
// When the file is a symbolic link, the folder of the file it points to is
// watched too: a save through the link changes that one.
func (j digestJob) watch(ctx context.Context, stderr io.Writer) error {
	for _, f := range []string{j.file, j.template} {
		if _, err := os.Stat(f); f != "" && err != nil {
			return err // as digest without --watch: the files must be there to start
		}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("digest --watch %s: %w", j.file, err)
	}
	defer w.Close()
	paths := map[string]bool{}
	for _, f := range []string{j.file, j.template} {
		if f == "" {
			continue
		}
		paths[filepath.Clean(f)] = true
		if target, err := filepath.EvalSymlinks(f); err == nil {
			paths[filepath.Clean(target)] = true
		}
	}
	for p := range paths {
		if err := w.Add(filepath.Dir(p)); err != nil {
			return fmt.Errorf("digest --watch %s: cannot watch %s: %w", j.file, filepath.Dir(p), err)
		}
	}
	j.watched = &watchState{}
	last := j.render(ctx, stderr, nil)
	fmt.Fprintf(stderr, "watching %s: posts are written again at each save (Ctrl-C to stop)\n", j.file)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return stoppedError{j.file}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if paths[filepath.Clean(ev.Name)] && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 {
				timer.Reset(settle)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// Events were lost (the kernel's queue overflowed): read the
			// file again rather than miss a save.
			fmt.Fprintf(stderr, "watch %s: %v\n", j.file, err)
			timer.Reset(settle)
		case <-timer.C:
			last = j.render(ctx, stderr, last)
		}
	}
}

// render reads the program file and writes the posts, unless the file
// (and the template) hold last, the text rendered before (an editor
// touching the file without a change). Problems are printed, not returned:
// the next save may fix them. It returns the text rendered, nil when that
// failed (so the same text saved again, after moving a hand-edited post
// away, is tried again).
func (j digestJob) render(ctx context.Context, stderr io.Writer, last []byte) []byte {
	data, err := os.ReadFile(j.file)
	var tmpl []byte
	if err == nil && j.template != "" {
		tmpl, err = os.ReadFile(j.template)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Between an editor's remove and its write; the write's event follows.
		return last
	case err != nil:
		fmt.Fprintf(stderr, "%s\n", errorLine(err.Error()))
		return last
	case len(data) == 0 || j.template != "" && len(tmpl) == 0:
		// Truncated by an editor that writes in place, the text to
		// follow: its write's event comes next.
		return last
	}
	seen := append(append(data, 0), tmpl...)
	if last != nil && bytes.Equal(seen, last) {
		return last
	}
	// The time and file head what the render says; nothing said, no head.
	var said bytes.Buffer
	defer func() {
		if said.Len() > 0 {
			fmt.Fprintf(stderr, "%s %s:\n%s", time.Now().Format("15:04:05"), j.file, said.Bytes())
		}
	}()
	if err := j.run(ctx, io.Discard, &said, true); err != nil {
		fmt.Fprintf(&said, "%s\n", errorLine(err.Error()))
		return nil
	}
	return seen
}
