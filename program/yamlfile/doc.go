// Package yamlfile is the program file: the YAML text a program.Program
// lives in, which the scraper writes and the user edits by hand (contract 1
// in the design). It reads and checks a file (Check, Unmarshal, Load,
// ReadFile), explains a broken one, writes a new one (Marshal, with a
// JSON Schema beside it for editors: Schema, WriteSchema), refreshes one
// with a fresh scrape (File.Merge, MergeFile) and sets notes in one
// (EditNotes).
//
// Its guarantees, which the tests hold it to:
//
//   - A file that breaks the contract is an *InvalidError listing every
//     Problem as file:line:col, errors first, then warnings; warnings alone
//     are no error. The schema is made from the shapes Check checks.
//   - A merge and a notes edit work on the file's text and YAML tree, so
//     what the user owns stays as written: post, every notes mapping
//     (values, key order, block styles), comments and line endings. A
//     merge that changes nothing returns the old bytes; one whose result
//     would be invalid, and a notes edit whose result does not read back
//     as meant, return an error and no bytes.
//   - What is written reads back as what was meant: strings yaml.v3 cannot
//     read back are quoted, and the user's layout is kept only where the
//     text reads back to the merged tree (else the tree is written whole).
//   - Output is deterministic: the contract's field order, long text last,
//     times and dates quoted for YAML 1.1 readers.
//
// The model and its rules (talks included, clashes, clocks, ids) are
// package program, which does not import this one.
package yamlfile
