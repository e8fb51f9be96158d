package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordination"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
)

// caseData is a citizen's case as the coordinator sees it.
type caseData struct {
	pageData
	Row      coRow
	Consents []consent.Consent
	URL      string
	Form     *form // starting the plan
	// Decisions are the allocation office's decisions about the citizen: the coordinator sees
	// what services the citizen has been granted (the plan gives no right to them).
	Decisions []citizenDecision
	Pathways  pathwaySection // the citizen's care pathways (pathways_pages.go)
}

func caseFormKey(patient string) string { return "case/" + patient + "/plan" }

// citizenFormPage serves a coordinator's page about one citizen that holds one form: the
// coordinator's draft of it (key names it by the citizen's id), or an empty one.
func (w *Web) citizenFormPage(key func(patient string) string, render func(http.ResponseWriter, *http.Request, int, *form)) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, access.Coordinator)
		if !ok {
			return
		}
		render(rw, r, http.StatusOK, w.openForm(r.Context(), p, key(r.PathValue("patient"))))
	}
}

// caseOf is the case of the page's citizen ({patient}); false when the page has answered.
func (w *Web) caseOf(rw http.ResponseWriter, r *http.Request) (coordination.CaseSummary, string, bool) {
	patient := "Patient/" + r.PathValue("patient")
	cs, err := w.coord.CaseFor(r.Context(), patient)
	if err != nil {
		w.fail(rw, r, err)
		return cs, patient, false
	}
	return cs, patient, true
}

func (w *Web) renderCase(rw http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	cs, patient, ok := w.caseOf(rw, r)
	if !ok {
		return
	}
	consents, err := w.coord.Consents(ctx, patient)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	// f is the plan's form or, posted with errors, one of the pathways' forms
	var failed *form
	if me, ok := principalOf(r); ok && f != nil && f.Key != caseFormKey(r.PathValue("patient")) {
		failed, f = f, w.openForm(ctx, me, caseFormKey(r.PathValue("patient")))
	}
	d := caseData{pageData: w.page(r, "%s", cs.PatientName), Row: coRowOf(cs), Consents: consents, URL: coCaseURL(patient), Form: f}
	if me, ok := principalOf(r); ok {
		d.Pathways = w.pathwaysOf(ctx, me, patient, failed)
	}
	if ds, err := w.coord.DecisionsOf(ctx, patient); err == nil {
		for _, dec := range ds {
			name := dec.Code
			if s, err := w.coord.CatalogueService(ctx, dec.Code, w.langOf(r)); err == nil {
				name = s.Name
			}
			d.Decisions = append(d.Decisions, citizenDecision{Decision: dec, ServiceName: name})
		}
	}
	w.render(rw, r, status, "coordinator/case", d)
}

