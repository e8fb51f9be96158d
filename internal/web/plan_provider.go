package web

import (
	"net/http"
	"net/url"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordination"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
)

// The service provider's pages: the plans where it has a measure, and progress on its own
// measures (only those: coordination refuses the others, and the page offers no form for them).

// providerData is the provider's start page.
type providerData struct {
	pageData
	Plans     []providerRow
	Unlinked  bool           // the user is not linked to a practitioner in the records
	Decisions []unitDecision // the decisions in force the provider's unit carries out
}

// unitDecision is a decision as the provider's list shows it.
type unitDecision struct {
	allocation.Decision
	Name, ServiceName, Scope string
	Rota                     *rotaView // a respite or rotating stay's calendar, for the institution
}

// providerRow is a plan with the provider's own measures in it.
type providerRow struct {
	coordination.ProviderPlan
	URL string
}

func (w *Web) providerWorkspace(rw http.ResponseWriter, r *http.Request) {
	ws, err := w.coord.ProviderWorkspace(r.Context())
	unlinked := apperr.Is(err, apperr.Forbidden) // a user not linked to a practitioner has no plans
	if err != nil && !unlinked {
		w.fail(rw, r, err)
		return
	}
	d := providerData{pageData: w.page(r, "Planer med våre tiltak"), Unlinked: unlinked}
	for _, p := range ws.Plans {
		d.Plans = append(d.Plans, providerRow{ProviderPlan: p, URL: providerPlanURL(p.PlanID)})
	}
	if ds, err := w.coord.DecisionsCarriedOut(r.Context()); err == nil {
		tr := translator{lang: w.langOf(r), cat: w.cat}
		for _, dec := range ds {
			v := unitDecision{Decision: dec, Name: w.coord.ApplicantName(r.Context(), dec.Subject), ServiceName: dec.Code, Rota: rotaViewOf(dec)}
			if s, err := w.coord.CatalogueService(r.Context(), dec.Code, w.langOf(r)); err == nil {
				v.ServiceName = s.Name
			}
			if dec.Unit != "" {
				v.Scope = tr.Tf("%s %s", strconv.FormatFloat(dec.Scope, 'f', -1, 64), tr.T(scopeWords[dec.Unit]))
			}
			d.Decisions = append(d.Decisions, v)
		}
	}
	w.render(rw, r, http.StatusOK, "provider/workspace", d)
}

func providerPlanURL(planID string) string { return "/provider/plans/" + url.PathEscape(planID) }

// providerPlanData is a plan as the provider may see it, with a progress form on each of its
// own measures.
type providerPlanData struct {
	pageData
	V        plan.PlanView
	URL      string
	Goals    []planGoal
	Measures []providerMeasure
	Saved    string
	Meetings []meetings.Meeting // when the consent lets the provider see them
}

// providerMeasure is a measure in the plan; Form is set on the provider's own.
type providerMeasure struct {
	plan.Measure
	Form *form
}

// ProviderPlan serves GET /provider/plans/{plan}.
func (w *Web) ProviderPlan(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.ServiceProvider)
	if !ok {
		return
	}
	w.renderProviderPlan(rw, r, p, http.StatusOK, nil)
}

func progressFormKey(planID, measureID string) string {
	return "provider/" + planID + "/" + measureID + "/progress"
}

func (w *Web) renderProviderPlan(rw http.ResponseWriter, r *http.Request, p *access.Principal, status int, refused *form) {
	planID := r.PathValue("plan")
	v, err := w.coord.Plan(r.Context(), planID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if v.Actor.Role != kernel.RoleProvider {
		w.NotFound(rw, r)
		return
	}
	d := providerPlanData{pageData: w.page(r, "Planen til %s", v.PatientName), V: v, URL: providerPlanURL(planID),
		Goals: goalTree(v.Plan), Saved: r.URL.Query().Get("saved")}
	own := v.Actor.Organization
	if own == "" {
		own = v.Actor.Ref
	}
	for _, m := range v.Plan.Measures {
		pm := providerMeasure{Measure: m}
		if m.Provider == own && v.MayEdit(consent.PartMeasureProgress) {
			key := progressFormKey(planID, m.ID)
			if refused != nil && refused.Key == key {
				pm.Form = refused
			} else {
				pm.Form = w.openForm(r.Context(), p, key)
			}
		}
		d.Measures = append(d.Measures, pm)
	}
	if v.MaySee(consent.PartMeetings) {
		if d.Meetings, err = w.coord.Meetings(r.Context(), planID); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	w.render(rw, r, status, "provider/plan", d)
}

// RecordProgress serves POST /provider/plans/{plan}/measures/{measure}/progress.
func (w *Web) RecordProgress(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.ServiceProvider)
	if !ok {
		return
	}
	planID, measureID := r.PathValue("plan"), r.PathValue("measure")
	f, ok := w.posted(rw, r, p, progressFormKey(planID, measureID))
	if !ok {
		return
	}
	f.Require("progress", "Skriv hva som er gjort.")
	f.Limit("progress", kernel.MaxText)
	status := http.StatusUnprocessableEntity
	if f.OK() {
		_, err := w.coord.RecordProgress(r.Context(), planID, measureID, f.Trimmed("progress"))
		switch {
		case err == nil:
			w.dropDraft(r.Context(), p, f.Key)
			http.Redirect(rw, r, providerPlanURL(planID)+"?saved="+url.QueryEscape(measureID)+"#m-"+measureID, http.StatusSeeOther)
			return
		case apperr.Is(err, apperr.Forbidden):
			// another provider's measure: the page has no form for it, so say so as a page
			w.fail(rw, r, err)
			return
		case refuse(f, "progress", err, apperr.Unprocessable, apperr.Conflict):
			status = apperr.HTTPStatus(apperr.CodeOf(err))
		default:
			w.fail(rw, r, err)
			return
		}
	}
	w.renderProviderPlan(rw, r, p, status, f)
}
