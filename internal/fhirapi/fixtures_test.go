package fhirapi_test

import (
	"strings"
)

// Valid national identity numbers (fhir-notes.md §2.2).
const (
	fnrKari = "13031353453"
	fnrOla  = "31129956715"
)

// sub fills {{name}} placeholders.
func sub(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{{"+kv[i]+"}}", kv[i+1])
	}
	return s
}

func patientJSON(fnr, family, given, birth string) string {
	return sub(`{"resourceType":"Patient",
		"identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"{{fnr}}"}],
		"name":[{"family":"{{family}}","given":["{{given}}"]}],"birthDate":"{{birth}}"}`,
		"fnr", fnr, "family", family, "given", given, "birth", birth)
}

const practitionerJSON = `{"resourceType":"Practitioner","name":[{"family":"Berg","given":["Anne"]}]}`

func goalJSON(patient, status string) string {
	return sub(`{"resourceType":"Goal","lifecycleStatus":"{{status}}",
		"description":{"text":"Gå til butikken selv"},"subject":{"reference":"Patient/{{p}}"}}`,
		"p", patient, "status", status)
}

func careTeamJSON(patient, practitioner string) string {
	return sub(`{"resourceType":"CareTeam","status":"active","name":"Ansvarsgruppe",
		"subject":{"reference":"Patient/{{p}}"},
		"participant":[{"member":{"reference":"Practitioner/{{pr}}"}}]}`, "p", patient, "pr", practitioner)
}

func carePlanJSON(patient, team, goal, status string) string {
	return sub(`{"resourceType":"CarePlan","status":"{{status}}","intent":"plan","title":"Individuell plan",
		"category":[{"coding":[{"system":"http://snomed.info/sct","code":"734163000"}]}],
		"subject":{"reference":"Patient/{{p}}"},"period":{"start":"2026-01-01","end":"2026-06-30"},
		"careTeam":[{"reference":"CareTeam/{{team}}"}],"goal":[{"reference":"Goal/{{goal}}"}]}`,
		"p", patient, "team", team, "goal", goal, "status", status)
}

func consentJSON(patient, status string) string {
	return sub(`{"resourceType":"Consent","status":"{{status}}",
		"scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
		"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
		"patient":{"reference":"Patient/{{p}}"},
		"policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]}}`,
		"p", patient, "status", status)
}

func serviceRequestJSON(patient, requester string) string {
	return sub(`{"resourceType":"ServiceRequest","status":"active","intent":"order",
		"subject":{"reference":"Patient/{{p}}"},"requester":{"reference":"Practitioner/{{r}}"}}`,
		"p", patient, "r", requester)
}

func taskJSON(patient, owner, focus string) string {
	return sub(`{"resourceType":"Task","status":"requested","intent":"order",
		"focus":{"reference":"ServiceRequest/{{f}}"},"for":{"reference":"Patient/{{p}}"},
		"owner":{"reference":"Practitioner/{{o}}"}}`, "p", patient, "o", owner, "f", focus)
}

func episodeJSON(patient, manager string) string {
	return sub(`{"resourceType":"EpisodeOfCare","status":"active",
		"patient":{"reference":"Patient/{{p}}"},"careManager":{"reference":"Practitioner/{{m}}"}}`,
		"p", patient, "m", manager)
}

func communicationJSON(patient, recipient string) string {
	return sub(`{"resourceType":"Communication","status":"completed",
		"subject":{"reference":"Patient/{{p}}"},"recipient":[{"reference":"Practitioner/{{r}}"}]}`,
		"p", patient, "r", recipient)
}

func auditEventJSON(patient, agent, recorded string) string {
	return sub(`{"resourceType":"AuditEvent",
		"type":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110110"},
		"action":"R","recorded":"{{rec}}","outcome":"0",
		"agent":[{"who":{"reference":"Practitioner/{{a}}"},"requestor":true}],
		"source":{"observer":{"display":"Veiviser"}},
		"entity":[{"what":{"reference":"Patient/{{p}}"}}]}`, "p", patient, "a", agent, "rec", recorded)
}
