package program

import "strings"

// Media links a talk's published material, by kind.
type Media struct {
	Paper  string `yaml:"paper,omitempty" json:"paper,omitempty"`
	Slides string `yaml:"slides,omitempty" json:"slides,omitempty"`
	Video  string `yaml:"video,omitempty" json:"video,omitempty"`
	Audio  string `yaml:"audio,omitempty" json:"audio,omitempty"`
}

// Fill takes from other each link m lacks.
func (m *Media) Fill(other Media) {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&m.Paper, other.Paper}, {&m.Slides, other.Slides}, {&m.Video, other.Video}, {&m.Audio, other.Audio},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
}

// Add records href as the link of that kind ("paper" or "pdf", "slides",
// "video", "audio"), unless m has one already. Other kinds and empty links
// are ignored.
func (m *Media) Add(kind, href string) {
	if href == "" {
		return
	}
	var dst *string
	switch kind {
	case "pdf", "paper":
		dst = &m.Paper
	case "slides":
		dst = &m.Slides
	case "video":
		dst = &m.Video
	case "audio":
		dst = &m.Audio
	default:
		return
	}
	if *dst == "" {
		*dst = href
	}
}

// IsZero reports whether no media link is known; it lets the YAML encoder
// omit an empty media mapping.
func (m Media) IsZero() bool { return m == Media{} }

// MediaKind guesses what kind of material a link points at from the link
// alone: "slides", "audio", "video", "paper", or "" when it cannot tell.
func MediaKind(href string) string {
	h := strings.ToLower(href)
	switch {
	case strings.Contains(h, "slides"):
		return "slides"
	case strings.HasSuffix(h, ".mp3") || strings.HasSuffix(h, ".ogg") || strings.HasSuffix(h, ".m4a"):
		return "audio"
	case strings.Contains(h, "youtube.com") || strings.Contains(h, "youtu.be") || strings.Contains(h, "vimeo.com") ||
		strings.HasSuffix(h, ".mp4") || strings.HasSuffix(h, ".webm"):
		return "video"
	case strings.HasSuffix(h, ".pdf"):
		return "paper"
	}
	return ""
}
