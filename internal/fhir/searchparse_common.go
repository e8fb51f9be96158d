package fhir

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"veiviser/internal/search"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// jsonFormats are the _format values that mean the one format we serve.
var jsonFormats = []string{"json", "application/json", "application/fhir+json"}

// parseCommon handles the parameters every type has.
func parseCommon(q *search.Query, key, value string, n int) error {
	single := func() error {
		if n > 1 {
			return invalid(key, "give it once")
		}
		return nil
	}
	switch key {
	case "_id":
		if err := single(); err != nil {
			return err
		}
		for _, id := range splitUnescaped(value, ',') {
			if !ValidID(id) {
				return invalid(key, "%q is not a valid id", id)
			}
			q.IDs = append(q.IDs, id)
		}
	case "_lastUpdated":
		if strings.Contains(value, ",") {
			return invalid(key, "alternatives with a comma are not supported; repeat the parameter for a range")
		}
		v, err := parseDateValue(key, value)
		if err != nil {
			return err
		}
		q.LastUpdated = append(q.LastUpdated, v)
	case "_count":
		c, err := strconv.Atoi(value)
		if err != nil || c < 1 || c > MaxCount {
			return invalid(key, "expected a whole number from 1 to %d", MaxCount)
		}
		q.Count = c
		return single()
	case "_offset":
		o, err := strconv.Atoi(value)
		if err != nil || o < 0 {
			return invalid(key, "expected a whole number of 0 or more")
		}
		q.Offset = o
		return single()
	case "_sort":
		switch value {
		case "_lastUpdated":
			q.Sort = search.SortLastUpdatedAsc
		case "-_lastUpdated":
			q.Sort = search.SortLastUpdatedDesc
		default:
			return invalid(key, "only _lastUpdated and -_lastUpdated are supported")
		}
		return single()
	case "_include":
		inc, err := parseInclude(q.Type, value)
		if err != nil {
			return err
		}
		if !slices.Contains(q.Include, inc) {
			q.Include = append(q.Include, inc)
		}
	case "_format":
		if !slices.Contains(jsonFormats, value) {
			return invalid(key, "only JSON is served (json, application/json, application/fhir+json)")
		}
	default:
		return invalid(key, "not supported (supported common parameters: _id, _lastUpdated, _count, _offset, _sort, _include, _format)")
	}
	return nil
}

// parseInclude reads Type:param or Type:param:Target.
func parseInclude(typ, value string) (search.Include, error) {
	parts := strings.Split(value, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return search.Include{}, invalid("_include", "expected Type:param or Type:param:Target, got %q", value)
	}
	if parts[0] != typ {
		return search.Include{}, invalid("_include", "%q must start with the searched type %s", value, typ)
	}
	p, ok := lookupParam(typ, parts[1])
	if !ok || p.Kind != search.Reference {
		return search.Include{}, invalid("_include", "%s is not a reference parameter of %s", parts[1], typ)
	}
	inc := search.Include{SourceType: typ, Param: p.Code}
	if len(parts) == 3 {
		t := parts[2]
		if !KnownType(t) || (len(p.Targets) > 0 && !slices.Contains(p.Targets, t)) {
			return search.Include{}, invalid("_include", "%s is not a target of %s:%s", t, typ, p.Code)
		}
		inc.TargetType = t
	}
	return inc, nil
}
