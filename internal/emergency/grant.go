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
)

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
