package fhirapi

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// Authenticator turns a request's credentials (a bearer token) into a principal; an error with
// code Unauthorized when they are missing or not valid.
type Authenticator interface {
	Authenticate(r *http.Request) (*access.Principal, error)
}

// signedIn lets a request through only with a principal: one a session middleware in front
// already put in the context, or one the bearer token stands for. Only the CapabilityStatement
// is public (clients read it to learn how to sign in). A system client's scope must also cover
// the interaction; a person's reach is decided per citizen further in. Headers that would be
// stored past their limit are refused first (checkHeaders), before anything is read or logged.
func (a *api) signedIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkHeaders(r); err != nil {
			a.fail(w, r, err)
			return
		}
		if r.URL.Path == "/metadata" || isTerminologyPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		p, ok := access.FromContext(r.Context())
		if !ok {
			var err error
			if p, err = a.authenticate(r); err != nil {
				a.unauthorized(w, r, err)
				return
			}
			r = r.WithContext(access.WithPrincipal(r.Context(), p))
		}
		if i, typ, ok := interactionOf(r); ok && p.IsSystem() && !access.ScopesAllow(p.Scopes, i, typ) {
			a.fail(w, r, forbidden(i, typ))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (a *api) authenticate(r *http.Request) (*access.Principal, error) {
	if a.auth == nil {
		return nil, apperr.New(apperr.Unauthorized, "sign in with a session")
	}
	return a.auth.Authenticate(r)
}

// unauthorized answers 401 with the challenge RFC 6750 asks for.
func (a *api) unauthorized(w http.ResponseWriter, r *http.Request, err error) {
	if !apperr.Is(err, apperr.Unauthorized) {
		a.fail(w, r, err) // the token store failed: not the client's fault
		return
	}
	challenge := `Bearer realm="veiviser"`
	if r.Header.Get("Authorization") != "" {
		challenge += `, error="invalid_token"`
	}
	w.Header().Set("WWW-Authenticate", challenge)
	a.fail(w, r, err)
}

func forbidden(i access.Interaction, typ string) error {
	if typ == "" {
		typ = "*"
	}
	return apperr.New(apperr.Forbidden, "the token's scope does not cover %s on %s", interactionName(i), typ)
}

func interactionName(i access.Interaction) string {
	switch i {
	case access.Create:
		return "create"
	case access.Read:
		return "read"
	case access.Update:
		return "update"
	case access.Delete:
		return "delete"
	}
	return "search"
}

// interactionOf names what a request does and to which type ("" for the whole system); ok is
// false for a bundle (its entries are checked one by one) and for paths no handler serves.
func interactionOf(r *http.Request) (access.Interaction, string, bool) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	typ := segs[0]
	if typ == "_history" {
		return access.Read, "", true
	}
	if typ == "" || !fhir.KnownType(typ) {
		return 0, "", false
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		if len(segs) == 1 {
			return access.Search, typ, true
		}
		return access.Read, typ, true
	case http.MethodPost:
		if len(segs) == 2 && segs[1] == "_search" {
			return access.Search, typ, true
		}
		return access.Create, typ, true
	case http.MethodPut:
		return access.Update, typ, true
	case http.MethodDelete:
		return access.Delete, typ, true
	}
	return 0, "", false
}

// checkBundleScopes refuses a batch or transaction when a system client's scope does not cover
// one of its entries.
func checkBundleScopes(r *http.Request, b *fhir.Resource) error {
	p, ok := access.FromContext(r.Context())
	if !ok || !p.IsSystem() {
		return nil
	}
	entries, _ := b.Object().Array("entry")
	for _, v := range entries {
		e, _ := v.(*fhir.Object)
		if e == nil {
			continue // malformed: the record layer says so
		}
		req, _ := e.Object("request")
		if req == nil {
			continue
		}
		method, _ := req.String("method")
		u, _ := req.String("url")
		path, _, _ := strings.Cut(u, "?")
		er, err := http.NewRequestWithContext(r.Context(), method, "/"+strings.TrimPrefix(path, "/"), nil)
		if err != nil {
			continue
		}
		if i, typ, ok := interactionOf(er); ok && !access.ScopesAllow(p.Scopes, i, typ) {
			return forbidden(i, typ)
		}
		if cond, _ := req.String("ifNoneExist"); cond != "" && method == http.MethodPost {
			if err := conditionalScope(p, strings.Trim(path, "/")); err != nil {
				return err
			}
		}
	}
	return nil
}

// conditionalScope refuses a system client a conditional create of typ unless its scope lets it
// search typ: the criteria are a search, and the match (or 200 rather than 201) is its answer.
func conditionalScope(p *access.Principal, typ string) error {
	if p != nil && p.IsSystem() && !access.ScopesAllow(p.Scopes, access.Search, typ) {
		return apperr.New(apperr.Forbidden, "a conditional create (If-None-Exist) is a search: the token's scope does not cover search on %s", typ)
	}
	return nil
}
