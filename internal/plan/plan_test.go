package plan

import (
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

func TestVersionsAndDiff(t *testing.T) {
	v1 := draftPlan()
	hist := NewVersion(nil, v1, coordinator, fixture.At("2026-03-02"))
	v2 := v1
	v2.Goals = append([]Goal(nil), v1.Goals...)
	v2.Goals[0].Target = "1 kilometer uten hvile"
	v2.OwnContribution = "Jeg går tur hver dag."
	hist = NewVersion(hist, v2, patient, fixture.At("2026-03-09"))
	if len(hist) != 2 || hist[1].N != 2 || hist[1].Plan.Version != 2 || hist[1].By != patient {
		t.Fatalf("history %+v", hist)
	}
	d := Diff(hist[0].Plan, hist[1].Plan)
	want := map[string]bool{"Mål g1: målbart": true, "Eget bidrag": true}
	if len(d) != len(want) {
		t.Fatalf("diff %+v", d)
	}
	for _, c := range d {
		if !want[c.Name()] {
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
	p, err := AcceptGoalProposal(p, "f1", "g2", "")
	if err != nil || p.Goals[1].Text != "Jeg vil  begynne å svømme igjen!" || len(p.GoalProposals) != 0 {
		t.Fatalf("accepted %+v %v", p.Goals, err)
	}
	p.GoalProposals = []GoalProposal{{ID: "f2", Text: "Svømme to ganger i uka", Author: patient}}
	if _, err := AcceptGoalProposal(p, "f2", "g3", "nosuch"); err == nil {
		t.Error("a proposal replaced the words of a goal that is not there")
	}
	p, err = AcceptGoalProposal(p, "f2", "g3", "g2")
	if err != nil || len(p.Goals) != 2 || p.Goals[1].Text != "Svømme to ganger i uka" || p.Goals[1].WordsFrom != "f2" || len(p.GoalProposals) != 0 {
		t.Fatalf("replacing the words: %+v %v", p.Goals, err)
	}
	if ElementName(1).NB == "" || ElementName(10).NB != "" {
		t.Error("element names")
	}
}

func TestNextEvaluation(t *testing.T) {
	p := draftPlan()
	p.Period.Start = fixture.At("2026-03-02")
	tests := []struct {
		name string
		edit func(*IndividualPlan)
		now  string
		due  string
		late bool
	}{
		{"default interval from the start", func(*IndividualPlan) {}, "2026-05-01", "2026-09-02", false},
		{"planned date", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{fixture.At("2026-06-15"), fixture.At("2026-04-15")}
		}, "2026-04-16", "2026-04-15", true},
		{"after an evaluation, the next planned date", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{fixture.At("2026-04-15"), fixture.At("2026-06-15")}
			p.Evaluations = []Evaluation{{Goal: "g1", At: fixture.At("2026-04-15"), Status: Improving}}
		}, "2026-04-16", "2026-06-15", false},
		{"no planned date left: interval after the last evaluation", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{fixture.At("2026-04-15")}
			p.Evaluations = []Evaluation{{Goal: "g1", At: fixture.At("2026-04-20"), Status: Improving}}
		}, "2026-11-01", "2026-10-20", true},
		{"several evaluations, not in order: the interval runs from the latest", func(p *IndividualPlan) {
			p.Evaluations = []Evaluation{{Goal: "g1", At: fixture.At("2026-05-10"), Status: Improving},
				{Goal: "g2", At: fixture.At("2026-04-01"), Status: Improving}}
		}, "2026-06-01", "2026-11-10", false},
		{"several evaluations: a planned date after the latest comes next", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{fixture.At("2026-04-20"), fixture.At("2026-06-15")}
			p.Evaluations = []Evaluation{{Goal: "g1", At: fixture.At("2026-04-01"), Status: Improving},
				{Goal: "g2", At: fixture.At("2026-05-01"), Status: Improving}}
		}, "2026-05-02", "2026-06-15", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := p
			tt.edit(&q)
			d, err := NextEvaluation(q, fixture.Law(t), fixture.At(tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if d.Due.Format("2006-01-02") != tt.due || d.Late != tt.late {
				t.Errorf("got %s late=%v, want %s late=%v", d.Due.Format("2006-01-02"), d.Late, tt.due, tt.late)
			}
		})
	}
}

