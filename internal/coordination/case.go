package coordination

import (
	"context"

	"veiviser/internal/kernel"
)

// CaseFor is one citizen's case as the coordinator's case page shows it: stage, plan, next
// evaluation and meeting. Outside reach it answers NotFound; the read is logged.
func (s *Service) CaseFor(ctx context.Context, patient string) (CaseSummary, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return CaseSummary{}, err
	}
	cs, err := s.summary(ctx, kernel.Ref("Patient", kernel.IDOf(patient)))
	if err != nil {
		return cs, err
	}
	return cs, s.wf.LogRead(ctx, patient, "Case")
}
