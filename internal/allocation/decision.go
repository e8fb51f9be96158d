package allocation

import (
	"math"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// Outcome is what a decision gives of the service applied for.
type Outcome string

// The outcomes of a decision.
const (
	Granted       Outcome = "granted"        // innvilget
	PartlyGranted Outcome = "partly-granted" // delvis innvilget: less than applied for, or another service
	Refused       Outcome = "refused"        // avslag
)

// ScopeUnit is what a decision's scope counts.
type ScopeUnit string

// The units of a scope (law.md §2.2: hours per week or month, visits, days, stays).
const (
	HoursPerWeek  ScopeUnit = "hours-per-week"
	HoursPerMonth ScopeUnit = "hours-per-month"
	VisitsPerWeek ScopeUnit = "visits-per-week"
	DaysPerWeek   ScopeUnit = "days-per-week"
	Days          ScopeUnit = "days"
	Stays         ScopeUnit = "stays"
)

// ScopeUnits are the units in the order a form offers them.
var ScopeUnits = []ScopeUnit{HoursPerWeek, HoursPerMonth, VisitsPerWeek, DaysPerWeek, Days, Stays}

// DecisionStatus is where a decision is in its making and its life.
type DecisionStatus string

// The statuses of a decision.
const (
	Drafted  DecisionStatus = "drafted"  // written by an officer, waiting for a second to sign (two-person approval)
	Signed   DecisionStatus = "signed"   // made and sent to the citizen
	Replaced DecisionStatus = "replaced" // a later decision (after an appeal or a change) took its place
)

// Reasons are what fvl § 25 asks a decision's reasons to name.
type Reasons struct {
	Rules          string // the rules the decision rests on, beyond the service's legal basis
	Facts          string // the facts the office relied on
	Considerations string // the main considerations in the judgement
}

// Decision is the office's decision (enkeltvedtak) on one service applied for.
type Decision struct {
	ID        string // the ServiceRequest's id
	Reference string // the application's reference number
	Applied   string // ServiceRequest/...: the application it decides
	Subject   string // Patient/...
	Code      string // the service, from the catalogue
	Outcome   Outcome
	// Scope is how much is granted, in Unit; 0 with Unit "" for a service counted in nothing
	// (a safety alarm). A refusal has none.
	Scope float64
	Unit  ScopeUnit
	Start time.Time // the first day; a refusal has none
	End   time.Time // the last day; zero: until further notice
	// Review is the date the office looks at the decision again (a revurdering).
	Review   time.Time
	Provider string // Organization/...: the unit that gives the service
	Reasons  Reasons
	// Fee is the user fee and how it was computed, in the letter's language: the service's fee
	// rule and the amount in force (from the law table) when it was decided.
	Fee string
	// AppealBy is the last day to appeal: the appeal deadline of the service's route, from the
	// day the decision was sent.
	AppealBy time.Time
	// Carer is RelatedPerson/... for carer allowance: the carer is a party with their own right
	// of appeal and their own letter.
	Carer    string
	Status   DecisionStatus
	Drafter  string    // Practitioner/... who wrote it
	Signer   string    // Practitioner/... who signed it: the drafter, or a second officer
	Decided  time.Time // when it was signed and sent
	Letter   string    // Communication/...: the letter to the citizen
	Replaces string    // ServiceRequest/...: the decision this one took the place of
	// Placement is, for a long-term stay given, whether it is the only safe option (a place
	// now: a unit and a start) or the citizen can live safely at home while waiting (the
	// waiting list, until a place is accepted). Criteria are the codes of the municipality's
	// criteria for a long-term stay that the officer found met (LongTermCriteria).
	Placement Placement
	Criteria  []string
	// Rota plans a respite or rotating stay as weeks in the institution and weeks at home over
	// the period; nil when the stays are not planned as a rota.
	Rota *Rota
	// CarerPay is a carer allowance's pay per month by the municipality's hourly rate in force
	// on the day it was signed; the zero value before signing and for other services.
	CarerPay CarerPay
	// UnwantedDoubleRoom: a stay in a double room the resident did not want, which gives the
	// higher allowance in the long-term charge (egenandelsforskriften § 3).
	UnwantedDoubleRoom bool
}

// Running says whether the decision gives a service now: signed, not refused, started and
// not ended (a long-term stay on the waiting list has not started).
func (d Decision) Running(now time.Time) bool {
	return d.Status == Signed && d.Outcome != Refused && !d.Start.IsZero() && !d.Start.After(now) && (d.End.IsZero() || !d.End.Before(now))
}

// ReviewDue says whether the decision is running and past its review date: the office's list
// shows it.
func (d Decision) ReviewDue(now time.Time) bool {
	return d.Status == Signed && d.Outcome != Refused && !d.Review.IsZero() && kernel.DaysBetween(d.Review, now) >= 0
}

// maxScope bounds a scope: KPR counts at most 168 hours a week, and nothing a decision
// counts reaches 1,000.
const maxScope = 1000

// ValidateDecision checks what the officer wrote on today: a known outcome, reasons naming
// the facts and the considerations (fvl § 25), and for a service given: its scope in a known
// unit, a start, an end after the start, a review date after the start, and the unit that
// gives it, and what the service asks besides (checkServiceParts: a long-term stay's
// placement and criteria, a rota, a carer allowance in hours). A long-term stay whose citizen
// can wait safely at home may have neither unit nor start: it waits on the list (Waits). A
// refusal gives no scope, period or provider.
func ValidateDecision(d Decision) error {
	switch {
	case d.Outcome != Granted && d.Outcome != PartlyGranted && d.Outcome != Refused:
		return kernel.Violation("Velg om søknaden innvilges, delvis innvilges eller avslås.", "Choose whether the application is granted, partly granted or refused.")
	case strings.TrimSpace(d.Reasons.Facts) == "":
		return kernel.Violation("Skriv hvilke faktiske forhold vedtaket bygger på.", "Write the facts the decision rests on.")
	case strings.TrimSpace(d.Reasons.Considerations) == "":
		return kernel.Violation("Skriv hvilke hensyn som har vært avgjørende.", "Write the main considerations of the decision.")
	case d.Outcome == PartlyGranted && strings.TrimSpace(d.Reasons.Rules) == "":
		return kernel.Violation("Et delvis avslag må si hvilke regler det bygger på.", "A partial refusal must name the rules it rests on.")
	case d.Outcome == Refused && strings.TrimSpace(d.Reasons.Rules) == "":
		return kernel.Violation("Et avslag må si hvilke regler det bygger på.", "A refusal must name the rules it rests on.")
	case d.Outcome == Refused:
		if d.Scope != 0 || d.Unit != "" || !d.Start.IsZero() || !d.End.IsZero() || d.Provider != "" || d.Rota != nil ||
			d.Placement != "" || len(d.Criteria) > 0 || d.CarerPay != (CarerPay{}) {
			return kernel.Violation("Et avslag har ikke omfang, periode eller utfører.", "A refusal has no scope, period or provider.")
		}
		return kernel.CheckTexts(DecisionFields(d), nil)
	}
	if err := checkScope(d.Scope, d.Unit); err != nil {
		return err
	}
	if err := checkServiceParts(d); err != nil {
		return err
	}
	if d.Waits() {
		return checkWaiting(d)
	}
	switch {
	case d.Start.IsZero():
		return kernel.Violation("Skriv fra hvilken dato tjenesten gis.", "Write the date the service starts.")
	case !d.End.IsZero() && d.End.Before(d.Start):
		return kernel.Violation("Sluttdatoen må være etter startdatoen.", "The end date must be after the start date.")
	case d.Review.IsZero() || !d.Review.After(d.Start) && d.Placement != SafeAtHome: // a place from the list keeps the review of the wait
		return kernel.Violation("Skriv når vedtaket skal vurderes på nytt, etter startdatoen.", "Write when the decision is reviewed, after the start date.")
	case kernel.TypeOf(d.Provider) != "Organization":
		return kernel.Violation("Velg enheten som gir tjenesten.", "Choose the unit that provides the service.")
	}
	return kernel.CheckTexts(DecisionFields(d), nil)
}

func checkScope(scope float64, unit ScopeUnit) error {
	if unit == "" && scope == 0 {
		return nil
	}
	known := false
	for _, u := range ScopeUnits {
		known = known || u == unit
	}
	switch {
	case !known:
		return kernel.Violation("Velg hva omfanget måles i.", "Choose what the scope is counted in.")
	case scope <= 0 || scope >= maxScope || math.IsNaN(scope):
		return kernel.Violation("Omfanget må være et tall over 0 og under 1000.", "The scope must be a number above 0 and below 1,000.")
	case unit == HoursPerWeek && scope > 168:
		return kernel.Violation("En uke har 168 timer.", "A week has 168 hours.")
	}
	return nil
}

// checkServiceParts: what a service given asks beyond the scope. A long-term stay names
// whether it is the only safe option and at least one of the municipality's criteria met; a
// respite or rotating stay may be planned as a rota (CheckRota); a carer allowance is counted
// in hours, the pay's base. Another service carries none of these.
func checkServiceParts(d Decision) error {
	switch {
	case d.Code == LongTermStay && d.Placement != OnlySafeOption && d.Placement != SafeAtHome:
		return kernel.Violation("Velg om langtidsopphold er eneste forsvarlige tilbud, eller om innbyggeren kan bo trygt hjemme mens hun eller han venter.",
			"Choose whether a long-term stay is the only safe option, or the citizen can live safely at home while waiting.")
	case d.Code == LongTermStay && len(d.Criteria) == 0:
		return kernel.Violation("Kryss av for kriteriene for langtidsopphold som er oppfylt; minst ett må være det.",
			"Tick the criteria for a long-term stay that are met; at least one must be.")
	case d.Code != LongTermStay && (d.Placement != "" || len(d.Criteria) > 0):
		return kernel.Violation("Bare vedtak om langtidsopphold har venteliste og kriterier.", "Only a long-term stay has a waiting list and criteria.")
	case d.Rota != nil && d.Code != RespiteStay && d.Code != RotatingStay:
		return kernel.Violation("Bare avlastningsopphold og rullerende opphold planlegges som turnus.", "Only respite and rotating stays are planned as a rota.")
	case d.Code == CarerAllowance && d.Unit != HoursPerWeek && d.Unit != HoursPerMonth:
		return kernel.Violation("Omsorgsstønad gis i timer per uke eller per måned.", "A carer allowance is given in hours per week or per month.")
	case d.Code != CarerAllowance && d.CarerPay != (CarerPay{}):
		return kernel.Violation("Bare omsorgsstønad har en sats per time.", "Only a carer allowance has an hourly rate.")
	}
	if d.Rota != nil {
		return CheckRota(*d.Rota, d.Start, d.End)
	}
	return nil
}
