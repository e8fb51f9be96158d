package consent

import (
	"context"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// Service is the consents to the individual plan: recorded by the citizen, a guardian or the
// coordinator writing down what the citizen said, withdrawn, and read with their history.
type Service struct {
	wf *workflow.Base
}

// NewService returns the consents' service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// ConsentInput is a consent as the citizen (or a guardian) gives it.
type ConsentInput struct {
	Patient string
	// GivenBy is Patient/... (the citizen) or RelatedPerson/... (a guardian). Empty: the
	// principal, when a citizen or guardian records their own
	GivenBy  string
	MakePlan bool    // to making the individual plan
	Grants   []Grant // per participant: what they may see and write, and until when
}

// RecordConsent records a consent: by the citizen, by a guardian on their behalf, or by the
// citizen's coordinator (or the unit) writing down what the citizen said.
func (s *Service) RecordConsent(ctx context.Context, in ConsentInput) (Consent, error) {
	p, err := s.wf.Reach(ctx, in.Patient)
	if err != nil {
		return Consent{}, err
	}
	patient := kernel.Ref("Patient", kernel.IDOf(in.Patient))
	givenBy := in.GivenBy
	if givenBy == "" {
		givenBy = p.Ref()
	}
	by := p.Ref() // who may record it, and that a guardian is one, is the consent rule's to decide
	c, err := NewConsent(Consent{ID: s.wf.NewID(), Patient: patient, GivenBy: givenBy,
		ByGuardian: givenBy != patient, GivenAt: s.wf.Now(), RecordedBy: by, MakePlan: in.MakePlan, Grants: in.Grants})
	if err != nil {
		return c, err
	}
	_, err = s.wf.Commit(ctx, workflow.Put{Res: ConsentToFHIR(c)})
	return c, err
}

// WithdrawConsent withdraws a consent now. It takes effect at once: the rule in records puts the
// citizen's active plans on hold and ends the participants' places in the care team in the same
// transaction, so each participant loses access on their next request.
func (s *Service) WithdrawConsent(ctx context.Context, consentID string) (Consent, error) {
	c, rec, err := s.consent(ctx, consentID)
	if err != nil {
		return c, err
	}
	p, _ := workflow.Principal(ctx) // who may withdraw it is the consent rule's to decide
	if c.Status == ConsentWithdrawn {
		return c, nil
	}
	c = Withdraw(c, p.Ref(), s.wf.Now())
	_, err = s.wf.Commit(ctx, workflow.Put{Res: ConsentToFHIR(c), IfMatch: rec.VersionID})
	return c, err
}

// consent reads one consent, with need-to-know.
func (s *Service) consent(ctx context.Context, id string) (Consent, store.Record, error) {
	r, rec, err := s.wf.Get(ctx, "Consent", id)
	if err != nil {
		return Consent{}, rec, err
	}
	if !IsPlanConsent(r) {
		return Consent{}, rec, apperr.New(apperr.NotFound, "Consent/%s is not a consent to an individual plan", id)
	}
	c, err := ConsentFromFHIR(r)
	if err != nil {
		return c, rec, err
	}
	if _, err := s.wf.Reach(ctx, c.Patient); err != nil {
		return Consent{}, rec, apperr.New(apperr.NotFound, "Consent/%s is not known", id)
	}
	return c, rec, nil
}

// Consents lists the citizen's consents, newest first.
func (s *Service) Consents(ctx context.Context, patient string) ([]Consent, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	out, err := s.Read(ctx, patient)
	if err != nil {
		return nil, err
	}
	return out, s.wf.LogRead(ctx, patient, "Consent")
}

// Read is the citizen's consents to the plan, newest first, neither checked for need-to-know
// nor logged: for another area's service, which does both for what it shows.
func (s *Service) Read(ctx context.Context, patient string) ([]Consent, error) {
	rs, err := s.wf.Find(ctx, "Consent", "patient", kernel.Ref("Patient", kernel.IDOf(patient)))
	if err != nil {
		return nil, err
	}
	return Of(rs)
}

// ConsentVersion is one saved state of a
type ConsentVersion struct {
	Version int64
	Consent Consent
}

// ConsentHistory is every version of a consent, newest first: its history.
func (s *Service) ConsentHistory(ctx context.Context, id string) ([]ConsentVersion, error) {
	c, _, err := s.consent(ctx, id)
	if err != nil {
		return nil, err
	}
	recs, _, err := s.wf.Store().History(ctx, store.HistoryQuery{Type: "Consent", ID: id, Count: 1000})
	if err != nil {
		return nil, err
	}
	var out []ConsentVersion
	for _, rec := range recs {
		if r := records.Parsed(rec); r != nil {
			v, err := ConsentFromFHIR(r)
			if err != nil {
				return nil, err
			}
			out = append(out, ConsentVersion{Version: rec.VersionID, Consent: v})
		}
	}
	return out, s.wf.LogRead(ctx, c.Patient, "Consent/"+id)
}
