package fhirapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// values is "1,2,...,n".
func values(n int) string {
	vs := make([]string, n)
	for i := range vs {
		vs[i] = strconv.Itoa(i + 1)
	}
	return strings.Join(vs, ",")
}

// repeated is "p&p&..." n times.
func repeated(p string, n int) string { return strings.TrimSuffix(strings.Repeat(p+"&", n), "&") }

// TestSearchLimits: a search beyond the search limits is refused with 400, an OperationOutcome
// of type too-costly naming the limit, word for word the same on both stores, on every path a
// search takes; at the limits it runs. SQLite answered 500 to 600 values or 989 repeated
// parameters ("Expression tree is too large"), and PostgreSQL planned for minutes.
func TestSearchLimits(t *testing.T) {
	tooMany := "a search may have at most 20 parameters (each repetition counts), got "
	tooLong := `search parameter "name": at most 100 values (separated by commas) are allowed in one parameter, got `
	tooMuch := "a search may have at most 200 values in all its parameters together, got "
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		formHdr := []string{"Content-Type", "application/x-www-form-urlencoded"}
		for _, tt := range []struct {
			name, query, want string
		}{
			{"600 values", "name=" + values(600), tooLong + "600"},
			{"101 values", "name=" + values(101), tooLong + "101"},
			{"989 parameters", repeated("name=x", 989), tooMany + "989"},
			{"21 parameters", repeated("name=x", 11) + "&" + repeated("_include=Patient:general-practitioner", 10), tooMany + "21"},
			{"201 values in all", "name=" + values(100) + "&given=" + values(100) + "&family=x", tooMuch + "201"},
		} {
			for _, path := range []struct {
				where, method, path, body string
				hdr                       []string
			}{
				{"GET", "GET", "/Patient?" + tt.query, "", nil},
				{"POST _search", "POST", "/Patient/_search", tt.query, formHdr},
				{"If-None-Exist", "POST", "/Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"), []string{"If-None-Exist", tt.query}},
			} {
				t.Run(tt.name+"/"+path.where, func(t *testing.T) {
					r := c.do(path.method, path.path, path.body, path.hdr...).must(t, http.StatusBadRequest)
					checkTooCostly(t, r.obj, tt.want)
				})
			}
			t.Run(tt.name+"/batch", func(t *testing.T) {
				r := c.do("POST", "/", bundleOf("batch", bundleEntry("", "GET", "Patient?"+tt.query, ""))).must(t, http.StatusOK)
				entries, _ := r.obj.Array("entry")
				res, _ := entries[0].(*fhir.Object).Object("response")
				outcome, _ := res.Object("outcome")
				if s, _ := res.String("status"); s != "400 Bad Request" || outcome == nil {
					t.Fatalf("entry %s", r.body)
				}
				checkTooCostly(t, outcome, tt.want)
			})
		}
		for _, q := range []string{
			"name=" + values(100),
			repeated("name=nordmann", 20),
			"name=" + values(100) + "&given=" + values(99) + "&family=nordmann",
		} {
			c.do("GET", "/Patient?"+q, "").must(t, http.StatusOK)
		}
	})
}

func checkTooCostly(t *testing.T, outcome *fhir.Object, want string) {
	t.Helper()
	issues, _ := outcome.Array("issue")
	if len(issues) != 1 {
		t.Fatalf("want one issue: %v", issues)
	}
	is := issues[0].(*fhir.Object)
	code, _ := is.String("code")
	diag, _ := is.String("diagnostics")
	if code != "too-costly" || diag != want {
		t.Errorf("issue %s %q, want too-costly %q", code, diag, want)
	}
}
