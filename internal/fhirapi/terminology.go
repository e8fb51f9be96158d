package fhirapi

import (
	"net/http"
	"slices"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/terminology"
)

// The project's code systems and value sets, served read-only and, like the
// CapabilityStatement, without sign-in: they hold no one's data, and an integrator reads them
// to learn what a code of ours means.

// terminologyTypes are the types served from internal/terminology rather than the store.
var terminologyTypes = []string{"CodeSystem", "ValueSet"}

// terminologyParams are the search parameters they take.
var terminologyParams = []struct{ name, kind, doc string }{
	{"url", "uri", "The canonical URL"},
	{"_id", "token", "The logical id"},
	{"name", "string", "The computer-friendly name (starts with, case-insensitive)"},
}

// terms is each type's resources by id, in the terminology's order.
type terms map[string][]*fhir.Resource

func newTerms(t *terminology.Terminology) terms {
	return terms{"CodeSystem": t.CodeSystems(), "ValueSet": t.ValueSets()}
}

func isTerminologyPath(path string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return slices.Contains(terminologyTypes, first)
}

// terminology serves the terminology's paths with mux of its own, and every other path with
// next: its patterns would overlap the API's /{type}/_history.
func (a *api) terminology(next http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, typ := range terminologyTypes {
		mux.HandleFunc("GET /"+typ, a.termSearch(typ))
		mux.HandleFunc("POST /"+typ+"/_search", a.termSearch(typ))
		mux.HandleFunc("GET /"+typ+"/{id}", a.termRead(typ))
	}
	mux.HandleFunc("/", a.termReadOnly)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isTerminologyPath(r.URL.Path) {
			mux.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *api) termRead(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		for _, res := range a.terms[typ] {
			if res.ID() == id {
				a.send(w, r, http.StatusOK, res.Bytes())
				return
			}
		}
		a.fail(w, r, apperr.New(apperr.NotFound, "%s/%s is not known", typ, id))
	}
}

func (a *api) termReadOnly(w http.ResponseWriter, r *http.Request) {
	a.fail(w, r, apperr.New(apperr.MethodNotAllowed, "Veiviser's code systems and value sets are read-only: %s is not supported on %s", r.Method, r.URL.Path))
}

func (a *api) termSearch(typ string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			a.fail(w, r, httpError(http.StatusBadRequest, "invalid", "the search could not be read"))
			return
		}
		match, err := termFilter(r.Form)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		base := a.baseURL(r)
		b := fhir.NewObject()
		b.Set("resourceType", "Bundle")
		b.Set("type", "searchset")
		var entries []any
		for _, res := range a.terms[typ] {
			if match(res) {
				e := object("fullUrl", base+"/"+typ+"/"+res.ID())
				e.Set("resource", res.Object())
				e.Set("search", object("mode", "match"))
				entries = append(entries, e)
			}
		}
		b.Set("total", len(entries))
		b.Set("link", []any{linkObject("self", base+"/"+typ)})
		if len(entries) > 0 {
			b.Set("entry", entries)
		}
		a.send(w, r, http.StatusOK, b.AppendJSON(nil))
	}
}

func linkObject(relation, url string) *fhir.Object {
	o := object("relation", relation)
	o.Set("url", url)
	return o
}

// termFilter is what a search of the terminology asks for; an unknown parameter is refused,
// as in every other search.
func termFilter(form map[string][]string) (func(*fhir.Resource) bool, error) {
	var checks []func(*fhir.Resource) bool
	for key, values := range form {
		switch key {
		case "_format", "_count":
			continue
		case "url", "_id", "name":
		default:
			return nil, apperr.New(apperr.Invalid, "%s is not a search parameter of Veiviser's code systems and value sets (url, _id, name)", key)
		}
		for _, v := range values {
			checks = append(checks, termMatch(key, v))
		}
	}
	return func(res *fhir.Resource) bool {
		for _, c := range checks {
			if !c(res) {
				return false
			}
		}
		return true
	}, nil
}

func termMatch(key, value string) func(*fhir.Resource) bool {
	wants := strings.Split(value, ",")
	return func(res *fhir.Resource) bool {
		var got string
		switch key {
		case "_id":
			got = res.ID()
		default:
			got, _ = res.Object().String(key)
		}
		return slices.ContainsFunc(wants, func(w string) bool {
			if key == "name" {
				return strings.HasPrefix(strings.ToLower(got), strings.ToLower(w))
			}
			return got == w
		})
	}
}
