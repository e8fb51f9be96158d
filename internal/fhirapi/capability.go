package fhirapi

import (
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/search"
)

// The interactions that work, per kind of type. AuditEvent is written by the server only.
var (
	writableInteractions = []string{"read", "vread", "update", "delete", "history-instance", "history-type", "create", "search-type"}
	readOnlyInteractions = []string{"read", "vread", "history-instance", "history-type", "search-type"}
	systemInteractions   = []string{"transaction", "batch", "history-system"}
)

// commonParams are the parameters every type takes besides its own.
var commonParams = []struct {
	name, kind, doc string
}{
	{"_id", "token", "The logical id of the resource"},
	{"_lastUpdated", "date", "When the resource version was stored (meta.lastUpdated)"},
	{"_count", "number", "Page size (default 20, at most 1000); pages are followed by the next/previous links"},
	{"_sort", "string", "_lastUpdated or -_lastUpdated; without it the order is stable, by id"},
}

// capabilityStatement lists exactly what the handler does.
func capabilityStatement(base string, now time.Time) []byte {
	cs := fhir.NewObject()
	cs.Set("resourceType", "CapabilityStatement")
	cs.Set("status", "active")
	cs.Set("date", fhir.FormatInstant(now))
	cs.Set("publisher", "Veiviser")
	cs.Set("kind", "instance")
	cs.Set("software", object("name", "Veiviser"))
	impl := object("description", "Veiviser care coordination, FHIR R4 API")
	if base != "" {
		impl.Set("url", base)
	}
	cs.Set("implementation", impl)
	cs.Set("fhirVersion", "4.0.1")
	cs.Set("format", []any{"json"})
	rest := object("mode", "server")
	var resources []any
	for _, typ := range fhir.ResourceTypes() {
		resources = append(resources, capabilityResource(typ))
	}
	for _, typ := range terminologyTypes {
		resources = append(resources, terminologyResource(typ))
	}
	rest.Set("resource", resources)
	rest.Set("interaction", codes(systemInteractions))
	cs.Set("rest", []any{rest})
	return cs.AppendJSON(nil)
}

func capabilityResource(typ string) *fhir.Object {
	writable := typ != "AuditEvent"
	res := object("type", typ)
	if writable {
		res.Set("interaction", codes(writableInteractions))
	} else {
		res.Set("interaction", codes(readOnlyInteractions))
	}
	res.Set("versioning", "versioned-update")
	res.Set("readHistory", true)
	res.Set("updateCreate", writable)
	res.Set("conditionalCreate", writable)
	res.Set("conditionalRead", "not-supported")
	res.Set("conditionalUpdate", false)
	res.Set("conditionalDelete", "not-supported")
	res.Set("referencePolicy", []any{"literal", "local", "enforced"})
	var includes, params []any
	for _, p := range commonParams {
		params = append(params, searchParam(p.name, p.kind, p.doc))
	}
	for _, p := range fhir.SearchParams(typ) {
		params = append(params, searchParam(p.Code, string(p.Kind), p.Documentation))
		if p.Kind == search.Reference && writable { // the access log's table offers no _include
			includes = append(includes, typ+":"+p.Code)
		}
	}
	if len(includes) > 0 {
		res.Set("searchInclude", includes)
	}
	res.Set("searchParam", params)
	return res
}

// terminologyResource is a type served read-only from internal/terminology.
func terminologyResource(typ string) *fhir.Object {
	res := object("type", typ)
	res.Set("documentation", "Veiviser's own "+typ+"s, read-only and public: every code Veiviser writes in its code systems")
	res.Set("interaction", codes([]string{"read", "search-type"}))
	var params []any
	for _, p := range terminologyParams {
		params = append(params, searchParam(p.name, p.kind, p.doc))
	}
	res.Set("searchParam", params)
	return res
}

func searchParam(name, kind, doc string) *fhir.Object {
	o := object("name", name)
	o.Set("type", kind)
	if doc != "" {
		o.Set("documentation", doc)
	}
	return o
}

func object(key string, v any) *fhir.Object {
	o := fhir.NewObject()
	o.Set(key, v)
	return o
}

func codes(cs []string) []any {
	out := make([]any, len(cs))
	for i, c := range cs {
		out[i] = object("code", c)
	}
	return out
}
