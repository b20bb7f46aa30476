package yamlfile

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/confdigest/confdigest/program"
	"gopkg.in/yaml.v3"
)

// scrapedTalkKeys are the talk keys a scrape owns, in contract order.
var scrapedTalkKeys = []string{"id", "title", "url", "start", "end", "session", "track", "room",
	"speakers", "award", "media", "withdrawn", "abstract"}

// MergeResult is the outcome of merging a fresh scrape into a program file.
type MergeResult struct {
	Data    []byte   // the new file; the old bytes when nothing changed
	Changed bool     // false: the program is what the file says already
	Report  []string // what changed, one line per talk
	Before  int      // talks in the file, withdrawn ones aside
	Gone    int      // of those, how many left the program
	// Program is what Data holds: withdrawn talks kept for their notes
	// are in it, not in the fresh program.
	Program *program.Program
}

// MergeOptions adjust a merge.
type MergeOptions struct {
	// KeepDetails names talks whose presentation pages were not read this
	// time (not asked for, or failed): they keep the abstract, speakers and
	// media links an earlier run put in the file where the fresh program
	// has none, and its exact time where that lies within the fresh slot.
	KeepDetails map[string]bool
}

// MergeFile refreshes the program file old (named name in messages) with a
// fresh scrape. It works on the file's YAML tree, so everything the user
// wrote survives as written: post, every notes mapping (values, key order,
// block styles) and every comment. Talks are matched by id: their scraped
// keys are refreshed in place, a talk that moved to another day moves with
// its notes, new talks come in the page's order. A talk gone from the page
// is dropped, unless the user wrote in it (notes or a comment): then it is
// kept with withdrawn: true, in time order. A day gone from the page is
// kept likewise when the user wrote in it. A file that fails validation is
// an *InvalidError and nothing is merged.
func MergeFile(old []byte, name string, fresh *program.Program, opt MergeOptions) (*MergeResult, error) {
	f, err := Load(old, name)
	if err != nil {
		return nil, err
	}
	return f.Merge(fresh, opt)
}

// File is a program file read and checked once, to be merged into: a
// re-scrape checks the file before any request and merges into the same
// tree, without reading it again.
type File struct {
	data []byte
	name string
	prog *program.Program
	doc  *yaml.Node
	// warnings are the file's problems that are not errors.
	warnings []Problem
}

// Load reads and checks a program file (named name in messages); a file
// that fails the check is an *InvalidError.
func Load(data []byte, name string) (*File, error) {
	prog, doc, problems := parse(data, name)
	if hasErrors(problems) {
		return nil, &InvalidError{Problems: problems}
	}
	return &File{data: data, name: name, prog: prog, doc: doc, warnings: problems}, nil
}

// Warnings are what check warns of in the file, by position.
func (f *File) Warnings() []Problem { return f.warnings }

// Program is what the file holds. It is the file's own: do not change it.
func (f *File) Program() *program.Program { return f.prog }

// Merge is MergeFile on a loaded file. A File merges once: the merge
// changes its tree.
func (f *File) Merge(fresh *program.Program, opt MergeOptions) (*MergeResult, error) {
	if f.doc == nil {
		return nil, fmt.Errorf("%s: merged once already", f.name)
	}
	old, name, oldProg, doc := f.data, f.name, f.prog, f.doc
	f.doc = nil
	var problems []Problem
	if len(opt.KeepDetails) > 0 {
		keepDetails(fresh, oldProg, opt.KeepDetails)
	}
	if sameScraped(oldProg, fresh) {
		// Nothing the scrape owns changed: the file stays as it is, and
		// there is no tree to merge, write and read back.
		return &MergeResult{Data: old, Before: oldProg.TalkCount(), Program: oldProg}, nil
	}
	freshDoc, err := programNode(fresh)
	if err != nil {
		return nil, err
	}
	pr := newPreserver(bytes.TrimPrefix(old, []byte("\xef\xbb\xbf")), doc) // before the merge moves anything
	pr.moveGapComments(doc.Content[0])
	m := &merger{old: oldProg, fresh: fresh, touched: pr.touched, swallowed: swallowedFields(old, doc, name)}
	pr.keepSwallowed(doc, m.swallowed)
	root := doc.Content[0]
	m.conference(root, mapValue(freshDoc, "conference"))
	m.days(root, fresh, mapValue(freshDoc, "days"))
	if m.err != nil {
		return nil, m.err
	}

	problems = Validate(doc, name)
	merged, err := decode(doc)
	if hasErrors(problems) {
		return nil, fmt.Errorf("%s: merging produced an invalid file (%v); nothing was changed", name, &InvalidError{problems})
	}
	if err != nil {
		return nil, fmt.Errorf("%s: merging produced an unreadable file (%v); nothing was changed", name, err)
	}
	res := &MergeResult{Data: old, Report: m.report, Before: m.before, Gone: m.gone, Program: merged}
	if reflect.DeepEqual(merged, oldProg) {
		return res, nil
	}
	res.Changed = true
	// The user's layout is kept where the spliced text reads back to the
	// merged tree.
	data, err := encodeDoc(doc, pr)
	var back yaml.Node
	if err == nil && yaml.Unmarshal(data, &back) == nil && len(back.Content) == 1 {
		linesOf(data, back.Content[0]).moveGapComments(back.Content[0])
	}
	if err == nil && len(back.Content) == 1 && sameContent(&back, doc) {
		res.Data = keepLineEnds(old, data)
		return res, nil
	}
	// yaml.v3 would read a comment of the spliced text back elsewhere:
	// write the tree whole.
	if res.Data, err = encodeDoc(doc, nil); err != nil {
		return nil, err
	}
	res.Data = keepLineEnds(old, res.Data)
	return res, nil
}

