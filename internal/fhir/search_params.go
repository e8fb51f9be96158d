package fhir

import (
	"slices"

	"veiviser/internal/search"
)

// compiledParam is a supported search parameter with its compiled expression.
type compiledParam struct {
	SearchParam
	paths []fpPath
}

// unsupportedParams are R4 parameters whose matching we do not implement although their
// expressions compile: phonetic matching is not a plain string match.
var unsupportedParams = []string{"phonetic"}

// auditEventParams are the parameters the store's access-log table keeps (store/audit.go): an
// AuditEvent is indexed and searched by these only, so each logged access costs few index rows.
var auditEventParams = []string{"action", "agent", "date", "entity", "outcome", "patient", "subtype", "type"}

// paramOverrides replace R4 expressions where Veiviser means something narrower. AuditEvent's
// patient is R4's agent.who or entity.what naming a Patient; here it is only the entity typed 1
// (person): the citizen whose data the access touched. A citizen who acted, or a Patient record
// merely named, does not make an entry part of that citizen's log (whose audience is decided by
// it: access.AccessLogReach), so an entry never shows one citizen another's accesses.
var paramOverrides = map[string]map[string]struct{ expr, doc string }{
	"AuditEvent": {"patient": {"AuditEvent.entity.where(type.code='1').what.where(resolve() is Patient)",
		"The citizen whose data was accessed (the entity of type 1, person)"}},
}

// supportedParams holds, per held type, the parameters whose kind we index and whose expression
// the evaluator understands. It is built once at start and never changed.
var supportedParams = compileParams()

func compileParams() map[string][]compiledParam {
	out := make(map[string][]compiledParam, len(searchParamDefs))
	for typ, defs := range searchParamDefs {
		for _, d := range defs {
			kind, ok := indexKind(d.Kind)
			if !ok || slices.Contains(unsupportedParams, d.Code) ||
				(typ == "AuditEvent" && !slices.Contains(auditEventParams, d.Code)) {
				continue
			}
			if o, ok := paramOverrides[typ][d.Code]; ok {
				d.Expression, d.Doc = o.expr, o.doc
			}
			paths, err := compileExpr(typ, d.Expression)
			if err != nil {
				continue // an expression outside our FHIRPath subset: the parameter is unsupported
			}
			out[typ] = append(out[typ], compiledParam{
				SearchParam: SearchParam{Code: d.Code, Kind: kind, Expression: d.Expression,
					Targets: d.Targets, Documentation: d.Doc},
				paths: paths,
			})
		}
	}
	return out
}

// indexKind maps an R4 search parameter type to the kind we index; uri is indexed as a token
// with no system.
func indexKind(k string) (search.Kind, bool) {
	switch k {
	case "token", "uri":
		return search.Token, true
	case "string":
		return search.String, true
	case "reference":
		return search.Reference, true
	case "date":
		return search.Date, true
	case "number":
		return search.Number, true
	}
	return "", false
}

// SearchParams returns the supported search parameters of typ, ordered by code. The caller may
// change the slice.
func SearchParams(typ string) []SearchParam {
	ps := supportedParams[typ]
	out := make([]SearchParam, len(ps))
	for i, p := range ps {
		out[i] = p.SearchParam
	}
	return out
}

// lookupParam returns a supported parameter of typ.
func lookupParam(typ, code string) (*compiledParam, bool) {
	ps := supportedParams[typ]
	for i := range ps {
		if ps[i].Code == code {
			return &ps[i], true
		}
	}
	return nil, false
}

// PatientCompartment returns the search parameters that put a resource of typ in a Patient's
// compartment (R4 CompartmentDefinition), nil when typ is not in it.
func PatientCompartment(typ string) []string {
	return slices.Clone(patientCompartment[typ])
}
