package config

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhirapi"
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
		{name: "limits by flag", command: "serve",
			args: []string{"--read-header-timeout=2s", "--read-timeout=30s", "--write-timeout=45s", "--idle-timeout=1m",
				"--max-header-bytes=8192", "--max-connections=50"},
			want: func(c *Config) {
				c.HTTP = HTTP{ReadHeaderTimeout: 2 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 45 * time.Second,
					IdleTimeout: time.Minute, MaxHeaderBytes: 8192, MaxConnections: 50}
			}},
		{name: "limits by env", command: "serve",
			env: map[string]string{"VEIVISER_READ_TIMEOUT": "5m", "VEIVISER_WRITE_TIMEOUT": "6m", "VEIVISER_MAX_CONNECTIONS": "10"},
			want: func(c *Config) {
				c.HTTP.ReadTimeout, c.HTTP.WriteTimeout, c.HTTP.MaxConnections = 5*time.Minute, 6*time.Minute, 10
			}},
		{name: "migrate ignores limits", command: "migrate", env: map[string]string{"VEIVISER_READ_TIMEOUT": "soon"}, want: func(*Config) {}},
		{name: "bad limit duration", command: "serve", args: []string{"--idle-timeout", "later"}, wantErr: "duration"},
		{name: "zero read timeout", command: "serve", args: []string{"--read-timeout=0s"}, wantErr: "read timeout 0s: must be positive"},
		{name: "read timeout under header timeout", command: "serve", args: []string{"--read-timeout=5s"}, wantErr: "at least the read header timeout"},
		{name: "write timeout under read timeout", command: "serve", args: []string{"--write-timeout=1m"}, wantErr: "at least the read timeout"},
		{name: "bad number", command: "serve", env: map[string]string{"VEIVISER_MAX_CONNECTIONS": "many"}, wantErr: "VEIVISER_MAX_CONNECTIONS"},
		{name: "no connections", command: "serve", args: []string{"--max-connections=0"}, wantErr: "max connections 0"},
		{name: "tiny headers", command: "serve", args: []string{"--max-header-bytes=100"}, wantErr: "max header bytes"},
		{name: "metrics listener", command: "serve", args: []string{"--metrics-addr", "10.0.0.5:9100"},
			want: func(c *Config) { c.Metrics.Addr = "10.0.0.5:9100" }},
		{name: "metrics token from env", command: "serve", env: map[string]string{"VEIVISER_METRICS_TOKEN": strings.Repeat("t", 32)},
			want: func(c *Config) { c.Metrics.Token = strings.Repeat("t", 32) }},
		{name: "no metrics token flag", command: "serve", args: []string{"--metrics-token", "x"}, wantErr: "flag provided but not defined"},
		{name: "short metrics token hides value", command: "serve", env: map[string]string{"VEIVISER_METRICS_TOKEN": "secret"}, wantErr: "metrics token"},
		{name: "bad metrics addr", command: "serve", args: []string{"--metrics-addr", "9100"}, wantErr: "metrics addr"},
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

// TestDefaultLimitsCarryTheLargestUpload: the read timeout lets the API's largest body (10 MB)
// arrive over a slow line of 1 Mbit/s, and the write timeout runs past it, since it starts at the
// end of the headers; the defaults are valid.
func TestDefaultLimitsCarryTheLargestUpload(t *testing.T) {
	const slowLine = 1_000_000 // bits per second
	h := Defaults().HTTP
	upload := time.Duration(fhirapi.MaxBodyBytes*8/slowLine) * time.Second
	if h.ReadTimeout < upload+h.ReadHeaderTimeout {
		t.Errorf("read timeout %s: 10 MB at 1 Mbit/s takes %s after the headers' %s", h.ReadTimeout, upload, h.ReadHeaderTimeout)
	}
	if h.WriteTimeout < h.ReadTimeout+30*time.Second {
		t.Errorf("write timeout %s leaves under 30 s to answer after a read of %s", h.WriteTimeout, h.ReadTimeout)
	}
	if errs := h.validate(); len(errs) > 0 {
		t.Errorf("the defaults are invalid: %v", errs)
	}
}
