package emergency

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
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

// The flag's Task code, so the unit lead's overview can tell it from other tasks of the unit.
const (
	FlagSystem = "https://veiviser.no/fhir/CodeSystem/access"
	FlagCode   = "emergency-access-review"
)

// MaxReasonRunes bounds a stated reason.
const MaxReasonRunes = 1000

// CheckReason returns the stated reason trimmed, or an Invalid error when it is empty or longer
// than MaxReasonRunes.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReasonRunes {
		return "", apperr.New(apperr.Invalid, "state the reason for the emergency access (reason, at most %d characters)", MaxReasonRunes)
	}
	return reason, nil
}

// Grant is the one way a grant is made, for the API and the web pages alike: it
// checks the asker and the reason, that the Patient exists (answering as the API does for a
// missing record), flags the unit with a Task, then stores the grant as the AuditEvent that
// Reach reads. address is the asker's network address for the log. It returns the grant.
func Grant(ctx context.Context, svc *records.Service, p *access.Principal, patient, reason, address string) (store.Record, error) {
	if p == nil || !access.MayAskEmergencyAccess(p) {
		return store.Record{}, apperr.New(apperr.Forbidden, "emergency access is for staff members with a practitioner record")
	}
	reason, err := CheckReason(reason)
	if err != nil {
		return store.Record{}, err
	}
	if _, err := svc.Read(ctx, "Patient", patient); err != nil {
		return store.Record{}, apperr.New(apperr.NotFound, "Patient/%s is not known", patient)
	}
	now := svc.Now()
	flag, err := flagTask(p, patient, reason, now)
	if err != nil {
		return store.Record{}, fmt.Errorf("emergency access: the flag: %w", err)
	}
	if _, _, err := svc.Create(ctx, flag, ""); err != nil {
		return store.Record{}, fmt.Errorf("emergency access: storing the flag: %w", err)
	}
	e := accesslog.Event{Interaction: access.EmergencyAccess, Action: "E", Outcome: accesslog.OutcomeSuccess, Principal: p, Address: address,
		Reason: reason, When: now, Until: now.Add(access.EmergencyDuration), Patients: []string{patient}}
	ae, err := e.Resource()
	if err != nil {
		return store.Record{}, fmt.Errorf("emergency access: the grant: %w", err)
	}
	return svc.RecordAuditEvent(ctx, ae)
}

// flagTask is the Task that puts the emergency access before the unit lead: owned by the
// asker's (first) unit, asked for by the asker, about the citizen, with the reason.
func flagTask(p *access.Principal, patient, reason string, now time.Time) (*fhir.Resource, error) {
	t := map[string]any{
		"resourceType": "Task", "status": "requested", "intent": "order", "priority": "urgent",
		"code": map[string]any{"coding": []any{map[string]any{"system": FlagSystem, "code": FlagCode}},
			"text": "Gjennomgå nødtilgang / Review emergency access"},
		"description": reason,
		"authoredOn":  now.UTC().Format(time.RFC3339),
		"for":         map[string]any{"reference": "Patient/" + patient},
		"requester":   map[string]any{"reference": "Practitioner/" + p.PractitionerID},
	}
	if len(p.Units) > 0 {
		t["owner"] = map[string]any{"reference": "Organization/" + p.Units[0]}
	}
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	return fhir.Parse(b)
}

// Flag is an open flag of an emergency access, for the unit lead to review.
type Flag struct {
	TaskID    string
	Patient   string // Patient/id
	Requester string // Practitioner/id
	Reason    string
	When      time.Time
}

// OpenFlags lists the open flags owned by the units, oldest first, as rd holds them.
func OpenFlags(ctx context.Context, rd store.Reader, units []string) ([]Flag, error) {
	var out []Flag
	for _, u := range units {
		tasks, err := records.Find(ctx, rd, "Task", "code", FlagCode, "owner", "Organization/"+u)
		if err != nil {
			return nil, fmt.Errorf("emergency flags: %w", err)
		}
		for _, t := range tasks {
			o := t.Object()
			if st, _ := o.String("status"); !access.OpenTask(st) || !isFlag(o) {
				continue
			}
			f := Flag{TaskID: t.ID(), Reason: kernel.PathString(o, "description"),
				Patient: kernel.PathString(o, "for", "reference"), Requester: kernel.PathString(o, "requester", "reference")}
			f.When, _ = access.ParseDate(kernel.PathString(o, "authoredOn"))
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Flag) int { return a.When.Compare(b.When) })
	return out, nil
}

// isFlag: the Task's code is the flag's code in the flag's system (the search matches
// the code in any system, and another workflow's Task is not a flag to review).
func isFlag(o *fhir.Object) bool {
	code, _ := o.Object("code")
	if code == nil {
		return false
	}
	codings, _ := code.Array("coding")
	for _, c := range codings {
		if cd, ok := c.(*fhir.Object); ok && kernel.PathString(cd, "system") == FlagSystem && kernel.PathString(cd, "code") == FlagCode {
			return true
		}
	}
	return false
}
