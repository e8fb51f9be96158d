package coordination

import (
	"context"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/care"
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
		return care.Text{NB: nb, EN: en}.Err(apperr.Unprocessable)
	}
	return nil
}

// AddGoal adds a goal (or a sub-goal) to the plan: the coordinator, who writes the structure
// and targets; the words are the citizen's and only the citizen changes them afterwards.
func (s *Service) AddGoal(ctx context.Context, planID string, in GoalInput) (care.IndividualPlan, error) {
	if err := required(in.Text, "Skriv målet med innbyggerens egne ord.", "Write the goal in the citizen's own words."); err != nil {
		return care.IndividualPlan{}, err
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartGoalTargets}}, "goal-added",
		care.Text{NB: "Mål lagt til: " + in.Text, EN: "Goal added: " + in.Text},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			if in.Parent != "" && !hasGoal(*p, in.Parent) {
				return apperr.New(apperr.Unprocessable, "%s (%q)", care.Text{NB: "Hovedmålet finnes ikke i planen.", EN: "The main goal is not in the plan."}.String(), in.Parent)
			}
			p.Goals = append(p.Goals, care.Goal{ID: s.shortID(), Text: strings.TrimSpace(in.Text), Target: in.Target, Due: in.Due,
				Parent: in.Parent, Status: care.GoalActive})
			return nil
		})
}

func hasGoal(p care.IndividualPlan, id string) bool {
	for _, g := range p.Goals {
		if g.ID == id {
			return true
		}
	}
	return false
}

// SetGoalWords changes a goal's words: the citizen (or guardian) only.
func (s *Service) SetGoalWords(ctx context.Context, planID, goalID, text string) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartGoalWords}}, "goal-words",
		care.Text{NB: "Innbyggeren endret ordlyden i et mål.", EN: "The citizen changed a goal's words."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
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
func (s *Service) ProposeGoal(ctx context.Context, planID, text string) (care.IndividualPlan, error) {
	if err := required(text, "Skriv målet du foreslår.", "Write the goal you propose."); err != nil {
		return care.IndividualPlan{}, err
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartGoalProposals}}, "goal-proposed",
		care.Text{NB: "Innbyggeren foreslo et mål: " + text, EN: "The citizen proposed a goal: " + text},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			author := p.Patient
			if a, _ := s.actorOf(ctx, *p); a != "" {
				author = a
			}
			p.GoalProposals = append(p.GoalProposals, care.GoalProposal{ID: "f" + s.shortID(), At: s.now(), Author: author, Text: strings.TrimSpace(text)})
			return nil
		})
}

// actorOf is the principal's own reference.
func (s *Service) actorOf(ctx context.Context, _ care.IndividualPlan) (string, error) {
	p, err := principal(ctx)
	if err != nil {
		return "", err
	}
	return ownRef(p), nil
}

// AcceptGoalProposal takes the citizen's proposal into the plan word for word (coordinator).
func (s *Service) AcceptGoalProposal(ctx context.Context, planID, proposalID string) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartGoalTargets}}, "goal-accepted",
		care.Text{NB: "Målforslaget er tatt inn i planen.", EN: "The goal proposal was taken into the plan."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			np, err := care.AcceptGoalProposal(*p, proposalID, s.shortID())
			*p = np
			return err
		})
}

// Comment is a remark on the plan by the citizen (or a relative allowed to comment).
func (s *Service) Comment(ctx context.Context, planID, text string) (care.IndividualPlan, error) {
	if err := required(text, "Skriv en kommentar.", "Write a comment."); err != nil {
		return care.IndividualPlan{}, err
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartComments}}, "comment",
		care.Text{NB: "Ny kommentar.", EN: "New comment."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			author, _ := s.actorOf(ctx, *p)
			p.Comments = append(p.Comments, care.Comment{At: s.now(), Author: author, Text: strings.TrimSpace(text)})
			return nil
		})
}

// AddMeasure adds a measure: provider, responsible person, scope and period (coordinator).
func (s *Service) AddMeasure(ctx context.Context, planID string, m care.Measure) (care.IndividualPlan, error) {
	if err := required(m.Title, "Tiltaket må ha et navn.", "The measure needs a title."); err != nil {
		return care.IndividualPlan{}, err
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartMeasures}}, "measure-added",
		care.Text{NB: "Tiltak lagt til: " + m.Title, EN: "Measure added: " + m.Title},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			if m.ID == "" {
				m.ID = "m" + s.shortID()
			}
			if m.Status == "" {
				m.Status = care.MeasureNotStarted
			}
			if m.ProviderName == "" && m.Provider != "" {
				m.ProviderName = s.patientName(ctx, m.Provider)
			}
			if m.ResponsibleName == "" && m.ResponsiblePerson != "" {
				m.ResponsibleName = s.patientName(ctx, m.ResponsiblePerson)
			}
			p.Measures = append(p.Measures, m)
			return nil
		})
}

