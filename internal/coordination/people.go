package coordination

import (
	"context"
	"strings"

	"veiviser/internal/fhir"
)

// nameOf is a person's or organisation's name as the UI shows it.
func nameOf(r *fhir.Resource) string {
	o := r.Object()
	if s, ok := o.String("name"); ok { // Organization
		return s
	}
	n := objects(o, "name")
	if len(n) == 0 {
		return ""
	}
	if t, ok := n[0].String("text"); ok {
		return t
	}
	var parts []string
	if g, ok := n[0].Array("given"); ok {
		for _, x := range g {
			if s, ok := x.(string); ok {
				parts = append(parts, s)
			}
		}
	}
	if f, ok := n[0].String("family"); ok {
		parts = append(parts, f)
	}
	return strings.Join(parts, " ")
}

// patientName is the name of "Patient/x" (or of any "Type/id"); "" when it cannot be read.
func (s *Service) patientName(ctx context.Context, reference string) string {
	typ, id, ok := strings.Cut(reference, "/")
	if !ok {
		typ, id = "Patient", reference
	}
	r, _, err := s.get(ctx, typ, id)
	if err != nil {
		return ""
	}
	return nameOf(r)
}

// Contact is how to reach a person.
type Contact struct {
	Ref   string
	Name  string
	Phone string
	Email string
}

// contactOf reads a Practitioner's (or anyone's) name and telecom.
func (s *Service) contactOf(ctx context.Context, reference string) Contact {
	c := Contact{Ref: reference}
	typ, id, _ := strings.Cut(reference, "/")
	r, _, err := s.get(ctx, typ, id)
	if err != nil {
		return c
	}
	c.Name = nameOf(r)
	for _, t := range objects(r.Object(), "telecom") {
		v, _ := t.String("value")
		switch sys, _ := t.String("system"); sys {
		case "phone":
			c.Phone = v
		case "email":
			c.Email = v
		}
	}
	return c
}
