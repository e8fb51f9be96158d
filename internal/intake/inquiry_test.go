package intake

import (
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/testutil/fixture"
	"veiviser/internal/workflow"
)

// TestAssessmentLetter: the letter is written whole in the recipient's language, with the values
// (reference, date, legal basis, coordinator, the unit's own reasons) as they are, and nothing of
// another language in it.
func TestAssessmentLetter(t *testing.T) {
	q := Inquiry{Reference: "KE-2026-00042", Received: fixture.At("2026-03-02")}
	a := Assessment{AssessedAt: fixture.At("2026-03-10"), Outcome: OutcomeCoordinatorOnly, Reasons: "Du ønsker ikke plan nå."}
	for _, tc := range []struct {
		lang     i18n.Lang
		want     []string
		not      []string
		wantLang i18n.Lang
	}{
		{i18n.Bokmal, []string{"Svar på henvendelse", "02.03.2026", "Du får tilbud om koordinator", "klage til Statsforvalteren"}, []string{"vurderer", "county governor", "førespurnad"}, i18n.Bokmal},
		{i18n.Nynorsk, []string{"Svar på førespurnad", "02.03.2026", "Du får tilbod om koordinator", "klage til Statsforvaltaren", "Grunngiving"}, []string{"henvendelse", "county governor", "tilbud"}, i18n.Nynorsk},
		{i18n.English, []string{"Answer to your inquiry", "2 March 2026", "You are offered a coordinator", "county governor"}, []string{"Svar på", "Statsforvalteren (pbrl"}, i18n.English},
		{"sv", []string{"Svar på henvendelse"}, nil, i18n.Bokmal},
	} {
		l, err := AssessmentLetter(q, a, "Kari Testkoordinator", fixture.Law(t), tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		text := l.Subject + "\n" + l.Body
		for _, s := range append(tc.want, "KE-2026-00042", "pbrl § 2-5 b", "Kari Testkoordinator", "Du ønsker ikke plan nå.") {
			if !strings.Contains(text, s) {
				t.Errorf("%s: the letter lacks %q:\n%s", tc.lang, s, text)
			}
		}
		for _, s := range tc.not {
			if strings.Contains(text, s) {
				t.Errorf("%s: the letter has %q, another language's:\n%s", tc.lang, s, text)
			}
		}
		if l.Lang != tc.wantLang {
			t.Errorf("%s: Lang = %q, want %q", tc.lang, l.Lang, tc.wantLang)
		}
	}
}

func TestValidateInquiry(t *testing.T) {
	base := Inquiry{Source: FromCitizen, Subject: patient, Sender: patient, Received: fixture.At("2026-03-02 09:00"), Need: "Trenger hjelp etter hjerneslag."}
	tests := []struct {
		name string
		edit func(*Inquiry)
		want apperr.Code
	}{
		{"citizen for self", func(*Inquiry) {}, ""},
		{"guardian for child", func(q *Inquiry) { q.Source, q.Sender = FromGuardian, guardian }, ""},
		{"need report", func(q *Inquiry) { q.Source, q.Sender = FromProvider, "Practitioner/fastlege-test" }, ""},
		{"citizen for someone else", func(q *Inquiry) { q.Sender = "Patient/annen" }, apperr.Unprocessable},
		{"no need", func(q *Inquiry) { q.Need = "  " }, apperr.Unprocessable},
		{"unknown source", func(q *Inquiry) { q.Source = "fax" }, apperr.Unprocessable},
		{"no date", func(q *Inquiry) { q.Received = time.Time{} }, apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := base
			tt.edit(&q)
			fixture.WantCode(t, ValidateInquiry(q), tt.want)
		})
	}
}

