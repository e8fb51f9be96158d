package coordination

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// ConsentInput is a consent as the citizen (or a guardian) gives it.
type ConsentInput struct {
	Patient string
	// GivenBy is Patient/... (the citizen) or RelatedPerson/... (a guardian). Empty: the
	// principal, when a citizen or guardian records their own consent.
	GivenBy  string
	MakePlan bool            // to making the individual plan
	Grants   []consent.Grant // per participant: what they may see and write, and until when
}

// RecordConsent records a consent: by the citizen, by a guardian on their behalf, or by the
// citizen's coordinator (or the unit) writing down what the citizen said.
func (s *Service) RecordConsent(ctx context.Context, in ConsentInput) (consent.Consent, error) {
	p, err := s.wf.Reach(ctx, in.Patient)
	if err != nil {
		return consent.Consent{}, err
	}
	patient := kernel.Ref("Patient", kernel.IDOf(in.Patient))
	givenBy := in.GivenBy
	if givenBy == "" {
		givenBy = p.Ref()
	}
	by := p.Ref()
	if err := s.mayRecordConsent(ctx, p, patient, givenBy); err != nil {
		return consent.Consent{}, err
	}
	c, err := consent.NewConsent(consent.Consent{ID: s.wf.NewID(), Patient: patient, GivenBy: givenBy,
		ByGuardian: givenBy != patient, GivenAt: s.wf.Now(), RecordedBy: by, MakePlan: in.MakePlan, Grants: in.Grants})
	if err != nil {
		return c, err
	}
	if c.ByGuardian {
		if err := s.checkGuardian(ctx, givenBy, patient); err != nil {
			return c, err
		}
	}
	_, err = s.wf.Commit(ctx, workflow.Put{Res: consent.ConsentToFHIR(c)})
	return c, err
}

// mayRecordConsent: the citizen for themself, a guardian of theirs, their coordinator or the
// unit's staff.
func (s *Service) mayRecordConsent(ctx context.Context, p *access.Principal, patient, givenBy string) error {
	switch {
	case givenBy == kernel.Ref("Patient", p.PatientID) && givenBy == patient:
		return nil
	case slices.Contains(p.RelatedPersonIDs, kernel.IDOf(givenBy)):
		return nil
	case s.wf.IsUnitStaff(p) || p.IsSystem():
		return nil
	case p.Has(access.Coordinator):
		if a, ok, err := s.CurrentAppointment(ctx, patient); err != nil || (ok && a.Coordinator == kernel.Ref("Practitioner", p.PractitionerID)) {
			return err
		}
	}
	return kernel.Text{NB: "Bare innbyggeren, en foresatt eller koordinatoren kan registrere samtykke.",
		EN: "Only the citizen, a guardian or the coordinator may record consent."}.Err(apperr.Forbidden)
}

// checkGuardian: givenBy is a RelatedPerson of patient with a guardian relationship.
func (s *Service) checkGuardian(ctx context.Context, givenBy, patient string) error {
	rp, _, err := s.wf.Get(ctx, "RelatedPerson", kernel.IDOf(givenBy))
	if err != nil || kernel.PathString(rp.Object(), "patient", "reference") != patient || !kernel.IsGuardian(rp) {
		return kernel.Text{NB: "Den som samtykker på vegne av innbyggeren må være registrert som verge eller foresatt.",
			EN: "Whoever consents on the citizen's behalf must be recorded as guardian."}.Err(apperr.Unprocessable)
	}
	return nil
}

// WithdrawConsent withdraws a consent now. It takes effect at once: the rule in records puts the
// citizen's active plans on hold and ends the participants' places in the care team in the same
// transaction, so each participant loses access on their next request.
func (s *Service) WithdrawConsent(ctx context.Context, consentID string) (consent.Consent, error) {
	c, rec, err := s.consent(ctx, consentID)
	if err != nil {
		return c, err
	}
	p, _ := workflow.Principal(ctx)
	if err := s.mayRecordConsent(ctx, p, c.Patient, ownRefFor(p, c)); err != nil {
		return c, err
	}
	if c.Status == consent.ConsentWithdrawn {
		return c, nil
	}
	c = consent.Withdraw(c, p.Ref(), s.wf.Now())
	_, err = s.wf.Commit(ctx, workflow.Put{Res: consent.ConsentToFHIR(c), IfMatch: rec.VersionID})
	return c, err
}

// ownRefFor is who withdraws: the principal as the citizen, or as the guardian who gave it.
func ownRefFor(p *access.Principal, c consent.Consent) string {
	if slices.Contains(p.RelatedPersonIDs, kernel.IDOf(c.GivenBy)) {
		return c.GivenBy
	}
	if p.PatientID != "" {
		return kernel.Ref("Patient", p.PatientID)
	}
	return p.Ref()
}

// consent reads one consent, with need-to-know.
func (s *Service) consent(ctx context.Context, id string) (consent.Consent, store.Record, error) {
	r, rec, err := s.wf.Get(ctx, "Consent", id)
	if err != nil {
		return consent.Consent{}, rec, err
	}
	if !isPlanConsent(r) {
		return consent.Consent{}, rec, apperr.New(apperr.NotFound, "Consent/%s is not a consent to an individual plan", id)
	}
	c, err := consent.ConsentFromFHIR(r)
	if err != nil {
		return c, rec, err
	}
	if _, err := s.wf.Reach(ctx, c.Patient); err != nil {
		return consent.Consent{}, rec, apperr.New(apperr.NotFound, "Consent/%s is not known", id)
	}
	return c, rec, nil
}

// Consents lists the citizen's consents, newest first.
func (s *Service) Consents(ctx context.Context, patient string) ([]consent.Consent, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	out, err := s.consents(ctx, patient)
	if err != nil {
		return nil, err
	}
	return out, s.wf.LogRead(ctx, patient, "Consent")
}

func (s *Service) consents(ctx context.Context, patient string) ([]consent.Consent, error) {
	rs, err := s.wf.Find(ctx, "Consent", "patient", kernel.Ref("Patient", kernel.IDOf(patient)))
	if err != nil {
		return nil, err
	}
	return consentsOf(rs)
}

// consentsOf are the consents to the individual plan among rs that were given (active, or
// withdrawn since); a Consent of another category, or one never in force, is not the plan's.
func consentsOf(rs []*fhir.Resource) ([]consent.Consent, error) {
	var out []consent.Consent
	for _, r := range rs {
		if !isPlanConsent(r) || !consentGiven(r) {
			continue
		}
		c, err := consent.ConsentFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b consent.Consent) int { return b.GivenAt.Compare(a.GivenAt) })
	return out, nil
}

// ConsentVersion is one saved state of a consent.
type ConsentVersion struct {
	Version int64
	Consent consent.Consent
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
			v, err := consent.ConsentFromFHIR(r)
			if err != nil {
				return nil, err
			}
			out = append(out, ConsentVersion{Version: rec.VersionID, Consent: v})
		}
	}
	return out, s.wf.LogRead(ctx, c.Patient, "Consent/"+id)
}
