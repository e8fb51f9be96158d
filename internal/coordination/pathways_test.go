package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/intake"
	"veiviser/internal/lawdata"
	"veiviser/internal/pathways"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// withCoordinator appoints k1 as p1's coordinator, the way the unit does.
func (w *world) withCoordinator() {
	t := w.t
	t.Helper()
	rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Trenger hjelp",
		ProposedCoordinator: "Kari Koordinator"}))
	must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: careFacts()}))
	must[coordinators.CoordinatorAppointment](t)(w.co.AppointCoordinator(as(w.lead), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}))
}

func day(t *testing.T, s string) lawdata.Date {
	t.Helper()
	d, err := lawdata.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// statusOf is the first occurrence of milestone id in the citizen's only pathway, as asker sees it.
func (w *world) statusOf(asker *access.Principal, id string) pathways.MilestoneStatus {
	t := w.t
	t.Helper()
	scs := must[[]pathways.Schedule](t)(w.co.PathwaysOf(as(asker), "Patient/p1"))
	if len(scs) != 1 {
		t.Fatalf("%d pathways, want 1", len(scs))
	}
	for _, m := range scs[0].Milestones {
		if m.Milestone.ID == id {
			return m
		}
	}
	t.Fatalf("no milestone %s", id)
	return pathways.MilestoneStatus{}
}

func TestAPathwayStartedRecordedAndLateInTheUnitLeadsList(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.withCoordinator()
		in := must[pathways.Instance](t)(w.co.StartPathway(as(w.coordinator), pathways.StartInput{Patient: "Patient/p1",
			Pathway: "mental-health-children", Start: day(t, "2026-03-02")}))
		if in.Coordinator != "Practitioner/k1" || in.Unit != "Organization/ke" {
			t.Fatalf("started %+v", in)
		}
		must[pathways.Instance](t)(w.co.RecordMilestone(as(w.coordinator), in.ID, "feedback", day(t, "2026-03-10"), "Brev sendt"))
		if m := w.statusOf(w.coordinator, "feedback"); m.State != pathways.StateDone || m.Outcome != "Brev sendt" {
			t.Errorf("feedback %+v, want done with its outcome", m)
		}
		if m := w.statusOf(w.coordinator, "assessment"); m.State != pathways.StateDue || m.Due != day(t, "2026-04-13") {
			t.Errorf("assessment %s due %s, want due on 2026-04-13", m.State, m.Due)
		}
		if items := must[[]pathways.AttentionItem](t)(w.co.Attention(as(w.lead))); len(items) != 0 {
			t.Errorf("the lead's list on the start day: %+v, want none", items)
		}
		w.clock.Set(start.AddDate(0, 0, 7*7)) // 2026-04-20: the 6 weeks have passed
		items := must[[]pathways.AttentionItem](t)(w.co.Attention(as(w.lead)))
		if len(items) != 1 || items[0].Milestone.ID != "assessment" || items[0].State != pathways.StateLate || items[0].DaysLate != 7 || items[0].PatientName == "" {
			t.Fatalf("the lead's list: %+v, want the assessment 7 days late", items)
		}
		if mine := must[[]pathways.AttentionItem](t)(w.co.Attention(as(w.coordinator))); len(mine) != 1 {
			t.Errorf("the coordinator's list: %+v, want the late assessment", mine)
		}
		// a limit already passed cannot be moved to hide it was missed
		if _, err := w.co.ExtendMilestone(as(w.coordinator), in.ID, "assessment", day(t, "2026-04-20"), "For sent"); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("extending a passed limit: %v, want unprocessable", err)
		}
	})
}

