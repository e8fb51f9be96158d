package main

import (
	"context"
	"strings"
	"testing"
)

func TestDispatch(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no command", wantCode: 2, wantStderr: "Usage: veiviser"},
		{name: "help", args: []string{"help"}, wantCode: 0, wantStdout: "migrate"},
		{name: "--help", args: []string{"--help"}, wantCode: 0, wantStdout: "serve"},
		{name: "version", args: []string{"version"}, wantCode: 0, wantStdout: "veiviser devel"},
		{name: "version extra", args: []string{"version", "x"}, wantCode: 2, wantStderr: "unexpected argument"},
		{name: "unknown", args: []string{"frobnicate"}, wantCode: 2, wantStderr: `unknown command "frobnicate"`},
		{name: "serve help", args: []string{"serve", "-h"}, wantCode: 0, wantStderr: "VEIVISER_SHUTDOWN_TIMEOUT"},
		{name: "serve bad flag", args: []string{"serve", "--nope"}, wantCode: 2, wantStderr: "not defined"},
		{name: "serve bad env", args: []string{"serve"}, env: map[string]string{"VEIVISER_LOG_FORMAT": "xml"},
			wantCode: 2, wantStderr: "log format"},
		{name: "migrate bad database url", args: []string{"migrate", "--database-url", "mysql://x"},
			wantCode: 2, wantStderr: "want postgres://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			e := env{args: tt.args, getenv: func(k string) string { return tt.env[k] }, stdout: &stdout, stderr: &stderr}
			code := dispatch(context.Background(), e)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstderr: %s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestMigrateSQLite(t *testing.T) {
	dir := t.TempDir()
	var stderr strings.Builder
	e := env{args: []string{"--data", dir + "/nested"}, getenv: func(string) string { return "" },
		stdout: &stderr, stderr: &stderr}
	if err := migrate(context.Background(), e); err != nil {
		t.Fatalf("migrate: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "migrations applied") {
		t.Errorf("no confirmation in the log:\n%s", stderr.String())
	}
}
