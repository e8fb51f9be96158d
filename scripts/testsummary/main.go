// Command testsummary reads `go test -json` on stdin and prints a readable report: one line per
// package, the full output of every failed test, and a closing line "tests: N passed, N failed,
// N skipped" (also written to the file named by the first argument, if any). It exits 1 when any test or package failed. scripts/test uses it.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

type summary struct {
	passed, failed, skipped int
	failedPkgs              []string
	output                  map[string][]string // package/test -> its output lines, for failures
}

func main() {
	s, err := read(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(1)
	}
	totals := fmt.Sprintf("tests: %d passed, %d failed, %d skipped\n", s.passed, s.failed, s.skipped)
	if len(os.Args) > 1 {
		// the caller prints the totals as its very last line, after its own summary: once
		if err := os.WriteFile(os.Args[1], []byte(totals), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "testsummary:", err)
			fmt.Print("\n" + totals)
		}
	} else {
		fmt.Print("\n" + totals)
	}
	if s.failed > 0 || len(s.failedPkgs) > 0 {
		sort.Strings(s.failedPkgs)
		fmt.Printf("failed packages: %s\n", strings.Join(s.failedPkgs, " "))
		os.Exit(1)
	}
}

func read(in io.Reader, out io.Writer) (*summary, error) {
	s := &summary{output: map[string][]string{}}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
			fmt.Fprintln(out, string(line)) // build errors and the like come as plain text
			continue
		}
		s.add(e, out)
	}
	return s, sc.Err()
}

func (s *summary) add(e event, out io.Writer) {
	key := e.Package + " " + e.Test
	switch e.Action {
	case "build-output":
		fmt.Fprint(out, e.Output)
	case "output":
		if e.Test == "" && strings.HasPrefix(e.Output, "FAIL") || strings.Contains(e.Output, "[build failed]") {
			fmt.Fprint(out, e.Output)
		}
		s.output[key] = append(s.output[key], e.Output)
	case "pass":
		if e.Test == "" {
			fmt.Fprintf(out, "ok    %s %.1fs\n", e.Package, e.Elapsed)
		} else {
			s.passed++
		}
		delete(s.output, key)
	case "skip":
		if e.Test == "" {
			fmt.Fprintf(out, "-     %s (no tests)\n", e.Package)
		} else {
			s.skipped++
			fmt.Fprintf(out, "skip  %s %s: %s", e.Package, e.Test, lastLine(s.output[key]))
		}
		delete(s.output, key)
	case "fail":
		if e.Test == "" {
			s.failedPkgs = append(s.failedPkgs, e.Package)
			fmt.Fprintf(out, "FAIL  %s %.1fs\n%s", e.Package, e.Elapsed, strings.Join(s.output[key], ""))
		} else {
			s.failed++
			fmt.Fprintf(out, "--- FAIL %s %s\n%s", e.Package, e.Test, strings.Join(s.output[key], ""))
		}
		delete(s.output, key)
	}
}

// lastLine is the skip reason: the last line a skipped test printed before "--- SKIP".
func lastLine(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "--- SKIP") && !strings.HasPrefix(l, "=== ") {
			return l + "\n"
		}
	}
	return "\n"
}
