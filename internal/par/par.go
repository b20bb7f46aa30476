// Package par runs the costly, independent steps of a command side by
// side on every processor: converting the abstracts of a program while its
// page or schedule is still being read. It is the one worker pool of
// confdigest; BENCHMARKS.md gives what it gains on real programs.
package par

import (
	"runtime"
	"sync"
)

// A Queue runs the functions given to Later on runtime.GOMAXPROCS(0)
// workers in the background, in the order given, while the caller goes
// on. Close it when no more work will come. A nil *Queue runs each at once.
type Queue struct {
	work chan func()
	wg   sync.WaitGroup
}

// NewQueue starts the workers of a queue.
func NewQueue() *Queue {
	q := &Queue{work: make(chan func(), 256)}
	for range runtime.GOMAXPROCS(0) {
		q.wg.Go(func() {
			for f := range q.work {
				f()
			}
		})
	}
	return q
}

// Close says no more work will come, and waits for what is queued.
func (q *Queue) Close() {
	if q == nil {
		return
	}
	close(q.work)
	q.wg.Wait()
}

// A Value is worked out on a Queue; Get waits for it.
type Value[T any] struct {
	done chan struct{}
	v    T
}

// Later queues f on q and returns its value to come. With q nil, f runs
// at once. When 256 functions wait on q, Later waits for room.
func Later[T any](q *Queue, f func() T) *Value[T] {
	v := &Value[T]{done: make(chan struct{})}
	if q == nil {
		v.v = f()
		close(v.done)
		return v
	}
	q.work <- func() {
		defer close(v.done)
		v.v = f()
	}
	return v
}

// Get waits for the value and returns it.
func (v *Value[T]) Get() T {
	<-v.done
	return v.v
}
