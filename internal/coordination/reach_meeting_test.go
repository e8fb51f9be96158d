package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRuleReachMeetings: an ordinary Encounter and Appointment, a hospital's letter and a
// message another workflow keeps are written as sent; meetings and the unit's messages (about
// the plan, or from the unit) follow the rules.
func TestRuleReachMeetings(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		_, api, planID, _, meeting := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a physiotherapy consultation", "provider", `{"resourceType":"Encounter","id":"fysio-konsultasjon-1","status":"finished",
				"class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
				"type":[{"coding":[{"system":"http://snomed.info/sct","code":"11429006","display":"Consultation"}]}],
				"subject":{"reference":"Patient/p1"},"participant":[{"individual":{"reference":"Practitioner/f1"}}],
				"period":{"start":"2026-03-01T10:00:00Z","end":"2026-03-01T10:45:00Z"}}`},
			{"a physiotherapy appointment", "provider", `{"resourceType":"Appointment","id":"fysio-time-1","status":"booked",
				"serviceType":[{"coding":[{"system":"http://snomed.info/sct","code":"91251008","display":"Physical therapy procedure"}]}],
				"start":"2026-03-09T10:00:00Z","end":"2026-03-09T10:45:00Z",
				"participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"},{"actor":{"reference":"Practitioner/f1"},"status":"accepted"}]}`},
			{"a hospital's discharge letter, in preparation", "", `{"resourceType":"Communication","id":"epikrise-1","status":"preparation",
				"category":[{"coding":[{"system":"http://snomed.info/sct","code":"373942005","display":"Discharge summary"}]}],
				"subject":{"reference":"Patient/p1"},
				"payload":[{"contentAttachment":{"contentType":"application/pdf","url":"https://sykehus.example/epikrise/1"}}]}`},
			{"a letter from the hospital the provider records as received", "provider", `{"resourceType":"Communication","id":"brev-sykehus-1","status":"completed",
				"subject":{"reference":"Patient/p1"},"sent":"2026-03-01T12:00:00Z","received":"2026-03-02T08:00:00Z",
				"sender":{"reference":"Organization/homecare"},"recipient":[{"reference":"Practitioner/f1"}],
				"payload":[{"contentString":"Innkalling til kontroll"}]}`},
		})
		message := func(id, from, plan, text string) func() *fhir.Resource {
			return func() *fhir.Resource {
				return messages.MessageToFHIR(messages.Message{ID: id, Patient: "Patient/p1", Plan: plan, From: from,
					To: []string{"Practitioner/k1"}, Sent: start, Text: text})
			}
		}
		moved := func(o *fhir.Object) { o.Set("start", "2026-04-01T09:00:00Z"); o.Set("end", "2026-04-01T10:00:00Z") }
		runRows(t, api, []apiRow{
			{"meeting: the provider moves the plan's meeting", "provider", api.edited("/Appointment/"+meeting, moved), http.StatusForbidden},
			{"message: a system sends one about the plan without text", "", message("msg1", "Organization/ke", "CarePlan/"+planID, " "), http.StatusUnprocessableEntity},
			{"message: the citizen writes about the plan as the coordinator", "citizen", message("msg2", "Practitioner/k1", "CarePlan/"+planID, "Hei"), http.StatusForbidden},
			{"message: the provider writes as the coordinating unit", "provider", message("msg3", "Organization/ke", "", "Hei"), http.StatusForbidden},
			{"message: the citizen writes about the plan", "citizen", message("msg4", "Patient/p1", "CarePlan/"+planID, "Hei"), http.StatusCreated},
		})
	})
}
