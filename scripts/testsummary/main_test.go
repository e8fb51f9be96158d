package main

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name                    string
		input                   string
		passed, failed, skipped int
		failedPkgs              int
		outHas                  []string
	}{
		{name: "pass and skip",
			input: `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"pass","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:3: no database\n"}
{"Action":"skip","Package":"p","Test":"TestB"}
{"Action":"pass","Package":"p","Elapsed":0.5}
{"Action":"skip","Package":"q"}`,
			passed: 1, skipped: 1, outHas: []string{"ok    p 0.5s", "skip  p TestB: b_test.go:3: no database", "-     q (no tests)"}},
		{name: "failure shows the test's output",
			input: `{"Action":"output","Package":"p","Test":"TestC","Output":"    c_test.go:9: got 1, want 2\n"}
{"Action":"fail","Package":"p","Test":"TestC"}
{"Action":"fail","Package":"p","Elapsed":1}`,
			failed: 1, failedPkgs: 1, outHas: []string{"--- FAIL p TestC", "got 1, want 2", "FAIL  p"}},
		{name: "build failure",
			input: `{"ImportPath":"p","Action":"build-output","Output":"p/x.go:1: syntax error\n"}
{"Action":"fail","Package":"p","Elapsed":0}`,
			failedPkgs: 1, outHas: []string{"syntax error"}},
		{name: "plain text passes through", input: "no json here", outHas: []string{"no json here"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			s, err := read(strings.NewReader(tt.input), &out)
			if err != nil {
				t.Fatal(err)
			}
			if s.passed != tt.passed || s.failed != tt.failed || s.skipped != tt.skipped || len(s.failedPkgs) != tt.failedPkgs {
				t.Errorf("got %d passed %d failed %d skipped %v failed packages; want %d %d %d %d",
					s.passed, s.failed, s.skipped, s.failedPkgs, tt.passed, tt.failed, tt.skipped, tt.failedPkgs)
			}
			for _, want := range tt.outHas {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}
