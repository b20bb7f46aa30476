package fetch

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
)

// cleanRobots mends what the robots parser would refuse a whole robots.txt
// for, so that one sloppy line does not make the site unreadable:
//   - rules before any User-agent line ("Disallow: /private" at the top)
//     are read as every crawler's, under a "User-agent: *" put above them:
//     what their writer meant, and the polite reading;
//   - a Crawl-delay it cannot read ("0,5", "10s", "-1", none), even in
//     another crawler's group, is taken out; when one was in the group
//     agent follows (matched as the parser matches: the longest agent name
//     that prefixes ours, else "*"), its value is returned, to warn about.
func cleanRobots(body []byte, agent string) (clean []byte, ours string, found bool) {
	type badLine struct {
		value  string
		agents []string
	}
	var (
		bad      []badLine
		agents   []string // the current group's
		inRules  bool     // the current group has a rule: the next User-agent starts a group
		allNames []string
	)
	lines := bytes.SplitAfter(body, []byte("\n"))
	mended := false
	if i := firstKey(lines); i >= 0 && !isUserAgent(robotsKey(lines[i])) {
		lines = slices.Insert(lines, i, []byte("User-agent: *\n"))
		mended = true
	}
	for i, raw := range lines {
		key, value := robotsLine(raw)
		switch key {
		case "user-agent", "useragent":
			if inRules {
				agents, inRules = nil, false
			}
			if value != "" {
				agents = append(agents, strings.ToLower(value))
				allNames = append(allNames, strings.ToLower(value))
			}
		case "allow", "disallow":
			inRules = true
		case "crawl-delay", "crawldelay":
			if d, err := strconv.ParseFloat(value, 64); err == nil && d >= 0 && !math.IsInf(d, 0) && !math.IsNaN(d) && len(agents) > 0 {
				inRules = true
				continue
			}
			bad = append(bad, badLine{value, agents})
			// The line still ends the group's User-agent lines (a blank
			// would join the group to the next one, and its rules): a rule
			// no path matches takes its place, "%zz" being no escape.
			lines[i] = []byte("\n")
			if len(agents) > 0 {
				lines[i] = []byte("Allow: /%zz\n")
			}
			inRules = len(agents) > 0
		}
	}
	if len(bad) == 0 {
		if mended {
			return bytes.Join(lines, nil), "", false
		}
		return body, "", false
	}
	// The group robotstxt.FindGroup picks for agent.
	agent = strings.ToLower(agent)
	pick := ""
	for _, a := range allNames {
		if a == "*" && pick == "" || a != "*" && strings.HasPrefix(agent, a) && len(a) > len(pick) {
			pick = a
		}
	}
	for _, b := range bad {
		for _, a := range b.agents {
			if a == pick {
				ours, found = b.value, true
			}
		}
	}
	return bytes.Join(lines, nil), ours, found
}

// robotsLine is a robots.txt line's key, in lower case, and the first
// word of its value; "" for a line with no key.
func robotsLine(raw []byte) (key, value string) {
	l := string(raw)
	if c := strings.IndexByte(l, '#'); c >= 0 {
		l = l[:c]
	}
	l = strings.TrimSpace(l)
	end := strings.IndexAny(l, ": \t")
	if end < 0 {
		return "", ""
	}
	if f := strings.Fields(strings.TrimPrefix(strings.TrimLeft(l[end:], " \t"), ":")); len(f) > 0 {
		value = f[0]
	}
	return strings.ToLower(l[:end]), value
}

func robotsKey(raw []byte) string {
	key, _ := robotsLine(raw)
	return key
}

func isUserAgent(key string) bool { return key == "user-agent" || key == "useragent" }

// firstKey is the index of the first line that is a User-agent line or a
// rule of a group (-1 for none); Sitemap and other lines stand anywhere.
func firstKey(lines [][]byte) int {
	for i, l := range lines {
		switch robotsKey(l) {
		case "user-agent", "useragent", "allow", "disallow", "crawl-delay", "crawldelay":
			return i
		}
	}
	return -1
}
