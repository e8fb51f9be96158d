package fhirapi

import (
	"compress/gzip"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// baseURL is the configured base, or one derived from the request: the mount prefix is what the
// original request path has in front of the path this handler sees.
func (a *api) baseURL(r *http.Request) string {
	if a.base != "" {
		return a.base
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	prefix := r.RequestURI
	if i := strings.IndexByte(prefix, '?'); i >= 0 {
		prefix = prefix[:i]
	}
	if len(prefix) > 1 { // the path as asked, with a trailing slash the handler does not see (slashes)
		prefix = strings.TrimSuffix(prefix, "/")
	}
	prefix = strings.TrimSuffix(prefix, strings.TrimSuffix(r.URL.Path, "/"))
	return scheme + "://" + r.Host + strings.TrimSuffix(prefix, "/")
}

// readResource reads a JSON request body as a resource.
func readResource(w http.ResponseWriter, r *http.Request) (*fhir.Resource, error) {
	if err := checkMediaType(r, "application/fhir+json", "application/json", "application/json+fhir"); err != nil {
		return nil, err
	}
	body, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	return fhir.Parse(body)
}

// checkMediaType answers 415 unless the body's Content-Type is one of types.
func checkMediaType(r *http.Request, types ...string) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, t := range types {
			if mt == t {
				return nil
			}
		}
	}
	return httpError(http.StatusUnsupportedMediaType, "not-supported",
		"the request body must be "+strings.Join(types, " or ")+", not "+quoteOrNone(ct))
}

func quoteOrNone(s string) string {
	if s == "" {
		return "missing"
	}
	return `"` + echo(s) + `"`
}

// readBody reads the body, gunzipping it when Content-Encoding says gzip, and refuses more than
// MaxBodyBytes either way (a small gzip body can unpack to gigabytes).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	var body io.Reader = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	switch enc := r.Header.Get("Content-Encoding"); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(body)
		if err != nil {
			return nil, bodyError(err)
		}
		defer gz.Close()
		body = gz
	default:
		return nil, httpError(http.StatusUnsupportedMediaType, "not-supported",
			"the Content-Encoding "+echo(enc)+" is not supported; use gzip or none")
	}
	data, err := io.ReadAll(io.LimitReader(body, MaxBodyBytes+1))
	if err != nil {
		return nil, bodyError(err)
	}
	if len(data) > MaxBodyBytes {
		return nil, tooLarge()
	}
	return data, nil
}

func bodyError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return tooLarge()
	}
	return &apperr.Error{Code: apperr.Invalid, Message: "the request body could not be read", Err: err}
}

func tooLarge() error {
	return httpError(http.StatusRequestEntityTooLarge, "too-costly", "the request body is larger than 10 MB")
}
