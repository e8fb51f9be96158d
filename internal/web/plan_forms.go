package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordination"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/webform"
)

// planPost is one of the editor's forms: check reads and validates what was typed (a message
// per field), save hands it to coordination. Coordination's own refusal (a rule, the consent)
// is shown on the form's first field, with everything typed kept.
type planPost struct {
	key, section, first string
	check               func(f *form)
	save                func(ctx context.Context, co *coordination.Service, planID string, f *form) error
}

// PlanPost serves POST /coordinator/plans/{plan}/{form}.
func (w *Web) PlanPost(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Coordinator)
	if !ok {
		return
	}
	pp, ok := planPosts[r.PathValue("form")]
	if !ok {
		w.NotFound(rw, r)
		return
	}
	planID := r.PathValue("plan")
	f, ok := w.posted(rw, r, p, openingOf(r).formKey(planID, pp.key))
	if !ok {
		return
	}
	if pp.check != nil {
		pp.check(f)
	}
	status := http.StatusUnprocessableEntity
	if f.OK() {
		err := pp.save(r.Context(), w.coord, planID, f)
		switch {
		case err == nil:
			w.dropDraft(r.Context(), p, f.Key)
			w.afterPlanPost(rw, r, p, planID, pp.section)
			return
		case apperr.Is(err, apperr.NotFound):
			w.fail(rw, r, err)
			return
		case refuse(f, pp.first, err, apperr.Unprocessable, apperr.Forbidden, apperr.Conflict):
			status = apperr.HTTPStatus(apperr.CodeOf(err))
		default:
			w.fail(rw, r, err)
			return
		}
	}
	if r.Header.Get("HX-Request") != "" {
		status = http.StatusOK // htmx swaps only a 2xx answer; the errors are in the section it swaps
	}
	w.renderPlan(rw, r, p, status, planID, f, "")
}

// planPosts are the editor's forms by the last part of their address.
var planPosts = map[string]planPost{
	"goal": {key: "goal", section: "goals", first: "text",
		check: func(f *form) {
			f.Require("text", "Skriv målet med innbyggerens egne ord.")
			f.Limit("text", kernel.MaxText)
			f.Limit("target", kernel.MaxText)
			checkOptionalDate(f, "due")
		},
		save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
			_, err := co.AddGoal(ctx, id, plan.GoalInput{Text: f.Trimmed("text"), Target: f.Trimmed("target"),
				Due: coDay(f.Get("due")), Parent: f.Trimmed("parent")})
			return err
		}},
	"text": {key: "text", section: "needs", first: "needs",
		check: func(f *form) {
			f.LimitLines("needs", kernel.MaxText)
			f.LimitLines("resources", kernel.MaxText)
		},
		save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
			needs, resources := coLines(f.Get("needs")), coLines(f.Get("resources"))
			if needs == nil {
				needs = []string{}
			}
			if resources == nil {
				resources = []string{}
			}
			_, err := co.SetText(ctx, id, plan.PlanText{Needs: needs, Resources: resources})
			return err
		}},
	"coordination": {key: "coordination", section: "coordination", first: "coordination",
		check: func(f *form) {
			f.Require("coordination", "Skriv hvordan tjenestene samordnes.")
			f.Limit("coordination", kernel.MaxLongText)
		},
		save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
			text := f.Trimmed("coordination")
			_, err := co.SetText(ctx, id, plan.PlanText{Coordination: &text})
			return err
		}},
	"participant": {key: "participant", section: "participants", first: "who",
		check: func(f *form) {
			f.Require("who", "Velg hvem som skal delta.")
			f.Require("role", "Velg rollen.")
		},
		save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
			_, err := co.AddParticipant(ctx, id, plan.Participant{Ref: f.Trimmed("who"), Role: kernel.Role(f.Trimmed("role")),
				Organization: f.Trimmed("organization")})
			return err
		}},
	"contribution": {key: "contribution", section: "contributions", first: "participant",
		check: func(f *form) {
			f.Require("participant", "Velg hvem som bidrar.")
			f.Require("contribution", "Skriv hva de bidrar med.")
			f.Limit("contribution", kernel.MaxText)
		},
		save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
			_, err := co.AddContribution(ctx, id, plan.Contribution{Participant: f.Trimmed("participant"), Text: f.Trimmed("contribution")})
			return err
		}},
	"measure":     measurePost,
	"measure-end": measureEndPost,
	"period":      periodPost,
	"cooperation": cooperationPost,
	"evaluation":  evaluationPost,
	"activate": {key: "activate", section: "status", first: "activate",
		save: func(ctx context.Context, co *coordination.Service, id string, _ *form) error {
			_, err := co.ActivatePlan(ctx, id)
			return err
		}},
}

