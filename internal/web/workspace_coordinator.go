package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordination"
	"veiviser/internal/plan"
	"veiviser/internal/webform"
)

// The coordinator's pages: the workspace (/coordinator), a citizen's case, consent given on
// paper, the plan editor, meetings, tasks, the plan's log and its versions. Every handler calls
// internal/coordination only, so need-to-know, the access log and the rules hold exactly as in
// the API: a citizen outside reach answers as a missing page.

// coRow is one citizen in the coordinator's workspace.
type coRow struct {
	coordination.CaseSummary
	CaseURL, PlanURL string
	Stage            coText
}

// coText is a text in bokmål, a catalog key: the page shows it in the reader's language
// ({{t .Stage.Nb}}).
type coText struct{ Nb string }

// coStageText name the stages of a case.
var coStageText = map[coordination.Stage]coText{
	coordination.StageInquiry:         {"Henvendelse mottatt"},
	coordination.StageAssessed:        {"Vurdert, venter på koordinator"},
	coordination.StageCoordinator:     {"Koordinator oppnevnt"},
	coordination.StageCoordinatorOnly: {"Koordinator uten plan"},
	coordination.StageConsent:         {"Samtykke gitt, plan under arbeid"},
	coordination.StageActivePlan:      {"Plan i bruk"},
	coordination.StageOnHold:          {"På vent"},
}

// coPlanStatusText name a plan's status.
var coPlanStatusText = map[plan.PlanStatus]coText{
	plan.PlanDraft:     {"Under arbeid"},
	plan.PlanActive:    {"I bruk"},
	plan.PlanOnHold:    {"På vent"},
	plan.PlanCompleted: {"Avsluttet"},
}

// coWorkspaceData is the coordinator's start page.
type coWorkspaceData struct {
	pageData
	Citizens []coRow
	Tasks    []coTask
	Late     int
	Unlinked bool           // the user is not linked to a practitioner in the records
	Pathways []attentionRow // pathway milestones due soon or late
}

// coTask is an open follow-up with the form that completes it.
type coTask struct {
	coordination.TaskItem
	CompleteURL string
}

func (w *Web) coordinatorWorkspace(rw http.ResponseWriter, r *http.Request) {
	ws, err := w.coord.CoordinatorWorkspace(r.Context())
	unlinked := apperr.Is(err, apperr.Forbidden) // a user not linked to a practitioner has no citizens
	if err != nil && !unlinked {
		w.fail(rw, r, err)
		return
	}
	d := coWorkspaceData{pageData: w.page(r, "Arbeidsflate"), Late: ws.Late, Unlinked: unlinked}
	for _, c := range ws.Citizens {
		d.Citizens = append(d.Citizens, coRowOf(c))
	}
	for _, t := range ws.Tasks {
		d.Tasks = append(d.Tasks, coTask{TaskItem: t, CompleteURL: "/coordinator/tasks/" + url.PathEscape(t.Task.ID) + "/complete"})
	}
	if d.Pathways, err = w.attentionRows(r.Context(), coCaseURL); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "coordinator/workspace", d)
}

func coRowOf(c coordination.CaseSummary) coRow {
	row := coRow{CaseSummary: c, CaseURL: coCaseURL(c.Patient), Stage: coStageText[c.Stage]}
	if c.PlanID != "" {
		row.PlanURL = coPlanURL(c.PlanID)
	}
	return row
}

// coID is the id of "Type/id".
func coID(reference string) string {
	if _, id, ok := strings.Cut(reference, "/"); ok {
		return id
	}
	return reference
}

func coCaseURL(patient string) string {
	return "/coordinator/citizens/" + url.PathEscape(coID(patient))
}
func coPlanURL(planID string) string { return "/coordinator/plans/" + url.PathEscape(planID) }

// CompleteTask serves POST /coordinator/tasks/{task}/complete: the follow-up is done; back to
// the page the button was on (a local path only).
func (w *Web) CompleteTask(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Coordinator); !ok {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	if _, err := w.coord.CompleteTask(r.Context(), r.PathValue("task")); err != nil {
		w.fail(rw, r, err)
		return
	}
	back := r.Form.Get("back") // the form, or the query as FormValue read it
	if !safeReturn(back) {
		back = "/coordinator"
	}
	http.Redirect(rw, r, back, http.StatusSeeOther)
}

// coDay reads a date as <input type="date"> sends it; zero when empty or not a date.
func coDay(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), oslo)
	if err != nil {
		return time.Time{}
	}
	return t
}
