package fhirapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// maxReasonRunes bounds a stated reason.
const maxReasonRunes = 1000

// emergencyAccess serves POST /Patient/{id}/$emergency-access with a form field reason: a staff
// member without need-to-know opens the citizen's records for access.EmergencyDuration. The
// unit is flagged with a Task first, then the grant is stored; the answer is the grant.
func (a *api) emergencyAccess(w http.ResponseWriter, r *http.Request) {
	grant, err := a.grantEmergencyAccess(w, r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.send(w, r, http.StatusCreated, grant)
}

func (a *api) grantEmergencyAccess(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	p, _ := access.FromContext(r.Context())
	if p == nil || !access.MayAskEmergencyAccess(p) {
		return nil, apperr.New(apperr.Forbidden, "emergency access is for staff members with a practitioner record")
	}
	reason, err := readReason(w, r)
	if err != nil {
		return nil, err
	}
	id := r.PathValue("id")
	if _, err := a.svc.Read(r.Context(), "Patient", id); err != nil {
		return nil, notKnown("Patient", id)
	}
	flag, err := flagTask(p, id, reason)
	if err != nil {
		return nil, err
	}
	if _, _, err := a.svc.Create(r.Context(), flag, ""); err != nil {
		return nil, err
	}
	e := event(r, access.EmergencyAccess, "E", access.OutcomeSuccess)
	e.When = a.svc.Now()
	e.Until = e.When.Add(access.EmergencyDuration)
	e.Patients = []string{id}
	e.Reason = reason
	ae, err := e.Resource()
	if err != nil {
		return nil, err
	}
	rec, err := a.svc.RecordAuditEvent(r.Context(), ae)
	if err != nil {
		return nil, err
	}
	a.log.InfoContext(r.Context(), "emergency access granted", "practitioner", p.PractitionerID, "until", e.Until)
	return rec.Body, nil
}

func readReason(w http.ResponseWriter, r *http.Request) (string, error) {
	if err := checkMediaType(r, "application/x-www-form-urlencoded"); err != nil {
		return "", err
	}
	body, err := readBody(w, r)
	if err != nil {
		return "", err
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return "", apperr.New(apperr.Invalid, "the form body is not valid application/x-www-form-urlencoded")
	}
	reason := strings.TrimSpace(form.Get("reason"))
	if reason == "" || utf8.RuneCountInString(reason) > maxReasonRunes {
		return "", apperr.New(apperr.Invalid, "state the reason for the emergency access (reason, at most %d characters)", maxReasonRunes)
	}
	return reason, nil
}

// flagTask is the Task that puts the emergency access before the unit lead.
func flagTask(p *access.Principal, patient, reason string) (*fhir.Resource, error) {
	t := map[string]any{
		"resourceType": "Task", "status": "requested", "intent": "order", "priority": "urgent",
		"code":        map[string]any{"text": "Gjennomgå nødtilgang / Review emergency access"},
		"description": reason,
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
