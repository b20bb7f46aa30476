package schedule

import (
	"bytes"
	"fmt"
	"math/rand"
	"net/url"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

func icalWith(prop string) []byte {
	return []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Brussels\r\n" +
		"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\n" +
		prop + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
}

// TestReadICalManyParameters: a property with 100,000 parameters is
// refused by name and line before golang-ical spends 16 s on it; one with
// a few dozen is read.
func TestReadICalManyParameters(t *testing.T) {
	base, _ := url.Parse("https://example.org/cal.ics")
	opt := ReadOptions{TimeZone: "Europe/Brussels"}
	for _, prop := range []string{
		"SUMMARY" + strings.Repeat(";A=b", 100000) + ":Talk",
		"SUMMARY;A=b" + strings.Repeat(",b", 100000) + ":Talk",
		"SUMMARY" + strings.Repeat(";A=b\r\n ", 50000) + ":Talk", // folded
	} {
		_, err := ReadICal(icalWith(prop), base, opt)
		if err == nil || !strings.Contains(err.Error(), "line 8") || !strings.Contains(err.Error(), `"SUMMARY"`) {
			t.Errorf("%.30s…: error %v, want one naming line 8 and SUMMARY", prop, err)
		}
	}
	p, err := ReadICal(icalWith("SUMMARY"+strings.Repeat(";X-A=b", 40)+`;X-Q="a;b,c:d":Talk`), base, opt)
	if err != nil {
		t.Fatalf("40 parameters: %v", err)
	}
	if got := p.Days[0].Talks[0].Title; got != "Talk" {
		t.Errorf("title %q, want Talk", got)
	}
}

// TestCheckICalParamsProperty: over random properties (plain, quoted and
// multi-valued parameters; quotes holding ";", "," and ":"; folded at
// random), the scan refuses exactly those with more than maxICalParams
// separators, and golang-ical reads every one it accepts with the same
// parameters as the unfolded line.
func TestCheckICalParamsProperty(t *testing.T) {
	r := rand.New(rand.NewSource(23))
	for iter := 0; iter < 300; iter++ {
		var b strings.Builder
		b.WriteString("X-PROP")
		seps := 0
		nvalues := 0
		for n := r.Intn(2 * maxICalParams / 3); n > 0; n-- {
			fmt.Fprintf(&b, ";X-P%d=", n)
			seps++
			for v := r.Intn(3); v >= 0; v-- {
				if r.Intn(3) == 0 {
					b.WriteString(`"q;u,o:t"`)
				} else {
					b.WriteString("v")
				}
				nvalues++
				if v > 0 {
					b.WriteString(",")
					seps++
				}
			}
		}
		b.WriteString(":value;with,separators")
		line := b.String()
		folded := fold(line, r)
		err := checkICalParams(icalWith(folded))
		if (err != nil) != (seps > maxICalParams) {
			t.Fatalf("%d separators: error %v\n%s", seps, err, folded)
		}
		if err != nil {
			continue
		}
		cal, perr := ics.ParseCalendar(bytes.NewReader(icalWith(folded)))
		if perr != nil {
			t.Fatalf("golang-ical refuses what the scan accepts: %v\n%s", perr, folded)
		}
		got := 0
		for _, vs := range cal.Events()[0].GetProperty("X-PROP").ICalParameters {
			got += len(vs)
		}
		if got != nvalues {
			t.Fatalf("golang-ical read %d parameter values, want %d\n%s", got, nvalues, folded)
		}
	}
}

// fold breaks a content line as RFC 5545 allows: CRLF and one space, at
// random byte positions.
func fold(line string, r *rand.Rand) string {
	var b strings.Builder
	for len(line) > 0 {
		n := 1 + r.Intn(len(line))
		b.WriteString(line[:n])
		line = line[n:]
		if len(line) > 0 {
			b.WriteString("\r\n ")
		}
	}
	return b.String()
}

// FuzzICalParams: the scan never panics, and a calendar it accepts gives
// golang-ical no property with more than maxICalParams+1 parameter values.
func FuzzICalParams(f *testing.F) {
	f.Add(icalWith("SUMMARY;A=b;C=\"d;e\":x"))
	f.Add(icalWith("SUMMARY" + strings.Repeat(";A=b", 200) + ":x"))
	f.Add(icalWith("SUMMARY;A=b,\r\n c,d:x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if checkICalParams(data) != nil {
			return
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			return
		}
		var props []ics.BaseProperty
		for _, p := range cal.CalendarProperties {
			props = append(props, p.BaseProperty)
		}
		for _, ev := range cal.Events() {
			for _, p := range ev.Properties {
				props = append(props, p.BaseProperty)
			}
		}
		for _, p := range props {
			n := 0
			for _, vs := range p.ICalParameters {
				n += len(vs)
			}
			if n > maxICalParams+1 {
				t.Fatalf("%s: %d parameter values passed the scan", p.IANAToken, n)
			}
		}
	})
}

// BenchmarkCheckICalParams: the scan over a calendar of 10,000 events
// with the usual parameters (TZID, ALTREP, a folded DESCRIPTION), all
// accepted: what every iCalendar import pays for the bound.
func BenchmarkCheckICalParams(b *testing.B) {
	var cal strings.Builder
	cal.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	for i := range 10000 {
		fmt.Fprintf(&cal, "BEGIN:VEVENT\r\nUID:%d@x\r\nDTSTART;TZID=Europe/Brussels:20260310T090000\r\n"+
			"DTEND;TZID=Europe/Brussels:20260310T100000\r\nSUMMARY;LANGUAGE=en;ALTREP=\"https://x/%d\":Talk %d\r\n"+
			"DESCRIPTION:%s\r\n %s\r\nEND:VEVENT\r\n", i, i, i, strings.Repeat("words ", 12), strings.Repeat("more ", 12))
	}
	cal.WriteString("END:VCALENDAR\r\n")
	body := []byte(cal.String())
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for range b.N {
		if err := checkICalParams(body); err != nil {
			b.Fatal(err)
		}
	}
}
