// Command benchbase is the baseline of the whole-command benchmarks
// (cmd/confdigest/whole_bench_test.go): a Go program that only fetches and
// parses the same bytes confdigest reads, so that confdigest's own cost is
// seen as a ratio to it.
//
//	benchbase html URL     fetch and html.Parse
//	benchbase xml URL      fetch and walk the XML tokens
//	benchbase yaml FILE    read and decode with yaml.v3
package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/confdigest/confdigest/program"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: benchbase html|xml URL | benchbase yaml FILE")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "benchbase:", err)
		os.Exit(1)
	}
}

func run(kind, arg string) error {
	if kind == "yaml" {
		data, err := os.ReadFile(arg)
		if err != nil {
			return err
		}
		var p program.Program
		return yaml.Unmarshal(data, &p)
	}
	resp, err := http.Get(arg)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	switch kind {
	case "html":
		_, err = html.Parse(bytes.NewReader(body))
		return err
	case "xml":
		d := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := d.Token(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("unknown kind %q", kind)
}
