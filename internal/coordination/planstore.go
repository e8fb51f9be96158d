package coordination

import (
	"context"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/care"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// extPlanLog is the plan's log, one entry per change, on the CarePlan.
const extPlanLog = care.ExtensionBase + "plan-log"

// loaded is a plan as stored: the plan, its log and the CarePlan version it was read at.
type loaded struct {
	plan    care.IndividualPlan
	log     []care.LogEntry
	version int64
}

// loadPlan reads CarePlan/id with its Goals and CareTeam.
func (s *Service) loadPlan(ctx context.Context, id string) (loaded, error) {
	cp, rec, err := s.get(ctx, "CarePlan", id)
	if err != nil {
		return loaded{}, err
	}
	return s.planFrom(ctx, cp, rec, nil)
}

// planFrom reads a plan from a CarePlan version; goalsAt, when set, picks each goal's version.
func (s *Service) planFrom(ctx context.Context, cp *fhir.Resource, rec store.Record, goalsAt func(typ, id string) *fhir.Resource) (loaded, error) {
	in := care.PlanResources{CarePlan: cp}
	fetch := goalsAt
	if fetch == nil {
		fetch = func(typ, id string) *fhir.Resource {
			r, _, err := s.get(ctx, typ, id)
			if err != nil {
				return nil
			}
			return r
		}
	}
	for _, g := range care.Objects(cp.Object(), "goal") {
		if r := fetch("Goal", care.IDOf(care.PathString(g, "reference"))); r != nil {
			in.Goals = append(in.Goals, r)
		}
	}
	in.CareTeam = fetch("CareTeam", cp.ID()+"-team")
	p, err := care.PlanFromFHIR(in)
	if err != nil {
		return loaded{}, err
	}
	p.Version = int(rec.VersionID)
	return loaded{plan: p, log: logOf(cp), version: rec.VersionID}, nil
}

func logOf(cp *fhir.Resource) []care.LogEntry {
	var out []care.LogEntry
	for _, e := range care.Objects(cp.Object(), "extension") {
		if u, _ := e.String("url"); u != extPlanLog {
			continue
		}
		var le care.LogEntry
		for _, sub := range care.Objects(e, "extension") {
			u, _ := sub.String("url")
			switch u {
			case "at":
				le.At = care.ParseTime(care.PathString(sub, "valueDateTime"))
			case "by":
				le.By = care.PathString(sub, "valueReference", "reference")
			case "event":
				le.Event = care.PathString(sub, "valueCode")
			case "nb":
				le.Detail.NB = care.PathString(sub, "valueString")
			case "en":
				le.Detail.EN = care.PathString(sub, "valueString")
			}
		}
		out = append(out, le)
	}
	return out
}

func logExtension(le care.LogEntry) *fhir.Object {
	subs := []any{care.ObjectOf("url", "at", "valueDateTime", care.DateTimeUTC(le.At)), care.ObjectOf("url", "event", "valueCode", le.Event)}
	if le.By != "" {
		subs = append(subs, care.ObjectOf("url", "by", "valueReference", refObj(le.By, "")))
	}
	if le.Detail.NB != "" {
		subs = append(subs, care.ObjectOf("url", "nb", "valueString", le.Detail.NB))
	}
	if le.Detail.EN != "" {
		subs = append(subs, care.ObjectOf("url", "en", "valueString", le.Detail.EN))
	}
	return care.ObjectOf("url", extPlanLog, "extension", subs)
}

// savePlan writes the plan's Goals, CareTeam and CarePlan in one transaction, the CarePlan
// carrying the log with entry appended, and only when the CarePlan is still at version want.
func (s *Service) savePlan(ctx context.Context, l loaded, entry care.LogEntry) (care.IndividualPlan, error) {
	res := care.PlanToFHIR(l.plan)
	cp := res.CarePlan
	exts, _ := cp.Object().Array("extension")
	for _, le := range append(append([]care.LogEntry(nil), l.log...), entry) {
		exts = append(exts, logExtension(le))
	}
	cp.Object().Set("extension", exts)
	var puts []put
	for _, g := range res.Goals {
		puts = append(puts, put{res: g})
	}
	puts = append(puts, put{res: res.CareTeam}, put{res: cp, ifMatch: l.version})
	written, err := s.commit(ctx, puts...)
	if err != nil {
		if apperr.Is(err, apperr.PreconditionFailed) {
			return l.plan, care.Text{NB: "Planen ble endret av noen andre samtidig; prøv igjen.", EN: "Someone else changed the plan at the same time; try again."}.Err(apperr.Conflict)
		}
		return l.plan, err
	}
	if rec, ok := written["CarePlan/"+l.plan.ID]; ok {
		l.plan.Version = int(rec.VersionID)
	}
	return l.plan, nil
}

// planOf finds the citizen's current plan (not completed), if any.
func (s *Service) planOf(ctx context.Context, patient string) (string, bool, error) {
	cps, err := s.find(ctx, "CarePlan", "subject", ref("Patient", care.IDOf(patient)), "category", care.CSPlanCategory+"|individual-plan")
	if err != nil {
		return "", false, err
	}
	var best *fhir.Resource
	for _, cp := range cps {
		if st, _ := cp.Object().String("status"); st == string(care.PlanCompleted) || st == "revoked" {
			continue
		}
		if best == nil || care.PathString(cp.Object(), "meta", "lastUpdated") > care.PathString(best.Object(), "meta", "lastUpdated") {
			best = cp
		}
	}
	if best == nil {
		return "", false, nil
	}
	return best.ID(), true, nil
}

func logEntry(by, event string, nb, en string, at time.Time) care.LogEntry {
	return care.LogEntry{At: at, By: by, Event: event, Detail: care.Text{NB: nb, EN: en}}
}
