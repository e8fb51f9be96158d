// Package access decides who may see what (need-to-know), knows who is asking (the Principal a
// session or a bearer token stands for), which types a role may write (the write policy) and
// what a SMART scope allows. Every UI handler and every API call asks the same decision. The
// access log that records each access is internal/accesslog; emergency access is granted by
// internal/emergency and counted here while it lasts (emergency.go).
package access

import (
	"context"
	"slices"
)

// Role is what a person does in Veiviser; a person may hold several.
type Role string

// The roles (glossary.md).
const (
	Citizen         Role = "citizen"
	Relative        Role = "relative"
	Coordinator     Role = "coordinator"
	ServiceProvider Role = "service-provider"
	UnitLead        Role = "unit-lead"
	CaseOfficer     Role = "case-officer"
	Administrator   Role = "administrator"
)

// Roles lists every role, in the order the UI shows them.
func Roles() []Role {
	return []Role{Citizen, Relative, Coordinator, ServiceProvider, UnitLead, CaseOfficer, Administrator}
}

// ValidRole reports whether r is one of the roles.
func ValidRole(r Role) bool {
	for _, x := range Roles() {
		if x == r {
			return true
		}
	}
	return false
}

// Principal is who is asking: a signed-in person, or an API client acting as a system.
type Principal struct {
	UserID   string // the local user id; "" for a system client
	Username string
	Name     string
	Roles    []Role

	// Links to the records that say who the person is.
	PatientID        string   // a citizen's own Patient
	RelatedPersonIDs []string // a relative's RelatedPerson resources (each names the citizen)
	PractitionerID   string   // staff
	Units            []string // organisation units (Organization ids) the staff member works in

	// Language is the language the person chose for the pages ("nb", "nn", "en"); "" for none.
	Language string

	// A system client (OAuth2 client credentials) has a ClientID and SMART-style scopes such as
	// "system/*.read" or "system/CarePlan.write".
	ClientID string
	Scopes   []string
}

// Has reports whether the principal holds role r.
func (p *Principal) Has(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// IsSystem reports whether the principal is an API client rather than a person.
func (p *Principal) IsSystem() bool { return p.ClientID != "" && p.UserID == "" }

type principalKey struct{}

// WithPrincipal returns a context carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal of the request, if signed in.
func FromContext(ctx context.Context) (*Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(*Principal)
	return p, ok && p != nil
}

// Ref is the reference of the principal's own record: their Practitioner, Patient or (the
// first) RelatedPerson; "" for a system.
func (p *Principal) Ref() string {
	switch {
	case p.PractitionerID != "":
		return "Practitioner/" + p.PractitionerID
	case p.PatientID != "":
		return "Patient/" + p.PatientID
	case len(p.RelatedPersonIDs) > 0:
		return "RelatedPerson/" + p.RelatedPersonIDs[0]
	}
	return ""
}

// IsUnitStaff reports whether p is a unit lead or case officer of unit.
func (p *Principal) IsUnitStaff(unit string) bool {
	return (p.Has(UnitLead) || p.Has(CaseOfficer)) && slices.Contains(p.Units, unit)
}

// Person is the principal of ctx when it is a person: rules on who writes bind people, not
// system clients, whom the API trusts for authorship.
func Person(ctx context.Context) (*Principal, bool) {
	p, ok := FromContext(ctx)
	return p, ok && !p.IsSystem()
}
