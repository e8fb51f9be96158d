package demo

import (
	"context"
	"fmt"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/fees"
)

// casework is the allocation office's cases further on, so a newcomer signed in as
// saksbehandler or innbygger sees each stage: Olav's long-term stay under assessment (a home
// visit, the functional assessment, a note); Jon's paper application past one month with a
// preliminary reply; Astrid's older application decided (home nursing granted, a support
// contact refused), the refusal appealed and forwarded to the county governor, and a change
// request on the home nursing; then (issue 14) Eldar waiting for a long-term stay, Ragnar's
// respite stays as a rota, and Bjørn's carer allowance for the care he gives Astrid.
func (l *loader) casework(ctx context.Context, today time.Time) error {
	officer := l.as(ctx, userNamed("saksbehandler").principal())
	astrid := l.as(ctx, citizenOf("p-astrid"))
	byRef := map[string]string{} // the demo's applications by citizen
	for _, p := range []string{"p-olav", "p-jon"} {
		apps, err := l.co.ApplicationsOf(officer, p)
		if err != nil || len(apps) == 0 {
			return fmt.Errorf("the demo's application for %s: %v", p, err)
		}
		byRef[p] = apps[0].Reference
	}
	steps := []struct {
		daysAgo int
		what    string
		do      func() error
	}{
		{20, "Olav's assessment", func() error {
			_, err := l.co.SaveAssessment(officer, byRef["p-olav"], allocation.Assessment{
				Facts:       "Bor alene i enebolig med trapp til soverommet. Hjemmesykepleie morgen, middag og kveld. To fall siste måned.",
				CitizenView: "Vil helst bli boende hjemme, men er redd om natta og orker ikke trappa lenger.",
				HomeVisit:   day(today, 20), VisitedBy: "Liv Hammerstad (tildelingskontoret), datteren Randi, hjemmesykepleier Eirik Vassbotn",
				Scores: map[string]int{"moving-indoors": 4, "moving-outdoors": 5, "housework": 5, "cooking": 4, "hygiene": 4, "dressing": 3,
					"toilet": 3, "memory": 2, "own-health": 4, "shopping": 5, "hearing": 9}})
			return err
		}},
		{19, "a note on Olav's case", func() error {
			_, err := l.co.AddCaseNote(officer, byRef["p-olav"], "Venter på uttalelse fra fastlegen om hjertesvikten før vedtak.")
			return err
		}},
		{8, "Jon's preliminary reply", func() error {
			_, err := l.co.SendPreliminaryReply(officer, allocation.PreliminaryReplyInput{Reference: byRef["p-jon"], Reply: allocation.PreliminaryReply{
				Reason: "Vi må snakke med kona di om hvilke uker avlastningen passer best.", Expected: day(today, -14)}})
			return err
		}},
	}
	for _, s := range steps {
		l.at = day(today, s.daysAgo)
		if err := s.do(); err != nil {
			return fmt.Errorf("demo casework, %s: %w", s.what, err)
		}
	}
	if err := l.astridsDecisions(astrid, officer, today); err != nil {
		return err
	}
	return l.longTermRotaAndCarer(ctx, officer, today)
}

