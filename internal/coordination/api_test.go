package coordination

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/oauth"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// apiServer is the real FHIR API over the world's record layer (rules registered), on a real
// HTTP server: people come in as a signed-in session would put them in the context (the header
// names which of the world's principals), systems with a real OAuth2 token.
type apiServer struct {
	t     *testing.T
	url   string
	token string
	who   map[string]*access.Principal
	// ids maps the id a test gave a new record ("q4") to the one the server assigned it: a
	// person creates by POST (a person's PUT to an unknown id answers as one to a hidden id)
	ids map[string]string
}

func (w *world) api(st store.Store) *apiServer {
	t := w.t
	t.Helper()
	tokens, err := oauth.New(st, oauth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api := fhirapi.New(w.svc, fhirapi.Options{Auth: tokens, View: w.co.APIView})
	as := &apiServer{t: t, who: map[string]*access.Principal{"citizen": w.citizen, "relative": w.relative,
		"coordinator": w.coordinator, "provider": w.provider, "lead": w.lead}, ids: map[string]string{}}
	mux := http.NewServeMux()
	mux.Handle("POST /oauth2/token", tokens.TokenHandler())
	mux.Handle("/fhir/R4/", http.StripPrefix("/fhir/R4", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if p := as.who[r.Header.Get("X-Test-Person")]; p != nil {
			r = r.WithContext(access.WithPrincipal(r.Context(), p))
		}
		api.ServeHTTP(rw, r)
	})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	as.url = srv.URL
	as.token = testutil.Token(t, st, srv.URL+"/oauth2/token", "system/*.*")
	return as
}

// do sends one request as person ("" for the system client) and returns the status and body.
func (a *apiServer) do(person, method, path, body string) (int, string) {
	a.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, a.url+"/fhir/R4"+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/fhir+json")
	if person == "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	} else {
		req.Header.Set("X-Test-Person", person)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// read returns the current resource as the system client sees it.
func (a *apiServer) read(path string) *fhir.Resource {
	a.t.Helper()
	code, body := a.do("", http.MethodGet, a.resolve(path), "")
	if code != http.StatusOK {
		a.t.Fatalf("GET %s = %d %s", path, code, body)
	}
	r, err := fhir.Parse([]byte(body))
	if err != nil {
		a.t.Fatal(err)
	}
	return r
}

// put writes r as person and returns the status and body: an update of a record that exists,
// else a create. A person creates by PUT only a part of a plan they see; anything else they
// create by POST (the id the server assigns is kept in ids, and the test's id in later paths
// and references is rewritten to it).
func (a *apiServer) put(person string, r *fhir.Resource) (int, string) {
	a.t.Helper()
	r.Object().Delete("meta")
	testID := r.ID()
	path := a.resolve("/" + r.Type() + "/" + testID)
	r.SetID(strings.TrimPrefix(path, "/"+r.Type()+"/"))
	body := a.rewrite(string(r.Bytes()))
	code, out := a.do(person, http.MethodPut, path, body)
	if person == "" || code != http.StatusNotFound || a.exists(path) {
		return code, out
	}
	code, out = a.do(person, http.MethodPost, "/"+r.Type(), body)
	if code == http.StatusCreated {
		created, err := fhir.Parse([]byte(out))
		if err != nil {
			a.t.Fatal(err)
		}
		a.ids[r.Type()+"/"+testID] = r.Type() + "/" + created.ID()
	}
	return code, out
}

// id is the id the server gave the record the test named typ/id.
func (a *apiServer) id(typ, id string) string {
	if got, ok := a.ids[typ+"/"+id]; ok {
		return strings.TrimPrefix(got, typ+"/")
	}
	return id
}

func (a *apiServer) exists(path string) bool {
	code, _ := a.do("", http.MethodGet, path, "")
	return code == http.StatusOK
}

// resolve maps /Type/id to the id the server assigned, when it assigned one.
func (a *apiServer) resolve(path string) string {
	if got, ok := a.ids[strings.TrimPrefix(path, "/")]; ok {
		return "/" + got
	}
	return path
}

// rewrite replaces references to the test's ids by the server's.
func (a *apiServer) rewrite(body string) string {
	for from, to := range a.ids {
		body = strings.ReplaceAll(body, `"`+from+`"`, `"`+to+`"`)
	}
	return body
}
