package fhirapi_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
)

// kind is how need-to-know treats a resource type (access/decide.go's model).
type kind int

const (
	personal    kind = iota // about the citizens it references: follows them
	patient                 // the citizen's own record: about itself; a new one is nobody's yet
	accessLog               // AuditEvent: follows its citizens for reading; only the server writes it
	aboutNobody             // Practitioner, Organization, PractitionerRole: staff and systems read them
)

// typeCase is one of the 17 resource types we hold: how need-to-know treats it and how to
// write a new one about a citizen (the citizen is ignored by records about nobody).
type typeCase struct {
	typ  string
	kind kind
	body func(w world, patient string) string
}

// everyType lists every type the server holds. The records the matrix writes grant nobody
// reach: no owner, care manager, managing unit, actor or participant that is one of the
// principals.
func everyType() []typeCase {
	return []typeCase{
		{"Patient", patient, func(world, string) string {
			return `{"resourceType":"Patient","name":[{"family":"Ny","given":["Person"]}],"birthDate":"2000-01-01"}`
		}},
		{"RelatedPerson", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"RelatedPerson","patient":{"reference":"Patient/{{p}}"},"name":[{"family":"Lid"}]}`, "p", p)
		}},
		{"Practitioner", aboutNobody, func(world, string) string { return practitionerJSON }},
		{"PractitionerRole", aboutNobody, func(w world, _ string) string {
			return sub(`{"resourceType":"PractitionerRole","active":true,"practitioner":{"reference":"Practitioner/{{pr}}"},
				"organization":{"reference":"Organization/{{o}}"}}`, "pr", w.stranger, "o", w.unit)
		}},
		{"Organization", aboutNobody, func(world, string) string {
			return `{"resourceType":"Organization","name":"Fysioterapitjenesten"}`
		}},
		{"CareTeam", personal, func(w world, p string) string { return careTeamJSON(p, w.stranger) }},
		{"CarePlan", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"CarePlan","status":"draft","intent":"plan","subject":{"reference":"Patient/{{p}}"}}`, "p", p)
		}},
		{"Goal", personal, func(_ world, p string) string { return goalJSON(p, "active") }},
		{"Consent", personal, func(_ world, p string) string { return consentJSON(p, "active") }},
		{"ServiceRequest", personal, func(w world, p string) string { return serviceRequestJSON(p, w.stranger) }},
		{"Task", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/{{p}}"}}`, "p", p)
		}},
		{"EpisodeOfCare", personal, func(w world, p string) string { return episodeJSON(p, w.stranger) }},
		{"Encounter", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"Encounter","status":"finished",
				"class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
				"subject":{"reference":"Patient/{{p}}"}}`, "p", p)
		}},
		{"Appointment", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"Appointment","status":"booked",
				"start":"2026-04-01T10:00:00Z","end":"2026-04-01T11:00:00Z",
				"participant":[{"actor":{"reference":"Patient/{{p}}"},"status":"accepted"}]}`, "p", p)
		}},
		{"Communication", personal, func(w world, p string) string { return communicationJSON(p, w.stranger) }},
		{"DocumentReference", personal, func(_ world, p string) string {
			return sub(`{"resourceType":"DocumentReference","status":"current","subject":{"reference":"Patient/{{p}}"},
				"content":[{"attachment":{"contentType":"text/plain","data":"SGVpIQ=="}}]}`, "p", p)
		}},
		{"AuditEvent", accessLog, func(w world, p string) string { return auditEventJSON(p, w.stranger, "2026-03-02T09:00:00Z") }},
	}
}

// addEveryType stores one record of each type about P1 and one about P2 (one only of the types
// about nobody) and returns their ids by type. The access log's records come in through the
// server's own door, as the API refuses them.
func addEveryType(t *testing.T, c *client, w world) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for _, tc := range everyType() {
		var pair [2]string
		for side, p := range []string{w.p1, w.p2} {
			switch {
			case tc.typ == "Patient":
				pair[side] = p
			case tc.kind == aboutNobody && side == 1:
				pair[side] = pair[0]
			case tc.kind == accessLog:
				r, err := fhir.Parse([]byte(tc.body(w, p)))
				if err != nil {
					t.Fatal(err)
				}
				rec, err := c.svc.RecordAuditEvent(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				pair[side] = rec.ID
			default:
				pair[side] = c.create(tc.typ, tc.body(w, p))
			}
		}
		out[tc.typ] = pair
	}
	return out
}

// audience is where a record stands to a principal.
type audience int

const (
	inReach    audience = iota // a citizen in the principal's reach; for records about nobody: staff
	outOfReach                 // outside it; for records about nobody: a citizen or relative
	system                     // an API client with system/*.*
	readSystem                 // an API client with system/*.read
)

