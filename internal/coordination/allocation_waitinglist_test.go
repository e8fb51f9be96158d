package coordination

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// longTermStay is the officer's decision: a long-term stay granted, placed as said.
func longTermStay(ref string, placement allocation.Placement) allocation.DecisionInput {
	return allocation.DecisionInput{Reference: ref, Service: allocation.LongTermStay, Decision: allocation.Decision{
		Outcome: allocation.Granted, Placement: placement, Criteria: []string{"round-the-clock-care", "cognitive-impairment"},
		Review: start.AddDate(0, 6, 0),
		Reasons: allocation.Reasons{Facts: "Hun trenger tilsyn om natta; hjemmetjenesten kommer fire ganger i døgnet.",
			Considerations: "Hun kan bo trygt hjemme en tid til med tjenestene hun har."}}}
}

// TestWaitingList (issue 14, part 1): a citizen who meets the criteria and can live safely at
// home gets a decision and a place on the list from the day it was signed; the office sees
// the days waited and the list's figures on a test clock, offers a place; a declined offer
// keeps the place in the queue, an accepted one ends the wait: the decision gets its unit and
// start and the place leaves the list.
func TestWaitingList(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{allocation.LongTermStay},
			Need: "Jeg er redd om natta og klarer ikke trappa."})).Application
		no := longTermStay(a.Reference, allocation.SafeAtHome)
		no.Decision.Criteria = nil
		_, err := o.co.Decide(as(o.officer), no)
		fixture.WantCode(t, err, apperr.Unprocessable) // a long-term stay needs a criterion met
		d := must[allocation.Decision](t)(o.co.Decide(as(o.officer), longTermStay(a.Reference, allocation.SafeAtHome)))
		if d.Provider != "" || !d.Start.IsZero() || !d.Waits() {
			t.Fatalf("the decision on the list: %+v", d)
		}
		mine := must[[]allocation.WaitingPlace](t)(o.co.WaitingOf(as(o.citizen), "p1"))
		if len(mine) != 1 || mine[0].Status != allocation.OnList || !mine[0].Since.Equal(start) {
			t.Fatalf("the citizen's places: %+v", mine)
		}
		_, err = o.co.WaitingOf(as(o.other), "p1")
		fixture.WantCode(t, err, apperr.NotFound)
		_, err = o.co.OfficeWaitingList(as(o.citizen))
		fixture.WantCode(t, err, apperr.Forbidden)
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if len(letters) != 1 || !strings.Contains(letters[0].Text, "står på ventelisten fra 02.03.2026") ||
			!strings.Contains(letters[0].Text, "Har behov for helsehjelp og tilsyn hele døgnet") {
			t.Errorf("the letter: %+v", letters)
		}

		o.clock.Set(start.AddDate(0, 0, 21))
		list := must[allocation.WaitingList](t)(o.co.OfficeWaitingList(as(o.officer)))
		if len(list.Rows) != 1 || list.Rows[0].Days != 21 || list.Rows[0].Name != "Siri Testmo" ||
			list.Stats != (allocation.WaitStats{Count: 1, Median: 21, Longest: 21}) {
			t.Fatalf("the office's list: %+v", list)
		}
		id := list.Rows[0].ID
		_, err = o.co.OfferPlace(as(o.officer), id, "Organization/homecare", start) // in the past
		fixture.WantCode(t, err, apperr.Unprocessable)
		must[allocation.WaitingPlace](t)(o.co.OfferPlace(as(o.officer), id, "Organization/homecare", start.AddDate(0, 0, 30)))
		_, err = o.co.OfferPlace(as(o.officer), id, "Organization/homecare", start.AddDate(0, 0, 31))
		fixture.WantCode(t, err, apperr.Conflict) // one offer at a time
		_, err = o.co.AnswerOffer(as(o.other), id, true)
		fixture.WantCode(t, err, apperr.NotFound)
		_, err = o.co.AnswerOffer(as(o.relative), id, true) // in reach only through a consent: none here
		fixture.WantCode(t, err, apperr.NotFound)

		declined := must[allocation.WaitingPlace](t)(o.co.AnswerOffer(as(o.citizen), id, false))
		if declined.Status != allocation.OnList || !declined.Since.Equal(start) || declined.Offers[0].Answer != allocation.Declined || declined.Offers[0].RecordedBy != "" {
			t.Errorf("declined: %+v", declined)
		}
		if got := must[allocation.Decision](t)(o.co.DecisionByID(as(o.officer), d.ID)); got.Provider != "" {
			t.Errorf("a declined offer placed the decision: %+v", got)
		}
		o.clock.Set(start.AddDate(0, 0, 40))
		must[allocation.WaitingPlace](t)(o.co.OfferPlace(as(o.officer), id, "Organization/homecare", start.AddDate(0, 0, 45)))
		// the office records the citizen's yes on her behalf (she phoned)
		placed := must[allocation.WaitingPlace](t)(o.co.AnswerOffer(as(o.officer), id, true))
		if placed.Status != allocation.Placed || placed.Offers[1].RecordedBy != "Practitioner/s1" || placed.DaysWaited(start.AddDate(0, 0, 90)) != 40 {
			t.Errorf("placed: %+v", placed)
		}
		got := must[allocation.Decision](t)(o.co.DecisionByID(as(o.officer), d.ID))
		if got.Provider != "Organization/homecare" || got.Start.Format(time.DateOnly) != "2026-04-16" || got.Waits() {
			t.Errorf("the placed decision: %+v", got)
		}
		if list := must[allocation.WaitingList](t)(o.co.OfficeWaitingList(as(o.officer))); len(list.Rows) != 0 || list.Stats.Count != 0 {
			t.Errorf("the list after the place was accepted: %+v", list)
		}
		// nobody places the decision elsewhere than the place accepted
		got.Provider = "Organization/physio"
		_, _, err = o.svc.Update(as(o.officer), "ServiceRequest", got.ID, reparsed(t, allocation.DecisionToFHIR(got, DefaultOffice)), "")
		fixture.WantCode(t, err, apperr.Unprocessable)
	})
}

