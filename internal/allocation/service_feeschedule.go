package allocation

import (
	"context"
	"fmt"
	"net/url"
	"slices"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/records"
	"veiviser/internal/workflow"
)

// FeeTable is the law table the fees are computed by: the shipped one with the amounts the
// office entered laid over it.
func (s *Service) FeeTable(ctx context.Context) (*lawdata.Table, error) {
	org, _, err := s.wf.Get(ctx, "Organization", s.wf.Office())
	if apperr.Is(err, apperr.NotFound) {
		return s.wf.Law(), nil
	}
	if err != nil {
		return nil, err
	}
	t, err := s.wf.Law().With(officeFees(org)...)
	if err != nil {
		return nil, fmt.Errorf("the office's fee schedule: %w", err)
	}
	return t, nil
}

// FeeRow is one fee amount of a year as the schedule shows it.
type FeeRow struct {
	Key      lawdata.Key
	From, To string // the period an amount entered for the year holds
	Øre      int64  // in force at From; 0 when none is
	Source   string
	ByOffice bool // entered by the office for this year, not shipped
}

// FeeSchedule is every fee amount of year: what is in force and where it comes from.
func (s *Service) FeeSchedule(ctx context.Context, year int) ([]FeeRow, error) {
	t, err := s.FeeTable(ctx)
	if err != nil {
		return nil, err
	}
	entered := map[lawdata.Key]bool{}
	if org, _, err := s.wf.Get(ctx, "Organization", s.wf.Office()); err == nil {
		for _, r := range officeFees(org) {
			if feeYearOf(r) == year {
				entered[r.Key] = true
			}
		}
	}
	var rows []FeeRow
	for _, k := range lawdata.FeeKeys() {
		row := FeeRow{Key: k, ByOffice: entered[k]}
		row.From, row.To = FeePeriod(k, year)
		from, _ := lawdata.ParseDate(row.From)
		if r, err := t.At(k, from.Time(s.wf.Now().Location())); err == nil {
			row.Øre, row.Source = r.Value.Øre, r.Source
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// SaveFeeYear enters a year's amounts (the office's lead, or an administrator): the amounts
// replace what the office entered for that year before, and the table must take them.
func (s *Service) SaveFeeYear(ctx context.Context, y FeeYear) (FeeChange, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return FeeChange{}, err
	}
	if !mayEditCatalogue(p, s.wf.Office()) {
		return FeeChange{}, feesForbidden()
	}
	if err := ValidateFeeYear(y); err != nil {
		return FeeChange{}, err
	}
	org, rec, err := s.wf.Get(ctx, "Organization", s.wf.Office())
	if err != nil {
		return FeeChange{}, err
	}
	updated, change := withFees(org, y, p.Ref(), s.wf.Now())
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: updated, IfMatch: rec.VersionID}); err != nil {
		return FeeChange{}, fmt.Errorf("saving the fee schedule for %d: %w", y.Year, err)
	}
	return change, nil
}

// FeeHistory is who changed the fee schedule, for which year and when, newest first.
func (s *Service) FeeHistory(ctx context.Context) ([]FeeChange, error) {
	h, err := s.wf.Records().History(ctx, "Organization", s.wf.Office(), url.Values{"_count": {fmt.Sprint(maxHistory)}})
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []FeeChange
	for _, rec := range h.Records {
		if org := records.Parsed(rec); org != nil {
			if c := lastFeeChange(org); c.Year != 0 {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func feesForbidden() error {
	return kernel.Text{NB: "Egenandelssatsene føres av lederen for tildelingskontoret.",
		EN: "The fee amounts are kept by the allocation office's lead."}.Err(apperr.Forbidden)
}

// checkFees is the fee schedule's part of the Organization's rule: every amount entered for a
// fee rule, above 0 and within bounds, with a source and a period the law table takes.
func checkFees(law *lawdata.Table, entered []lawdata.Rule) error {
	for _, r := range entered {
		if !slices.Contains(lawdata.FeeKeys(), r.Key) || r.Value.Øre <= 0 || r.Value.Øre >= maxFee || r.Source == "" {
			return kernel.Violation("Et egenandelsbeløp er ugyldig: ukjent sats, beløp utenfor grensene eller uten kilde.",
				"A fee amount is invalid: an unknown rule, an amount out of bounds or no source.")
		}
	}
	if law == nil {
		return nil
	}
	if _, err := law.With(entered...); err != nil {
		return kernel.Violation("Egenandelsbeløpene passer ikke i lovtabellen: "+err.Error(), "The fee amounts do not fit the law table: "+err.Error())
	}
	return nil
}
