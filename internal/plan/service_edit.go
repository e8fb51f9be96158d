package plan

import (
	"context"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// GoalInput is a goal as the coordinator writes it down with the citizen: Text in the citizen's
// own words, an optional measurable target and due date, and Parent for a sub-goal.
type GoalInput struct {
	Text   string
	Target string
	Due    time.Time
	Parent string
}

func required(v, nb, en string) error {
	if strings.TrimSpace(v) == "" {
		return kernel.Text{NB: nb, EN: en}.Err(apperr.Unprocessable)
	}
	return nil
}

// AddGoal adds a goal (or a sub-goal) to the plan: the coordinator, who writes the structure
// and targets; the words are the citizen's and only the citizen changes them afterwards.
func (s *Service) AddGoal(ctx context.Context, planID string, in GoalInput) (IndividualPlan, error) {
	if err := required(in.Text, "Skriv målet med innbyggerens egne ord.", "Write the goal in the citizen's own words."); err != nil {
		return IndividualPlan{}, err
	}
	return s.Edit(ctx, planID, "goal-added",
		kernel.Text{NB: "Mål lagt til: " + in.Text, EN: "Goal added: " + in.Text},
		func(p *IndividualPlan) error {
			if in.Parent != "" && !hasGoal(*p, in.Parent) {
				return apperr.New(apperr.Unprocessable, "%s (%q)", kernel.Text{NB: "Hovedmålet finnes ikke i planen.", EN: "The main goal is not in the plan."}.String(), in.Parent)
			}
			p.Goals = append(p.Goals, Goal{ID: s.wf.ShortID(), Text: strings.TrimSpace(in.Text), Target: in.Target, Due: in.Due,
				Parent: in.Parent, Status: GoalActive})
			return nil
		})
}

func hasGoal(p IndividualPlan, id string) bool {
	for _, g := range p.Goals {
		if g.ID == id {
			return true
		}
	}
	return false
}

// SetGoalWords changes a goal's words: the citizen (or guardian) only.
func (s *Service) SetGoalWords(ctx context.Context, planID, goalID, text string) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "goal-words",
		kernel.Text{NB: "Innbyggeren endret ordlyden i et mål.", EN: "The citizen changed a goal's words."},
		func(p *IndividualPlan) error {
			for i := range p.Goals {
				if p.Goals[i].ID == goalID {
					p.Goals[i].Text = strings.TrimSpace(text)
					return required(text, "Skriv målet.", "Write the goal.")
				}
			}
			return apperr.New(apperr.NotFound, "goal %s is not in the plan", goalID)
		})
}

// ProposeGoal is the citizen proposing a goal in their own words.
func (s *Service) ProposeGoal(ctx context.Context, planID, text string) (IndividualPlan, error) {
	if err := required(text, "Skriv målet du foreslår.", "Write the goal you propose."); err != nil {
		return IndividualPlan{}, err
	}
	return s.Edit(ctx, planID, "goal-proposed",
		kernel.Text{NB: "Innbyggeren foreslo et mål: " + text, EN: "The citizen proposed a goal: " + text},
		func(p *IndividualPlan) error {
			author := p.Patient
			if a, _ := s.actorOf(ctx, *p); a != "" {
				author = a
			}
			p.GoalProposals = append(p.GoalProposals, GoalProposal{ID: "f" + s.wf.ShortID(), At: s.wf.Now(), Author: author, Text: strings.TrimSpace(text)})
			return nil
		})
}

// actorOf is the principal's own reference.
func (s *Service) actorOf(ctx context.Context, _ IndividualPlan) (string, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return "", err
	}
	return p.Ref(), nil
}

