package digest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
	// The lock is the system's (atomicfile.Lock): a digest that was killed
	// holds it no more, so none waits for a dead one.
	unlock, err := atomicfile.Lock(context.Background(), statePath, nil)
	if err != nil {
		return nil, err
	}
	defer unlock()
	st := state{Posts: map[string]string{}}
	if data, err := atomicfile.ReadFileNoFollow(statePath); err == nil {
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
	// All or nothing: every post and the record are written to temporary
	// files beside their places first (the step that fails on a full disk);
	// only when all are written do they take their places. A run that fails
	// leaves no new file and no new folder.
	var out []Outcome
	for _, pl := range plans {
		st.Posts[pl.path] = hash(pl.content)
		st.Bases[pl.path] = hash(pl.post.Content)
		out = append(out, Outcome{Path: filepath.Join(dir, filepath.FromSlash(pl.post.Path)), Changed: pl.write, Updated: pl.updated})
	}
	data, err := json.MarshalIndent(st, "", "  ") // keys sorted by encoding/json
	if err != nil {
		return nil, err
	}
	var batch atomicfile.Batch
	var made []string // folders made for posts, deepest last
	fail := func(err error) ([]Outcome, error) {
		batch.Abort()
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i]) // only when empty
		}
		return nil, err
	}
	for _, pl := range plans {
		if !pl.write {
			continue
		}
		m, err := mkdirAll(filepath.Dir(pl.path))
		made = append(made, m...)
		if err == nil {
			// A post's place is replaced itself: a link there is not followed.
			err = batch.Add(pl.path, pl.content, 0o644, true)
		}
		if err != nil {
			return fail(fmt.Errorf("%w; no post was written", err))
		}
	}
	if err := batch.Add(statePath, append(data, '\n'), 0o644, true); err != nil {
		return fail(fmt.Errorf("record what was written in %s: %w; no post was written", statePath, err))
	}
	if err := batch.Commit(); err != nil {
		return fail(fmt.Errorf("%w; no new post was left", err))
	}
	return out, nil
}

// mkdirAll makes dir and its missing parents, returning the folders it
// made, outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append([]string{d}, missing...)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return missing, err
	}
	return missing, nil
}
