package allocation

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// FeeFacts are what a decision's fee is computed from besides the decision: the fee table, the
// citizen's latest income statement (nil when none) and their other decisions (the stays that
// count toward the 60 days of short-term stays in a calendar year).
type FeeFacts struct {
	Table     *lawdata.Table
	Income    *fees.Income
	Decisions []Decision
	// RuleOf is the fee rule of a service in the catalogue.
	RuleOf func(code string) fees.Rule
}

// feeFacts reads the facts for the citizen's fees. The caller has the citizen in reach and logs.
func (s *Service) feeFacts(ctx context.Context, patient string) (FeeFacts, error) {
	t, err := s.FeeTable(ctx)
	if err != nil {
		return FeeFacts{}, err
	}
	incomes, err := s.incomes(ctx, patient)
	if err != nil {
		return FeeFacts{}, err
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "subject", patient, "intent", "order")
	if err != nil {
		return FeeFacts{}, err
	}
	f := FeeFacts{Table: t, Income: latestIncome(incomes), RuleOf: s.feeRuleOf}
	for _, r := range found {
		if IsDecision(r) {
			d, err := DecisionFromFHIR(r)
			if err != nil {
				return FeeFacts{}, err
			}
			f.Decisions = append(f.Decisions, d)
		}
	}
	return f, nil
}

// ComputeFee is decision d's fee for the month holding on, by its service's fee rule, from the
// amounts in force in that month (the date the computation is about, not the day it is made).
func ComputeFee(kind ServiceKind, d Decision, on time.Time, f FeeFacts) (fees.Computation, error) {
	month := time.Date(on.Year(), on.Month(), 1, 0, 0, 0, 0, on.Location())
	switch kind.FeeRule {
	case fees.PracticalAssistance:
		hours, ok := hoursPerMonth(d)
		if !ok {
			return fees.Computation{}, kernel.Violation("Praktisk bistand måles i timer per uke eller måned.", "Practical assistance is counted in hours a week or a month.")
		}
		return fees.PracticalAssistanceFee(f.Table, on, hours, f.Income)
	case fees.ShortStay:
		return fees.ShortStayFee(f.Table, month, shortStays(d, f), f.Income, d.UnwantedDoubleRoom)
	case fees.DayNightStay:
		return fees.DayNightStayFee(f.Table, month, daysInMonth(d, month))
	case fees.LongTermStay:
		return fees.LongTermFee(f.Table, on, f.Income, d.UnwantedDoubleRoom)
	case fees.SafetyAlarm:
		return fees.PriceListFee(f.Table, on, lawdata.SafetyAlarmPerMonth)
	}
	return fees.FreeFee(kind.FeeRule), nil
}

// hoursPerMonth is a decision's hours a month: as decided, or a week's hours × 52 / 12.
func hoursPerMonth(d Decision) (float64, bool) {
	switch d.Unit {
	case HoursPerMonth:
		return d.Scope, true
	case HoursPerWeek:
		return math.Round(d.Scope*52/12*100) / 100, true
	}
	return 0, false
}

// daysInMonth is how many day or night stays a decision gives in month: days a week spread over
// the month's days in the period, or the days decided.
func daysInMonth(d Decision, month time.Time) int {
	if d.Unit == Days {
		return int(d.Scope)
	}
	end := month.AddDate(0, 1, 0)
	from, to := month, end
	if d.Start.After(from) {
		from = d.Start
	}
	if !d.End.IsZero() && d.End.Before(to) {
		to = d.End.AddDate(0, 0, 1)
	}
	if !to.After(from) {
		return 0
	}
	days := to.Sub(from).Hours() / 24
	return int(math.Round(d.Scope * days / 7))
}

