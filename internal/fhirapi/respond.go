package fhirapi

import (
	"compress/gzip"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Header values, allocated once: assigning a slice to the header map costs nothing per request.
var (
	hdrContentType = []string{"application/fhir+json; charset=utf-8"}
	hdrGzip        = []string{"gzip"}
	hdrVary        = []string{"Accept-Encoding"}
)

// gzipMin is the smallest body worth compressing; below it gzip's framing outweighs the gain.
const gzipMin = 512

// send writes a prepared body: gzip when the client accepts it, else with Content-Length.
func (a *api) send(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	h["Content-Type"] = hdrContentType
	h["Vary"] = hdrVary
	if len(body) >= gzipMin && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		h["Content-Encoding"] = hdrGzip
		w.WriteHeader(status)
		gz := a.gzip.Get().(*gzip.Writer)
		gz.Reset(w)
		_, err := gz.Write(body)
		if err == nil {
			err = gz.Close()
		}
		a.gzip.Put(gz)
		if err != nil {
			a.log.Debug("writing a gzip response", "err", err)
		}
		return
	}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body) // a failed write means the client left; nothing to tell it
}

// acceptsGzip reads Accept-Encoding without allocating: gzip listed and not with q=0.
func acceptsGzip(v string) bool {
	for v != "" {
		var part string
		part, v, _ = strings.Cut(v, ",")
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// sendRecord writes one stored version as it is: its bytes are already the resource's JSON, and
// its gzip encoding is cached.
func (a *api) sendRecord(w http.ResponseWriter, r *http.Request, status int, rec store.Record) {
	h := w.Header()
	setVersionHeaders(h, rec)
	if len(rec.Body) < gzipMin || !acceptsGzip(r.Header.Get("Accept-Encoding")) || !a.cacheable(r) {
		a.send(w, r, status, rec.Body)
		return
	}
	k := gzipKey{rec.Type, rec.ID, rec.VersionID}
	z, ok := a.gzipped.get(k)
	if !ok {
		var err error
		if z, err = a.compress(rec.Body); err != nil {
			a.fail(w, r, err)
			return
		}
		a.gzipped.put(k, z)
	}
	writeGzipped(w, status, z)
}

// cacheable reports whether the caller's answers may come from, and go into, the cache of
// compressed versions: a person's may hold a version as their view (Options.View) narrows it,
// which is not the version as stored, so theirs are compressed afresh.
func (a *api) cacheable(r *http.Request) bool {
	p := principalOf(r)
	return a.view == nil || (p != nil && p.IsSystem())
}

// writeGzipped writes z, a gzip member of a FHIR JSON body, as the answer.
func writeGzipped(w http.ResponseWriter, status int, z []byte) {
	h := w.Header()
	h["Content-Type"] = hdrContentType
	h["Vary"] = hdrVary
	h["Content-Encoding"] = hdrGzip
	h["Content-Length"] = []string{strconv.Itoa(len(z))}
	w.WriteHeader(status)
	_, _ = w.Write(z)
}

func setVersionHeaders(h http.Header, rec store.Record) {
	h["Etag"] = []string{records.ETag(rec.VersionID)}
	h["Last-Modified"] = []string{rec.LastUpdated.UTC().Format(http.TimeFormat)}
}

// sendWrite answers a create or update, honouring Prefer: return=minimal|OperationOutcome.
func (a *api) sendWrite(w http.ResponseWriter, r *http.Request, status int, rec store.Record) {
	h := w.Header()
	setVersionHeaders(h, rec)
	h["Location"] = []string{a.baseURL(r) + "/" + versionPath(rec)}
	switch prefer := r.Header.Get("Prefer"); {
	case strings.Contains(prefer, "return=minimal"):
		h["Content-Length"] = []string{"0"}
		w.WriteHeader(status)
	case strings.Contains(prefer, "return=OperationOutcome"):
		what := "updated"
		if status == http.StatusCreated {
			what = "created"
		}
		oo := fhir.OperationOutcome(apperr.WithIssues(apperr.Invalid, apperr.Issue{Severity: "information",
			Type: "informational", Diagnostics: versionPath(rec) + " was " + what}))
		a.send(w, r, status, oo.AppendJSON(nil))
	default:
		a.send(w, r, status, rec.Body)
	}
}

func versionPath(rec store.Record) string {
	return rec.Type + "/" + rec.ID + "/_history/" + strconv.FormatInt(rec.VersionID, 10)
}

// statusError carries an HTTP status that no apperr code has (413, 415).
type statusError struct {
	status int
	err    *apperr.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func httpError(status int, issueType, msg string) error {
	return &statusError{status: status, err: apperr.WithIssues(apperr.Invalid,
		apperr.Issue{Type: issueType, Diagnostics: msg})}
}

// fail is the one error writer: an OperationOutcome with the status of the error's code.
func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	status := apperr.HTTPStatus(e.Code)
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	switch {
	case e.Code == apperr.Internal && r.Context().Err() != nil: // the client went away: not our fault
		a.log.InfoContext(r.Context(), "fhir request abandoned by the client", "method", r.Method, "path", r.URL.Path, "err", err)
	case e.Code == apperr.Internal:
		a.log.ErrorContext(r.Context(), "fhir request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	default:
		a.log.DebugContext(r.Context(), "fhir request refused", "method", r.Method, "path", r.URL.Path,
			"status", status, "err", err)
	}
	a.send(w, r, status, fhir.OperationOutcome(e).AppendJSON(make([]byte, 0, 256)))
}
