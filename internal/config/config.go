// Package config turns command-line flags and environment variables into a validated Config.
// Every flag has an environment variable; a flag given on the command line wins over the
// variable, which wins over the default. There is no global state: the caller passes the
// arguments and a getenv function, so tests can use a map.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is everything the binary can be told.
type Config struct {
	Addr            string        // listen address, host:port
	DataDir         string        // folder for the SQLite file and the access log's journal (access-log/)
	DatabaseURL     string        // postgres://... to use PostgreSQL; empty for SQLite
	BaseURL         string        // public base URL, e.g. https://veiviser.example.no; empty: derived per request
	LogLevel        slog.Level    // debug, info, warn, error
	LogFormat       string        // text or json
	ShutdownTimeout time.Duration // how long in-flight requests may run after SIGTERM
	Demo            bool          // load the demo municipality into an empty embedded store
	OIDCCitizen     OIDC          // ID-porten for citizens (oidc.go); off when Issuer is empty
	OIDCStaff       OIDC          // the staff directory; off when Issuer is empty
	PprofAddr       string        // loopback host:port for /debug/pprof; empty: off
	HTTP            HTTP          // the HTTP server's timeouts and limits (limits.go)
	Metrics         Metrics       // where /metrics is served (metrics.go)
	Backups         Backups       // the server's scheduled backups (backup.go)
}

// Defaults are the values used when neither a flag nor a variable is set.
func Defaults() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		LogLevel:        slog.LevelInfo,
		LogFormat:       "text",
		ShutdownTimeout: 15 * time.Second,
		Demo:            true,
		HTTP:            DefaultHTTP(),
		OIDCStaff:       OIDC{Claim: "preferred_username"},
		Backups:         Backups{Every: 24 * time.Hour, Keep: 7},
	}
}

// Option is one setting: its flag, its environment variable and which subcommands take it.
type Option struct {
	Flag, Env, Usage string
	Commands         []string
	Bool             bool // takes no value on the command line, or =true/=false
	set              func(c *Config, v string) error
	get              func(c *Config) string
}

// Options lists every setting; the README's configuration table is written from it.
func Options() []Option {
	both := []string{"serve", "migrate"}
	serve := []string{"serve"}
	return append([]Option{
		{Flag: "addr", Env: "VEIVISER_ADDR", Commands: serve, Usage: "listen address (host:port)",
			set: func(c *Config, v string) error { c.Addr = v; return nil },
			get: func(c *Config) string { return c.Addr }},
		{Flag: "data", Env: "VEIVISER_DATA", Commands: both, Usage: "data directory; holds veiviser.db when no database URL is given, and the access log's journal (access-log/) on either store",
			set: func(c *Config, v string) error { c.DataDir = v; return nil },
			get: func(c *Config) string { return c.DataDir }},
		{Flag: "database-url", Env: "VEIVISER_DATABASE_URL", Commands: both, Usage: "PostgreSQL URL (postgres://...); empty for the embedded SQLite file",
			set: func(c *Config, v string) error { c.DatabaseURL = v; return nil },
			get: func(c *Config) string { return c.DatabaseURL }},
		{Flag: "base-url", Env: "VEIVISER_BASE_URL", Commands: serve, Usage: "public base URL used in links (e.g. https://veiviser.example.no); empty: taken from each request",
			set: func(c *Config, v string) error { c.BaseURL = strings.TrimRight(v, "/"); return nil },
			get: func(c *Config) string { return c.BaseURL }},
		{Flag: "log-level", Env: "VEIVISER_LOG_LEVEL", Commands: both, Usage: "debug, info, warn or error",
			set: setLevel, get: func(c *Config) string { return strings.ToLower(c.LogLevel.String()) }},
		{Flag: "log-format", Env: "VEIVISER_LOG_FORMAT", Commands: both, Usage: "text or json",
			set: func(c *Config, v string) error { c.LogFormat = strings.ToLower(v); return nil },
			get: func(c *Config) string { return c.LogFormat }},
		{Flag: "shutdown-timeout", Env: "VEIVISER_SHUTDOWN_TIMEOUT", Commands: serve, Usage: "how long in-flight requests may finish after SIGTERM (Go duration, e.g. 15s)",
			set: func(c *Config, v string) error { return parseDuration(v, &c.ShutdownTimeout) },
			get: func(c *Config) string { return c.ShutdownTimeout.String() }},
		{Flag: "demo", Env: "VEIVISER_DEMO", Commands: serve, Bool: true, Usage: "load the demo municipality into an empty embedded store (true/false)",
			set: setBool, get: func(c *Config) string { return strconv.FormatBool(c.Demo) }},
		{Flag: "pprof-addr", Env: "VEIVISER_PPROF_ADDR", Commands: serve, Usage: "loopback host:port serving /debug/pprof on its own listener (profiling); empty: off",
			set: func(c *Config, v string) error { c.PprofAddr = v; return nil },
			get: func(c *Config) string { return c.PprofAddr }},
	}, append(append(append(oidcOptions(), limitOptions()...), metricsOptions()...), backupOptions()...)...)
}

