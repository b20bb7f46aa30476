package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

const markHelp = `usage: confdigest mark [flags] FILE ID...

Mark sets your notes on talks without opening an editor: what you plan to
see, what you attended or missed, a rating and tags. Only the notes of
those talks change in the file: every other line, comment and blank line
stays as it was.

An ID may be a talk's whole id or the start of one that no other id
shares, in any case (agenda shows such starts); --search picks the one
talk whose title, speakers or abstract contain the text. Every mark can
be taken back: --unplan, --unmark, --rating 0, --untag.

The flags are:

	--plan, --unplan
		plan to see the talk (plan: true), or not (the plan line goes;
		notes a take-back leaves empty go too)
	--attended
		you saw it (attended: true): its day's post will show it
	--missed
		you did not (attended: false); a plan stays, so ical and the
		summary's "to watch" list still name it
	--unmark
		neither attended nor missed: the attended line goes
	--rating N
		your rating, 1 to 5; 0 removes it
	--tag T
		add the tag T (repeat for more); tags become the post's tags
	--untag T
		remove the tag T, in any case (repeat for more)
	--search TEXT
		the talk whose title, speakers or abstract contain TEXT
	--dry-run
		say what would be set, write nothing

Example:

	confdigest mark srecon17europe.yaml brummel --attended --rating 4 --tag sre
`

// markFlags are mark's flags, for the message that asks for one.
const markFlags = "--plan, --unplan, --attended, --missed, --unmark, --rating N, --tag T or --untag T"

// tagList collects repeated --tag flags.
type tagList []string

func (t *tagList) String() string { return strings.Join(*t, ",") }
func (t *tagList) Set(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("a tag may not be empty")
	}
	*t = append(*t, s)
	return nil
}

func runMark(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mark", flag.ContinueOnError)
	plan := fs.Bool("plan", false, "plan to see it")
	unplan := fs.Bool("unplan", false, "no longer plan to see it")
	attended := fs.Bool("attended", false, "you saw it")
	missed := fs.Bool("missed", false, "you did not see it")
	unmark := fs.Bool("unmark", false, "neither attended nor missed")
	rating := fs.Int("rating", 0, "1 to 5; 0 removes it")
	search := fs.String("search", "", "the talk whose text contains this")
	dryRun := fs.Bool("dry-run", false, "write nothing")
	var tags, untags tagList
	fs.Var(&tags, "tag", "add a tag")
	fs.Var(&untags, "untag", "remove a tag")
	pos, err := parseFlags(fs, markHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	ratingSet := false
	fs.Visit(func(f *flag.Flag) { ratingSet = ratingSet || f.Name == "rating" })
	if err := markOrder(pos); err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usagef("mark takes a program file and talk ids, e.g. confdigest mark srecon17europe.yaml brummel --attended")
	case len(pos) == 1 && *search == "":
		return usagef("mark: name the talks to mark (ids, or --search TEXT)")
	case *plan && *unplan:
		return usagef("mark: --plan and --unplan contradict each other")
	case *attended && *missed:
		return usagef("mark: --attended and --missed contradict each other")
	case *unmark && (*attended || *missed):
		return usagef("mark: --unmark takes back --attended and --missed: give one or the other")
	case *rating < 0 || *rating > 5:
		return usagef("mark: --rating is 1 to 5 (0 removes the rating)")
	}
	for _, t := range tags {
		for _, u := range untags {
			if strings.EqualFold(t, u) {
				return usagef("mark: --tag %s and --untag %s contradict each other", t, u)
			}
		}
	}
	var e yamlfile.NoteEdit
	yes, no := true, false
	switch {
	case *plan:
		e.Plan = &yes
	case *unplan:
		e.Plan = &no
	}
	switch {
	case *attended:
		e.Attended = &yes
	case *missed:
		e.Attended = &no
	}
	if ratingSet {
		e.Rating = rating
	}
	e.Unmark, e.AddTags, e.RemoveTags = *unmark, tags, untags
	if e.Plan == nil && e.Attended == nil && !e.Unmark && e.Rating == nil && len(e.AddTags) == 0 && len(e.RemoveTags) == 0 {
		return usagef("mark: say what to set: %s", markFlags)
	}

	file := pos[0]
	old, err := yamlfile.ReadBytes(file)
	if err != nil {
		return err
	}
	// Ids are resolved, and the edit made, on the text as it is when the
	// file is written (rewriteProgram): a note saved meanwhile stays.
	var ids []string
	var oldTags map[string][]string // each talk's tags before the edit
	var written []byte              // the file's text after the edit
	warnings := stderr              // said once, however often the edit is made
	edit := func(text []byte) ([]byte, bool, error) {
		f, err := yamlfile.Load(text, file)
		if err != nil {
			return nil, false, fmt.Errorf("%w (fix the file; nothing was changed)", err)
		}
		printWarnings(warnings, f.Warnings())
		warnings = io.Discard
		p := f.Program()
		if ids, err = resolveIDs(p, file, pos[1:], *search); err != nil {
			return nil, false, err
		}
		edits := map[string]yamlfile.NoteEdit{}
		for _, id := range ids {
			edits[id] = e
		}
		oldTags = talkTags(p)
		data, err := f.EditNotes(edits)
		written = data
		return data, err == nil, err
	}
	if *dryRun {
		if _, _, err := edit(old); err != nil {
			return err
		}
	} else if err := rewriteProgram(ctx, "mark", file, old, stderr, edit); err != nil {
		return err
	}
	// Said only once it is so.
	for _, id := range ids {
		fmt.Fprintln(stderr, printable(id+": "+describeEdit(e, oldTags[id])))
	}
	if *dryRun {
		fmt.Fprintf(stderr, "dry run: %s not written\n", file)
		return nil
	}
	refreshSchema(file, written, stderr)
	return nil
}