// RecordProgress is a provider's report on one of its own measures.
func (s *Service) RecordProgress(ctx context.Context, planID, measureID, text string) (care.IndividualPlan, error) {
	if err := required(text, "Skriv hva som er gjort.", "Write what was done."); err != nil {
		return care.IndividualPlan{}, err
	}
	l, err := s.loadPlan(ctx, planID)
	if err != nil {
		return care.IndividualPlan{}, err
	}
	owner := ""
	for _, m := range l.plan.Measures {
		if m.ID == measureID {
			owner = m.Provider
		}
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartMeasureProgress, Owner: owner}}, "progress",
		care.Text{NB: "Fremdrift registrert på et tiltak.", EN: "Progress recorded on a measure."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			author, _ := s.actorOf(ctx, *p)
			for i := range p.Measures {
				if p.Measures[i].ID == measureID {
					p.Measures[i].Progress = append(p.Measures[i].Progress, care.ProgressNote{At: s.now(), Author: author, Text: strings.TrimSpace(text)})
					if p.Measures[i].Status == care.MeasureNotStarted {
						p.Measures[i].Status = care.MeasureInProgress
					}
					return nil
				}
			}
			return apperr.New(apperr.NotFound, "measure %s is not in the plan", measureID)
		})
}

// AddParticipant adds someone to the work on the plan (coordinator). A participant whose
// access rests on a grant takes part until the grant ends.
func (s *Service) AddParticipant(ctx context.Context, planID string, pt care.Participant) (care.IndividualPlan, error) {
	if pt.Ref == "" || pt.Role == "" {
		return care.IndividualPlan{}, care.Text{NB: "Deltakeren må ha referanse og rolle.", EN: "A participant needs a reference and a role."}.Err(apperr.Unprocessable)
	}
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartParticipants}}, "participant-added",
		care.Text{NB: "Deltaker lagt til.", EN: "Participant added."},
		func(p *care.IndividualPlan, consents []care.Consent) error {
			if pt.Name == "" {
				pt.Name = s.patientName(ctx, pt.Ref)
			}
			now := s.now()
			if pt.Period.Start.IsZero() {
				pt.Period.Start = now
			}
			sh := care.SharingAt(consents, p.Patient, now)
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
func (s *Service) SetText(ctx context.Context, planID string, in PlanText) (care.IndividualPlan, error) {
	var edits []care.Edit
	if in.OwnContribution != nil {
		edits = append(edits, care.Edit{Part: care.PartOwnContribution})
	}
	if in.Coordination != nil {
		edits = append(edits, care.Edit{Part: care.PartCoordination})
	}
	if in.Resources != nil {
		edits = append(edits, care.Edit{Part: care.PartResources})
	}
	if in.Needs != nil {
		edits = append(edits, care.Edit{Part: care.PartNeeds})
	}
	return s.edit(ctx, planID, edits, "text-changed", care.Text{NB: "Planteksten er endret.", EN: "The plan's text changed."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
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

func entries(texts []string, author string) []care.Entry {
	var out []care.Entry
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, care.Entry{Text: t, Author: author})
		}
	}
	return out
}

// AddContribution records what a provider or relative will contribute (coordinator).
func (s *Service) AddContribution(ctx context.Context, planID string, c care.Contribution) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartContributions}}, "contribution",
		care.Text{NB: "Bidrag registrert.", EN: "Contribution recorded."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			p.Contributions = append(p.Contributions, c)
			return nil
		})
}

// AddCooperation records a partner the plan needs (element 9; coordinator).
func (s *Service) AddCooperation(ctx context.Context, planID string, c care.Cooperation) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartCooperation}}, "cooperation",
		care.Text{NB: "Samarbeidspart lagt til: " + c.Party, EN: "Cooperation partner added: " + c.Party},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			p.Cooperation = append(p.Cooperation, c)
			return nil
		})
}

// SetPeriod sets the plan period and the evaluation dates (element 7; coordinator).
func (s *Service) SetPeriod(ctx context.Context, planID string, period care.Period, evaluations []time.Time) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartPeriod}}, "period",
		care.Text{NB: "Planperiode og evalueringsdatoer er satt.", EN: "The plan period and evaluation dates were set."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			p.Period, p.EvaluationDates = period, evaluations
			return nil
		})
}

// RecordEvaluation records the evaluation of one goal (coordinator).
func (s *Service) RecordEvaluation(ctx context.Context, planID string, e care.Evaluation) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartEvaluations}}, "evaluated",
		care.Text{NB: "Et mål er evaluert.", EN: "A goal was evaluated."},
		func(p *care.IndividualPlan, _ []care.Consent) error {
			if !hasGoal(*p, e.Goal) {
				return apperr.New(apperr.NotFound, "goal %s is not in the plan", e.Goal)
			}
			author, _ := s.actorOf(ctx, *p)
			if e.At.IsZero() {
				e.At = s.now()
			}
			e.By = author
			p.Evaluations = append(p.Evaluations, e)
			return nil
		})
}
