package coordination

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/i18n"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

func feeDay(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, start.Location())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func homeHelpFrom(ref string, from time.Time) allocation.DecisionInput {
	in := grantHomeHelp(ref)
	in.Decision.Scope, in.Decision.Start, in.Decision.Review = 2, from, from.AddDate(0, 6, 0)
	return in
}

func shortStay(ref string, from, to time.Time) allocation.DecisionInput {
	return allocation.DecisionInput{Reference: ref, Service: "short-term-stay", Decision: allocation.Decision{
		Outcome: allocation.Granted, Scope: float64(to.Sub(from).Hours() / 24), Unit: allocation.Days,
		Start: from, End: to, Review: to.AddDate(0, 0, -1), Provider: "Organization/homecare",
		Reasons: allocation.Reasons{Facts: "Hun trenger tilsyn hele døgnet etter operasjonen.", Considerations: "Det er ikke trygt hjemme nå."},
	}}
}

func income(household, gross, tax float64) allocation.IncomeInput {
	kr := func(k float64) int64 { return int64(k * 100) }
	return allocation.IncomeInput{Patient: "p1", Year: 2021, Income: fees.Income{Household: kr(household), Gross: kr(gross), Tax: kr(tax)},
		Documents: []allocation.Upload{{Name: "skattemelding.pdf", Data: aPDF}}}
}

