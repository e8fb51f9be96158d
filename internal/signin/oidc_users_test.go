package signin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/signin"
	"veiviser/internal/testutil"
)

// TestAddUserForOIDC: a user may be made without a password, to sign in only through OpenID
// Connect, and with a national identity number of 11 digits.
func TestAddUserForOIDC(t *testing.T) {
	a := newApp(t, testutil.NewSQLite(t), appOptions{})
	citizen := []access.Role{access.Citizen}
	tests := []struct {
		name    string
		nu      signin.NewUser
		wantErr string // "" for success
	}{
		{"oidc only", signin.NewUser{Username: "kari", Roles: citizen, NationalID: testPID, OIDCOnly: true}, ""},
		{"password and number", signin.NewUser{Username: "ola", Roles: citizen, Password: testPassword, NationalID: "01010150000"}, ""},
		{"oidc only with a password", signin.NewUser{Username: "per", Roles: citizen, Password: testPassword, OIDCOnly: true},
			"has no password"},
		{"no password without oidc only", signin.NewUser{Username: "per", Roles: citizen}, "at least 10 characters"},
		{"number too short", signin.NewUser{Username: "per", Roles: citizen, OIDCOnly: true, NationalID: "1303135345"},
			"want 11 digits"},
		{"number with letters", signin.NewUser{Username: "per", Roles: citizen, OIDCOnly: true, NationalID: "1303135345x"},
			"want 11 digits"},
		{"number taken", signin.NewUser{Username: "per", Roles: citizen, OIDCOnly: true, NationalID: testPID}, "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := signin.AddUser(context.Background(), a.accounts, tt.nu, a.clock.Now())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if tt.nu.NationalID != "" && strings.Contains(err.Error(), tt.nu.NationalID) {
					t.Errorf("error shows the number: %v", err)
				}
				if !apperr.Is(err, apperr.Invalid) && !apperr.Is(err, apperr.Conflict) {
					t.Errorf("error kind of %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if u.NationalID != tt.nu.NationalID || (u.PasswordHash == "") != tt.nu.OIDCOnly {
				t.Errorf("stored %+v", u)
			}
		})
	}
	// the form refuses a user without a password, whatever is typed
	for _, pw := range []string{"", testPassword} {
		if res := a.browser(t).login(t, "kari", pw); res.status != http.StatusUnauthorized {
			t.Errorf("form login of an oidc-only user with %q = %d, want 401", pw, res.status)
		}
	}
}