// shortStays are the citizen's stays charged as short-term stays: every signed decision given
// of a service charged by that rule, d itself in place of its stored version. A stay's end date
// is the day of departure; a rota gives a stay for each of its periods.
func shortStays(d Decision, f FeeFacts) []fees.Stay {
	var out []fees.Stay
	add := func(x Decision) {
		if x.Rota != nil {
			for _, st := range x.Rota.Stays(x.Start, x.End) {
				out = append(out, fees.Stay{From: st.From, To: st.To.AddDate(0, 0, 1)})
			}
			return
		}
		out = append(out, fees.Stay{From: x.Start, To: x.End})
	}
	add(d)
	for _, x := range f.Decisions {
		if x.ID == d.ID || x.Status != Signed || x.Outcome == Refused || x.Start.IsZero() {
			continue
		}
		if f.RuleOf != nil && f.RuleOf(x.Code) == fees.ShortStay {
			add(x)
		}
	}
	return out
}

// feeRuleOf is a catalogue service's fee rule; "" for a code not in it.
func (s *Service) feeRuleOf(code string) fees.Rule {
	k, _ := s.catalogue.Kind(code)
	return k.FeeRule
}

// FeeLetterText is the fee part of a decision's letter in lang: the service's fee rule in words
// and the computation line by line; when the amounts of the month are not in the table yet, that
// the office sends the computation when they are. Another error is the caller's to stop on.
func FeeLetterText(kind ServiceKind, c fees.Computation, err error, on time.Time, lang i18n.Lang) string {
	lines := []string{kind.Cost.In(lang)}
	switch {
	case err == nil:
		lines = append(lines, c.Text(lang)...)
	case apperr.Is(err, apperr.NotFound):
		lines = append(lines, missingAmounts(on.Year(), lang))
	}
	return strings.Join(lines, "\n")
}

func missingAmounts(year int, lang i18n.Lang) string {
	switch lang {
	case i18n.Nynorsk:
		return fmt.Sprintf("Satsane for %d er ikkje førte inn enno. Tildelingskontoret sender deg utrekninga når dei er det.", year)
	case i18n.English:
		return fmt.Sprintf("The amounts for %d are not entered yet. The allocation office sends you the computation when they are.", year)
	}
	return fmt.Sprintf("Satsene for %d er ikke ført inn ennå. Tildelingskontoret sender deg beregningen når de er det.", year)
}

// feeText is the fee part of d's letter: computed for the month d starts in (today's for a
// decision that has no start yet, a place on the waiting list), from the amounts in force then.
func (s *Service) feeText(ctx context.Context, kind ServiceKind, d Decision, lang i18n.Lang) (string, error) {
	facts, err := s.feeFacts(ctx, d.Subject)
	if err != nil {
		return "", err
	}
	if err := s.wf.LogRead(ctx, d.Subject, "Task?code="+TaskIncome); err != nil {
		return "", err
	}
	on := d.Start
	if on.IsZero() {
		on = s.wf.Now()
	}
	c, err := ComputeFee(kind, d, on, facts)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return "", err
	}
	return FeeLetterText(kind, c, err, on, lang), nil
}

// feeScope: a service charged by the hour (practical assistance) is given in hours, so its fee
// can be computed.
func feeScope(kind ServiceKind, d Decision) error {
	if kind.FeeRule != fees.PracticalAssistance || d.Outcome == Refused {
		return nil
	}
	if _, ok := hoursPerMonth(d); !ok {
		return kernel.Violation("Praktisk bistand gis i timer per uke eller per måned, så egenandelen kan beregnes.",
			"Practical assistance is given in hours a week or a month, so its fee can be computed.")
	}
	return nil
}

// doubleRoomExt is the unwanted-double-room extension; nil when the room is not one.
func doubleRoomExt(unwanted bool) *fhir.Object {
	if !unwanted {
		return nil
	}
	return kernel.ObjectOf("url", kernel.ExtensionBase+kernel.ExtUnwantedDoubleRoom, "valueBoolean", true)
}

// extTrue says whether o has the extension name with valueBoolean true.
func extTrue(o *fhir.Object, name string) bool {
	for _, e := range kernel.Extensions(o, name) {
		if v, _ := e.Get("valueBoolean"); v == true {
			return true
		}
	}
	return false
}