func setLevel(c *Config, v string) error {
	if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
		return fmt.Errorf("log level %q: want debug, info, warn or error", v)
	}
	return nil
}

func setBool(c *Config, v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("boolean %q: want true or false", v)
	}
	c.Demo = b
	return nil
}

// Parse reads the settings of one subcommand ("serve" or "migrate") from the environment and
// then from args, and validates the result. Usage and flag errors are written to output.
// flag.ErrHelp is returned as is when -h or --help was asked for.
func Parse(command string, args []string, getenv func(string) string, output io.Writer) (Config, error) {
	cfg := Defaults()
	fs := flag.NewFlagSet("veiviser "+command, flag.ContinueOnError)
	fs.SetOutput(output)
	var envOnly []string
	for _, o := range Options() {
		if !o.takes(command) {
			continue
		}
		if v := getenv(o.Env); v != "" {
			if err := o.set(&cfg, v); err != nil {
				return Config{}, fmt.Errorf("%s: %w", o.Env, err)
			}
		}
		if o.Flag == "" { // a secret: a flag's value would show in the process list
			envOnly = append(envOnly, fmt.Sprintf("  %s\n    \t%s", o.Env, o.Usage))
			continue
		}
		usage := fmt.Sprintf("%s (env %s, default %s)", o.Usage, o.Env, o.get(&cfg))
		if o.get(&cfg) == "" {
			usage = fmt.Sprintf("%s (env %s; empty by default)", o.Usage, o.Env)
		}
		set := func(v string) error { return o.set(&cfg, v) }
		if o.Bool {
			fs.BoolFunc(o.Flag, usage, set) // "--demo" alone means true, as with flag.Bool
		} else {
			fs.Func(o.Flag, usage, set)
		}
	}
	fs.Usage = func() {
		_, _ = fmt.Fprintf(output, "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
		if len(envOnly) > 0 {
			_, _ = fmt.Fprintf(output, "Environment only:\n%s\n", strings.Join(envOnly, "\n"))
		}
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err := cfg.Validate(command); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func (o Option) takes(command string) bool {
	for _, c := range o.Commands {
		if c == command {
			return true
		}
	}
	return false
}

// Validate checks the settings a subcommand uses and reports every problem at once.
func (c Config) Validate(command string) error {
	var errs []error
	if command == "serve" {
		if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
			errs = append(errs, fmt.Errorf("addr %q: want host:port, e.g. 127.0.0.1:8080", c.Addr))
		}
		if c.ShutdownTimeout <= 0 {
			errs = append(errs, fmt.Errorf("shutdown timeout %s: must be positive", c.ShutdownTimeout))
		}
		if c.BaseURL != "" {
			if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
				errs = append(errs, fmt.Errorf("base URL %q: want an absolute http(s) URL without query", c.BaseURL))
			}
		}
	}
	switch {
	case command == "serve" && c.DataDir == "":
		// the access log's journal lives there on PostgreSQL too
		errs = append(errs, errors.New("data directory: must not be empty (it holds the access log's journal, on PostgreSQL too)"))
	case c.DatabaseURL == "" && c.DataDir == "":
		errs = append(errs, errors.New("data directory: must not be empty when no database URL is given"))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("database URL: want postgres://... (the value is not shown: it may hold a password)"))
	}
	if command == "serve" {
		errs = append(errs, c.validateOIDC()...)
		errs = append(errs, c.HTTP.validate()...)
		errs = append(errs, c.Metrics.validate()...)
		errs = append(errs, c.Backups.validate(c.DatabaseURL)...)
		if c.PprofAddr != "" && !loopback(c.PprofAddr) {
			errs = append(errs, fmt.Errorf("pprof addr %q: want a loopback host:port, e.g. 127.0.0.1:6060", c.PprofAddr))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

// loopback reports whether addr is host:port with a loopback IP or localhost: profiles show
// internals that must never be reachable from the network.
func loopback(addr string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
