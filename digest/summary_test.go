package digest

import (
	"strings"
	"testing"

	"github.com/confdigest/confdigest/program/yamlfile"
)

// summaryOf renders only the summary post of the program file text.
func summaryOf(t *testing.T, text string) (post string, skipped []string) {
	t.Helper()
	p, err := yamlfile.Unmarshal([]byte(text), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	posts, skipped, err := Render(p, Options{Format: "markdown", Summary: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, post := range posts {
		if post.Day == 0 {
			return string(post.Content), skipped
		}
	}
	return "", skipped
}

// What counts as seen: attended, or written about unless attended: false.
// "To watch" holds planned or missed talks with a video that were neither
// attended nor written about.
func TestSummaryCounts(t *testing.T) {
	const file = `conference: {id: c, name: C}
days:
  - date: "2026-03-18"
    talks:
      - {id: att, title: Attended, track: A, speakers: [{name: Ann}], notes: {attended: true}}
      - {id: com, title: Commented, track: B, speakers: [{name: Bob}], media: {video: "https://v/com"}, notes: {plan: true, commentary: "Good."}}
      - {id: led, title: Led, speakers: [{name: Cat}], notes: {lead: "By {speakers}."}}
      - {id: mis, title: MissedButWrote, speakers: [{name: Dan}], media: {video: "https://v/mis"}, notes: {attended: false, commentary: "Heard it was good."}}
  - date: "2026-03-19"
    talks:
      - {id: pla, title: Planned, speakers: [{name: Eve}], media: {video: "https://v/pla"}, notes: {plan: true}}
      - {id: mvd, title: MissedVideo, speakers: [{name: Fay}], media: {video: "https://v/mvd"}, notes: {attended: false}}
      - {id: apv, title: AttendedPlanned, speakers: [{name: Gus}], media: {video: "https://v/apv"}, notes: {plan: true, attended: true}}
      - {id: nov, title: PlannedNoVideo, notes: {plan: true}}
`
	post, _ := summaryOf(t, file)
	if !strings.Contains(post, "2 days, 4 talks seen, by 4 speakers in 2 tracks.") {
		t.Errorf("counts: want 2 days, 4 talks seen, by 4 speakers in 2 tracks; post:\n%s", post)
	}
	saw, watch, _ := strings.Cut(strings.SplitN(post, "## Everything I saw", 2)[1], "## To watch")
	for _, title := range []string{"Attended", "Commented", "Led", "AttendedPlanned"} {
		if !strings.Contains(saw, "* Day") || !strings.Contains(saw, " "+title+"\n") {
			t.Errorf("Everything I saw lacks %s:\n%s", title, saw)
		}
	}
	if strings.Contains(saw, "MissedButWrote") || strings.Contains(saw, "MissedVideo") {
		t.Errorf("Everything I saw lists a talk marked attended: false:\n%s", saw)
	}
	for _, title := range []string{"Planned", "MissedVideo"} {
		if !strings.Contains(watch, "* "+title+": [video]") {
			t.Errorf("To watch lacks %s:\n%s", title, watch)
		}
	}
	for _, title := range []string{"Commented", "MissedButWrote", "AttendedPlanned", "PlannedNoVideo"} {
		if strings.Contains(watch, "* "+title+":") {
			t.Errorf("To watch lists %s, attended, written about or without a video:\n%s", title, watch)
		}
	}
}

// A program with nothing seen gets no summary, and Render says why.
func TestSummaryNothingSeen(t *testing.T) {
	for name, file := range map[string]string{
		"no notes": "conference: {id: c, name: C}\ndays:\n  - date: \"2026-03-18\"\n    talks:\n      - {id: a, title: A}\n",
		"only a plan and a miss": "conference: {id: c, name: C}\ndays:\n  - date: \"2026-03-18\"\n    talks:\n" +
			"      - {id: a, title: A, media: {video: \"https://v/a\"}, notes: {plan: true}}\n" +
			"      - {id: b, title: B, notes: {attended: false, commentary: x}}\n",
	} {
		t.Run(name, func(t *testing.T) {
			post, skipped := summaryOf(t, file)
			if post != "" {
				t.Errorf("a summary was written:\n%s", post)
			}
			if !strings.Contains(strings.Join(skipped, "\n"), noSummary) {
				t.Errorf("skipped %q does not say why there is no summary", skipped)
			}
		})
	}
}
