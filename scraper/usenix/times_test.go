package usenix

import "testing"

func TestParseTimeLine(t *testing.T) {
	tests := []struct {
		in               string
		start, end, wday string
		zone             string
		ok               bool
	}{
		{"9:00 am–10:00 am", "09:00", "10:00", "", "", true},
		{"10:45 am–12:05 pm", "10:45", "12:05", "", "", true},
		{"12:05 pm–1:35 pm", "12:05", "13:35", "", "", true},
		{"7:30 a.m.–5:00 p.m.", "07:30", "17:00", "", "", true},
		{"8:30 a.m.–9:00 a.m. Monday", "08:30", "09:00", "mon", "", true},
		{"08:00–8:45", "08:00", "08:45", "", "", true},
		{"08:00 - 09:00", "08:00", "09:00", "", "", true},
		{"Noon–1:00 pm", "12:00", "13:00", "", "", true},
		{"9:00–10:30 am", "09:00", "10:30", "", "", true},
		{"11:00–1:00 pm", "11:00", "13:00", "", "", true},
		{"Monday, 9:00 am–9:30 am", "09:00", "09:30", "mon", "", true},
		{"Tuesday, 09:00–09:45 CEST", "09:00", "09:45", "tues", "CEST", true},
		{"Wednesday, 09:0009:40", "09:00", "09:40", "wednes", "", true},
		{"Tuesday, March 14, 2017 - 10:55am–11:20am", "10:55", "11:20", "tues", "", true},
		{"Wednesday, 2018, August 29 - 09:00–09:40", "09:00", "09:40", "wednes", "", true},
		{"Tuesday, 25 October, 2022 - 09:00–09:45", "09:00", "09:45", "tues", "", true},
		{"We measured 9:00–10:00 latency in production", "", "", "", "", false},
		{"Session Chair: 9:00 am–10:00 am", "", "", "", "", false},
		{"25:00–26:00", "", "", "", "", false},
		{"13:00 pm–14:00 pm", "", "", "", "", false},
		{"Monday, March 25", "", "", "", "", false},
		{"2 am–1 am", "", "", "", "", false},
		{"23:30–00:30", "23:30", "00:30", "", "", true},
	}
	for _, tt := range tests {
		got, ok := parseTimeLine(tt.in)
		if ok != tt.ok || got.Start != tt.start || got.End != tt.end || got.Weekday != tt.wday || got.Zone != tt.zone {
			t.Errorf("parseTimeLine(%q) = %+v, %v; want %s–%s %q %q, %v", tt.in, got, ok, tt.start, tt.end, tt.wday, tt.zone, tt.ok)
		}
	}
}

func TestParseDayHeader(t *testing.T) {
	tests := []struct {
		in   string
		hint int
		want string
	}{
		{"Monday, March 25", 2019, "2019-03-25"},
		{"Wednesday, 29 August, 2018", 0, "2018-08-29"},
		{"Monday, March 16, 2015", 0, "2015-03-16"},
		{"Tuesday, 25 October", 2022, "2022-10-25"},
		{"Wednesday, 2018, August 29", 0, "2018-08-29"},
		{"Tuesday, Sept. 3", 2019, "2019-09-03"},
		// The slug says 24 but the weekday only fits 2025: a program that
		// runs into January of the following year.
		{"Friday, January 3", 2024, "2025-01-03"},
		{"Monday, March 25", 0, ""},
		{"Monday, 9:00 am–9:30 am", 2019, ""},
		{"Mondays are hard", 2019, ""},
		{"Conference Program", 2019, ""},
	}
	for _, tt := range tests {
		got := ""
		if h, ok := parseDayHeader(tt.in); ok {
			if d, ok := h.date(tt.hint); ok {
				got = d.Format("2006-01-02")
			}
		}
		if got != tt.want {
			t.Errorf("parseDayHeader(%q) with year %d = %q, want %q", tt.in, tt.hint, got, tt.want)
		}
	}
}

func TestZoneFor(t *testing.T) {
	for in, want := range map[string]string{
		"Pacific Daylight Time (PDT)":         "America/Los_Angeles",
		"Eastern Standard Time (EST)":         "America/New_York",
		"Central Daylight Time":               "America/Chicago",
		"Central European Summer Time (CEST)": "Europe/Berlin",
		"CEST":                                "Europe/Berlin",
		"Irish Standard Time":                 "Europe/Dublin",
		"GMT":                                 "Europe/London",
		"IST":                                 "",
		"Mars Time":                           "",
		"Australian Eastern Daylight Time (AEDT)": "Australia/Sydney",
	} {
		if got := zoneFor(in); got != want {
			t.Errorf("zoneFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWatchURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.youtube.com/embed/AbC_12-x?width%3D745%26amp%3Bheight": "https://www.youtube.com/watch?v=AbC_12-x",
		"https://www.youtube-nocookie.com/embed/xyz":                        "https://www.youtube.com/watch?v=xyz",
		"https://player.vimeo.com/video/123456?title=0":                     "https://vimeo.com/123456",
		"https://example.org/video.mp4":                                     "https://example.org/video.mp4",
		"https://www.youtube.com/embed/":                                    "https://www.youtube.com/embed/",
	} {
		if got := watchURL(in); got != want {
			t.Errorf("watchURL(%q) = %q, want %q", in, got, want)
		}
	}
}
