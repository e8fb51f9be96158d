package web

import (
	"net"
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/emergency"
	"veiviser/internal/webform"
)

// Nødtilgang (emergency access): a staff member without need-to-know finds the citizen by
// national identity number (posted, never in a URL, never kept as a draft), states a reason and
// confirms; the grant (internal/coordination, made as the API makes it) opens the citizen's
// case with a banner saying until when. The unit lead reviews the flags on the overview.

// emergencyFormKey names the form's fields in ids (it is never saved as a draft).
const emergencyFormKey = "emergency"

// emergencyData is the page that asks, and the page that confirms.
type emergencyData struct {
	pageData
	Form    *form
	Citizen emergency.EmergencyCitizen // found: the confirm step
	Hours   int
}

// asker is the signed-in person when they may ask for emergency access; for anyone else the
// pages do not exist.
func (w *Web) asker(rw http.ResponseWriter, r *http.Request) bool {
	p, ok := w.signedIn(rw, r)
	if !ok {
		return false
	}
	if w.coord == nil || !access.MayAskEmergencyAccess(p) {
		w.NotFound(rw, r)
		return false
	}
	return true
}

// EmergencyForm serves GET /emergency.
func (w *Web) EmergencyForm(rw http.ResponseWriter, r *http.Request) {
	if !w.asker(rw, r) {
		return
	}
	w.renderEmergency(rw, r, http.StatusOK, emergencyData{Form: newForm(emergencyFormKey, nil)})
}

func (w *Web) renderEmergency(rw http.ResponseWriter, r *http.Request, status int, d emergencyData) {
	d.Hours = int(access.EmergencyDuration / time.Hour)
	page := "emergency/ask"
	d.pageData = w.page(r, "Nødtilgang")
	if d.Citizen.Patient != "" {
		page = "emergency/confirm"
		d.pageData = w.page(r, "Bekreft nødtilgang")
	}
	w.render(rw, r, status, page, d)
}

// EmergencyLookup serves POST /emergency: the number and the reason; the answer is the confirm
// step, or the form again with what is wrong.
func (w *Web) EmergencyLookup(rw http.ResponseWriter, r *http.Request) {
	if !w.asker(rw, r) {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	f := newForm(emergencyFormKey, url.Values{"nid": {r.PostForm.Get("nid")}, "reason": {r.PostForm.Get("reason")}})
	f.Require("nid", "Skriv fødselsnummeret (11 siffer).")
	if _, err := emergency.CheckReason(f.Get("reason")); err != nil {
		f.Invalid("reason", "Skriv hvorfor du trenger tilgang (høyst 1000 tegn).")
	}
	var found emergency.EmergencyCitizen
	if f.OK() {
		var err error
		found, err = w.coord.FindForEmergency(r.Context(), f.Trimmed("nid"), f.Get("reason"))
		switch {
		case apperr.Is(err, apperr.NotFound):
			f.Invalid("nid", "Ingen innbygger har dette fødselsnummeret.")
		case apperr.Is(err, apperr.Invalid):
			f.Invalid("nid", "Fødselsnummeret er ikke gyldig: 11 siffer.")
		case err != nil:
			w.fail(rw, r, err)
			return
		}
	}
	if !f.OK() {
		w.renderEmergency(rw, r, http.StatusUnprocessableEntity, emergencyData{Form: f})
		return
	}
	w.renderEmergency(rw, r, http.StatusOK, emergencyData{Form: f, Citizen: found})
}

// EmergencyConfirm serves POST /emergency/confirm: the grant, then the citizen's case.
func (w *Web) EmergencyConfirm(rw http.ResponseWriter, r *http.Request) {
	if !w.asker(rw, r) {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	patient, reason := r.PostForm.Get("patient"), r.PostForm.Get("reason")
	if _, err := w.coord.GrantEmergencyAccess(r.Context(), patient, reason, remoteHost(r)); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/emergency/citizens/"+url.PathEscape(patient), http.StatusSeeOther)
}

// emergencyCaseData is the citizen's case under an emergency grant.
type emergencyCaseData struct {
	pageData
	Until    time.Time
	OtherDay bool // the grant ends on another day than today: the banner names the date
	Row      coRow
	PlanURL  string // the plan's page for the asker's role, when there is a plan
}

// EmergencyCase serves GET /emergency/citizens/{patient}: the case, with the banner, while the
// grant lasts; after it, the page is missing like any citizen outside reach.
func (w *Web) EmergencyCase(rw http.ResponseWriter, r *http.Request) {
	if !w.asker(rw, r) {
		return
	}
	patient := "Patient/" + r.PathValue("patient")
	until, ok, err := w.coord.EmergencyUntil(r.Context(), patient)
	if err != nil || !ok {
		w.fail(rw, r, orMissing(err, patient))
		return
	}
	cs, err := w.coord.CaseFor(r.Context(), patient)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := emergencyCaseData{pageData: w.page(r, "%s", cs.PatientName), Until: until, Row: coRowOf(cs),
		OtherDay: formatDate(until) != formatDate(w.now())}
	p, _ := principalOf(r)
	switch {
	case cs.PlanID == "":
	case p.Has(access.Coordinator):
		d.PlanURL = coPlanURL(cs.PlanID)
	case p.Has(access.ServiceProvider):
		d.PlanURL = "/provider/plans/" + url.PathEscape(cs.PlanID)
	}
	w.render(rw, r, http.StatusOK, "emergency/case", d)
}

// orMissing is err, or the answer for a citizen outside reach when there is none.
func orMissing(err error, patient string) error {
	if err != nil {
		return err
	}
	return apperr.New(apperr.NotFound, "%s is not known", patient)
}

// EmergencyReviewed serves POST /unit/emergency/{task}/reviewed: the unit lead has reviewed a
// flag; back to the overview.
func (w *Web) EmergencyReviewed(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.UnitLead); !ok {
		return
	}
	if err := w.coord.ReviewEmergencyFlag(r.Context(), r.PathValue("task")); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/unit", http.StatusSeeOther)
}

// Off turns the browser's autocomplete off: a national identity number is not to be offered
// to the next person at a shared computer.
func (v fieldView) Off() fieldView { v.Autocomplete = "off"; return v }

// remoteHost is the request's network address without the port, for the access log.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
