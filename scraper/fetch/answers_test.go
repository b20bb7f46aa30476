package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRedirectsLeadingNowhere: a 3xx that is no loop says what it was,
// not "too many redirects"; a loop still says loop.
func TestRedirectsLeadingNowhere(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"lone 304", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) },
			"HTTP 304 Not Modified to a request for the whole page"},
		{"302 without Location", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusFound) },
			"HTTP 302 Found without a Location to go to"},
		{"300 with a Location", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "/b")
			w.WriteHeader(http.StatusMultipleChoices)
		}, `HTTP 300 Multiple Choices to "/b", a redirect confdigest does not follow`},
		{"loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path, http.StatusFound) },
			"too many redirects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					http.NotFound(w, r)
					return
				}
				tc.handler(w, r)
			}))
			defer srv.Close()
			u := mustParse(t, srv.URL+"/program")
			f, err := New(context.Background(), u, Options{UserAgent: "confdigest/test", DelaySet: true})
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = f.Get(context.Background(), u.String())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if tc.name != "loop" && errors.Is(err, ErrRedirectLoop) {
				t.Errorf("%v is reported as a redirect loop", err)
			}
		})
	}
}

// TestOverlongBodyLogsNothing: a server that sends more bytes than its
// Content-Length made net/http log "Unsolicited response received on idle
// HTTP channel" to stderr when the connection was reused. Nothing a
// library logs reaches the standard logger now.
func TestOverlongBodyLogsNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				rd := bufio.NewReader(conn)
				for {
					req, err := http.ReadRequest(rd)
					if err != nil {
						return
					}
					body := "<html><body>a page</body></html>"
					if req.URL.Path == "/robots.txt" {
						body = "User-agent: *\nDisallow: /private\n"
					}
					// Content-Length says less than is sent.
					conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
						strconv.Itoa(len(body)) + "\r\n\r\n" + body + "HTTP/1.1 200 OK\r\n\r\nextra"))
				}
			}()
		}
	}()
	var logged bytes.Buffer
	orig := log.Writer()
	log.SetOutput(&logged)
	defer log.SetOutput(orig)
	u := mustParse(t, "http://"+ln.Addr().String()+"/program")
	f, err := New(context.Background(), u, Options{UserAgent: "confdigest/test", DelaySet: true, Delay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, _, err := f.Get(context.Background(), u.String()); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(50 * time.Millisecond) // the transport's read loop logs asynchronously
	if logged.Len() > 0 {
		t.Errorf("the standard logger got %q", logged.String())
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