// AcceptGoalProposal takes the citizen's proposal into the plan word for word (coordinator):
// as a new goal, or, replaces naming a goal, as that goal's new words.
func (s *Service) AcceptGoalProposal(ctx context.Context, planID, proposalID, replaces string) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "goal-accepted",
		kernel.Text{NB: "Målforslaget er tatt inn i planen.", EN: "The goal proposal was taken into the plan."},
		func(p *IndividualPlan) error {
			np, err := AcceptGoalProposal(*p, proposalID, s.wf.ShortID(), replaces)
			*p = np
			return err
		})
}

// Comment is a remark on the plan by the citizen (or a relative allowed to comment).
func (s *Service) Comment(ctx context.Context, planID, text string) (IndividualPlan, error) {
	if err := required(text, "Skriv en kommentar.", "Write a comment."); err != nil {
		return IndividualPlan{}, err
	}
	quote := "«" + excerpt(strings.TrimSpace(text), 200) + "»"
	return s.Edit(ctx, planID, "comment",
		kernel.Text{NB: "Ny kommentar: " + quote, EN: "New comment: " + quote},
		func(p *IndividualPlan) error {
			author, _ := s.actorOf(ctx, *p)
			p.Comments = append(p.Comments, Comment{At: s.wf.Now(), Author: author, Text: strings.TrimSpace(text)})
			return nil
		})
}

// excerpt is text cut to at most n runes, with an ellipsis when cut: the log quotes, the plan
// keeps the whole.
func excerpt(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n-1]) + "…"
}

// AddMeasure adds a measure: provider, responsible person, scope and period (coordinator).
func (s *Service) AddMeasure(ctx context.Context, planID string, m Measure) (IndividualPlan, error) {
	if err := required(m.Title, "Tiltaket må ha et navn.", "The measure needs a title."); err != nil {
		return IndividualPlan{}, err
	}
	return s.Edit(ctx, planID, "measure-added",
		kernel.Text{NB: "Tiltak lagt til: " + m.Title, EN: "Measure added: " + m.Title},
		func(p *IndividualPlan) error {
			if m.ID == "" {
				m.ID = "m" + s.wf.ShortID()
			}
			if m.Status == "" {
				m.Status = MeasureNotStarted
			}
			if m.ProviderName == "" && m.Provider != "" {
				m.ProviderName = s.wf.Name(ctx, m.Provider)
			}
			if m.ResponsibleName == "" && m.ResponsiblePerson != "" {
				m.ResponsibleName = s.wf.Name(ctx, m.ResponsiblePerson)
			}
			p.Measures = append(p.Measures, m)
			return nil
		})
}

// RecordProgress is a provider's report on one of its own measures.
func (s *Service) RecordProgress(ctx context.Context, planID, measureID, text string) (IndividualPlan, error) {
	if err := required(text, "Skriv hva som er gjort.", "Write what was done."); err != nil {
		return IndividualPlan{}, err
	}
	return s.Edit(ctx, planID, "progress",
		kernel.Text{NB: "Fremdrift registrert på et tiltak.", EN: "Progress recorded on a measure."},
		func(p *IndividualPlan) error {
			author, _ := s.actorOf(ctx, *p)
			for i := range p.Measures {
				if p.Measures[i].ID == measureID {
					p.Measures[i].Progress = append(p.Measures[i].Progress, ProgressNote{At: s.wf.Now(), Author: author, Text: strings.TrimSpace(text)})
					if p.Measures[i].Status == MeasureNotStarted {
						p.Measures[i].Status = MeasureInProgress
					}
					return nil
				}
			}
			return apperr.New(apperr.NotFound, "measure %s is not in the plan", measureID)
		})
}

