// Package fhir is Veiviser's FHIR R4 format layer: resources as JSON that keeps every element,
// validation and search-parameter tables generated from the official definitions, index extraction,
// search-parameter parsing, Norwegian identifiers, and the Bundle, OperationOutcome and
// CapabilityStatement shapes. It knows nothing of SQL or HTTP.
package fhir

import (
	"strconv"
	"time"

	"veiviser/internal/apperr"
)

// Resource is one FHIR resource. It keeps the client's JSON whole; the server sets only id and
// meta.versionId/meta.lastUpdated.
type Resource struct {
	obj *Object
}

// Parse reads a resource from JSON. It checks only that the JSON is well formed and names a
// resourceType; Validate checks the rest.
func Parse(data []byte) (*Resource, error) {
	obj, err := ParseObject(data)
	if err != nil {
		return nil, &apperr.Error{Code: apperr.Invalid, Message: err.Error()}
	}
	return FromObject(obj)
}

// FromObject wraps a parsed object (for example a Bundle entry's resource) as a Resource.
func FromObject(obj *Object) (*Resource, error) {
	t, ok := obj.String("resourceType")
	if !ok || t == "" {
		return nil, apperr.New(apperr.Invalid, "the resource has no resourceType")
	}
	return &Resource{obj: obj}, nil
}

// Type is the resourceType.
func (r *Resource) Type() string { s, _ := r.obj.String("resourceType"); return s }

// ID is the logical id, "" when none.
func (r *Resource) ID() string { s, _ := r.obj.String("id"); return s }

// SetID sets the logical id, placed after resourceType.
func (r *Resource) SetID(id string) {
	if _, ok := r.obj.Get("id"); ok {
		r.obj.Set("id", id)
		return
	}
	t := r.Type()
	r.obj.Delete("resourceType")
	r.obj.SetFirst("id", id)
	r.obj.SetFirst("resourceType", t)
}

// VersionID is meta.versionId, "" when none.
func (r *Resource) VersionID() string {
	if m, ok := r.obj.Object("meta"); ok {
		s, _ := m.String("versionId")
		return s
	}
	return ""
}

// SetMeta sets meta.versionId and meta.lastUpdated, keeping the rest of meta (profile, tag,
// security, ...), and puts meta after id.
func (r *Resource) SetMeta(versionID int64, lastUpdated time.Time) {
	m, ok := r.obj.Object("meta")
	if !ok {
		m = NewObject()
	}
	m.Set("versionId", strconv.FormatInt(versionID, 10))
	m.Set("lastUpdated", FormatInstant(lastUpdated))
	// rebuild the head: resourceType, id, meta, then the rest in the client's order
	t, id := r.Type(), r.ID()
	r.obj.Delete("meta")
	r.obj.SetFirst("meta", m)
	if id != "" {
		r.obj.SetFirst("id", id)
	}
	r.obj.SetFirst("resourceType", t)
}

// Object is the resource's JSON object, for reading and editing elements.
func (r *Resource) Object() *Object { return r.obj }

// Clone returns a deep copy.
func (r *Resource) Clone() *Resource { return &Resource{obj: r.obj.Clone()} }

// Bytes is the resource's JSON.
func (r *Resource) Bytes() []byte { return r.obj.AppendJSON(make([]byte, 0, 1024)) }

// MarshalJSON implements json.Marshaler.
func (r *Resource) MarshalJSON() ([]byte, error) { return r.Bytes(), nil }

// FormatInstant writes t as a FHIR instant in UTC with millisecond precision.
func FormatInstant(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}
