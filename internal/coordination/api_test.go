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
}

func (w *world) api(st store.Store) *apiServer {
	t := w.t
	t.Helper()
	tokens, err := oauth.New(st, oauth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api := fhirapi.New(w.svc, fhirapi.Options{Auth: tokens})
	as := &apiServer{t: t, who: map[string]*access.Principal{"citizen": w.citizen, "relative": w.relative,
		"coordinator": w.coordinator, "provider": w.provider, "lead": w.lead}}
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
	code, body := a.do("", http.MethodGet, path, "")
	if code != http.StatusOK {
		a.t.Fatalf("GET %s = %d %s", path, code, body)
	}
	r, err := fhir.Parse([]byte(body))
	if err != nil {
		a.t.Fatal(err)
	}
	return r
}

// put writes r as person and returns the status and body.
func (a *apiServer) put(person string, r *fhir.Resource) (int, string) {
	a.t.Helper()
	r.Object().Delete("meta")
	return a.do(person, http.MethodPut, "/"+r.Type()+"/"+r.ID(), string(r.Bytes()))
}
