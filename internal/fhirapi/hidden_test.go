package fhirapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestHiddenAnswersAsMissing (issue 10, item 6): for every person, every interaction on a record
// outside their reach answers byte for byte as the same interaction on an id that does not exist:
// read, vread, history, PUT (with the hidden record's own content and with content about a citizen
// in reach), DELETE, and a conditional create whose criteria match only the hidden record.
func TestHiddenAnswersAsMissing(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		const missing = "doesnotexist"
		for role, p := range principals(w) {
			for _, typ := range []string{"CarePlan", "Goal", "Task", "Patient"} {
				hidden := w.records[typ][1]
				hiddenBody := string(c.do("GET", "/"+typ+"/"+hidden, "").must(t, 200).body)
				inReach := strings.ReplaceAll(hiddenBody, w.p2, w.p1)
				t.Run(string(role)+"/"+typ, func(t *testing.T) {
					same := func(what, method, path, body string) {
						t.Helper()
						hc, hb := as(h, p, method, path, body)
						mc, mb := as(h, p, method, strings.ReplaceAll(path, hidden, missing), strings.ReplaceAll(body, hidden, missing))
						mb = bytes.ReplaceAll(mb, []byte(missing), []byte(hidden))
						if hc != mc || !bytes.Equal(hb, mb) {
							t.Errorf("%s: hidden answers %d %s; missing answers %d %s", what, hc, hb, mc, mb)
						}
					}
					same("read", "GET", "/"+typ+"/"+hidden, "")
					same("vread", "GET", "/"+typ+"/"+hidden+"/_history/1", "")
					same("history", "GET", "/"+typ+"/"+hidden+"/_history", "")
					same("update with its own content", "PUT", "/"+typ+"/"+hidden, hiddenBody)
					same("update with content in reach", "PUT", "/"+typ+"/"+hidden, inReach)
					same("delete", "DELETE", "/"+typ+"/"+hidden, "")
				})
			}
			// a conditional create whose criteria match only a hidden record creates, as one
			// matching nothing does, and never answers with the hidden record
			t.Run(string(role)+"/conditional-create", func(t *testing.T) {
				if !access.MayWrite(p, "Goal", access.Create) {
					t.Skip("the role writes no Goal")
				}
				for _, criteria := range []string{"_id=" + w.records["Goal"][1], "_id=" + missing} {
					req := newReq("POST", "/Goal", goalJSON(w.p1, "proposed"))
					req.Header.Set("If-None-Exist", criteria)
					code, b := serveAs(h, p, req)
					if code != http.StatusCreated || bytes.Contains(b, []byte(w.records["Goal"][1])) {
						t.Errorf("If-None-Exist: %s: %d %s, want 201 with a new Goal", criteria, code, b)
					}
				}
			})
		}
		if n := c.versions(); n == 0 {
			t.Fatal("no versions") // the world is there
		}
	})
}
