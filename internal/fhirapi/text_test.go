package fhirapi_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestSearchValueTextRefused: a search value with U+0000 or bytes that are not UTF-8 is refused
// with 400 on both stores (PostgreSQL answered 500: it holds neither in text).
func TestSearchValueTextRefused(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		for _, q := range []string{
			"Patient?name=%00", "Patient?name=nord%00mann", "Patient?name:exact=%00", "Patient?family=a%00",
			"Patient?identifier=%00", "Patient?identifier=%FF", "Patient?identifier=urn:x%7C%C3",
			"AuditEvent?type=%00", "Patient?na%00me=x",
		} {
			t.Run(q, func(t *testing.T) {
				r := c.do("GET", "/"+q, "").must(t, http.StatusBadRequest)
				if msg := issue(t, r); !strings.Contains(msg, "U+0000") && !strings.Contains(msg, "UTF-8") {
					t.Errorf("diagnostics %q do not name the problem", msg)
				}
			})
		}
		// other control characters are text, as in a resource
		for _, q := range []string{"name=nord%09mann", "name=a%1Bb", "identifier=%01"} {
			c.do("GET", "/Patient?"+q, "").must(t, http.StatusOK)
		}
	})
}
