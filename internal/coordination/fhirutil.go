package coordination

import (
	"time"

	"veiviser/internal/fhir"
)

// objOf builds an object from name/value pairs, skipping empty strings and nil.
func objOf(kv ...any) *fhir.Object {
	o := fhir.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case nil:
			continue
		case string:
			if v == "" {
				continue
			}
		case *fhir.Object:
			if v == nil || v.Len() == 0 {
				continue
			}
		case []any:
			if len(v) == 0 {
				continue
			}
		}
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}

func objects(o *fhir.Object, key string) []*fhir.Object {
	a, _ := o.Array(key)
	var out []*fhir.Object
	for _, x := range a {
		if m, ok := x.(*fhir.Object); ok {
			out = append(out, m)
		}
	}
	return out
}

// pathStr follows members; an array on the way yields its first element.
func pathStr(o *fhir.Object, keys ...string) string {
	var v any = o
	for _, k := range keys {
		if a, ok := v.([]any); ok {
			if len(a) == 0 {
				return ""
			}
			v = a[0]
		}
		m, ok := v.(*fhir.Object)
		if !ok || m == nil {
			return ""
		}
		v, _ = m.Get(k)
	}
	s, _ := v.(string)
	return s
}

func parseTime(s string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	return time.Time{}
}

func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// shortID is a short id for parts inside a plan (goals, measures), unique within it.
func (s *Service) shortID() string {
	id := s.newID()
	if len(id) > 10 {
		id = id[:10]
	}
	return id
}
