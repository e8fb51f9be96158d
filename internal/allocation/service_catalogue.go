package allocation

import (
	"context"
	"fmt"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/records"
	"veiviser/internal/workflow"
)

// maxHistory bounds the versions of the office's Organization a service's history reads.
const maxHistory = 200

// describedOn is sv as the catalogue pages show it today: t is the law table with the office's
// fee entries (FeeTable), so an amount the office enters shows at once.
func (s *Service) describedOn(sv ServiceKind, t *lawdata.Table, lang i18n.Lang) (Described, error) {
	d, err := Describe(sv, t, s.wf.Now(), lang)
	if err != nil {
		return d, err
	}
	return WithRates(d, sv, t, s.wf.Now(), lang)
}

// kinds are the catalogue's services with the office's own words over the shipped ones.
func (s *Service) kinds(ctx context.Context) ([]ServiceKind, error) {
	words, err := s.officeWords(ctx)
	if err != nil {
		return nil, err
	}
	list := s.catalogue.Kinds()
	for i, k := range list {
		if w, ok := words[k.Code]; ok {
			list[i] = k.With(w)
		}
	}
	return list, nil
}

// kindOf is one service with the office's words.
func (s *Service) kindOf(ctx context.Context, code string) (ServiceKind, error) {
	k, ok := s.catalogue.Kind(code)
	if !ok {
		return ServiceKind{}, apperr.New(apperr.NotFound, "no service %q in the catalogue", code)
	}
	words, err := s.officeWords(ctx)
	if err != nil {
		return ServiceKind{}, err
	}
	if w, ok := words[code]; ok {
		k = k.With(w)
	}
	return k, nil
}

// officeWords are the office's own words, by service; none when the office has no
// Organization yet.
func (s *Service) officeWords(ctx context.Context) (map[string]ServiceWords, error) {
	org, _, err := s.wf.Get(ctx, "Organization", s.wf.Office())
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return officeWords(org), nil
}

// SaveServiceWords rewrites a service's words (the office's unit lead, or an administrator).
func (s *Service) SaveServiceWords(ctx context.Context, code string, w ServiceWords) (CatalogueChange, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return CatalogueChange{}, err
	}
	if !mayEditCatalogue(p, s.wf.Office()) {
		return CatalogueChange{}, kernel.Text{NB: "Tjenesteoversikten skrives av lederen for tildelingskontoret.",
			EN: "The service catalogue is written by the allocation office's lead."}.Err(apperr.Forbidden)
	}
	before, err := s.kindOf(ctx, code)
	if err != nil {
		return CatalogueChange{}, err
	}
	if err := ValidateWords(w); err != nil {
		return CatalogueChange{}, err
	}
	org, rec, err := s.wf.Get(ctx, "Organization", s.wf.Office())
	if err != nil {
		return CatalogueChange{}, err
	}
	updated, change := withWords(org, code, w, WordsOf(before), p.Ref(), s.wf.Now())
	if len(change.Fields) == 0 {
		return change, nil
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: updated, IfMatch: rec.VersionID}); err != nil {
		return CatalogueChange{}, fmt.Errorf("saving the service catalogue: %w", err)
	}
	return change, nil
}

// MayEditCatalogue says whether the principal may rewrite the catalogue's words.
func (s *Service) MayEditCatalogue(p *access.Principal) bool {
	return mayEditCatalogue(p, s.wf.Office())
}

func mayEditCatalogue(p *access.Principal, office string) bool {
	return p.Has(access.UnitLead) && p.IsUnitStaff(office) || p.Has(access.Administrator)
}

// ServiceWordsOf is a service's words as they stand (the office's, or the shipped ones).
func (s *Service) ServiceWordsOf(ctx context.Context, code string) (ServiceWords, error) {
	k, err := s.kindOf(ctx, code)
	return WordsOf(k), err
}

// CatalogueHistory is who changed a service's words and when, newest first.
func (s *Service) CatalogueHistory(ctx context.Context, code string) ([]CatalogueChange, error) {
	h, err := s.wf.Records().History(ctx, "Organization", s.wf.Office(), url.Values{"_count": {fmt.Sprint(maxHistory)}})
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []CatalogueChange
	for _, rec := range h.Records {
		if org := records.Parsed(rec); org != nil {
			if c := lastChange(org); c.Code == code && len(c.Fields) > 0 {
				out = append(out, c)
			}
		}
	}
	return out, nil
}