// AddParticipant adds someone to the work on the plan (coordinator). A participant whose
// access rests on a grant takes part until the grant ends.
func (s *Service) AddParticipant(ctx context.Context, planID string, pt Participant) (IndividualPlan, error) {
	if pt.Ref == "" || pt.Role == "" {
		return IndividualPlan{}, kernel.Text{NB: "Deltakeren må ha referanse og rolle.", EN: "A participant needs a reference and a role."}.Err(apperr.Unprocessable)
	}
	return s.Edit(ctx, planID, "participant-added",
		kernel.Text{NB: "Deltaker lagt til.", EN: "Participant added."},
		func(p *IndividualPlan) error {
			consents, err := s.consents.Read(ctx, p.Patient)
			if err != nil {
				return err
			}
			if pt.Name == "" {
				pt.Name = s.wf.Name(ctx, pt.Ref)
			}
			now := s.wf.Now()
			if pt.Period.Start.IsZero() {
				pt.Period.Start = now
			}
			sh := consent.SharingAt(consents, p.Patient, now)
			for _, who := range []string{pt.Ref, pt.Organization} {
				if u := sh.Access[who].Until; !u.IsZero() && (pt.Period.End.IsZero() || u.Before(pt.Period.End)) {
					pt.Period.End = u
				}
			}
			p.Participants = append(p.Participants, pt)
			return nil
		})
}

// PlanText is the free-text elements a plan holds; nil fields are left as they are.
type PlanText struct {
	OwnContribution *string // the citizen's (element 4)
	Coordination    *string // element 6
	Resources       []string
	Needs           []string
}

// SetText changes the plan's free-text elements; each field is checked against who may write it.
func (s *Service) SetText(ctx context.Context, planID string, in PlanText) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "text-changed", kernel.Text{NB: "Planteksten er endret.", EN: "The plan's text changed."},
		func(p *IndividualPlan) error {
			author, _ := s.actorOf(ctx, *p)
			if in.OwnContribution != nil {
				p.OwnContribution = strings.TrimSpace(*in.OwnContribution)
			}
			if in.Coordination != nil {
				p.Coordination = strings.TrimSpace(*in.Coordination)
			}
			if in.Resources != nil {
				p.Resources = entries(in.Resources, author)
			}
			if in.Needs != nil {
				p.Needs = entries(in.Needs, author)
			}
			return nil
		})
}

func entries(texts []string, author string) []Entry {
	var out []Entry
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, Entry{Text: t, Author: author})
		}
	}
	return out
}

// AddContribution records what a provider or relative will contribute (coordinator).
func (s *Service) AddContribution(ctx context.Context, planID string, c Contribution) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "contribution",
		kernel.Text{NB: "Bidrag registrert.", EN: "Contribution recorded."},
		func(p *IndividualPlan) error {
			p.Contributions = append(p.Contributions, c)
			return nil
		})
}

// AddCooperation records a partner the plan needs (element 9; coordinator).
func (s *Service) AddCooperation(ctx context.Context, planID string, c Cooperation) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "cooperation",
		kernel.Text{NB: "Samarbeidspart lagt til: " + c.Party, EN: "Cooperation partner added: " + c.Party},
		func(p *IndividualPlan) error {
			p.Cooperation = append(p.Cooperation, c)
			return nil
		})
}

// SetPeriod sets the plan period and the evaluation dates (element 7; coordinator).
func (s *Service) SetPeriod(ctx context.Context, planID string, period kernel.Period, evaluations []time.Time) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "period",
		kernel.Text{NB: "Planperiode og evalueringsdatoer er satt.", EN: "The plan period and evaluation dates were set."},
		func(p *IndividualPlan) error {
			p.Period, p.EvaluationDates = period, evaluations
			return nil
		})
}

// RecordEvaluation records the evaluation of one goal (coordinator).
func (s *Service) RecordEvaluation(ctx context.Context, planID string, e Evaluation) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "evaluated",
		kernel.Text{NB: "Et mål er evaluert.", EN: "A goal was evaluated."},
		func(p *IndividualPlan) error {
			if !hasGoal(*p, e.Goal) {
				return apperr.New(apperr.NotFound, "goal %s is not in the plan", e.Goal)
			}
			author, _ := s.actorOf(ctx, *p)
			if e.At.IsZero() {
				e.At = s.wf.Now()
			}
			e.By = author
			p.Evaluations = append(p.Evaluations, e)
			return nil
		})
}
