package pathways

import (
	"context"
	"maps"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/workflow"
)

// Service is the citizens' care pathways: started, recorded and closed by the pathway's
// coordinator or the coordinating unit's staff (the write rule decides who may), read within
// need-to-know, every read of a citizen logged.
type Service struct {
	wf  *workflow.Base
	cat *Catalog
}

// NewService returns the pathways' service on wf, with the national pathways checked against
// wf's law table.
func NewService(wf *workflow.Base) (*Service, error) {
	cat, err := NewCatalog(wf.Law())
	if err != nil {
		return nil, err
	}
	return &Service{wf: wf, cat: cat}, nil
}

// Catalog is the pathways the service knows.
func (s *Service) Catalog() *Catalog { return s.cat }

// clock is the milestone clock on the services' time.
func (s *Service) clock() Clock { return Clock{Catalog: s.cat, Now: s.wf.Now} }

// PathwayToday is the services' date, for the forms' defaults.
func (s *Service) PathwayToday() lawdata.Date { return s.clock().Today() }

// PathwaysInForce are the pathways one may start today.
func (s *Service) PathwaysInForce() []Definition { return s.cat.InForce(s.PathwayToday()) }

// StartInput is a pathway to start for a citizen.
type StartInput struct {
	Patient     string       // "Patient/…"
	Pathway     string       // the definition's id
	Start       lawdata.Date // the date the referral assessment granted the right to help (the diagnosis, for cancer)
	Coordinator string       // "Practitioner/…"; "" is the person starting it
}

// StartPathway starts a pathway for a citizen in reach.
func (s *Service) StartPathway(ctx context.Context, in StartInput) (Instance, error) {
	p, err := s.wf.Reach(ctx, in.Patient)
	if err != nil {
		return Instance{}, err
	}
	if in.Coordinator == "" && p.PractitionerID != "" {
		in.Coordinator = kernel.Ref("Practitioner", p.PractitionerID)
	}
	inst := Instance{ID: s.wf.NewID(), Pathway: in.Pathway, Patient: kernel.Ref("Patient", kernel.IDOf(in.Patient)),
		Coordinator: in.Coordinator, Unit: kernel.Ref("Organization", s.wf.Unit()), Start: in.Start}
	return inst, s.save(ctx, inst, 0)
}

// RecordMilestone records that a milestone was held on a date, with its outcome; a closing
// milestone ends the pathway on that date.
func (s *Service) RecordMilestone(ctx context.Context, id, milestone string, at lawdata.Date, outcome string) (Instance, error) {
	return s.change(ctx, id, func(in *Instance, def Definition, by string) {
		in.Records = append(in.Records, Record{Milestone: milestone, At: at, Outcome: outcome, By: by})
		if m, ok := def.Milestone(milestone); ok && m.Closes && in.Active() {
			in.End = at
		}
	})
}

// ExtendMilestone moves a milestone's limit on by the pathway's extension, with the reason,
// granted on at.
func (s *Service) ExtendMilestone(ctx context.Context, id, milestone string, at lawdata.Date, reason string) (Instance, error) {
	return s.change(ctx, id, func(in *Instance, _ Definition, by string) {
		in.Extensions = append(in.Extensions, Extension{Milestone: milestone, At: at, Reason: reason, By: by})
	})
}

// DeclineMilestone records that the citizen declined a conversation on at; they are asked again.
func (s *Service) DeclineMilestone(ctx context.Context, id, milestone string, at lawdata.Date, note string) (Instance, error) {
	return s.change(ctx, id, func(in *Instance, _ Definition, by string) {
		in.Declines = append(in.Declines, Decline{Milestone: milestone, At: at, Note: note, By: by})
	})
}

// ClosePathway ends a running pathway on at.
func (s *Service) ClosePathway(ctx context.Context, id string, at lawdata.Date) (Instance, error) {
	return s.change(ctx, id, func(in *Instance, _ Definition, _ string) { in.End = at })
}

// change loads a pathway in reach, applies edit and saves it over the version read.
func (s *Service) change(ctx context.Context, id string, edit func(*Instance, Definition, string)) (Instance, error) {
	in, version, err := s.load(ctx, id)
	if err != nil {
		return in, err
	}
	p, err := s.wf.Reach(ctx, in.Patient)
	if err != nil {
		return in, apperr.New(apperr.NotFound, "EpisodeOfCare/%s is not known", id)
	}
	def, err := s.cat.Definition(in.Pathway, in.Start)
	if err != nil {
		return in, err
	}
	edit(&in, def, p.Ref())
	return in, s.save(ctx, in, version)
}

