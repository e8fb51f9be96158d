package config

import (
	"io"
	"strings"
	"testing"
)

func TestParseOIDC(t *testing.T) {
	base := map[string]string{
		"VEIVISER_BASE_URL":                   "https://veiviser.example.no",
		"VEIVISER_OIDC_CITIZEN_ISSUER":        "https://idporten.example.no",
		"VEIVISER_OIDC_CITIZEN_CLIENT_ID":     "veiviser",
		"VEIVISER_OIDC_CITIZEN_CLIENT_SECRET": "hemmelig",
	}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string // "" for success
		check   func(t *testing.T, c Config)
	}{
		{name: "citizen from the environment", env: base, check: func(t *testing.T, c Config) {
			want := OIDC{Issuer: "https://idporten.example.no", ClientID: "veiviser", ClientSecret: "hemmelig"}
			if c.OIDCCitizen != want || c.OIDCStaff.On() {
				t.Errorf("got %+v / %+v", c.OIDCCitizen, c.OIDCStaff)
			}
		}},
		{name: "staff from flags, secret from the environment",
			env: with("VEIVISER_OIDC_STAFF_CLIENT_SECRET", "s"),
			args: []string{"--oidc-staff-issuer", "https://login.example.no/tenant/v2.0",
				"--oidc-staff-client-id", "vv", "--oidc-staff-claim", "email"},
			check: func(t *testing.T, c Config) {
				want := OIDC{Issuer: "https://login.example.no/tenant/v2.0", ClientID: "vv", ClientSecret: "s", Claim: "email"}
				if c.OIDCStaff != want {
					t.Errorf("got %+v, want %+v", c.OIDCStaff, want)
				}
			}},
		{name: "http issuer on the loopback", env: with("VEIVISER_OIDC_CITIZEN_ISSUER", "http://127.0.0.1:9000")},
		{name: "off", env: map[string]string{}, check: func(t *testing.T, c Config) {
			if c.OIDCCitizen.On() || c.OIDCStaff.On() {
				t.Error("a provider is on without configuration")
			}
		}},
		{name: "the secret has no flag", env: base, args: []string{"--oidc-citizen-client-secret", "x"},
			wantErr: "flag provided but not defined"},
		{name: "secret missing", env: with("VEIVISER_OIDC_CITIZEN_CLIENT_SECRET", ""), wantErr: "VEIVISER_OIDC_CITIZEN_CLIENT_SECRET"},
		{name: "client id missing", env: with("VEIVISER_OIDC_CITIZEN_CLIENT_ID", ""), wantErr: "client id is required"},
		{name: "base URL missing", env: with("VEIVISER_BASE_URL", ""), wantErr: "--base-url"},
		{name: "http issuer elsewhere", env: with("VEIVISER_OIDC_CITIZEN_ISSUER", "http://idporten.example.no"), wantErr: "want an https URL"},
		{name: "client id without issuer", env: map[string]string{"VEIVISER_OIDC_STAFF_CLIENT_ID": "x"}, wantErr: "without an issuer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("serve", tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "hemmelig") {
					t.Errorf("error shows the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}
