package program

import (
	"regexp"
	"strings"
	"testing"
)

func TestNameSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SREcon17 Europe", "srecon17-europe"},
		{"Συνέδριο Ελεύθερου Λογισμικού 2026", "synedrio-eleytheroy-logismikoy-2026"},
		{"ΣΕΛ", "sel"},
		{"Конференция разработчиков", "konferentsiya-razrabotchikov"},
		{"Київ Щедрість", "kiiv-shchedrist"},
		{"Ёлка Йошкар-Ола", "elka-ioshkar-ola"},
		{"Београд Џез", "beograd-dzez"},
		{"中国开源年会", ""},
		{"PyCon 日本 2026", "pycon-2026"},
		{"", ""},
	} {
		if got := NameSlug(tc.in); got != tc.want {
			t.Errorf("NameSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHashID(t *testing.T) {
	a, b := HashID("conference", "中国开源年会"), HashID("conference", "日本開発者会議")
	if a == b || a != HashID("conference", "中国开源年会") || !regexp.MustCompile(`^conference-[0-9a-f]{8}$`).MatchString(a) {
		t.Errorf("HashID: %q and %q", a, b)
	}
	if HashID("x", "ab", "c") == HashID("x", "a", "bc") {
		t.Error("parts run together")
	}
}

var (
	slugShape = regexp.MustCompile(`^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$`)
	// Letters with a Latin spelling: all but the signs ъ and ь.
	spellable = regexp.MustCompile(`[a-z0-9α-ωа-щыэюя]`)
)

// FuzzNameSlug: any text gives a slug of lower-case ASCII letters and
// digits joined by single hyphens (or ""), the same as Slug for ASCII
// text, and something whenever the text has a Latin, Greek or Cyrillic
// letter or a digit.
func FuzzNameSlug(f *testing.F) {
	for _, s := range []string{"SREcon17", "Συνέδριο", "Москва 2026", "中国", "a\u0301b", "ǅ", "ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NameSlug(s)
		if !slugShape.MatchString(got) {
			t.Fatalf("NameSlug(%q) = %q", s, got)
		}
		if isASCII(s) && got != Slug(s) {
			t.Fatalf("NameSlug(%q) = %q, Slug %q", s, got, Slug(s))
		}
		if got == "" && spellable.MatchString(foldAccents(strings.ToLower(s))) {
			t.Fatalf("NameSlug(%q) is empty", s)
		}
	})
}

func TestNameID(t *testing.T) {
	a := NameID("schedule", []string{"中国开源年会", "中国开源年会"}, "file:///a.xml")
	if b := NameID("schedule", []string{"中国开源年会", "中国开源年会"}, "https://x.example/b.xml"); a != b {
		t.Errorf("the same names read from two places: %q and %q", a, b)
	}
	if c := NameID("schedule", []string{"日本開発者会議"}, "file:///a.xml"); c == a {
		t.Errorf("two names share %q", a)
	}
	if x, y := NameID("schedule", []string{"", ""}, "file:///a.xml"), NameID("schedule", []string{"", ""}, "file:///b.xml"); x == y {
		t.Errorf("two nameless programs from two places share %q", x)
	}
	if got := NameID("conference", []string{"Σύνοδος"}); got != "synodos" {
		t.Errorf("Greek: %q", got)
	}
	if got := NameID("conference", []string{"会议 2026"}); !strings.HasPrefix(got, "2026-") {
		t.Errorf("CJK with a year: %q", got)
	}
}
