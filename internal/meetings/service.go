package meetings

import (
	"context"
	"slices"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/workflow"
)

// Service is the responsibility group's meetings and their follow-up tasks: planned and held by
// the plan's coordinator (the meetings' rule decides who may), their minutes and actions.
type Service struct {
	wf    *workflow.Base
	plans *plan.Service
}

// NewService returns the meetings' service on wf, reading and logging to plans.
func NewService(wf *workflow.Base, plans *plan.Service) *Service {
	return &Service{wf: wf, plans: plans}
}

// MeetingInput is a responsibility-group meeting to plan.
type MeetingInput struct {
	Plan         string // CarePlan id
	Start, End   time.Time
	Location     string
	Participants []string // references
}

// PlanMeeting plans a meeting (an Appointment); the plan's coordinator only.
func (s *Service) PlanMeeting(ctx context.Context, in MeetingInput) (Meeting, error) {
	l, err := s.reachPlan(ctx, in.Plan)
	if err != nil {
		return Meeting{}, err
	}
	if in.Start.IsZero() {
		return Meeting{}, kernel.Text{NB: "Møtet må ha en dato.", EN: "The meeting needs a date."}.Err(apperr.Unprocessable)
	}
	m := Meeting{ID: s.wf.NewID(), Plan: "CarePlan/" + l.ID, Patient: l.Patient, Start: in.Start, End: in.End,
		Location: in.Location, Status: MeetingPlanned, Participants: in.Participants}
	if m.End.IsZero() {
		m.End = m.Start.Add(time.Hour)
	}
	res, _ := MeetingToFHIR(m)
	_, err = s.wf.Commit(ctx, workflow.Put{Res: res})
	return m, err
}

// reachPlan loads the plan and checks need-to-know; who may plan, hold or follow up a meeting
// is the meeting's write rule's to decide, in the write's transaction.
func (s *Service) reachPlan(ctx context.Context, planID string) (plan.IndividualPlan, error) {
	l, err := s.plans.Load(ctx, planID)
	if err != nil {
		return l, err
	}
	if _, err := s.wf.Reach(ctx, l.Patient); err != nil {
		return l, apperr.New(apperr.NotFound, "CarePlan/%s is not known", planID)
	}
	return l, nil
}

// HoldMeeting records a planned meeting as held, with minutes and the agreed actions, each a
// follow-up Task with an owner and a due date (the law table's default when none is given).
func (s *Service) HoldMeeting(ctx context.Context, meetingID, minutes string, actions []FollowUp) (Meeting, error) {
	m, err := s.meeting(ctx, meetingID)
	if err != nil {
		return m, err
	}
	l, err := s.reachPlan(ctx, kernel.IDOf(m.Plan))
	if err != nil {
		return m, err
	}
	for i := range actions {
		if actions[i].ID == "" {
			actions[i].ID = s.wf.NewID()
		}
		if actions[i].OwnerName == "" {
			actions[i].OwnerName = s.wf.Name(ctx, actions[i].Owner)
		}
	}
	held, err := HoldMeeting(m, minutes, actions, s.wf.Law())
	if err != nil {
		return m, err
	}
	enc, tasks := MeetingToFHIR(held)
	puts := []workflow.Put{{Res: enc}}
	for _, t := range tasks {
		puts = append(puts, workflow.Put{Res: t})
	}
	if _, err := s.wf.Commit(ctx, puts...); err != nil {
		return m, err
	}
	// the appointment is kept as booked → fulfilled, so the meeting is one record of each kind
	if appt, _, err := s.wf.Get(ctx, "Appointment", meetingID); err == nil {
		appt.Object().Set("status", "fulfilled")
		if _, err := s.wf.Commit(ctx, workflow.Put{Res: appt}); err != nil {
			return held, err
		}
	}
	_, err = s.plans.Edit(ctx, l.ID, "meeting-held",
		kernel.Text{NB: "Ansvarsgruppemøte holdt " + held.Start.Format("02.01.2006") + ".", EN: "Responsibility-group meeting held on " + held.Start.Format("2 January 2006") + "."},
		func(*plan.IndividualPlan) error { return nil })
	return held, err
}

// meeting reads a meeting: the Encounter when held, else the Appointment.
func (s *Service) meeting(ctx context.Context, id string) (Meeting, error) {
	r, _, err := s.wf.Get(ctx, "Encounter", id)
	if err != nil {
		if r, _, err = s.wf.Get(ctx, "Appointment", id); err != nil {
			return Meeting{}, err
		}
	}
	var tasks []*fhir.Resource
	if r.Type() == "Encounter" {
		tasks, _ = s.wf.Find(ctx, "Task", "encounter", "Encounter/"+id)
	}
	m, err := MeetingFromFHIR(r, tasks)
	if err != nil {
		return m, err
	}
	if _, err := s.wf.Reach(ctx, m.Patient); err != nil {
		return Meeting{}, apperr.New(apperr.NotFound, "meeting %s is not known", id)
	}
	return m, nil
}

// Meetings lists the plan's meetings, by date.
func (s *Service) Meetings(ctx context.Context, planID string) ([]Meeting, error) {
	if _, err := s.plans.Plan(ctx, planID); err != nil {
		return nil, err
	}
	return s.OfPlan(ctx, planID)
}

// OfPlan lists the plan's meetings, by date, without need-to-know or the access log: for
// another area's service, which checks and logs what it shows.
func (s *Service) OfPlan(ctx context.Context, planID string) ([]Meeting, error) {
	l, err := s.plans.Load(ctx, planID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []Meeting
	for _, typ := range []string{"Encounter", "Appointment"} {
		rs, err := s.wf.Find(ctx, typ, "patient", l.Patient)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if seen[r.ID()] {
				continue
			}
			var tasks []*fhir.Resource
			if typ == "Encounter" {
				tasks, _ = s.wf.Find(ctx, "Task", "encounter", "Encounter/"+r.ID())
			}
			m, err := MeetingFromFHIR(r, tasks)
			if err != nil || m.Plan != "CarePlan/"+planID {
				continue
			}
			seen[r.ID()] = true
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b Meeting) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// CompleteTask marks a follow-up done: its owner or the plan's coordinator.
func (s *Service) CompleteTask(ctx context.Context, taskID string) (FollowUp, error) {
	r, rec, err := s.wf.Get(ctx, "Task", taskID)
	if err != nil {
		return FollowUp{}, err
	}
	f, err := FollowUpFromFHIR(r)
	if err != nil {
		return f, err
	}
	// who may mark it done (its owner, or the plan's coordinator) is the task rule's to decide
	if _, err := s.wf.Reach(ctx, f.Patient); err != nil {
		return FollowUp{}, apperr.New(apperr.NotFound, "Task/%s is not known", taskID)
	}
	f.Status, f.Done = FollowUpDone, s.wf.Now()
	_, err = s.wf.Commit(ctx, workflow.Put{Res: FollowUpToFHIR(f), IfMatch: rec.VersionID})
	return f, err
}
