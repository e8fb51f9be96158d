package config

import (
	"fmt"
	"strconv"
	"time"
)

// HTTP are the HTTP server's limits: how long a client may take and how much it may hold.
// docs/operations.md ("Limits and timeouts") gives the reasoning for each default.
type HTTP struct {
	// ReadHeaderTimeout: the request line and headers must arrive within it.
	ReadHeaderTimeout time.Duration
	// ReadTimeout: the whole request, body included. The largest body is the API's 10 MB;
	// the default 2 minutes carry it over a line of about 0.75 Mbit/s (84 s at 1 Mbit/s).
	ReadTimeout time.Duration
	// WriteTimeout runs from the end of the headers to the end of the answer, so it holds the
	// body's reading too: at least ReadTimeout.
	WriteTimeout time.Duration
	// IdleTimeout: a kept-alive connection waiting for its next request is closed after it.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds the request line and headers together.
	MaxHeaderBytes int
	// MaxConnections is how many connections are served at once; more wait to be accepted.
	MaxConnections int
}

// DefaultHTTP are the defaults of the HTTP server's limits.
func DefaultHTTP() HTTP {
	return HTTP{
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      3 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		MaxConnections:    1000,
	}
}

// limitOptions are the settings of the HTTP server's limits.
func limitOptions() []Option {
	serve := []string{"serve"}
	dur := func(flag, env, usage string, field func(c *Config) *time.Duration) Option {
		return Option{Flag: flag, Env: env, Commands: serve, Usage: usage + " (Go duration, e.g. 30s)",
			set: func(c *Config, v string) error { return parseDuration(v, field(c)) },
			get: func(c *Config) string { return field(c).String() }}
	}
	num := func(flag, env, usage string, field func(c *Config) *int) Option {
		return Option{Flag: flag, Env: env, Commands: serve, Usage: usage,
			set: func(c *Config, v string) error { return parseInt(v, field(c)) },
			get: func(c *Config) string { return strconv.Itoa(*field(c)) }}
	}
	return []Option{
		dur("read-header-timeout", "VEIVISER_READ_HEADER_TIMEOUT", "how long a client may take to send a request's headers",
			func(c *Config) *time.Duration { return &c.HTTP.ReadHeaderTimeout }),
		dur("read-timeout", "VEIVISER_READ_TIMEOUT", "how long a client may take to send a whole request, body included (the API takes 10 MB)",
			func(c *Config) *time.Duration { return &c.HTTP.ReadTimeout }),
		dur("write-timeout", "VEIVISER_WRITE_TIMEOUT", "how long a request may take from its headers to the end of the answer (at least the read timeout)",
			func(c *Config) *time.Duration { return &c.HTTP.WriteTimeout }),
		dur("idle-timeout", "VEIVISER_IDLE_TIMEOUT", "how long a kept-alive connection may wait for its next request",
			func(c *Config) *time.Duration { return &c.HTTP.IdleTimeout }),
		num("max-header-bytes", "VEIVISER_MAX_HEADER_BYTES", "the most bytes of a request's line and headers together",
			func(c *Config) *int { return &c.HTTP.MaxHeaderBytes }),
		num("max-connections", "VEIVISER_MAX_CONNECTIONS", "how many connections are served at once; more wait to be accepted",
			func(c *Config) *int { return &c.HTTP.MaxConnections }),
	}
}

func parseDuration(v string, to *time.Duration) error {
	d, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("duration %q: %w", v, err)
	}
	*to = d
	return nil
}

func parseInt(v string, to *int) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("number %q: want a whole number", v)
	}
	*to = n
	return nil
}

// validate reports every limit that cannot work.
func (h HTTP) validate() []error {
	var errs []error
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read header timeout", h.ReadHeaderTimeout}, {"read timeout", h.ReadTimeout}, {"write timeout", h.WriteTimeout}, {"idle timeout", h.IdleTimeout}} {
		if d.v <= 0 {
			errs = append(errs, fmt.Errorf("%s %s: must be positive", d.name, d.v))
		}
	}
	if h.ReadTimeout < h.ReadHeaderTimeout {
		errs = append(errs, fmt.Errorf("read timeout %s: must be at least the read header timeout %s", h.ReadTimeout, h.ReadHeaderTimeout))
	}
	if h.WriteTimeout < h.ReadTimeout {
		errs = append(errs, fmt.Errorf("write timeout %s: must be at least the read timeout %s, as it runs while the body is read", h.WriteTimeout, h.ReadTimeout))
	}
	if h.MaxHeaderBytes < 4<<10 {
		errs = append(errs, fmt.Errorf("max header bytes %d: want at least 4096", h.MaxHeaderBytes))
	}
	if h.MaxConnections < 1 {
		errs = append(errs, fmt.Errorf("max connections %d: must be at least 1", h.MaxConnections))
	}
	return errs
}
