package digest

import (
	"testing"

	"github.com/confdigest/confdigest/internal/testpages"
	"github.com/confdigest/confdigest/program/yamlfile"
)

func benchDigest(b *testing.B, n int) {
	p := testpages.Program(n)
	b.ReportAllocs()
	for b.Loop() {
		posts, _, err := Render(p, Options{})
		if err != nil || len(posts) != 4 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/talk")
}

// BenchmarkDigest renders every post of a 10,000-talk program.
func BenchmarkDigest(b *testing.B) { benchDigest(b, 10000) }

// BenchmarkDigest1k is the same at 1,000 talks, for the per-talk cost.
func BenchmarkDigest1k(b *testing.B) { benchDigest(b, 1000) }

// BenchmarkLoad decodes the same 10,000-talk program file: rendering should
// cost less than reading the file it renders.
func BenchmarkLoad(b *testing.B) {
	data, err := yamlfile.Marshal(testpages.Program(10000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := yamlfile.Unmarshal(data, "bench.yaml"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10000, "ns/talk")
}
