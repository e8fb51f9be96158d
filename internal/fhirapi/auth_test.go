package fhirapi_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestSignInRequired(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		id := c.create("Patient", `{"resourceType":"Patient","name":[{"family":"Testesen"}]}`)
		readOnly := testutil.Token(t, st, c.srv.URL+"/oauth2/token", "system/*.read")
		carePlans := testutil.Token(t, st, c.srv.URL+"/oauth2/token", "system/CarePlan.write")
		patient := `{"resourceType":"Patient","name":[{"family":"Testesen"}]}`
		bundle := `{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Patient/` + id + `"}},` +
			`{"request":{"method":"POST","url":"Patient"},"resource":` + patient + `}]}`
		for _, tc := range []struct {
			name, auth, method, path, body string
			status                         int
		}{
			{"metadata is public", "-", "GET", "/metadata", "", 200},
			{"no token: read", "-", "GET", "/Patient/" + id, "", 401},
			{"no token: missing record", "-", "GET", "/Patient/nothere", "", 401},
			{"no token: search", "-", "GET", "/Patient", "", 401},
			{"no token: create", "-", "POST", "/Patient", patient, 401},
			{"no token: bundle", "-", "POST", "/", bundle, 401},
			{"no token: system history", "-", "GET", "/_history", "", 401},
			{"bad token", "Bearer nonsense", "GET", "/Patient/" + id, "", 401},
			{"basic is not a token", "Basic bm9uZTpub25l", "GET", "/Patient/" + id, "", 401},
			{"read scope: read", "Bearer " + readOnly, "GET", "/Patient/" + id, "", 200},
			{"read scope: search", "Bearer " + readOnly, "POST", "/Patient/_search", "", 200},
			{"read scope: history", "Bearer " + readOnly, "GET", "/_history", "", 200},
			{"read scope: create", "Bearer " + readOnly, "POST", "/Patient", patient, 403},
			{"read scope: update", "Bearer " + readOnly, "PUT", "/Patient/" + id, patient, 403},
			{"read scope: delete", "Bearer " + readOnly, "DELETE", "/Patient/" + id, "", 403},
			{"read scope: bundle with a write", "Bearer " + readOnly, "POST", "/", bundle, 403},
			{"CarePlan.write: read a Patient", "Bearer " + carePlans, "GET", "/Patient/" + id, "", 403},
			{"CarePlan.write: create a Patient", "Bearer " + carePlans, "POST", "/Patient", patient, 403},
			{"CarePlan.write: history of all", "Bearer " + carePlans, "GET", "/_history", "", 403},
			{"full scope: bundle", "", "POST", "/", bundle, 200},
		} {
			t.Run(tc.name, func(t *testing.T) {
				hdr := []string{}
				if tc.auth != "" {
					hdr = append(hdr, "Authorization", tc.auth)
				}
				if tc.method == "POST" && strings.HasSuffix(tc.path, "_search") {
					hdr = append(hdr, "Content-Type", "application/x-www-form-urlencoded")
				}
				if tc.auth == "-" { // no Authorization header at all
					hdr = nil
				}
				r := c.doAs(tc.auth == "-", tc.method, tc.path, tc.body, hdr...)
				if r.status != tc.status {
					t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
				}
				if tc.status >= 400 {
					if rt, _ := r.obj.String("resourceType"); rt != "OperationOutcome" {
						t.Errorf("body %s is not an OperationOutcome", r.body)
					}
				}
				if ch := r.header.Get("WWW-Authenticate"); (tc.status == http.StatusUnauthorized) != strings.HasPrefix(ch, "Bearer") {
					t.Errorf("WWW-Authenticate %q with status %d", ch, tc.status)
				}
			})
		}
	})
}
