package yamlfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/confdigest/confdigest/internal/atomicfile"
	"github.com/confdigest/confdigest/program"
)

// SchemaFile is the name of the JSON Schema written beside a new program
// file, which the file's first line names for the editor.
const SchemaFile = "confdigest.schema.json"

// Modeline is the first line of a new program file: editors running the
// YAML language server (VS Code, Neovim, Helix, Emacs, Zed; JetBrains
// IDEs too) read the schema it names, relative to the file, and then check
// and complete the file as it is typed.
func Modeline(schema string) string {
	return "# yaml-language-server: $schema=" + schema + "\n"
}

var modelineRe = regexp.MustCompile(`^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$`)

// SchemaRef is the schema the modeline among the leading comment lines of
// data names ("" when there is none).
func SchemaRef(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if !strings.HasPrefix(line, "#") {
			return ""
		}
		if m := modelineRe.FindStringSubmatch(line); m != nil {
			return m[1]
		}
	}
	return ""
}

// LeadingComments are the comment and blank lines before the first line of
// YAML in data: what a file rewritten whole keeps of its head.
func LeadingComments(data []byte) []byte {
	end := 0
	for end < len(data) {
		nl := bytes.IndexByte(data[end:], '\n')
		if nl < 0 {
			break
		}
		line := bytes.TrimSpace(data[end : end+nl])
		if len(line) > 0 && line[0] != '#' {
			break
		}
		end += nl + 1
	}
	return data[:end]
}

// SchemaPath is the schema file to keep up to date for the program file at
// programPath whose text is data: the one its modeline names when that is
// confdigest's own (SchemaFile, beside it); "" otherwise, as a schema the
// user named is theirs.
func SchemaPath(programPath string, data []byte) string {
	ref := strings.TrimPrefix(SchemaRef(data), "./")
	if ref != SchemaFile {
		return ""
	}
	return filepath.Join(filepath.Dir(programPath), SchemaFile)
}

// ErrSchemaLink: the schema file is a symbolic link, left as it is.
var ErrSchemaLink = errors.New("is a symbolic link; left as it is (remove it and run again for confdigest's own)")

// WriteSchema writes the schema to path unless the file there holds it
// already, and reports whether it wrote. A symbolic link there is not
// written through (ErrSchemaLink): it may point anywhere.
func WriteSchema(path string) (bool, error) {
	want := Schema()
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return false, fmt.Errorf("%s %w", path, ErrSchemaLink)
	}
	// Never through a link, nor waiting on a FIFO planted there: a FIFO,
	// device or folder in its place is an error naming it.
	if old, err := atomicfile.ReadFileNoFollow(path); err == nil && bytes.Equal(old, want) {
		return false, nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := atomicfile.WriteFileNoFollow(path, want, 0o644); err != nil {
		return false, err
	}
	return true, nil
}

// Schema is the program file's JSON Schema (draft-07, which the YAML
// language server reads), made from the shapes Validate checks against so
// that the editor and check agree. What a schema cannot say is left to
// check: ids unique over the file, a talk ending before it starts, that a
// zone name of the right look names a zone, and that 1e3 or 80.0 is not
// a whole number (JSON has one kind of number).
func Schema() []byte {
	root := schemaOf(fileShape, "", true)
	root = append(jsonObject{
		{"$schema", "http://json-schema.org/draft-07/schema#"},
		{"$id", "https://github.com/confdigest/confdigest/" + SchemaFile},
		{"title", "confdigest program file"},
	}, root...)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(err) // only strings, numbers and lists of them: cannot fail
	}
	return b.Bytes()
}

// schemaOf is the schema of a value of shape s at path; required values
// may not be left empty, others may (check reads "notes:" alone as none).
func schemaOf(s *shape, path string, required bool) jsonObject {
	var o jsonObject
	types := func(t ...string) {
		if !required {
			t = append(t, "null")
		}
		if len(t) == 1 {
			o = append(o, jsonField{"type", t[0]})
		} else {
			o = append(o, jsonField{"type", t})
		}
	}
	enum := func(vals ...string) {
		list := []any{}
		for _, v := range vals {
			list = append(list, v)
		}
		if !required {
			list = append(list, nil)
		}
		o = append(o, jsonField{"enum", list})
	}
	if d := describe(path); d != "" {
		o = append(o, jsonField{"description", d})
	}
	switch s.kind {
	case "map":
		types("object")
		if s.keys == nil {
			break // front matter: any keys
		}
		props := jsonObject{}
		var req []string
		for _, k := range s.keys {
			props = append(props, jsonField{k.name, schemaOf(k.shape, join(path, k.name), k.required)})
			if k.required {
				req = append(req, k.name)
			}
		}
		o = append(o, jsonField{"properties", props})
		if len(req) > 0 {
			o = append(o, jsonField{"required", req})
		}
		o = append(o, jsonField{"additionalProperties", false})
	case "seq":
		types("array")
		// An empty item ("- ") is read as none, as check reads it.
		items := schemaOf(s.elem, path, false)
		if len(items) > 0 && items[0].name == "description" {
			items = items[1:] // the list's, said once
		}
		o = append(o, jsonField{"items", items})
	case "str":
		// Any single value: YAML reads "title: 2024" as a number, which is
		// still the title's text.
		types("string", "number", "boolean")
	case "bool":
		types("boolean")
	case "int":
		types("integer")
		o = append(o, jsonField{"minimum", 0})
	case "speakers":
		types("integer")
		o = append(o, jsonField{"minimum", 1})
	case "rating":
		types("integer")
		o = append(o, jsonField{"minimum", 1}, jsonField{"maximum", 5})
	case "date":
		types("string")
		o = append(o, jsonField{"format", "date"}, jsonField{"pattern", `^\d{4}-\d{2}-\d{2}$`})
	case "clock":
		types("string")
		o = append(o, jsonField{"pattern", clockRe.String()})
	case "tz":
		// The names themselves are the time zone database's; a schema
		// can only say what one looks like.
		types("string")
		o = append(o, jsonField{"pattern", `^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`}, jsonField{"not", jsonObject{{"const", "Local"}}})
	case "format":
		enum(program.PostFormats...)
	case "quote":
		enum(program.QuoteModes...)
	}
	return o
}

