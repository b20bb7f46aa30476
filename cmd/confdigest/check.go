package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/confdigest/confdigest/program"
)

const checkHelp = `usage: confdigest check FILE

Check validates a program file and prints every problem, one per line, as
file:line:col: message: unknown keys (with the key you probably meant),
values of the wrong type, invalid dates and times, talks ending before they
start, duplicate talk ids, tabs in the indentation. Warnings (notes on a
talk withdrawn from the program) are printed too but do not fail the check.

scrape and digest run the same check first and change nothing when it fails.

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
	data, err := program.ReadBytes(pos[0])
	if err != nil {
		return err
	}
	p, problems := program.Check(data, pos[0])
	for _, pr := range problems {
		fmt.Fprintln(stdout, pr)
	}
	if p == nil {
		return reportedError{fmt.Sprintf("%s: %s", pos[0], count(len(problems), "problem"))}
	}
	fmt.Fprintf(stderr, "%s: ok, %s\n", pos[0], size(p))
	return nil
}

// count says "1 talk", "2 talks".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// size says how big a program is: "2 days, 5 talks".
func size(p *program.Program) string {
	return count(len(p.Days), "day") + ", " + count(p.TalkCount(), "talk")
}
