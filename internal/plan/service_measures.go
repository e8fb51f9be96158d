package plan

import (
	"context"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
)

// EditMeasure changes a measure's title, description, goals, provider, responsible person,
// scope and period (coordinator); its status, progress notes and decision stay as they are.
func (s *Service) EditMeasure(ctx context.Context, planID string, m Measure) (IndividualPlan, error) {
	if err := required(m.Title, "Tiltaket må ha et navn.", "The measure needs a title."); err != nil {
		return IndividualPlan{}, err
	}
	return s.Edit(ctx, planID, "measure-changed",
		kernel.Text{NB: "Tiltak endret: " + m.Title, EN: "Measure changed: " + m.Title},
		func(p *IndividualPlan) error {
			old, err := measureIn(p, m.ID)
			if err != nil {
				return err
			}
			if m.Provider != old.Provider || old.ProviderName == "" {
				old.ProviderName = s.wf.Name(ctx, m.Provider)
			}
			if m.ResponsiblePerson != old.ResponsiblePerson {
				old.ResponsibleName = ""
				if m.ResponsiblePerson != "" {
					old.ResponsibleName = s.wf.Name(ctx, m.ResponsiblePerson)
				}
			}
			old.Title, old.Description, old.Goals, old.Scope, old.Period = m.Title, m.Description, m.Goals, m.Scope, m.Period
			old.Provider, old.ResponsiblePerson = m.Provider, m.ResponsiblePerson
			return nil
		})
}

// EndMeasure ends a measure (coordinator): completed when it did what it was for, stopped when
// it ended before that; its period ends today unless it ended earlier.
func (s *Service) EndMeasure(ctx context.Context, planID, measureID string, how MeasureStatus) (IndividualPlan, error) {
	if how != MeasureCompleted && how != MeasureStopped {
		return IndividualPlan{}, kernel.Violation("Velg om tiltaket er fullført eller avbrutt.", "Choose whether the measure is completed or stopped.")
	}
	return s.Edit(ctx, planID, "measure-ended",
		kernel.Text{NB: "Tiltak avsluttet.", EN: "Measure ended."},
		func(p *IndividualPlan) error {
			m, err := measureIn(p, measureID)
			if err != nil {
				return err
			}
			if m.Status == MeasureCompleted || m.Status == MeasureStopped {
				return kernel.Violation("Tiltaket er allerede avsluttet.", "The measure has already ended.")
			}
			m.Status = how
			if now := s.wf.Now(); m.Period.End.IsZero() || m.Period.End.After(now) {
				m.Period.End = now
			}
			return nil
		})
}

// measureIn is the plan's measure id, to change in place.
func measureIn(p *IndividualPlan, id string) (*Measure, error) {
	for i := range p.Measures {
		if p.Measures[i].ID == id {
			return &p.Measures[i], nil
		}
	}
	return nil, apperr.New(apperr.NotFound, "measure %s is not in the plan", id)
}
