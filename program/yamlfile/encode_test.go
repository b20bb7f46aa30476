package yamlfile

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// Writing in pieces gives the same text as writing the tree at once (where
// yaml.v3 writes a quoted scalar's continuation line at column 0, the pieces
// indent it; TestMergeProperty compares what such files say).
func TestSplicedEncoding(t *testing.T) {
	p := sample()
	for i := 0; i < 150; i++ {
		tk := p.Days[0].Talks[0]
		tk.ID = fmt.Sprintf("t%d", i)
		p.Days[0].Talks = append(p.Days[0].Talks, tk)
	}
	p.Days = append(p.Days, program.Day{Date: "2026-03-19", Talks: []program.Talk{}})
	data, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(append([]byte("# head of the file\n"), data...), &doc); err != nil {
		t.Fatal(err)
	}
	days := mapValue(doc.Content[0], "days")
	days.Content[0].HeadComment = "# first day"
	talks := mapValue(days.Content[0], "talks")
	talks.Content[63].HeadComment = "# talkText leaves a commented talk to the encoder"
	talks.Content[64].Content[1].LineComment = "# and this one"
	whole, err := encodeNode(&doc)
	if err != nil {
		t.Fatal(err)
	}
	pieces, err := encodeDoc(&doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pieces, whole) {
		t.Errorf("pieces differ from the whole:\n%s", lineDiffProgram(string(whole), string(pieces)))
	}
}

func lineDiffProgram(want, got string) string {
	w, g := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(w) && i < len(g); i++ {
		if !bytes.Equal(w[i], g[i]) {
			return fmt.Sprintf("line %d:\n  whole:  %s\n  pieces: %s", i+1, w[i], g[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(w), len(g))
}
