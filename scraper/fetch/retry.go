package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// Stats count what a scrape cost, for its closing line.
type Stats struct {
	Fetched     atomic.Int64 // complete answers from the network
	FromCache   atomic.Int64 // answered from the cache alone (offline)
	Revalidated atomic.Int64 // 304: the cached copy is still good
	Retried     atomic.Int64 // requests sent again after a fault
	Failed      atomic.Int64 // pages given up on
	Bytes       atomic.Int64 // body bytes received
}

// String is the closing line: the counts that are not zero, fetched and
// the bytes always ("pages: 60 fetched, 2 retried; 3.5 MiB"), well within
// 80 columns.
func (s *Stats) String() string {
	parts := []string{fmt.Sprintf("%d fetched", s.Fetched.Load())}
	for _, c := range []struct {
		n    int64
		what string
	}{{s.FromCache.Load(), "cached"}, {s.Revalidated.Load(), "revalidated"}, {s.Retried.Load(), "retried"}, {s.Failed.Load(), "failed"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	return "pages: " + strings.Join(parts, ", ") + "; " + ByteSize(s.Bytes.Load())
}

func ByteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// retryTransport sends a request again after faults that may pass: 429,
// 500, 502, 503, 504, timeouts, reset connections and bodies cut short,
// waiting exponentially longer (with jitter), or as long as Retry-After
// says, up to a cap. It reads every body whole, refusing one over max.
type retryTransport struct {
	next    http.RoundTripper
	retries int           // sends after the first
	base    time.Duration // first backoff
	maxWait time.Duration // cap on any one wait
	max     int64         // body size cap
	timeout time.Duration // per attempt
	stats   *Stats
	log     io.Writer // says why it waits
	sleep   func(ctx context.Context, d time.Duration) error
	jitter  func() float64 // in [0, 1)
}

func newRetryTransport(next http.RoundTripper, retries int, max int64, timeout time.Duration, stats *Stats) *retryTransport {
	return &retryTransport{next: next, retries: retries, base: time.Second, maxWait: 60 * time.Second,
		max: max, timeout: timeout, stats: stats, sleep: sleepCtx, jitter: rand.Float64}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var lastErr error
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			t.stats.Retried.Add(1)
		}
		resp, err := t.once(req)
		if req.Context().Err() != nil {
			return nil, req.Context().Err() // interrupted: no more tries
		}
		wait, retry := t.verdict(resp, err, attempt)
		if !retry {
			if err != nil && attempt > 0 {
				err = fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return resp, err
		}
		if resp != nil {
			lastErr = fmt.Errorf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		} else {
			lastErr = err
		}
		if attempt >= t.retries {
			return nil, fmt.Errorf("%w (gave up after %d attempts)", lastErr, attempt+1)
		}
		if t.log != nil {
			fmt.Fprintf(t.log, "%s: %v; trying again in %s (attempt %d of %d)\n", req.URL, lastErr, wait.Round(time.Second), attempt+2, t.retries+1)
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

// once sends the request and reads the whole body, within the timeout.
func (t *retryTransport) once(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	r := req.Clone(ctx)
	// One connection per request: a server that sends more than its
	// Content-Length leaves bytes on an idle connection, and net/http then
	// logs "Unsolicited response received on idle HTTP channel" to stderr
	// through the standard logger. Requests are a second apart anyway.
	r.Close = true
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s: %w", t.timeout, errTimeout)
		}
		return nil, err
	}
	defer resp.Body.Close()
	if resp.ContentLength > t.max {
		return nil, &TooLargeError{t.max}
	}
	body, err := readBody(resp.Body, resp.ContentLength, t.max)
	t.stats.Bytes.Add(int64(len(body)))
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("no complete answer within %s: %w", t.timeout, errTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTruncated, err)
	}
	if int64(len(body)) > t.max {
		return nil, &TooLargeError{t.max}
	}
	if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		return nil, fmt.Errorf("%w: %d of %d bytes", ErrTruncated, len(body), resp.ContentLength)
	}
	if body, err = t.gunzip(req, resp, body); err != nil {
		return nil, err
	}
	if isChallenge(resp, body) {
		return nil, ErrBlocked
	}
	resp.Body = newWholeBody(body)
	return resp, nil
}

