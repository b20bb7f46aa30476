package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/confdigest/confdigest/internal/atomicfile"
)

// cacheTransport keeps every complete 200 answer to a GET on disk with its
// validators (ETag, Last-Modified). Online, a cached page is revalidated: the
// request carries If-None-Match / If-Modified-Since, and a 304 is answered
// from the copy, so a re-scrape of an unchanged program downloads no page
// body. Offline, the copies alone answer; a page without one is an error
// naming it. Nothing but complete 200 answers is ever stored.
type cacheTransport struct {
	dir     string
	offline bool
	next    http.RoundTripper
	stats   *Stats
}

// entry is a cached page's metadata, stored beside its body.
type entry struct {
	URL          string `json:"url"`
	ContentType  string `json:"content_type"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func (t *cacheTransport) paths(u string) (meta, body string) {
	sum := sha256.Sum256([]byte(u))
	key := hex.EncodeToString(sum[:])
	base := filepath.Join(t.dir, key[:2], key)
	return base + ".json", base + ".body"
}

// load returns the cached entry and body for u, if there is a whole one.
func (t *cacheTransport) load(u string) (*entry, []byte, bool) {
	metaPath, bodyPath := t.paths(u)
	m, err := os.ReadFile(metaPath)
	if err != nil {
		return nil, nil, false
	}
	var e entry
	if json.Unmarshal(m, &e) != nil || e.URL != u {
		return nil, nil, false
	}
	body, err := os.ReadFile(bodyPath)
	if err != nil {
		return nil, nil, false
	}
	return &e, body, true
}

// store writes the body first and the metadata last: a body without its
// metadata is never read.
func (t *cacheTransport) store(u string, resp *http.Response, body []byte) {
	metaPath, bodyPath := t.paths(u)
	if os.MkdirAll(filepath.Dir(metaPath), 0o755) != nil {
		return // a cache that cannot be written is no error
	}
	e := entry{URL: u, ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	m, _ := json.Marshal(e)
	if atomicfile.WriteFileNoFollow(bodyPath, body, 0o644) == nil {
		_ = atomicfile.WriteFileNoFollow(metaPath, m, 0o644)
	}
}

// cacheable: pages, schedules and robots.txt, not whatever else a server
// may send.
func cacheable(ctype string) bool { return Readable(ctype) }

func cachedResponse(req *http.Request, e *entry, body []byte) *http.Response {
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {e.ContentType}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Uncompressed:  true, // stored as read: decompressed, within the cap
		Request:       req,
	}
}

func (t *cacheTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if req.Method != http.MethodGet || t.dir == "" {
		if t.offline {
			return nil, &NotCachedError{URL: u}
		}
		return t.next.RoundTrip(req)
	}
	e, body, cached := t.load(u)
	if t.offline {
		if !cached {
			return nil, &NotCachedError{URL: u, Dir: t.dir}
		}
		t.stats.FromCache.Add(1)
		return cachedResponse(req, e, body), nil
	}
	if cached && (e.ETag != "" || e.LastModified != "") {
		req = req.Clone(req.Context())
		if e.ETag != "" {
			req.Header.Set("If-None-Match", e.ETag)
		}
		if e.LastModified != "" {
			req.Header.Set("If-Modified-Since", e.LastModified)
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.StatusCode == http.StatusNotModified && cached:
		resp.Body.Close()
		t.stats.Revalidated.Add(1)
		return cachedResponse(req, e, body), nil
	case resp.StatusCode == http.StatusOK:
		t.stats.Fetched.Add(1)
		data, err := readWhole(resp.Body) // the retry layer read it
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if req.Context().Err() != nil {
			return nil, req.Context().Err()
		}
		if cacheable(resp.Header.Get("Content-Type")) {
			t.store(u, resp, data)
		}
		resp.Body = newWholeBody(data)
	}
	return resp, nil
}
