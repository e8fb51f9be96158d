package coordination

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// apiRow is one write over the FHIR API: who sends it, the resource as it will be PUT (built
// from the current state when the row runs), and the status the API must answer.
type apiRow struct {
	name string
	who  string // "" is the system client
	res  func() *fhir.Resource
	want int
}

func runRows(t *testing.T, api *apiServer, rows []apiRow) {
	t.Helper()
	for _, row := range rows {
		if code, body := api.put(row.who, row.res()); code != row.want {
			t.Errorf("%s (%s): %d %s, want %d", row.name, orSystem(row.who), code, body, row.want)
		}
	}
}

func orSystem(who string) string {
	if who == "" {
		return "system client"
	}
	return who
}

// edited reads path as the system client sees it and changes it with fn.
func (a *apiServer) edited(path string, fn func(o *fhir.Object)) func() *fhir.Resource {
	return func() *fhir.Resource {
		r := a.read(path)
		fn(r.Object())
		return r
	}
}

func parse(t *testing.T, js string) *fhir.Resource {
	t.Helper()
	r, err := fhir.Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// activePlan is the world's plan with a goal, two measures, consent and a planned meeting.
func activePlan(t *testing.T, w *world, api *apiServer) (planID, goalID, meetingID string) {
	t.Helper()
	planID = w.planWithConsent()
	must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), planID, plan.GoalInput{Text: "Gå tur", Target: "2 km"}))
	must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), planID, plan.Measure{Title: "Fysio", Provider: "Organization/physio", Scope: "1 t/uke"}))
	must[plan.IndividualPlan](t)(w.co.ActivatePlan(as(w.coordinator), planID))
	m := must[meetings.Meeting](t)(w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: planID, Start: start.AddDate(0, 0, 7), Participants: []string{"Practitioner/f1"}}))
	v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), planID))
	api.put("", parse(t, `{"resourceType":"Patient","id":"p2","name":[{"family":"Annen","given":["Ola"]}]}`))
	return planID, planID + "-" + v.Plan.Goals[0].ID, m.ID
}

