package plan

import (
	"context"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// PlanVersion is one saved state of a plan: who changed it, when, and what the change was.
type PlanVersion struct {
	N     int64
	At    time.Time
	By    string
	Event LogEntry
}

// Versions lists the plan's versions, newest first.
func (s *Service) Versions(ctx context.Context, planID string) ([]PlanVersion, error) {
	if _, err := s.Plan(ctx, planID); err != nil {
		return nil, err
	}
	recs, _, err := s.wf.Store().History(ctx, store.HistoryQuery{Type: "CarePlan", ID: planID, Count: 1000})
	if err != nil {
		return nil, err
	}
	var out []PlanVersion
	for _, rec := range recs {
		r := records.Parsed(rec)
		if r == nil {
			continue
		}
		v := PlanVersion{N: rec.VersionID, At: rec.LastUpdated}
		if log := logOf(r); len(log) > 0 {
			v.Event = log[len(log)-1]
			v.By = v.Event.By
		}
		out = append(out, v)
	}
	return out, nil
}

// Log is the plan's log, oldest first.
func (s *Service) Log(ctx context.Context, planID string) ([]LogEntry, error) {
	v, err := s.Plan(ctx, planID)
	return v.Log, err
}

// Diff lists, readably, what changed in the plan from version a to version b.
func (s *Service) Diff(ctx context.Context, planID string, a, b int64) ([]Change, error) {
	if _, err := s.Plan(ctx, planID); err != nil {
		return nil, err
	}
	pa, err := s.planAt(ctx, planID, a)
	if err != nil {
		return nil, err
	}
	pb, err := s.planAt(ctx, planID, b)
	if err != nil {
		return nil, err
	}
	return Diff(pa, pb), nil
}

// planAt rebuilds version n of the plan: the CarePlan version and, of its Goals and CareTeam,
// the versions current when it was written (they are written in the same transaction, before it).
func (s *Service) planAt(ctx context.Context, planID string, n int64) (IndividualPlan, error) {
	rec, err := s.wf.Store().GetVersion(ctx, "CarePlan", planID, n)
	if err != nil {
		return IndividualPlan{}, err
	}
	cp := records.Parsed(rec)
	if cp == nil {
		return IndividualPlan{}, apperr.New(apperr.NotFound, "version %d of CarePlan/%s is a deletion", n, planID)
	}
	at := rec.LastUpdated
	l, err := s.planFrom(ctx, cp, rec, func(typ, id string) *fhir.Resource {
		recs, _, err := s.wf.Store().History(ctx, store.HistoryQuery{Type: typ, ID: id, Count: 1000})
		if err != nil {
			return nil
		}
		for _, h := range recs { // newest first
			if !h.LastUpdated.After(at) {
				return records.Parsed(h)
			}
		}
		return nil
	})
	return l.plan, err
}
