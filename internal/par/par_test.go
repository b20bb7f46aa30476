package par

import (
	"sync/atomic"
	"testing"
)

func TestLaterKeepsEachValue(t *testing.T) {
	for _, q := range []*Queue{NewQueue(), nil} {
		var vs []*Value[int]
		for i := range 1000 { // more than the queue holds: Later waits for room
			vs = append(vs, Later(q, func() int { return i * i }))
		}
		for i, v := range vs {
			if got := v.Get(); got != i*i {
				t.Fatalf("value %d: got %d, want %d", i, got, i*i)
			}
		}
		q.Close() // a nil Queue too
	}
}

func TestCloseWaitsForQueuedWork(t *testing.T) {
	q := NewQueue()
	var done atomic.Int32
	for range 500 {
		Later(q, func() bool { done.Add(1); return true })
	}
	q.Close()
	if n := done.Load(); n != 500 {
		t.Fatalf("Close returned with %d of 500 done", n)
	}
}
