package allocation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// The office's fee schedule. The fee amounts ship in the law table (lawdata rules/fees.json,
// each with its source); every 1 January the state's amounts change (G every 1 May) and the
// office's lead enters the year's from the circular, with the circular as the source, at
// /unit/fees. The entered amounts are kept on the office's Organization (every change a version:
// who, when, which year) and laid over the shipped ones for their period only.

// maxFee bounds an amount entered: nothing in the fee regulation reaches ten million kroner.
const maxFee = 1_000_000_000 // øre

// stateFees are the keys the state sets for a calendar year (G from 1 May); the others are the
// municipality's price list, in force from the year entered until a later entry.
func stateFee(k lawdata.Key) bool {
	switch k {
	case lawdata.G, lawdata.ShortStayFeePerDay, lawdata.DayNightStayFeePerDay, lawdata.PracticalAssistanceFeeUnder2G,
		lawdata.LongTermAllowance, lawdata.LongTermAllowanceDoubleRoom:
		return true
	}
	return false
}

// FeeYear is what the office enters for one year: amounts in øre by key (a key left out keeps
// the shipped amount), and the source, the year's circular or the council's decision.
type FeeYear struct {
	Year    int
	Amounts map[lawdata.Key]int64
	Source  string
}

// FeeChange is what one version of the schedule changed.
type FeeChange struct {
	Year   int
	By     string // Practitioner/...
	At     time.Time
	Source string
	Keys   []lawdata.Key
}

// Period is the period an amount entered for year holds: the calendar year for the state's
// amounts (G from 1 May to 30 April), from 1 January on for the municipality's.
func FeePeriod(k lawdata.Key, year int) (from, to string) {
	switch {
	case k == lawdata.G:
		return fmt.Sprintf("%04d-05-01", year), fmt.Sprintf("%04d-04-30", year+1)
	case stateFee(k):
		return fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)
	}
	return fmt.Sprintf("%04d-01-01", year), ""
}

// ValidateFeeYear: a year Veiviser can hold, a source, every key a fee rule, every amount above
// 0 and within bounds.
func ValidateFeeYear(y FeeYear) error {
	switch {
	case y.Year < 2000 || y.Year > 2100:
		return kernel.Violation("Velg et år mellom 2000 og 2100.", "Choose a year between 2000 and 2100.")
	case len(y.Amounts) == 0:
		return kernel.Violation("Skriv minst ett beløp.", "Write at least one amount.")
	case strings.TrimSpace(y.Source) == "":
		return kernel.Violation("Skriv hvor beløpene kommer fra, for eksempel årets rundskriv.", "Write where the amounts come from, for example the year's circular.")
	}
	for k, øre := range y.Amounts {
		if !slices.Contains(lawdata.FeeKeys(), k) {
			return kernel.Violation("Beløpet gjelder ingen egenandel.", "The amount is not for a fee.")
		}
		if øre <= 0 || øre >= maxFee {
			return kernel.Violation("Et beløp må være over 0 og under 10 millioner kroner.", "An amount must be above 0 and below 10 million kroner.")
		}
	}
	return kernel.CheckTexts([]kernel.Field{{Name: kernel.Text{NB: "Kilden", EN: "The source"}, Max: kernel.MaxName, Value: y.Source}}, nil)
}

// Rules are y's amounts as law-table settings.
func (y FeeYear) Rules() []lawdata.Rule {
	var out []lawdata.Rule
	for _, k := range lawdata.FeeKeys() {
		øre, ok := y.Amounts[k]
		if !ok {
			continue
		}
		from, to := FeePeriod(k, y.Year)
		out = append(out, lawdata.Rule{Key: k, Value: lawdata.Value{Kind: lawdata.KindAmount, Øre: øre},
			ValidFrom: from, ValidTo: to, Source: y.Source, Setting: true})
	}
	return out
}

