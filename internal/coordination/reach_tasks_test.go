package coordination

import (
	"net/http"
	"net/url"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/emergency"
	"veiviser/internal/fhir"
	"veiviser/internal/meetings"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// hospitalTask is another workflow's Task of p1 with code in the hospital's own code system.
func hospitalTask(id, code, owner string) string {
	return `{"resourceType":"Task","id":"` + id + `","status":"requested","intent":"order",
		"code":{"coding":[{"system":"https://sykehus.example/fhir/CodeSystem/oppgave","code":"` + code + `"}],"text":"Oppgave fra sykehuset"},
		"for":{"reference":"Patient/p1"},"authoredOn":"2026-03-01T10:00:00Z","owner":{"reference":"` + owner + `"}}`
}

// TestRuleReachTasks: Tasks of other workflows, whatever their codes in other systems, are
// written as sent; the follow-ups of the plan's meetings are the plan coordinator's, and a
// follow-up names an individual plan, not any CarePlan its writer authored.
func TestRuleReachTasks(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		_, api, planID, _, _ := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a hospital's task coded meeting-action in its own system", "provider", hospitalTask("sykehus-oppgave-1", "meeting-action", "Practitioner/h1")},
			{"a hospital's task coded assessment in its own system", "provider", hospitalTask("sykehus-oppgave-2", "assessment", "Practitioner/f1")},
			{"a hospital's task coded appoint-coordinator in its own system", "provider", hospitalTask("sykehus-oppgave-3", coordinators.TaskAppointCoordinator, "Organization/homecare")},
			{"a lab's task", "provider", `{"resourceType":"Task","id":"lab-1","status":"in-progress","intent":"order",
				"code":{"coding":[{"system":"http://loinc.org","code":"11502-2","display":"Laboratory report"}]},"for":{"reference":"Patient/p1"}}`},
			{"a hospital's treatment plan the provider authored", "provider", hospitalPlan},
		})
		followUp := func(id, plan, owner string) func() *fhir.Resource {
			return func() *fhir.Resource {
				return meetings.FollowUpToFHIR(meetings.FollowUp{ID: id, Plan: "CarePlan/" + plan, Patient: "Patient/p1", Description: "Ring fastlegen",
					Owner: owner, Created: start, Due: start.AddDate(0, 0, 14), Status: meetings.FollowUpOpen})
			}
		}
		set := func(key string, v any) func(o *fhir.Object) { return func(o *fhir.Object) { o.Set(key, v) } }
		runRows(t, api, []apiRow{
			{"follow-up: the plan's coordinator creates one", "coordinator", followUp("oppf-1", planID, "Practitioner/f1"), http.StatusCreated},
			{"follow-up: the provider creates one", "provider", followUp("oppf-2", planID, "Practitioner/f1"), http.StatusForbidden},
			{"follow-up: the provider creates one of the CarePlan they authored", "provider", followUp("oppf-3", "behandlingsplan-1", "Practitioner/f1"), http.StatusForbidden},
			{"follow-up: its owner changes what it says", "provider", api.edited("/Task/oppf-1", set("description", "Noe annet")), http.StatusForbidden},
			{"follow-up: its owner marks it done", "provider", api.edited("/Task/oppf-1", set("status", "completed")), http.StatusOK},
		})
	})
}

// TestRuleReachEmergency: another workflow's Task with the emergency flag's code in its own
// system is written as sent, is not a flag the unit lead reviews, and the review leaves it
// alone; a flag of a real emergency access is listed and reviewed.
func TestRuleReachEmergency(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w, api, _, _, _ := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a hospital's task to the unit coded emergency-access-review", "", hospitalTask("sykehus-gjennomgang", "emergency-access-review", "Organization/ke")},
		})
		if flags := must[[]emergency.EmergencyFlagView](t)(w.co.EmergencyFlags(as(w.lead))); len(flags) != 0 {
			t.Errorf("the lead's flags = %+v, want none", flags)
		}
		before := stored(t, st)
		if err := w.co.ReviewEmergencyFlag(as(w.lead), "sykehus-gjennomgang"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("reviewing the hospital's task = %v, want NotFound", err)
		}
		expectChanged(t, st, "reviewing the hospital's task", before)
		// a staff member of the unit without need-to-know asks for emergency access over the API
		api.who["k3"] = staffOfUnit()
		if code, body := api.form("k3", "/Patient/p2/$emergency-access", url.Values{"reason": {"Akutt innleggelse"}}); code != http.StatusCreated {
			t.Fatalf("emergency access: %d %s", code, body)
		}
		flags := must[[]emergency.EmergencyFlagView](t)(w.co.EmergencyFlags(as(w.lead)))
		if len(flags) != 1 || flags[0].Patient != "Patient/p2" {
			t.Fatalf("the lead's flags = %+v, want the emergency access to p2", flags)
		}
		if err := w.co.ReviewEmergencyFlag(as(w.lead), flags[0].TaskID); err != nil {
			t.Errorf("reviewing the flag: %v", err)
		}
		if s := api.status("/Task/" + flags[0].TaskID); s != "completed" {
			t.Errorf("the reviewed flag is %s, want completed", s)
		}
	})
}

// staffOfUnit is a coordinator of the coordinating unit who reaches no citizen of the world.
func staffOfUnit() *access.Principal {
	return &access.Principal{UserID: "u10", Roles: []access.Role{access.Coordinator}, PractitionerID: "k2", Units: []string{"ke"}}
}