func TestRelativesInquiryWaitsForTheCitizensConsent(t *testing.T) {
	q := Inquiry{Source: FromRelative, Status: InquiryReceived, Subject: patient, Sender: relative, Received: fixture.At("2026-03-02"), Need: "Mor trenger mer hjelp."}
	fixture.WantCode(t, ValidateInquiry(q), "")
	fixture.WantCode(t, ReadyForAssessment(q), apperr.Unprocessable)
	q.CitizenConsent = fixture.At("2026-03-04")
	fixture.WantCode(t, ReadyForAssessment(q), "")
	q.Status = InquiryAssessed
	fixture.WantCode(t, ReadyForAssessment(q), apperr.Unprocessable)
}

func TestReceipt(t *testing.T) {
	q := Inquiry{Reference: ReferenceNumber(fixture.At("2026-03-02"), 42), Received: fixture.At("2026-03-02")}
	if q.Reference != "KE-2026-00042" {
		t.Fatalf("reference %q", q.Reference)
	}
	r := ReceiptText(q)
	if !strings.Contains(r.NB, "KE-2026-00042") || !strings.Contains(r.EN, "KE-2026-00042") || !strings.Contains(r.NB, "02.03.2026") {
		t.Errorf("receipt %+v", r)
	}
}

func TestInquiryDeadlines(t *testing.T) {
	q := Inquiry{Status: InquiryReceived, Received: fixture.At("2026-03-30 14:00")} // Monday before Easter
	tests := []struct {
		name, now           string
		status              InquiryStatus
		age                 int
		lateTarget, latePre bool
	}{
		{"same day", "2026-03-30 15:00", InquiryReceived, 0, false, false},
		{"on the target date", "2026-04-16 23:00", InquiryReceived, 17, false, false},
		{"the day after the target", "2026-04-17 08:00", InquiryReceived, 18, true, false},
		{"after a month", "2026-05-01 08:00", InquiryReceived, 32, true, true},
		{"assessed is never late", "2026-05-01 08:00", InquiryAssessed, 32, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q.Status = tt.status
			c, err := InquiryDeadlines(q, fixture.Law(t), fixture.At(tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if c.AgeDays != tt.age || c.Assessment.Late != tt.lateTarget || c.PreliminaryAnswer.Late != tt.latePre {
				t.Errorf("got %+v", c)
			}
			if got := c.Assessment.Due.Format("2006-01-02"); got != "2026-04-16" {
				t.Errorf("assessment due %s, want 2026-04-16 (10 working days over Easter)", got)
			}
			if got := c.PreliminaryAnswer.Due.Format("2006-01-02"); got != "2026-04-30" {
				t.Errorf("preliminary answer due %s", got)
			}
		})
	}
}

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
	a := Assessment{InquiryID: "h1", AssessedBy: coordinator, AssessedAt: fixture.At("2026-03-05"), Facts: facts, PlanDeclined: true, Outcome: OutcomeCoordinatorOnly}
	fixture.WantCode(t, ValidateAssessment(a), "")
	if !slices.Contains(NextSteps(a), StepAppointCoordinator) {
		t.Errorf("coordinator-only does not offer an appointment: %v", NextSteps(a))
	}
	if slices.Contains(NextSteps(a), StepStartPlan) {
		t.Errorf("a declined plan is started: %v", NextSteps(a))
	}
	a.Outcome = OutcomePlanAndCoordinator
	fixture.WantCode(t, ValidateAssessment(a), apperr.Unprocessable) // a plan against the citizen's wish
}

func TestValidateAssessment(t *testing.T) {
	two := NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}
	one := NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie"}}
	base := Assessment{InquiryID: "h1", AssessedBy: coordinator, AssessedAt: fixture.At("2026-03-05")}
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
			fixture.WantCode(t, ValidateAssessment(a), tt.want)
		})
	}
}

// TestSourcesAreHowOneActs: the sources workflow.ActingFor answers with are the inquiry's.
func TestSourcesAreHowOneActs(t *testing.T) {
	for kind, want := range map[string]InquirySource{workflow.ActsAsCitizen: FromCitizen, workflow.ActsAsGuardian: FromGuardian,
		workflow.ActsAsRelative: FromRelative, workflow.ActsAsProvider: FromProvider} {
		if InquirySource(kind) != want {
			t.Errorf("%s is %s here", kind, want)
		}
	}
}