func TestAnExtensionWithAReasonMovesTheDueDate(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.withCoordinator()
		in := must[pathways.Instance](t)(w.co.StartPathway(as(w.lead), pathways.StartInput{Patient: "Patient/p1",
			Pathway: "mental-health-children", Start: day(t, "2026-03-02"), Coordinator: "Practitioner/k1"}))
		if _, err := w.co.ExtendMilestone(as(w.coordinator), in.ID, "assessment", day(t, "2026-04-01"), " "); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("an extension without a reason: %v, want unprocessable", err)
		}
		must[pathways.Instance](t)(w.co.ExtendMilestone(as(w.coordinator), in.ID, "assessment", day(t, "2026-04-01"), "Venter på skolens rapport"))
		w.clock.Set(start.AddDate(0, 0, 7*7))
		if m := w.statusOf(w.lead, "assessment"); m.Due != day(t, "2026-05-25") || m.State == pathways.StateLate || m.Extensions != 1 {
			t.Errorf("extended assessment %s due %s (%d extensions), want due 2026-05-25", m.State, m.Due, m.Extensions)
		}
	})
}

func TestPathwaysOutsideReachAnswerAsMissing(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.withCoordinator()
		in := must[pathways.Instance](t)(w.co.StartPathway(as(w.coordinator), pathways.StartInput{Patient: "Patient/p1",
			Pathway: "cancer-home", Start: day(t, "2026-03-02")}))
		other := &access.Principal{UserID: "u9", Roles: []access.Role{access.Coordinator}, PractitionerID: "k2", Units: []string{"ke"}}
		for name, p := range map[string]*access.Principal{"another coordinator": other, "a relative without consent": w.relative} {
			if _, err := w.co.PathwaysOf(as(p), "Patient/p1"); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("%s reads: %v, want not found", name, err)
			}
			if _, err := w.co.RecordMilestone(as(p), in.ID, "conversation-1", day(t, "2026-06-01"), "x"); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("%s records: %v, want not found", name, err)
			}
			if _, err := w.co.StartPathway(as(p), pathways.StartInput{Patient: "Patient/p1", Pathway: "cancer-home", Start: day(t, "2026-03-02")}); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("%s starts: %v, want not found", name, err)
			}
		}
		if items := must[[]pathways.AttentionItem](t)(w.co.Attention(as(other))); len(items) != 0 {
			t.Errorf("another coordinator's list: %+v, want none", items)
		}
	})
}

func TestThePathwayRuleRefusesABadWriteOverTheAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.withCoordinator()
		in := must[pathways.Instance](t)(w.co.StartPathway(as(w.coordinator), pathways.StartInput{Patient: "Patient/p1",
			Pathway: "mental-health-children", Start: day(t, "2026-03-02")}))
		api := w.api(st)
		bad := in
		bad.Records = []pathways.Record{{Milestone: "feedback", At: day(t, "2026-02-01"), Outcome: "før start"}}
		res := must[*fhir.Resource](t)(w.co.Catalog().ToFHIR(bad))
		res = must[*fhir.Resource](t)(fhir.Parse(res.Bytes()))
		if code, body := api.put("", res.Clone()); code != http.StatusUnprocessableEntity {
			t.Errorf("a system client's milestone before the start = %d %s, want 422", code, body)
		}
		good := in
		good.Records = []pathways.Record{{Milestone: "feedback", At: day(t, "2026-03-05"), Outcome: "ok"}}
		res = must[*fhir.Resource](t)(w.co.Catalog().ToFHIR(good))
		if code, body := api.put("provider", must[*fhir.Resource](t)(fhir.Parse(res.Bytes()))); code != http.StatusNotFound && code != http.StatusForbidden {
			t.Errorf("a person without reach = %d %s, want 404 or 403", code, body)
		}
		if code, body := api.put("coordinator", must[*fhir.Resource](t)(fhir.Parse(res.Bytes()))); code != http.StatusOK {
			t.Errorf("the citizen's coordinator = %d %s, want 200", code, body)
		}
		// a coordinator may not write another kind of episode (it would give them reach)
		ep := must[*fhir.Resource](t)(fhir.Parse([]byte(`{"resourceType":"EpisodeOfCare","id":"x1","status":"active","patient":{"reference":"Patient/p1"},"careManager":{"reference":"Practitioner/k1"}}`)))
		if code, body := api.put("coordinator", ep); code != http.StatusForbidden {
			t.Errorf("a coordinator's other episode = %d %s, want 403", code, body)
		}
	})
}