type merger struct {
	old, fresh   *program.Program
	report       []string
	before, gone int
	touched      map[*yaml.Node]bool // talks and days changed in place
	// swallowed are scraped values holding text the user wrote by
	// mistake: replacing one is refused (err), a talk with one is kept.
	swallowed map[*yaml.Node]Problem
	err       error
}

// refuses sets m.err when the refresh of talk t from fresh would replace
// a value that holds the user's text.
func (m *merger) refuses(t, fresh *yaml.Node) bool {
	for _, k := range scrapedTalkKeys {
		ov := mapValue(t, k)
		p, ok := m.swallowed[ov]
		if !ok {
			continue
		}
		if fv := mapValue(fresh, k); fv == nil || !sameValue(ov, fv) {
			if m.err == nil {
				m.err = &SwallowedError{Problem: p, Would: "the re-scrape would replace " + k + " and lose it"}
			}
			return true
		}
	}
	return false
}

// holdsUserText: one of t's scraped values holds text the user wrote.
func (m *merger) holdsUserText(t *yaml.Node) bool {
	for i := 1; i < len(t.Content); i += 2 {
		if _, ok := m.swallowed[t.Content[i]]; ok {
			return true
		}
	}
	return false
}

func (m *merger) note(format string, args ...any) {
	m.report = append(m.report, fmt.Sprintf(format, args...))
}

// conference refreshes id, name and url; the time zone only when the file
// has none (the user may have set it).
func (m *merger) conference(root, fresh *yaml.Node) {
	conf := mapValue(root, "conference")
	for _, k := range []string{"id", "name", "url", "timezone"} {
		fv := mapValue(fresh, k)
		if fv == nil || k == "timezone" && mapValue(conf, k) != nil {
			continue
		}
		setKey(conf, k, fv, []string{"id", "name", "url", "timezone"})
	}
}

type oldTalk struct {
	node *yaml.Node
	date string
	talk *program.Talk
}

