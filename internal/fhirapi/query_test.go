package fhirapi_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// unreadableQueries are query strings Go's URL.Query would read in part, dropping the pairs it
// cannot read: each names one Patient, so a search that ran on the rest would return them all.
func unreadableQueries() map[string]string {
	return map[string]string{
		"semicolon":         "identifier=" + fnrKari + ";",
		"semicolon between": "identifier=" + fnrKari + ";_count=1",
		"bad escape":        "name=%zz",
		"bad escape after":  "identifier=" + fnrKari + "&name=%zz",
		"10,001 parameters": "identifier=" + fnrKari + strings.Repeat("&_format=json", 10000),
	}
}

// TestUnreadableQueryRefused: a query string with a pair Go cannot read is refused with 400 and
// an OperationOutcome wherever a query is read (issue 10, item 4), never run on the pairs left.
func TestUnreadableQueryRefused(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		kari := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		c.create("Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"))
		formHdr := []string{"Content-Type", "application/x-www-form-urlencoded"}
		for name, q := range unreadableQueries() {
			tests := []struct {
				where, method, path, body string
				hdr                       []string
			}{
				{"type search", "GET", "/Patient?" + q, "", nil},
				{"POST _search body", "POST", "/Patient/_search", q, formHdr},
				{"POST _search URL", "POST", "/Patient/_search?" + q, "name=nordmann", formHdr},
				{"system history", "GET", "/_history?" + q, "", nil},
				{"type history", "GET", "/Patient/_history?" + q, "", nil},
				{"instance history", "GET", "/Patient/" + kari + "/_history?" + q, "", nil},
				{"If-None-Exist", "POST", "/Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"), []string{"If-None-Exist", q}},
				{"transaction GET", "POST", "/", bundleOf("transaction", bundleEntry("", "GET", "Patient?"+q, "")), nil},
				{"transaction ifNoneExist", "POST", "/", bundleOf("transaction", bundleEntry("", "POST", "Patient",
					patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"), "ifNoneExist", q)), nil},
			}
			for _, tt := range tests {
				t.Run(name+"/"+tt.where, func(t *testing.T) {
					r := c.do(tt.method, tt.path, tt.body, tt.hdr...).must(t, http.StatusBadRequest)
					if msg := issue(t, r); !strings.Contains(msg, "cannot be read") {
						t.Errorf("diagnostics %q do not say the query cannot be read", msg)
					}
				})
			}
			t.Run(name+"/batch", func(t *testing.T) {
				b := bundleOf("batch", bundleEntry("", "GET", "Patient?"+q, ""),
					bundleEntry("", "POST", "Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"), "ifNoneExist", q))
				r := c.do("POST", "/", b).must(t, http.StatusOK)
				if got := strings.Join(responseStatuses(t, r.obj), "|"); got != "400 Bad Request|400 Bad Request" {
					t.Errorf("entry statuses %s, want 400 for each: %s", got, r.body)
				}
			})
		}
	})
}

// TestReadableQueryStillServed: the strict reading keeps what Go reads without loss: empty
// pairs, '+' for a space, and percent-encoded reserved characters.
func TestReadableQueryStillServed(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		kari := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		c.create("Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"))
		for _, q := range []string{
			"identifier=" + fnrKari + "&&",
			"family=+nordmann+",
			"identifier=urn%3Aoid%3A2.16.578.1.12.4.1.4.1%7C" + fnrKari,
			"&identifier=" + fnrKari + "&_format=json",
		} {
			r := c.do("GET", "/Patient?"+q, "").must(t, http.StatusOK)
			if got := ids(t, r.obj, "match"); len(got) != 1 || got[0] != kari {
				t.Errorf("%s: matches %v, want [%s]", q, got, kari)
			}
		}
	})
}
