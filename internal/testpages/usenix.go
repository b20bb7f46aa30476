// Package testpages writes made-up program pages of any size, for the
// benchmarks and tests of the packages that read and fetch them.
package testpages

import (
	"bytes"
	"fmt"
)

// USENIXProgram writes a program page in the current theme's markup with
// n talks: four days, slots of two parallel sessions, three talks a session.
func USENIXProgram(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html><head><title>Bench Conference Program | USENIX</title>
<link rel="canonical" href="https://www.usenix.org/conference/bench25/program"></head><body><section id="content">
<h1 id="page-title">Bench Conference Program</h1>`)
	days := []string{"Monday, June 2", "Tuesday, June 3", "Wednesday, June 4", "Thursday, June 5"}
	for i := 0; i < n; {
		if i%(n/len(days)+1) == 0 {
			fmt.Fprintf(&b, `<div class="paragraphs-item-conference-schedule-slot"><h2><span class="field-item">%s</span></h2></div>`, days[i/(n/len(days)+1)])
		}
		h := 9 + (i/6)%8
		fmt.Fprintf(&b, `<div class="paragraphs-item-conference-schedule-slot"><div>%d:00 am–%d:30 am</div>`, h%12+1, h%12+1)
		for s := 0; s < 2 && i < n; s++ {
			fmt.Fprintf(&b, `<article class="node node-session"><h2 class="node-title">Session %d</h2><div class="content"><div>Room %d</div><div class="field-name-field-session-papers"><div class="field-items">`, i, s+1)
			for k := 0; k < 3 && i < n; k, i = k+1, i+1 {
				fmt.Fprintf(&b, `<article id="node-%d" class="node node-paper view-mode-schedule">
<h2><a href="/conference/bench25/presentation/talk-%d">Talk number %d about systems</a></h2><div class="content">
<div class="field-name-field-paper-people-text"><div class="field-items"><div class="field-item"><p>Ann Author and Bob Writer, <em>Example University;</em> Cy Coder, <em>Sample Labs, Inc.</em></p></div></div></div>
<div class="group-available-media"><span class="usenix-schedule-media pdf"><a href="/system/files/bench25-talk-%d.pdf">PDF</a></span></div>
<div class="group-schedule-accordion"><div class="field-name-field-paper-description-long"><div class="field-items"><div class="field-item">
<p>This paper studies a problem of some <em>importance</em> and proposes a solution that works in practice. We evaluate it on three workloads.</p>
<p>Our results show an improvement of 2x over the state of the art, see <a href="/conference/bench25">the site</a>.</p>
</div></div></div></div></div></article>`, 100000+i, i, i, i)
			}
			b.WriteString(`</div></div></div></article>`)
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</section></body></html>`)
	return b.Bytes()
}