// TestPlanFieldsCoverEveryText: every text a person writes into a plan is among its fields.
func TestPlanFieldsCoverEveryText(t *testing.T) {
	p := fullPlan()
	have := map[string]bool{}
	for _, f := range PlanFields(p) {
		have[f.Value] = true
	}
	want := []string{p.Title, p.OwnContribution, p.Coordination}
	for _, g := range p.Goals {
		want = append(want, g.Text)
	}
	for _, m := range p.Measures {
		want = append(want, m.Title, m.Scope)
	}
	for _, c := range p.Comments {
		want = append(want, c.Text)
	}
	for _, e := range append(append([]Entry(nil), p.Needs...), p.Resources...) {
		want = append(want, e.Text)
	}
	for _, c := range p.Cooperation {
		want = append(want, c.Party, c.Purpose)
	}
	for _, v := range want {
		if v != "" && !have[v] {
			t.Errorf("%q is not among the plan's fields", v)
		}
	}
}

// Rule: no plan becomes active without a valid consent to making it.
func TestActivateNeedsConsent(t *testing.T) {
	c := givenConsent(t)
	sharingOnly := c
	sharingOnly.MakePlan = false
	other := c
	other.Patient = "Patient/noen-andre"
	tests := []struct {
		name     string
		consents []consent.Consent
		when     string
		want     apperr.Code
	}{
		{"valid consent", []consent.Consent{c}, "2026-03-03", ""},
		{"no consent", nil, "2026-03-03", apperr.Unprocessable},
		{"before it was given", []consent.Consent{c}, "2026-03-01", apperr.Unprocessable},
		{"withdrawn", []consent.Consent{consent.Withdraw(c, patient, fixture.At("2026-03-02 12:00"))}, "2026-03-03", apperr.Unprocessable},
		{"consent to sharing only", []consent.Consent{sharingOnly}, "2026-03-03", apperr.Unprocessable},
		{"someone else's consent", []consent.Consent{other}, "2026-03-03", apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Activate(draftPlan(), tt.consents, fixture.At(tt.when))
			fixture.WantCode(t, err, tt.want)
			if err == nil && (p.Status != PlanActive || p.ConsentID != c.ID) {
				t.Errorf("activated plan: status %s consent %q", p.Status, p.ConsentID)
			}
			if err != nil && p.Status == PlanActive {
				t.Error("the plan became active anyway")
			}
		})
	}
	noCoord := draftPlan()
	noCoord.Coordinator = ""
	_, err := Activate(noCoord, []consent.Consent{c}, fixture.At("2026-03-03"))
	fixture.WantCode(t, err, apperr.Unprocessable)
}

// Rule: withdrawal stops sharing at once; a grant ends at its date.
func TestWithdrawalStopsSharingAtOnce(t *testing.T) {
	c := givenConsent(t)
	withdrawn := consent.Withdraw(c, patient, fixture.At("2026-04-01 09:30"))
	revoked := consent.RevokeGrant(c, relative, patient, fixture.At("2026-04-01 09:30"))
	tests := []struct {
		name        string
		consent     consent.Consent
		when        string
		participant string
		part        consent.PlanPart
		want        bool
	}{
		{"provider sees measures", c, "2026-04-01 09:29", homeNursing, consent.PartMeasures, true},
		{"provider does not see needs", c, "2026-04-01 09:29", homeNursing, consent.PartNeeds, false},
		{"a minute before withdrawal", withdrawn, "2026-04-01 09:29", homeNursing, consent.PartMeasures, true},
		{"the moment of withdrawal", withdrawn, "2026-04-01 09:30", homeNursing, consent.PartMeasures, false},
		{"relative after withdrawal", withdrawn, "2026-04-01 09:31", relative, consent.PartGoalWords, false},
		{"grant expired", c, "2026-09-01 00:00", homeNursing, consent.PartMeasures, false},
		{"relative's grant revoked", revoked, "2026-04-01 09:30", relative, consent.PartGoalWords, false},
		{"revoking one leaves the other", revoked, "2026-04-01 09:30", homeNursing, consent.PartMeasures, true},
		{"not yet given", c, "2026-03-02 09:59", homeNursing, consent.PartMeasures, false},
		{"stranger", c, "2026-04-01 09:00", "Organization/ukjent", consent.PartMeasures, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := consent.SharingAt([]consent.Consent{tt.consent}, patient, fixture.At(tt.when))
			if got := s.MaySee(tt.participant, tt.part); got != tt.want {
				t.Errorf("MaySee = %v, want %v", got, tt.want)
			}
		})
	}
	if got := withdrawn.History[len(withdrawn.History)-1].Action; got != "withdrawn" {
		t.Errorf("history ends with %q", got)
	}
	if len(c.History) != 1 {
		t.Errorf("Withdraw changed the original consent's history: %v", c.History)
	}
	p := draftPlan()
	p.Status = PlanActive
	if got := AfterWithdrawal(p, []consent.Consent{withdrawn}, fixture.At("2026-04-01 09:30")); got.Status != PlanOnHold {
		t.Errorf("plan after withdrawal is %s", got.Status)
	}
}

