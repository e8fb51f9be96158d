package access

import (
	"slices"
	"strings"

	"veiviser/internal/apperr"
)

// The write policy: which roles may create, update or delete which types, for people. It is
// the first and coarsest of three checks on a person's write (need-to-know says about whom,
// this says what kind of record, the coordinating unit's rules in internal/coordination say
// which change), so a type no domain rule covers is still only written by those whose work it
// is. System clients are governed by their scopes instead. The README's access section shows
// the same table.

// writers is who may write one type: write covers create and update.
type writers struct {
	write, delete []Role
}

// writePolicy is the table. Citizens write what is theirs to say (messages, goals and the
// plan's own words, comments and proposals, their consent, their inquiries; the domain rules
// keep them to their own), relatives what the citizen granted them; a Task, a CareTeam or a
// meeting is the staff's. RelatedPerson links and Patients are kept by the coordinating unit
// (a RelatedPerson's relationship grants a guardian reach), EpisodeOfCare (the case and its
// coordinator appointment) by the unit lead and case officers, and by a coordinator (only as a
// care pathway, which the pathways' rule keeps to it), the register of practitioners and organisations by the administrator and the unit lead. Consents, messages and Patients
// are withdrawn, answered or corrected rather than deleted by a person. The access log is the
// server's own.
func writePolicy(typ string) (writers, bool) {
	staff := []Role{Coordinator, ServiceProvider, UnitLead, CaseOfficer}
	unitStaff := []Role{Coordinator, UnitLead, CaseOfficer}
	cases := []Role{UnitLead, CaseOfficer}
	register := []Role{Administrator, UnitLead}
	withPeople := append([]Role{Citizen, Relative}, staff...)
	switch typ {
	case "CarePlan", "Goal", "ServiceRequest":
		return writers{write: withPeople, delete: staff}, true
	case "Communication":
		return writers{write: withPeople}, true
	case "Consent":
		return writers{write: append([]Role{Citizen}, unitStaff...)}, true
	case "CareTeam", "Task", "Encounter", "Appointment", "DocumentReference":
		return writers{write: staff, delete: staff}, true
	case "EpisodeOfCare":
		// a coordinator keeps their citizens' pathways; the rules keep appointments the unit lead's
		return writers{write: unitStaff, delete: cases}, true
	case "RelatedPerson":
		return writers{write: unitStaff, delete: unitStaff}, true
	case "Patient":
		return writers{write: unitStaff}, true
	case "Practitioner", "PractitionerRole", "Organization":
		return writers{write: register, delete: register}, true
	}
	return writers{}, false // AuditEvent, and any type not named: nobody
}

// MayWrite reports whether a person holding p's roles may make the write (Create, Update or
// Delete) to a record of typ. A system client is not asked here (its scopes decide); for one it answers true.
func MayWrite(p *Principal, typ string, action Interaction) bool {
	return len(WriteRoles(p, typ, action)) > 0 || (p != nil && p.IsSystem())
}

// WriteRoles returns the roles of p's that allow the write, in the order p holds them.
func WriteRoles(p *Principal, typ string, action Interaction) []Role {
	if p == nil {
		return nil
	}
	allowed := AllowedWriters(typ, action)
	var out []Role
	for _, r := range p.Roles {
		if slices.Contains(allowed, r) {
			out = append(out, r)
		}
	}
	return out
}

// AllowedWriters lists the roles that may make the write to a record of typ; empty: nobody.
func AllowedWriters(typ string, action Interaction) []Role {
	w, ok := writePolicy(typ)
	if !ok {
		return nil
	}
	if action == Delete {
		return slices.Clone(w.delete)
	}
	return slices.Clone(w.write)
}

// CheckWrite returns nil when p may make the write, else an error for the answer: Forbidden
// that names the type and who may, or MethodNotAllowed for the access log, which nobody writes.
func CheckWrite(p *Principal, typ string, action Interaction) error {
	if MayWrite(p, typ, action) {
		return nil
	}
	if typ == "AuditEvent" {
		return apperr.New(apperr.MethodNotAllowed, "AuditEvent is written by the server only; it is read-only here")
	}
	nb, en := verbs(action)
	allowed := AllowedWriters(typ, action)
	if len(allowed) == 0 {
		return apperr.New(apperr.Forbidden, "Ingen personer kan %s %s gjennom API-et. / No person may %s records of type %s through the API.",
			nb, typ, en, typ)
	}
	names := make([]string, len(allowed))
	for i, r := range allowed {
		names[i] = string(r)
	}
	return apperr.New(apperr.Forbidden, "Din rolle kan ikke %s %s; det kan: %s. / Your role may not %s records of type %s; these roles may: %s.",
		nb, typ, strings.Join(names, ", "), en, typ, strings.Join(names, ", "))
}

// verbs names a write in bokmål and English.
func verbs(a Interaction) (nb, en string) {
	switch a {
	case Create:
		return "opprette", "create"
	case Delete:
		return "slette", "delete"
	}
	return "endre", "update"
}
