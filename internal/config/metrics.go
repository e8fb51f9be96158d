package config

import (
	"fmt"
	"net"
)

// MinMetricsTokenLength is the shortest metrics token taken: it is the only thing between the
// network and the process's figures on the public listener.
const MinMetricsTokenLength = 32

// Metrics says where /metrics is served. With neither set it is served nowhere; an operator
// chooses a listener of its own (Addr), the public listener behind a bearer token (Token), or
// both.
type Metrics struct {
	Addr  string // host:port of a listener serving only /metrics, e.g. on the monitoring network
	Token string // bearer token /metrics asks for on the public listener; from the environment only
}

func metricsOptions() []Option {
	serve := []string{"serve"}
	return []Option{
		{Flag: "metrics-addr", Env: "VEIVISER_METRICS_ADDR", Commands: serve,
			Usage: "host:port of a listener of its own serving /metrics (e.g. on the monitoring network); empty: none",
			set:   func(c *Config, v string) error { c.Metrics.Addr = v; return nil },
			get:   func(c *Config) string { return c.Metrics.Addr }},
		{Env: "VEIVISER_METRICS_TOKEN", Commands: serve, // a secret: no flag, so it never shows in ps
			Usage: fmt.Sprintf("bearer token that serves /metrics on the main listener (at least %d characters); empty: /metrics is not served there (environment only)", MinMetricsTokenLength),
			set:   func(c *Config, v string) error { c.Metrics.Token = v; return nil },
			get:   func(*Config) string { return "" }},
	}
}

func (m Metrics) validate() []error {
	var errs []error
	if m.Addr != "" {
		if _, port, err := net.SplitHostPort(m.Addr); err != nil || port == "" {
			errs = append(errs, fmt.Errorf("metrics addr %q: want host:port, e.g. 10.0.0.5:9100", m.Addr))
		}
	}
	if m.Token != "" && len(m.Token) < MinMetricsTokenLength {
		errs = append(errs, fmt.Errorf("metrics token: want at least %d characters (the value is not shown)", MinMetricsTokenLength))
	}
	return errs
}