// outcome is what a principal gets for one record: the status of a read, whether a search by
// its id finds it, the status of creating one like it about the same citizen, and of an update.
type outcome struct {
	read   int
	found  bool
	create int
	update int
}

// expected is the matrix's answer: by kind and audience. A record outside reach answers 404 as a
// missing one would (and a write about its citizen 403, as about a made-up one); a new Patient
// is nobody's, so only systems create them; AuditEvent writes are refused to everyone (405,
// but to a person who may not see the entry, who gets the answer of a hidden record first);
// a read-only client's writes are refused by its scope.
var expected = map[kind]map[audience]outcome{
	personal: {
		inReach:    {200, true, 201, 200},
		outOfReach: {404, false, 403, 404},
		system:     {200, true, 201, 200},
		readSystem: {200, true, 403, 403},
	},
	patient: {
		inReach:    {200, true, 403, 200},
		outOfReach: {404, false, 403, 404},
		system:     {200, true, 201, 200},
		readSystem: {200, true, 403, 403},
	},
	accessLog: {
		inReach:    {200, true, 405, 405},
		outOfReach: {404, false, 403, 404},
		system:     {200, true, 405, 405},
		readSystem: {200, true, 403, 403},
	},
	aboutNobody: {
		inReach:    {200, true, 201, 200},
		outOfReach: {404, false, 403, 404},
		system:     {200, true, 201, 200},
		readSystem: {200, true, 403, 403},
	},
}

// writers is the write policy as the matrix expects it (README, "Who may write what"): the
// roles that may create and update records of each type inside their reach. A role not named
// is refused with 403 where the table expected above would let it write.
var writers = map[string][]access.Role{
	"Patient":           {access.Coordinator, access.UnitLead, access.CaseOfficer},
	"RelatedPerson":     {access.Coordinator, access.UnitLead, access.CaseOfficer},
	"Practitioner":      {access.Administrator, access.UnitLead},
	"PractitionerRole":  {access.Administrator, access.UnitLead},
	"Organization":      {access.Administrator, access.UnitLead},
	"CareTeam":          {access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"CarePlan":          {access.Citizen, access.Relative, access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"Goal":              {access.Citizen, access.Relative, access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"Consent":           {access.Citizen, access.Coordinator, access.UnitLead, access.CaseOfficer},
	"ServiceRequest":    {access.Citizen, access.Relative, access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"Task":              {access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"EpisodeOfCare":     {access.Coordinator, access.UnitLead, access.CaseOfficer}, // a coordinator: pathways only, which the rules (not run here) keep to that
	"Encounter":         {access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"Appointment":       {access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"Communication":     {access.Citizen, access.Relative, access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
	"DocumentReference": {access.Coordinator, access.ServiceProvider, access.UnitLead, access.CaseOfficer},
}

// logReaders are the roles that read a citizen's access log (AuditEvent) inside their reach:
// the citizen (and guardian), the unit lead and the case officer. To the others an entry
// about a citizen they reach is as hidden as one about a citizen they do not.
var logReaders = []access.Role{access.Citizen, access.UnitLead, access.CaseOfficer}

// wantFor is the answer the principal named who gets for a record of tc's type on side: the
// table expected, with the write policy's refusals inside reach.
func wantFor(who string, tc typeCase, side int) outcome {
	aud := audienceOf(who, tc.kind, side)
	out := expected[tc.kind][aud]
	if aud != inReach || tc.kind == accessLog || slices.Contains(writers[tc.typ], access.Role(who)) {
		return out
	}
	out.create, out.update = http.StatusForbidden, http.StatusForbidden
	return out
}

// matrixPrincipals is every role (world's principals) and two API clients.
func matrixPrincipals(w world) map[string]*access.Principal {
	out := map[string]*access.Principal{}
	for role, p := range principals(w) {
		out[string(role)] = p
	}
	out["system"] = &access.Principal{ClientID: "c1", Scopes: []string{"system/*.*"}}
	out["system-read"] = &access.Principal{ClientID: "c2", Scopes: []string{"system/*.read"}}
	return out
}

// audienceOf places the record on side (0 about P1, 1 about P2) for the principal named who.
// P1 is in every role's reach but the administrator's; P2 in nobody's. P1's access log is in
// the reach of logReaders only. Records about nobody
// are for staff: every role but citizen and relative (the administrator too: they keep the
// register of coordinators and units).
func audienceOf(who string, k kind, side int) audience {
	switch who {
	case "system":
		return system
	case "system-read":
		return readSystem
	}
	if k == aboutNobody {
		if who == string(access.Citizen) || who == string(access.Relative) {
			return outOfReach
		}
		return inReach
	}
	if side == 1 || who == string(access.Administrator) {
		return outOfReach
	}
	if k == accessLog && !slices.Contains(logReaders, access.Role(who)) {
		return outOfReach
	}
	return inReach
}
