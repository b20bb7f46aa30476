package yamlfile

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // time zone names resolve on machines without a zoneinfo database

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// Problem is one thing wrong (or, as a warning, doubtful) in a program file.
type Problem struct {
	File    string
	Line    int
	Col     int
	Msg     string
	Warning bool
}

func (p Problem) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	if p.Warning {
		s = fmt.Sprintf("%s:%d:%d: warning: %s", p.File, p.Line, p.Col, p.Msg)
	}
	return s
}

// InvalidError lists the problems that make a program file unusable.
type InvalidError struct {
	Problems []Problem // errors first, then warnings, each by position
}

func (e *InvalidError) Error() string {
	errs := e.Errors()
	if len(errs) == 0 {
		return "no problems"
	}
	msg := errs[0].String()
	if n := len(errs) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more; run confdigest check %s)", n, errs[0].File)
	}
	return msg
}

// Errors are the problems that are not warnings.
func (e *InvalidError) Errors() []Problem {
	var out []Problem
	for _, p := range e.Problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// The shape of a program file, in contract order: what each mapping may
// hold and what each value must be.
type shape struct {
	kind string // map, seq, str, bool, int, date, clock, format, quote, speakers, rating, tz, any
	keys []key  // for map; nil means any keys (front matter)
	elem *shape // for seq
}

type key struct {
	name     string
	shape    *shape
	required bool
}

var (
	strShape   = &shape{kind: "str"}
	boolShape  = &shape{kind: "bool"}
	clockShape = &shape{kind: "clock"}
	dateShape  = &shape{kind: "date"}
	anyMap     = &shape{kind: "map"}
	quoteShape = &shape{kind: "quote"}

	speakerShape = &shape{kind: "map", keys: []key{{"name", strShape, true}, {"affiliation", strShape, false}}}
	mediaShape   = &shape{kind: "map", keys: []key{{"paper", strShape, false}, {"slides", strShape, false}, {"video", strShape, false}, {"audio", strShape, false}}}
	talkNotes    = &shape{kind: "map", keys: []key{{"plan", boolShape, false}, {"attended", boolShape, false}, {"title", strShape, false}, {"quote", quoteShape, false}, {"lead", strShape, false}, {"commentary", strShape, false}, {"rating", &shape{kind: "rating"}, false}, {"tags", &shape{kind: "seq", elem: strShape}, false}}}
	talkShape    = &shape{kind: "map", keys: []key{
		{"id", strShape, true}, {"title", strShape, true}, {"url", strShape, false},
		{"start", clockShape, false}, {"end", clockShape, false},
		{"session", strShape, false}, {"track", strShape, false}, {"room", strShape, false},
		{"speakers", &shape{kind: "seq", elem: speakerShape}, false},
		{"award", strShape, false}, {"media", mediaShape, false}, {"withdrawn", boolShape, false},
		{"abstract", strShape, false}, {"notes", talkNotes, false},
	}}
	dayNotes  = &shape{kind: "map", keys: []key{{"title", strShape, false}, {"date", strShape, false}, {"front_matter", anyMap, false}, {"intro", strShape, false}, {"outro", strShape, false}}}
	dayShape  = &shape{kind: "map", keys: []key{{"date", dateShape, true}, {"notes", dayNotes, false}, {"talks", &shape{kind: "seq", elem: talkShape}, false}}}
	fileShape = &shape{kind: "map", keys: []key{
		{"conference", &shape{kind: "map", keys: []key{{"id", strShape, true}, {"name", strShape, false}, {"url", strShape, false}, {"timezone", &shape{kind: "tz"}, false}}}, true},
		{"post", &shape{kind: "map", keys: []key{{"format", &shape{kind: "format"}, false}, {"title", strShape, false}, {"wrap", &shape{kind: "int"}, false}, {"front_matter", anyMap, false}, {"summary", boolShape, false}, {"media", boolShape, false}, {"quote", quoteShape, false}, {"speakers_max", &shape{kind: "speakers"}, false}}}, false},
		{"days", &shape{kind: "seq", elem: dayShape}, true},
	}}
)

var clockRe = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

type validator struct {
	file     string
	problems []Problem
}

func (v *validator) add(n *yaml.Node, warn bool, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...), Warning: warn})
}