func (s *Service) save(ctx context.Context, in Instance, version int64) error {
	res, err := s.cat.ToFHIR(in)
	if err != nil {
		return kernel.Violation("Forløpet finnes ikke på startdatoen.", "The pathway is not in force on the start date.")
	}
	_, err = s.wf.Commit(ctx, workflow.Put{Res: res, IfMatch: version})
	return err
}

// load reads a pathway instance; NotFound when it is none.
func (s *Service) load(ctx context.Context, id string) (Instance, int64, error) {
	r, rec, err := s.wf.Get(ctx, "EpisodeOfCare", id)
	if err != nil {
		return Instance{}, 0, err
	}
	if !IsPathway(r) {
		return Instance{}, 0, apperr.New(apperr.NotFound, "EpisodeOfCare/%s is not a pathway", id)
	}
	in, err := FromFHIR(r)
	return in, rec.VersionID, err
}

// PathwaysOf are the citizen's pathways with their schedules on today, the running ones first;
// need-to-know, and the read logged.
func (s *Service) PathwaysOf(ctx context.Context, patient string) ([]Schedule, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	eps, err := s.wf.Find(ctx, "EpisodeOfCare", "patient", kernel.Ref("Patient", kernel.IDOf(patient)))
	if err != nil {
		return nil, err
	}
	ins, err := instances(eps)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ins, func(a, b Instance) int {
		if a.Active() != b.Active() {
			if a.Active() {
				return -1
			}
			return 1
		}
		return lawdata.CompareDates(b.Start, a.Start)
	})
	c := s.clock()
	out := make([]Schedule, 0, len(ins))
	for _, in := range ins {
		sc, err := c.Schedule(in)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	what := []string{"EpisodeOfCare?type=" + CSPathwayKind + "|"}
	for _, in := range ins {
		what = append(what, kernel.Ref("EpisodeOfCare", in.ID))
	}
	if err := s.wf.LogRead(ctx, patient, what...); err != nil {
		return nil, err
	}
	return out, nil
}

// AttentionItem is a milestone due soon or late, with the citizen's name for the lists.
type AttentionItem struct {
	Item
	PatientName string
}

// Attention lists the milestones due soon or late of the pathways in the asker's reach: a
// coordinator's own (careManager), the coordinating unit's for its staff. One search of the
// store per list (and a name read per citizen named); each citizen listed is logged as read.
func (s *Service) Attention(ctx context.Context) ([]AttentionItem, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	var eps []*fhir.Resource
	switch {
	case s.wf.IsUnitStaff(p):
		eps, err = s.wf.Find(ctx, "EpisodeOfCare", "organization", kernel.Ref("Organization", s.wf.Unit()), "status", "active")
	case p.Has(access.Coordinator) && p.PractitionerID != "":
		eps, err = s.wf.Find(ctx, "EpisodeOfCare", "care-manager", kernel.Ref("Practitioner", p.PractitionerID), "status", "active")
	default:
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ins, err := instances(eps)
	if err != nil {
		return nil, err
	}
	items, err := s.clock().Attention(ins)
	if err != nil {
		return nil, err
	}
	names := s.wf.Names()
	read := map[string][]string{} // per citizen listed, the pathways shown
	out := make([]AttentionItem, 0, len(items))
	for _, it := range items {
		if ref := kernel.Ref("EpisodeOfCare", it.Instance); !slices.Contains(read[it.Patient], ref) {
			read[it.Patient] = append(read[it.Patient], ref)
		}
		out = append(out, AttentionItem{Item: it, PatientName: names.Name(ctx, it.Patient)})
	}
	for _, patient := range slices.Sorted(maps.Keys(read)) {
		if err := s.wf.LogRead(ctx, patient, read[patient]...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// instances are the pathway instances among eps (another kind of episode is skipped).
func instances(eps []*fhir.Resource) ([]Instance, error) {
	var out []Instance
	for _, e := range eps {
		if !IsPathway(e) {
			continue
		}
		in, err := FromFHIR(e)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}
