package workflow

import (
	"context"
	"strings"

	"veiviser/internal/kernel"
)

// Name is the name of "Patient/x" (or of any "Type/id"); "" when it cannot be read.
func (b *Base) Name(ctx context.Context, reference string) string {
	typ, id, ok := strings.Cut(reference, "/")
	if !ok {
		typ, id = "Patient", reference
	}
	r, _, err := b.Get(ctx, typ, id)
	if err != nil {
		return ""
	}
	return kernel.NameOf(r)
}

// NameBook reads each reference's name once: the rows of a list name the same few people again
// and again (a coordinator's tasks, a citizen's access log, the unit lead's flags), and each name
// is a read of the store. One book serves one call; it is not kept, so a renamed person shows
// with the new name on the next page.
type NameBook struct {
	b     *Base
	names map[string]string
}

// Names is a new name book.
func (b *Base) Names() *NameBook { return &NameBook{b: b, names: map[string]string{}} }

// Name is the name of reference (as Base.Name), read at most once per book.
func (nb *NameBook) Name(ctx context.Context, reference string) string {
	if n, ok := nb.names[reference]; ok {
		return n
	}
	n := nb.b.Name(ctx, reference)
	nb.names[reference] = n
	return n
}

// Contact is how to reach a person.
type Contact struct {
	Ref   string
	Name  string
	Phone string
	Email string
}

// ContactOf reads a Practitioner's (or anyone's) name and telecom.
func (b *Base) ContactOf(ctx context.Context, reference string) Contact {
	c := Contact{Ref: reference}
	typ, id, _ := strings.Cut(reference, "/")
	r, _, err := b.Get(ctx, typ, id)
	if err != nil {
		return c
	}
	c.Name = kernel.NameOf(r)
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

// LanguageOf is the language the record reference prefers to be written to in (a Patient's or a
// RelatedPerson's communication: the preferred one, else the first), as its BCP 47 code; "" when
// it names none or cannot be read.
func (b *Base) LanguageOf(ctx context.Context, reference string) string {
	typ, id, _ := strings.Cut(reference, "/")
	r, _, err := b.Get(ctx, typ, id)
	if err != nil {
		return ""
	}
	first := ""
	for _, c := range kernel.Objects(r.Object(), "communication") {
		lang, _ := c.Object("language")
		code := ""
		if lang != nil {
			for _, cd := range kernel.Objects(lang, "coding") {
				if code, _ = cd.String("code"); code != "" {
					break
				}
			}
		}
		if code == "" {
			continue
		}
		if pref, _ := c.Get("preferred"); pref == true {
			return code
		}
		if first == "" {
			first = code
		}
	}
	return first
}
