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

// TestRulesIntakeOverAPI: inquiries, assessments and coordinator appointments are written over
// the FHIR API with the rules the services keep, for people and system clients.
func TestRulesIntakeOverAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		w.planWithConsent() // the relative holds a grant; the lead and the coordinator reach p1
		for _, js := range []string{
			`{"resourceType":"Patient","id":"c1","name":[{"family":"Testmo","given":["Lille"]}]}`,
			`{"resourceType":"RelatedPerson","id":"rp-g","patient":{"reference":"Patient/c1"},"name":[{"text":"Mor Testmo"}],"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH"}]}]}`,
		} {
			if code, body := api.put("", parse(t, js)); code != http.StatusCreated {
				t.Fatalf("seeding: %d %s", code, body)
			}
		}
		api.who["guardian"] = &access.Principal{UserID: "u7", Roles: []access.Role{access.Citizen}, PatientID: "g1", RelatedPersonIDs: []string{"rp-g"}}
		inquiry := func(id string, source intake.InquirySource, subject, sender, need string) func() *fhir.Resource {
			return func() *fhir.Resource {
				r := intake.InquiryToFHIR(intake.Inquiry{ID: id, Source: source, Status: intake.InquiryReceived, Subject: subject, Sender: sender,
					Received: start, Need: need, Reference: "KE-2026-9" + id})
				r.Object().Set("performer", []any{kernel.ObjectOf("reference", "Organization/ke")})
				return r
			}
		}
		set := func(key string, v any) func(o *fhir.Object) { return func(o *fhir.Object) { o.Set(key, v) } }
		consent := set("extension", []any{kernel.ObjectOf("url", kernel.ExtensionBase+"citizen-consent", "valueDateTime", "2026-03-02T09:00:00Z")})
		assessment := func(id, by string, facts intake.NeedFacts, outcome intake.Outcome) func() *fhir.Resource {
			return func() *fhir.Resource {
				return intake.AssessmentToFHIR(id, intake.Assessment{InquiryID: "q6", Patient: "Patient/p1", AssessedBy: by, AssessedAt: start,
					Facts: facts, Outcome: outcome})
			}
		}
		appoint := func(id, coordinator, by string) func() *fhir.Resource {
			return func() *fhir.Resource {
				r := coordinators.AppointmentToFHIR(coordinators.CoordinatorAppointment{ID: id, Patient: "Patient/p1", Coordinator: coordinator,
					Kind: coordinators.KindOrdinary, AppointedBy: by, AppointedAt: start})
				r.Object().Set("managingOrganization", kernel.ObjectOf("reference", "Organization/ke"))
				return r
			}
		}
		ended := set("period", kernel.ObjectOf("start", "2026-03-02T09:00:00Z", "end", "2026-03-03T09:00:00Z"))
		short := intake.NeedFacts{LongTerm: false, Services: []string{"fysioterapi", "hjemmesykepleie"}}
		rows := []apiRow{
			{"inquiry: the citizen for themself", "citizen", inquiry("q1", intake.FromCitizen, "Patient/p1", "Patient/p1", "Hjelp"), http.StatusCreated},
			{"inquiry: the citizen as a provider", "citizen", inquiry("q2", intake.FromProvider, "Patient/p1", "Patient/p1", "Hjelp"), http.StatusForbidden},
			{"inquiry: a guardian for their child", "guardian", inquiry("q3", intake.FromGuardian, "Patient/c1", "RelatedPerson/rp-g", "Hjelp til barnet"), http.StatusCreated},
			{"inquiry: a relative on the citizen's behalf", "relative", inquiry("q4", intake.FromRelative, "Patient/p1", "RelatedPerson/rp1", "Hjelp"), http.StatusCreated},
			{"inquiry: a relative as a guardian", "relative", inquiry("q5", intake.FromGuardian, "Patient/p1", "RelatedPerson/rp1", "Hjelp"), http.StatusForbidden},
			{"inquiry: a provider's need report", "provider", inquiry("q6", intake.FromProvider, "Patient/p1", "Practitioner/f1", "Fall"), http.StatusCreated},
			{"inquiry: a provider in another's name", "provider", inquiry("q7", intake.FromProvider, "Patient/p1", "Practitioner/h1", "Fall"), http.StatusForbidden},
			{"inquiry: a system sends one without a need", "", inquiry("q8", intake.FromProvider, "Patient/p1", "Practitioner/f1", " "), http.StatusUnprocessableEntity},
			{"inquiry: the relative records the citizen's consent", "relative", api.edited("/ServiceRequest/q4", consent), http.StatusForbidden},
			{"inquiry: the citizen records their consent", "citizen", api.edited("/ServiceRequest/q4", consent), http.StatusOK},
			{"inquiry: the provider changes the citizen's need", "provider", api.edited("/ServiceRequest/q1", set("reasonCode", []any{kernel.ObjectOf("text", "Annet")})), http.StatusForbidden},
			{"inquiry: the citizen withdraws their inquiry", "citizen", api.edited("/ServiceRequest/q1", set("status", "revoked")), http.StatusOK},
			{"inquiry: the sender marks it assessed", "provider", api.edited("/ServiceRequest/q6", set("status", "completed")), http.StatusForbidden},
			{"inquiry: the unit lead marks it assessed", "lead", api.edited("/ServiceRequest/q6", set("status", "completed")), http.StatusOK},
			{"inquiry: a system moves it to another citizen", "", api.edited("/ServiceRequest/q4", set("subject", kernel.ObjectOf("reference", "Patient/c1"))), http.StatusUnprocessableEntity},
			{"assessment: the unit lead records one", "lead", assessment("a1", "Practitioner/lead", careFacts(), intake.OutcomePlanAndCoordinator), http.StatusCreated},
			{"assessment: a plan for a short-term need", "lead", assessment("a2", "Practitioner/lead", short, intake.OutcomePlanAndCoordinator), http.StatusUnprocessableEntity},
			{"assessment: the coordinator records one", "coordinator", assessment("a3", "Practitioner/k1", careFacts(), intake.OutcomePlanAndCoordinator), http.StatusForbidden},
			{"assessment: a system, no need where the conditions are met", "", assessment("a4", "Practitioner/lead", careFacts(), intake.OutcomeNoNeed), http.StatusUnprocessableEntity},
			{"appointment: the unit lead appoints a coordinator", "lead", appoint("e1", "Practitioner/k1", "Practitioner/lead"), http.StatusCreated},
			{"appointment: the coordinator appoints themself", "coordinator", appoint("e2", "Practitioner/k1", "Practitioner/k1"), http.StatusForbidden},
			{"appointment: the unit lead appoints one not in the register", "lead", appoint("e3", "Practitioner/f1", "Practitioner/lead"), http.StatusUnprocessableEntity},
			{"appointment: a system appoints one not in the register", "", appoint("e4", "Practitioner/f1", "Practitioner/lead"), http.StatusUnprocessableEntity},
			{"appointment: the citizen ends it", "citizen", api.edited("/EpisodeOfCare/e1", ended), http.StatusForbidden},
			{"appointment: the unit lead ends it", "lead", api.edited("/EpisodeOfCare/e1", set("status", "finished")), http.StatusOK},
		}
		runRows(t, api, rows)
		q := must[intake.Inquiry](t)(w.co.Inquiry(as(w.lead), api.id("ServiceRequest", "q4")))
		if q.CitizenConsent.IsZero() || q.Source != intake.FromRelative {
			t.Errorf("the relative's inquiry after the API writes = %+v", q)
		}
	})
}
