package demo

import (
	"context"
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
)

// unitOf is a staff member's unit.
func unitOf(id string) string {
	i := slices.IndexFunc(staffList, func(s staff) bool { return s.id == id })
	return staffList[i].unit
}

var providerSees = []consent.PlanPart{consent.PartGoalWords, consent.PartGoalTargets, consent.PartMeasures, consent.PartMeasureProgress,
	consent.PartParticipants, consent.PartCoordinator, consent.PartPeriod, consent.PartMeetings}

// plan takes a case from consent to an active plan with meetings, tasks, progress and comments.
func (l *loader) plan(ctx context.Context, c caseSpec) error {
	coord := &access.Principal{Roles: []access.Role{access.Coordinator}, PractitionerID: c.coordinator, Units: []string{UnitKE}}
	cc := l.as(ctx, coord)
	l.at = l.at.AddDate(0, 0, 5)
	ip, err := l.co.OpenPlan(cc, c.patient, "Individuell plan")
	if err != nil {
		return err
	}
	in := consent.ConsentInput{Patient: c.patient, MakePlan: true}
	for _, p := range c.providers {
		in.Grants = append(in.Grants, consent.Grant{Participant: "Practitioner/" + p, Role: kernel.RoleProvider, See: providerSees})
	}
	if c.relative != "" {
		in.Grants = append(in.Grants, consent.Grant{Participant: "RelatedPerson/" + c.relative, Role: kernel.RoleRelative,
			See: consent.AllParts(), Write: []consent.PlanPart{consent.PartComments}})
	}
	if c.guardian != "" {
		in.GivenBy = "RelatedPerson/" + c.guardian
	}
	consent, err := l.co.RecordConsent(l.as(ctx, c.sender), in)
	if err != nil || c.stage == stConsent {
		return err
	}
	id := ip.ID
	for _, p := range c.providers {
		if _, err := l.co.AddParticipant(cc, id, plan.Participant{Ref: "Practitioner/" + p, Role: kernel.RoleProvider, Organization: "Organization/" + unitOf(p)}); err != nil {
			return err
		}
	}
	if c.relative != "" {
		if _, err := l.co.AddParticipant(cc, id, plan.Participant{Ref: "RelatedPerson/" + c.relative, Role: kernel.RoleRelative}); err != nil {
			return err
		}
	}
	for _, g := range c.goals {
		if _, err := l.co.AddGoal(cc, id, plan.GoalInput{Text: g, Target: "Vurderes ved evaluering"}); err != nil {
			return err
		}
	}
	for _, m := range c.measures {
		m.Period = kernel.Period{Start: l.at, End: l.at.AddDate(1, 0, 0)}
		if _, err := l.co.AddMeasure(cc, id, m); err != nil {
			return err
		}
	}
	coordText := "Koordinatoren kaller inn til ansvarsgruppemøte hver tredje måned og følger opp tiltakene mellom møtene."
	if _, err := l.co.SetText(cc, id, plan.PlanText{Coordination: &coordText,
		Resources: []string{"God støtte fra familien", "Motivert for trening"}, Needs: []string{"Hjelp til å samordne tjenestene"}}); err != nil {
		return err
	}
	if _, err := l.co.AddCooperation(cc, id, plan.Cooperation{Party: "Fastlegen", Purpose: "Medisinsk oppfølging"}); err != nil {
		return err
	}
	if _, err := l.co.SetPeriod(cc, id, kernel.Period{Start: l.at, End: l.at.AddDate(2, 0, 0)}, []time.Time{l.at.AddDate(0, 0, c.evalDays)}); err != nil {
		return err
	}
	own := "Jeg trener hjemme hver dag og sier fra når noe ikke fungerer."
	if _, err := l.co.SetText(l.as(ctx, c.sender), id, plan.PlanText{OwnContribution: &own}); err != nil {
		return err
	}
	if _, err := l.co.ActivatePlan(cc, id); err != nil {
		return err
	}
	if err := l.meetings(ctx, cc, c, id); err != nil {
		return err
	}
	if c.stage == stWithdrawn {
		l.at = l.at.AddDate(0, 0, 20)
		_, err = l.co.WithdrawConsent(l.as(ctx, c.sender), consent.ID)
	}
	return err
}

// meetings: one held (minutes, a follow-up task), progress from a provider, a comment, and the
// next one planned.
func (l *loader) meetings(ctx, cc context.Context, c caseSpec, id string) error {
	start := l.at.AddDate(0, 0, 7)
	participants := []string{"Patient/" + c.patient, "Practitioner/" + c.coordinator}
	for _, p := range c.providers {
		participants = append(participants, "Practitioner/"+p)
	}
	m, err := l.co.PlanMeeting(cc, meetings.MeetingInput{Plan: id, Start: start, Location: "Fjellvik rådhus, møterom 2", Participants: participants})
	if err != nil {
		return err
	}
	l.at = start.Add(2 * 3600e9)
	due := l.at.AddDate(0, 0, 10)
	if !c.lateTask {
		due = l.today.AddDate(0, 0, 10)
	}
	if _, err := l.co.HoldMeeting(cc, m.ID, "Gjennomgang av målene. Tiltakene er i gang; neste møte om tre måneder.",
		[]meetings.FollowUp{{Description: "Sende oppdatert plan til fastlegen", Owner: "Practitioner/" + c.coordinator, Due: due}}); err != nil {
		return err
	}
	for _, me := range c.measures {
		if me.ResponsiblePerson == "Practitioner/s-fysio" {
			v, err := l.co.Plan(cc, id)
			if err != nil {
				return err
			}
			for _, pm := range v.Plan.Measures {
				if pm.Title == me.Title {
					if _, err := l.co.RecordProgress(l.as(ctx, staffOf("s-fysio", UnitPhysio)), id, pm.ID, "Trening to ganger i uken; gangdistansen øker."); err != nil {
						return err
					}
				}
			}
		}
	}
	if _, err := l.co.Comment(l.as(ctx, c.sender), id, "Takk for et godt møte. Jeg vil gjerne ha treningen på formiddagen."); err != nil {
		return err
	}
	_, err = l.co.PlanMeeting(cc, meetings.MeetingInput{Plan: id, Start: l.today.AddDate(0, 0, 14), Location: "Fjellvik rådhus, møterom 2", Participants: participants})
	return err
}
