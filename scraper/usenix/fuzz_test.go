package usenix

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// FuzzExtractUSENIX: no page, however broken, makes the extractor panic, and
// whatever it extracts can be written as a program file and read back.
func FuzzExtractUSENIX(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "usenix", "*.html"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<div class="node-paper"><h2><a href="/conference/x/presentation/">t</a></h2></div>`))
	// Attacks: bytes that are not UTF-8, a canonical that names a file
	// with a line break, control characters, a talk ending before it starts.
	f.Add([]byte("<html><head><link rel=\"canonical\" href=\"https://www.usenix.org/conference/a%0Ab/program\"></head><body><h2>Monday, March 25, 2019</h2><div>2 am\u20131 am</div><article class=\"node-paper\"><h2><a href=\"/conference/x/presentation/\xff\">T\xfe\x1b]0;x\x07</a></h2><div class=\"field-name-field-paper-description-long\"><p>\xff &lt;14%</p></div></article></body></html>"))
	base, _ := url.Parse("https://www.usenix.org/conference/fuzz24/program")
	f.Fuzz(func(t *testing.T, page []byte) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
		if err != nil {
			return
		}
		p, err := Extract(doc, base)
		if errors.Is(err, program.ErrNoTalks) || errors.Is(err, ErrNoDates) {
			return
		}
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		data, err := yamlfile.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := yamlfile.Unmarshal(data, "fuzz.yaml")
		if err != nil {
			t.Fatalf("the program file written cannot be read back: %v\n%s", err, data)
		}
		if back.TalkCount() != p.TalkCount() {
			t.Fatalf("read back %d talks, wrote %d", back.TalkCount(), p.TalkCount())
		}
	})
}
