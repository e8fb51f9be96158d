package fhirapi_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/oauth"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// client drives the real handler, mounted at /fhir/R4 as the server does, over real HTTP.
type client struct {
	t     testing.TB
	srv   *httptest.Server
	svc   *records.Service
	clock *testutil.ManualClock
	base  string
	token string // a bearer token of a system/*.* client, sent with every request
	// readLog is the API's access log of reads; nil: each handler's own (fhirapi.Options)
	readLog fhirapi.ReadLog
}

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newClient(t testing.TB, st store.Store, opts ...clientOption) *client {
	t.Helper()
	clock := testutil.NewClock(start)
	setup := clientSetup{records: records.Options{Clock: clock.Now}}
	for _, o := range opts {
		o(t, st, &setup)
	}
	svc := records.New(st, setup.records)
	auth, err := oauth.New(st, oauth.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /oauth2/token", auth.TokenHandler())
	mux.Handle("/fhir/R4/", http.StripPrefix("/fhir/R4", fhirapi.New(svc, fhirapi.Options{Auth: auth, ReadLog: setup.readLog})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &client{t: t, srv: srv, svc: svc, clock: clock, base: srv.URL + "/fhir/R4", readLog: setup.readLog,
		token: testutil.Token(t, st, srv.URL+"/oauth2/token", "system/*.*")}
}

// resp is one response, its body gunzipped and, when JSON, parsed.
type resp struct {
	status int
	header http.Header
	body   []byte
	obj    *fhir.Object
}

// do sends a request; hdr is name, value pairs. A body gets Content-Type application/fhir+json
// unless hdr names one.
func (c *client) do(method, path, body string, hdr ...string) resp {
	c.t.Helper()
	return c.doAs(false, method, path, body, hdr...)
}

// doAs is do, and with anonymous true it sends no Authorization header at all.
func (c *client) doAs(anonymous bool, method, path, body string, hdr ...string) resp {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	if body != "" {
		req.Header.Set("Content-Type", "application/fhir+json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if anonymous {
		req.Header["Authorization"] = nil // present, so send adds no token, and sent as nothing
	}
	return c.send(req)
}

func (c *client) send(req *http.Request) resp {
	c.t.Helper()
	if _, set := req.Header["Authorization"]; !set && c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.srv.Client().Transport.RoundTrip(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	var rd io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(res.Body)
		if err != nil {
			c.t.Fatalf("gzip: %v", err)
		}
		rd = gz
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		c.t.Fatalf("read body: %v", err)
	}
	r := resp{status: res.StatusCode, header: res.Header, body: data}
	if len(data) > 0 {
		if r.obj, err = fhir.ParseObject(data); err != nil {
			c.t.Fatalf("%s %s: body is not a JSON object: %v\n%s", req.Method, req.URL, err, data)
		}
	}
	return r
}

// must checks the status and returns the response.
func (r resp) must(t testing.TB, status int) resp {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	return r
}

// create POSTs a resource (advancing the clock a second first, so times differ) and returns its id.
func (c *client) create(typ, body string) string {
	c.t.Helper()
	c.clock.Advance(time.Second)
	r := c.do("POST", "/"+typ, body).must(c.t, http.StatusCreated)
	id, _ := r.obj.String("id")
	return id
}

// ids returns the ids of a searchset's entries with the given search mode, in order.
func ids(t testing.TB, bundle *fhir.Object, mode string) []string {
	t.Helper()
	var out []string
	entries, _ := bundle.Array("entry")
	for _, e := range entries {
		eo := e.(*fhir.Object)
		if s, ok := eo.Object("search"); ok {
			if m, _ := s.String("mode"); m != mode {
				continue
			}
		}
		res, _ := eo.Object("resource")
		id, _ := res.String("id")
		out = append(out, id)
	}
	return out
}

// link returns a bundle link's url by relation, "" when there is none.
func link(bundle *fhir.Object, relation string) string {
	links, _ := bundle.Array("link")
	for _, l := range links {
		lo := l.(*fhir.Object)
		if rel, _ := lo.String("relation"); rel == relation {
			u, _ := lo.String("url")
			return u
		}
	}
	return ""
}

// versions counts every version of the records the store holds, access log entries aside,
// through the record layer's system history (looking through the API would log the look): the
// "nothing was written" check after a refused request.
func (c *client) versions() int {
	c.t.Helper()
	n := 0
	for offset := 0; ; offset += 1000 {
		res, err := c.svc.History(context.Background(), "", "", url.Values{"_count": {"1000"}, "_offset": {strconv.Itoa(offset)}})
		if err != nil {
			c.t.Fatalf("history: %v", err)
		}
		for _, rec := range res.Records {
			if rec.Type != "AuditEvent" {
				n++
			}
		}
		if !res.HasMore {
			return n
		}
	}
}

// issue returns the first OperationOutcome issue's diagnostics.
func issue(t testing.TB, r resp) string {
	t.Helper()
	if rt, _ := r.obj.String("resourceType"); rt != "OperationOutcome" {
		t.Fatalf("want an OperationOutcome, got %s", r.body)
	}
	issues, _ := r.obj.Array("issue")
	if len(issues) == 0 {
		t.Fatalf("OperationOutcome without issues: %s", r.body)
	}
	d, _ := issues[0].(*fhir.Object).String("diagnostics")
	return d
}

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

func gzipped(t testing.TB, s string) *bytes.Buffer {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	if _, err := gz.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return &b
}
