package fees

import (
	"time"

	"veiviser/internal/lawdata"
)

// LongTermFee is the monthly charge (vederlag) on day for a long-term stay, by
// egenandelsforskriften § 3 as law.md §2.6 reads it: 75 % of the income up to G less the
// allowance, plus 85 % of the income above G after tax and debt interest, per year; the
// resident keeps at least 25 % of G and 75 % of the allowance after tax and debt interest;
// a double room the resident did not want gives the higher allowance; the charge is never more
// than the place's real cost. Without a documented income (inc nil) the charge is the real cost
// until one is.
func LongTermFee(t *lawdata.Table, day time.Time, inc *Income, doubleRoom bool) (Computation, error) {
	c := Computation{Rule: LongTermStay}
	realCost, err := amount(t, lawdata.LongTermRealCost, day)
	if err != nil {
		return c, err
	}
	if inc == nil {
		c.add(Line{Phrase: pNoIncomeLT, Amount: realCost, Has: true})
		c.Total = realCost
		c.add(Line{Phrase: pYouPay, Amount: c.Total, Has: true})
		return c, nil
	}
	g, err := amount(t, lawdata.G, day)
	if err != nil {
		return c, err
	}
	allowanceKey, allowancePhrase := lawdata.LongTermAllowance, pAllowance
	if doubleRoom {
		allowanceKey, allowancePhrase = lawdata.LongTermAllowanceDoubleRoom, pAllowance2
	}
	allowance, err := amount(t, allowanceKey, day)
	if err != nil {
		return c, err
	}
	gross, tax, interest := Money(inc.Gross), Money(inc.Tax), Money(inc.DebtInterest)
	c.add(Line{Phrase: pGross, Amount: gross, Has: true})
	c.add(Line{Phrase: pTax, Amount: tax, Has: true})
	c.add(Line{Phrase: pInterest, Amount: interest, Has: true})
	c.add(Line{Phrase: pG, Args: []any{day}, Amount: g, Has: true})
	c.add(Line{Phrase: allowancePhrase, Amount: allowance, Has: true})

	upToG := max(min(gross, g)-allowance, 0)
	first := share(upToG, 75)
	c.add(Line{Phrase: pUpToG, Args: []any{Percent(75), upToG}, Amount: first, Has: true})
	aboveG := max(gross-g-tax-interest, 0)
	second := share(aboveG, 85)
	c.add(Line{Phrase: pAboveG, Args: []any{Percent(85), aboveG}, Amount: second, Has: true})
	perYear := first + second
	c.add(Line{Phrase: pPerYear, Amount: perYear, Has: true})

	keep := share(g, 25) + share(allowance, 75)
	if most := max(gross-tax-interest-keep, 0); perYear > most {
		perYear = most
		c.add(Line{Phrase: pKeep, Args: []any{keep}, Amount: perYear, Has: true})
	}
	perMonth := Money((int64(perYear) + 6) / 12)
	c.add(Line{Phrase: pPerMonth, Amount: perMonth, Has: true})
	c.Total = perMonth
	if perMonth > realCost {
		c.Total = realCost
		c.add(Line{Phrase: pRealCost, Args: []any{realCost}})
	}
	c.add(Line{Phrase: pYouPay, Amount: c.Total, Has: true})
	return c, nil
}