// readBody reads at most max+1 bytes of r into a buffer allocated once
// when the server said how many it sends (size; -1 when it did not).
func readBody(r io.Reader, size, max int64) ([]byte, error) {
	if size < 0 || size > max {
		return io.ReadAll(io.LimitReader(r, max+1))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead)) // the read that meets the end needs room too
	_, err := buf.ReadFrom(io.LimitReader(r, max+1))
	return buf.Bytes(), err
}

// wholeBody is a response body read whole already: the layers above take
// its bytes (readWhole) rather than copying them again.
type wholeBody struct {
	*bytes.Reader
	data []byte
}

func newWholeBody(data []byte) wholeBody { return wholeBody{bytes.NewReader(data), data} }

func (wholeBody) Close() error { return nil }

// readWhole reads body to its end.
func readWhole(body io.Reader) ([]byte, error) {
	if w, ok := body.(wholeBody); ok && w.Len() == len(w.data) {
		w.Seek(0, io.SeekEnd)
		return w.data, nil
	}
	return io.ReadAll(body)
}

// verdict says whether to try again, and after how long.
func (t *retryTransport) verdict(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	if err != nil {
		if !transient(err) {
			return 0, false
		}
		return t.backoff(attempt), true
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
	default:
		return 0, false
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		return min(d, t.maxWait), true
	}
	return t.backoff(attempt), true
}

// backoff is base·2^attempt, plus up to half again at random, capped.
func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.base << min(attempt, 10)
	d += time.Duration(float64(d) / 2 * t.jitter())
	return min(d, t.maxWait)
}

// retryAfter reads Retry-After as seconds or as an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// transient: faults of the network that may pass.
func transient(err error) bool {
	var ne net.Error
	if errors.Is(err, ErrBlocked) || errors.As(err, new(*TooLargeError)) || errors.Is(err, context.Canceled) {
		return false
	}
	// A refused connection or an unknown host is no passing fault: a wrong
	// URL or no network. Waiting would only delay the message.
	return errors.Is(err, errTimeout) || errors.As(err, &ne) && ne.Timeout() ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, ErrTruncated)
}

var challengeRe = regexp.MustCompile(`(?i)<title>\s*(?:just a moment|attention required|access denied|please wait|verify you are human)|cf-chl-|challenge-platform|/cdn-cgi/challenge|g-recaptcha|h-captcha|cf-turnstile|captcha-form`)

// isChallenge recognises the pages bot protections answer with instead of
// the one asked for: Cloudflare's "Just a moment…" and "Attention
// Required", captcha forms, and 403/429/503 answers carrying such markers.
func isChallenge(resp *http.Response, body []byte) bool {
	if resp.Header.Get("Cf-Mitigated") == "challenge" {
		return true
	}
	// A real program page is large and may mention captcha in passing;
	// challenge pages are small.
	if len(body) > 256<<10 {
		return false
	}
	return challengeRe.Match(body)
}

// gunzip decompresses a gzip body here, within the size cap, whatever the
// headers say (Content-Encoding gzip or x-gzip, a gzip content type, a .gz
// path, or only gzip's magic bytes): colly would decompress it without any
// limit, and a megabyte of gzip can hold gigabytes. The response then says
// it is uncompressed, so nothing downstream tries again.
func (t *retryTransport) gunzip(req *http.Request, resp *http.Response, body []byte) ([]byte, error) {
	enc := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ctype := strings.ToLower(resp.Header.Get("Content-Type"))
	path := strings.ToLower(req.URL.Path)
	magic := len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b
	if !magic && !strings.Contains(enc, "gzip") && !strings.Contains(ctype, "gzip") && !strings.HasSuffix(path, ".gz") {
		resp.Uncompressed = true
		return body, nil
	}
	if !magic {
		// Said to be gzip but is not (a server that decompressed already):
		// taken as it is.
		resp.Header.Del("Content-Encoding")
		resp.Uncompressed = true
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %w", ErrTruncated, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, t.max+1))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip: %w", ErrTruncated, err)
	}
	if int64(len(out)) > t.max {
		return nil, &TooLargeError{t.max}
	}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	if strings.Contains(ctype, "gzip") {
		resp.Header.Set("Content-Type", "application/octet-stream") // the content decides what it is
	}
	resp.ContentLength = int64(len(out))
	resp.Uncompressed = true
	return out, nil
}