// astridsDecisions: Astrid's application of two months ago, decided, appealed and forwarded,
// and a change request on what was granted.
func (l *loader) astridsDecisions(astrid, officer context.Context, today time.Time) error {
	l.at = day(today, 62)
	rc, err := l.co.Apply(astrid, allocation.ApplicationInput{Subject: "p-astrid", Services: []string{"home-nursing", "support-contact"},
		Need: "Jeg trenger hjelp med medisinene og sårstellet etter operasjonen, og noen å gå tur med."})
	if err != nil {
		return fmt.Errorf("demo: Astrid's older application: %w", err)
	}
	ref := rc.Application.Reference
	l.at = day(today, 50)
	granted, err := l.co.Decide(officer, allocation.DecisionInput{Reference: ref, Service: "home-nursing", Decision: allocation.Decision{
		Outcome: allocation.Granted, Scope: 3, Unit: allocation.VisitsPerWeek, Start: day(today, 48), Review: day(today, -70),
		Provider: "Organization/" + UnitHome,
		Reasons: allocation.Reasons{Facts: "Sårstell etter operasjonen og hjelp med medisinene; hun bor alene.",
			Considerations: "Hun trenger helsehjelp hjemme for å kunne bo der trygt."}}})
	if err != nil {
		return fmt.Errorf("demo: Astrid's home nursing: %w", err)
	}
	refused, err := l.co.Decide(officer, allocation.DecisionInput{Reference: ref, Service: "support-contact", Decision: allocation.Decision{
		Outcome: allocation.Refused,
		Reasons: allocation.Reasons{Rules: "Kommunens retningslinjer for støttekontakt, punkt 3: tilbudet gis den som ellers blir isolert.",
			Facts:          "Hun går på seniorsenteret to dager i uka og har besøk av familien hver helg.",
			Considerations: "Behovet for selskap og tur dekkes i dag av seniorsenteret og familien."}}})
	if err != nil {
		return fmt.Errorf("demo: Astrid's support contact: %w", err)
	}
	l.at = day(today, 45)
	appeal, err := l.co.Appeal(astrid, allocation.AppealInput{Decision: refused.ID,
		Text: "Seniorsenteret er bare to dager, og jeg tør ikke gå ut alene etter fallet. Jeg ber om støttekontakt en gang i uka."})
	if err != nil {
		return fmt.Errorf("demo: Astrid's appeal: %w", err)
	}
	l.at = day(today, 38)
	if _, err := l.co.ReassessAppeal(officer, allocation.ReassessInput{Appeal: appeal.ID,
		Assessment: "Klagen gir ikke nye opplysninger om behovet; tildelingskontoret opprettholder vedtaket og sender saken til Statsforvalteren."}); err != nil {
		return fmt.Errorf("demo: reassessing Astrid's appeal: %w", err)
	}
	l.at = day(today, 3)
	if _, err := l.co.Apply(astrid, allocation.ApplicationInput{Subject: "p-astrid", Changes: granted.ID,
		Need: "Etter fallet i forrige uke trenger jeg hjelp også om kvelden, til å legge meg."}); err != nil {
		return fmt.Errorf("demo: Astrid's change request: %w", err)
	}
	// her income for the fees, with last year's tax assessment (amounts in øre per year)
	l.at = day(today, 30)
	if _, err := l.co.SubmitIncome(astrid, allocation.IncomeInput{Patient: "p-astrid", Year: today.Year() - 1,
		Income:    fees.Income{Gross: 31_250_000, Tax: 5_480_000, Household: 52_000_000},
		Documents: []allocation.Upload{{Name: "skatteoppgjor.pdf", Data: demoPDF}}}); err != nil {
		return fmt.Errorf("demo: Astrid's income: %w", err)
	}
	return nil
}

// UnitNursingHome is the demo's nursing home: the unit of its long-term and respite stays.
const UnitNursingHome = "fjellvik-sykehjem"

