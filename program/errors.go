package program

import "errors"

// ErrNoTalks is returned by a reader when a document holds nothing that
// looks like a talk: not a program, or an empty one.
var ErrNoTalks = errors.New("no talks found")
