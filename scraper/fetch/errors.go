package fetch

import (
	"errors"
	"fmt"
	"net/http"
)

// The errors a fetch ends with, for callers to tell apart with errors.Is
// and errors.As. Their messages name what failed, never a command-line flag:
// what to do about them is the command's to say.
var (
	// ErrBlocked: the site answered with a bot protection's challenge page.
	ErrBlocked = errors.New("blocked by the site's bot protection")
	// ErrNotCached: offline, and the page is not in the cache.
	ErrNotCached = errors.New("not in the cache")
	// ErrDisallowed: the site's robots.txt disallows the page.
	ErrDisallowed = errors.New("disallowed by the site's robots.txt")
	// ErrOffSite: a redirect led off the program's site (host and port).
	ErrOffSite = errors.New("confdigest stays on the program's site")
	// ErrRedirectLoop: redirects went on and on.
	ErrRedirectLoop = errors.New("too many redirects (a redirect loop?)")
	// ErrTruncated: the body ended before the length the server announced.
	ErrTruncated = errors.New("body cut short")
	// errTimeout: no (complete) answer within the per-attempt timeout.
	errTimeout = errors.New("timed out")
)

// BlockedError: the page at URL came back as a bot protection's challenge.
// It matches ErrBlocked.
type BlockedError struct{ URL string }

func (e *BlockedError) Error() string        { return e.URL + ": " + ErrBlocked.Error() }
func (e *BlockedError) Is(target error) bool { return target == ErrBlocked }

// NotCachedError: offline, and the page at URL is not in the cache Dir.
// It matches ErrNotCached.
type NotCachedError struct{ URL, Dir string }

func (e *NotCachedError) Error() string {
	if e.Dir == "" {
		return e.URL + " was not fetched: offline and without a cache"
	}
	return e.URL + " is not in the cache " + e.Dir
}
func (e *NotCachedError) Is(target error) bool { return target == ErrNotCached }

// RobotsError: the site's robots.txt could not be read (a server error, no
// answer, a redirect elsewhere). RFC 9309 says to take that as "everything
// disallowed", and confdigest does.
type RobotsError struct {
	Host string
	Err  error
}

func (e *RobotsError) Error() string {
	return fmt.Sprintf("the robots.txt of %s cannot be read (%v): as RFC 9309 asks, confdigest takes that as disallowing everything", e.Host, e.Err)
}
func (e *RobotsError) Unwrap() error { return e.Err }

// HTTPError is a final answer that is not a page: 404, 410, or a fault
// that lasted through every retry.
type HTTPError struct {
	URL    string
	Status int
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// RedirectError is a 3xx answer that leads nowhere: a 304 Not Modified
// to a request that asked for the whole page, a redirect without a
// Location, or one net/http does not follow (300, 305).
type RedirectError struct {
	URL      string
	Status   int
	Location string
}

func (e *RedirectError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
	switch {
	case e.Status == http.StatusNotModified:
		return s + " to a request for the whole page: the server sent no page"
	case e.Location == "":
		return s + " without a Location to go to: the server sent no page"
	}
	return fmt.Sprintf("%s to %q, a redirect confdigest does not follow", s, e.Location)
}

// TooLargeError is a body over the size cap.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the page is larger than %s; confdigest does not read pages that large", ByteSize(e.Max))
}

// UnreachableError: the host cannot be reached at all (refused, unknown).
type UnreachableError struct {
	Host string
	Err  error
}

func (e *UnreachableError) Error() string { return fmt.Sprintf("cannot reach %s: %v", e.Host, e.Err) }
func (e *UnreachableError) Unwrap() error { return e.Err }

// NotReadableError: the server sent something that is neither a page nor
// a schedule (an image, a PDF).
type NotReadableError struct {
	URL       string
	MediaType string
}

func (e *NotReadableError) Error() string {
	return fmt.Sprintf("%s: the server sent %s, not an HTML page or a schedule", e.URL, e.MediaType)
}
