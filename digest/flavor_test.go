package digest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// program validates post.format without importing digest: its list of
// names is this table's, in order, and so is its list of TOML formats.
// Every flavor has its golden case, testdata/digest/<name>.txtar.
func TestFlavorsAreProgramsFormats(t *testing.T) {
	for _, f := range flavors {
		if f.frontMatter == nil {
			t.Errorf("flavor %s writes no front matter", f.name)
		}
		if _, err := os.Stat(filepath.Join("..", "testdata", "digest", f.name+".txtar")); err != nil {
			t.Errorf("flavor %s has no golden case: %v", f.name, err)
		}
	}
	if !slices.Equal(Formats, program.PostFormats) {
		t.Errorf("digest's flavors are %q, program.PostFormats %q", Formats, program.PostFormats)
	}
}

// The flavors' file names and update keys, as their generators expect them.
func TestFlavorPaths(t *testing.T) {
	for _, c := range []struct{ name, path, lastmod string }{
		{"hugo", "day-1.md", "lastmod"},
		{"hugo-yaml", "day-1.md", "lastmod"},
		{"jekyll", "_posts/2026-03-18-day-1.md", "last_modified_at"},
		{"markdown", "day-1.md", ""},
	} {
		f, ok := flavorOf(c.name)
		if !ok {
			t.Fatalf("no flavor %s", c.name)
		}
		if got := f.path("2026-03-18", "day-1"); got != c.path {
			t.Errorf("%s: path %q, want %q", c.name, got, c.path)
		}
		if f.lastmod != c.lastmod {
			t.Errorf("%s: lastmod key %q, want %q", c.name, f.lastmod, c.lastmod)
		}
	}
	if f, _ := flavorOf(""); f.name != program.PostFormats[0] {
		t.Errorf("the default flavor is %s, want %s", f.name, program.PostFormats[0])
	}
}
