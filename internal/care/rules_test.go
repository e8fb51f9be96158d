package care

import (
	"slices"
	"testing"

	"veiviser/internal/apperr"
)

// Rule: the long-term and coordinated test.
func TestEntitlementLongTermAndCoordinated(t *testing.T) {
	tests := []struct {
		name string
		f    NeedFacts
		want Rights
	}{
		{"long-term, two services", NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}, Rights{true, true}},
		{"long-term, one service", NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie"}}, Rights{}},
		{"same service twice counts once", NeedFacts{LongTerm: true, Services: []string{"Fysioterapi", " fysioterapi "}}, Rights{}},
		{"short-term, two services", NeedFacts{Services: []string{"hjemmesykepleie", "fysioterapi"}}, Rights{}},
		{"complex, two services: coordinator only", NeedFacts{Complex: true, Services: []string{"BUP", "helsestasjon"}}, Rights{false, true}},
		{"nothing", NeedFacts{}, Rights{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Entitlement(tt.f); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Rule: a citizen who declines a plan is still offered a coordinator.
func TestDeclinedPlanStillOffersCoordinator(t *testing.T) {
	facts := NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}
	if got := SuggestedOutcome(facts, true); got != OutcomeCoordinatorOnly {
		t.Fatalf("declined plan: outcome %s, want %s", got, OutcomeCoordinatorOnly)
	}
	a := Assessment{InquiryID: "h1", AssessedBy: coordinator, AssessedAt: at("2026-03-05"), Facts: facts, PlanDeclined: true, Outcome: OutcomeCoordinatorOnly}
	wantCode(t, ValidateAssessment(a), "")
	if !slices.Contains(NextSteps(a), StepAppointCoordinator) {
		t.Errorf("coordinator-only does not offer an appointment: %v", NextSteps(a))
	}
	if slices.Contains(NextSteps(a), StepStartPlan) {
		t.Errorf("a declined plan is started: %v", NextSteps(a))
	}
	a.Outcome = OutcomePlanAndCoordinator
	wantCode(t, ValidateAssessment(a), apperr.Unprocessable) // a plan against the citizen's wish
}

func TestValidateAssessment(t *testing.T) {
	two := NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}
	one := NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie"}}
	base := Assessment{InquiryID: "h1", AssessedBy: coordinator, AssessedAt: at("2026-03-05")}
	tests := []struct {
		name string
		edit func(*Assessment)
		want apperr.Code
	}{
		{"plan when entitled", func(a *Assessment) { a.Facts, a.Outcome = two, OutcomePlanAndCoordinator }, ""},
		{"plan when not entitled", func(a *Assessment) { a.Facts, a.Outcome = one, OutcomePlanAndCoordinator }, apperr.Unprocessable},
		{"no need without reasons", func(a *Assessment) { a.Facts, a.Outcome = one, OutcomeNoNeed }, apperr.Unprocessable},
		{"no need with reasons", func(a *Assessment) {
			a.Facts, a.Outcome, a.Reasons = one, OutcomeNoNeed, "Ett tjenestetilbud dekker behovet."
		}, ""},
		{"no need although entitled", func(a *Assessment) { a.Facts, a.Outcome, a.Reasons = two, OutcomeNoNeed, "x" }, apperr.Unprocessable},
		{"coordinator only, entitled to a plan, no reasons", func(a *Assessment) { a.Facts, a.Outcome = two, OutcomeCoordinatorOnly }, apperr.Unprocessable},
		{"referred without body", func(a *Assessment) { a.Outcome, a.Reasons = OutcomeReferred, "Gjelder skole." }, apperr.Unprocessable},
		{"referred", func(a *Assessment) {
			a.Outcome, a.Reasons, a.ReferredTo = OutcomeReferred, "Gjelder skole.", "PP-tjenesten"
		}, ""},
		{"no outcome", func(a *Assessment) {}, apperr.Unprocessable},
		{"no assessor", func(a *Assessment) { a.Facts, a.Outcome, a.AssessedBy = two, OutcomePlanAndCoordinator, "" }, apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			tt.edit(&a)
			wantCode(t, ValidateAssessment(a), tt.want)
		})
	}
}

// Rule: the child coordinator's conditions, with the age limit from the law table.
func TestChildCoordinatorRight(t *testing.T) {
	all := ChildFacts{BirthDate: at("2015-06-01"), Serious: true, HealthAndCare: true, OtherWelfare: true, FamilyWants: true}
	tests := []struct {
		name   string
		edit   func(*ChildFacts)
		on     string
		unmet  int
		errout bool
	}{
		{"all met", func(*ChildFacts) {}, "2026-03-01", 0, false},
		{"turns 18 the day before", func(f *ChildFacts) { f.BirthDate = at("2008-02-28") }, "2026-03-01", 1, false},
		{"17 the day before the birthday", func(f *ChildFacts) { f.BirthDate = at("2008-03-02") }, "2026-03-01", 0, false},
		{"expected child", func(f *ChildFacts) { f.BirthDate, f.Expected = at("0001-01-01"), true }, "2026-03-01", 0, false},
		{"no other welfare service", func(f *ChildFacts) { f.OtherWelfare = false }, "2026-03-01", 1, false},
		{"parents do not want it, not serious", func(f *ChildFacts) { f.FamilyWants, f.Serious = false, false }, "2026-03-01", 2, false},
		{"before the right existed", func(*ChildFacts) {}, "2022-07-31", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := all
			tt.edit(&f)
			unmet, err := ChildCoordinatorRight(f, at(tt.on), law(t))
			if (err != nil) != tt.errout {
				t.Fatalf("error %v", err)
			}
			if len(unmet) != tt.unmet {
				t.Errorf("unmet %v, want %d", unmet, tt.unmet)
			}
		})
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
		consents []Consent
		when     string
		want     apperr.Code
	}{
		{"valid consent", []Consent{c}, "2026-03-03", ""},
		{"no consent", nil, "2026-03-03", apperr.Unprocessable},
		{"before it was given", []Consent{c}, "2026-03-01", apperr.Unprocessable},
		{"withdrawn", []Consent{Withdraw(c, patient, at("2026-03-02 12:00"))}, "2026-03-03", apperr.Unprocessable},
		{"consent to sharing only", []Consent{sharingOnly}, "2026-03-03", apperr.Unprocessable},
		{"someone else's consent", []Consent{other}, "2026-03-03", apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Activate(draftPlan(), tt.consents, at(tt.when))
			wantCode(t, err, tt.want)
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
	_, err := Activate(noCoord, []Consent{c}, at("2026-03-03"))
	wantCode(t, err, apperr.Unprocessable)
}

// Rule: withdrawal stops sharing at once; a grant ends at its date.
func TestWithdrawalStopsSharingAtOnce(t *testing.T) {
	c := givenConsent(t)
	withdrawn := Withdraw(c, patient, at("2026-04-01 09:30"))
	revoked := RevokeGrant(c, relative, patient, at("2026-04-01 09:30"))
	tests := []struct {
		name        string
		consent     Consent
		when        string
		participant string
		part        PlanPart
		want        bool
	}{
		{"provider sees measures", c, "2026-04-01 09:29", homeNursing, PartMeasures, true},
		{"provider does not see needs", c, "2026-04-01 09:29", homeNursing, PartNeeds, false},
		{"a minute before withdrawal", withdrawn, "2026-04-01 09:29", homeNursing, PartMeasures, true},
		{"the moment of withdrawal", withdrawn, "2026-04-01 09:30", homeNursing, PartMeasures, false},
		{"relative after withdrawal", withdrawn, "2026-04-01 09:31", relative, PartGoalWords, false},
		{"grant expired", c, "2026-09-01 00:00", homeNursing, PartMeasures, false},
		{"relative's grant revoked", revoked, "2026-04-01 09:30", relative, PartGoalWords, false},
		{"revoking one leaves the other", revoked, "2026-04-01 09:30", homeNursing, PartMeasures, true},
		{"not yet given", c, "2026-03-02 09:59", homeNursing, PartMeasures, false},
		{"stranger", c, "2026-04-01 09:00", "Organization/ukjent", PartMeasures, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SharingAt([]Consent{tt.consent}, patient, at(tt.when))
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
	if got := AfterWithdrawal(p, []Consent{withdrawn}, at("2026-04-01 09:30")); got.Status != PlanOnHold {
		t.Errorf("plan after withdrawal is %s", got.Status)
	}
}

// Rule: who may edit which part of the plan.
func TestMayEdit(t *testing.T) {
	c := givenConsent(t)
	now := at("2026-04-01 12:00")
	live := SharingAt([]Consent{c}, patient, now)
	gone := SharingAt([]Consent{Withdraw(c, patient, at("2026-04-01 11:00"))}, patient, now)
	byGuardian, err := NewConsent(Consent{ID: "s2", Patient: patient, GivenBy: guardian, ByGuardian: true, GivenAt: at("2026-03-01"), MakePlan: true})
	if err != nil {
		t.Fatal(err)
	}
	guarded := SharingAt([]Consent{byGuardian}, patient, now)
	citizen := Actor{Role: RoleCitizen, Ref: patient}
	coord := Actor{Role: RoleCoordinator, Ref: coordinator}
	nurse := Actor{Role: RoleProvider, Ref: "Practitioner/sykepleier-test", Organization: homeNursing}
	nurseOrg := Actor{Role: RoleProvider, Ref: homeNursing}
	brother := Actor{Role: RoleRelative, Ref: relative}
	tests := []struct {
		name  string
		actor Actor
		edit  Edit
		s     Sharing
		want  apperr.Code
	}{
		{"citizen writes own goals", citizen, Edit{Part: PartGoalWords}, live, ""},
		{"citizen writes own contribution", citizen, Edit{Part: PartOwnContribution}, live, ""},
		{"citizen comments", citizen, Edit{Part: PartComments}, live, ""},
		{"citizen proposes a goal", citizen, Edit{Part: PartGoalProposals}, live, ""},
		{"citizen cannot change measures", citizen, Edit{Part: PartMeasures}, live, apperr.Forbidden},
		{"another citizen", Actor{Role: RoleCitizen, Ref: "Patient/annen"}, Edit{Part: PartComments}, live, apperr.Forbidden},
		{"guardian writes goals", Actor{Role: RoleGuardian, Ref: guardian}, Edit{Part: PartGoalWords}, guarded, ""},
		{"guardian not in the consent", Actor{Role: RoleGuardian, Ref: guardian}, Edit{Part: PartGoalWords}, live, apperr.Forbidden},
		{"coordinator edits measures", coord, Edit{Part: PartMeasures}, live, ""},
		{"coordinator edits targets", coord, Edit{Part: PartGoalTargets}, live, ""},
		{"coordinator edits evaluations", coord, Edit{Part: PartEvaluations}, live, ""},
		{"coordinator cannot rewrite the citizen's words", coord, Edit{Part: PartGoalWords}, live, apperr.Forbidden},
		{"coordinator cannot rewrite own contribution", coord, Edit{Part: PartOwnContribution}, live, apperr.Forbidden},
		{"coordinator after withdrawal", coord, Edit{Part: PartMeasures}, gone, apperr.Forbidden},
		{"another coordinator", Actor{Role: RoleCoordinator, Ref: otherCoord}, Edit{Part: PartMeasures}, live, apperr.Forbidden},
		{"provider reports on own measure", nurse, Edit{Part: PartMeasureProgress, Owner: homeNursing}, live, ""},
		{"provider as organisation", nurseOrg, Edit{Part: PartMeasureProgress, Owner: homeNursing}, live, ""},
		{"provider on another's measure", nurse, Edit{Part: PartMeasureProgress, Owner: physio}, live, apperr.Forbidden},
		{"provider edits the measure itself", nurse, Edit{Part: PartMeasures, Owner: homeNursing}, live, apperr.Forbidden},
		{"provider after withdrawal", nurse, Edit{Part: PartMeasureProgress, Owner: homeNursing}, gone, apperr.Forbidden},
		{"relative comments as granted", brother, Edit{Part: PartComments}, live, ""},
		{"relative cannot write goals", brother, Edit{Part: PartGoalWords}, live, apperr.Forbidden},
		{"relative after withdrawal", brother, Edit{Part: PartComments}, gone, apperr.Forbidden},
		{"unknown role", Actor{Role: "visitor", Ref: "x"}, Edit{Part: PartComments}, live, apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, MayEdit(tt.actor, tt.edit, draftPlan(), tt.s), tt.want)
		})
	}
}

func TestNewConsentRefusesAStrangerConsentingForTheCitizen(t *testing.T) {
	_, err := NewConsent(Consent{Patient: patient, GivenBy: relative, GivenAt: at("2026-03-01")})
	wantCode(t, err, apperr.Unprocessable)
}

// Rule: a consent marked withdrawn (FHIR status inactive) without the time of withdrawal is not
// in force: it shares nothing, and makes no plan.
func TestWithdrawnWithoutATimeSharesNothing(t *testing.T) {
	c := givenConsent(t)
	c.Status = ConsentWithdrawn
	for _, when := range []string{"2026-03-02 10:00", "2026-04-01 09:29"} {
		if s := SharingAt([]Consent{c}, patient, at(when)); s.PlanConsent || s.MaySee(homeNursing, PartMeasures) {
			t.Errorf("at %s: %+v, want nothing shared", when, s)
		}
		if _, err := PlanConsent([]Consent{c}, patient, at(when)); err == nil {
			t.Errorf("at %s: a plan consent in force", when)
		}
	}
}
