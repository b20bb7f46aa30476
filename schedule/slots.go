package schedule

import (
	"html"
	"regexp"
	"strings"

	"github.com/confdigest/confdigest/internal/htmlmd"
	"github.com/confdigest/confdigest/program"
)

// The one rule, for every reader, of which entries of a program are no
// talks: meals, breaks, registration, room changeovers — when that is all
// they are.

var (
	// breakRe: titles that name a meal, a break or a slot's logistics,
	// after an optional "Main Conference: " label; a break may carry one
	// word before it ("Afternoon break", "XMPP Lunch Break"), a meal not
	// ("Penguin Dinner" is an event of its own).
	breakRe = regexp.MustCompile(`(?i)^(?:[\w ]+: )?(?:(?:morning |afternoon )?(?:tea|coffee)(?: break)?|(?:[\w-]+ )?(?:coffee |lunch |tea |short |long )?break|lunch|dinner|breakfast|brunch|registration(?: open)?|early registration|room changeover|changeover|free time|pause(?: café)?|buffet|déjeuner|dîner|accueil(?: [\w ]+)?|check-in|doors open)\W*$`)
	// "Lunch (uncatered)" is a lunch.
	parenthesisRe = regexp.MustCompile(`\s*\([^)]*\)\s*$`)
	tagRe         = regexp.MustCompile(`<[^>]*>`)
)

// notATalk: an entry titled as a meal, break, registration or changeover
// that has no speakers and no text beyond saying so: no description, or
// one that names the same thing ("Lunch (uncatered)"), or a single short
// sentence with no link ("The Jabberites need to eat, too!"). A "Lunch"
// with a speaker or an abstract of its own is a talk.
func notATalk(title string, speakers []program.Speaker, texts ...string) bool {
	if len(speakers) > 0 || !breakRe.MatchString(parenthesisRe.ReplaceAllString(strings.TrimSpace(title), "")) {
		return false
	}
	for _, text := range texts {
		if strings.Contains(text, "://") || strings.Contains(text, "href=") {
			return false
		}
		plain := htmlmd.Clean(html.UnescapeString(tagRe.ReplaceAllString(text, " ")))
		switch {
		case plain == "", breakRe.MatchString(parenthesisRe.ReplaceAllString(plain, "")):
		case len(plain) <= 60 && strings.Count(strings.TrimRight(plain, ".!?"), ". ") == 0:
		default:
			return false
		}
	}
	return true
}

// notATalk applies the rule to an event as read.
func (e readEvent) notATalk() bool {
	return notATalk(e.Title, e.Speakers, e.Subtitle, e.Abstract, e.Description)
}
