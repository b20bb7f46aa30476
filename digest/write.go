package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/confdigest/confdigest/internal/atomicfile"
)

// StatePath is where digest records what it wrote for a program file: a
// small hidden file beside it.
func StatePath(programFile string) string {
	dir, base := filepath.Split(programFile)
	return filepath.Join(dir, "."+base+".digest.json")
}

// state maps each post file digest wrote (absolute path) to the SHA-256 of
// the content it wrote there, and of the post as rendered without an
// update time (what "changed since the last render" compares).
type state struct {
	Posts map[string]string `json:"posts"`
	Bases map[string]string `json:"bases,omitempty"`
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Outcome says what Write did with one post.
type Outcome struct {
	Path    string // as written, under the output directory
	Changed bool   // false: the file already held this content
	Updated bool   // written again since the program changed, with an update time
}

// WriteOptions adjust Write.
type WriteOptions struct {
	Force bool   // overwrite posts edited by hand
	Now   string // the update time a re-rendered post's front matter gets (RFC 3339)
}

// EditedError: posts that changed since confdigest wrote them (or that it
// did not write); nothing was written.
type EditedError struct{ Paths []string }

func (e *EditedError) Error() string {
	return strings.Join(e.Paths, ", ") + " changed since confdigest wrote it (or confdigest did not write it): nothing was written"
}

// Write puts the posts under dir, each replaced in one step. A post file
// that exists is overwritten only when it holds what digest last wrote there
// (by the record at statePath) or already the new content: any other
// content is a hand edit, and Write refuses before writing anything, unless
// force.
//
// A post that digest wrote before and whose content has changed since (a
// re-scrape brought a video, say) is written with the update time opt.Now
// in its front matter; one that has not changed keeps its file.
func Write(dir string, posts []Post, statePath string, opt WriteOptions) ([]Outcome, error) {
	force := opt.Force
	// One digest at a time per program file: the record is read, changed
	// and written whole.
	unlock, err := lock(statePath + ".lock")
	if err != nil {
		return nil, err
	}
	defer unlock()
	st := state{Posts: map[string]string{}}
	if data, err := os.ReadFile(statePath); err == nil {
		if json.Unmarshal(data, &st) != nil || st.Posts == nil {
			st.Posts = map[string]string{} // unreadable: every existing post counts as edited
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st.Bases == nil {
		st.Bases = map[string]string{}
	}
	type plan struct {
		post    Post
		path    string
		write   bool
		content []byte // what the file is to hold
		updated bool
	}
	var plans []plan
	var edited []string
	for _, p := range posts {
		path := filepath.Join(absDir, filepath.FromSlash(p.Path))
		if !strings.HasPrefix(path, absDir+string(filepath.Separator)) {
			return nil, fmt.Errorf("post %q would be written outside %s", p.Path, dir)
		}
		old, err := os.ReadFile(path)
		base, recorded := st.Bases[path]
		if !recorded {
			base = st.Posts[path] // a record from before update times: what it wrote
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			plans = append(plans, plan{p, path, true, p.Content, false})
		case err != nil:
			return nil, err
		case bytes.Equal(old, p.Content):
			plans = append(plans, plan{p, path, false, old, false})
		case st.Posts[path] != hash(old) && !force:
			edited = append(edited, filepath.Join(dir, filepath.FromSlash(p.Path)))
		case base == hash(p.Content) && st.Posts[path] == hash(old):
			plans = append(plans, plan{p, path, false, old, false}) // as last rendered: keep its update time
		case base == hash(p.Content):
			plans = append(plans, plan{p, path, true, p.Content, false}) // forced over an edit
		case base != "" && p.withLastmod != nil && opt.Now != "":
			content, err := p.withLastmod(opt.Now)
			if err != nil {
				return nil, err
			}
			plans = append(plans, plan{p, path, true, content, true})
		default:
			plans = append(plans, plan{p, path, true, p.Content, false})
		}
	}
	if len(edited) > 0 {
		return nil, &EditedError{Paths: edited}
	}
	// All or nothing: every post is written to a temporary file beside its
	// place first; only when all are written do they take their places.
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	tempOf := map[string]string{}
	for _, pl := range plans {
		if !pl.write {
			continue
		}
		tmp, err := writeTemp(pl.path, pl.content)
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("%w; no post was written", err)
		}
		temps = append(temps, tmp)
		tempOf[pl.path] = tmp
	}
	var out []Outcome
	for _, pl := range plans {
		if pl.write {
			if err := os.Rename(tempOf[pl.path], pl.path); err != nil {
				cleanup()
				return out, err
			}
		}
		st.Posts[pl.path] = hash(pl.content)
		st.Bases[pl.path] = hash(pl.post.Content)
		out = append(out, Outcome{Path: filepath.Join(dir, filepath.FromSlash(pl.post.Path)), Changed: pl.write, Updated: pl.updated})
	}
	data, err := json.MarshalIndent(st, "", "  ") // keys sorted by encoding/json
	if err != nil {
		return out, err
	}
	if err := atomicfile.WriteFileNoFollow(statePath, append(data, '\n'), 0o644); err != nil {
		return out, fmt.Errorf("record what was written in %s: %w", statePath, err)
	}
	return out, nil
}

// writeTemp writes content to a new temporary file beside path (making its
// directory), with the permissions a file there has or 0644.
func writeTemp(path string, content []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return "", fmt.Errorf("%s is a directory", path)
		}
		perm = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(content)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// lock takes the lock file at path, waiting up to 30 s for another digest
// to finish; a lock left by a run that died (older than two minutes) is
// taken over.
func lock(path string) (func(), error) {
	deadline := time.Now().Add(30 * time.Second)
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(path); err == nil && time.Since(fi.ModTime()) > 2*time.Minute {
			os.Remove(path)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another digest of the same program file holds %s; if none runs, remove that file", path)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
