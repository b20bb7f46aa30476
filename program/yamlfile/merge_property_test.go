package yamlfile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// The property of a re-scrape merge, on random programs, random user edits
// and random program changes: every note and every comment the user wrote
// is still in the file, in the same talk; every talk the user did not
// write in is exactly what the new program says; and merging the same
// scrape again changes nothing.
func TestMergeProperty(t *testing.T) {
	for seed := uint64(0); seed < 500; seed++ {
		checkMerge(t, seed)
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

// FuzzMerge runs the same property on as many seeds as fuzzing finds time for.
func FuzzMerge(f *testing.F) {
	f.Add(uint64(1))
	f.Fuzz(func(t *testing.T, seed uint64) { checkMerge(t, seed) })
}

var words = []string{"reliability", "on-call", "error", "budget", "a", "the", "SLO", "10%", "it's", "\"quoted\"",
	"key: value", "#hash", "- dash", "{braces}", "[list]", "ünïcödé", "tab\there", "yes", "null", "14:15", "~"}

func text(r *rand.Rand, n int) string {
	w := make([]string, 1+r.IntN(n))
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	return strings.Join(w, " ")
}

func randomProgram(r *rand.Rand) *program.Program {
	p := &program.Program{Conference: program.Conference{ID: "prop", Name: "Property Con", URL: "https://example.org/prop/program"}}
	n := 0
	for d := 0; d < 1+r.IntN(4); d++ {
		day := program.Day{Date: fmt.Sprintf("2026-05-%02d", 10+d)}
		for k := 0; k < r.IntN(6); k++ {
			day.Talks = append(day.Talks, randomTalk(r, fmt.Sprintf("t%d", n)))
			n++
		}
		p.Days = append(p.Days, day)
	}
	return p
}

func randomTalk(r *rand.Rand, id string) program.Talk {
	h := 8 + r.IntN(10)
	t := program.Talk{ID: id, Title: text(r, 5), URL: "https://example.org/prop/presentation/" + id,
		Start: fmt.Sprintf("%02d:00", h), End: fmt.Sprintf("%02d:30", h), Room: "Room " + fmt.Sprint(r.IntN(3))}
	for s := 0; s < r.IntN(3); s++ {
		t.Speakers = append(t.Speakers, program.Speaker{Name: text(r, 2), Affiliation: text(r, 2)})
	}
	if r.IntN(2) == 0 {
		t.Abstract = text(r, 30) + "\n\n* " + text(r, 5)
	}
	return t
}

// userEdits writes notes and comments into the file as a user would, and
// returns the file.
func userEdits(r *rand.Rand, data []byte) []byte {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		panic(err)
	}
	root := doc.Content[0]
	comment := func() string { return "# " + text(r, 4) }
	if r.IntN(3) == 0 {
		root.Content[0].HeadComment = comment()
	}
	if r.IntN(3) == 0 {
		post := &yaml.Node{Kind: yaml.MappingNode}
		setKey(post, "wrap", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: "60", LineComment: comment()}, nil)
		setKey(root, "post", post, []string{"conference", "post", "days"})
	}
	for _, day := range seqOf(mapValue(root, "days")) {
		if r.IntN(4) == 0 {
			notes := &yaml.Node{Kind: yaml.MappingNode}
			setKey(notes, "intro", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text(r, 9) + "\n", Style: yaml.LiteralStyle}, nil)
			setKey(day, "notes", notes, []string{"date", "notes", "talks"})
		}
		for _, talk := range seqOf(mapValue(day, "talks")) {
			if r.IntN(3) == 0 {
				talk.HeadComment = comment()
			}
			if r.IntN(4) == 0 {
				talk.Content[3].LineComment = comment() // on the title
			}
			if r.IntN(2) == 0 {
				notes := &yaml.Node{Kind: yaml.MappingNode}
				if r.IntN(3) == 0 {
					notes.Style = yaml.FlowStyle
				}
				keys := []string{"attended", "lead", "commentary", "plan", "title"}
				r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
				for _, k := range keys[:1+r.IntN(len(keys))] {
					v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text(r, 6)}
					switch {
					case k == "attended" || k == "plan":
						v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
					case notes.Style != yaml.FlowStyle && r.IntN(2) == 0:
						v.Value = text(r, 8) + "\n\n" + text(r, 8) + "\n"
						v.Style = []yaml.Style{yaml.LiteralStyle, yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle}[r.IntN(3)]
					}
					notes.Content = append(notes.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, v)
				}
				if notes.Style != yaml.FlowStyle && r.IntN(3) == 0 {
					notes.Content[0].HeadComment = comment()
				}
				talk.Content = append(talk.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "notes"}, notes)
			}
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		panic(err)
	}
	// Blank lines between days and talks, as people leave them.
	var out []string
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if (strings.HasPrefix(line, "      - id:") || strings.HasPrefix(line, "  - date:")) && r.IntN(3) == 0 {
			out = append(out, "\n")
		}
		out = append(out, line)
	}
	return []byte(strings.Join(out, ""))
}