// officeFees are the amounts the office entered, oldest period first, as the law table takes them.
func officeFees(org *fhir.Resource) []lawdata.Rule {
	var out []lawdata.Rule
	for _, e := range kernel.Extensions(org.Object(), kernel.ExtFeeAmount) {
		r := lawdata.Rule{Key: lawdata.Key(kernel.ExtString(e, "key", "Code")), Source: kernel.ExtString(e, "source", "String"),
			ValidFrom: kernel.ExtString(e, "from", "Date"), ValidTo: kernel.ExtString(e, "to", "Date"), Setting: true}
		for _, a := range kernel.Extensions(e, "amount") {
			øre, _ := kernel.MoneyØre(a, "valueMoney")
			r.Value = lawdata.Value{Kind: lawdata.KindAmount, Øre: øre}
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b lawdata.Rule) int { return strings.Compare(a.ValidFrom, b.ValidFrom) })
	return out
}

// feeYearOf is the year an entered rule is for.
func feeYearOf(r lawdata.Rule) int {
	y, _ := strconv.Atoi(r.ValidFrom[:min(4, len(r.ValidFrom))])
	return y
}

// withFees is the office's Organization with y's amounts in place of what it held for that year
// and the change recorded (replacing the record of the one before, the catalogue's included).
func withFees(org *fhir.Resource, y FeeYear, by string, at time.Time) (*fhir.Resource, FeeChange) {
	o := org.Object().Clone()
	change := FeeChange{Year: y.Year, By: by, At: at, Source: y.Source}
	var kept []any
	for _, v := range kernel.Objects(o, "extension") {
		url, _ := v.String("url")
		switch url {
		case kernel.ExtensionBase + kernel.ExtCatalogueChange, kernel.ExtensionBase + kernel.ExtFeeChange:
			continue
		case kernel.ExtensionBase + kernel.ExtFeeAmount:
			if from := kernel.ExtString(v, "from", "Date"); len(from) >= 4 && from[:4] == strconv.Itoa(y.Year) {
				continue
			}
		}
		kept = append(kept, v)
	}
	for _, r := range y.Rules() {
		change.Keys = append(change.Keys, r.Key)
		kept = append(kept, kernel.ComplexExt(kernel.ExtFeeAmount, kernel.SubExt("key", "Code", string(r.Key)),
			kernel.SubExt("amount", "Money", kernel.Money(r.Value.Øre)), kernel.SubExt("from", "Date", r.ValidFrom),
			kernel.SubExt("to", "Date", r.ValidTo), kernel.SubExt("source", "String", r.Source)))
	}
	kept = append(kept, kernel.ComplexExt(kernel.ExtFeeChange, kernel.SubExt("year", "Integer", y.Year),
		kernel.SubExt("by", "Reference", kernel.Reference(by)), kernel.SubExt("at", "DateTime", kernel.DateTime(at)),
		kernel.SubExt("source", "String", y.Source)))
	o.Set("extension", kept)
	r, _ := fhir.FromObject(o)
	return r, change
}

// lastFeeChange is the fee change a version records; zero when it records none.
func lastFeeChange(org *fhir.Resource) FeeChange {
	es := kernel.Extensions(org.Object(), kernel.ExtFeeChange)
	if len(es) == 0 {
		return FeeChange{}
	}
	e := es[0]
	c := FeeChange{By: kernel.ExtRef(e, "by"), At: kernel.ParseTime(kernel.ExtString(e, "at", "DateTime")), Source: kernel.ExtString(e, "source", "String")}
	for _, y := range kernel.Extensions(e, "year") {
		n, _ := kernel.Number(y, "valueInteger")
		c.Year = int(n)
	}
	for _, r := range officeFees(org) {
		if feeYearOf(r) == c.Year {
			c.Keys = append(c.Keys, r.Key)
		}
	}
	return c
}

// officeFeesOf is officeFees of a resource that may be nil.
func officeFeesOf(org *fhir.Resource) []lawdata.Rule {
	if org == nil {
		return nil
	}
	return officeFees(org)
}
