package plan

import (
	"context"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// planLogURL is the plan's log, one entry per change, on the CarePlan.
const planLogURL = kernel.ExtensionBase + "plan-log"

// loaded is a plan as stored: the plan, its log and the CarePlan version it was read at.
type loaded struct {
	plan    IndividualPlan
	log     []LogEntry
	version int64
}

// Load reads the plan CarePlan/id with its Goals and CareTeam, without need-to-know or the
// access log: for another area's service, which checks and logs what it shows.
func (s *Service) Load(ctx context.Context, id string) (IndividualPlan, error) {
	l, err := s.loadPlan(ctx, id)
	return l.plan, err
}

// LoadWithLog is Load with the plan's log of changes.
func (s *Service) LoadWithLog(ctx context.Context, id string) (IndividualPlan, []LogEntry, error) {
	l, err := s.loadPlan(ctx, id)
	return l.plan, l.log, err
}

// CurrentOf finds the citizen's current plan (not completed), if any: its id.
func (s *Service) CurrentOf(ctx context.Context, patient string) (string, bool, error) {
	return s.planOf(ctx, patient)
}

// loadPlan reads CarePlan/id with its Goals and CareTeam.
func (s *Service) loadPlan(ctx context.Context, id string) (loaded, error) {
	cp, rec, err := s.wf.Get(ctx, "CarePlan", id)
	if err != nil {
		return loaded{}, err
	}
	return s.planFrom(ctx, cp, rec, nil)
}

// planFrom reads a plan from a CarePlan version; goalsAt, when set, picks each goal's version.
func (s *Service) planFrom(ctx context.Context, cp *fhir.Resource, rec store.Record, goalsAt func(typ, id string) *fhir.Resource) (loaded, error) {
	in := PlanResources{CarePlan: cp}
	fetch := goalsAt
	if fetch == nil {
		fetch = func(typ, id string) *fhir.Resource {
			r, _, err := s.wf.Get(ctx, typ, id)
			if err != nil {
				return nil
			}
			return r
		}
	}
	for _, g := range kernel.Objects(cp.Object(), "goal") {
		if r := fetch("Goal", kernel.IDOf(kernel.PathString(g, "reference"))); r != nil {
			in.Goals = append(in.Goals, r)
		}
	}
	in.CareTeam = fetch("CareTeam", cp.ID()+"-team")
	p, err := PlanFromFHIR(in)
	if err != nil {
		return loaded{}, err
	}
	p.Version = int(rec.VersionID)
	return loaded{plan: p, log: logOf(cp), version: rec.VersionID}, nil
}

func logOf(cp *fhir.Resource) []LogEntry {
	var out []LogEntry
	for _, e := range kernel.Objects(cp.Object(), "extension") {
		if u, _ := e.String("url"); u != planLogURL {
			continue
		}
		var le LogEntry
		for _, sub := range kernel.Objects(e, "extension") {
			u, _ := sub.String("url")
			switch u {
			case "at":
				le.At = kernel.ParseTime(kernel.PathString(sub, "valueDateTime"))
			case "by":
				le.By = kernel.PathString(sub, "valueReference", "reference")
			case "event":
				le.Event = kernel.PathString(sub, "valueCode")
			case "nb":
				le.Detail.NB = kernel.PathString(sub, "valueString")
			case "en":
				le.Detail.EN = kernel.PathString(sub, "valueString")
			}
		}
		out = append(out, le)
	}
	return out
}

func logExtension(le LogEntry) *fhir.Object {
	subs := []any{kernel.ObjectOf("url", "at", "valueDateTime", kernel.DateTimeUTC(le.At)), kernel.ObjectOf("url", "event", "valueCode", le.Event)}
	if le.By != "" {
		subs = append(subs, kernel.ObjectOf("url", "by", "valueReference", kernel.RefObject(le.By, "")))
	}
	if le.Detail.NB != "" {
		subs = append(subs, kernel.ObjectOf("url", "nb", "valueString", le.Detail.NB))
	}
	if le.Detail.EN != "" {
		subs = append(subs, kernel.ObjectOf("url", "en", "valueString", le.Detail.EN))
	}
	return kernel.ObjectOf("url", planLogURL, "extension", subs)
}

// savePlan writes the plan's Goals, CareTeam and CarePlan in one transaction, the CarePlan
// carrying the log with entry appended, and only when the CarePlan is still at version want.
func (s *Service) savePlan(ctx context.Context, l loaded, entry LogEntry) (IndividualPlan, error) {
	res := PlanToFHIR(l.plan)
	cp := res.CarePlan
	exts, _ := cp.Object().Array("extension")
	for _, le := range append(append([]LogEntry(nil), l.log...), entry) {
		exts = append(exts, logExtension(le))
	}
	cp.Object().Set("extension", exts)
	var puts []workflow.Put
	for _, g := range res.Goals {
		puts = append(puts, workflow.Put{Res: g})
	}
	puts = append(puts, workflow.Put{Res: res.CareTeam}, workflow.Put{Res: cp, IfMatch: l.version})
	written, err := s.wf.Commit(ctx, puts...)
	if err != nil {
		if apperr.Is(err, apperr.PreconditionFailed) {
			return l.plan, kernel.Text{NB: "Planen ble endret av noen andre samtidig; prøv igjen.", EN: "Someone else changed the plan at the same time; try again."}.Err(apperr.Conflict)
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
	cps, err := s.wf.Find(ctx, "CarePlan", "subject", kernel.Ref("Patient", kernel.IDOf(patient)), "category", kernel.CSPlanCategory+"|individual-plan")
	if err != nil {
		return "", false, err
	}
	var best *fhir.Resource
	for _, cp := range cps {
		if st, _ := cp.Object().String("status"); st == string(PlanCompleted) || st == "revoked" {
			continue
		}
		if best == nil || kernel.PathString(cp.Object(), "meta", "lastUpdated") > kernel.PathString(best.Object(), "meta", "lastUpdated") {
			best = cp
		}
	}
	if best == nil {
		return "", false, nil
	}
	return best.ID(), true, nil
}

func logEntry(by, event string, nb, en string, at time.Time) LogEntry {
	return LogEntry{At: at, By: by, Event: event, Detail: kernel.Text{NB: nb, EN: en}}
}
