package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRuleReachIntake: a lab order, a citizen's own request and another service's episode are
// written as sent; appointing a coordinator ends the running coordinator appointment and leaves
// the other service's episode alone, which makes nobody a coordinator; the unit's inquiries and
// appointments follow the rules.
func TestRuleReachIntake(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w, api, _, _, _ := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a lab order", "provider", `{"resourceType":"ServiceRequest","id":"lab-bestilling-1","status":"active","intent":"order",
				"category":[{"coding":[{"system":"http://snomed.info/sct","code":"108252007","display":"Laboratory procedure"}]}],
				"code":{"coding":[{"system":"http://loinc.org","code":"2339-0","display":"Glucose [Mass/volume] in Blood"}]},
				"subject":{"reference":"Patient/p1"},"authoredOn":"2026-03-02T08:00:00Z","requester":{"reference":"Practitioner/f1"}}`},
			{"the citizen asks for transport", "citizen", `{"resourceType":"ServiceRequest","id":"transport-1","status":"active","intent":"proposal",
				"code":{"text":"Transport til fysioterapi"},"subject":{"reference":"Patient/p1"},"requester":{"reference":"Patient/p1"},
				"performer":[{"reference":"Organization/ke"}]}`},
			{"the home care service's episode, by the unit lead", "lead", homeNursingOf("p1")},
			{"the unit lead ends it", "lead", `{"resourceType":"EpisodeOfCare","id":"hjemmesykepleie-p1","status":"finished",
				"type":[{"coding":[{"system":"https://finnkode.helsedirektoratet.no/adm/collections/9151","code":"2.2.3"}]}],
				"patient":{"reference":"Patient/p1"},"managingOrganization":{"reference":"Organization/homecare"},
				"period":{"start":"2026-01-01T00:00:00Z","end":"2026-03-02T09:00:00Z"},"careManager":{"reference":"Practitioner/h1"}}`},
			{"it starts again, by a system", "", homeNursingOf("p1")},
		})
		// the unit lead appoints a coordinator again: the running appointment ends, the episode stays
		old, ok, err := w.co.CurrentAppointment(as(w.lead), "p1")
		if err != nil || !ok {
			t.Fatalf("the running appointment: %v %v", ok, err)
		}
		before := stored(t, st)
		a := must[coordinators.CoordinatorAppointment](t)(w.co.AppointCoordinator(as(w.lead), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}))
		expectChanged(t, st, "the appointment", before, "EpisodeOfCare/"+old.ID, "EpisodeOfCare/"+a.ID)
		nurse := &access.Principal{UserID: "u9", Roles: []access.Role{access.Coordinator}, PractitionerID: "h1", Units: []string{"homecare"}}
		if ws := must[CoordinatorWorkspace](t)(w.co.CoordinatorWorkspace(as(nurse))); len(ws.Citizens) != 0 {
			t.Errorf("the care manager of the home care episode as a coordinator: citizens %+v, want none", ws.Citizens)
		}
		if c, ok, err := w.co.CurrentAppointment(as(w.lead), "p1"); err != nil || !ok || c.ID != a.ID {
			t.Errorf("the running appointment = %+v %v %v, want the new one", c, ok, err)
		}
		set := func(key string, v any) func(o *fhir.Object) { return func(o *fhir.Object) { o.Set(key, v) } }
		runRows(t, api, []apiRow{
			{"appointment: the citizen ends the coordinator's", "citizen", api.edited("/EpisodeOfCare/"+a.ID, set("status", "finished")), http.StatusForbidden},
			{"appointment: a system makes the nurse coordinator", "", api.edited("/EpisodeOfCare/"+a.ID, set("careManager", kernel.ObjectOf("reference", "Practitioner/h1"))), http.StatusUnprocessableEntity},
			{"inquiry: the citizen sends one as a provider", "citizen", func() *fhir.Resource {
				return intake.InquiryToFHIR(intake.Inquiry{ID: "q1", Source: intake.FromProvider, Status: intake.InquiryReceived, Subject: "Patient/p1",
					Sender: "Patient/p1", Received: start, Need: "Hjelp", Reference: "KE-2026-91"})
			}, http.StatusForbidden},
		})
	})
}