// Validate checks a parsed program file against the contract and returns
// every problem found; nil when there is none.
func Validate(doc *yaml.Node, file string) []Problem {
	v := &validator{file: file}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		v.add(root, false, "not a confdigest program file: want a mapping with conference and days, found %s", kindName(root))
		return v.problems
	}
	if mapValue(root, "conference") == nil && mapValue(root, "days") == nil && mapValue(root, "post") == nil {
		v.add(root, false, "not a confdigest program file: it has none of conference, post and days (run confdigest scrape URL to make one)")
		return v.problems
	}
	v.check(root, fileShape, "")
	v.crossChecks(root)
	sortProblems(v.problems)
	return v.problems
}

// sortProblems puts errors first, then warnings, each by position.
func sortProblems(problems []Problem) {
	sort.SliceStable(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if a.Warning != b.Warning {
			return !a.Warning
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

func (v *validator) check(n *yaml.Node, s *shape, path string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && s.kind != "str" && s.kind != "any" {
		return // "notes:" with nothing after it: the same as leaving it out
	}
	switch s.kind {
	case "map":
		if n.Kind != yaml.MappingNode {
			v.add(n, false, "%s: want a mapping (key: value lines), found %s", where(path), kindName(n))
			return
		}
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				v.add(k, false, "%q appears twice in %s (first at line %d); keep one of the two (merge their text into it) and delete the other", k.Value, where(path), prev.Line)
				continue
			}
			seen[k.Value] = k
			if s.keys == nil {
				continue
			}
			ks := findKey(s.keys, k.Value)
			if ks == nil {
				v.add(k, false, "unknown key %q%s", k.Value, suggest(k.Value, s.keys))
				continue
			}
			if ks.required && val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				v.add(val, false, "%s: a value is needed here", k.Value)
				continue
			}
			v.check(val, ks.shape, join(path, k.Value))
		}
		if s == talkShape && seen["title"] == nil && onlyNotes(n) {
			// Notes typed in for a talk the program does not have.
			v.add(n, false, "no talk with id %q in the program (ids come from the program page; notes go under an existing talk)", scalarOf(mapValue(n, "id")))
			return
		}
		for _, ks := range s.keys {
			if ks.required && seen[ks.name] == nil {
				v.add(n, false, "%q is missing in %s", ks.name, element(path))
			}
		}
	case "seq":
		if n.Kind != yaml.SequenceNode {
			v.add(n, false, "%s: want a list (lines starting with \"- \"), found %s", where(path), kindName(n))
			return
		}
		for _, c := range n.Content {
			v.check(c, s.elem, path)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			if s.kind == "str" && n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0 && len(n.Content) == 2 && n.Content[0].Line == n.Line && n.Content[0].Column == n.Column {
				// "b: c" in [a, b: c]: a pair with no { } around it.
				item := n.Content[0].Value + ": " + scalarOf(n.Content[1])
				v.add(n, false, "%s: a colon followed by a space makes this item a key and a value, not text; put the item in quotes (%s)", where(path), doubleQuote(item))
				return
			}
			if n.Style&yaml.FlowStyle != 0 && s.kind == "str" {
				open := map[yaml.Kind]string{yaml.MappingNode: "{", yaml.SequenceNode: "["}[n.Kind]
				v.add(n, false, "%s: a value starting with %s is read as %s, not as text; put the whole value in quotes", where(path), open, kindName(n))
				return
			}
			if s.kind == "str" && n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Line == n.Content[1].Line {
				v.add(n.Content[0], false, "%s: a colon followed by a space makes this a key and a value, not text; put the whole value in quotes", where(path))
				return
			}
			v.add(n, false, "%s: want a single value, found %s; check the indentation of the lines under it", where(path), kindName(n))
			return
		}
		v.scalar(n, s.kind, path)
	}
}

