package coordination

import (
	"slices"
	"strings"
	"testing"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// decidedOffice is an office where the citizen's home help is granted and the safety alarm
// refused, on 12 March 2026.
func decidedOffice(t *testing.T, st store.Store) (o *office, granted, refused allocation.Decision) {
	t.Helper()
	o = newOffice(t, st)
	a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
	o.clock.Set(start.AddDate(0, 0, 10))
	granted = must[allocation.Decision](t)(o.co.Decide(as(o.officer), grantHomeHelp(a.Reference)))
	refused = must[allocation.Decision](t)(o.co.Decide(as(o.officer), refuseAlarm(a.Reference)))
	return o, granted, refused
}

func TestAppeal(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, _, refused := decidedOffice(t, st)
		in := allocation.AppealInput{Decision: refused.ID, Text: "Jeg har falt to ganger og trenger alarmen."}
		for _, tc := range []struct {
			name string
			who  *office
			in   allocation.AppealInput
			code apperr.Code
		}{
			{"another citizen", o, in, apperr.NotFound},
			{"no words", o, allocation.AppealInput{Decision: refused.ID, Text: " "}, apperr.Unprocessable},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := o.other
				if tc.name == "no words" {
					p = o.citizen
				}
				_, err := o.co.Appeal(as(p), tc.in)
				fixture.WantCode(t, err, tc.code)
			})
		}
		a := must[allocation.Appeal](t)(o.co.Appeal(as(o.citizen), in))
		if a.Status != allocation.AppealReceived || a.DaysLate != 0 || a.Appellant != "Patient/p1" || a.Reference != refused.Reference {
			t.Errorf("the appeal: %+v", a)
		}
		_, err := o.co.Appeal(as(o.citizen), in)
		fixture.WantCode(t, err, apperr.Conflict)
		_, err = o.co.ReassessAppeal(as(o.citizen), allocation.ReassessInput{Appeal: a.ID, Assessment: "x"})
		fixture.WantCode(t, err, apperr.Forbidden)
		_, err = o.co.RecordAppealOutcome(as(o.officer), allocation.OutcomeInput{Appeal: a.ID, Status: allocation.AppealUpheld, Outcome: "x", Date: o.clock.Now()})
		fixture.WantCode(t, err, apperr.Conflict) // not forwarded yet

		fwd := must[allocation.Appeal](t)(o.co.ReassessAppeal(as(o.officer), allocation.ReassessInput{Appeal: a.ID,
			Assessment: "Fallene skjedde ute; alarmen virker bare i hjemmet."}))
		if fwd.Status != allocation.AppealForwarded || fwd.Forwarded.IsZero() {
			t.Errorf("forwarded: %+v", fwd)
		}
		o.clock.Set(start.AddDate(0, 2, 0))
		_, err = o.co.RecordAppealOutcome(as(o.officer), allocation.OutcomeInput{Appeal: a.ID, Status: allocation.AppealReceived, Outcome: "x", Date: o.clock.Now()})
		fixture.WantCode(t, err, apperr.Unprocessable)
		_, err = o.co.RecordAppealOutcome(as(o.officer), allocation.OutcomeInput{Appeal: a.ID, Status: allocation.AppealUpheld, Outcome: "x", Date: start.AddDate(1, 0, 0)})
		fixture.WantCode(t, err, apperr.Unprocessable) // a date in the future
		done := must[allocation.Appeal](t)(o.co.RecordAppealOutcome(as(o.officer), allocation.OutcomeInput{Appeal: a.ID,
			Status: allocation.AppealUpheld, Outcome: "Statsforvalteren er enig.", Date: start.AddDate(0, 1, 25)}))
		if done.Status != allocation.AppealUpheld || !done.Status.Closed() || done.Outcome != "Statsforvalteren er enig." {
			t.Errorf("the outcome: %+v", done)
		}
		// the appeal body's system reads the appeal, its decision and its letter
		back := must[allocation.Appeal](t)(o.co.AppealByID(as(o.system), a.ID))
		if back.Outcome != done.Outcome || back.Assessment != fwd.Assessment || back.Text != in.Text {
			t.Errorf("the appeal read back: %+v", back)
		}
		if l := must[messages.Message](t)(o.co.DecisionLetterOf(as(o.system), refused.ID)); l.PDF == nil {
			t.Error("the decision's letter has no PDF over the API")
		}
	})
}

