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

	"github.com/confdigest/confdigest/program"
)

// StatePath is where digest records what it wrote for a program file: a
// small hidden file beside it.
func StatePath(programFile string) string {
	dir, base := filepath.Split(programFile)
	return filepath.Join(dir, "."+base+".digest.json")
}

// state maps each post file digest wrote (absolute path) to the SHA-256 of
// the content it wrote there.
type state struct {
	Posts map[string]string `json:"posts"`
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Outcome says what Write did with one post.
type Outcome struct {
	Path    string // as written, under the output directory
	Changed bool   // false: the file already held this content
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
func Write(dir string, posts []Post, statePath string, force bool) ([]Outcome, error) {
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
	type plan struct {
		post  Post
		path  string
		write bool
	}
	var plans []plan
	var edited []string
	for _, p := range posts {
		path := filepath.Join(absDir, filepath.FromSlash(p.Path))
		if !strings.HasPrefix(path, absDir+string(filepath.Separator)) {
			return nil, fmt.Errorf("post %q would be written outside %s", p.Path, dir)
		}
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			plans = append(plans, plan{p, path, true})
		case err != nil:
			return nil, err
		case bytes.Equal(old, p.Content):
			plans = append(plans, plan{p, path, false})
		case st.Posts[path] == hash(old) || force:
			plans = append(plans, plan{p, path, true})
		default:
			edited = append(edited, filepath.Join(dir, filepath.FromSlash(p.Path)))
		}
	}
	if len(edited) > 0 {
		return nil, &EditedError{Paths: edited}
	}
	var out []Outcome
	for _, pl := range plans {
		if pl.write {
			if err := os.MkdirAll(filepath.Dir(pl.path), 0o755); err != nil {
				return out, err
			}
			if err := program.WriteFileAtomic(pl.path, pl.post.Content, 0o644); err != nil {
				return out, err
			}
		}
		st.Posts[pl.path] = hash(pl.post.Content)
		out = append(out, Outcome{Path: filepath.Join(dir, filepath.FromSlash(pl.post.Path)), Changed: pl.write})
	}
	data, err := json.MarshalIndent(st, "", "  ") // keys sorted by encoding/json
	if err != nil {
		return out, err
	}
	if err := program.WriteFileAtomic(statePath, append(data, '\n'), 0o644); err != nil {
		return out, fmt.Errorf("record what was written in %s: %w", statePath, err)
	}
	return out, nil
}