// checkOptionalDate: an optional date field, when filled in, must be a date.
func checkOptionalDate(f *form, name string) {
	if f.Trimmed(name) != "" && coDay(f.Get(name)).IsZero() {
		f.Invalid(name, "Skriv datoen som dd.mm.åååå.")
	}
}

var measurePost = planPost{key: "measure", section: "measures", first: "title",
	check: func(f *form) {
		f.Require("title", "Gi tiltaket et navn.")
		f.Require("provider", "Velg hvem som yter tiltaket.")
		f.Require("scope", "Skriv omfanget, for eksempel «2 timer per uke».")
		f.Limit("title", kernel.MaxName)
		f.Limit("description", kernel.MaxText)
		f.Limit("scope", kernel.MaxName)
		checkOptionalDate(f, "from")
		checkOptionalDate(f, "to")
		if from, to := coDay(f.Get("from")), coDay(f.Get("to")); !from.IsZero() && !to.IsZero() && to.Before(from) {
			f.Invalid("to", "Sluttdatoen må være etter startdatoen.")
		}
	},
	save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
		m := plan.Measure{ID: f.Trimmed("id"), Title: f.Trimmed("title"), Description: f.Trimmed("description"),
			Provider: f.Trimmed("provider"), ResponsiblePerson: f.Trimmed("responsible"), Scope: f.Trimmed("scope"),
			Goals: f.Values["goals"], Period: kernel.Period{Start: coDay(f.Get("from")), End: coDay(f.Get("to"))},
			DecisionRef: f.Trimmed("decision")}
		var err error
		if m.ID != "" {
			_, err = co.EditMeasure(ctx, id, m)
		} else {
			_, err = co.AddMeasure(ctx, id, m)
		}
		return err
	}}

// measureEndPost ends a measure: completed, or stopped before it did what it was for.
var measureEndPost = planPost{key: "measure-end", section: "measures", first: "how",
	check: func(f *form) { f.Require("how", "Velg hvordan tiltaket endte.") },
	save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
		_, err := co.EndMeasure(ctx, id, f.Trimmed("id"), plan.MeasureStatus(f.Trimmed("how")))
		return err
	}}

var periodPost = planPost{key: "period", section: "period", first: "start",
	check: func(f *form) {
		f.RequireDate("start", "Skriv når planperioden starter.")
		checkOptionalDate(f, "end")
		n := 0
		for _, e := range f.Values["evaluation"] {
			if e != "" {
				if coDay(e).IsZero() {
					f.Invalid("evaluation", "Skriv evalueringsdatoene som datoer.")
				}
				n++
			}
		}
		if n == 0 {
			f.Invalid("evaluation", "Sett minst én evalueringsdato.")
		}
	},
	save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
		var evals []time.Time
		for _, e := range f.Values["evaluation"] {
			if t := coDay(e); !t.IsZero() {
				evals = append(evals, t)
			}
		}
		_, err := co.SetPeriod(ctx, id, kernel.Period{Start: coDay(f.Get("start")), End: coDay(f.Get("end"))}, evals)
		return err
	}}

var cooperationPost = planPost{key: "cooperation", section: "cooperation", first: "party",
	check: func(f *form) {
		f.Require("party", "Skriv hvem planen samarbeider med.")
		f.Require("purpose", "Skriv hva samarbeidet gjelder.")
		f.Limit("party", kernel.MaxName)
		f.Limit("purpose", kernel.MaxText)
	},
	save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
		_, err := co.AddCooperation(ctx, id, plan.Cooperation{Party: f.Trimmed("party"), Purpose: f.Trimmed("purpose")})
		return err
	}}

var evaluationPost = planPost{key: "evaluation", section: "goals", first: "goal",
	check: func(f *form) {
		f.Require("goal", "Velg målet som evalueres.")
		f.Require("achievement", "Velg hvordan det går.")
		f.Limit("note", kernel.MaxText)
	},
	save: func(ctx context.Context, co *coordination.Service, id string, f *form) error {
		_, err := co.RecordEvaluation(ctx, id, plan.Evaluation{Goal: f.Trimmed("goal"), Status: plan.Achievement(f.Trimmed("achievement")),
			Note: f.Trimmed("note")})
		return err
	}}

// AcceptProposal serves POST /coordinator/plans/{plan}/proposals/{proposal}: the citizen's goal
// proposal taken into the plan word for word.
func (w *Web) AcceptProposal(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Coordinator)
	if !ok {
		return
	}
	planID := r.PathValue("plan")
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	replaces := strings.TrimSpace(r.PostForm.Get("replaces"))
	if _, err := w.coord.AcceptGoalProposal(r.Context(), planID, r.PathValue("proposal"), replaces); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.afterPlanPost(rw, r, p, planID, "goals")
}
