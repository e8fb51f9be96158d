package web

import (
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/consent"
	"veiviser/internal/coordination"
)

// unitCaseData is one citizen's case as the unit lead follows it: where it stands, who
// coordinates, what is late, the consents, and the next step that is the unit's.
type unitCaseData struct {
	pageData
	Row             coRow
	CoordinatorName string
	Consents        []consent.Consent
	AppointURL      string // when the case waits for a coordinator
}

// UnitCase serves GET /unit/cases/{patient}: the case of a citizen in the unit's reach (a missing
// page otherwise).
func (w *Web) UnitCase(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.UnitLead); !ok {
		return
	}
	cs, patient, ok := w.caseOf(rw, r)
	if !ok {
		return
	}
	consents, err := w.coord.Consents(r.Context(), patient)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := unitCaseData{pageData: w.page(r, "%s", cs.PatientName), Row: coRowOf(cs), Consents: consents}
	if cs.Coordinator != "" {
		dir, err := w.coord.Directory(r.Context())
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		d.CoordinatorName = cs.Coordinator
		for _, e := range dir {
			if e.Ref == cs.Coordinator {
				d.CoordinatorName = e.Name
			}
		}
	}
	if cs.Stage == coordination.StageAssessed {
		d.AppointURL = "/unit/appoint?for=" + url.QueryEscape(patient)
	}
	w.render(rw, r, http.StatusOK, "unit/case", d)
}

// unitCaseURL is the unit lead's page of a citizen's case.
func unitCaseURL(patient string) string { return "/unit/cases/" + url.PathEscape(coID(patient)) }