func (v *validator) scalar(n *yaml.Node, kind, path string) {
	val := n.Value
	switch kind {
	case "bool":
		if n.Tag != "!!bool" {
			v.add(n, false, "%s: want true or false, found %q", where(path), val)
		}
	case "int":
		var i int
		if n.Tag != "!!int" || n.Decode(&i) != nil || i < 0 {
			v.add(n, false, "%s: want a whole number of columns (0 for no wrapping), found %q", where(path), val)
		}
	case "quote":
		if !slices.Contains(program.QuoteModes, val) {
			v.add(n, false, "%s: want full (the whole abstract), first (its first paragraph) or none, found %q", where(path), val)
		}
	case "speakers":
		var i int
		if n.Tag != "!!int" || n.Decode(&i) != nil || i < 1 {
			v.add(n, false, "%s: want how many speakers a lead names, 1 or more (leave it out to name them all), found %q", where(path), val)
		}
	case "rating":
		var i int
		if n.Tag != "!!int" || n.Decode(&i) != nil || i < 1 || i > 5 {
			v.add(n, false, "%s: want a rating from 1 to 5, found %q", where(path), val)
		}
	case "date":
		if _, err := time.Parse(time.DateOnly, val); err != nil {
			v.add(n, false, "%s: want a date as YYYY-MM-DD, found %q", where(path), val)
		}
	case "clock":
		if !clockRe.MatchString(val) {
			v.add(n, false, "%s: want a time as \"HH:MM\" (24 h, quoted), found %q", where(path), val)
		}
	case "tz":
		if _, err := time.LoadLocation(val); err != nil || val == "" || val == "Local" {
			v.add(n, false, "%s: %q is not a time zone name; use an IANA name such as Europe/Dublin or America/Los_Angeles", where(path), val)
		}
	case "format":
		if !slices.Contains(program.PostFormats, val) {
			mean, bestD := "", 3 // a format two edits away or nearer
			for _, f := range program.PostFormats {
				if d := distance(strings.ToLower(val), f); d < bestD {
					mean, bestD = fmt.Sprintf(" (did you mean %q?)", f), d
				}
			}
			v.add(n, false, "%s: want %s or %s, found %q%s", where(path),
				strings.Join(program.PostFormats[:len(program.PostFormats)-1], ", "), program.PostFormats[len(program.PostFormats)-1], val, mean)
		}
	case "str":
		if n.Tag == "!!null" && n.Value != "" {
			return
		}
	}
}

// crossChecks: what no single value shows: ids unique over the file, a talk
// ending before it starts, notes kept on a withdrawn talk.
func (v *validator) crossChecks(root *yaml.Node) {
	v.frontMatterValues(root)
	v.clockChanges(root)
	v.placeholders(root)
	days := mapValue(root, "days")
	if days == nil || days.Kind != yaml.SequenceNode {
		return
	}
	ids := map[string]*yaml.Node{}
	dates := map[string]*yaml.Node{}
	for _, day := range days.Content {
		v.overlaps(day)
		if d := mapValue(day, "date"); d != nil && d.Kind == yaml.ScalarNode && d.Value != "" {
			if prev, dup := dates[d.Value]; dup {
				v.add(d, false, "day %s is listed twice (first at line %d): put its talks under one entry", d.Value, prev.Line)
			} else {
				dates[d.Value] = d
			}
		}
		talks := mapValue(day, "talks")
		if talks == nil || talks.Kind != yaml.SequenceNode {
			continue
		}
		for _, t := range talks.Content {
			if t.Kind != yaml.MappingNode {
				continue
			}
			if id := mapValue(t, "id"); id != nil && id.Kind == yaml.ScalarNode {
				if prev, dup := ids[id.Value]; dup {
					v.add(id, false, "talk id %q is used twice (first at line %d): ids must be unique", id.Value, prev.Line)
				} else {
					ids[id.Value] = id
				}
			}
			start, end := mapValue(t, "start"), mapValue(t, "end")
			// 23:30-00:30 runs past midnight; 10:00-09:30 is a mistake.
			if start != nil && end != nil && clockRe.MatchString(start.Value) && clockRe.MatchString(end.Value) &&
				!program.ValidRange(start.Value, end.Value) {
				v.add(end, false, "talk ends (%s) before it starts (%s)", end.Value, start.Value)
			}
			if w := mapValue(t, "withdrawn"); w != nil && w.Value == "true" && mapValue(t, "notes") != nil {
				id := mapValue(t, "id")
				name := ""
				if id != nil {
					name = id.Value
				}
				v.add(w, true, "talk %q was withdrawn from the program; your notes on it are kept", name)
			}
		}
	}
}

