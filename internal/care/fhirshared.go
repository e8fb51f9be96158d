package care

import (
	"strings"
	"time"

	"veiviser/internal/fhir"
)

// The exported helpers below let the orchestrating packages (internal/coordination) read and
// build FHIR JSON the same way this package's mapping does, instead of keeping copies.

// ObjectOf builds an object from name/value pairs, leaving out empty values (FHIR forbids
// empty strings, objects and arrays).
func ObjectOf(kv ...any) *fhir.Object { return obj(kv...) }

// Objects is the object members of the array at key.
func Objects(o *fhir.Object, key string) []*fhir.Object { return objects(o, key) }

// PathString follows members; an array on the way yields its first element.
func PathString(o *fhir.Object, keys ...string) string { return pathStr(o, keys...) }

// ParseTime reads a FHIR dateTime or date; the zero time when s is neither.
func ParseTime(s string) time.Time { return parseTime(s) }

// DateTimeUTC formats t as a FHIR dateTime in UTC; "" for the zero time.
func DateTimeUTC(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dateTime(t.UTC())
}

// IDOf is the id part of a reference "Type/id". Unlike the mapping's own idOf, a bare id
// is returned as it is, since callers pass both references and ids.
func IDOf(s string) string {
	if _, id, ok := strings.Cut(s, "/"); ok {
		return id
	}
	return s
}
