package yamlfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// compiledSchema is Schema() as a validator, formats asserted (as the
// YAML language server does for "date").
func compiledSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	if err := c.AddResource(SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaFile)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// yamlInstance is data as the YAML language server hands it to the
// schema: YAML 1.2 values as JSON. ok is false when data is not one YAML
// document, which editors report themselves.
func yamlInstance(t testing.TB, data []byte) (any, bool) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	v := nodeValue(doc.Content[0])
	// Through JSON text, so numbers are what a JSON reader makes of them.
	text, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("as JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return inst, true
}

func nodeValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if n.Decode(&v) == nil {
			if f, ok := v.(float64); ok && (f != f || f > 1e308 || f < -1e308) {
				return n.Value // .nan, .inf: no JSON number
			}
			return v
		}
	}
	return n.Value
}

// checkOnly are the problems a JSON Schema cannot see: YAML's own syntax
// and structure (which the editor reports itself), and rules across
// values (ids unique over the file, a talk ending before it starts).
var checkOnly = []string{
	"not valid YAML", "a tab in the indentation", "empty file",
	"an anchor (", "an alias (", "a second YAML document",
	"appears twice in", "is used twice", "is listed twice", "before it starts",
	"holds a null, which a hugo post's TOML",
	// Front-matter keys: JSON's are all strings, YAML's are typed.
	"as a key: front-matter keys are names", "not a name, which a hugo post's TOML front matter",
}

