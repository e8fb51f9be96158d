package web

import (
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
)

// myPlanData is a plan as the citizen or a relative reads it, with the comment and
// goal-proposal forms when they may write those.
type myPlanData struct {
	pageData
	Base     string // /citizen or /relative
	For      string // the Patient the plan is about, when it is not the person's own
	View     *plan.PlanView
	Comment  *form
	Proposal *form
	Own      *form              // the citizen's own contribution (element 4)
	GoalForm map[string]*form   // per goal: its words, for the citizen to change
	Meetings []meetings.Meeting // the responsibility group's meetings, when the person may see them
	Saved    string             // what was just saved, in bokmål
	// DecisionLabels name the decisions the plan's measures are linked to
	DecisionLabels map[string]string
}

// Element is a plan element's name, for the headings.
func (d myPlanData) Element(n int) kernel.Text { return plan.ElementName(plan.Element(n)) }

// RoleText names a participant's role, in bokmål (a catalog key: the page translates it).
func (d myPlanData) RoleText(r kernel.Role) string {
	if t, ok := citizenRoleNames[r]; ok {
		return t
	}
	return string(r)
}

// citizenRoleNames are the roles in a plan as the citizen and a relative read them, in bokmål.
var citizenRoleNames = map[kernel.Role]string{
	kernel.RoleCitizen: "Innbygger", kernel.RoleGuardian: "Verge/foresatt", kernel.RoleRelative: "Pårørende",
	kernel.RoleProvider: "Tjenesteyter", kernel.RoleCoordinator: "Koordinator",
}

// planPatient is whose plan the request is about: ?for= (a child, or the citizen a relative
// follows) or the person themself. It reads the query only: the posted form is read once, by
// postedForm, within its limit (FormValue here read the body before the limit applied).
func planPatient(r *http.Request, p *access.Principal) string {
	if v := r.URL.Query().Get("for"); v != "" {
		return v
	}
	if p.PatientID != "" {
		return "Patient/" + p.PatientID
	}
	return ""
}

// myPlan serves GET /citizen/plan and /relative/plan: the plan as far as the person may see it.
func (w *Web) myPlan(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, role)
		if !ok {
			return
		}
		d, err := w.myPlanData(r, p, role)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		w.render(rw, r, http.StatusOK, "citizen/plan", d)
	}
}

func (w *Web) myPlanData(r *http.Request, p *access.Principal, role access.Role) (myPlanData, error) {
	d := myPlanData{pageData: w.page(r, "Min plan"), Base: workspacePaths[role], Saved: r.URL.Query().Get("saved")}
	patient := planPatient(r, p)
	if patient == "" {
		return d, apperr.New(apperr.NotFound, "no citizen")
	}
	if patient != "Patient/"+p.PatientID {
		d.For = patient
		d.Title = "Planen"
	}
	v, found, err := w.coord.PlanFor(r.Context(), patient)
	if err != nil || !found {
		return d, err
	}
	d.View = &v
	_, d.DecisionLabels = w.planDecisions(r, patient)
	if v.MaySee(consent.PartMeetings) {
		if d.Meetings, err = w.coord.Meetings(r.Context(), v.Plan.ID); err != nil {
			return d, err
		}
	}
	d.Comment = w.openForm(r.Context(), p, "comment-"+v.Plan.ID)
	d.Proposal = w.openForm(r.Context(), p, "proposal-"+v.Plan.ID)
	d.Own = w.openForm(r.Context(), p, "contribution-"+v.Plan.ID)
	if d.Own.Restored.IsZero() {
		d.Own.Values = url.Values{"text": {v.Plan.OwnContribution}}
	}
	d.GoalForm = map[string]*form{}
	for _, g := range v.Plan.Goals {
		f := w.openForm(r.Context(), p, "goal-"+v.Plan.ID+"-"+g.ID)
		if f.Restored.IsZero() {
			f.Values = url.Values{"text": {g.Text}}
		}
		d.GoalForm[g.ID] = f
	}
	return d, nil
}

// GoalID is the goal a goal-words form is about (its key ends with the goal's id).
func (d myPlanData) GoalID(f *form) string {
	for id, g := range d.GoalForm {
		if g == f {
			return id
		}
	}
	return ""
}

// GoalWords is the form for a goal's words.
func (d myPlanData) GoalWords(goalID string) *form { return d.GoalForm[goalID] }

// planWrite serves POST /citizen/plan/comment, /citizen/plan/proposal, /citizen/plan/contribution,
// /citizen/plan/goals/{goal} and /relative/plan/comment: a comment, a goal proposal, the
// citizen's own contribution or a goal's words, in the person's own words.
func (w *Web) planWrite(role access.Role, kind string) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, role)
		if !ok {
			return
		}
		d, err := w.myPlanData(r, p, role)
		if err == nil && d.View == nil {
			err = apperr.New(apperr.NotFound, "no plan")
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		key := kind + "-" + d.View.Plan.ID
		if kind == "goal" {
			key += "-" + r.PathValue("goal")
		}
		f, ok := w.posted(rw, r, p, key)
		if !ok {
			return
		}
		switch kind {
		case "comment":
			d.Comment = f
		case "proposal":
			d.Proposal = f
		case "contribution":
			d.Own = f
		case "goal":
			d.GoalForm[r.PathValue("goal")] = f
		}
		if kind != "contribution" { // one's own contribution may be emptied
			f.Require("text", "Skriv noe før du sender.")
		}
		f.Limit("text", kernel.MaxText)
		if !f.OK() {
			w.render(rw, r, http.StatusUnprocessableEntity, "citizen/plan", d)
			return
		}
		switch kind {
		case "comment":
			_, err = w.coord.Comment(r.Context(), d.View.Plan.ID, f.Trimmed("text"))
		case "proposal":
			_, err = w.coord.ProposeGoal(r.Context(), d.View.Plan.ID, f.Trimmed("text"))
		case "contribution":
			text := f.Trimmed("text")
			_, err = w.coord.SetText(r.Context(), d.View.Plan.ID, plan.PlanText{OwnContribution: &text})
		case "goal":
			_, err = w.coord.SetGoalWords(r.Context(), d.View.Plan.ID, r.PathValue("goal"), f.Trimmed("text"))
		}
		if !w.saved(rw, r, p, f, err, "text", "citizen/plan", d, apperr.Unprocessable, apperr.Invalid, apperr.Forbidden) {
			return
		}
		back := d.Base + "/plan?saved=" + kind
		if d.For != "" {
			back += "&for=" + url.QueryEscape(d.For)
		}
		http.Redirect(rw, r, back, http.StatusSeeOther)
	}
}