// describe is the hover text of the key at path: README's annotated
// example in words. Every key has one (TestSchemaDescribesEveryKey).
func describe(path string) string {
	return descriptions[path]
}

const byScrape = "Written by scrape: "

var descriptions = map[string]string{
	"":                                "One conference: what scrape wrote, and your notes. scrape owns the scraped fields; you own post and every notes mapping, and nothing you write there is ever changed.",
	"conference":                      byScrape + "the conference this file is about.",
	"conference.id":                   byScrape + "the conference's id, from the URL (/conference/<id>/...).",
	"conference.name":                 byScrape + "the conference's name.",
	"conference.url":                  byScrape + "the program page the file was made from.",
	"conference.timezone":             "The zone of the program's times, an IANA name such as Europe/Dublin; filled when the page states it; yours to set.",
	"post":                            "Yours, optional: how digest writes the posts.",
	"post.format":                     "hugo (TOML +++ front matter, the default), hugo-yaml (--- front matter), jekyll, or markdown (no front matter).",
	"post.title":                      "The title of each day's post; placeholders: {conference} {day} {date}. Quote it: a value starting with { is not text in YAML.",
	"post.wrap":                       "Max line width of quoted abstracts; 0 = no wrapping.",
	"post.front_matter":               "Extra front-matter keys for every post (type: post, categories: [...]).",
	"post.summary":                    "true: also a trip-report post for the whole conference (as digest --summary).",
	"post.media":                      "true: a talk's paper, slides and video linked after its abstract.",
	"post.quote":                      "How much of each abstract the posts quote: full (the default), first (its first paragraph) or none; notes.quote overrides it per talk.",
	"post.speakers_max":               "The lead names at most this many speakers, then \"and K others\" (default: no limit).",
	"days":                            "The conference days, in date order.",
	"days.date":                       byScrape + "the day's date, YYYY-MM-DD, quoted.",
	"days.notes":                      "Yours, optional: what you wrote about the day.",
	"days.notes.title":                "The title of this day's post; overrides post.title.",
	"days.notes.date":                 "The post's date, written as given (e.g. \"2017-08-31T22:21:56+02:00\").",
	"days.notes.front_matter":         "Extra front-matter keys for this day's post; they override post.front_matter.",
	"days.notes.intro":                "Markdown before the first talk of the day's post.",
	"days.notes.outro":                "Markdown after the last talk of the day's post.",
	"days.talks":                      byScrape + "the day's talks, in time order.",
	"days.talks.id":                   byScrape + "the presentation's slug; unique in the file. Talks are matched by it when scrape runs again.",
	"days.talks.title":                byScrape + "the title as the program shows it; to change it in your post, set notes.title.",
	"days.talks.url":                  byScrape + "the presentation's page.",
	"days.talks.start":                byScrape + "local time, 24 h, quoted: \"09:00\".",
	"days.talks.end":                  byScrape + "local time, 24 h, quoted: \"09:45\".",
	"days.talks.session":              byScrape + "the session the talk is in.",
	"days.talks.track":                byScrape + "the track, when the program shows one.",
	"days.talks.room":                 byScrape + "the room.",
	"days.talks.speakers":             byScrape + "the speakers or authors, in the program's order.",
	"days.talks.speakers.name":        byScrape + "the speaker's name.",
	"days.talks.speakers.affiliation": byScrape + "the speaker's affiliation.",
	"days.talks.award":                byScrape + "an award the paper won (research papers, when given).",
	"days.talks.media":                byScrape + "links to the talk's paper, slides, video and audio.",
	"days.talks.media.paper":          byScrape + "the paper.",
	"days.talks.media.slides":         byScrape + "the slides.",
	"days.talks.media.video":          byScrape + "the video.",
	"days.talks.media.audio":          byScrape + "the audio recording.",
	"days.talks.withdrawn":            byScrape + "true when the talk left the program; kept because you wrote in it.",
	"days.talks.abstract":             byScrape + "the abstract, Markdown, one line per paragraph.",
	"days.talks.notes":                "Yours: what you plan, saw and thought of the talk.",
	"days.talks.notes.plan":           "true: you plan to attend (agenda, ical).",
	"days.talks.notes.attended":       "true: you attended, and the talk is in the day's post; false: you missed it (the plan stays).",
	"days.talks.notes.title":          "A title of your own; overrides the title in your post.",
	"days.talks.notes.lead":           "The sentence before the abstract; {speakers} becomes [Names](url). Write it as a | block when it starts with {speakers}.",
	"days.talks.notes.commentary":     "Your opinion, Markdown, printed after the abstract. Write it as a | block when it holds \": \" or \" #\".",
	"days.talks.notes.rating":         "Your rating, 1-5.",
	"days.talks.notes.tags":           "Your tags, a list ([sre, postmortems]); they become the post's front-matter tags.",
	"days.talks.notes.quote":          "How much of this talk's abstract the post quotes: full, first (its first paragraph) or none; overrides post.quote.",
}

// jsonObject is a JSON object written in its fields' order (encoding/json
// sorts a map's keys): the schema reads in the file's order.
type jsonObject []jsonField

type jsonField struct {
	name  string
	value any
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		// Not json.Marshal: it would write "<id>" as "\u003cid\u003e".
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(f.name); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := enc.Encode(f.value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
