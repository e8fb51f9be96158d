package fhirapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/accesslog"
	"veiviser/internal/fhirapi"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// clientOption changes how newClient builds the API.
type clientOption func(t testing.TB, st store.Store, s *clientSetup)

// clientSetup is what the options change: the record layer's options and the API's read log.
type clientSetup struct {
	records records.Options
	readLog fhirapi.ReadLog
}

// journaled logs the client's reads through a journaled accesslog.Log (accesslog.OpenJournal) in a
// temporary folder, as the server does, with the record layer's barrier before every read of
// AuditEvents; it is closed (everything stored) when the test ends.
func journaled() clientOption {
	return func(t testing.TB, st store.Store, s *clientSetup) {
		t.Helper()
		l, err := accesslog.OpenJournal(context.Background(), records.New(st, s.records), t.TempDir(), accesslog.JournalOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := l.Close(context.Background()); err != nil {
				t.Error(err)
			}
		})
		s.records.BeforeAuditRead = l.Barrier
		s.readLog = l
	}
}

// eachLog runs fn on each store, once with the direct access log and once journaled, each on a
// fresh store; fn passes opts to newClient.
func eachLog(t *testing.T, fn func(t *testing.T, st store.Store, opts ...clientOption)) {
	t.Helper()
	for _, name := range []string{"sqlite", "postgres"} {
		for mode, opts := range map[string][]clientOption{"direct": nil, "journaled": {journaled()}} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				fn(t, testutil.Stores()[name](t), opts...)
			})
		}
	}
}

// api is another handler over the client's record layer, logging reads where the client's does.
func (c *client) api() http.Handler {
	return fhirapi.New(c.svc, fhirapi.Options{ReadLog: c.readLog})
}

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
		"entity":[{"what":{"reference":"Patient/{{p}}"},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1"}}]}`,
		"p", patient, "a", agent, "rec", recorded)
}
