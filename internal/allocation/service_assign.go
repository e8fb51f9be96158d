package allocation

import (
	"context"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// AssignCase gives an application's case to an officer of the office (officer "" is the one
// asking); a case already held by someone else moves to the new officer.
func (s *Service) AssignCase(ctx context.Context, reference, officer string) (Assignment, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Assignment{}, err
	}
	if !isOffice(p, []string{s.wf.Office()}) || p.PractitionerID == "" {
		return Assignment{}, kernel.Text{NB: "Saker fordeles av tildelingskontoret.", EN: "Cases are assigned by the allocation office."}.Err(apperr.Forbidden)
	}
	if officer == "" {
		officer = kernel.Ref("Practitioner", p.PractitionerID)
	}
	a, err := s.ApplicationByReference(ctx, reference)
	if err != nil {
		return Assignment{}, err
	}
	as := Assignment{Reference: a.Reference, Subject: a.Subject, Officer: officer, Office: s.wf.Office(), Since: kernel.DateTime(s.wf.Now())}
	for _, sv := range a.Services {
		as.Services = append(as.Services, sv.ID)
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AssignmentToFHIR(as)}); err != nil {
		return Assignment{}, err
	}
	return as, nil
}

// assignments are the open cases' officers, by application reference.
func (s *Service) assignments(ctx context.Context) (map[string]Assignment, error) {
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskCase, "status", "in-progress")
	if err != nil {
		return nil, err
	}
	out := map[string]Assignment{}
	for _, r := range found {
		a := AssignmentFromFHIR(r)
		out[a.Reference] = a
	}
	return out, nil
}

// isCase: a Task coded allocation-case.
func isCase(r *fhir.Resource) bool { return kernel.TaskKind(r) == TaskCase }
