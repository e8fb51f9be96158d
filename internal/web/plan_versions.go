package web

import (
	"net/http"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/plan"
)

// logData is the plan's log: every change, who made it and when, newest first.
type logData struct {
	pageData
	Name    string
	PlanURL string
	Entries []logRow
}

// logRow is one log entry with the name of who made the change.
type logRow struct {
	plan.LogEntry
	ByName string
}

// PlanLog serves GET /coordinator/plans/{plan}/log.
func (w *Web) PlanLog(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Coordinator); !ok {
		return
	}
	planID := r.PathValue("plan")
	v, err := w.coord.Plan(r.Context(), planID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := logData{pageData: w.page(r, "Planens logg"), Name: v.PatientName, PlanURL: coPlanURL(planID)}
	names := planNames(v)
	for i := len(v.Log) - 1; i >= 0; i-- {
		d.Entries = append(d.Entries, logRow{LogEntry: v.Log[i], ByName: nameOr(names, v.Log[i].By)})
	}
	w.render(rw, r, http.StatusOK, "plan/log", d)
}

// planNames are the names of the people a plan names, by reference.
func planNames(v plan.PlanView) map[string]string {
	names := map[string]string{v.Plan.Patient: v.PatientName, v.Plan.Coordinator: v.Coordinator.Name}
	for _, p := range v.Plan.Participants {
		names[p.Ref] = p.Name
	}
	return names
}

func nameOr(names map[string]string, ref string) string {
	if n := names[ref]; n != "" {
		return n
	}
	return ref
}

// versionsData lists the plan's versions and the difference between two of them.
type versionsData struct {
	pageData
	Name     string
	PlanURL  string
	Versions []versionRow
	A, B     int64
	Changes  []plan.Change
	Compared bool
}

// versionRow is one version with the name of who saved it.
type versionRow struct {
	plan.PlanVersion
	ByName string
}

// PlanVersions serves GET /coordinator/plans/{plan}/versions?a=1&b=5: the versions, and what
// changed from version a to version b (by default from the one before the newest to the newest).
func (w *Web) PlanVersions(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Coordinator); !ok {
		return
	}
	ctx := r.Context()
	v, ok := w.pathPlan(rw, r)
	if !ok {
		return
	}
	planID := v.Plan.ID
	versions, err := w.coord.Versions(ctx, planID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := versionsData{pageData: w.page(r, "Versjoner av planen"), Name: v.PatientName, PlanURL: coPlanURL(planID)}
	names := planNames(v)
	for _, pv := range versions {
		d.Versions = append(d.Versions, versionRow{PlanVersion: pv, ByName: nameOr(names, pv.By)})
	}
	if len(versions) > 0 {
		d.B, d.A = versions[0].N, versions[0].N-1
	}
	if a, err := strconv.ParseInt(r.URL.Query().Get("a"), 10, 64); err == nil {
		d.A = a
	}
	if b, err := strconv.ParseInt(r.URL.Query().Get("b"), 10, 64); err == nil {
		d.B = b
	}
	if d.A > 0 && d.B > 0 && d.A != d.B {
		if d.Changes, err = w.coord.Diff(ctx, planID, d.A, d.B); err != nil {
			w.fail(rw, r, err)
			return
		}
		d.Compared = true
	}
	w.render(rw, r, http.StatusOK, "plan/versions", d)
}