// Rule: who may edit which part of the plan.
func TestMayEdit(t *testing.T) {
	c := givenConsent(t)
	now := fixture.At("2026-04-01 12:00")
	live := consent.SharingAt([]consent.Consent{c}, patient, now)
	gone := consent.SharingAt([]consent.Consent{consent.Withdraw(c, patient, fixture.At("2026-04-01 11:00"))}, patient, now)
	byGuardian, err := consent.NewConsent(consent.Consent{ID: "s2", Patient: patient, GivenBy: guardian, ByGuardian: true, GivenAt: fixture.At("2026-03-01"), MakePlan: true})
	if err != nil {
		t.Fatal(err)
	}
	guarded := consent.SharingAt([]consent.Consent{byGuardian}, patient, now)
	citizen := Actor{Role: kernel.RoleCitizen, Ref: patient}
	coord := Actor{Role: kernel.RoleCoordinator, Ref: coordinator}
	nurse := Actor{Role: kernel.RoleProvider, Ref: "Practitioner/sykepleier-test", Organization: homeNursing}
	nurseOrg := Actor{Role: kernel.RoleProvider, Ref: homeNursing}
	brother := Actor{Role: kernel.RoleRelative, Ref: relative}
	tests := []struct {
		name  string
		actor Actor
		edit  Edit
		s     consent.Sharing
		want  apperr.Code
	}{
		{"citizen writes own goals", citizen, Edit{Part: consent.PartGoalWords}, live, ""},
		{"citizen writes own contribution", citizen, Edit{Part: consent.PartOwnContribution}, live, ""},
		{"citizen comments", citizen, Edit{Part: consent.PartComments}, live, ""},
		{"citizen proposes a goal", citizen, Edit{Part: consent.PartGoalProposals}, live, ""},
		{"citizen cannot change measures", citizen, Edit{Part: consent.PartMeasures}, live, apperr.Forbidden},
		{"another citizen", Actor{Role: kernel.RoleCitizen, Ref: "Patient/annen"}, Edit{Part: consent.PartComments}, live, apperr.Forbidden},
		{"guardian writes goals", Actor{Role: kernel.RoleGuardian, Ref: guardian}, Edit{Part: consent.PartGoalWords}, guarded, ""},
		{"guardian not in the consent", Actor{Role: kernel.RoleGuardian, Ref: guardian}, Edit{Part: consent.PartGoalWords}, live, apperr.Forbidden},
		{"coordinator edits measures", coord, Edit{Part: consent.PartMeasures}, live, ""},
		{"coordinator edits targets", coord, Edit{Part: consent.PartGoalTargets}, live, ""},
		{"coordinator edits evaluations", coord, Edit{Part: consent.PartEvaluations}, live, ""},
		{"coordinator cannot rewrite the citizen's words", coord, Edit{Part: consent.PartGoalWords}, live, apperr.Forbidden},
		{"coordinator cannot rewrite own contribution", coord, Edit{Part: consent.PartOwnContribution}, live, apperr.Forbidden},
		{"coordinator after withdrawal", coord, Edit{Part: consent.PartMeasures}, gone, apperr.Forbidden},
		{"another coordinator", Actor{Role: kernel.RoleCoordinator, Ref: otherCoord}, Edit{Part: consent.PartMeasures}, live, apperr.Forbidden},
		{"provider reports on own measure", nurse, Edit{Part: consent.PartMeasureProgress, Owner: homeNursing}, live, ""},
		{"provider as organisation", nurseOrg, Edit{Part: consent.PartMeasureProgress, Owner: homeNursing}, live, ""},
		{"provider on another's measure", nurse, Edit{Part: consent.PartMeasureProgress, Owner: physio}, live, apperr.Forbidden},
		{"provider edits the measure itself", nurse, Edit{Part: consent.PartMeasures, Owner: homeNursing}, live, apperr.Forbidden},
		{"provider after withdrawal", nurse, Edit{Part: consent.PartMeasureProgress, Owner: homeNursing}, gone, apperr.Forbidden},
		{"relative comments as granted", brother, Edit{Part: consent.PartComments}, live, ""},
		{"relative cannot write goals", brother, Edit{Part: consent.PartGoalWords}, live, apperr.Forbidden},
		{"relative after withdrawal", brother, Edit{Part: consent.PartComments}, gone, apperr.Forbidden},
		{"unknown role", Actor{Role: "visitor", Ref: "x"}, Edit{Part: consent.PartComments}, live, apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fixture.WantCode(t, MayEdit(tt.actor, tt.edit, draftPlan(), tt.s), tt.want)
		})
	}
}
