package digest

import (
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program/yamlfile"
)

// A talk that left the program after the user wrote about it says so in
// the day's post, and custom templates see .Withdrawn to choose.
func TestWithdrawnTalkMarked(t *testing.T) {
	const file = `conference: {id: c, name: C}
days:
  - date: "2026-03-18"
    talks:
      - {id: gone, title: Gone Talk, withdrawn: true, notes: {commentary: "It was cancelled."}}
      - {id: here, title: Here Talk, notes: {attended: true}}
`
	p, err := yamlfile.Unmarshal([]byte(file), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	posts, _, err := Render(p, Options{Format: "markdown"})
	if err != nil || len(posts) != 1 {
		t.Fatalf("Render: %d posts, %v", len(posts), err)
	}
	post := string(posts[0].Content)
	if !strings.Contains(post, "## Gone Talk (withdrawn from the program)\n") {
		t.Errorf("the withdrawn talk is not marked:\n%s", post)
	}
	if strings.Contains(post, "Here Talk (withdrawn") {
		t.Errorf("a talk on the program is marked withdrawn:\n%s", post)
	}

	custom := `{{ range .Talks }}{{ .Title }}={{ .Withdrawn }};{{ end }}`
	posts, _, err = Render(p, Options{Format: "markdown", Template: custom})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(posts[0].Content), "Gone Talk=true;Here Talk=false;"; !strings.Contains(got, want) {
		t.Errorf("custom template got %q, want it to contain %q", got, want)
	}
}
