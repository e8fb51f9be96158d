package coordination

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/lawdata"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// grantHomeHelp is the officer's decision: three hours a week of home help from the homecare unit.
func grantHomeHelp(ref string) allocation.DecisionInput {
	return allocation.DecisionInput{Reference: ref, Service: "home-help", Decision: allocation.Decision{
		Outcome: allocation.Granted, Scope: 3, Unit: allocation.HoursPerWeek,
		Start: start.AddDate(0, 0, 14), Review: start.AddDate(0, 6, 0), Provider: "Organization/homecare",
		Reasons: allocation.Reasons{Facts: "Hun bor alene og klarer ikke å vaske eller handle etter hoftebruddet.",
			Considerations: "Behovet er varig, og familien bor langt unna."},
	}}
}

// refuseAlarm is the officer's refusal of the safety alarm.
func refuseAlarm(ref string) allocation.DecisionInput {
	return allocation.DecisionInput{Reference: ref, Service: "safety-alarm", Decision: allocation.Decision{
		Outcome: allocation.Refused,
		Reasons: allocation.Reasons{Rules: "Kommunens kriterier for trygghetsalarm, punkt 2.",
			Facts:          "Hun har daglig tilsyn fra hjemmetjenesten og mobiltelefon hun bruker.",
			Considerations: "Risikoen for å bli liggende uten hjelp er liten med tilsynet hun har."},
	}}
}

func TestDecide(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		must[allocation.Assignment](t)(o.co.AssignCase(as(o.officer), a.Reference, ""))
		o.clock.Set(start.AddDate(0, 0, 10))

		_, err := o.co.Decide(as(o.citizen), grantHomeHelp(a.Reference))
		fixture.WantCode(t, err, apperr.Forbidden)
		bad := grantHomeHelp(a.Reference)
		bad.Decision.Reasons.Facts = " "
		_, err = o.co.Decide(as(o.officer), bad)
		fixture.WantCode(t, err, apperr.Unprocessable)

		granted := must[allocation.Decision](t)(o.co.Decide(as(o.officer), grantHomeHelp(a.Reference)))
		// four weeks from 12 March (pbrl § 7-5)
		if granted.Status != allocation.Signed || granted.Signer != "Practitioner/s1" || granted.AppealBy.Format(time.DateOnly) != "2026-04-09" || granted.Letter == "" {
			t.Errorf("the granted decision: %+v", granted)
		}
		if !strings.Contains(granted.Fee, "Egenandel per måned") {
			t.Errorf("the fee of home help: %q", granted.Fee)
		}
		_, err = o.co.Decide(as(o.officer), grantHomeHelp(a.Reference))
		fixture.WantCode(t, err, apperr.Conflict)
		if c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference)); c.Closed {
			t.Error("the case closed with the safety alarm still waiting")
		}

		refused := must[allocation.Decision](t)(o.co.Decide(as(o.officer), refuseAlarm(a.Reference)))
		// the safety alarm is decided under forvaltningsloven alone: three weeks, to 2 April,
		// Maundy Thursday, which rolls past Easter to Tuesday 7 April (fvl § 30)
		if refused.AppealBy.Format(time.DateOnly) != "2026-04-07" || refused.Fee != "" {
			t.Errorf("the refusal: %+v", refused)
		}
		if c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference)); !c.Closed {
			t.Error("the case stays open with every service decided")
		}
		app := must[allocation.Application](t)(o.co.ApplicationByReference(as(o.officer), a.Reference))
		if app.Open() {
			t.Errorf("the application still waits: %+v", app.Services)
		}
		got := must[[]allocation.Decision](t)(o.co.DecisionsOf(as(o.citizen), "p1"))
		if len(got) != 2 {
			t.Fatalf("the citizen has %d decisions, want 2", len(got))
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if len(letters) != 2 || letters[0].PDF == nil || letters[1].PDF == nil {
			t.Fatalf("the citizen has %d letters (with PDFs?), want 2", len(letters))
		}
	})
}

