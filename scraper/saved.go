package scraper

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/confdigest/confdigest/internal/htmlmd"
)

// A program page saved to disk (by wget --convert-links, or a browser's
// "Save page as") reads as the live page would: its links are made what
// they were on the site, so the program file names the site's URLs.

// SavedPath reports whether arg names a saved file rather than a URL: a
// file:// URL, or a path to a file that exists.
func SavedPath(arg string) (string, bool) {
	if u, err := url.Parse(arg); err == nil && u.Scheme == "file" {
		return u.Path, true
	}
	if strings.Contains(arg, "://") {
		return "", false
	}
	if fi, err := os.Stat(arg); err == nil && fi.Mode().IsRegular() {
		return arg, true
	}
	return "", false
}

// SavedPageError: a saved file whose original address cannot be told.
type SavedPageError struct{ Path string }

func (e *SavedPageError) Error() string {
	return e.Path + ": cannot tell which address this saved page had (no canonical link, no /conference/<id>/ in its path); save it again with its links, or scrape the URL"
}

var (
	// Links that name the page's own site path: a login link's
	// destination ("/user?destination=conference/nsdi21/technical-sessions").
	destinationRe = regexp.MustCompile(`https?://([^/"'\s]+)/user\?destination=(conference/[^"'&#\s]+)`)
	// A path inside a wget mirror: ".../www.usenix.org/conference/<id>/<page>.html".
	mirrorPathRe = regexp.MustCompile(`(?:^|/)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/(conference/.+?)(?:\.html?)?$`)
	confInPathRe = regexp.MustCompile(`(?:^|/)(conference/[^/]+/[^/]+?)(?:\.html?)?$`)
)

// readSaved reads a saved page and returns it with its links restored,
// and the address it had.
func readSaved(path string) ([]byte, *url.URL, error) {
	body, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return body, &url.URL{Scheme: "file", Path: absPath(path)}, nil // a saved schedule: no links to restore
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	orig := savedOrigin(doc, body, path)
	if orig == nil {
		return nil, nil, &SavedPageError{Path: path}
	}
	restoreLinks(doc, orig)
	var out bytes.Buffer
	if err := html.Render(&out, doc); err != nil {
		return nil, nil, err
	}
	return out.Bytes(), orig, nil
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return filepath.ToSlash(a)
	}
	return filepath.ToSlash(p)
}

// savedOrigin is the address the page had: its canonical link when that is
// absolute, else the address its login link returns to, else what the
// saved path says (a wget mirror keeps the site's folders).
func savedOrigin(doc *html.Node, body []byte, path string) *url.URL {
	if c := canonical(doc); c != "" {
		if u, err := url.Parse(c); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u
		}
	}
	if m := destinationRe.FindSubmatch(body); m != nil {
		return &url.URL{Scheme: "https", Host: string(m[1]), Path: "/" + string(m[2])}
	}
	p := absPath(path)
	if m := mirrorPathRe.FindStringSubmatch(p); m != nil {
		return &url.URL{Scheme: "https", Host: m[1], Path: "/" + m[2]}
	}
	if m := confInPathRe.FindStringSubmatch(p); m != nil {
		return &url.URL{Scheme: "https", Host: "www.usenix.org", Path: "/" + m[1]}
	}
	return nil
}

func canonical(doc *html.Node) string {
	var found string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != "" {
			return
		}
		if n.Type == html.ElementNode && n.Data == "link" && strings.EqualFold(htmlmd.Attr(n, "rel"), "canonical") {
			found = htmlmd.Attr(n, "href")
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// restoreLinks resolves the saved page's relative links against its
// address, dropping the ".html" wget adds to pages that had none, and
// points its canonical link there.
func restoreLinks(doc *html.Node, orig *url.URL) {
	dropExt := !strings.HasSuffix(orig.Path, ".html") && !strings.HasSuffix(orig.Path, ".htm")
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for i, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if n.Data == "link" && strings.EqualFold(htmlmd.Attr(n, "rel"), "canonical") {
					n.Attr[i].Val = orig.String()
					continue
				}
				n.Attr[i].Val = restoreLink(a.Val, orig, dropExt)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func restoreLink(href string, orig *url.URL, dropExt bool) string {
	href = strings.TrimSpace(href)
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || href == "" || strings.HasPrefix(href, "#") {
		return href // absolute already, or a link within the page
	}
	r := orig.ResolveReference(u)
	if dropExt && !strings.HasPrefix(href, "/") {
		for _, ext := range []string{".html", ".htm"} {
			if p, ok := strings.CutSuffix(r.Path, ext); ok && !strings.Contains(path.Base(p), ".") {
				r.Path = p
				break
			}
		}
	}
	return r.String()
}