func (m *merger) days(root *yaml.Node, fresh *program.Program, freshDays *yaml.Node) {
	daysNode := mapValue(root, "days")
	if daysNode == nil || daysNode.Kind != yaml.SequenceNode {
		daysNode = &yaml.Node{Kind: yaml.SequenceNode}
		setKey(root, "days", daysNode, []string{"conference", "post", "days"})
	}
	oldDays := map[string]*yaml.Node{}
	oldTalks := map[string]oldTalk{}
	oldDayTalks := make([][]*yaml.Node, len(daysNode.Content)) // before any is moved
	for di, d := range daysNode.Content {
		date := m.old.Days[di].Date
		oldDays[date] = d
		oldDayTalks[di] = append([]*yaml.Node(nil), seqOf(mapValue(d, "talks"))...)
		for ti, t := range oldDayTalks[di] {
			talk := &m.old.Days[di].Talks[ti]
			oldTalks[talk.ID] = oldTalk{t, date, talk}
		}
	}

	seen := map[string]bool{}
	var out []*yaml.Node
	var outDates []string
	for di, fd := range freshDays.Content {
		day := &fresh.Days[di]
		node := oldDays[day.Date]
		if node == nil {
			node = fd
		}
		var talks []*yaml.Node
		for ti, ft := range seqOf(mapValue(fd, "talks")) {
			t := &day.Talks[ti]
			seen[t.ID] = true
			was, ok := oldTalks[t.ID]
			if !ok {
				m.note("added %s: %s", t.ID, t.Title)
				talks = append(talks, ft)
				continue
			}
			m.report = append(m.report, changes(was.date, was.talk, day.Date, t, m.mediaShown())...)
			if !m.refuses(was.node, ft) && refreshTalk(was.node, ft) {
				m.touched[was.node] = true
			}
			talks = append(talks, was.node)
		}
		out = append(out, node)
		outDates = append(outDates, day.Date)
		setTalks(node, talks)
	}

	// What left the page: kept where the user wrote in it.
	for di, d := range daysNode.Content {
		date := m.old.Days[di].Date
		var kept []*yaml.Node
		for ti, t := range oldDayTalks[di] {
			talk := &m.old.Days[di].Talks[ti]
			if !talk.Withdrawn {
				m.before++
			}
			if seen[talk.ID] {
				continue
			}
			if !talk.Withdrawn {
				m.gone++
			}
			if !userContent(t) && !m.holdsUserText(t) {
				m.note("dropped %s: gone from the program", talk.ID)
				continue
			}
			if !talk.Withdrawn {
				m.note("withdrawn %s: gone from the program; kept for what you wrote in it", talk.ID)
			}
			if scalarOf(mapValue(t, "withdrawn")) != "true" {
				setKey(t, "withdrawn", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}, append(scrapedTalkKeys, "notes"))
				m.touched[t] = true
			}
			kept = append(kept, t)
		}
		i := indexOf(outDates, date)
		if i < 0 {
			if len(kept) == 0 && !dayHasUserContent(d) {
				continue
			}
			setTalks(d, nil)
			m.touched[d] = true
			out = append(out, d)
			outDates = append(outDates, date)
			i = len(out) - 1
		}
		for _, t := range kept {
			insertByTime(out[i], t)
		}
	}
	sort.Stable(byDate{out, outDates})
	daysNode.Content = out
}

// refreshTalk updates the scraped keys of an old talk node from a fresh one,
// in place: user keys, key order and comments stay. A value that did not
// change keeps its node, comments and all. It reports whether anything did.
func refreshTalk(old, fresh *yaml.Node) bool {
	changed := false
	for _, k := range scrapedTalkKeys {
		fv := mapValue(fresh, k)
		ov := mapValue(old, k)
		switch {
		case fv == nil && ov != nil:
			removeKey(old, k)
			changed = true
		case fv != nil && (ov == nil || !sameValue(ov, fv)):
			setKey(old, k, fv, append(scrapedTalkKeys, "notes"))
			changed = true
		}
	}
	return changed
}

// setKey sets m[k] = v. An existing value is replaced, its comments moved
// onto v; a new key goes after the last key that precedes it in order.
func setKey(m *yaml.Node, k string, v *yaml.Node, order []string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			old := m.Content[i+1]
			keepComments(old, v)
			m.Content[i+1] = v
			return
		}
	}
	rank := indexOf(order, k)
	at := 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		if r := indexOf(order, m.Content[i].Value); r >= 0 && r < rank {
			at = i + 2
		}
	}
	kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
	m.Content = append(m.Content[:at], append([]*yaml.Node{kn, v}, m.Content[at:]...)...)
}

// removeKey deletes k; comments on it move to the next key, or the last
// value's foot.
func removeKey(m *yaml.Node, k string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != k {
			continue
		}
		comments := collectComments(m.Content[i], m.Content[i+1])
		m.Content = append(m.Content[:i], m.Content[i+2:]...)
		if comments == "" {
			return
		}
		switch {
		case i < len(m.Content):
			m.Content[i].HeadComment = joinComments(comments, m.Content[i].HeadComment)
		case len(m.Content) > 0:
			last := m.Content[len(m.Content)-2]
			last.FootComment = joinComments(last.FootComment, comments)
		default:
			m.FootComment = joinComments(m.FootComment, comments)
		}
		return
	}
}

