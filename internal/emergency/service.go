package emergency

import (
	"context"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/workflow"
)

// Emergency access from the web pages ("Nødtilgang"): the staff member finds the citizen by
// national identity number, states a reason and confirms; the grant is made by
// Grant, as the API's $emergency-access makes it, and the unit lead
// reviews the flags it leaves.

// Service is emergency access from the web pages, on the same Grant as the API's.
type Service struct {
	wf *workflow.Base
}

// NewService returns the emergency access service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// EmergencyCitizen is the citizen a staff member found, shown to confirm the emergency access.
type EmergencyCitizen struct {
	Patient   string // the Patient's id
	Name      string
	BirthDate string
}

// FindForEmergency finds the citizen with a national identity number (fødselsnummer or
// D-nummer) for a staff member who may ask for emergency access, reason stated first. The
// answer names a citizen outside the asker's reach, so the lookup is in the citizen's access
// log, with the reason.
func (s *Service) FindForEmergency(ctx context.Context, nationalID, reason string) (EmergencyCitizen, error) {
	p, err := emergencyAsker(ctx)
	if err != nil {
		return EmergencyCitizen{}, err
	}
	if reason, err = CheckReason(reason); err != nil {
		return EmergencyCitizen{}, err
	}
	nid := strings.ReplaceAll(strings.TrimSpace(nationalID), " ", "")
	if fhir.CheckNorwegianIdentifier(fhir.SystemFNR, nid) != "" && fhir.CheckNorwegianIdentifier(fhir.SystemDNR, nid) != "" {
		return EmergencyCitizen{}, kernel.Text{NB: "Fødselsnummeret er ikke gyldig: 11 siffer.",
			EN: "The national identity number is not valid: 11 digits."}.Err(apperr.Invalid)
	}
	for _, system := range []string{fhir.SystemFNR, fhir.SystemDNR} {
		found, err := s.wf.Find(ctx, "Patient", "identifier", system+"|"+nid)
		if err != nil {
			return EmergencyCitizen{}, err
		}
		if len(found) == 0 {
			continue
		}
		c := EmergencyCitizen{Patient: found[0].ID(), Name: kernel.NameOf(found[0]), BirthDate: kernel.PathString(found[0].Object(), "birthDate")}
		e := accesslog.Event{Interaction: "search-type", Action: "E", Outcome: accesslog.OutcomeSuccess, Principal: p,
			Reason: reason, When: s.wf.Records().Now(), What: []string{kernel.Ref("Patient", c.Patient)}, Patients: []string{c.Patient}}
		if err := s.wf.LogEvent(ctx, e); err != nil {
			return EmergencyCitizen{}, err
		}
		return c, nil
	}
	return EmergencyCitizen{}, kernel.Text{NB: "Ingen innbygger har dette fødselsnummeret.",
		EN: "No citizen has this national identity number."}.Err(apperr.NotFound)
}

// GrantEmergencyAccess grants the signed-in staff member access to the citizen (a Patient
// id) for access.EmergencyDuration; the flag's Task is logged as their write. It returns when
// the grant ends.
func (s *Service) GrantEmergencyAccess(ctx context.Context, patient, reason, address string) (time.Time, error) {
	p, err := emergencyAsker(ctx)
	if err != nil {
		return time.Time{}, err
	}
	rec, err := Grant(s.wf.WriteCtx(ctx), s.wf.Records(), p, kernel.IDOf(patient), reason, address)
	if err != nil {
		return time.Time{}, err
	}
	until := kernel.ParseTime(kernel.PathString(records.Parsed(rec).Object(), "period", "end"))
	s.wf.Logger().InfoContext(ctx, "emergency access granted", "practitioner", p.PractitionerID, "until", until)
	return until, nil
}

// EmergencyUntil returns when the signed-in staff member's emergency access to the citizen
// ends, and false without one in force.
func (s *Service) EmergencyUntil(ctx context.Context, patient string) (time.Time, bool, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	return s.wf.Decider().EmergencyUntil(ctx, p, kernel.IDOf(patient))
}

// EmergencyFlagView is an open flag with the names of who asked and about whom.
type EmergencyFlagView struct {
	Flag
	PatientName, RequesterName string
}

// EmergencyFlags lists the open flags of emergency access owned by the unit lead's units,
// oldest first; each citizen's log notes that the lead saw the flag.
func (s *Service) EmergencyFlags(ctx context.Context) ([]EmergencyFlagView, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !p.Has(access.UnitLead) {
		return nil, kernel.Text{NB: "Flagg om nødtilgang er for enhetslederen.",
			EN: "Flags of emergency access are for the unit lead."}.Err(apperr.Forbidden)
	}
	flags, err := OpenFlags(ctx, s.wf.Store(), p.Units)
	if err != nil {
		return nil, err
	}
	out := make([]EmergencyFlagView, 0, len(flags))
	names := s.wf.Names()
	for _, f := range flags {
		if err := s.wf.LogRead(ctx, f.Patient, kernel.Ref("Task", f.TaskID)); err != nil {
			return nil, err
		}
		out = append(out, EmergencyFlagView{Flag: f, PatientName: names.Name(ctx, f.Patient),
			RequesterName: names.Name(ctx, f.Requester)})
	}
	return out, nil
}

// ReviewEmergencyFlag closes a flag the unit lead has reviewed: its Task is completed.
func (s *Service) ReviewEmergencyFlag(ctx context.Context, taskID string) error {
	flags, err := s.EmergencyFlags(ctx)
	if err != nil {
		return err
	}
	for _, f := range flags {
		if f.TaskID != taskID {
			continue
		}
		r, rec, err := s.wf.Get(ctx, "Task", taskID)
		if err != nil {
			return err
		}
		done := r.Clone()
		done.Object().Set("status", "completed")
		_, err = s.wf.Commit(ctx, workflow.Put{Res: done, IfMatch: rec.VersionID})
		return err
	}
	return apperr.New(apperr.NotFound, "Task/%s is not known", taskID)
}

// emergencyAsker is the signed-in person when they may ask for emergency access.
func emergencyAsker(ctx context.Context) (*access.Principal, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !access.MayAskEmergencyAccess(p) {
		return nil, kernel.Text{NB: "Nødtilgang er for ansatte i helse- og omsorgstjenesten.",
			EN: "Emergency access is for staff of the health and care services."}.Err(apperr.Forbidden)
	}
	return p, nil
}
