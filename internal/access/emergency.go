package access

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Emergency access ("break the glass"): a staff member without need-to-know states a reason and
// gets the citizen's records for EmergencyDuration. The grant is an AuditEvent (subtype
// EmergencyAccess, purposeOfEvent BTG, period = the grant's time): stored in the database,
// unchangeable like every log entry, with the reason, and in the citizen's own log. A Task owned
// by the staff member's unit flags it to the unit lead.

// EmergencyAccess is the AuditEvent subtype of a grant.
const EmergencyAccess = "emergency-access"

// EmergencyDuration is how long a grant lasts.
const EmergencyDuration = 4 * time.Hour

// MayAskEmergencyAccess reports whether p may ask: staff with a Practitioner record, not an
// administrator only (administrators see no health data) and not a system.
func MayAskEmergencyAccess(p *Principal) bool {
	if p.IsSystem() || p.PractitionerID == "" {
		return false
	}
	for _, r := range []Role{Coordinator, ServiceProvider, UnitLead, CaseOfficer} {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// emergency adds the citizens of the principal's grants whose period covers now.
func (d *Decider) emergency(ctx context.Context, p *Principal, r *Reach) error {
	if !MayAskEmergencyAccess(p) {
		return nil
	}
	grants, err := d.find(ctx, "AuditEvent", "agent", "Practitioner", p.PractitionerID, "subtype", EmergencyAccess)
	if err != nil {
		return err
	}
	for _, g := range grants {
		if d.periodCoversNow(g) {
			addRefs(r, g, "patient")
		}
	}
	return nil
}

// periodCoversNow reports whether a grant's period covers now; a grant without one holds nothing.
func (d *Decider) periodCoversNow(g *fhir.Resource) bool {
	o := g.Object()
	if p, _ := o.Object("period"); p == nil {
		return false
	}
	return d.covers(o, "period")
}

// MaxReasonRunes bounds a stated reason.
const MaxReasonRunes = 1000

// The flag's Task code, so the unit lead's overview can tell it from other tasks of the unit.
const (
	EmergencyFlagSystem = "https://veiviser.no/fhir/CodeSystem/access"
	EmergencyFlagCode   = "emergency-access-review"
)

// CheckReason returns the stated reason trimmed, or an Invalid error when it is empty or longer
// than MaxReasonRunes.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReasonRunes {
		return "", apperr.New(apperr.Invalid, "state the reason for the emergency access (reason, at most %d characters)", MaxReasonRunes)
	}
	return reason, nil
}

// GrantEmergencyAccess is the one way a grant is made, for the API and the web pages alike: it
// checks the asker and the reason, that the Patient exists (answering as the API does for a
// missing record), flags the unit with a Task, then stores the grant as the AuditEvent that
// Reach reads. address is the asker's network address for the log. It returns the grant.
func GrantEmergencyAccess(ctx context.Context, svc *records.Service, p *Principal, patient, reason, address string) (store.Record, error) {
	if p == nil || !MayAskEmergencyAccess(p) {
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
	e := Event{Interaction: EmergencyAccess, Action: "E", Outcome: OutcomeSuccess, Principal: p, Address: address,
		Reason: reason, When: now, Until: now.Add(EmergencyDuration), Patients: []string{patient}}
	ae, err := e.Resource()
	if err != nil {
		return store.Record{}, fmt.Errorf("emergency access: the grant: %w", err)
	}
	return svc.RecordAuditEvent(ctx, ae)
}

// flagTask is the Task that puts the emergency access before the unit lead: owned by the
// asker's (first) unit, asked for by the asker, about the citizen, with the reason.
func flagTask(p *Principal, patient, reason string, now time.Time) (*fhir.Resource, error) {
	t := map[string]any{
		"resourceType": "Task", "status": "requested", "intent": "order", "priority": "urgent",
		"code": map[string]any{"coding": []any{map[string]any{"system": EmergencyFlagSystem, "code": EmergencyFlagCode}},
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

// EmergencyUntil returns when p's grant for patient (a Patient id) ends, and false when no grant
// of theirs for that citizen is in force now.
func (d *Decider) EmergencyUntil(ctx context.Context, p *Principal, patient string) (time.Time, bool, error) {
	if !MayAskEmergencyAccess(p) {
		return time.Time{}, false, nil
	}
	grants, err := d.find(ctx, "AuditEvent", "agent", "Practitioner", p.PractitionerID, "subtype", EmergencyAccess)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("emergency grants: %w", err)
	}
	var until time.Time
	for _, g := range grants {
		r := Reach{Citizens: map[string]bool{}}
		addRefs(&r, g, "patient")
		if !r.Citizens[patient] || !d.periodCoversNow(g) {
			continue
		}
		per, _ := g.Object().Object("period")
		end, _ := per.String("end")
		if t, err := parseDate(end); err == nil && t.After(until) {
			until = t
		}
	}
	return until, !until.IsZero(), nil
}

// EmergencyFlag is an open flag of an emergency access, for the unit lead to review.
type EmergencyFlag struct {
	TaskID    string
	Patient   string // Patient/id
	Requester string // Practitioner/id
	Reason    string
	When      time.Time
}

// OpenEmergencyFlags lists the open flags owned by the units, oldest first.
func (d *Decider) OpenEmergencyFlags(ctx context.Context, units []string) ([]EmergencyFlag, error) {
	var out []EmergencyFlag
	for _, u := range units {
		tasks, err := d.find(ctx, "Task", "owner", "Organization", u, "code", EmergencyFlagCode)
		if err != nil {
			return nil, fmt.Errorf("emergency flags: %w", err)
		}
		for _, t := range tasks {
			o := t.Object()
			if st, _ := o.String("status"); !openTask(st) || !isEmergencyFlag(o) {
				continue
			}
			f := EmergencyFlag{TaskID: t.ID(), Reason: str(o, "description"),
				Patient: str(o, "for", "reference"), Requester: str(o, "requester", "reference")}
			f.When, _ = parseDate(str(o, "authoredOn"))
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b EmergencyFlag) int { return a.When.Compare(b.When) })
	return out, nil
}

// isEmergencyFlag: the Task's code is the flag's code in the flag's system (the search matches
// the code in any system, and another workflow's Task is not a flag to review).
func isEmergencyFlag(o *fhir.Object) bool {
	code, _ := o.Object("code")
	if code == nil {
		return false
	}
	codings, _ := code.Array("coding")
	for _, c := range codings {
		if cd, ok := c.(*fhir.Object); ok && str(cd, "system") == EmergencyFlagSystem && str(cd, "code") == EmergencyFlagCode {
			return true
		}
	}
	return false
}

// str is the string at the path of object keys under o, "" when any is missing.
func str(o *fhir.Object, path ...string) string {
	for _, k := range path[:len(path)-1] {
		if o, _ = o.Object(k); o == nil {
			return ""
		}
	}
	s, _ := o.String(path[len(path)-1])
	return s
}
