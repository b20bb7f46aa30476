package scraper

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/confdigest/confdigest/program"
)

// cacheTransport keeps a copy of every complete 200 answer to a GET on disk,
// and with offline answers from those copies alone. Online requests always
// go to the server, so a re-scrape sees a changed program.
type cacheTransport struct {
	dir     string
	offline bool
	next    http.RoundTripper
}

func (t *cacheTransport) path(u string) string {
	sum := sha256.Sum256([]byte(u))
	key := hex.EncodeToString(sum[:])
	return filepath.Join(t.dir, key[:2], key)
}

func (t *cacheTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || t.dir == "" {
		if t.offline {
			return nil, fmt.Errorf("offline and no cache: %s was not fetched", req.URL)
		}
		return t.next.RoundTrip(req)
	}
	p := t.path(req.URL.String())
	if t.offline {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("offline: %s is not in the cache %s; run once without --offline", req.URL, t.dir)
		}
		if err != nil {
			return nil, err
		}
		ctype, body, _ := bytes.Cut(data, []byte("\n"))
		return &http.Response{
			Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:        http.Header{"Content-Type": {string(ctype)}},
			Body:          io.NopCloser(bytes.NewReader(body)),
			ContentLength: int64(len(body)),
			Request:       req,
		}, nil
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err // a truncated body is never cached
	}
	if resp.ContentLength < 0 || int64(len(body)) == resp.ContentLength {
		ctype := strings.ReplaceAll(resp.Header.Get("Content-Type"), "\n", " ")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
			data := append([]byte(ctype+"\n"), body...)
			_ = program.WriteFileAtomic(p, data, 0o644) // a cache that cannot be written is no error
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
