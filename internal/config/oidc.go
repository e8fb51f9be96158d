package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// OIDC is one OpenID Connect provider for people signing in. It is on when Issuer is set.
type OIDC struct {
	Issuer       string // e.g. https://idporten.no
	ClientID     string
	ClientSecret string // from the environment only: a flag's value shows in the process list
	Claim        string // staff: the claim matched to the username; "" for preferred_username
}

// On reports whether the provider is configured.
func (o OIDC) On() bool { return o.Issuer != "" }

// oidcOptions are the settings of the two providers, ID-porten for citizens and the staff
// directory. The client secrets have no flag (Flag ""): Parse reads them from the environment only.
func oidcOptions() []Option {
	serve := []string{"serve"}
	str := func(field func(c *Config) *string) (func(c *Config, v string) error, func(c *Config) string) {
		return func(c *Config, v string) error { *field(c) = strings.TrimSpace(v); return nil },
			func(c *Config) string { return *field(c) }
	}
	opts := []struct {
		flag, env, usage string
		field            func(c *Config) *string
	}{
		{"oidc-citizen-issuer", "VEIVISER_OIDC_CITIZEN_ISSUER", "OpenID Connect issuer URL for citizens (ID-porten, e.g. https://idporten.no); empty: off",
			func(c *Config) *string { return &c.OIDCCitizen.Issuer }},
		{"oidc-citizen-client-id", "VEIVISER_OIDC_CITIZEN_CLIENT_ID", "client id registered at the citizens' provider",
			func(c *Config) *string { return &c.OIDCCitizen.ClientID }},
		{"", "VEIVISER_OIDC_CITIZEN_CLIENT_SECRET", "client secret at the citizens' provider (environment only)",
			func(c *Config) *string { return &c.OIDCCitizen.ClientSecret }},
		{"oidc-staff-issuer", "VEIVISER_OIDC_STAFF_ISSUER", "OpenID Connect issuer URL of the staff directory; empty: off",
			func(c *Config) *string { return &c.OIDCStaff.Issuer }},
		{"oidc-staff-client-id", "VEIVISER_OIDC_STAFF_CLIENT_ID", "client id registered at the staff directory",
			func(c *Config) *string { return &c.OIDCStaff.ClientID }},
		{"", "VEIVISER_OIDC_STAFF_CLIENT_SECRET", "client secret at the staff directory (environment only)",
			func(c *Config) *string { return &c.OIDCStaff.ClientSecret }},
		{"oidc-staff-claim", "VEIVISER_OIDC_STAFF_CLAIM", "the staff directory's claim matched to the username (e.g. preferred_username or email)",
			func(c *Config) *string { return &c.OIDCStaff.Claim }},
	}
	out := make([]Option, 0, len(opts))
	for _, o := range opts {
		set, get := str(o.field)
		out = append(out, Option{Flag: o.flag, Env: o.env, Usage: o.usage, Commands: serve, set: set, get: get})
	}
	return out
}

// validateOIDC checks the providers that are on: each needs its client id and secret, an
// https issuer (http only on the loopback, for tests and local providers), and a base URL,
// since the redirect URL registered at the provider is derived from it.
func (c Config) validateOIDC() []error {
	var errs []error
	for _, p := range []struct {
		name string
		o    OIDC
	}{{"citizen", c.OIDCCitizen}, {"staff", c.OIDCStaff}} {
		if !p.o.On() {
			if p.o.ClientID != "" || p.o.ClientSecret != "" {
				errs = append(errs, fmt.Errorf("oidc %s: client id or secret given without an issuer", p.name))
			}
			continue
		}
		if !issuerOK(p.o.Issuer) {
			errs = append(errs, fmt.Errorf("oidc %s issuer %q: want an https URL (http only on the loopback)", p.name, p.o.Issuer))
		}
		if p.o.ClientID == "" {
			errs = append(errs, fmt.Errorf("oidc %s: client id is required", p.name))
		}
		if p.o.ClientSecret == "" {
			errs = append(errs, fmt.Errorf("oidc %s: client secret is required (VEIVISER_OIDC_%s_CLIENT_SECRET)", p.name, strings.ToUpper(p.name)))
		}
		if c.BaseURL == "" {
			errs = append(errs, fmt.Errorf("oidc %s: needs --base-url, from which the redirect URL is made", p.name))
		}
	}
	return errs
}

func issuerOK(issuer string) bool {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return u.Scheme == "http" && (u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback()))
}