// changeProgram is what happened upstream between two scrapes.
func changeProgram(r *rand.Rand, p *program.Program) *program.Program {
	q := &program.Program{Conference: p.Conference}
	for _, d := range p.Days {
		if len(p.Days) > 1 && r.IntN(8) == 0 {
			continue // a day dropped
		}
		nd := program.Day{Date: d.Date}
		for _, t := range d.Talks {
			t.Notes = nil
			switch r.IntN(8) {
			case 0:
				continue // gone
			case 1:
				t.Title = text(r, 4) // retitled
			case 2:
				t.Speakers = append(t.Speakers, program.Speaker{Name: text(r, 2)})
			case 3:
				t.Media.Video = "https://example.org/v/" + t.ID
			case 4:
				t.Start, t.End = "19:00", "19:30"
			}
			nd.Talks = append(nd.Talks, t)
		}
		if r.IntN(3) == 0 {
			nd.Talks = append(nd.Talks, randomTalk(r, fmt.Sprintf("new%d", r.IntN(1000000))))
		}
		q.Days = append(q.Days, nd)
	}
	// A talk moves to another day.
	if len(q.Days) > 1 && len(q.Days[0].Talks) > 0 && r.IntN(2) == 0 {
		t := q.Days[0].Talks[0]
		q.Days[0].Talks = q.Days[0].Talks[1:]
		q.Days[1].Talks = append(q.Days[1].Talks, t)
	}
	if r.IntN(5) == 0 {
		q.Days = append(q.Days, program.Day{Date: "2026-06-01", Talks: []program.Talk{randomTalk(r, "late")}})
	}
	return q
}

// userParts is what the user wrote in one talk: its notes as a node and
// its comments.
type userParts struct {
	notes    *yaml.Node
	comments []string
}

func talkParts(doc *yaml.Node) map[string]userParts {
	out := map[string]userParts{}
	for _, day := range seqOf(mapValue(doc.Content[0], "days")) {
		for _, t := range seqOf(mapValue(day, "talks")) {
			c := collectComments(t)
			out[mapValue(t, "id").Value] = userParts{mapValue(t, "notes"), splitComments(c)}
		}
	}
	return out
}

func splitComments(c string) []string {
	var out []string
	for _, l := range strings.Split(c, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func checkMerge(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0xc0ffee))
	p0 := randomProgram(r)
	data, err := Marshal(p0)
	if err != nil {
		t.Fatal(err)
	}
	userFile := userEdits(r, data)
	var before yaml.Node
	if err := yaml.Unmarshal(userFile, &before); err != nil {
		t.Fatal(err)
	}
	fresh := changeProgram(r, p0)

	res, err := MergeFile(userFile, "p.yaml", fresh, MergeOptions{})
	if err != nil {
		t.Fatalf("merge: %v\n%s", err, userFile)
	}
	merged, err := Unmarshal(res.Data, "merged.yaml")
	if err != nil {
		t.Fatalf("merged file invalid: %v", err)
	}
	var after yaml.Node
	yaml.Unmarshal(res.Data, &after)
	// Every comment of the file is still in it.
	for _, c := range splitComments(collectComments(&before)) {
		if !strings.Contains(collectComments(&after), c) {
			t.Fatalf("comment %q lost\n--- user file\n%s--- merged\n%s", c, userFile, res.Data)
		}
	}
	// Talk by talk: the user's words stay in their talk.
	was, now := talkParts(&before), talkParts(&after)
	freshTalks := map[string]program.Talk{}
	freshDate := map[string]string{}
	for _, d := range fresh.Days {
		for _, tk := range d.Talks {
			freshTalks[tk.ID], freshDate[tk.ID] = tk, d.Date
		}
	}
	for id, w := range was {
		n, ok := now[id]
		wrote := w.notes != nil || len(w.comments) > 0
		if _, upstream := freshTalks[id]; !upstream && !wrote {
			if ok {
				t.Fatalf("talk %s, gone upstream with nothing of the user's, is still there", id)
			}
			continue
		}
		if !ok {
			t.Fatalf("talk %s lost\n%s", id, res.Data)
		}
		if (w.notes == nil) != (n.notes == nil) || w.notes != nil && !sameNode(w.notes, n.notes) {
			t.Fatalf("notes of %s changed\n--- user file\n%s--- merged\n%s", id, userFile, res.Data)
		}
		for _, c := range w.comments {
			if !strings.Contains(strings.Join(n.comments, "\n"), c) {
				t.Fatalf("comment %q left talk %s\n--- user file\n%s--- merged\n%s", c, id, userFile, res.Data)
			}
		}
	}
	// Every talk is what the new program says; kept ones are withdrawn.
	for _, d := range merged.Days {
		for _, tk := range d.Talks {
			want, upstream := freshTalks[tk.ID]
			if !upstream {
				if !tk.Withdrawn {
					t.Fatalf("talk %s, gone upstream, is not marked withdrawn", tk.ID)
				}
				continue
			}
			tk.Notes = nil
			if !reflect.DeepEqual(tk, want) || d.Date != freshDate[tk.ID] {
				t.Fatalf("talk %s on %s is\n%+v\nwant on %s\n%+v", tk.ID, d.Date, tk, freshDate[tk.ID], want)
			}
			delete(freshTalks, tk.ID)
		}
	}
	if len(freshTalks) > 0 {
		t.Fatalf("talks of the new program missing: %v", freshTalks)
	}
	again, err := MergeFile(res.Data, "p.yaml", fresh, MergeOptions{})
	if err != nil || again.Changed || !bytes.Equal(again.Data, res.Data) {
		t.Fatalf("a second merge changed the file (err %v)", err)
	}
}

// sameNode compares two trees as written: kinds, values, styles and order.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Value != b.Value || a.Style != b.Style || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