// resolveIDs finds the talks named by whole ids, unique prefixes, or the
// search text; an id that names none is an error naming the nearest.
func resolveIDs(p *program.Program, file string, args []string, search string) ([]string, error) {
	var all []*program.Talk
	for di := range p.Days {
		for ti := range p.Days[di].Talks {
			all = append(all, &p.Days[di].Talks[ti])
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, arg := range args {
		matches := matchID(all, arg)
		switch len(matches) {
		case 0:
			if m := searchTalks(all, arg); len(m) > 0 {
				// A word of a title where the id goes.
				verb := "mention"
				if len(m) == 1 {
					verb = "mentions"
				}
				return nil, fmt.Errorf("%s: %q is no talk id; %s %s it: %s; give an id; nothing was changed",
					file, arg, count(len(m), "talk"), verb, strings.Join(first(idStarts(all, m), 3), ", "))
			}
			return nil, fmt.Errorf("%s: no talk %q (nearest: %s); nothing was changed", file, arg, strings.Join(idStarts(all, yamlfile.NearestIDs(p, arg, 3)), ", "))
		case 1:
			add(matches[0])
		default:
			sort.Strings(matches)
			return nil, fmt.Errorf("%s: %q starts %d talk ids (%s); give more of it; nothing was changed", file, arg, len(matches), strings.Join(first(idStarts(all, matches), 5), ", "))
		}
	}
	if search != "" {
		matches := searchTalks(all, search)
		switch len(matches) {
		case 0:
			return nil, fmt.Errorf("%s: no talk mentions %q; nothing was changed", file, search)
		case 1:
			add(matches[0])
		default:
			return nil, fmt.Errorf("%s: %d talks mention %q (%s); search for more of it, or give ids; nothing was changed", file, len(matches), search, strings.Join(first(idStarts(all, matches), 5), ", "))
		}
	}
	return out, nil
}

// matchID are the ids arg names: the id written just so; else the one
// id it is in any case; else every id it starts, in any case.
func matchID(all []*program.Talk, arg string) []string {
	var fold, prefix []string
	lower := strings.ToLower(arg)
	for _, t := range all {
		switch {
		case t.ID == arg:
			return []string{t.ID}
		case strings.EqualFold(t.ID, arg):
			fold = append(fold, t.ID)
		case strings.HasPrefix(strings.ToLower(t.ID), lower):
			prefix = append(prefix, t.ID)
		}
	}
	if len(fold) == 1 {
		return fold
	}
	return append(fold, prefix...)
}

// markOrder: "mark ID FILE" names the program file last; say which is
// which, before anything reads a talk id as a file.
func markOrder(pos []string) error {
	if len(pos) < 2 || isFile(pos[0]) {
		return nil
	}
	for _, arg := range pos[1:] {
		if isFile(arg) || !hasYAMLName(pos[0]) && hasYAMLName(arg) {
			return usagef("mark: %q is the program file and %q a talk id: the file comes first (confdigest mark %s %s …)", arg, pos[0], arg, pos[0])
		}
	}
	return nil
}

func hasYAMLName(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// idStarts are long ids as short as mark takes them: each one's shortest
// start, of 6 characters or more, that names it alone ("BTMDHW" for
// "BTMDHW-wayland-is-fun"), so that a message listing talks stays short.
// Ids of up to 16 characters stay whole.
func idStarts(all []*program.Talk, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		r := []rune(id)
		for n := 6; len(r) > 16 && n < len(r); n++ {
			if m := matchID(all, string(r[:n])); len(m) == 1 && m[0] == id {
				out[i] = string(r[:n])
				break
			}
		}
	}
	return out
}

func first(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "…")
	}
	return list
}

