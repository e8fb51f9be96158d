package intake

import (
	"testing"

	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

func TestInquiryAndAssessmentToFHIRAndBack(t *testing.T) {
	inquiries := []Inquiry{
		{ID: "h1", Reference: "KE-2026-00042", Source: FromRelative, Status: InquiryReceived, Subject: patient, Sender: relative,
			Received: fixture.UTC("2026-03-02 09:15"), Need: "Mor klarer seg ikke alene etter  hjerneslaget — «hjelp!»",
			CurrentServices: []string{"hjemmesykepleie", "trygghetsalarm"}, ProposedCoordinator: "Kari Testkoordinator",
			CitizenConsent: fixture.UTC("2026-03-03 10:00")},
		{ID: "h2", Reference: "KE-2026-00043", Source: FromProvider, Status: InquiryAssessed, Subject: patient,
			Sender: "Practitioner/fastlege-test", Received: fixture.UTC("2026-03-04 12:00"), Need: "Mulig behov for rehabilitering."},
	}
	for _, q := range inquiries {
		r := fixture.CheckFHIR(t, InquiryToFHIR(q))
		if got := kernel.PathString(r.Object(), "reasonCode", "text"); got != q.Need {
			t.Errorf("the need is not verbatim: %q", got)
		}
		back, err := InquiryFromFHIR(r)
		if err != nil {
			t.Fatal(err)
		}
		fixture.Same(t, "inquiry "+q.ID, q, back)
	}
	a := Assessment{InquiryID: "h1", Patient: patient, AssessedBy: "Practitioner/fagleder-test", AssessedAt: fixture.UTC("2026-03-10 14:00"),
		Facts: NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}, PlanDeclined: true,
		Outcome: OutcomeCoordinatorOnly, Reasons: "Ønsker ikke plan nå.", CoordinatorKind: coordinators.KindOrdinary}
	back, err := AssessmentFromFHIR(fixture.CheckFHIR(t, AssessmentToFHIR("vurdering-h1", a)))
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "assessment", a, back)
}
