package schedule

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

// FuzzSchedule: no schedule, in any format read here, however broken,
// makes a reader panic, and what a reader accepts is a valid program file.
// Every reader gets every input: the formats are recognised by content,
// so a reader may meet another's bytes.
func FuzzSchedule(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "schedules", "*"))
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	base, _ := url.Parse("https://pretalx.example.org/fuzz/schedule/export/schedule.json")
	readers := []func([]byte, *url.URL, ReadOptions) (*program.Program, error){ReadXML, ReadJSON, ReadICal, ReadSessionize, ReadIndico}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, read := range readers {
			p, err := read(data, base, ReadOptions{TimeZone: "Europe/Brussels"})
			if err != nil {
				continue
			}
			out, err := yamlfile.Marshal(p)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if _, err := yamlfile.Unmarshal(out, "fuzz.yaml"); err != nil {
				t.Fatalf("the program file written is invalid: %v\n%s", err, out)
			}
		}
	})
}
