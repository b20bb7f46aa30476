package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program/yamlfile"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// Every scrape of the real pages (../shared/real) and exports
// (../shared/examples) makes a file that starts with the modeline and
// that its schema, written beside it, accepts.
func TestRealScrapesValidate(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	var inputs []string
	for _, pattern := range []string{"real/usenix/*/technical-sessions.html", "real/usenix/saved-copies/*technical-sessions*.html", "examples/schedules/*"} {
		m, _ := filepath.Glob(filepath.Join(shared, pattern))
		inputs = append(inputs, m...)
	}
	if len(inputs) == 0 {
		t.Skip("no ../shared here")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, in := range inputs {
		t.Run(filepath.Base(filepath.Dir(in))+"/"+filepath.Base(in), func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "program.yaml")
			var stderr bytes.Buffer
			ctx := context.Background()
			if err := run(ctx, []string{"scrape", "--no-cache", "-o", file, in}, &stderr, &stderr); err != nil {
				t.Fatalf("scrape: %v\n%s", err, stderr.String())
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if ref := yamlfile.SchemaRef(data); ref != yamlfile.SchemaFile {
				t.Fatalf("the new file names schema %q, want %q", ref, yamlfile.SchemaFile)
			}
			sch := compileSchemaFile(t, filepath.Join(dir, yamlfile.SchemaFile))
			if err := sch.Validate(asJSON(t, data)); err != nil {
				t.Errorf("the scraped file is not valid against its schema: %v", err)
			}
		})
	}
}

func compileSchemaFile(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("schema %s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(yamlfile.SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(yamlfile.SchemaFile)
	if err != nil {
		t.Fatalf("schema %s: %v", path, err)
	}
	return sch
}

// asJSON is a program file as the YAML language server hands it to a
// schema (YAML 1.2 values as JSON).
func asJSON(t *testing.T, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		t.Fatalf("not one YAML document: %v", err)
	}
	text, err := json.Marshal(yamlValue(doc.Content[0]))
	if err != nil {
		t.Fatalf("as JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestSchemaCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"schema"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), yamlfile.Schema()) {
		t.Error("schema printed something else than program.Schema()")
	}
	err := run(context.Background(), []string{"schema", "x.yaml"}, &stdout, &stderr)
	if _, ok := err.(usageError); !ok || !strings.Contains(err.Error(), "takes no arguments") {
		t.Errorf("schema x.yaml: %v", err)
	}
}

// yamlValue is n as YAML 1.2 reads it: a date written bare is a string
// (yaml.v3 would make it a time.Time), as the YAML language server has it.
func yamlValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, yamlValue(c))
		}
		return l
	}
	var v any
	if n.Tag == "!!timestamp" || n.Decode(&v) != nil {
		return n.Value
	}
	return v
}
