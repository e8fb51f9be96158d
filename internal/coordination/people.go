package coordination

import (
	"context"
	"strings"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// nameOf is a person's or organisation's name as the UI shows it.
func nameOf(r *fhir.Resource) string {
	o := r.Object()
	if s, ok := o.String("name"); ok { // Organization
		return s
	}
	n := kernel.Objects(o, "name")
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

// nameBook reads each reference's name once: the rows of a list name the same few people again
// and again (a coordinator's tasks, a citizen's access log, the unit lead's flags), and each name
// is a read of the store. One book serves one call; it is not kept, so a renamed person shows
// with the new name on the next page.
type nameBook struct {
	s     *Service
	names map[string]string
}

func (s *Service) nameBook() *nameBook { return &nameBook{s: s, names: map[string]string{}} }

// name is the name of reference (as patientName), read at most once per book.
func (b *nameBook) name(ctx context.Context, reference string) string {
	if n, ok := b.names[reference]; ok {
		return n
	}
	n := b.s.patientName(ctx, reference)
	b.names[reference] = n
	return n
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
	for _, t := range kernel.Objects(r.Object(), "telecom") {
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