// longTermRotaAndCarer: Eldar meets the criteria for a long-term stay and can wait safely at
// home, so he is on the waiting list since his decision 25 days ago; Ragnar's respite stays
// run as a rota (a week at the nursing home, three at home) for half a year; Bjørn, Astrid's
// husband, gets a carer allowance of 40 hours a month at the municipality's rate.
func (l *loader) longTermRotaAndCarer(ctx context.Context, officer context.Context, today time.Time) error {
	if err := l.put(ctx, resource(map[string]any{"resourceType": "Organization", "id": UnitNursingHome, "active": true,
		"name": "Fjellvik sykehjem", "type": []any{map[string]any{"text": "nursing-home"}}})); err != nil {
		return fmt.Errorf("demo: the nursing home: %w", err)
	}
	steps := []struct {
		applied, decided int // days ago
		sender           context.Context
		in               allocation.ApplicationInput
		decision         allocation.Decision
	}{
		// the safety alarm and home help he has while he waits: the fee list's lines (the
		// alarm from the price list; home help at the highest rate, since he has sent no income)
		{100, 95, l.as(ctx, citizenOf("p-eldar")), allocation.ApplicationInput{Subject: "p-eldar", Services: []string{"safety-alarm"},
			Need: "Jeg har falt hjemme og ble liggende til datteren kom."},
			allocation.Decision{Outcome: allocation.Granted, Start: day(today, 90), Review: day(today, -275), Provider: "Organization/" + UnitHome,
				Reasons: allocation.Reasons{Facts: "Han bor alene og har falt to ganger i år.", Considerations: "Alarmen gir ham hjelp raskt om han faller igjen."}}},
		{100, 95, l.as(ctx, citizenOf("p-eldar")), allocation.ApplicationInput{Subject: "p-eldar", Services: []string{"home-help"},
			Need: "Jeg klarer ikke å vaske huset og handle etter fallet."},
			allocation.Decision{Outcome: allocation.Granted, Scope: 2, Unit: allocation.HoursPerWeek, Start: day(today, 90), Review: day(today, -90),
				Provider: "Organization/" + UnitHome, Reasons: allocation.Reasons{Facts: "Han har vondt i hoften og kan ikke bære.",
					Considerations: "Med hjelp til rengjøring og innkjøp kan han bo hjemme."}}},
		{30, 25, l.as(ctx, citizenOf("p-eldar")), allocation.ApplicationInput{Subject: "p-eldar", Services: []string{allocation.LongTermStay},
			Need: "Kona mi døde i vinter, og jeg er mye alene. Jeg glemmer medisinene og har falt to ganger."},
			allocation.Decision{Outcome: allocation.Granted, Placement: allocation.SafeAtHome, Criteria: []string{"round-the-clock-care", "cognitive-impairment"},
				Review: day(today, -60), Reasons: allocation.Reasons{
					Facts:          "Hjemmesykepleien kommer fire ganger i døgnet og har satt opp medisindispenser med alarm. Han har trygghetsalarm.",
					Considerations: "Behovet for tilsyn hele døgnet er der, men med tjenestene han har, kan han bo trygt hjemme mens han venter på plass."}}},
		{20, 15, l.as(ctx, citizenOf("p-ragnar")), allocation.ApplicationInput{Subject: "p-ragnar", Services: []string{allocation.RespiteStay},
			Need: "Kona mi steller meg hver dag og trenger faste pauser."},
			allocation.Decision{Outcome: allocation.Granted, Scope: 7, Unit: allocation.Stays, Start: day(today, 10), End: day(today, -170),
				Review: day(today, -80), Provider: "Organization/" + UnitNursingHome, Rota: &allocation.Rota{WeeksOn: 1, WeeksOff: 3},
				Reasons: allocation.Reasons{Facts: "Kona har omsorgen for ham hele døgnet; han kan ikke være alene.",
					Considerations: "Faste uker med avlastning gjør at kona kan fortsette å gi omsorgen hjemme."}}},
		{12, 6, l.as(ctx, userNamed("parorende").principal()), allocation.ApplicationInput{Subject: "p-astrid", Services: []string{allocation.CarerAllowance},
			Need: "Jeg hjelper Astrid med stell, medisiner og måltider hver dag etter hjerneslaget.", CitizenConsent: true},
			allocation.Decision{Outcome: allocation.Granted, Scope: 40, Unit: allocation.HoursPerMonth, Start: day(today, 5), Review: day(today, -180),
				Provider: "Organization/" + UnitHome, Reasons: allocation.Reasons{Facts: "Bjørn gir om lag ti timer omsorg i uka: stell, medisiner og måltider.",
					Considerations: "Omsorgsarbeidet er særlig tyngende og sparer kommunen for hjemmetjenester."}}},
	}
	for _, st := range steps {
		l.at = day(today, st.applied)
		rc, err := l.co.Apply(st.sender, st.in)
		if err != nil {
			return fmt.Errorf("demo: %s's application: %w", st.in.Subject, err)
		}
		l.at = day(today, st.decided)
		if _, err := l.co.Decide(officer, allocation.DecisionInput{Reference: rc.Application.Reference, Service: st.in.Services[0], Decision: st.decision}); err != nil {
			return fmt.Errorf("demo: %s's decision: %w", st.in.Subject, err)
		}
	}
	return nil
}
