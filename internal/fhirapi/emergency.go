package fhirapi

import (
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/emergency"
)

// emergencyAccess serves POST /Patient/{id}/$emergency-access with a form field reason: a staff
// member without need-to-know opens the citizen's records for access.EmergencyDuration (the
// unit is flagged with a Task first, then the grant is stored); the answer is the grant.
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
	// the grant is made where the web pages make it too (emergency.Grant); the flag's
	// Task is logged as the asker's write in the citizen's log, as the web pages log it
	rec, err := emergency.Grant(a.auditWrites(r), a.svc, p, r.PathValue("id"), reason, event(r, "", "", "").Address)
	if err != nil {
		return nil, err
	}
	a.log.InfoContext(r.Context(), "emergency access granted", "practitioner", p.PractitionerID)
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
	return emergency.CheckReason(form.Get("reason"))
}