// frontMatterValues: what a post's front matter cannot hold, whatever
// flavour digest writes (--format may choose another than post.format).
// TOML (hugo, the default) has no null inside a list ("tags: [a, ~]"): a
// key without a value is written as an empty string, but an item of a list
// has no such reading. Its keys are names: a nested key that is a number,
// true or null ({params: {1: one}}) cannot be written, nor can a list or
// mapping as a key at any level.
func (v *validator) frontMatterValues(root *yaml.Node) {
	post := mapValue(root, "post")
	var walk func(n *yaml.Node, inList, top bool)
	walk = func(n *yaml.Node, inList, top bool) {
		if n == nil {
			return
		}
		if inList && n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			v.add(n, false, "a list in front_matter holds a null, which a hugo post's TOML front matter cannot: give it a value or remove it")
		}
		for i, c := range n.Content {
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				v.frontMatterKey(c, top)
				continue
			}
			walk(c, n.Kind == yaml.SequenceNode, false)
		}
	}
	walk(mapValue(post, "front_matter"), false, true)
	if days := mapValue(root, "days"); days != nil {
		for _, d := range days.Content {
			walk(mapValue(mapValue(d, "notes"), "front_matter"), false, true)
		}
	}
}

// frontMatterKey: a key of front_matter is a name. Those of front_matter
// itself are read as strings (1 is "1"); nested ones are kept as typed,
// and a TOML front matter cannot write one that is not a string.
func (v *validator) frontMatterKey(k *yaml.Node, top bool) {
	switch {
	case k.Kind != yaml.ScalarNode:
		v.add(k, false, "front_matter: %s as a key: front-matter keys are names; write one in quotes", strings.TrimPrefix(kindName(k), "a "))
	case !top && k.ShortTag() != "!!str":
		v.add(k, false, "front_matter: the key %s is %s, not a name, which a hugo post's TOML front matter cannot write: quote it (\"%s\")", k.Value, scalarKind(k), k.Value)
	}
}

// scalarKind names what a plain scalar reads as.
func scalarKind(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a true/false value"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a date"
	}
	return "not a string"
}

// overlaps warns of talks the user counts on at the same time on a day,
// by the rule agenda shows (program.Day.Clashes): papers of one session are no
// clash, a missed talk clashes with nothing. One warning per talk, naming
// the first talk it clashes with.
func (v *validator) overlaps(day *yaml.Node) {
	// What the rule reads, from the tree as it is (the file may not
	// decode as a whole), of the talks the user counts on only: a large
	// program has few.
	var talks []program.Talk
	var nodes []*yaml.Node
	late := false
	for _, t := range seqOf(mapValue(day, "talks")) {
		start, end := scalarOf(mapValue(t, "start")), scalarOf(mapValue(t, "end"))
		late = late || !program.AfterMidnight(start) && clockRe.MatchString(start)
		notes := mapValue(t, "notes")
		plan, attended := scalarOf(mapValue(notes, "plan")), scalarOf(mapValue(notes, "attended"))
		if plan != "true" && attended != "true" {
			continue // counts on nothing, whatever else it says
		}
		if !clockRe.MatchString(start) || !clockRe.MatchString(end) {
			continue
		}
		talks = append(talks, program.Talk{Title: scalarOf(mapValue(t, "title")), Start: start, End: end,
			Session: scalarOf(mapValue(t, "session")), Track: scalarOf(mapValue(t, "track")), Room: scalarOf(mapValue(t, "room")),
			Notes: &program.TalkNotes{Plan: plan == "true", Attended: attended == "true", Missed: attended == "false"}})
		nodes = append(nodes, t)
	}
	// A warning at each talk that clashes with one before it in the file's
	// time order: one a clash between two, at the later.
	clash := program.Clashes(talks, program.ClockFor(late))
	clock := program.ClockFor(late)
	for b, a := range clash {
		if a < 0 || clock(talks[a].Start) > clock(talks[b].Start) || clock(talks[a].Start) == clock(talks[b].Start) && a > b {
			continue
		}
		// Every command prints it: one short line, the file's line says where.
		v.add(nodes[b], true, "%q clashes with %q (%s–%s)",
			shortTitle(talks[b].Title), shortTitle(talks[a].Title), talks[a].Start, talks[a].End)
	}
}

// shortTitle is a title cut to 30 characters, the last one "…".
func shortTitle(s string) string {
	const n = 30
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// onlyNotes: a talk mapping with an id and notes, and nothing else.
func onlyNotes(talk *yaml.Node) bool {
	if len(talk.Content) != 4 {
		return false
	}
	return mapValue(talk, "id") != nil && mapValue(talk, "notes") != nil
}

func mapValue(m *yaml.Node, name string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i+1]
		}
	}
	return nil
}

func findKey(keys []key, name string) *key {
	for i := range keys {
		if keys[i].name == name {
			return &keys[i]
		}
	}
	return nil
}