// zoneNameRe is what the schema says a zone name looks like: whether a
// name of that look is a zone is check's to say (the schema lists none).
var zoneNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`)

// schemaCanSee reports whether p is a problem a schema can state; doc is
// the file's tree, to see the value p is about.
func schemaCanSee(p Problem, doc *yaml.Node) bool {
	for _, s := range checkOnly {
		if strings.Contains(p.Msg, s) {
			return false
		}
	}
	n := nodeAt(doc, p.Line, p.Col)
	if n == nil || n.Kind != yaml.ScalarNode {
		return true
	}
	switch {
	case strings.HasPrefix(p.Msg, "timezone: "):
		return !(n.Tag == "!!str" && zoneNameRe.MatchString(n.Value) && n.Value != "Local")
	case n.Tag == "!!float":
		// JSON has one kind of number: 1e3 and 80.0 are whole numbers to
		// a schema, floats to check, which a whole number in range
		// would pass.
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || f != math.Trunc(f) {
			return true
		}
		for key, lo := range map[string]float64{"wrap: ": 0, "rating: ": 1, "speakers_max: ": 1} {
			if strings.HasPrefix(p.Msg, key) {
				return f < lo || key == "rating: " && f > 5
			}
		}
	}
	return true
}

// nodeAt is the node of doc at line:col.
func nodeAt(n *yaml.Node, line, col int) *yaml.Node {
	if n.Line == line && n.Column == col && n.Kind != yaml.DocumentNode {
		return n
	}
	for _, c := range n.Content {
		if found := nodeAt(c, line, col); found != nil {
			return found
		}
	}
	return nil
}

// agree checks that the schema rejects data exactly when check finds a
// problem a schema can see in it. It reports whether the schema had
// anything to say (data is one YAML document).
func agree(t *testing.T, sch *jsonschema.Schema, name string, data []byte) bool {
	t.Helper()
	inst, ok := yamlInstance(t, data)
	if !ok {
		return false
	}
	var doc yaml.Node
	yaml.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &doc)
	_, problems := Check(data, name)
	var seen []string
	for _, p := range problems {
		if !p.Warning && schemaCanSee(p, &doc) {
			seen = append(seen, p.String())
		}
	}
	err := sch.Validate(inst)
	switch {
	case len(seen) > 0 && err == nil:
		t.Errorf("%s: check rejects it, the schema accepts it:\n  %s", name, strings.Join(seen, "\n  "))
	case len(seen) == 0 && err != nil:
		t.Errorf("%s: check accepts it (%v), the schema rejects it: %v", name, problems, err)
	}
	return true
}

// Every case of check's test-suite gives the same verdict from the schema.
func TestSchemaAgreesWithCheck(t *testing.T) {
	sch := compiledSchema(t)
	cases := malformedCases()
	valid := []checkCase{
		{name: "withdrawn with notes", in: head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: gone\n        title: Gone\n        withdrawn: true\n        notes: {attended: true}\n"},
		{name: "overlap", in: head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, start: \"09:00\", end: \"09:45\", notes: {plan: true}}\n      - {id: b, title: B, start: \"09:30\", end: \"10:00\", notes: {attended: true}}\n"},
		{name: "empty values", in: head + "post:\ndays:\n  - date: \"2026-01-01\"\n    notes:\n    talks:\n      - id: a\n        title: A\n        speakers: [~]\n        notes:\n          tags: [a, ~]\n          rating:\n"},
		{name: "a number as a title", in: head + "days:\n  - date: 2026-01-01\n    talks:\n      - {id: 2024, title: 2024, start: \"23:59\"}\n"},
		{name: "new keys", in: head + "post: {quote: first, speakers_max: 3}\ndays:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, notes: {quote: none, rating: 5}}\n"},
		{name: "zone", in: "conference: {id: x, timezone: America/Argentina/Buenos_Aires}\ndays: []\n"},
		{name: "zone Local", in: "conference: {id: x, timezone: Local}\ndays: []\n", want: []string{"rejected"}},
		{name: "rating a word", in: head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, notes: {rating: \"4\"}}\n", want: []string{"rejected"}},
		{name: "wrap negative", in: head + "post: {wrap: -1}\ndays: []\n", want: []string{"rejected"}},
		{name: "bad day date", in: head + "days:\n  - date: \"2026-02-30\"\n", want: []string{"rejected"}},
		{name: "attended yes", in: head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, notes: {attended: yes}}\n", want: []string{"rejected"}},
		{name: "media unknown", in: head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - {id: a, title: A, media: {poster: x}}\n", want: []string{"rejected"}},
	}
	seen := 0
	for _, c := range append(cases, valid...) {
		t.Run(c.name, func(t *testing.T) {
			_, problems := Check([]byte(c.in), "f.yaml")
			if gotErr := hasErrors(problems); gotErr != (len(c.want) > 0) {
				t.Fatalf("check: errors = %v, want %v: %v", gotErr, len(c.want) > 0, problems)
			}
			if agree(t, sch, "f.yaml", []byte(c.in)) {
				seen++
			}
		})
	}
	if seen < 30 {
		t.Errorf("the schema saw only %d cases", seen)
	}
}

// The mistakes people make inside valid YAML are the schema's too.
func TestSchemaRejectsCommonMistakes(t *testing.T) {
	sch := compiledSchema(t)
	talk := head + "days:\n  - date: \"2026-01-01\"\n    talks:\n      - id: a\n        title: A\n        notes:\n"
	for name, notes := range map[string]string{
		"misspelt notes key": "          comentary: good\n",
		"rating 7":           "          rating: 7\n",
		"tags as a string":   "          tags: sre\n",
		"unknown quote":      "          quote: all\n",
	} {
		inst, ok := yamlInstance(t, []byte(talk+notes))
		if !ok {
			t.Fatalf("%s: not YAML", name)
		}
		if err := sch.Validate(inst); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
	inst, _ := yamlInstance(t, []byte(talk+"          rating: 4\n          tags: [sre]\n          quote: first\n"))
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the right notes are rejected: %v", err)
	}
}

// Every program file in the repository's testdata, whole or inside a
// txtar archive, gets the same verdict from the schema as from check.
func TestSchemaAgreesOnTestdata(t *testing.T) {
	sch := compiledSchema(t)
	files, accepted := 0, 0
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		docs := map[string][]byte{}
		switch {
		case strings.HasSuffix(path, ".txtar"):
			for _, f := range txtar.Parse(data).Files {
				if strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml") {
					docs[path+":"+f.Name] = f.Data
				}
			}
		case strings.HasSuffix(path, ".yaml"), strings.HasSuffix(path, ".yaml.golden"):
			docs[path] = data
		}
		for name, data := range docs {
			if SchemaRef(data) == "" && !bytes.Contains(data, []byte("days:")) && !bytes.Contains(data, []byte("conference:")) {
				continue // a YAML file of another kind
			}
			files++
			if p, _ := Check(data, name); p != nil {
				accepted++
			}
			agree(t, sch, name, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d program files, %d valid", files, accepted)
	if files < 30 || accepted < 20 {
		t.Errorf("only %d program files (%d valid) found in testdata", files, accepted)
	}
}

// Every key of the file has words for the editor's hover, and every word
// belongs to a key.
func TestSchemaDescribesEveryKey(t *testing.T) {
	used := map[string]bool{"": true}
	var walk func(s *shape, path string)
	walk = func(s *shape, path string) {
		switch s.kind {
		case "map":
			for _, k := range s.keys {
				p := join(path, k.name)
				used[p] = true
				if strings.TrimSpace(descriptions[p]) == "" {
					t.Errorf("%s has no description", p)
				}
				walk(k.shape, p)
			}
		case "seq":
			walk(s.elem, path)
		}
	}
	walk(fileShape, "")
	for p := range descriptions {
		if !used[p] {
			t.Errorf("description of %q, which is no key", p)
		}
	}
	// The schema itself says it: one description per property.
	if got, want := bytes.Count(Schema(), []byte(`"description"`)), len(descriptions); got != want {
		t.Errorf("the schema has %d descriptions, want %d", got, want)
	}
}

func TestSchemaRef(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{Modeline(SchemaFile) + "conference:\n", SchemaFile},
		{"\xef\xbb\xbf# a note\n\n#yaml-language-server: $schema=./x.json\r\nconference:\n", "./x.json"},
		{"conference:\n# yaml-language-server: $schema=late.json\n", ""},
		{"# yaml-language-server: $schema=\n", ""},
		{"", ""},
	} {
		if got := SchemaRef([]byte(tt.in)); got != tt.want {
			t.Errorf("SchemaRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := SchemaPath(filepath.Join("blog", "p.yaml"), []byte(Modeline("./"+SchemaFile))); got != filepath.Join("blog", SchemaFile) {
		t.Errorf("SchemaPath = %q", got)
	}
	if got := SchemaPath("p.yaml", []byte(Modeline("https://example.org/s.json"))); got != "" {
		t.Errorf("a schema of the user's is to be refreshed: %q", got)
	}
	if got, want := string(LeadingComments([]byte("# a\n\n# b\nconference:\n# c\n"))), "# a\n\n# b\n"; got != want {
		t.Errorf("LeadingComments = %q, want %q", got, want)
	}
}

func TestWriteSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SchemaFile)
	if wrote, err := WriteSchema(path); err != nil || !wrote {
		t.Fatalf("first write: %v, %v", wrote, err)
	}
	if wrote, err := WriteSchema(path); err != nil || wrote {
		t.Fatalf("an unchanged schema was written again: %v, %v", wrote, err)
	}
	os.WriteFile(path, []byte("{}"), 0o644)
	if wrote, err := WriteSchema(path); err != nil || !wrote {
		t.Fatalf("an old schema was not refreshed: %v, %v", wrote, err)
	}
	// A link is never written through: it could point anywhere.
	target := filepath.Join(dir, "elsewhere.txt")
	os.WriteFile(target, []byte("mine\n"), 0o644)
	link := filepath.Join(dir, "linked", SchemaFile)
	os.Mkdir(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here")
	}
	if _, err := WriteSchema(link); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("writing onto a link: err = %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "mine\n" {
		t.Errorf("the link's target was changed: %q", got)
	}
}

// Random program files, built from the shapes check uses, each with at
// most one mistake at a random place (a wrong type, a value just out of
// range, an unknown key, a required key left out, YAML 1.1 spellings), get
// the same verdict from check and from the schema.
func TestSchemaAgreesOnRandomFiles(t *testing.T) {
	sch := compiledSchema(t)
	src := rand.NewPCG(20, 26)
	r, pick := rand.New(src), rand.New(rand.NewPCG(1, 2))
	// Values any key may get by mistake.
	pool := []string{"~", `""`, "true", "false", "yes", "no", "0", "1", "3", "5", "7", "-1", "3.0", `"4"`, "0x1F", "1e3", ".inf",
		"2026-01-01", `"2026-02-30"`, "2026-13-01", `"09:00"`, "9:00", `"24:00"`, "hugo", "markdown", "wordpress",
		"full", "first", "none", "all", "Europe/Dublin", "UTC", "Local", `"Pacific Time"`, "some text", `"quoted, text"`,
		"[a, b]", "[]", "{}", "[a, ~]", "{a: 1}"}
	right := map[string][]string{
		"str": {"Some Title", `"quoted: text"`, "2024"}, "bool": {"true", "false"}, "int": {"0", "79"},
		"rating": {"1", "5"}, "speakers": {"1", "12"}, "date": {`"2026-05-04"`, "2026-05-05"},
		"clock": {`"09:00"`, `"23:59"`}, "tz": {"Europe/Dublin", "America/Argentina/Buenos_Aires"},
		"format": program.PostFormats, "quote": program.QuoteModes,
	}
	// Near misses: the edges of each kind's values.
	wrong := map[string][]string{
		"bool": {"yes", "1", `"true"`}, "int": {"-1", "2.5", `"79"`, "80.0"},
		"rating": {"0", "6", "3.5", `"4"`, "4.0"}, "speakers": {"0", "-1", "1.5"},
		"date": {`"2026-02-30"`, "2026-5-4", "20260504"}, "clock": {`"9:00"`, `"24:00"`, `"12:60"`, "0900"},
		"tz": {"Local", `"Pacific Time"`, "/Europe", "Europe/"}, "format": {"Hugo", "wordpress"}, "quote": {"Full", "some"},
		"str": {"[a]", "{a: 1}"},
	}
	var site, target int
	mistake := func() bool { site++; return site-1 == target }
	var gen func(s *shape) string
	gen = func(s *shape) string {
		switch s.kind {
		case "map":
			if mistake() {
				return pool[r.IntN(len(pool))]
			}
			if s.keys == nil {
				return "{type: post, tags: [a, b]}"
			}
			var parts []string
			for _, k := range s.keys {
				if !k.required && r.IntN(3) == 0 {
					continue
				}
				if mistake() {
					if k.required {
						continue // left out
					}
					parts = append(parts, k.name+"x: 1")
					continue
				}
				parts = append(parts, k.name+": "+gen(k.shape))
			}
			return "{" + strings.Join(parts, ", ") + "}"
		case "seq":
			if mistake() {
				return pool[r.IntN(len(pool))]
			}
			var items []string
			for range r.IntN(4) {
				items = append(items, gen(s.elem))
			}
			return "[" + strings.Join(items, ", ") + "]"
		}
		if len(right[s.kind]) == 0 {
			t.Fatalf("no values for kind %q", s.kind)
		}
		// Ids and dates unique, as the file's rules across values want.
		switch {
		case s == strShape && r.IntN(2) == 0:
			return fmt.Sprintf("t%d", site)
		case s.kind == "date" && r.IntN(4) > 0:
			return fmt.Sprintf("2026-%02d-%02d", 1+site/28%12, 1+site%28)
		}
		if mistake() {
			if w := wrong[s.kind]; len(w) > 0 && r.IntN(3) > 0 {
				return w[r.IntN(len(w))]
			}
			return pool[r.IntN(len(pool))]
		}
		return right[s.kind][r.IntN(len(right[s.kind]))]
	}
	// Counted by the schema's verdict: files both accept, and files both
	// reject for a reason the schema states.
	accepted, rejected := 0, 0
	for i := range 2000 {
		// The same file twice: once to count the places a mistake can
		// go, once with a mistake at one of them (or none, a fifth of
		// the time).
		saved := *src
		site, target = 0, -1
		gen(fileShape)
		*src = saved
		site, target = 0, pick.IntN(site+site/4+1)
		text := gen(fileShape) + "\n"
		name := fmt.Sprintf("random-%d.yaml", i)
		if !agree(t, sch, name, []byte(text)) {
			continue
		}
		if t.Failed() {
			t.Fatalf("the file was:\n%s", text)
		}
		inst, _ := yamlInstance(t, []byte(text))
		if sch.Validate(inst) == nil {
			accepted++
		} else {
			rejected++
		}
	}
	t.Logf("%d accepted, %d rejected", accepted, rejected)
	if accepted < 300 || rejected < 300 {
		t.Errorf("%d files accepted and %d rejected: the generator explores too little", accepted, rejected)
	}
}
