package allocation

import (
	"context"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// MaySeeStatistics says whether p may see the office's statistics: the lead of the
// coordinating unit or of the office.
func (s *Service) MaySeeStatistics(p *access.Principal) bool {
	return p.Has(access.UnitLead) && (p.IsUnitStaff(s.wf.Unit()) || p.IsUnitStaff(s.wf.Office()))
}

// UnitStatistics are the office's counts for year (CountStatistics), for the lead of the
// coordinating unit or of the office. They name nobody, so no citizen's access log gets an
// entry; the reads still go through the record layer's search, three of them whatever the
// number of cases (each in pages of store.MaxCount): the office's decisions, its applications and
// the appeals.
func (s *Service) UnitStatistics(ctx context.Context, year int) (Statistics, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Statistics{}, err
	}
	if !s.MaySeeStatistics(p) {
		return Statistics{}, kernel.Text{NB: "Statistikken er lederens.", EN: "The statistics are the lead's."}.Err(apperr.Forbidden)
	}
	office := kernel.Ref("Organization", s.wf.Office())
	found, err := s.wf.Find(ctx, "ServiceRequest", "requester", office, "intent", "order")
	if err != nil {
		return Statistics{}, err
	}
	var decisions []Decision
	for _, r := range found {
		if !IsDecision(r) {
			continue
		}
		d, err := DecisionFromFHIR(r)
		if err != nil {
			return Statistics{}, err
		}
		decisions = append(decisions, d)
	}
	if found, err = s.wf.Find(ctx, "ServiceRequest", "performer", office, "intent", "proposal"); err != nil {
		return Statistics{}, err
	}
	apps, err := Applications(found)
	if err != nil {
		return Statistics{}, err
	}
	if found, err = s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskAppeal); err != nil {
		return Statistics{}, err
	}
	var appeals []Appeal
	for _, r := range found {
		a, err := AppealFromFHIR(r)
		if err != nil {
			return Statistics{}, err
		}
		appeals = append(appeals, a)
	}
	kinds := s.catalogue.Kinds()
	order := make([]string, len(kinds))
	for i, k := range kinds {
		order[i] = k.Code
	}
	return CountStatistics(year, order, apps, decisions, appeals), nil
}
