package allocation

import (
	_ "embed"
	"fmt"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// LongTermStay is the catalogue's code of a long-term stay: the one service with a waiting list
// (hol § 3-2 a, pbrl § 2-1 e; law.md §2.4).
const LongTermStay = "long-term-stay"

// Placement is what a decision on a long-term stay says of waiting (long-term-placement).
type Placement string

// The placements: pbrl § 2-1 e gives the citizen for whom a long-term stay is the only safe
// option a place, never a place on the waiting list; one who meets the criteria and can live
// safely at home while waiting a decision and a place on the list.
const (
	OnlySafeOption Placement = "only-safe-option"
	SafeAtHome     Placement = "safe-at-home"
)

//go:embed catalogue/long-term-stay-criteria.json
var criteriaJSON []byte

// Criterion is one of the municipality's criteria for a long-term stay, in force from ValidFrom
// to ValidTo (both YYYY-MM-DD, ValidTo "" while in force).
type Criterion struct {
	Code      string `json:"code"`
	Text      Words  `json:"text"`
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo,omitempty"`
}

// Criteria is the municipality's criteria regulation as dated data.
type Criteria struct {
	Source   string      `json:"source"`
	Note     string      `json:"note,omitempty"`
	Criteria []Criterion `json:"criteria"`
}

// LongTermCriteria reads the embedded criteria and checks them: a code in the terminology's
// form, texts in three languages, dates that parse, no code twice.
func LongTermCriteria() (Criteria, error) {
	c, err := lawdata.DecodeStrict[Criteria](criteriaJSON, "the criteria for a long-term stay")
	if err != nil {
		return Criteria{}, err
	}
	seen := map[string]bool{}
	for _, k := range c.Criteria {
		_, errFrom := lawdata.ParseDate(k.ValidFrom)
		switch {
		case !codePattern.MatchString(k.Code) || seen[k.Code]:
			return Criteria{}, fmt.Errorf("long-term stay criteria: the code %q is malformed or twice", k.Code)
		case !k.Text.complete():
			return Criteria{}, fmt.Errorf("long-term stay criteria: %s lacks bokmål, nynorsk or English", k.Code)
		case errFrom != nil:
			return Criteria{}, fmt.Errorf("long-term stay criteria: %s: %w", k.Code, errFrom)
		}
		if k.ValidTo != "" {
			if _, err := lawdata.ParseDate(k.ValidTo); err != nil {
				return Criteria{}, fmt.Errorf("long-term stay criteria: %s: %w", k.Code, err)
			}
		}
		seen[k.Code] = true
	}
	if c.Source == "" || len(c.Criteria) == 0 {
		return Criteria{}, fmt.Errorf("long-term stay criteria: no source or no criteria")
	}
	return c, nil
}

// At are the criteria in force on day, in the regulation's order.
func (c Criteria) At(day time.Time) []Criterion {
	d := lawdata.DateOf(day).String()
	var out []Criterion
	for _, k := range c.Criteria {
		if k.ValidFrom <= d && (k.ValidTo == "" || d <= k.ValidTo) {
			out = append(out, k)
		}
	}
	return out
}

// Text is the criterion with code (in force or not: an older decision names the criteria of
// its day); ok false for a code the regulation never had.
func (c Criteria) Text(code string) (Words, bool) {
	for _, k := range c.Criteria {
		if k.Code == code {
			return k.Text, true
		}
	}
	return Words{}, false
}

// check: every code names a criterion in force on day.
func (c Criteria) check(codes []string, day time.Time) error {
	inForce := map[string]bool{}
	for _, k := range c.At(day) {
		inForce[k.Code] = true
	}
	for _, code := range codes {
		if !inForce[code] {
			return kernel.Violation("Vedtaket viser til et kriterium for langtidsopphold som ikke gjelder.",
				"The decision names a criterion for a long-term stay that is not in force.")
		}
	}
	return nil
}
