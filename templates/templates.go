// Package templates holds confdigest's default post templates (a day's post,
// the summary post), embedded in the binary. The files beside this one are
// the templates themselves: copy one to start your own, and pass yours with
// "confdigest digest --template FILE".
package templates

import _ "embed"

// Post is the default template of a day's post. It defines "talk", the part
// written for each talk, which a custom template may redefine alone.
//
//go:embed post.md.tmpl
var Post string

// Summary is the default template of the trip-report post of the whole
// conference. It defines "summary", which a custom template may redefine.
//
//go:embed summary.md.tmpl
var Summary string
