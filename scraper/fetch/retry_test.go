package fetch

import (
	"net/http"
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
