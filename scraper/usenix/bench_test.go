package usenix

import (
	"bytes"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/confdigest/confdigest/internal/testpages"
	"golang.org/x/net/html"
)

func BenchmarkExtract(b *testing.B) {
	page := testpages.USENIXProgram(1000)
	base, _ := url.Parse("https://www.usenix.org/conference/bench25/program")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
		if err != nil {
			b.Fatal(err)
		}
		p, err := Extract(doc, base)
		if err != nil || p.TalkCount() != 1000 {
			b.Fatalf("talks %d, err %v", p.TalkCount(), err)
		}
	}
}

// BenchmarkExtractParsed is the extraction alone, from a parsed document.
func BenchmarkExtractParsed(b *testing.B) {
	page := testpages.USENIXProgram(1000)
	base, _ := url.Parse("https://www.usenix.org/conference/bench25/program")
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := Extract(doc, base); err != nil || p.TalkCount() != 1000 {
			b.Fatalf("err %v", err)
		}
	}
}

// BenchmarkParse is the floor BenchmarkExtract is measured against: parsing
// the same bytes into an HTML tree and nothing else.
func BenchmarkParse(b *testing.B) {
	page := testpages.USENIXProgram(1000)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(page)); err != nil {
			b.Fatal(err)
		}
	}
}