// TestLateAppeal: an appeal after the deadline is taken in with its days late (fvl § 31 lets
// the office take it up); a paper appeal keeps the date it came.
func TestLateAppeal(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, granted, refused := decidedOffice(t, st)
		// home help: four weeks to 9 April; on 14 April the appeal is five days late
		o.clock.Set(granted.AppealBy.AddDate(0, 0, 5))
		late := must[allocation.Appeal](t)(o.co.Appeal(as(o.citizen), allocation.AppealInput{Decision: granted.ID, Text: "Tre timer er for lite."}))
		if late.DaysLate != 5 {
			t.Errorf("days late: %d, want 5", late.DaysLate)
		}
		// the safety alarm's three weeks end 7 April; a letter stamped 6 April is in time
		paper := must[allocation.Appeal](t)(o.co.RegisterPaperAppeal(as(o.officer), allocation.AppealInput{Decision: refused.ID,
			Text: "Brev: jeg trenger alarmen.", Received: refused.AppealBy.AddDate(0, 0, -1)}, ""))
		if paper.DaysLate != 0 || paper.Recorder != "Practitioner/s1" || paper.Appellant != "Patient/p1" {
			t.Errorf("the paper appeal: %+v", paper)
		}
		_, err := o.co.RegisterPaperAppeal(as(o.citizen), allocation.AppealInput{Decision: refused.ID, Text: "x"}, "")
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestAppealChangesTheDecision: the office gives the appellant what they asked; a new decision
// with its own letter replaces the old one, and the appeal closes.
func TestAppealChangesTheDecision(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, _, refused := decidedOffice(t, st)
		a := must[allocation.Appeal](t)(o.co.Appeal(as(o.citizen), allocation.AppealInput{Decision: refused.ID, Text: "Jeg har falt to ganger."}))
		o.clock.Set(start.AddDate(0, 0, 20))
		change := allocation.Decision{Outcome: allocation.Granted, Start: o.clock.Now().AddDate(0, 0, 3), Review: o.clock.Now().AddDate(1, 0, 0),
			Provider: "Organization/homecare", Reasons: allocation.Reasons{Facts: "To fall i hjemmet siden vedtaket.", Considerations: "Ny risiko."}}
		got := must[allocation.Appeal](t)(o.co.ReassessAppeal(as(o.officer), allocation.ReassessInput{Appeal: a.ID, Assessment: "Nye opplysninger om fall.", Change: &change}))
		if got.Status != allocation.AppealChanged || got.NewDecision == "" {
			t.Fatalf("the appeal after the change: %+v", got)
		}
		decisions := must[[]allocation.Decision](t)(o.co.DecisionsOf(as(o.citizen), "p1"))
		var old, repl allocation.Decision
		for _, d := range decisions {
			switch "ServiceRequest/" + d.ID {
			case refused.Letter, "ServiceRequest/" + refused.ID:
				old = d
			case got.NewDecision:
				repl = d
			}
		}
		if old.Status != allocation.Replaced || repl.Status != allocation.Signed || repl.Outcome != allocation.Granted || repl.Replaces != "ServiceRequest/"+refused.ID {
			t.Errorf("old %+v, new %+v", old, repl)
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if len(letters) != 3 || !strings.Contains(letters[0].Text, "Du får trygghetsalarm.") {
			t.Errorf("the new decision's letter: %d letters, newest %q", len(letters), letters[0].Text[:60])
		}
		_, err := o.co.Appeal(as(o.citizen), allocation.AppealInput{Decision: refused.ID, Text: "x"})
		fixture.WantCode(t, err, apperr.Conflict) // the replaced decision is no longer in force
	})
}

