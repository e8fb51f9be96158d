package config

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		command string
		args    []string
		env     map[string]string
		want    func(*Config) // edits Defaults() into the expected value
		wantErr string        // substring of the error; "" means no error
	}{
		{name: "defaults", command: "serve", want: func(*Config) {}},
		{name: "flags", command: "serve",
			args: []string{"--addr", "0.0.0.0:9000", "--data", "/var/lib/v", "--log-level", "debug",
				"--log-format", "json", "--shutdown-timeout", "3s", "--demo=false", "--base-url", "https://v.example.no/"},
			want: func(c *Config) {
				c.Addr, c.DataDir, c.LogLevel, c.LogFormat = "0.0.0.0:9000", "/var/lib/v", slog.LevelDebug, "json"
				c.ShutdownTimeout, c.Demo, c.BaseURL = 3*time.Second, false, "https://v.example.no"
			}},
		{name: "env", command: "serve",
			env: map[string]string{"VEIVISER_ADDR": "127.0.0.1:1", "VEIVISER_DATA": "/d", "VEIVISER_LOG_LEVEL": "WARN",
				"VEIVISER_DATABASE_URL": "postgres://u@h/db", "VEIVISER_DEMO": "false", "VEIVISER_SHUTDOWN_TIMEOUT": "1m"},
			want: func(c *Config) {
				c.Addr, c.DataDir, c.LogLevel, c.DatabaseURL = "127.0.0.1:1", "/d", slog.LevelWarn, "postgres://u@h/db"
				c.Demo, c.ShutdownTimeout = false, time.Minute
			}},
		{name: "flag wins over env", command: "serve", args: []string{"--addr=127.0.0.1:2", "--demo"},
			env:  map[string]string{"VEIVISER_ADDR": "127.0.0.1:1", "VEIVISER_DEMO": "false"},
			want: func(c *Config) { c.Addr = "127.0.0.1:2" }},
		{name: "migrate takes data", command: "migrate", args: []string{"--data", "x"},
			want: func(c *Config) { c.DataDir = "x" }},
		{name: "migrate ignores serve env", command: "migrate", env: map[string]string{"VEIVISER_ADDR": "nonsense"},
			want: func(*Config) {}},
		{name: "migrate refuses addr", command: "migrate", args: []string{"--addr", "127.0.0.1:1"}, wantErr: "flag provided but not defined"},
		{name: "bad addr", command: "serve", args: []string{"--addr", "8080"}, wantErr: "addr"},
		{name: "bad level", command: "serve", env: map[string]string{"VEIVISER_LOG_LEVEL": "loud"}, wantErr: "VEIVISER_LOG_LEVEL"},
		{name: "bad format", command: "serve", args: []string{"--log-format", "xml"}, wantErr: "log format"},
		{name: "bad duration", command: "serve", args: []string{"--shutdown-timeout", "soon"}, wantErr: "duration"},
		{name: "zero duration", command: "serve", args: []string{"--shutdown-timeout", "0s"}, wantErr: "must be positive"},
		{name: "bad bool env", command: "serve", env: map[string]string{"VEIVISER_DEMO": "maybe"}, wantErr: "VEIVISER_DEMO"},
		{name: "bad database url hides value", command: "serve", args: []string{"--database-url", "mysql://secret@h"}, wantErr: "want postgres://"},
		{name: "postgresql scheme", command: "migrate", args: []string{"--database-url", "postgresql://h/db"},
			want: func(c *Config) { c.DatabaseURL = "postgresql://h/db" }},
		{name: "pprof on loopback", command: "serve", args: []string{"--pprof-addr", "127.0.0.1:6060"},
			want: func(c *Config) { c.PprofAddr = "127.0.0.1:6060" }},
		{name: "pprof off loopback", command: "serve", args: []string{"--pprof-addr", "0.0.0.0:6060"}, wantErr: "pprof addr"},
		{name: "empty data", command: "serve", args: []string{"--data", ""}, env: map[string]string{}, wantErr: "data directory"},
		{name: "serve needs data with database too", command: "serve", args: []string{"--data=", "--database-url=postgres://h/d"},
			wantErr: "access log's journal"},
		{name: "empty data with database", command: "migrate", args: []string{"--data=", "--database-url=postgres://h/d"},
			want: func(c *Config) { c.DataDir, c.DatabaseURL = "", "postgres://h/d" }},
		{name: "relative base url", command: "serve", args: []string{"--base-url", "/fhir"}, wantErr: "base URL"},
		{name: "stray argument", command: "serve", args: []string{"extra"}, wantErr: "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.command, tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error %q shows the database URL", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := Defaults()
			tt.want(&want)
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestParseHelp(t *testing.T) {
	var out strings.Builder
	_, err := Parse("serve", []string{"-h"}, env(nil), &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("error = %v, want flag.ErrHelp", err)
	}
	for _, o := range Options() {
		if o.takes("serve") && !strings.Contains(out.String(), o.Env) {
			t.Errorf("help does not mention %s:\n%s", o.Env, out.String())
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Defaults()
	c.Addr, c.LogFormat, c.ShutdownTimeout = "nope", "yaml", -1
	err := c.Validate("serve")
	for _, want := range []string{"addr", "log format", "shutdown timeout"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}
