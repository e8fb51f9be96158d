package coordination

import (
	"context"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/intake"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestLetterInTheCitizensLanguage (issue 12): the assessment letter goes out in the language the
// citizen chose in Veiviser, else the one their record prefers (Patient.communication, the
// preferred one over the first), else in the municipality's default the caller gives, and the
// letter the citizen reads is that one language only.
func TestLetterInTheCitizensLanguage(t *testing.T) {
	for _, tc := range []struct {
		name          string
		communication string
		chosen        i18n.Lang
		fallback      i18n.Lang
		want, not     string
	}{
		{"the citizen's own choice first", `,"communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en"}]},"preferred":true}]`, i18n.Nynorsk, i18n.Bokmal, "Svar på førespurnad", "Answer to"},
		{"none on the record: the municipality's default", ``, "", i18n.Nynorsk, "Svar på førespurnad", "Svar på henvendelse"},
		{"none and no default: bokmål", ``, "", "", "Svar på henvendelse", "Answer to your inquiry"},
		{"the preferred one", `,"communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"nb"}]}},{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en"}]},"preferred":true}]`, "", i18n.Nynorsk, "Answer to your inquiry", "Svar på"},
		{"the first when none is preferred", `,"communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"nn-NO"}]}}]`, "", i18n.English, "Svar på førespurnad", "Answer to"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testutil.EachStore(t, func(t *testing.T, st store.Store) {
				w := newWorld(t, st)
				r, err := fhir.Parse([]byte(`{"resourceType":"Patient","id":"p1","name":[{"family":"Testmo","given":["Siri"]}]` + tc.communication + `}`))
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := w.svc.Update(context.Background(), "Patient", "p1", r, ""); err != nil {
					t.Fatal(err)
				}
				rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Hjelp i hverdagen"}))
				res := must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: careFacts(), Chosen: tc.chosen, Default: tc.fallback}))
				if !strings.HasPrefix(res.Letter.Subject, tc.want) {
					t.Errorf("subject %q, want it to start %q", res.Letter.Subject, tc.want)
				}
				letters, err := w.co.Letters(as(w.citizen), "Patient/p1")
				if err != nil || len(letters) != 1 {
					t.Fatalf("letters = %+v, %v", letters, err)
				}
				if got := letters[0].Text; !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
					t.Errorf("the citizen's letter should say %q and not %q:\n%s", tc.want, tc.not, got)
				}
			})
		})
	}
}
