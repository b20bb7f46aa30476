package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/confdigest/confdigest/program/yamlfile"
)

const schemaHelp = `usage: confdigest schema

Schema prints the JSON Schema (draft-07) of the program file: every key
with what it means, the values each one takes, and the keys check rejects.
Editors running the YAML language server (VS Code, Neovim, Helix, Emacs,
Zed; JetBrains IDEs too) use it to explain, complete and check the file as
you type.

A program file that scrape or demo makes starts with the line

	# yaml-language-server: $schema=confdigest.schema.json

and the schema is written beside it; scrape, mark and digest refresh that
file when the schema changes. An existing file's first lines are yours:
add the line to an older file to get the same help.

Example:

	confdigest schema > confdigest.schema.json
`

func runSchema(_ context.Context, args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	pos, err := parseFlags(fs, schemaHelp, args, stdout)
	if err != nil {
		return helpIsSuccess(err)
	}
	if len(pos) > 0 {
		return usagef("schema takes no arguments; it prints the schema: confdigest schema > %s", yamlfile.SchemaFile)
	}
	_, err = stdout.Write(yamlfile.Schema())
	return err
}

// refreshSchema keeps the schema file that the program file at path names
// (its modeline; data is the file's text) up to date. Failing to is a
// warning: the program file is what the command was asked to write.
func refreshSchema(path string, data []byte, stderr io.Writer) {
	sp := yamlfile.SchemaPath(path, data)
	if sp == "" {
		return
	}
	wrote, err := yamlfile.WriteSchema(sp)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "warning: schema for editors not written: %s\n", errorLine(err.Error()))
	case wrote:
		fmt.Fprintf(stderr, "wrote %s (the schema editors check %s against)\n", sp, filepath.Base(path))
	}
}
