package web

import (
	"net/http"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
)

// appointData is the page where the unit lead appoints a coordinator: the citizen's own
// proposal first, then each candidate with unit, kinds and caseload.
type appointData struct {
	pageData
	Case      coordination.CaseSummary
	List      coordinators.CandidateList
	Form      *form
	Action    string
	Appointed *coordinators.Candidate // set once appointed
}

// KindName names the kind of coordinator to appoint, in bokmål; the template translates it.
func (d appointData) KindName() string { return kindNames[d.List.Kind] }

// KindLower is the kind in bokmål inside a sentence (a catalog key of its own).
func (d appointData) KindLower() string { return strings.ToLower(d.KindName()) }

// KindsOf names a coordinator's special kinds, in bokmål inside a sentence (catalog keys).
func (d appointData) KindsOf(ks []coordinators.CoordinatorKind) []string { return kindList(ks) }

// kindList are the special kinds of ks, lower-case bokmål names: the template translates each.
func kindList(ks []coordinators.CoordinatorKind) []string {
	var out []string
	for _, k := range ks {
		if n, ok := kindNames[k]; ok && k != coordinators.KindOrdinary {
			out = append(out, strings.ToLower(n))
		}
	}
	return out
}

// candidate is the candidate with the Practitioner reference id.
func (d appointData) candidate(id string) *coordinators.Candidate {
	for i := range d.List.Candidates {
		if d.List.Candidates[i].ID == id {
			return &d.List.Candidates[i]
		}
	}
	return nil
}

// ProposalFound reports whether the citizen's proposal is one of the candidates.
func (d appointData) ProposalFound() bool {
	for _, c := range d.List.Candidates {
		if c.Proposed {
			return true
		}
	}
	return false
}

// patientRef is "Patient/x" of the query's "for" (x or Patient/x).
func patientRef(r *http.Request) string {
	v := strings.TrimSpace(r.URL.Query().Get("for"))
	return "Patient/" + strings.TrimPrefix(v, "Patient/")
}

func appointKey(patient string) string {
	return "unit-appoint/" + strings.TrimPrefix(patient, "Patient/")
}

// loadAppoint reads the citizen's case and the candidates; outside reach it answers NotFound.
func (w *Web) loadAppoint(r *http.Request, patient string, f *form) (appointData, error) {
	d := appointData{pageData: w.page(r, "Oppnevn koordinator"), Form: f, Action: appointPath(patient)}
	var err error
	if d.Case, err = w.coord.CaseFor(r.Context(), patient); err != nil {
		return d, err
	}
	d.Title, d.TitleArgs = "Oppnevn koordinator for %s", []any{d.Case.PatientName}
	if d.List, err = w.coord.Candidates(r.Context(), patient, ""); err != nil {
		return d, err
	}
	// the register knows the units' names; a candidate's entry may hold only the reference
	register, err := w.coord.RegisterWithCaseloads(r.Context())
	for i, c := range d.List.Candidates {
		for _, e := range register {
			if e.ID == c.ID && c.UnitName == "" {
				d.List.Candidates[i].UnitName = e.UnitName
			}
		}
	}
	return d, err
}

// AppointPage serves GET /unit/appoint?for=Patient/x: the form as the unit lead left it; a
// fresh form has the citizen's proposal chosen when it is a candidate.
func (w *Web) AppointPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	patient := patientRef(r)
	d, err := w.loadAppoint(r, patient, w.openForm(r.Context(), p, appointKey(patient)))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if d.Form.Get("coordinator") == "" {
		for _, c := range d.List.Candidates {
			if c.Proposed {
				d.Form.Values.Set("coordinator", c.ID)
			}
		}
	}
	w.render(rw, r, http.StatusOK, "unit/appoint", d)
}

// Appoint serves POST /unit/appoint?for=Patient/x: the coordinator is appointed and has the
// case at once; a choice against the citizen's proposal needs reasons.
func (w *Web) Appoint(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	patient := patientRef(r)
	f, ok := w.posted(rw, r, p, appointKey(patient))
	if !ok {
		return
	}
	d, err := w.loadAppoint(r, patient, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	chosen := d.candidate(f.Trimmed("coordinator"))
	if chosen == nil {
		f.Invalid("coordinator", "Velg en koordinator.")
	} else if d.List.Proposal != "" && !chosen.Proposed && f.Trimmed("reasons") == "" {
		f.InvalidF("reasons", "Innbyggeren ønsket «%s». Skriv hvorfor du velger en annen.", d.List.Proposal)
	}
	f.Limit("reasons", kernel.MaxText)
	if f.OK() {
		_, err = w.coord.AppointCoordinator(r.Context(), coordinators.AppointInput{Patient: patient, Coordinator: chosen.ID,
			Kind: d.List.Kind, Reasons: f.Trimmed("reasons")})
		if !refuse(f, "coordinator", err, apperr.Unprocessable, apperr.Invalid) && err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "unit/appoint", d)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	d.Appointed = chosen
	d.Title, d.TitleArgs = "Koordinator er oppnevnt", nil
	w.render(rw, r, http.StatusOK, "unit/appointed", d)
}
