package coordination

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestInquirySubjects(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		for _, tt := range []struct {
			name string
			ctx  func() []intake.Subject
			want []intake.Subject
		}{
			{"a citizen: themself", func() []intake.Subject { return must[[]intake.Subject](t)(w.co.InquirySubjects(as(w.citizen))) },
				[]intake.Subject{{Patient: "Patient/p1", Name: "Siri Testmo", Source: intake.FromCitizen}}},
			{"a relative: the citizen they are linked to", func() []intake.Subject { return must[[]intake.Subject](t)(w.co.InquirySubjects(as(w.relative))) },
				[]intake.Subject{{Patient: "Patient/p1", Name: "Siri Testmo", Source: intake.FromRelative, Via: "RelatedPerson/rp1"}}},
			{"staff: nobody", func() []intake.Subject { return must[[]intake.Subject](t)(w.co.InquirySubjects(as(w.coordinator))) }, nil},
		} {
			t.Run(tt.name, func(t *testing.T) {
				got := tt.ctx()
				if len(got) != len(tt.want) {
					t.Fatalf("got %+v, want %+v", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Errorf("got %+v, want %+v", got[i], tt.want[i])
					}
				}
			})
		}
	})
}

func TestConsentCandidates(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.planWithConsent()
		got := must[[]plan.ConsentCandidate](t)(w.co.ConsentCandidates(as(w.citizen), "p1"))
		refs := map[string]kernel.Role{}
		for _, c := range got {
			refs[c.Ref] = c.Role
		}
		if len(got) != 2 || refs["Practitioner/f1"] != kernel.RoleProvider || refs["RelatedPerson/rp1"] != kernel.RoleRelative {
			t.Fatalf("candidates %+v: want the plan's provider and the relative, not the citizen or the coordinator", got)
		}
		if _, err := w.co.ConsentCandidates(as(w.provider2), "p1"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("outside reach: %v, want NotFound", err)
		}
	})
}
