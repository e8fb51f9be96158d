package records

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// BundleResult is the outcome of a batch or transaction, one EntryResult per request entry in
// the request's order.
type BundleResult struct {
	Type    string // "batch-response" or "transaction-response"
	Entries []EntryResult
}

// EntryResult is the outcome of one entry.
type EntryResult struct {
	Status  int            // the HTTP status of the entry
	Record  store.Record   // the resource created, updated, read or deleted (Body nil for a deletion)
	Search  *SearchResult  // a GET search's page
	History *HistoryResult // a GET history's page
	Err     error          // batch only: why this entry failed
}

// entry is one parsed request entry of a Bundle.
type entry struct {
	index       int
	fullURL     string
	method      string
	target      target
	ifNoneExist string
	ifMatch     string
	resource    *fhir.Resource
	err         error // the entry is malformed
}

// target is a request.url taken apart.
type target struct {
	typ, id string
	history bool // …/_history
	version int64
	query   url.Values // nil when the url has no "?"
}

// parseBundle reads a batch or transaction Bundle's entries. A malformed Bundle is an error; a
// malformed entry is recorded on the entry so a batch can answer it alone.
func parseBundle(b *fhir.Resource) (string, []entry, error) {
	if b.Type() != "Bundle" {
		return "", nil, apperr.New(apperr.Invalid, "expected a Bundle, got %q", b.Type())
	}
	typ, _ := b.Object().String("type")
	if typ != "batch" && typ != "transaction" {
		return "", nil, apperr.New(apperr.Invalid, "Bundle.type must be batch or transaction, not %q", typ)
	}
	raw, _ := b.Object().Array("entry")
	entries := make([]entry, len(raw))
	for i, v := range raw {
		entries[i] = parseEntry(i, v)
	}
	return typ, entries, nil
}

func parseEntry(i int, v any) entry {
	e := entry{index: i}
	obj, ok := v.(*fhir.Object)
	if !ok {
		e.err = apperr.New(apperr.Invalid, "the entry is not an object")
		return e
	}
	e.fullURL, _ = obj.String("fullUrl")
	req, ok := obj.Object("request")
	if !ok {
		e.err = apperr.New(apperr.Invalid, "the entry has no request")
		return e
	}
	e.method, _ = req.String("method")
	e.ifNoneExist, _ = req.String("ifNoneExist")
	e.ifMatch, _ = req.String("ifMatch")
	u, _ := req.String("url")
	if e.target, e.err = parseTarget(u); e.err != nil {
		return e
	}
	if res, ok := obj.Object("resource"); ok {
		e.resource, e.err = fhir.FromObject(res)
	}
	if e.err == nil {
		e.err = checkEntryShape(e)
	}
	return e
}

// checkEntryShape refuses what no method supports; the write itself checks the rest.
func checkEntryShape(e entry) error {
	switch e.method {
	case "GET":
		return nil
	case "POST":
		if e.target.id != "" || e.target.query != nil || e.target.history {
			return apperr.New(apperr.Invalid, "POST needs a url naming only the type")
		}
	case "PUT", "DELETE":
		if e.target.query != nil || e.target.id == "" {
			return apperr.New(apperr.NotSupported, "conditional %s is not supported; name the resource as Type/id", e.method)
		}
		if e.target.history {
			return apperr.New(apperr.Invalid, "%s cannot target a history", e.method)
		}
	case "PATCH", "HEAD":
		return apperr.New(apperr.NotSupported, "%s is not supported", e.method)
	default:
		return apperr.New(apperr.Invalid, "request.method %q is not an HTTP verb FHIR knows", e.method)
	}
	if e.method != "DELETE" && e.resource == nil {
		return apperr.New(apperr.Invalid, "%s needs a resource", e.method)
	}
	if e.resource != nil && e.resource.Type() != e.target.typ {
		return apperr.New(apperr.Invalid, "the resourceType %q does not match the url's type %q", e.resource.Type(), e.target.typ)
	}
	return nil
}

// parseTarget takes apart Type, Type/id, Type/id/_history[/vid], Type/_history and Type?query, in
// relative form or as an absolute URL ending so.
func parseTarget(u string) (target, error) {
	var t target
	if u == "" {
		return t, apperr.New(apperr.Invalid, "the entry's request has no url")
	}
	path, query, hasQuery := strings.Cut(u, "?")
	if hasQuery {
		q, err := fhir.ParseQuery("the request url's query", query)
		if err != nil {
			return t, err
		}
		t.query = q
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if strings.Contains(path, "://") { // absolute: keep what follows the first resource type
		for i, s := range segs {
			if fhir.KnownType(s) {
				segs = segs[i:]
				break
			}
		}
	}
	return fillTarget(t, segs)
}

func fillTarget(t target, segs []string) (target, error) {
	t.typ = segs[0]
	if !fhir.KnownType(t.typ) {
		return t, apperr.New(apperr.NotFound, "%q is not a resource type this server holds", t.typ)
	}
	rest := segs[1:]
	if len(rest) > 0 && rest[0] == "_history" {
		t.history = true
		rest = rest[1:]
		if len(rest) == 0 {
			return t, nil
		}
		return t, apperr.New(apperr.Invalid, "malformed request url")
	}
	if len(rest) > 0 {
		t.id, rest = rest[0], rest[1:]
		if !fhir.ValidID(t.id) {
			return t, apperr.New(apperr.Invalid, "%q is not a valid resource id", t.id)
		}
	}
	if len(rest) > 0 && rest[0] == "_history" {
		t.history, rest = true, rest[1:]
	}
	if len(rest) == 1 && t.history {
		v, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil || v < 1 {
			return t, apperr.New(apperr.Invalid, "%q is not a version number", rest[0])
		}
		t.version, rest = v, nil
	}
	if len(rest) > 0 {
		return t, apperr.New(apperr.Invalid, "malformed request url")
	}
	return t, nil
}

// entryError names the entry in an error's message and issues, keeping its code.
func entryError(i int, err error) error {
	e := apperr.As(err)
	if e.Code == apperr.Internal {
		return err
	}
	where := fmt.Sprintf("Bundle.entry[%d]", i)
	out := &apperr.Error{Code: e.Code, Message: where + ": " + e.Message, Err: e.Err}
	for _, is := range e.Issues {
		is.Diagnostics = where + ": " + is.Diagnostics
		out.Issues = append(out.Issues, is)
	}
	if len(out.Issues) == 0 {
		out.Issues = []apperr.Issue{{Diagnostics: out.Message, Expression: []string{where}}}
	}
	return out
}
