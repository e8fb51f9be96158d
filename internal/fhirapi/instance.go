package fhirapi

import (
	"net/http"
	"strconv"
	"strings"

	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// knownType reads {type} and answers 404 for a type we do not hold.
func (a *api) knownType(w http.ResponseWriter, r *http.Request) (string, bool) {
	typ := r.PathValue("type")
	if !fhir.KnownType(typ) {
		a.fail(w, r, apperr.New(apperr.NotFound, "%q is not a resource type this server holds", typ))
		return "", false
	}
	return typ, true
}

// read serves the stored bytes as they are: no parse, no re-encode.
func (a *api) read(w http.ResponseWriter, r *http.Request) {
	typ, id := r.PathValue("type"), r.PathValue("id")
	rec, err := a.guardRead(r, "read", typ, id, notKnown(typ, id), func() (store.Record, error) { return a.svc.Read(r.Context(), typ, id) })
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.sendRecord(w, r, http.StatusOK, rec)
}

func (a *api) vread(w http.ResponseWriter, r *http.Request) {
	vid, err := strconv.ParseInt(r.PathValue("vid"), 10, 64)
	if err != nil || vid < 1 {
		a.fail(w, r, apperr.New(apperr.NotFound, "%q is not a version of this resource", r.PathValue("vid")))
		return
	}
	typ, id := r.PathValue("type"), r.PathValue("id")
	noVersion := apperr.New(apperr.NotFound, "%s/%s has no version %d", typ, id, vid) // the store's words
	rec, err := a.guardRead(r, "vread", typ, id, noVersion, func() (store.Record, error) { return a.svc.VRead(r.Context(), typ, id, vid) })
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.sendRecord(w, r, http.StatusOK, rec)
}

func (a *api) create(w http.ResponseWriter, r *http.Request) {
	typ, ok := a.knownType(w, r)
	if !ok {
		return
	}
	res, err := readResource(w, r)
	if err == nil && res.Type() != typ {
		err = apperr.New(apperr.Invalid, "the resourceType %q does not match the URL's type %q", res.Type(), typ)
	}
	ctx := r.Context()
	cond := r.Header.Get("If-None-Exist")
	if err == nil && cond != "" {
		err = conditionalScope(principalOf(r), typ)
	}
	if err == nil {
		ctx, err = a.guardWrite(r, "create", typ, "", res)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rec, created, err := a.svc.Create(ctx, res, cond)
	if err == nil && !created { // If-None-Exist matched one (inside the caller's reach): it is read
		err = a.logRecords(r, event(r, "read", "R", accesslog.OutcomeSuccess), rec)
		if err == nil {
			rec, _, err = a.viewer(r)(rec)
		}
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !created { // R4 answers 200 with the match
		a.sendRecord(w, r, http.StatusOK, rec)
		return
	}
	a.sendWrite(w, r, http.StatusCreated, rec)
}

func (a *api) update(w http.ResponseWriter, r *http.Request) {
	typ, ok := a.knownType(w, r)
	if !ok {
		return
	}
	res, err := readResource(w, r)
	ctx := r.Context()
	if err == nil {
		ctx, err = a.guardWrite(r, "update", typ, r.PathValue("id"), res)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rec, created, err := a.svc.Update(ctx, typ, r.PathValue("id"), res, r.Header.Get("If-Match"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	a.sendWrite(w, r, status, rec)
}

// delete answers 204 whether or not there was anything to delete (see records.Service.Delete).
func (a *api) delete(w http.ResponseWriter, r *http.Request) {
	typ, ok := a.knownType(w, r)
	if !ok {
		return
	}
	ctx, err := a.guardWrite(r, "delete", typ, r.PathValue("id"), nil)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) { // as for a record that is not there
			w.WriteHeader(http.StatusNoContent)
			return
		}
		a.fail(w, r, err)
		return
	}
	rec, deleted, err := a.svc.Delete(ctx, typ, r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if deleted {
		w.Header()["Etag"] = []string{`W/"` + strconv.FormatInt(rec.VersionID, 10) + `"`}
	}
	w.WriteHeader(http.StatusNoContent)
}

// unrouted answers what no pattern matched: 405 for a method on a path of ours, else 404.
func (a *api) unrouted(w http.ResponseWriter, r *http.Request) {
	first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	if fhir.KnownType(first) || first == "metadata" || first == "_history" || first == "" {
		a.fail(w, r, apperr.New(apperr.MethodNotAllowed, "%s is not supported on %s", r.Method, r.URL.Path))
		return
	}
	a.fail(w, r, apperr.New(apperr.NotFound, "there is nothing at %s", r.URL.Path))
}