// TestCarerIsAParty: carer allowance applied for by the relative who gives the care: the
// carer gets the decision letter of their own and may appeal in their own name.
func TestCarerIsAParty(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.relative), allocation.ApplicationInput{Subject: "p1", Services: []string{"carer-allowance"},
			Need: "Jeg steller mor hver dag.", CitizenConsent: true})).Application
		d := must[allocation.Decision](t)(o.co.Decide(as(o.officer), allocation.DecisionInput{Reference: a.Reference, Service: "carer-allowance",
			Decision: allocation.Decision{Outcome: allocation.Refused, Reasons: allocation.Reasons{Rules: "Kommunens retningslinjer for omsorgsstønad.",
				Facts: "Omsorgen er om lag fire timer i uka.", Considerations: "Omsorgsarbeidet er ikke særlig tyngende."}}}))
		if d.Carer != "RelatedPerson/rp1" {
			t.Fatalf("the carer of the decision: %q", d.Carer)
		}
		mine := must[[]messages.Message](t)(o.co.LettersToMe(as(o.relative)))
		if len(mine) != 1 || !strings.Contains(mine[0].Text, "Vedtak om omsorgsstønad") || mine[0].PDF == nil {
			t.Fatalf("the carer's letters: %+v", mine)
		}
		if got := must[[]allocation.Decision](t)(o.co.DecisionsAsParty(as(o.relative))); len(got) != 1 || got[0].ID != d.ID {
			t.Errorf("the carer's decisions: %+v", got)
		}
		ap := must[allocation.Appeal](t)(o.co.Appeal(as(o.relative), allocation.AppealInput{Decision: d.ID, Text: "Jeg steller mor om natta også."}))
		if ap.Appellant != "RelatedPerson/rp1" {
			t.Errorf("the carer's appeal: %+v", ap)
		}
		// the citizen may appeal too, in her own name
		own := must[allocation.Appeal](t)(o.co.Appeal(as(o.citizen), allocation.AppealInput{Decision: d.ID, Text: "Jeg er enig med sønnen min."}))
		if own.Appellant != "Patient/p1" {
			t.Errorf("the citizen's appeal: %+v", own)
		}
		// a relative who is not the carer is no party
		_, err := o.co.Appeal(as(o.guardian), allocation.AppealInput{Decision: d.ID, Text: "x"})
		fixture.WantCode(t, err, apperr.NotFound)
	})
}

// TestAppealBodyChangesTheDecision: the appeal goes to the appeal body with the case's
// documents; its outcome changes the decision, and the office carries it out with a new one.
func TestAppealBodyChangesTheDecision(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, _, refused := decidedOffice(t, st)
		doc := must[allocation.Attachment](t)(o.co.AddCaseDocument(as(o.officer), refused.Reference, allocation.Upload{Name: "hjemmebesøk.pdf", Data: aPDF}))
		a := must[allocation.Appeal](t)(o.co.Appeal(as(o.citizen), allocation.AppealInput{Decision: refused.ID, Text: "Jeg trenger alarmen."}))
		change := allocation.Decision{Outcome: allocation.Granted, Start: o.clock.Now().AddDate(0, 0, 3), Review: o.clock.Now().AddDate(1, 0, 0),
			Provider: "Organization/homecare", Reasons: allocation.Reasons{Facts: "Statsforvalteren la vekt på fallene.", Considerations: "Statsforvalterens vedtak."}}
		_, err := o.co.CarryOutOutcome(as(o.officer), a.ID, change, "", "")
		fixture.WantCode(t, err, apperr.Conflict) // not decided by the appeal body yet
		fwd := must[allocation.Appeal](t)(o.co.ReassessAppeal(as(o.officer), allocation.ReassessInput{Appeal: a.ID, Assessment: "Opprettholdes."}))
		for _, want := range []string{refused.Applied, "DocumentReference/" + doc.ID, "ServiceRequest/" + refused.ID, refused.Letter} {
			if !slices.Contains(fwd.Documents, want) {
				t.Errorf("the case sent to the appeal body lacks %s: %v", want, fwd.Documents)
			}
		}
		o.clock.Set(start.AddDate(0, 1, 0))
		must[allocation.Appeal](t)(o.co.RecordAppealOutcome(as(o.officer), allocation.OutcomeInput{Appeal: a.ID, Status: allocation.AppealReversed,
			Outcome: "Statsforvalteren gir henne trygghetsalarm.", Date: o.clock.Now()}))
		_, err = o.co.CarryOutOutcome(as(o.citizen), a.ID, change, "", "")
		fixture.WantCode(t, err, apperr.Forbidden)
		done := must[allocation.Appeal](t)(o.co.CarryOutOutcome(as(o.officer), a.ID, change, "", ""))
		nd := must[allocation.Decision](t)(o.co.DecisionByID(as(o.citizen), kernel.IDOf(done.NewDecision)))
		if nd.Outcome != allocation.Granted || nd.Replaces != "ServiceRequest/"+refused.ID || nd.Letter == "" {
			t.Errorf("the decision carrying out the outcome: %+v", nd)
		}
		_, err = o.co.CarryOutOutcome(as(o.officer), a.ID, change, "", "")
		fixture.WantCode(t, err, apperr.Conflict) // carried out once
	})
}
