package fetch

import (
	"bytes"
	"math"
	"strconv"
	"strings"
)

// robotsDelays takes out of a robots.txt the Crawl-delay lines the robots
// parser would refuse the whole file for ("0,5", "10s", "-1", none), so one
// such line, even in another crawler's group, does not make the site
// unreadable. It returns the file without them and, when one was in the
// group agent follows (matched as the parser matches: the longest agent
// name that prefixes ours, else "*"), its value, to warn about.
func robotsDelays(body []byte, agent string) (clean []byte, ours string, found bool) {
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
	for i, raw := range lines {
		l := string(raw)
		if c := strings.IndexByte(l, '#'); c >= 0 {
			l = l[:c]
		}
		l = strings.TrimSpace(l)
		end := strings.IndexAny(l, ": \t")
		if end < 0 {
			continue
		}
		key := strings.ToLower(l[:end])
		value := ""
		if f := strings.Fields(strings.TrimPrefix(strings.TrimLeft(l[end:], " \t"), ":")); len(f) > 0 {
			value = f[0]
		}
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
