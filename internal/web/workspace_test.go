package web

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/testutil"
)

func TestHomeAndWorkspaces(t *testing.T) {
	w := newWebWithDrafts(t, testutil.NewSQLite(t))
	both := &access.Principal{UserID: "u1", Username: "ola", Name: "Ola Testmann",
		Roles: []access.Role{access.CaseOfficer, access.Administrator}}
	tests := []struct {
		name    string
		p       *access.Principal
		path    string
		h       http.Handler
		status  int
		h1      string
		content []string
	}{
		{"public start page", nil, "/", http.HandlerFunc(w.Home), 200, "Veiviser", []string{`href="/fhir/R4/metadata"`}},
		{"home is the first role's workspace", both, "/", http.HandlerFunc(w.Home), 200, "Søknader som venter",
			[]string{`data-testid="name">Ola Testmann<`, `data-testid="username">ola<`, `id="logout"`, "Fjordvik kommune",
				`href="/admin"`, `aria-label="Hovedmeny"`, "Ingen søknader venter."}},
		{"administrator start page", both, "/admin", w.Workspace(access.Administrator), 200, "Administrator",
			[]string{"ingen helseopplysninger", `<a href="/admin" aria-current="page" class="current">`}},
		{"a role the person does not hold", both, "/coordinator", w.Workspace(access.Coordinator), 404, "Fant ikke siden", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkPage(t, as(t, tt.h, tt.p, "GET", tt.path, nil), tt.status, tt.h1, tt.content...)
		})
	}
	t.Run("signed out: to the login form, and back after it", func(t *testing.T) {
		got := as(t, w.Workspace(access.Administrator), nil, "GET", "/admin", nil)
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/login" {
			t.Fatalf("status %d to %q, want 303 to /login", got.status, got.header.Get("Location"))
		}
		cookie := got.header.Get("Set-Cookie")
		if !strings.Contains(cookie, returnCookie+"=/admin") {
			t.Fatalf("no return cookie: %q", cookie)
		}
		back := as(t, http.HandlerFunc(w.Home), both, "GET", "/", nil, "Cookie", strings.SplitN(cookie, ";", 2)[0])
		if back.status != http.StatusSeeOther || back.header.Get("Location") != "/admin" {
			t.Fatalf("after login: status %d to %q, want 303 to /admin", back.status, back.header.Get("Location"))
		}
	})
}

func TestSafeReturn(t *testing.T) {
	for path, want := range map[string]bool{
		"/citizen/inquiry": true, "/plans/p1?tab=log": true, "//evil.example": false, "/\\evil": false,
		"https://evil.example": false, "/login": false, "/x\r\nSet-Cookie: a=b": false,
	} {
		if got := safeReturn(path); got != want {
			t.Errorf("safeReturn(%q) = %v, want %v", path, got, want)
		}
	}
}
