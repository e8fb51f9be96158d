package allocation

import (
	"context"

	"veiviser/internal/i18n"
	"veiviser/internal/workflow"
)

// Service is the allocation office's work. Today: the public service catalogue.
type Service struct {
	wf        *workflow.Base
	catalogue *Catalogue
	functions Functions // the IPLOS variables of the functional assessment
}

// NewService returns the office's service on wf, with the embedded catalogue checked against
// wf's law table.
func NewService(wf *workflow.Base) (*Service, error) {
	c, err := LoadCatalogue(wf.Law())
	if err != nil {
		return nil, err
	}
	f, err := LoadFunctions()
	if err != nil {
		return nil, err
	}
	return &Service{wf: wf, catalogue: c, functions: f}, nil
}

// ServiceCatalogue is every service as it stands today, in lang, in the office's words. It is
// public and about nobody, so nothing is checked or logged.
func (s *Service) ServiceCatalogue(ctx context.Context, lang i18n.Lang) ([]Described, error) {
	list, err := s.kinds(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.FeeTable(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Described, 0, len(list))
	for _, sv := range list {
		d, err := s.describedOn(sv, t, lang)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// CatalogueService is one service as it stands today, in lang; NotFound for a code the
// catalogue does not hold.
func (s *Service) CatalogueService(ctx context.Context, code string, lang i18n.Lang) (Described, error) {
	sv, err := s.kindOf(ctx, code)
	if err != nil {
		return Described{}, err
	}
	t, err := s.FeeTable(ctx)
	if err != nil {
		return Described{}, err
	}
	return s.describedOn(sv, t, lang)
}
