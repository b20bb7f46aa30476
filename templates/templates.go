// Package templates holds confdigest's default post template, embedded in
// the binary. The file beside this one is the template itself: copy it to
// start your own, and pass yours with "confdigest digest --template FILE".
package templates

import _ "embed"

// Post is the default template of a day's post. It defines "talk", the part
// written for each talk, which a custom template may redefine alone.
//
//go:embed post.md.tmpl
var Post string