// TestDecisionFees (issue 14, point 1): a decision's letter shows its fee line by line, from the
// amounts of the month it starts in (a decision made in December for January shows January's
// year); the citizen documents the income, and the fee is computed again from it; a year whose
// amounts are not entered says so; the monthly fee list bills what the citizen's page shows.
func TestDecisionFees(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		o.clock.Set(feeDay(t, "2022-12-01"))
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1",
			Services: []string{"home-help", "short-term-stay"}, Need: "Jeg trenger hjelp hjemme og et opphold etter operasjonen."})).Application

		// No income documented: the highest bracket until there is one.
		hh := must[allocation.Decision](t)(o.co.Decide(as(o.officer), homeHelpFrom(a.Reference, feeDay(t, "2022-12-12"))))
		for _, want := range []string{"Inntekten er ikke dokumentert", "Over 5 G: kommunens høyeste egenandel per måned: 3\u00a0793\u00a0kr",
			"8,67 timer per måned à 400\u00a0kr: 3\u00a0468\u00a0kr", "Du betaler det laveste, per måned: 3\u00a0468\u00a0kr"} {
			if !strings.Contains(hh.Fee, want) {
				t.Errorf("the home help's fee lacks %q:\n%s", want, hh.Fee)
			}
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if text := testutil.PDFText(t, letters[0].PDF); !strings.Contains(text, "Du betaler det laveste, per måned: 3 468 kr") {
			t.Errorf("the letter's PDF lacks the computation:\n%s", text)
		}

		// Decided on 20 December for a stay from 2 January: 2023's 185 kr, not 2022's 175 kr.
		o.clock.Set(feeDay(t, "2022-12-20"))
		ss := must[allocation.Decision](t)(o.co.Decide(as(o.officer), shortStay(a.Reference, feeDay(t, "2023-01-02"), feeDay(t, "2023-01-12"))))
		if !strings.Contains(ss.Fee, "10 døgn i 2023 à 185\u00a0kr (døgn 1-10 av 60 i kalenderåret): 1\u00a0850\u00a0kr") || strings.Contains(ss.Fee, "175") {
			t.Errorf("the short stay's fee is not January 2023's:\n%s", ss.Fee)
		}

		// The income documented: the same decision's fee is computed again, in the 2-3 G bracket.
		_, err := o.co.SubmitIncome(as(o.other), income(300000, 300000, 50000))
		fixture.WantCode(t, err, apperr.Forbidden)
		bad := income(300000, 300000, 50000)
		bad.Income.Tax = -1
		_, err = o.co.SubmitIncome(as(o.citizen), bad)
		fixture.WantCode(t, err, apperr.Unprocessable)
		must[allocation.IncomeStatement](t)(o.co.SubmitIncome(as(o.citizen), income(300000, 300000, 50000)))
		now := must[[]allocation.CurrentFee](t)(o.co.FeesOf(as(o.citizen), "p1", feeDay(t, "2022-12-15"), i18n.Bokmal))
		if len(now) != 1 || now[0].Decision.ID != hh.ID || now[0].Computation.Total != 116900 {
			t.Fatalf("December's fees after the income: %+v", now)
		}
		if text := strings.Join(now[0].Computation.Text(i18n.English), "\n"); !strings.Contains(text, "between 2 and 3 G") {
			t.Errorf("the recomputed fee:\n%s", text)
		}
		_, err = o.co.FeesOf(as(o.other), "p1", feeDay(t, "2022-12-15"), i18n.Bokmal)
		fixture.WantCode(t, err, apperr.NotFound)

		// January: home help at 2023's amounts (no state amount under 2 G is entered for 2023,
		// but this household is above it) and the stay at 185 kr a day.
		jan := must[[]allocation.CurrentFee](t)(o.co.FeesOf(as(o.citizen), "p1", feeDay(t, "2023-01-05"), i18n.Bokmal))
		if len(jan) != 2 || jan[0].Computation.Total != 116900 || jan[1].Computation.Total != 185000 {
			t.Errorf("January's fees: %+v", jan)
		}

		// The monthly fee list bills what the citizen's page shows, for the office only.
		_, err = o.co.FeeList(as(o.citizen), feeDay(t, "2023-01-01"))
		fixture.WantCode(t, err, apperr.Forbidden)
		rows := must[[]allocation.FeeListRow](t)(o.co.FeeList(as(o.officer), feeDay(t, "2023-01-01")))
		if len(rows) != 2 || rows[0].Total+rows[1].Total != 116900+185000 || rows[0].Name == "" {
			t.Errorf("January's fee list: %+v", rows)
		}

		// Through the records layer (the API) too: nobody sends in another's name, a statement is
		// not changed, and a bad one is refused for every writer.
		stmt := allocation.IncomeStatement{ID: "inc-x", Subject: "Patient/p1", Sender: "Patient/p1", Year: 2021,
			Income: fees.Income{Gross: 100, Tax: 200}, Received: o.clock.Now()}
		_, _, err = o.svc.Update(as(o.system), "Task", stmt.ID, reparsed(t, allocation.IncomeToFHIR(stmt, DefaultOffice)), "")
		fixture.WantCode(t, err, apperr.Unprocessable) // tax above the income
		stmt.Income = fees.Income{Gross: 30000000}
		_, _, err = o.svc.Update(as(o.other), "Task", stmt.ID, reparsed(t, allocation.IncomeToFHIR(stmt, DefaultOffice)), "")
		if err == nil {
			t.Error("another citizen stored an income statement in p1's name")
		}
		mine := must[[]allocation.IncomeStatement](t)(o.co.IncomesOf(as(o.citizen), "p1"))
		if len(mine) != 1 || len(mine[0].Documents) != 1 {
			t.Fatalf("the citizen's statements: %+v", mine)
		}
		mine[0].Income.Gross = 1
		_, _, err = o.svc.Update(as(o.citizen), "Task", mine[0].ID, reparsed(t, allocation.IncomeToFHIR(mine[0], DefaultOffice)), "")
		if err == nil {
			t.Error("a statement was changed after it was sent")
		}

		// A long-term stay in a double room she did not want, from June 2023: the higher allowance
		// (45 400 kr) with her income: 75 % of (118 620 - 45 400) + 85 % of (300 000 - 118 620 -
		// 50 000) = 166 588 kr a year, 13 882,33 kr a month.
		o.clock.Set(feeDay(t, "2023-05-10"))
		c := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1",
			Services: []string{"long-term-stay"}, Need: "Jeg klarer meg ikke hjemme lenger."})).Application
		lt := allocation.DecisionInput{Reference: c.Reference, Service: "long-term-stay", Decision: allocation.Decision{
			Outcome: allocation.Granted, Start: feeDay(t, "2023-06-01"), Review: feeDay(t, "2024-06-01"), Provider: "Organization/homecare",
			Placement: allocation.OnlySafeOption, Criteria: []string{"round-the-clock-care"}, UnwantedDoubleRoom: true,
			Reasons: allocation.Reasons{Facts: "Hun trenger tilsyn hele døgnet.", Considerations: "Det er ikke forsvarlig hjemme."}}}
		placed := must[allocation.Decision](t)(o.co.Decide(as(o.officer), lt))
		if !placed.UnwantedDoubleRoom || !strings.Contains(placed.Fee, "Høyere fribeløp i dobbeltrom du ikke ønsket, per år: 45 400 kr") ||
			!strings.Contains(placed.Fee, "Du betaler per måned: 13 882,33 kr") {
			t.Errorf("the long-term stay in a double room:\n%s", placed.Fee)
		}

		// A year with no amounts entered: the letter says so rather than use an old year's.
		o.clock.Set(feeDay(t, "2026-05-20"))
		b := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1",
			Services: []string{"short-term-stay"}, Need: "Et nytt opphold."})).Application
		late := must[allocation.Decision](t)(o.co.Decide(as(o.officer), shortStay(b.Reference, feeDay(t, "2026-06-01"), feeDay(t, "2026-06-08"))))
		if !strings.Contains(late.Fee, "Satsene for 2026 er ikke ført inn ennå") {
			t.Errorf("a fee without the year's amounts:\n%s", late.Fee)
		}
	})
}
