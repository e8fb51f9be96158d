package access_test

import (
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
)

// TestWritePolicy: the per-role write policy, one row per role × type × write that the last
// review found open or that the policy must keep open, with the answer a person gets.
func TestWritePolicy(t *testing.T) {
	person := func(roles ...access.Role) *access.Principal { return &access.Principal{UserID: "u", Roles: roles} }
	citizen, relative := person(access.Citizen), person(access.Relative)
	coord, provider := person(access.Coordinator), person(access.ServiceProvider)
	lead, officer, admin := person(access.UnitLead), person(access.CaseOfficer), person(access.Administrator)
	system := &access.Principal{ClientID: "c", Scopes: []string{"system/*.*"}}
	for _, tc := range []struct {
		name   string
		p      *access.Principal
		typ    string
		action access.Interaction
		want   apperr.Code // "" allowed
	}{
		{"a citizen creates an EpisodeOfCare about themself", citizen, "EpisodeOfCare", access.Create, apperr.Forbidden},
		{"a citizen creates a DocumentReference", citizen, "DocumentReference", access.Create, apperr.Forbidden},
		{"a citizen edits their Patient", citizen, "Patient", access.Update, apperr.Forbidden},
		{"a citizen writes a message", citizen, "Communication", access.Create, ""},
		{"a citizen deletes a message", citizen, "Communication", access.Delete, apperr.Forbidden},
		{"a citizen proposes a goal", citizen, "Goal", access.Create, ""},
		{"a citizen comments on the plan", citizen, "CarePlan", access.Update, ""},
		{"a citizen deletes a goal", citizen, "Goal", access.Delete, apperr.Forbidden},
		{"a citizen gives consent", citizen, "Consent", access.Create, ""},
		{"a citizen sends an inquiry", citizen, "ServiceRequest", access.Create, ""},
		{"a citizen changes a Task", citizen, "Task", access.Update, apperr.Forbidden},
		{"a citizen makes a RelatedPerson link", citizen, "RelatedPerson", access.Create, apperr.Forbidden},
		{"a relative edits their RelatedPerson", relative, "RelatedPerson", access.Update, apperr.Forbidden},
		{"a relative writes a message", relative, "Communication", access.Create, ""},
		{"a relative sends an inquiry on the citizen's behalf", relative, "ServiceRequest", access.Create, ""},
		{"a relative writes a consent", relative, "Consent", access.Create, apperr.Forbidden},
		{"a relative changes a meeting", relative, "Appointment", access.Update, apperr.Forbidden},
		{"a coordinator changes a plan", coord, "CarePlan", access.Update, ""},
		{"a coordinator records a RelatedPerson", coord, "RelatedPerson", access.Create, ""},
		{"a coordinator writes an EpisodeOfCare (a pathway only: the pathways' rule refuses the rest)", coord, "EpisodeOfCare", access.Create, ""},
		{"a coordinator adds a Practitioner", coord, "Practitioner", access.Create, apperr.Forbidden},
		{"a provider files a document", provider, "DocumentReference", access.Create, ""},
		{"a provider writes a consent", provider, "Consent", access.Update, apperr.Forbidden},
		{"a provider records a RelatedPerson", provider, "RelatedPerson", access.Create, apperr.Forbidden},
		{"a provider edits a Patient", provider, "Patient", access.Update, apperr.Forbidden},
		{"a unit lead appoints via an EpisodeOfCare", lead, "EpisodeOfCare", access.Create, ""},
		{"a unit lead adds an Organization", lead, "Organization", access.Create, ""},
		{"a case officer ends an EpisodeOfCare", officer, "EpisodeOfCare", access.Update, ""},
		{"a case officer adds a PractitionerRole", officer, "PractitionerRole", access.Create, apperr.Forbidden},
		{"a case officer deletes a Patient", officer, "Patient", access.Delete, apperr.Forbidden},
		{"an administrator adds a Practitioner", admin, "Practitioner", access.Create, ""},
		{"an administrator deletes a PractitionerRole", admin, "PractitionerRole", access.Delete, ""},
		{"an administrator writes a Goal", admin, "Goal", access.Create, apperr.Forbidden},
		{"an administrator edits a Patient", admin, "Patient", access.Update, apperr.Forbidden},
		{"a unit lead writes the access log", lead, "AuditEvent", access.Create, apperr.MethodNotAllowed},
		// a consent is withdrawn, never deleted: its history is the citizen's record of what they allowed
		{"a unit lead deletes a consent", lead, "Consent", access.Delete, apperr.Forbidden},
		{"a case officer deletes a consent", officer, "Consent", access.Delete, apperr.Forbidden},
		{"a coordinator deletes a consent", coord, "Consent", access.Delete, apperr.Forbidden},
		{"a citizen deletes their consent", citizen, "Consent", access.Delete, apperr.Forbidden},
		{"an administrator deletes a consent", admin, "Consent", access.Delete, apperr.Forbidden},
		{"a citizen writes the access log", citizen, "AuditEvent", access.Update, apperr.MethodNotAllowed},
		{"a type the policy does not name", lead, "Observation", access.Create, apperr.Forbidden},
		{"a citizen who is also a coordinator", person(access.Citizen, access.Coordinator), "Task", access.Create, ""},
		{"a person without roles", person(), "Communication", access.Create, apperr.Forbidden},
		{"no principal", nil, "Communication", access.Create, apperr.Forbidden},
		{"a system client (its scopes decide)", system, "EpisodeOfCare", access.Delete, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := access.CheckWrite(tc.p, tc.typ, tc.action)
			if (err == nil) != (tc.want == "") || (err != nil && !apperr.Is(err, tc.want)) {
				t.Fatalf("CheckWrite = %v, want %q", err, tc.want)
			}
			if got := access.MayWrite(tc.p, tc.typ, tc.action); got != (tc.want == "") {
				t.Errorf("MayWrite = %v, want %v", got, tc.want == "")
			}
		})
	}
}

// TestWritePolicyMessage: a refusal says in bokmål and English which type and which roles may.
func TestWritePolicyMessage(t *testing.T) {
	citizen := &access.Principal{UserID: "u", Roles: []access.Role{access.Citizen}}
	err := access.CheckWrite(citizen, "EpisodeOfCare", access.Create)
	for _, want := range []string{"Din rolle kan ikke opprette EpisodeOfCare", "Your role may not create records of type EpisodeOfCare",
		"unit-lead, case-officer"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %v lacks %q", err, want)
		}
	}
	err = access.CheckWrite(citizen, "Patient", access.Delete)
	if err == nil || !strings.Contains(err.Error(), "No person may delete records of type Patient") {
		t.Errorf("a write nobody may make: %v", err)
	}
}
