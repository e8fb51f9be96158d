package unitpage

import (
	"context"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Service reads the unit's public page for anyone and saves it for the unit lead.
type Service struct {
	wf *workflow.Base
}

// NewService returns the public page's service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// PublicPage is the page as anyone sees it, signed in or not: it is about nobody, so nothing
// is checked or logged.
func (s *Service) PublicPage(ctx context.Context) (Page, error) {
	org, rec, err := s.wf.Get(ctx, "Organization", s.wf.Unit())
	if err != nil {
		return Page{}, err
	}
	p := FromFHIR(org)
	p.Version = rec.VersionID
	return p, nil
}

// SavePublicPage saves the page (the unit lead, or an administrator), only if the unit's
// Organization is still at the version the page was read at: a Conflict if someone else saved
// in between.
func (s *Service) SavePublicPage(ctx context.Context, p Page) (Page, error) {
	who, err := workflow.Principal(ctx)
	if err != nil {
		return p, err
	}
	if !(who.Has(access.UnitLead) && who.IsUnitStaff(s.wf.Unit())) && !who.Has(access.Administrator) {
		return p, kernel.Text{NB: "Bare enhetslederen skriver enhetens side.", EN: "Only the unit lead writes the unit's page."}.Err(apperr.Forbidden)
	}
	org, _, err := s.wf.Get(ctx, "Organization", s.wf.Unit())
	if err != nil {
		return p, err
	}
	written, err := s.wf.Commit(ctx, workflow.Put{Res: ToFHIR(org, p), IfMatch: p.Version})
	if apperr.Is(err, apperr.PreconditionFailed) {
		return p, kernel.Text{NB: "Siden ble endret av noen andre samtidig; se over og prøv igjen.",
			EN: "Someone else changed the page at the same time; check and try again."}.Err(apperr.Conflict)
	}
	if err != nil {
		return p, err
	}
	if rec, ok := written["Organization/"+s.wf.Unit()]; ok {
		p.Version = rec.VersionID
	}
	return p, nil
}