// talkMatches: the talk's title, speakers or abstract contain text, in
// any case.
func talkMatches(t *program.Talk, text string) bool {
	text = strings.ToLower(text)
	hay := []string{t.Title, t.Abstract, t.DisplayTitle()}
	for _, s := range t.Speakers {
		hay = append(hay, s.Name, s.Affiliation)
	}
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), text) {
			return true
		}
	}
	return false
}

// talkTags are the tags of every talk that has some, by id.
func talkTags(p *program.Program) map[string][]string {
	out := map[string][]string{}
	for _, d := range p.Days {
		for _, t := range d.Talks {
			if t.Notes != nil && len(t.Notes.Tags) > 0 {
				out[t.ID] = t.Notes.Tags
			}
		}
	}
	return out
}

// describeEdit says what e did to a talk that had the tags old: a tag
// taken back is named as it was written, and one it did not have is no
// error (as a no-op is not) but is not said to be removed.
func describeEdit(e yamlfile.NoteEdit, old []string) string {
	var parts []string
	if e.Plan != nil {
		parts = append(parts, map[bool]string{true: "planned", false: "not planned"}[*e.Plan])
	}
	if e.Attended != nil {
		parts = append(parts, map[bool]string{true: "attended", false: "missed"}[*e.Attended])
	}
	if e.Unmark {
		parts = append(parts, "neither attended nor missed")
	}
	switch {
	case e.Rating != nil && *e.Rating == 0:
		parts = append(parts, "not rated")
	case e.Rating != nil:
		parts = append(parts, fmt.Sprintf("rated %d", *e.Rating))
	}
	if len(e.AddTags) > 0 {
		parts = append(parts, "tagged "+strings.Join(e.AddTags, ", "))
	}
	var removed, absent []string
	for _, u := range e.RemoveTags {
		found := false
		for _, t := range old {
			if strings.EqualFold(t, u) {
				removed, found = append(removed, t), true
			}
		}
		if !found {
			absent = append(absent, u)
		}
	}
	if len(removed) > 0 {
		parts = append(parts, "untagged "+strings.Join(removed, ", "))
	}
	if len(absent) > 0 {
		parts = append(parts, "no tag "+strings.Join(absent, ", "))
	}
	return strings.Join(parts, ", ")
}
