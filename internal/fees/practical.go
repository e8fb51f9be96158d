package fees

import (
	"math"
	"time"

	"veiviser/internal/lawdata"
)

// bracket is a practical-assistance cap above 2 G: from n G, its key (the top one open).
type bracket struct {
	from int
	key  lawdata.Key
}

func brackets() []bracket {
	return []bracket{{2, lawdata.PracticalAssistanceBracket2G}, {3, lawdata.PracticalAssistanceBracket3G},
		{4, lawdata.PracticalAssistanceBracket4G}, {5, lawdata.PracticalAssistanceBracket5G}}
}

// PracticalAssistanceFee is the monthly fee on day for hoursPerMonth of practical assistance
// (also as user-controlled personal assistance, BPA): the hours at the municipality's price,
// never more than the cap of the household's income bracket, under 2 G the state's maximum
// (egenandelsforskriften §§ 9-10). Without a documented income (inc nil) the highest bracket
// applies until one is, as municipalities do.
func PracticalAssistanceFee(t *lawdata.Table, day time.Time, hoursPerMonth float64, inc *Income) (Computation, error) {
	c := Computation{Rule: PracticalAssistance}
	capKey, err := c.incomeBracket(t, day, inc)
	if err != nil {
		return c, err
	}
	limit, err := amount(t, capKey, day)
	if err != nil {
		return c, err
	}
	c.Lines[len(c.Lines)-1].Amount, c.Lines[len(c.Lines)-1].Has = limit, true
	price, err := amount(t, lawdata.PracticalAssistancePerHour, day)
	if err != nil {
		return c, err
	}
	hours := Money(math.Round(hoursPerMonth * float64(price)))
	c.add(Line{Phrase: pHours, Args: []any{hoursWords(hoursPerMonth), price}, Amount: hours, Has: true})
	c.Total = min(hours, limit)
	c.add(Line{Phrase: pLower, Amount: c.Total, Has: true})
	return c, nil
}

// bracket adds the income lines and a last line naming the bracket, and returns its key.
func (c *Computation) incomeBracket(t *lawdata.Table, day time.Time, inc *Income) (lawdata.Key, error) {
	bs := brackets()
	if inc == nil {
		c.add(Line{Phrase: pNoIncome})
		top := bs[len(bs)-1]
		c.add(Line{Phrase: pTopOnly, Args: []any{top.from}})
		return top.key, nil
	}
	g, err := amount(t, lawdata.G, day)
	if err != nil {
		return "", err
	}
	c.add(Line{Phrase: pHousehold, Amount: Money(inc.Household), Has: true})
	c.add(Line{Phrase: pG, Args: []any{day}, Amount: g, Has: true})
	multiple := float64(inc.Household) / float64(g)
	if inc.Household < 2*int64(g) {
		c.add(Line{Phrase: pUnder2G, Args: []any{multiple}})
		return lawdata.PracticalAssistanceFeeUnder2G, nil
	}
	i := len(bs) - 1 // the income is at least 2 G, so the first bracket holds it if no higher one does
	for i > 0 && inc.Household < int64(bs[i].from)*int64(g) {
		i--
	}
	if b := bs[i]; i == len(bs)-1 {
		c.add(Line{Phrase: pTopBracket, Args: []any{multiple, b.from}})
	} else {
		c.add(Line{Phrase: pBracket, Args: []any{multiple, b.from, b.from + 1}})
	}
	return bs[i].key, nil
}

func (c *Computation) add(l Line) { c.Lines = append(c.Lines, l) }

// hoursWords is a number of hours as a person writes it: 6, 6,5.
type hoursWords float64