// where names the place of a problem: the key it is under (the line and
// column say which one).
func where(path string) string {
	if path == "" {
		return "the program file"
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// element names the mapping a required key is missing from.
func element(path string) string {
	switch w := where(path); w {
	case "talks":
		return "this talk"
	case "days":
		return "this day"
	case "speakers":
		return "this speaker"
	default:
		return w
	}
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// suggest names the known key nearest to a mistyped one.
func suggest(got string, keys []key) string {
	best, bestD := "", 1<<30
	for _, k := range keys {
		if d := distance(strings.ToLower(got), k.name); d < bestD {
			best, bestD = k.name, d
		}
	}
	if best == "" || bestD > max(2, len(got)/3) {
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.name
		}
		return " (known keys: " + strings.Join(names, ", ") + ")"
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// titlePlaceholders are what digest fills in post.title and a day's
// notes.title; leadPlaceholders what it fills in a talk's lead.
var (
	titlePlaceholders = []string{"conference", "day", "date"}
	leadPlaceholders  = []string{"speakers"}
	placeholderRe     = regexp.MustCompile(`\{([A-Za-z_]+)\}`)
)

// placeholders: a {word} in a title that digest does not fill would be
// published as written, in the title and the file name: an error. (The
// user's own text is looked at by the linter, which knows the lines.)
func (v *validator) placeholders(root *yaml.Node) {
	v.placeholdersIn(mapValue(mapValue(root, "post"), "title"), "post.title")
	for _, d := range seqOf(mapValue(root, "days")) {
		v.placeholdersIn(mapValue(mapValue(d, "notes"), "title"), "notes.title")
	}
}

func (v *validator) placeholdersIn(n *yaml.Node, field string) {
	for _, u := range unfilled(n, field, titlePlaceholders, false) {
		at := placeholderPos(n, u.off)
		v.problems = append(v.problems, Problem{File: v.file, Line: at.Line, Col: at.Column, Msg: u.msg})
	}
}

// unfilledPlaceholder is a {word} at byte off of a value that digest
// leaves as written, and what to say of it.
type unfilledPlaceholder struct {
	off int
	msg string
}

// unfilled are the {word}s of n (a field whose placeholders are known)
// that digest does not fill. In the user's own text (warn), braces may be
// meant: only a word near a placeholder is named, with the one meant.
func unfilled(n *yaml.Node, field string, known []string, warn bool) []unfilledPlaceholder {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return nil
	}
	var out []unfilledPlaceholder
	all := append(append([]string{}, titlePlaceholders...), leadPlaceholders...)
	for _, m := range placeholderRe.FindAllStringSubmatchIndex(n.Value, -1) {
		word := n.Value[m[2]:m[3]]
		if slices.Contains(known, word) {
			continue
		}
		best, bestD := "", 1<<30
		for _, p := range all {
			if d := distance(strings.ToLower(word), p); d < bestD {
				best, bestD = p, d
			}
		}
		near := bestD <= max(2, len(word)/3) && (bestD > 0 || !slices.Contains(known, best))
		if warn && !near {
			continue // the user's own braces
		}
		var msg string
		switch {
		// Worded to fit 80 columns after "file:line:col: warning: ".
		case bestD == 0:
			msg = fmt.Sprintf("{%s} is not filled in a %s", word, field)
		case near && warn:
			msg = fmt.Sprintf("{%s} is printed as is (did you mean {%s}?)", word, best)
		case near:
			msg = fmt.Sprintf("%s: unknown placeholder {%s} (did you mean {%s}?)", field, word, best)
		default:
			msg = fmt.Sprintf("%s: {%s} is no placeholder (%s)", field, word, braced(known))
		}
		out = append(out, unfilledPlaceholder{m[0], msg})
	}
	return out
}

// braced is {a} {b} {c}.
func braced(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "{" + w + "}"
	}
	return strings.Join(out, " ")
}

// placeholderPos is where byte off of n's value stands in the file, as far
// as the node tells: at its column in a one-line value whose text is as
// read, else at the value.
func placeholderPos(n *yaml.Node, off int) yaml.Node {
	before := n.Value[:off]
	switch {
	case n.Style == 0 && !strings.Contains(before, "\n"):
		return yaml.Node{Line: n.Line, Column: n.Column + len([]rune(before))}
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && !strings.ContainsAny(before, "\n\\\"'"):
		return yaml.Node{Line: n.Line, Column: n.Column + 1 + len([]rune(before))}
	}
	return yaml.Node{Line: n.Line, Column: n.Column}
}
