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

// unholdableResources are resources with a string or a number no store can hold faithfully:
// U+0000 (PostgreSQL answered 500 where the string is indexed, SQLite stored it) and decimals
// beyond float64's range (stored as sent, read as infinity).
func unholdableResources(patient, goal string) map[string]string {
	withID := func(js string) string {
		return strings.Replace(js, `{"resourceType":"Goal",`, `{"resourceType":"Goal","id":"`+goal+`",`, 1)
	}
	good := goalJSON(patient, "active")
	return map[string]string{
		"U+0000 indexed":     withID(strings.Replace(good, `"lifecycleStatus"`, `"identifier":[{"system":"urn:x","value":"a\u0000b"}],"lifecycleStatus"`, 1)),
		"U+0000 not indexed": withID(strings.Replace(good, `"Gå til butikken selv"`, `"Gå til\u0000butikken"`, 1)),
		"member name":        withID(strings.Replace(good, `"lifecycleStatus"`, `"x\u0000":"y","lifecycleStatus"`, 1)),
		"decimal 1e999":      withID(strings.Replace(good, `"lifecycleStatus"`, `"target":[{"detailQuantity":{"value":1e999}}],"lifecycleStatus"`, 1)),
	}
}

// TestResourceTextRefused: such a resource is refused with 422 and an OperationOutcome through
// create, update, batch and transaction on both stores, and nothing is written.
func TestResourceTextRefused(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		goal := c.create("Goal", goalJSON(p, "active"))
		before := c.versions()
		for name, body := range unholdableResources(p, goal) {
			create := strings.Replace(body, `"id":"`+goal+`",`, "", 1)
			for _, tt := range []struct{ how, method, path, body string }{
				{"create", "POST", "/Goal", create},
				{"update", "PUT", "/Goal/" + goal, body},
				{"transaction", "POST", "/", bundleOf("transaction", bundleEntry("", "POST", "Goal", create))},
			} {
				t.Run(name+"/"+tt.how, func(t *testing.T) {
					r := c.do(tt.method, tt.path, tt.body).must(t, http.StatusUnprocessableEntity)
					if msg := issue(t, r); !strings.Contains(msg, "U+0000") && !strings.Contains(msg, "out of range") {
						t.Errorf("diagnostics %q do not name the problem", msg)
					}
				})
			}
			t.Run(name+"/batch", func(t *testing.T) {
				b := bundleOf("batch", bundleEntry("", "POST", "Goal", create), bundleEntry("", "PUT", "Goal/"+goal, body))
				r := c.do("POST", "/", b).must(t, http.StatusOK)
				if got := strings.Join(responseStatuses(t, r.obj), "|"); got != "422 Unprocessable Entity|422 Unprocessable Entity" {
					t.Errorf("entry statuses %s, want 422 for each: %s", got, r.body)
				}
			})
		}
		if n := c.versions(); n != before {
			t.Errorf("refused writes wrote: %d versions, want %d", n, before)
		}
		kept := strings.Replace(goalJSON(p, "active"), `"Gå til butikken selv"`, `"Gå til\tbutikken\r\nselv \u001b[0m"`, 1)
		c.do("POST", "/Goal", kept).must(t, http.StatusCreated)
	})
}