// keepComments carries every comment of a replaced value onto its
// replacement: on the same node when the shape allows, else above it.
func keepComments(old, repl *yaml.Node) {
	if old.Kind == yaml.ScalarNode || repl.Kind != old.Kind {
		if c := collectComments(old); c != "" {
			if repl.Kind == yaml.ScalarNode && old.Kind == yaml.ScalarNode && strings.Count(c, "\n") == 0 && old.HeadComment == "" && old.FootComment == "" {
				repl.LineComment = c
			} else {
				repl.HeadComment = joinComments(c, repl.HeadComment)
			}
		}
		return
	}
	repl.HeadComment = joinComments(old.HeadComment, repl.HeadComment)
	repl.LineComment = joinComments(old.LineComment, repl.LineComment)
	repl.FootComment = joinComments(repl.FootComment, old.FootComment)
	var inner []string
	for _, c := range old.Content {
		if s := collectComments(c); s != "" {
			inner = append(inner, s)
		}
	}
	if len(inner) > 0 {
		repl.FootComment = joinComments(repl.FootComment, strings.Join(inner, "\n"))
	}
}

func collectComments(nodes ...*yaml.Node) string {
	var out []string
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			if c != "" {
				out = append(out, c)
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return strings.Join(out, "\n")
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// sameValue compares what two nodes say, not how they say it.
func sameValue(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode {
		return a.Value == b.Value || strings.TrimRight(a.Value, "\n") == strings.TrimRight(b.Value, "\n") && a.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	}
	for i := range a.Content {
		if !sameValue(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// userContent: the user wrote in this talk (notes or a comment anywhere).
func userContent(t *yaml.Node) bool {
	return mapValue(t, "notes") != nil || collectComments(t) != ""
}

func dayHasUserContent(d *yaml.Node) bool {
	if mapValue(d, "notes") != nil {
		return true
	}
	for i := 0; i+1 < len(d.Content); i += 2 {
		if d.Content[i].Value != "talks" && collectComments(d.Content[i], d.Content[i+1]) != "" {
			return true
		}
	}
	return d.HeadComment != "" || d.LineComment != "" || d.FootComment != ""
}

func setTalks(day *yaml.Node, talks []*yaml.Node) {
	seq := mapValue(day, "talks")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		seq = &yaml.Node{Kind: yaml.SequenceNode}
		setKey(day, "talks", seq, []string{"date", "notes", "talks"})
	}
	seq.Content = talks
	blockStyle(seq)
}

// blockStyle writes a list that holds talks in block style: an empty one
// was written "[]", and talks in flow style would lose their block scalars.
func blockStyle(seq *yaml.Node) {
	if len(seq.Content) > 0 {
		seq.Style &^= yaml.FlowStyle
	}
}

// insertByTime puts a kept talk after the last talk of the day that starts
// no later than it; without a start, at the end.
func insertByTime(day, talk *yaml.Node) {
	seq := mapValue(day, "talks")
	start := scalarOf(mapValue(talk, "start"))
	at := len(seq.Content)
	if start != "" {
		at = 0
		for i, t := range seq.Content {
			if s := scalarOf(mapValue(t, "start")); s == "" || s <= start {
				at = i + 1
			}
		}
	}
	seq.Content = append(seq.Content[:at], append([]*yaml.Node{talk}, seq.Content[at:]...)...)
	blockStyle(seq)
}

func seqOf(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func scalarOf(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return n.Value
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

type byDate struct {
	nodes []*yaml.Node
	dates []string
}

func (b byDate) Len() int           { return len(b.nodes) }
func (b byDate) Less(i, j int) bool { return b.dates[i] < b.dates[j] }
func (b byDate) Swap(i, j int) {
	b.nodes[i], b.nodes[j] = b.nodes[j], b.nodes[i]
	b.dates[i], b.dates[j] = b.dates[j], b.dates[i]
}

// mediaShown: posts show a talk's media links (post.media: true), so media
// added to a talk in a post changes the post.
func (m *merger) mediaShown() bool { return m.old.Post != nil && m.old.Post.Media }

// changes describes how a talk differs between two scrapes; media says
// whether posts show media links.
func changes(oldDate string, was *program.Talk, newDate string, now *program.Talk, media bool) []string {
	var out []string
	placed := was.Start != "" || was.Room != "" // a talk typed in by hand has no place to move from
	if oldDate != newDate || placed && (was.Start != now.Start || was.End != now.End || was.Room != now.Room) {
		out = append(out, fmt.Sprintf("moved %s: %s -> %s", now.ID, place(oldDate, was), place(newDate, now)))
	}
	if was.Title != now.Title {
		out = append(out, fmt.Sprintf("retitled %s: %q -> %q", now.ID, was.Title, now.Title))
	}
	if speakerList(was.Speakers) != speakerList(now.Speakers) {
		out = append(out, fmt.Sprintf("speakers changed %s: %s -> %s", now.ID, speakerList(was.Speakers), speakerList(now.Speakers)))
	}
	var added []string
	for _, k := range [][3]string{{"paper", was.Media.Paper, now.Media.Paper}, {"slides", was.Media.Slides, now.Media.Slides},
		{"video", was.Media.Video, now.Media.Video}, {"audio", was.Media.Audio, now.Media.Audio}} {
		if k[1] == "" && k[2] != "" {
			added = append(added, k[0])
		}
	}
	if len(added) > 0 {
		line := fmt.Sprintf("media added %s: %s", now.ID, strings.Join(added, ", "))
		if media && was.Included() {
			line += fmt.Sprintf(" (in your post of %s: digest writes it again)", newDate)
		}
		out = append(out, line)
	}
	// Everything else a scrape refreshes, named so that a hand edit to a
	// scraped field does not vanish unnoticed.
	var other []string
	for _, f := range [][3]string{{"url", was.URL, now.URL}, {"session", was.Session, now.Session},
		{"track", was.Track, now.Track}, {"award", was.Award, now.Award}, {"abstract", was.Abstract, now.Abstract}} {
		if f[1] != f[2] {
			other = append(other, f[0])
		}
	}
	if !mediaOnlyAdded(was.Media, now.Media) {
		other = append(other, "media")
	}
	if len(other) > 0 {
		out = append(out, fmt.Sprintf("updated %s: %s", now.ID, strings.Join(other, ", ")))
	}
	return out
}

// mediaOnlyAdded: every link the old media had is still there, unchanged.
func mediaOnlyAdded(was, now program.Media) bool {
	kept := func(a, b string) bool { return a == "" || a == b }
	return kept(was.Paper, now.Paper) && kept(was.Slides, now.Slides) && kept(was.Video, now.Video) && kept(was.Audio, now.Audio)
}

// place is where and when a talk is: "2026-03-18 09:00-09:45 Main Hall".
func place(date string, t *program.Talk) string {
	parts := []string{date}
	if t.Start != "" || t.End != "" {
		parts = append(parts, t.Start+"-"+t.End)
	}
	if t.Room != "" {
		parts = append(parts, t.Room)
	}
	return strings.Join(parts, " ")
}

func speakerList(sp []program.Speaker) string {
	if len(sp) == 0 {
		return "(none)"
	}
	names := make([]string, len(sp))
	for i, s := range sp {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// keepDetails: a talk whose presentation page was not read keeps what an
// earlier run put in the file (old), where fresh has less.
func keepDetails(fresh, old *program.Program, keep map[string]bool) {
	prev := map[string]*program.Talk{}
	for di := range old.Days {
		for ti := range old.Days[di].Talks {
			prev[old.Days[di].Talks[ti].ID] = &old.Days[di].Talks[ti]
		}
	}
	for di := range fresh.Days {
		for ti := range fresh.Days[di].Talks {
			t := &fresh.Days[di].Talks[ti]
			o := prev[t.ID]
			if !keep[t.ID] || o == nil {
				continue
			}
			if o.Start != "" && o.End != "" && (t.Start == "" || t.Start <= o.Start && o.End <= t.End) {
				t.Start, t.End = o.Start, o.End // a talk's own time within its session's slot
			}
			if t.Abstract == "" {
				t.Abstract = o.Abstract
			}
			if len(t.Speakers) == 0 {
				t.Speakers = o.Speakers
			}
			t.Media.Fill(o.Media)
		}
	}
}

// sameScraped: fresh says what the file says already, in the same order,
// with no talk kept as withdrawn; the user's notes and post aside.
func sameScraped(old, fresh *program.Program) bool {
	oc, fc := old.Conference, fresh.Conference
	if oc.ID != fc.ID || oc.Name != fc.Name || oc.URL != fc.URL || oc.Timezone == "" && fc.Timezone != "" || len(old.Days) != len(fresh.Days) {
		return false
	}
	for i := range old.Days {
		od, fd := &old.Days[i], &fresh.Days[i]
		if od.Date != fd.Date || len(od.Talks) != len(fd.Talks) {
			return false
		}
		for j := range od.Talks {
			o, f := od.Talks[j], fd.Talks[j]
			if o.Withdrawn {
				return false
			}
			o.Notes, f.Notes = nil, nil
			if !reflect.DeepEqual(o, f) {
				return false
			}
		}
	}
	return true
}

// Text is the text the file was loaded from.
func (f *File) Text() []byte { return f.data }
