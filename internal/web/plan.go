package web

import (
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
)

// The plan editor: the whole individual plan on one page, a section per element, each with the
// form that adds to it. A form posts to its own address; without JavaScript the answer is a
// redirect back to the section (or the page again with the errors), with htmx the page's section
// is swapped in place (hx-select), so adding a goal costs no page load.

// planFormList are the editor's forms, in the order of the page: key, the section it belongs to.
var planFormList = []struct{ key, section string }{
	{"goal", "goals"}, {"text", "needs"}, {"participant", "participants"}, {"contribution", "contributions"},
	{"measure", "measures"}, {"coordination", "coordination"}, {"period", "period"}, {"cooperation", "cooperation"},
	{"evaluation", "goals"}, {"measure-end", "measures"}, {"activate", "status"},
}

// planData is the plan editor.
type planData struct {
	pageData
	V        plan.PlanView
	URL      string // the plan's address; forms post under it
	CaseURL  string
	Status   coText
	Forms    map[string]*form // the open form, and the activate button
	Drafts   map[string]bool  // the closed forms with a draft kept
	Open     string           // the open form's key
	Item     string           // the measure being changed or the goal being evaluated
	Goals    []planGoal
	Missing  []kernel.Text // the elements the plan still lacks, from the plan's rules
	Meetings []meetings.Meeting
	Staff    []coordinators.DirectoryEntry // people for a measure or a participant
	Services []coordinators.DirectoryEntry // organisations
	Saved    string                        // the section just changed, for the status line
	// the citizen's decisions in force, for a measure's link, and every decision's label
	Decisions      []decisionChoice
	DecisionLabels map[string]string
}

// planGoal is a main goal with its sub-goals and the evaluations of each.
type planGoal struct {
	plan.Goal
	Sub         []planGoal
	Evaluations []planEval
}

// planEval is an evaluation with its result in words.
type planEval struct {
	plan.Evaluation
	Achieved coText
}

// achievementText names the results of an evaluation.
var achievementText = map[plan.Achievement]coText{
	plan.InProgress: {"Pågår"}, plan.Improving: {"Bedre"}, plan.NoChange: {"Uendret"},
	plan.Worsening: {"Verre"}, plan.Achieved: {"Nådd"}, plan.NotAchieved: {"Ikke nådd"},
	plan.NoProgress: {"Ingen framgang"}, plan.NotAttainable: {"Ikke oppnåelig"},
}

// PlanPage serves GET /coordinator/plans/{plan}.
func (w *Web) PlanPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Coordinator)
	if !ok {
		return
	}
	w.renderPlan(rw, r, p, http.StatusOK, r.PathValue("plan"), nil, r.URL.Query().Get("saved"))
}

// renderPlan shows the editor; refused, when set, is the form just sent with its errors, shown
// instead of the saved draft.
func (w *Web) renderPlan(rw http.ResponseWriter, r *http.Request, p *access.Principal, status int, planID string, refused *form, saved string) {
	ctx := r.Context()
	v, err := w.coord.Plan(ctx, planID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if v.Actor.Role != kernel.RoleCoordinator || v.Actor.Ref != v.Plan.Coordinator {
		w.NotFound(rw, r) // staff in reach but not this plan's coordinator: the plan is not theirs to edit
		return
	}
	d := planData{pageData: w.page(r, "Individuell plan for %s", v.PatientName), V: v,
		URL: coPlanURL(planID), CaseURL: coCaseURL(v.Plan.Patient), Status: coPlanStatusText[v.Plan.Status],
		Forms: map[string]*form{}, Drafts: map[string]bool{}, Goals: goalTree(v.Plan), Saved: saved}
	for _, e := range v.Missing {
		d.Missing = append(d.Missing, plan.ElementName(e))
	}
	w.planForms(r, p, &d, refused)
	d.Decisions, d.DecisionLabels = w.planDecisions(r, v.Plan.Patient)
	if d.Meetings, err = w.coord.Meetings(ctx, planID); err != nil {
		w.fail(rw, r, err)
		return
	}
	dir, ok := w.directory(rw, r)
	if !ok {
		return
	}
	for _, e := range dir {
		if e.IsStaff {
			d.Staff = append(d.Staff, e)
		} else {
			d.Services = append(d.Services, e)
		}
	}
	w.render(rw, r, status, "coordinator/plan", d)
}

// pathPlan is the plan the request's path names, as the person may see it; else the request is
// answered (a missing page for a plan outside reach) and it reports false.
func (w *Web) pathPlan(rw http.ResponseWriter, r *http.Request) (plan.PlanView, bool) {
	v, err := w.coord.Plan(r.Context(), r.PathValue("plan"))
	if err != nil {
		w.fail(rw, r, err)
		return plan.PlanView{}, false
	}
	return v, true
}

// directory is the municipality's services and staff, for choosing a participant, a provider
// or someone to share with; else the request is answered and it reports false.
func (w *Web) directory(rw http.ResponseWriter, r *http.Request) ([]coordinators.DirectoryEntry, bool) {
	dir, err := w.coord.Directory(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return nil, false
	}
	return dir, true
}

// planFormKey is the draft key of one of the editor's forms.
func planFormKey(planID, name string) string { return "plan/" + planID + "/" + name }

// goalTree nests sub-goals under their main goal and puts each goal's evaluations beside it.
func goalTree(p plan.IndividualPlan) []planGoal {
	evals := map[string][]planEval{}
	for _, e := range p.Evaluations {
		evals[e.Goal] = append(evals[e.Goal], planEval{Evaluation: e, Achieved: achievementText[e.Status]})
	}
	var out []planGoal
	for _, g := range p.Goals {
		if g.Parent != "" && hasMainGoal(p.Goals, g.Parent) {
			continue
		}
		pg := planGoal{Goal: g, Evaluations: evals[g.ID]}
		for _, s := range p.Goals {
			if s.Parent == g.ID {
				pg.Sub = append(pg.Sub, planGoal{Goal: s, Evaluations: evals[s.ID]})
			}
		}
		out = append(out, pg)
	}
	return out
}

func hasMainGoal(goals []plan.Goal, id string) bool {
	for _, g := range goals {
		if g.ID == id {
			return true
		}
	}
	return false
}

// coLines is a text area's lines, without the empty ones.
func coLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// joinEntries is the entries one per line, as the text area shows them.
func joinEntries(es []plan.Entry) string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.Text)
	}
	return b.String()
}

