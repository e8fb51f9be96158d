package care

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func register() []Coordinator {
	return []Coordinator{
		{ID: coordinator, Name: "Kari Testkoordinator", Unit: "Organization/ke-test", Active: true,
			Kinds: []CoordinatorKind{KindChild}, Courses: []Course{{Name: "Grunnkurs koordinator", Completed: at("2025-10-01")}}},
		{ID: otherCoord, Name: "Per Prøvesen", Unit: "Organization/ke-test", Active: true},
		{ID: "Practitioner/kreft-test", Name: "Åse Eksempel", Active: true, Kinds: []CoordinatorKind{KindCancer}},
		{ID: "Practitioner/sluttet", Name: "Ola Sluttet", Active: false},
	}
}

func TestCandidatesShowProposalAndCaseload(t *testing.T) {
	apps := []CoordinatorAppointment{
		{Coordinator: coordinator, AppointedAt: at("2026-01-01")},
		{Coordinator: coordinator, AppointedAt: at("2026-01-01")},
		{Coordinator: otherCoord, AppointedAt: at("2026-01-01"), Ended: at("2026-02-01")},
		{Coordinator: "Practitioner/kreft-test", AppointedAt: at("2026-01-01")},
	}
	loads := Caseloads(apps, at("2026-03-01"))
	tests := []struct {
		name, proposal string
		kind           CoordinatorKind
		want           []string
	}{
		{"lowest caseload first", "", KindOrdinary, []string{"Per Prøvesen", "Åse Eksempel", "Kari Testkoordinator"}},
		{"the citizen's proposal first", "kari testkoordinator", KindOrdinary, []string{"Kari Testkoordinator", "Per Prøvesen", "Åse Eksempel"}},
		{"only child coordinators", "", KindChild, []string{"Kari Testkoordinator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Candidates(register(), loads, tt.kind, tt.proposal, at("2026-03-01"))
			var names []string
			for _, c := range got {
				names = append(names, c.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", names, tt.want)
			}
		})
	}
	got := Candidates(register(), loads, KindOrdinary, "", at("2026-03-01"))
	if got[2].Caseload != 2 || !got[2].Trained || got[0].Caseload != 0 || got[0].Trained {
		t.Errorf("caseload/training not shown: %+v", got)
	}
}

func TestAppoint(t *testing.T) {
	base := CoordinatorAppointment{Patient: patient, Coordinator: otherCoord, Kind: KindOrdinary, AppointedBy: "Practitioner/fagleder-test", AppointedAt: at("2026-03-05")}
	tests := []struct {
		name string
		edit func(*CoordinatorAppointment)
		want apperr.Code
	}{
		{"plain", func(*CoordinatorAppointment) {}, ""},
		{"follows the proposal", func(a *CoordinatorAppointment) { a.Proposal = "Per Prøvesen" }, ""},
		{"against the proposal without reasons", func(a *CoordinatorAppointment) { a.Proposal = "Kari Testkoordinator" }, apperr.Unprocessable},
		{"against the proposal with reasons", func(a *CoordinatorAppointment) {
			a.Proposal, a.Reasons = "Kari Testkoordinator", "Kari har ikke kapasitet før august."
		}, ""},
		{"wrong kind", func(a *CoordinatorAppointment) { a.Kind = KindChild }, apperr.Unprocessable},
		{"inactive", func(a *CoordinatorAppointment) { a.Coordinator = "Practitioner/sluttet" }, apperr.Unprocessable},
		{"unknown", func(a *CoordinatorAppointment) { a.Coordinator = "Practitioner/ukjent" }, apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			tt.edit(&a)
			wantCode(t, Appoint(a, register()), tt.want)
		})
	}
}

func TestVersionsAndDiff(t *testing.T) {
	v1 := draftPlan()
	hist := NewVersion(nil, v1, coordinator, at("2026-03-02"))
	v2 := v1
	v2.Goals = append([]Goal(nil), v1.Goals...)
	v2.Goals[0].Target = "1 kilometer uten hvile"
	v2.OwnContribution = "Jeg går tur hver dag."
	hist = NewVersion(hist, v2, patient, at("2026-03-09"))
	if len(hist) != 2 || hist[1].N != 2 || hist[1].Plan.Version != 2 || hist[1].By != patient {
		t.Fatalf("history %+v", hist)
	}
	d := Diff(hist[0].Plan, hist[1].Plan)
	want := map[string]bool{"Mål g1 / Goal g1: målbart / target": true, "Eget bidrag / Own contribution": true}
	if len(d) != len(want) {
		t.Fatalf("diff %+v", d)
	}
	for _, c := range d {
		if !want[c.Field] {
			t.Errorf("unexpected change %+v", c)
		}
	}
	if Diff(v1, v1) != nil {
		t.Error("a plan differs from itself")
	}
}

func TestMissingElementsAndAcceptProposal(t *testing.T) {
	p := draftPlan()
	if got := len(MissingElements(p)); got != 7 { // has coordinator and measures only
		t.Errorf("missing %v", MissingElements(p))
	}
	p.GoalProposals = []GoalProposal{{ID: "f1", Text: "Jeg vil  begynne å svømme igjen!", Author: patient}}
	p, err := AcceptGoalProposal(p, "f1", "g2")
	if err != nil || p.Goals[1].Text != "Jeg vil  begynne å svømme igjen!" || len(p.GoalProposals) != 0 {
		t.Fatalf("accepted %+v %v", p.Goals, err)
	}
	if ElementName(1).NB == "" || ElementName(10).NB != "" {
		t.Error("element names")
	}
}

func TestAssessmentLetter(t *testing.T) {
	q := Inquiry{Reference: "KE-2026-00042", Received: at("2026-03-02")}
	a := Assessment{AssessedAt: at("2026-03-10"), Outcome: OutcomeCoordinatorOnly, Reasons: "Du ønsker ikke plan nå."}
	l, err := AssessmentLetter(q, a, "Kari Testkoordinator", law(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"KE-2026-00042", "koordinator", "pbrl § 2-5 b", "Kari Testkoordinator", "Du ønsker ikke plan nå.", "Statsforvalteren"} {
		if !strings.Contains(l.Subject.NB+l.Body.NB, s) {
			t.Errorf("the bokmål letter lacks %q", s)
		}
	}
	if !strings.Contains(l.Body.EN, "county governor") {
		t.Errorf("English letter: %s", l.Body.EN)
	}
}
