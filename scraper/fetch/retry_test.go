package fetch

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAfterDate(t *testing.T) {
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	if d, ok := retryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now); !ok || d != 90*time.Second {
		t.Errorf("retryAfter(date) = %v, %v; want 90s", d, ok)
	}
	if _, ok := retryAfter("soon", now); ok {
		t.Error("retryAfter(soon) accepted")
	}
}

// The closing line of a scrape fits 80 columns even with every count,
// and leaves out the counts that are zero.
func TestStatsLine(t *testing.T) {
	var s Stats
	s.Fetched.Store(60)
	s.Bytes.Store(3_670_016)
	if got, want := s.String(), "pages: 60 fetched; 3.5 MiB"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// A long re-scrape with --details: many pages, some faults.
	for c, n := range map[*atomic.Int64]int64{&s.Fetched: 999, &s.Revalidated: 999, &s.Retried: 99, &s.Failed: 99} {
		c.Store(n)
	}
	s.Bytes.Store(999 << 20)
	if got := s.String(); len(got) > 80 || !strings.Contains(got, "99 failed") {
		t.Errorf("%q: %d columns", got, len(got))
	}
}
