package allocation

import (
	"fmt"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

// Described is a service as a page shows it on one day, in one language: the catalogue's words
// and the rules in force that day.
type Described struct {
	Code, Name, Summary, ForWhom, Cost string
	LegalBasis                         string
	AppealDeadline                     lawdata.Value // a duration
	AppealBody                         string        // as the law names it, in Norwegian
	AppealRight                        string        // the rules that give the right to appeal
	Free                               bool
	// Fee is the national maximum in force on the day; nil when the service has none or this
	// year's amount is not in the law table yet (a page says to ask the office).
	Fee *Fee
	// Rates are the amounts of the service's fee rule in force on the day, one line each in the
	// language, from the table with the office's entries (WithRates); none when the service is
	// free or the year's amounts are not entered yet. RatesYear is the year they are for.
	Rates     []string
	RatesYear int
}

// Fee is a maximum amount and what it is per.
type Fee struct {
	Øre  int64
	Per  string // "day" or "month"
	Year int    // the year the amount was read for
}

// Describe is s as it stands on day in lang. A rule the service names and the law table has no
// value for on day is an error, except the fee's amount, which is left out (law.md §2.6: the
// amounts change each 1 January, and a missing one must not become last year's).
func Describe(s ServiceKind, law *lawdata.Table, day time.Time, lang i18n.Lang) (Described, error) {
	d := Described{Code: s.Code, Name: s.Name.In(lang), Summary: s.Summary.In(lang), ForWhom: s.ForWhom.In(lang),
		Cost: s.Cost.In(lang), Free: s.Free}
	basis, err := law.At(s.LegalBasis, day)
	if err != nil {
		return d, fmt.Errorf("%s: legal basis: %w", s.Code, err)
	}
	deadline, err := law.At(s.Appeal.DeadlineKey(), day)
	if err != nil {
		return d, fmt.Errorf("%s: appeal deadline: %w", s.Code, err)
	}
	body, err := law.At(s.Appeal.BodyKey(), day)
	if err != nil {
		return d, fmt.Errorf("%s: appeal body: %w", s.Code, err)
	}
	right, err := law.At(s.Appeal.RightKey(), day)
	if err != nil {
		return d, fmt.Errorf("%s: appeal right: %w", s.Code, err)
	}
	d.LegalBasis, d.AppealDeadline, d.AppealBody, d.AppealRight = basis.Value.Text, deadline.Value, body.Value.Text, right.Value.Text
	if s.Fee == "" {
		return d, nil
	}
	switch fee, err := law.At(s.Fee, day); {
	case err == nil:
		d.Fee = &Fee{Øre: fee.Value.Øre, Per: s.FeePer, Year: day.Year()}
	case !apperr.Is(err, apperr.NotFound):
		return d, fmt.Errorf("%s: fee: %w", s.Code, err)
	}
	return d, nil
}

// WithRates is d with the amounts of s's fee rule in force on day, from t; a year without them
// leaves Rates empty (law.md §2.6: a missing year must not show last year's).
func WithRates(d Described, s ServiceKind, t *lawdata.Table, day time.Time, lang i18n.Lang) (Described, error) {
	d.RatesYear = day.Year()
	lines, err := fees.Rates(t, s.FeeRule, day)
	switch {
	case apperr.Is(err, apperr.NotFound):
		return d, nil
	case err != nil:
		return d, fmt.Errorf("%s: the fee's amounts: %w", s.Code, err)
	}
	d.Rates = fees.Texts(lines, lang)
	return d, nil
}
