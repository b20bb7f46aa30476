package schedule

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// The package doc names the format of every reader (issue 21: it named
// neither Sessionize, Indico nor iCalendar reading).
func TestDocNamesEveryFormatRead(t *testing.T) {
	formats := map[string]string{
		"ReadXML": "schedule XML", "ReadJSON": "schedule JSON", "ReadICal": "iCalendar",
		"ReadSessionize": "Sessionize", "ReadIndico": "Indico",
	}
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	readers := 0
	for _, fi := range files {
		if !strings.HasSuffix(fi.Name(), ".go") || strings.HasSuffix(fi.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), fi.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Read") {
				continue
			}
			readers++
			format, ok := formats[fn.Name.Name]
			switch {
			case !ok:
				t.Errorf("%s: a reader this test does not know; name its format in doc.go and here", fn.Name.Name)
			case !strings.Contains(string(doc), format):
				t.Errorf("doc.go does not name %s, the format %s reads", format, fn.Name.Name)
			}
		}
	}
	if readers != len(formats) {
		t.Errorf("found %d readers, want %d", readers, len(formats))
	}
}
