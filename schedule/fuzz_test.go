package schedule

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// FuzzSchedule: no schedule, XML or JSON, however broken, makes an importer
// panic, and what they accept is a valid program file.
func FuzzSchedule(f *testing.F) {
	for _, file := range []string{"democonf-schedule.xml", "stackconf-schedule.json"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "schedules", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	base, _ := url.Parse("https://pretalx.example.org/fuzz/schedule/export/schedule.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, extract := range []func([]byte, *url.URL) (*program.Program, error){ReadXML, ReadJSON} {
			p, err := extract(data, base)
			if err != nil {
				continue
			}
			out, err := program.Marshal(p)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			if _, err := program.Unmarshal(out, "fuzz.yaml"); err != nil {
				t.Fatalf("the program file written is invalid: %v\n%s", err, out)
			}
		}
	})
}