// TestDecisionLetterElements reads each letter's PDF as a reader does and finds every element of
// forvaltningsloven §§ 24, 25 and 27 in it: the decision, its legal basis, the rules, the facts,
// the main considerations, the right to appeal, the deadline with its last day, where and how to
// appeal, the appeal body, the right to see the documents; and for a service given its scope,
// period, provider, review date and fee.
func TestDecisionLetterElements(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		o.clock.Set(start.AddDate(0, 0, 10))
		g := must[allocation.Decision](t)(o.co.Decide(as(o.officer), grantHomeHelp(a.Reference)))
		r := must[allocation.Decision](t)(o.co.Decide(as(o.officer), refuseAlarm(a.Reference)))
		common := []string{
			a.Reference, "02.03.2026", // the application and when it came
			"Begrunnelse (forvaltningsloven §§ 24 og 25)", "Dette har vi lagt til grunn:", "Dette har vært avgjørende i vurderingen:",
			"Du kan klage (forvaltningsloven § 27)", "Du har rett til å klage på vedtaket",
			"Send klagen til Tildelingskontoret", "Skriv hva du klager på", // where and how
			"Du har rett til å se dokumentene i saken (forvaltningsloven §§ 18 og 19)",
			"forvaltningsloven § 31", "Sara Saksbehandler",
		}
		cases := []struct {
			name string
			d    allocation.Decision
			want []string
		}{
			{"granted", g, append(common, "Vedtak om hjemmehjelp", "Du får hjemmehjelp, 3 timer per uke.", "fra 16.03.2026 og inntil videre",
				"Hjemmesykepleien", "innen 02.09.2026", "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 b",
				"Hun bor alene og klarer ikke å vaske", "Behovet er varig", "Hva det koster", "Egenandel per måned",
				"pasient- og brukerrettighetsloven §§ 7-2 og 7-5", "Klagefristen er 4 uker", "innen 09.04.2026", "Statsforvalteren")},
			{"refused", r, append(common, "Vedtak om trygghetsalarm", "Du får ikke trygghetsalarm.", "Kommunens kriterier for trygghetsalarm, punkt 2.",
				"Hun har daglig tilsyn", "Risikoen for å bli liggende", "forvaltningsloven §§ 28 og 29", "Klagefristen er 3 uker",
				"innen 07.04.2026", "kommunens klagenemnd")},
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		byID := map[string]messages.Message{}
		for _, l := range letters {
			byID["Communication/"+l.ID] = l
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				l, ok := byID[tc.d.Letter]
				if !ok {
					t.Fatalf("no letter %s among the citizen's", tc.d.Letter)
				}
				text := testutil.PDFText(t, l.PDF)
				for _, want := range tc.want {
					if !strings.Contains(text, want) {
						t.Errorf("the PDF lacks %q:\n%s", want, text)
					}
				}
				if info := testutil.PDFInfo(t, l.PDF); !strings.Contains(strings.Join(strings.Fields(info), " "), "Tagged: yes") {
					t.Errorf("the letter is not a tagged PDF:\n%s", info)
				}
			})
		}
	})
}

func TestDecisionInTheCitizensLanguage(t *testing.T) {
	o := newOffice(t, testutil.NewSQLite(t))
	a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
	in := grantHomeHelp(a.Reference)
	in.Chosen = "en"
	d := must[allocation.Decision](t)(o.co.Decide(as(o.officer), in))
	letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
	text := testutil.PDFText(t, letters[0].PDF)
	for _, want := range []string{"Decision on home help", "Your application for home help is granted, 3 hours per week.",
		"You may appeal", "The deadline is 4 weeks", "You have the right to see the documents", d.Reference} {
		if !strings.Contains(text, want) {
			t.Errorf("the English letter lacks %q:\n%s", want, text)
		}
	}
}

// TestTwoPersonApproval: where the municipality wants two signatures, the drafting officer's
// decision waits as a draft, unseen by the citizen, until a second officer signs it; the
// drafter cannot sign it, through the service or by writing the record.
func TestTwoPersonApproval(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		law, err := lawdata.New()
		if err != nil {
			t.Fatal(err)
		}
		law, err = law.With(lawdata.Rule{Key: allocation.Signatures, ValidFrom: "2026-01-01", Source: "Kommunestyret 2025-12-10",
			Value: lawdata.Value{Kind: lawdata.KindNumber, N: 2}})
		if err != nil {
			t.Fatal(err)
		}
		o := newOfficeWith(t, st, law)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		draft := must[allocation.Decision](t)(o.co.Decide(as(o.officer), grantHomeHelp(a.Reference)))
		if draft.Status != allocation.Drafted || draft.Letter != "" {
			t.Fatalf("with two signatures the decision is %+v", draft)
		}
		if got := must[[]allocation.Decision](t)(o.co.DecisionsOf(as(o.citizen), "p1")); len(got) != 0 {
			t.Errorf("the citizen sees a draft: %+v", got)
		}
		if got := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1")); len(got) != 0 {
			t.Errorf("a draft sent a letter: %+v", got)
		}
		// rewriting the draft keeps one draft
		again := grantHomeHelp(a.Reference)
		again.Decision.Scope = 4
		redrafted := must[allocation.Decision](t)(o.co.Decide(as(o.officer), again))
		if redrafted.ID != draft.ID || redrafted.Scope != 4 {
			t.Errorf("the redraft: %+v", redrafted)
		}
		_, err = o.co.SignDecision(as(o.officer), draft.ID, "", "")
		fixture.WantCode(t, err, apperr.Forbidden)

		signed := must[allocation.Decision](t)(o.co.SignDecision(as(o.officer2), draft.ID, "", ""))
		if signed.Status != allocation.Signed || signed.Drafter != "Practitioner/s1" || signed.Signer != "Practitioner/s2" {
			t.Errorf("the signed decision: %+v", signed)
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if len(letters) != 1 || !strings.Contains(letters[0].Text, "skrevet av Sara Saksbehandler og godkjent av Siv Signerer") {
			t.Errorf("the letter after the second signature: %+v", letters)
		}
		_, err = o.co.SignDecision(as(o.officer2), draft.ID, "", "")
		fixture.WantCode(t, err, apperr.Conflict)
	})
}
