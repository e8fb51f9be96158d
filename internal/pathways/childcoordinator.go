package pathways

import (
	"fmt"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// ChildFacts are what the unit found about the family's child (law.md §1.5).
type ChildFacts struct {
	BirthDate time.Time // the child's; zero when the child is expected
	Expected  bool      // the family expects the child
	// Serious: the child has a serious illness, injury or disability (no diagnosis required).
	Serious bool
	// HealthAndCare: the child needs long-term and complex or coordinated health and care services.
	HealthAndCare bool
	// OtherWelfare: the child also needs other welfare services (NAV, kindergarten, school).
	OtherWelfare bool
	// FamilyWants: the parents, or whoever consents for the child, want a child coordinator.
	FamilyWants bool
}

// The child coordinator's conditions, by code.
const (
	CondUnderAge      = "under-age"       // the family has or expects a child under the age limit
	CondSerious       = "serious"         // serious illness, injury or disability
	CondHealthAndCare = "health-and-care" // long-term and complex or coordinated health and care services
	CondOtherWelfare  = "other-welfare"   // and other welfare services
	CondFamilyWants   = "family-wants"    // the parents want it
)

// Condition is one condition of the right, met or not, with its legal source.
type Condition struct {
	Code   string
	Met    bool
	Text   kernel.Text // the condition, for a checklist
	Unmet  kernel.Text // why it fails, when it does
	Law    string      // the provision, e.g. "pbrl § 2-5 c; hol § 7-2 a"
	Source string      // where the rule comes from (the law table's source)
}

// ChildCoordinatorRight is the test of every condition on a day.
type ChildCoordinatorRight struct {
	Right      bool // every condition is met
	On         time.Time
	Conditions []Condition
}

// Unmet are the texts of the conditions not met; none means the family has the right.
func (r ChildCoordinatorRight) Unmet() []kernel.Text {
	var out []kernel.Text
	for _, c := range r.Conditions {
		if !c.Met {
			out = append(out, c.Unmet)
		}
	}
	return out
}

// AssessChildCoordinator tests every condition of pbrl § 2-5 c and hol § 7-2 a on a day, with the
// age limit and the provisions from the law table (so there is no right before 2022-08-01: the
// table has no rule then, and the error is NotFound). All conditions must be met; the right
// belongs to the family, and no diagnosis is required.
func AssessChildCoordinator(f ChildFacts, on time.Time, law *lawdata.Table) (ChildCoordinatorRight, error) {
	limit, err := law.At(lawdata.ChildCoordinatorAgeLimit, on)
	if err != nil {
		return ChildCoordinatorRight{}, fmt.Errorf("child coordinator: %w", err)
	}
	right, err := law.At(lawdata.ChildCoordinatorRight, on)
	if err != nil {
		return ChildCoordinatorRight{}, fmt.Errorf("child coordinator: %w", err)
	}
	n := limit.Value.N
	under := f.Expected || (!f.BirthDate.IsZero() && AgeOn(f.BirthDate, on) < n)
	cond := func(code string, met bool, text, unmet kernel.Text, r lawdata.Rule) Condition {
		return Condition{Code: code, Met: met, Text: text, Unmet: unmet, Law: right.Value.Text, Source: r.Source}
	}
	cs := []Condition{
		cond(CondUnderAge, under,
			kernel.Text{NB: fmt.Sprintf("Familien har eller venter barn under %d år.", n), EN: fmt.Sprintf("The family has or expects a child under %d.", n)},
			kernel.Text{NB: "Barnet er ikke under aldersgrensen.", EN: "The child is not under the age limit."}, limit),
		cond(CondSerious, f.Serious,
			kernel.Text{NB: "Barnet har alvorlig sykdom, skade eller nedsatt funksjonsevne.", EN: "The child has a serious illness, injury or disability."},
			kernel.Text{NB: "Barnet har ikke alvorlig sykdom, skade eller nedsatt funksjonsevne.", EN: "The child has no serious illness, injury or disability."}, right),
		cond(CondHealthAndCare, f.HealthAndCare,
			kernel.Text{NB: "Barnet trenger langvarige og sammensatte eller koordinerte helse- og omsorgstjenester.", EN: "The child needs long-term and complex or coordinated health and care services."},
			kernel.Text{NB: "Barnet trenger ikke langvarige og sammensatte eller koordinerte helse- og omsorgstjenester.", EN: "The child does not need long-term and complex or coordinated health and care services."}, right),
		cond(CondOtherWelfare, f.OtherWelfare,
			kernel.Text{NB: "Barnet trenger også andre velferdstjenester.", EN: "The child also needs other welfare services."},
			kernel.Text{NB: "Barnet trenger ikke andre velferdstjenester i tillegg.", EN: "The child does not also need other welfare services."}, right),
		cond(CondFamilyWants, f.FamilyWants,
			kernel.Text{NB: "Foreldrene ønsker barnekoordinator.", EN: "The parents want a child coordinator."},
			kernel.Text{NB: "Foreldrene har ikke bedt om barnekoordinator.", EN: "The parents have not asked for a child coordinator."}, right),
	}
	r := ChildCoordinatorRight{Right: true, On: on, Conditions: cs}
	for _, c := range cs {
		r.Right = r.Right && c.Met
	}
	return r, nil
}

// AgeOn is the age in whole years on a date; a child born on 29 February is a year older on
// 1 March in a year without one.
func AgeOn(birth, on time.Time) int {
	by, bm, bd := birth.Date()
	y, m, d := on.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// birthday is the day the child turns age, consistent with AgeOn (29 February → 1 March).
func birthday(birth time.Time, age int) lawdata.Date {
	return lawdata.DateOf(lawdata.DateOf(birth).Time(time.UTC).AddDate(age, 0, 0))
}

// The stages of a child coordinator's end.
type EndStage string

// The stages.
const (
	EndRunning EndStage = "running" // the child is under the limit and the warning has not begun
	EndWarning EndStage = "warning" // the end is near: warn the family, offer an ordinary coordinator
	EndEnded   EndStage = "ended"   // the child has turned 18: the right has ended
)

// ChildCoordinatorEnd is when the right ends and where it stands on a day.
type ChildCoordinatorEnd struct {
	Ends     lawdata.Date // the age-limit birthday: the first day without the right
	WarnFrom lawdata.Date // the warning's first day (the municipal setting before Ends)
	Stage    EndStage
	Offer    kernel.Text // from the warning on: the offer of an ordinary coordinator
	OfferLaw string      // the ordinary coordinator's provision, which has no age limit
}

// ChildCoordinatorEnding is the end of the right for a child born on birth, on the day on: the
// right ends the day the child turns the age limit (18), the family is warned a set time before
// (lawdata.ChildCoordinatorEndWarning) and offered an ordinary coordinator. An expected child
// (zero birth) has no end yet.
func ChildCoordinatorEnding(birth, on time.Time, law *lawdata.Table) (ChildCoordinatorEnd, error) {
	if birth.IsZero() {
		return ChildCoordinatorEnd{Stage: EndRunning}, nil
	}
	limit, err := law.At(lawdata.ChildCoordinatorAgeLimit, on)
	if err != nil {
		return ChildCoordinatorEnd{}, fmt.Errorf("child coordinator end: %w", err)
	}
	warning, err := law.At(lawdata.ChildCoordinatorEndWarning, on)
	if err != nil {
		return ChildCoordinatorEnd{}, fmt.Errorf("child coordinator end: %w", err)
	}
	ordinary, err := law.At(lawdata.CoordinatorRight, on)
	if err != nil {
		return ChildCoordinatorEnd{}, fmt.Errorf("child coordinator end: %w", err)
	}
	e := ChildCoordinatorEnd{Ends: birthday(birth, limit.Value.N), OfferLaw: ordinary.Value.Text}
	if e.WarnFrom, err = before(e.Ends, warning.Value); err != nil {
		return ChildCoordinatorEnd{}, err
	}
	today := lawdata.DateOf(on)
	switch {
	case !today.Before(e.Ends):
		e.Stage = EndEnded
	case !today.Before(e.WarnFrom):
		e.Stage = EndWarning
	default:
		e.Stage = EndRunning
		return e, nil
	}
	e.Offer = kernel.Text{
		NB: fmt.Sprintf("Retten til barnekoordinator opphører når barnet fyller %d år (%s). Tilby en ordinær koordinator (%s).", limit.Value.N, e.Ends, e.OfferLaw),
		EN: fmt.Sprintf("The right to a child coordinator ends when the child turns %d (%s). Offer an ordinary coordinator (%s).", limit.Value.N, e.Ends, e.OfferLaw)}
	return e, nil
}

// before is the day v before d; working days are refused, since a warning counted back in
// working days has no use here.
func before(d lawdata.Date, v lawdata.Value) (lawdata.Date, error) {
	t := d.Time(time.UTC)
	switch v.Unit {
	case lawdata.Days:
		t = t.AddDate(0, 0, -v.N)
	case lawdata.Weeks:
		t = t.AddDate(0, 0, -7*v.N)
	case lawdata.Months, lawdata.Years:
		t = lawdata.Add(t, lawdata.Value{Kind: v.Kind, N: -v.N, Unit: v.Unit})
	default:
		return lawdata.Date{}, apperr.New(apperr.Internal, "the child coordinator's end warning is in %s; use days, weeks, months or years", v.Unit)
	}
	return lawdata.DateOf(t), nil
}
