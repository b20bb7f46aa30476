package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/confdigest/confdigest/program"
	"github.com/confdigest/confdigest/program/yamlfile"
)

const checkHelp = `usage: confdigest check FILE

Check validates a program file and prints every problem, one per line, as
file:line:col: message: YAML mistakes (at the line to fix, with what to do),
unknown keys (with the key you probably meant), values of the wrong type,
invalid dates and times, talks ending before they start, duplicate talk
ids. Warnings (text YAML reads otherwise than it looks: a " #" that starts
a comment, a list item joined to the one above; notes on a withdrawn talk)
are printed too but do not fail the check.

Every command that reads the file runs the same check first, prints its
warnings on stderr, and changes nothing when it fails.

Example:

	confdigest check srecon17europe.yaml
`

// reportedError is a failure whose every problem was printed already, one
// line each: exit 1 without more words.
type reportedError struct{ what string }

func (e reportedError) Error() string { return e.what }

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	pos, err := parseFlags(fs, checkHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) != 1 {
		return usagef("check takes one program file, e.g. confdigest check srecon17europe.yaml")
	}
	data, err := yamlfile.ReadBytes(pos[0])
	if err != nil {
		return err
	}
	p, problems := yamlfile.Check(data, pos[0])
	for _, pr := range problems {
		fmt.Fprintln(stdout, pr)
	}
	if p == nil {
		return reportedError{fmt.Sprintf("%s: %s", pos[0], count(len(problems), "problem"))}
	}
	fmt.Fprintf(stderr, "%s: ok, %s\n", pos[0], size(p))
	return nil
}

// readProgram reads and checks the program file at path, and prints its
// warnings on stderr: every command that reads the file warns as check
// does.
func readProgram(path string, stderr io.Writer) (*program.Program, error) {
	data, err := yamlfile.ReadBytes(path)
	if err != nil {
		return nil, err
	}
	return loadProgram(data, path, stderr)
}

// loadProgram is readProgram on the file's bytes.
func loadProgram(data []byte, name string, stderr io.Writer) (*program.Program, error) {
	p, problems := yamlfile.Check(data, name)
	if p == nil {
		return nil, &yamlfile.InvalidError{Problems: problems}
	}
	printWarnings(stderr, problems)
	return p, nil
}

// maxWarnings is how many warnings a command other than check prints.
const maxWarnings = 5

// printWarnings prints the warnings among problems, one a line, at most
// maxWarnings of them; check prints them all.
func printWarnings(stderr io.Writer, problems []yamlfile.Problem) {
	n := 0
	for _, p := range problems {
		if !p.Warning {
			continue
		}
		if n++; n <= maxWarnings {
			fmt.Fprintln(stderr, p)
		}
	}
	if n > maxWarnings {
		fmt.Fprintf(stderr, "%s: %d more warnings; run confdigest check %s\n", problems[0].File, n-maxWarnings, problems[0].File)
	}
}

// count says "1 talk", "2 talks".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// size says how big a program is: "2 days, 5 talks", and how many of
// them are withdrawn ("61 talks, 1 withdrawn"): scrape and check count
// the same.
func size(p *program.Program) string {
	return count(len(p.Days), "day") + ", " + talks(p)
}

// talks counts the talks of p, withdrawn ones included and named.
func talks(p *program.Program) string {
	withdrawn := 0
	for _, d := range p.Days {
		for _, t := range d.Talks {
			if t.Withdrawn {
				withdrawn++
			}
		}
	}
	if withdrawn == 0 {
		return count(p.TalkCount(), "talk")
	}
	return fmt.Sprintf("%s, %d withdrawn", count(p.TalkCount(), "talk"), withdrawn)
}
