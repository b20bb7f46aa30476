package digest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/confdigest/confdigest/internal/golden"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// Each testdata/digest/*.txtar holds a program.yaml, optionally a template
// (post.tmpl), options in its comment ("format: jekyll", "day: 2"), and the
// expected posts as "want/<path>" files; "skipped" lists the skipped days.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "digest", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var opt Options
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				k, v, ok := strings.Cut(line, ":")
				switch v = strings.TrimSpace(v); {
				case !ok:
				case k == "format":
					opt.Format = v
				case k == "day":
					opt.Day = v
				}
			}
			var prog []byte
			for _, f := range ar.Files {
				switch f.Name {
				case "program.yaml":
					prog = f.Data
				case "post.tmpl":
					opt.Template, opt.TemplateName = string(f.Data), "post.tmpl"
				}
			}
			p, err := yamlfile.Unmarshal(prog, "program.yaml")
			if err != nil {
				t.Fatal(err)
			}
			posts, skipped, err := Render(p, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]byte{}
			for _, post := range posts {
				got["want/"+post.Path] = post.Content
			}
			if len(skipped) > 0 {
				got["skipped"] = []byte(strings.Join(skipped, "\n") + "\n")
			}
			if golden.Updating() {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want/") && f.Name != "skipped" {
						kept = append(kept, f)
					}
				}
				for _, post := range posts {
					kept = append(kept, txtar.File{Name: "want/" + post.Path, Data: post.Content})
				}
				if s, ok := got["skipped"]; ok {
					kept = append(kept, txtar.File{Name: "skipped", Data: s})
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string][]byte{}
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "want/") || f.Name == "skipped" {
					want[f.Name] = f.Data
				}
			}
			for name, w := range want {
				if g, ok := got[name]; !ok {
					t.Errorf("%s: not written", name)
				} else if !bytes.Equal(g, w) {
					t.Errorf("%s differs (go test ./digest -update rewrites it)\n--- got\n%s--- want\n%s", name, g, w)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("%s: written but not expected", name)
				}
			}
		})
	}
}