// TestRulesPlanPartsOverAPI: the Goals, CareTeam, meetings and messages of a plan are written
// over the FHIR API with the rules the services keep, for people and system clients.
func TestRulesPlanPartsOverAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		planID, goal, meeting := activePlan(t, w, api)
		team := "/CareTeam/" + planID + "-team"
		words := func(s string) func(o *fhir.Object) {
			return func(o *fhir.Object) { o.Set("description", kernel.ObjectOf("text", s)) }
		}
		target := func(s string) func(o *fhir.Object) {
			return func(o *fhir.Object) { o.Set("target", []any{kernel.ObjectOf("detailString", s)}) }
		}
		evaluation := func(status string) func(o *fhir.Object) {
			return func(o *fhir.Object) {
				o.Set("extension", []any{kernel.ObjectOf("url", kernel.ExtensionBase+"goal-evaluation", "extension", []any{
					kernel.ObjectOf("url", "date", "valueDateTime", "2026-03-02T09:00:00Z"), kernel.ObjectOf("url", "status", "valueCode", status)})})
			}
		}
		subject := func(key string) func(o *fhir.Object) {
			return func(o *fhir.Object) { o.Set(key, kernel.ObjectOf("reference", "Patient/p2")) }
		}
		newGoal := func(id, status string) func() *fhir.Resource {
			return func() *fhir.Resource {
				return parse(t, `{"resourceType":"Goal","id":"`+planID+`-`+id+`","lifecycleStatus":"`+status+`",
					"description":{"text":"Svømme"},"subject":{"reference":"Patient/p1"},"expressedBy":{"reference":"Patient/p1"}}`)
			}
		}
		addMember := func(who string) func(o *fhir.Object) {
			return func(o *fhir.Object) {
				parts, _ := o.Array("participant")
				role := kernel.ObjectOf("coding", []any{kernel.ObjectOf("system", kernel.CSParticipantRole, "code", "provider")})
				o.Set("participant", append(parts, kernel.ObjectOf("role", []any{role}, "member", kernel.ObjectOf("reference", who))))
			}
		}
		dropOthers := func(o *fhir.Object) {
			var kept []any
			for _, pt := range kernel.Objects(o, "participant") {
				if plan.IsCoordinatorParticipant(pt) {
					kept = append(kept, pt)
				}
			}
			o.Set("participant", kept)
		}
		meetingAt := func(plan, patient string, days int) func() *fhir.Resource {
			return func() *fhir.Resource {
				res, _ := meetings.MeetingToFHIR(meetings.Meeting{ID: fmt.Sprintf("mt-%s-%d", patient[8:], days), Plan: plan, Patient: patient,
					Start: start.AddDate(0, 0, days), End: start.AddDate(0, 0, days).Add(time.Hour), Status: meetings.MeetingPlanned})
				return res
			}
		}
		moved := func(o *fhir.Object) { o.Set("start", "2026-04-01T09:00:00Z"); o.Set("end", "2026-04-01T10:00:00Z") }
		cancelled := func(o *fhir.Object) { o.Set("status", "cancelled") }
		message := func(id, from, text string) func() *fhir.Resource {
			return func() *fhir.Resource {
				return messages.MessageToFHIR(messages.Message{ID: id, Patient: "Patient/p1", Plan: "CarePlan/" + planID, From: from,
					To: []string{"Practitioner/k1"}, Sent: start, Text: text})
			}
		}
		rows := []apiRow{
			{"Goal: the citizen changes the words of their goal", "citizen", api.edited("/Goal/"+goal, words("Gå tur hver dag")), http.StatusOK},
			{"Goal: the coordinator changes the citizen's words", "coordinator", api.edited("/Goal/"+goal, words("Gå")), http.StatusForbidden},
			{"Goal: the provider changes the words", "provider", api.edited("/Goal/"+goal, words("Gå")), http.StatusForbidden},
			{"Goal: the relative changes the words", "relative", api.edited("/Goal/"+goal, words("Gå")), http.StatusForbidden},
			{"Goal: the coordinator changes the target", "coordinator", api.edited("/Goal/"+goal, target("5 km")), http.StatusOK},
			{"Goal: the citizen changes the target", "citizen", api.edited("/Goal/"+goal, target("9 km")), http.StatusForbidden},
			{"Goal: the coordinator records an evaluation", "coordinator", api.edited("/Goal/"+goal, evaluation("improving")), http.StatusOK},
			{"Goal: the provider records an evaluation", "provider", api.edited("/Goal/"+goal, evaluation("achieved")), http.StatusForbidden},
			{"Goal: the citizen proposes a goal", "citizen", newGoal("fx1", "proposed"), http.StatusCreated},
			{"Goal: the citizen adds a goal to the plan", "citizen", newGoal("gx1", "active"), http.StatusForbidden},
			{"Goal: the coordinator adds a goal", "coordinator", newGoal("gx2", "active"), http.StatusCreated},
			{"Goal: a system moves the goal to another citizen", "", api.edited("/Goal/"+goal, subject("subject")), http.StatusUnprocessableEntity},
			{"CareTeam: the coordinator adds a participant", "coordinator", api.edited(team, addMember("Practitioner/h1")), http.StatusOK},
			{"CareTeam: the provider adds a participant", "provider", api.edited(team, addMember("Practitioner/lead")), http.StatusForbidden},
			{"CareTeam: the citizen removes the participants", "citizen", api.edited(team, dropOthers), http.StatusForbidden},
			{"CareTeam: the unit lead removes the participants", "lead", api.edited(team, dropOthers), http.StatusForbidden},
			{"CareTeam: a system moves the team to another citizen", "", api.edited(team, subject("subject")), http.StatusUnprocessableEntity},
			{"meeting: the coordinator plans one", "coordinator", meetingAt("CarePlan/"+planID, "Patient/p1", 14), http.StatusCreated},
			{"meeting: the provider moves one", "provider", api.edited("/Appointment/"+meeting, moved), http.StatusForbidden},
			{"meeting: the citizen cancels one", "citizen", api.edited("/Appointment/"+meeting, cancelled), http.StatusForbidden},
			{"meeting: the coordinator moves one", "coordinator", api.edited("/Appointment/"+meeting, moved), http.StatusOK},
			{"meeting: a system plans one about another citizen", "", meetingAt("CarePlan/"+planID, "Patient/p2", 21), http.StatusUnprocessableEntity},
			{"meeting: a system plans one of no plan", "", meetingAt("", "Patient/p1", 21), http.StatusUnprocessableEntity},
			{"Communication: the citizen writes in their own name", "citizen", message("msg1", "Patient/p1", "Hei"), http.StatusCreated},
			{"Communication: the citizen writes as the coordinator", "citizen", message("msg2", "Practitioner/k1", "Hei"), http.StatusForbidden},
			{"Communication: the provider writes for its organisation", "provider", message("msg3", "Organization/physio", "Hei"), http.StatusCreated},
			{"Communication: the provider writes for another organisation", "provider", message("msg4", "Organization/homecare", "Hei"), http.StatusForbidden},
			{"Communication: the relative changes the citizen's message", "relative", api.edited("/Communication/msg1", func(o *fhir.Object) {
				o.Set("sender", kernel.ObjectOf("reference", "RelatedPerson/rp1"))
			}), http.StatusForbidden},
			{"Communication: a system sends one without text", "", message("msg5", "Organization/ke", " "), http.StatusUnprocessableEntity},
		}
		runRows(t, api, rows)
		// what the allowed rows wrote is what the services read back
		v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), planID))
		if g := v.Plan.Goals[0]; g.Text != "Gå tur hver dag" || g.Target != "5 km" || len(v.Plan.Evaluations) != 1 {
			t.Errorf("goal after the API writes = %+v, evaluations %+v", g, v.Plan.Evaluations)
		}
		if len(v.Plan.Participants) != 2 {
			t.Errorf("participants after the API writes = %+v", v.Plan.Participants)
		}
	})
}
