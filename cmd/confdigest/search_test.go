package main

import (
	"reflect"
	"testing"

	"github.com/confdigest/confdigest/program"
)

// mark --search "rust" marks the talk about Rust, not the ones on trust
// or that frustrate; a part of a word still finds what nothing else does.
func TestSearchWholeWordsFirst(t *testing.T) {
	all := []*program.Talk{
		{ID: "zt", Title: "Zero Trust Networking"},
		{ID: "rs", Title: "Memory Safety", Abstract: "How we moved a parser to Rust."},
		{ID: "fr", Title: "Attacks That Frustrate Fuzzers"},
		{ID: "ru", Title: "Rustaceans at Work"},
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"rust", []string{"rs"}},
		{"RUST", []string{"rs"}},
		{"trus", []string{"zt"}},
		{"rustacean", []string{"ru"}},
		{"networking", []string{"zt"}},
		{"nothing", nil},
	} {
		if got := searchTalks(all, tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("searchTalks(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
