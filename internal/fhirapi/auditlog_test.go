package fhirapi_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
)

// logged returns the access log's entries (type rest) about patient with the given subtype,
// read through the record layer so that looking does not log.
func logged(t *testing.T, c *client, patient, subtype string) []*fhir.Resource {
	t.Helper()
	res, err := c.svc.Search(context.Background(), "AuditEvent", url.Values{
		"patient": {"Patient/" + patient}, "type": {"rest"}, "subtype": {subtype}, "_count": {"1000"}})
	if err != nil {
		t.Fatal(err)
	}
	var out []*fhir.Resource
	for _, rec := range res.Page.Records {
		r, err := fhir.Parse(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestAccessLog(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		w := buildWorld(c)
		h := c.api()
		coord := principals(w)[access.Coordinator]
		goal := w.records["Goal"][0]

		// a read, with a reason
		req := newReq("GET", "/Goal/"+goal, "")
		req.Header.Set(fhirapi.ReasonHeader, "oppfølging av plan")
		if code, b := serveAs(h, coord, req); code != http.StatusOK {
			t.Fatalf("read: %d %s", code, b)
		}
		reads := logged(t, c, w.p1, "read")
		if len(reads) != 1 {
			t.Fatalf("%d read entries, want 1", len(reads))
		}
		body := string(reads[0].Bytes())
		for _, want := range []string{`"action":"R"`, `"outcome":"0"`, `"reference":"Practitioner/` + w.coord + `"`,
			`"requestor":true`, `"address":"192.0.2.1"`, `"reference":"Goal/` + goal + `"`, `"reference":"Patient/` + w.p1 + `"`,
			`"text":"oppfølging av plan"`, `"recorded":"` + c.svc.Now().Format("2006-01-02T15:04:05.000Z") + `"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the read entry lacks %s:\n%s", want, body)
			}
		}

		// a search names every citizen whose records it returned
		if code, b := as(h, coord, "GET", "/Goal", ""); code != http.StatusOK {
			t.Fatalf("search: %d %s", code, b)
		}
		if n := len(logged(t, c, w.p1, "search-type")); n != 1 {
			t.Errorf("%d search entries, want 1", n)
		}
		if n := len(logged(t, c, w.p2, "search-type")); n != 0 {
			t.Errorf("the search logged a citizen it did not show")
		}

		// a refused read is logged as such
		if code, _ := as(h, coord, "GET", "/Goal/"+w.records["Goal"][1], ""); code != http.StatusNotFound {
			t.Fatalf("hidden read: %d", code)
		}
		refused := logged(t, c, w.p2, "read")
		if len(refused) != 1 || !strings.Contains(string(refused[0].Bytes()), `"outcome":"4"`) {
			t.Errorf("refused read entries: %d", len(refused))
		}

		// writes log in their own transaction: a failed write leaves no entry either
		created := len(logged(t, c, w.p1, "create")) // building the world logged its creates
		if code, b := as(h, coord, "POST", "/Goal", goalJSON(w.p1, "active")); code != http.StatusCreated {
			t.Fatalf("create: %d %s", code, b)
		}
		bad := strings.Replace(goalJSON(w.p1, "active"), `"subject"`, `"addresses":[{"reference":"Condition/none"}],"subject"`, 1)
		if code, _ := as(h, coord, "POST", "/Goal", bad); code < 400 {
			t.Fatalf("a bad create succeeded: %d", code)
		}
		if n := len(logged(t, c, w.p1, "create")) - created; n != 1 {
			t.Errorf("%d create entries, want 1 (the failed one must leave none)", n)
		}
		cur := c.do("GET", "/Goal/"+goal, "").must(t, http.StatusOK).body
		if code, b := as(h, coord, "PUT", "/Goal/"+goal, string(cur)); code != http.StatusOK {
			t.Fatalf("update: %d %s", code, b)
		}
		if n := len(logged(t, c, w.p1, "update")); n != 1 {
			t.Errorf("%d update entries, want 1", n)
		}
		if code, b := as(h, coord, "DELETE", "/Goal/"+goal, ""); code != http.StatusNoContent {
			t.Fatalf("delete: %d %s", code, b)
		}
		if n := len(logged(t, c, w.p1, "delete")); n != 1 {
			t.Errorf("%d delete entries, want 1", n)
		}

		// a system client is logged as a device
		c.do("GET", "/Patient/"+w.p2, "").must(t, http.StatusOK)
		var device bool
		for _, r := range logged(t, c, w.p2, "read") {
			device = device || strings.Contains(string(r.Bytes()), `"type":"Device"`)
		}
		if !device {
			t.Error("no entry names the API client as a Device")
		}
	})
}

func TestAccessLogCannotBeChanged(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		c.do("GET", "/Patient/"+p, "").must(t, http.StatusOK)
		entries := logged(t, c, p, "read")
		if len(entries) != 1 {
			t.Fatalf("%d entries", len(entries))
		}
		id := entries[0].ID()
		body := string(entries[0].Bytes())
		// through the API
		c.do("PUT", "/AuditEvent/"+id, strings.Replace(body, `"outcome":"0"`, `"outcome":"8"`, 1)).must(t, http.StatusMethodNotAllowed)
		c.do("DELETE", "/AuditEvent/"+id, "").must(t, http.StatusMethodNotAllowed)
		c.do("POST", "/AuditEvent", body).must(t, http.StatusMethodNotAllowed)
		// and through the store itself
		for name, rec := range map[string]store.Record{
			"new version": {Type: "AuditEvent", ID: id, VersionID: 2, LastUpdated: start, Body: []byte(body)},
			"deletion":    {Type: "AuditEvent", ID: id, VersionID: 2, LastUpdated: start, Deleted: true},
		} {
			err := st.Write(context.Background(), func(tx store.Tx) error { return tx.Put(context.Background(), rec, nil) })
			if !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("%s through the store: %v, want forbidden", name, err)
			}
		}
		if got := c.do("GET", "/AuditEvent/"+id, "").must(t, http.StatusOK).body; !strings.Contains(string(got), `"versionId":"1"`) {
			t.Errorf("the entry changed: %s", got)
		}
	})
}

func TestAccessLogOfBundles(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		goal := goalJSON(p, "active")
		for _, kind := range []string{"batch", "transaction"} {
			before := len(logged(t, c, p, "create"))
			c.do("POST", "/", `{"resourceType":"Bundle","type":"`+kind+`","entry":[`+
				`{"request":{"method":"GET","url":"Patient/`+p+`"}},`+
				`{"request":{"method":"POST","url":"Goal"},"resource":`+goal+`}]}`).must(t, http.StatusOK)
			if n := len(logged(t, c, p, "create")) - before; n != 1 {
				t.Errorf("%s: %d create entries, want 1", kind, n)
			}
		}
		if n := len(logged(t, c, p, "batch")); n != 2 {
			t.Errorf("%d entries for the bundles' reads, want 2", n)
		}
	})
}