// afterPlanPost answers a plan form that was saved: htmx gets the page (it swaps the section in
// place), a plain browser is sent back to the section. The form is closed now, so htmx is told to
// drop ?open= from the address: a reload does not open it again, and the part's "Legg til" link
// (…?open=…) is not the address the page is already at, where a click would only scroll.
func (w *Web) afterPlanPost(rw http.ResponseWriter, r *http.Request, p *access.Principal, planID, section string) {
	if r.Header.Get("HX-Request") != "" {
		rw.Header().Set("HX-Replace-Url", coPlanURL(planID))
		w.renderPlan(rw, r, p, http.StatusOK, planID, nil, section)
		return
	}
	http.Redirect(rw, r, coPlanURL(planID)+"?saved="+url.QueryEscape(section)+"#"+section, http.StatusSeeOther)
}

// SavedIn reports whether section was just saved, for its status line.
func (d planData) SavedIn(section string) bool { return d.Saved == section }

// RoleText names a participant's role, in bokmål (the page translates it).
func (d planData) RoleText(r kernel.Role) string {
	t, ok := coRoleText[r]
	if !ok {
		return string(r)
	}
	return t.Nb
}

// coRoleText names the roles in a plan.
var coRoleText = map[kernel.Role]coText{
	kernel.RoleCitizen: {"Innbygger"}, kernel.RoleGuardian: {"Verge/foresatt"},
	kernel.RoleRelative: {"Pårørende"}, kernel.RoleProvider: {"Tjenesteyter"},
	kernel.RoleCoordinator: {"Koordinator"},
}

// AuthorName is the name of whoever wrote something in the plan: the citizen, a participant;
// "" for a relative the plan does not name (the page says "Pårørende" in its language).
func (d planData) AuthorName(reference string) string {
	switch {
	case reference == d.V.Plan.Patient:
		return d.V.PatientName
	case strings.HasPrefix(reference, "RelatedPerson/") && d.NameOf(reference) == reference:
		return ""
	}
	return d.NameOf(reference)
}

// NewsKind says what a piece of news is, in bokmål (the page translates it).
func (d planData) NewsKind(k plan.NewsKind) string {
	switch k {
	case plan.NewsComment:
		return "kommentar"
	case plan.NewsProposal:
		return "foreslår et mål"
	case plan.NewsProgress:
		return "fremdrift på tiltak"
	}
	return string(k)
}

// NameOf is a participant's name, or the reference when the plan does not name them.
func (d planData) NameOf(reference string) string {
	for _, p := range d.V.Plan.Participants {
		if p.Ref == reference {
			return p.Name
		}
	}
	return reference
}

// evalSlot is one evaluation date field.
type evalSlot struct {
	N     int
	Value string
}

// EvaluationSlots are the evaluation date fields: what was typed, else the plan's dates, and
// always one empty field more (at least three in all).
func (d planData) EvaluationSlots(f *form) []evalSlot {
	vals := f.Values["evaluation"]
	var out []evalSlot
	for _, v := range vals {
		if v != "" {
			out = append(out, evalSlot{N: len(out) + 1, Value: v})
		}
	}
	for len(out) < 3 || out[len(out)-1].Value != "" {
		out = append(out, evalSlot{N: len(out) + 1})
	}
	return out
}
