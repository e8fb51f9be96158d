package coordination

import (
	"fmt"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// feeAmount is one fee-amount extension of the office's Organization, as an API client writes it
// (without a source when source is empty).
func feeAmount(key, value, from, to, source string) string {
	parts := []string{`{"url":"key","valueCode":"` + key + `"}`, `{"url":"amount","valueMoney":{"value":` + value + `,"currency":"NOK"}}`,
		`{"url":"from","valueDate":"` + from + `"}`, `{"url":"to","valueDate":"` + to + `"}`}
	if source != "" {
		parts = append(parts, `{"url":"source","valueString":"`+source+`"}`)
	}
	return `{"url":"https://veiviser.no/fhir/StructureDefinition/fee-amount","extension":[` + strings.Join(parts, ",") + `]}`
}

// TestFeeScheduleThroughTheAPI (issue 14): the Organization's rule holds for a write of the
// office's Organization itself, as through the API: an amount that is no fee rule's, out of
// bounds, without a source or clashing with the law table is refused for a system client and a
// person alike, and a valid one from a person who is not the office's lead is forbidden; what
// is refused leaves the schedule as it was, and a valid system write shows on the catalogue.
func TestFeeScheduleThroughTheAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		lead := &access.Principal{UserID: "u11", Roles: []access.Role{access.UnitLead}, PractitionerID: "s2", Units: []string{DefaultOffice}}
		_, err := o.co.SaveFeeYear(as(o.officer), allocation.FeeYear{Year: 2026, Amounts: map[lawdata.Key]int64{lawdata.ShortStayFeePerDay: 19800}, Source: "I-1/2026"})
		fixture.WantCode(t, err, apperr.Forbidden)

		write := func(p *access.Principal, amounts ...string) error {
			t.Helper()
			r, err := fhir.Parse([]byte(`{"resourceType":"Organization","id":"` + DefaultOffice + `","name":"Tildelingskontoret","extension":[` +
				strings.Join(amounts, ",") + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = o.svc.Update(as(p), "Organization", DefaultOffice, r, "")
			return err
		}
		const invalid = "Et egenandelsbeløp er ugyldig"
		good := feeAmount("fee.short-stay.per-day", "198.00", "2026-01-01", "2026-12-31", "I-1/2026")
		for _, c := range []struct {
			name   string
			who    *access.Principal
			amount string
			want   apperr.Code
			why    string // the rule's words
		}{
			{"a system, no fee's key", o.system, feeAmount("fee.juggling", "198.00", "2026-01-01", "2026-12-31", "I-1/2026"), apperr.Unprocessable, invalid},
			{"a system, a negative amount", o.system, feeAmount("fee.short-stay.per-day", "-198.00", "2026-01-01", "2026-12-31", "I-1/2026"), apperr.Unprocessable, invalid},
			{"a system, ten million kroner", o.system, feeAmount("fee.short-stay.per-day", "10000000.00", "2026-01-01", "2026-12-31", "I-1/2026"), apperr.Unprocessable, invalid},
			{"a system, no source", o.system, feeAmount("fee.short-stay.per-day", "198.00", "2026-01-01", "2026-12-31", ""), apperr.Unprocessable, invalid},
			{"a system, a period the table does not take", o.system, feeAmount("fee.short-stay.per-day", "198.00", "2026-12-31", "2026-01-01", "I-1/2026"), apperr.Unprocessable, "passer ikke i lovtabellen"},
			{"a case officer, a negative amount", o.officer, feeAmount("fee.short-stay.per-day", "-198.00", "2026-01-01", "2026-12-31", "I-1/2026"), apperr.Unprocessable, invalid},
			{"a case officer, a valid amount", o.officer, good, apperr.Forbidden, "føres av lederen for tildelingskontoret"},
			{"a citizen, a valid amount", o.citizen, good, apperr.Forbidden, "føres av lederen for tildelingskontoret"},
			{"the lead, no source", lead, feeAmount("fee.short-stay.per-day", "198.00", "2026-01-01", "2026-12-31", ""), apperr.Unprocessable, invalid},
		} {
			t.Run(c.name, func(t *testing.T) {
				err := write(c.who, c.amount)
				fixture.WantCode(t, err, c.want)
				if err != nil && !strings.Contains(err.Error(), c.why) {
					t.Errorf("refused for another reason than the fee rule's: %v", err)
				}
			})
		}
		rows := must[[]allocation.FeeRow](t)(o.co.FeeSchedule(as(lead), 2026))
		for _, r := range rows {
			if r.ByOffice || r.Key == lawdata.ShortStayFeePerDay && r.Øre != 0 {
				t.Errorf("a refused write changed the schedule: %+v", r)
			}
		}
		if h := must[[]allocation.FeeChange](t)(o.co.FeeHistory(as(lead))); len(h) != 0 {
			t.Errorf("the history after refused writes: %+v", h)
		}
		d := must[allocation.Described](t)(o.co.CatalogueService(as(o.citizen), "short-term-stay", i18n.Bokmal))
		if len(d.Rates) != 0 || d.RatesYear != 2026 {
			t.Errorf("the catalogue before an entry: %+v %d", d.Rates, d.RatesYear)
		}

		if err := write(o.system, good); err != nil {
			t.Fatalf("a valid amount from a system: %v", err)
		}
		d = must[allocation.Described](t)(o.co.CatalogueService(as(o.citizen), "short-term-stay", i18n.Bokmal))
		if want := fmt.Sprintf("Egenandel per døgn de første 60 døgnene i kalenderåret: %s", "198\u00a0kr"); len(d.Rates) != 1 || d.Rates[0] != want {
			t.Errorf("the catalogue after the entry: %q", d.Rates)
		}
	})
}