// OpenPlan serves POST /coordinator/citizens/{patient}/plan: the coordinator starts the
// citizen's plan (a draft), and goes on to the editor.
func (w *Web) OpenPlan(rw http.ResponseWriter, r *http.Request) {
	p, f, ok := w.postedBy(rw, r, access.Coordinator, caseFormKey(r.PathValue("patient")))
	if !ok {
		return
	}
	f.Limit("title", kernel.MaxName)
	if !f.OK() {
		w.renderCase(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	plan, err := w.coord.OpenPlan(r.Context(), "Patient/"+r.PathValue("patient"), f.Trimmed("title"))
	switch {
	case err == nil:
		w.dropDraft(r.Context(), p, f.Key)
		http.Redirect(rw, r, coPlanURL(plan.ID), http.StatusSeeOther)
	case refuse(f, "title", err, apperr.Forbidden, apperr.Conflict, apperr.Unprocessable):
		w.renderCase(rw, r, apperr.HTTPStatus(apperr.CodeOf(err)), f)
	default:
		w.fail(rw, r, err)
	}
}

// consentData is the form for a consent the citizen gave on paper.
type consentData struct {
	pageData
	Name       string
	PatientID  string
	CaseURL    string
	Form       *form
	Givers     []plan.ConsentCandidate // the citizen's guardians
	Candidates []plan.ConsentCandidate // whom the consent may share the plan with
}

func consentFormKey(patient string) string { return "case/" + patient + "/consent" }

func (w *Web) renderConsent(rw http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	cs, patient, ok := w.caseOf(rw, r)
	if !ok {
		return
	}
	cands, err := w.coord.ConsentCandidates(ctx, patient)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	dir, ok := w.directory(rw, r)
	if !ok {
		return
	}
	d := consentData{pageData: w.page(r, "Samtykke for %s", cs.PatientName), Name: cs.PatientName, PatientID: r.PathValue("patient"),
		CaseURL: coCaseURL(patient), Form: f}
	for _, c := range cands {
		if c.Role == kernel.RoleGuardian {
			d.Givers = append(d.Givers, c)
		}
	}
	d.Candidates = cands
	for _, e := range dir {
		if e.Ref != cs.Coordinator && !hasCandidate(d.Candidates, e.Ref) {
			d.Candidates = append(d.Candidates, plan.ConsentCandidate{Ref: e.Ref, Name: e.Name, Role: kernel.RoleProvider})
		}
	}
	w.render(rw, r, status, "coordinator/consent", d)
}

func hasCandidate(cs []plan.ConsentCandidate, ref string) bool {
	return slices.ContainsFunc(cs, func(c plan.ConsentCandidate) bool { return c.Ref == ref })
}

// RecordConsent serves POST /coordinator/citizens/{patient}/consent: the coordinator writes
// down a consent the citizen (or a guardian) gave on paper.
func (w *Web) RecordConsent(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Coordinator)
	if !ok {
		return
	}
	patientID := r.PathValue("patient")
	f, ok := w.posted(rw, r, p, consentFormKey(patientID))
	if !ok {
		return
	}
	f.Require("given_by", "Velg hvem som ga samtykket.")
	f.Require("paper", "Bekreft at samtykket er gitt skriftlig på papir.")
	checkOptionalDate(f, "until")
	if !f.Has("make_plan", "yes") && len(f.Values["share"]) == 0 {
		f.Invalid("make_plan", "Samtykket må gjelde planen eller deling med noen.")
	}
	if !f.OK() {
		w.renderConsent(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	in := consent.ConsentInput{Patient: "Patient/" + patientID, GivenBy: f.Trimmed("given_by"), MakePlan: f.Has("make_plan", "yes")}
	until := coDay(f.Get("until"))
	for _, who := range f.Values["share"] {
		in.Grants = append(in.Grants, consentGrant(who, f.Get("see:"+who), until))
	}
	_, err := w.coord.RecordConsent(r.Context(), in)
	switch {
	case err == nil:
		w.dropDraft(r.Context(), p, f.Key)
		http.Redirect(rw, r, coCaseURL(in.Patient)+"?saved=consent", http.StatusSeeOther)
	case refuse(f, "given_by", err, apperr.Forbidden, apperr.Unprocessable, apperr.Conflict):
		w.renderConsent(rw, r, apperr.HTTPStatus(apperr.CodeOf(err)), f)
	default:
		w.fail(rw, r, err)
	}
}

// consentGrant is what one participant may see: everything (a relative may also comment), or
// the goals and the measures with their progress.
func consentGrant(who, level string, until time.Time) consent.Grant {
	g := consent.Grant{Participant: who, Role: kernel.RoleProvider, Until: until}
	if strings.HasPrefix(who, "RelatedPerson/") {
		g.Role = kernel.RoleRelative
	}
	if level == "all" {
		g.See = consent.AllParts()
		if g.Role == kernel.RoleRelative {
			g.Write = []consent.PlanPart{consent.PartComments}
		}
		return g
	}
	g.See = []consent.PlanPart{consent.PartGoalWords, consent.PartGoalTargets, consent.PartMeasures, consent.PartMeasureProgress}
	return g
}
