package fhirapi

import (
	"maps"
	"net/http"
	"net/url"
	"slices"

	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// ignoredParams are format parameters a JSON-only server may ignore.
var ignoredParams = []string{"_format", "_pretty"}

func (a *api) searchGet(w http.ResponseWriter, r *http.Request) {
	typ, ok := a.knownType(w, r)
	if !ok {
		return
	}
	params, err := fhir.ParseQuery("the query string", r.URL.RawQuery)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.search(w, r, typ, params, false)
}

// searchPost takes the parameters from a form body, so that an identity number never travels in
// a URL that proxies log.
func (a *api) searchPost(w http.ResponseWriter, r *http.Request) {
	typ, ok := a.knownType(w, r)
	if !ok {
		return
	}
	params, err := postParams(w, r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.search(w, r, typ, params, true)
}

// postParams reads a POST search's form body and merges in the parameters of its URL, which win
// over the body's (that is how the next/previous links of a POST search carry the page).
func postParams(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	if err := checkMediaType(r, "application/x-www-form-urlencoded"); err != nil {
		return nil, err
	}
	body, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	params, err := fhir.ParseQuery("the form body", string(body))
	if err != nil {
		return nil, err
	}
	inURL, err := fhir.ParseQuery("the query string", r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	maps.Copy(params, inURL)
	return params, nil
}

func (a *api) search(w http.ResponseWriter, r *http.Request, typ string, params url.Values, post bool) {
	for _, k := range ignoredParams {
		delete(params, k)
	}
	res, err := a.guardSearch(r, typ, params)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	recs := slices.Concat(res.Page.Records, res.Page.Included) // in the bundle's order
	a.sendBundle(w, r, http.StatusOK, a.searchBundle(r, res, post), recs)
}

func (a *api) historySystem(w http.ResponseWriter, r *http.Request) { a.history(w, r, "", "") }

func (a *api) historyType(w http.ResponseWriter, r *http.Request) {
	if typ, ok := a.knownType(w, r); ok {
		a.history(w, r, typ, "")
	}
}

func (a *api) historyInstance(w http.ResponseWriter, r *http.Request) {
	if typ, ok := a.knownType(w, r); ok {
		a.history(w, r, typ, r.PathValue("id"))
	}
}

func (a *api) history(w http.ResponseWriter, r *http.Request, typ, id string) {
	// read first, so a query that cannot be read is refused alike whether the record exists
	params, err := fhir.ParseQuery("the query string", r.URL.RawQuery)
	switch {
	case err != nil:
	case id == "":
		err = personsOnly(r, "the history of a type or of the system")
	default:
		_, err = a.guardRead(r, "history-instance", typ, id, notKnown(typ, id), func() (store.Record, error) { return a.svc.Read(r.Context(), typ, id) })
		if apperr.Is(err, apperr.Gone) {
			err = nil // a deleted record still has a history
		}
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.svc.History(r.Context(), typ, id, params)
	if err == nil && id == "" { // an instance's history was logged as its read above
		interaction := "history-type"
		if typ == "" {
			interaction = "history-system"
		}
		err = a.logRecords(r, event(r, interaction, "R", accesslog.OutcomeSuccess), res.Records...)
	}
	if err == nil {
		err = viewAll(a.viewer(r), res.Records) // each version as the caller may see it
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.send(w, r, http.StatusOK, a.historyBundle(r, res))
}

func (a *api) bundle(w http.ResponseWriter, r *http.Request) {
	b, err := readResource(w, r)
	if err == nil {
		err = checkBundleScopes(r, b)
	}
	if err == nil {
		err = personsOnly(r, "a batch or transaction")
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.svc.Bundle(a.auditWrites(r), b)
	if err == nil {
		err = a.filterBundle(r, &res)
	}
	if err == nil {
		err = a.logBundleReads(r, b, res)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.send(w, r, http.StatusOK, a.responseBundle(r, res))
}

func (a *api) metadata(w http.ResponseWriter, r *http.Request) {
	a.send(w, r, http.StatusOK, a.capability)
}