// TestOnlySafeOptionIsNeverOnTheList (issue 14, part 1): a citizen for whom a long-term stay is
// the only safe option gets a place (a unit and a start) and no place on the list; the write
// rule refuses putting them on it, through the API as through the services.
func TestOnlySafeOptionIsNeverOnTheList(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{allocation.LongTermStay},
			Need: "Jeg faller hver natt."})).Application
		in := longTermStay(a.Reference, allocation.OnlySafeOption)
		_, err := o.co.Decide(as(o.officer), in)
		fixture.WantCode(t, err, apperr.Unprocessable) // the only safe option needs a place now
		in.Decision.Provider, in.Decision.Start = "Organization/homecare", start.AddDate(0, 0, 2)
		d := must[allocation.Decision](t)(o.co.Decide(as(o.officer), in))
		if places := must[[]allocation.WaitingPlace](t)(o.co.WaitingOf(as(o.officer), "p1")); len(places) != 0 {
			t.Fatalf("the only safe option put her on the list: %+v", places)
		}
		task := allocation.WaitingPlaceToFHIR(allocation.WaitingPlace{ID: allocation.WaitingPlaceID(d.ID), Decision: "ServiceRequest/" + d.ID,
			Subject: "Patient/p1", Office: DefaultOffice, Since: start, Status: allocation.OnList})
		for name, p := range map[string]*access.Principal{"a system over the API": o.system, "the office's officer": o.officer} {
			_, _, err := o.svc.Update(as(p), "Task", task.ID(), reparsed(t, task), "")
			fixture.WantCode(t, err, apperr.Unprocessable)
			if err == nil || !strings.Contains(err.Error(), "eneste forsvarlige") && !strings.Contains(err.Error(), "only safe option") {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

// TestRotaAndCarerPay (issue 14, parts 2 and 3): a respite stay planned as a rota keeps it and
// lists the stays in the letter; the API refuses a rota with no weeks on; a carer allowance
// gets its pay by the municipality's rate, in the citizen's and the carer's letters.
func TestRotaAndCarerPay(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{allocation.RespiteStay},
			Need: "Mannen min trenger fri."})).Application
		in := allocation.DecisionInput{Reference: a.Reference, Service: allocation.RespiteStay, Decision: allocation.Decision{
			Outcome: allocation.Granted, Scope: 13, Unit: allocation.Stays, Start: start, End: start.AddDate(0, 3, 0), Review: start.AddDate(0, 2, 0),
			Provider: "Organization/homecare", Rota: &allocation.Rota{WeeksOn: 1, WeeksOff: 0},
			Reasons: allocation.Reasons{Facts: "Ektemannen har omsorgen hele døgnet.", Considerations: "Han trenger jevnlig avlastning."}}}
		in.Decision.Rota.WeeksOn = 0
		_, err := o.co.Decide(as(o.officer), in)
		fixture.WantCode(t, err, apperr.Unprocessable)
		in.Decision.Rota = &allocation.Rota{WeeksOn: 1, WeeksOff: 3}
		d := must[allocation.Decision](t)(o.co.Decide(as(o.officer), in))
		back := must[allocation.Decision](t)(o.co.DecisionByID(as(o.citizen), d.ID))
		if back.Rota == nil || *back.Rota != (allocation.Rota{WeeksOn: 1, WeeksOff: 3}) || back.End.Format(time.DateOnly) != "2026-06-02" {
			t.Fatalf("the rota read back: %+v", back)
		}
		text := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))[0].Text
		for _, want := range []string{"Datoene for oppholdene", "uker i institusjonen: 1, uker hjemme: 3", "1. 02.03.2026–08.03.2026 (7 døgn)", "2. 30.03.2026–05.04.2026"} {
			if !strings.Contains(text, want) {
				t.Errorf("the letter lacks %q:\n%s", want, text)
			}
		}
		// the API: the same decision with no weeks on, and one with weeks on but no end
		bad := back
		bad.ID, bad.Rota = "bad-rota", &allocation.Rota{WeeksOn: 0, WeeksOff: 3}
		res := reparsed(t, allocation.DecisionToFHIR(bad, DefaultOffice))
		_, _, err = o.svc.Update(as(o.system), "ServiceRequest", "bad-rota", res, "")
		fixture.WantCode(t, err, apperr.Unprocessable)

		// the carer allowance: 10 hours a week at the 2026 rate
		c := must[allocation.Receipt](t)(o.co.Apply(as(o.relative), allocation.ApplicationInput{Subject: "p1", Services: []string{allocation.CarerAllowance},
			Need: "Jeg steller mor hver dag.", CitizenConsent: true})).Application
		pay := must[allocation.Decision](t)(o.co.Decide(as(o.officer), allocation.DecisionInput{Reference: c.Reference, Service: allocation.CarerAllowance,
			Decision: allocation.Decision{Outcome: allocation.Granted, Scope: 10, Unit: allocation.HoursPerWeek, Start: start, Review: start.AddDate(1, 0, 0),
				Provider: "Organization/homecare", Reasons: allocation.Reasons{Facts: "Sønnen steller henne hver dag.", Considerations: "Omsorgen er særlig tyngende."}}}))
		if pay.CarerPay != (allocation.CarerPay{HoursPerMonth: 43.33, RateØre: 21500, MonthØre: 931667}) {
			t.Errorf("the pay: %+v", pay.CarerPay)
		}
		carers := must[[]messages.Message](t)(o.co.LettersToMe(as(o.relative)))
		if len(carers) != 1 || !strings.Contains(carers[0].Text, "= 9\u00a0316,67\u00a0kr per måned") || !strings.Contains(carers[0].Text, "10 timer per uke er 43,33 timer per måned") {
			t.Errorf("the carer's letter: %+v", carers)
		}
		// a pay that is not the rate's is refused
		wrong := pay
		wrong.ID, wrong.CarerPay.MonthØre = "wrong-pay", 100
		_, _, err = o.svc.Update(as(o.system), "ServiceRequest", "wrong-pay", reparsed(t, allocation.DecisionToFHIR(wrong, DefaultOffice)), "")
		fixture.WantCode(t, err, apperr.Unprocessable)
	})
}

// reparsed is r as the API would receive it: marshalled and parsed again.
func reparsed(t *testing.T, r *fhir.Resource) *fhir.Resource {
	t.Helper()
	out, err := fhir.Parse(r.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return out
}
