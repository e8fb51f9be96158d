package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/fees"
)

// The monthly fee list: GET /case-officer/fees?month=YYYY-MM shows what each citizen is billed
// for the month and how, and /case-officer/fees.csv is the same list for the finance system
// (its columns in docs/fees.md).

// feeListData is the office's fee list page.
type feeListData struct {
	pageData
	Month, Prev, Next string // YYYY-MM
	MonthWords        string
	Rows              []feeListRowView
	Total             string
	Missing           int
	names             map[string]string
}

// ServiceName is a service's name in the page's language.
func (d feeListData) ServiceName(code string) string {
	if n, ok := d.names[code]; ok {
		return n
	}
	return code
}

// feeListRowView is a row of the fee list in the page's language.
type feeListRowView struct {
	allocation.FeeListRow
	Amount string
	Lines  []string
}

// feeMonth is the month asked for (?month=YYYY-MM), this month by default; false when it is not
// a month.
func (w *Web) feeMonth(r *http.Request) (time.Time, bool) {
	now := w.now().In(oslo)
	s := r.URL.Query().Get("month")
	if s == "" {
		return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, oslo), true
	}
	t, err := time.ParseInLocation("2006-01", s, oslo)
	return t, err == nil && len(s) == 7
}

func (w *Web) feeList(rw http.ResponseWriter, r *http.Request) (time.Time, []allocation.FeeListRow, bool) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return time.Time{}, nil, false
	}
	month, ok := w.feeMonth(r)
	if !ok {
		http.Error(rw, "month is YYYY-MM", http.StatusBadRequest)
		return time.Time{}, nil, false
	}
	rows, err := w.coord.FeeList(r.Context(), month)
	if err != nil {
		w.fail(rw, r, err)
		return time.Time{}, nil, false
	}
	return month, rows, true
}

// FeeListPage serves GET /case-officer/fees.
func (w *Web) FeeListPage(rw http.ResponseWriter, r *http.Request) {
	month, rows, ok := w.feeList(rw, r)
	if !ok {
		return
	}
	lang := w.langOf(r)
	d := feeListData{pageData: w.page(r, "Egenandeler for %s", fees.MonthYear(month, lang)), Month: month.Format("2006-01"),
		Prev: month.AddDate(0, -1, 0).Format("2006-01"), Next: month.AddDate(0, 1, 0).Format("2006-01"),
		MonthWords: fees.MonthYear(month, lang), names: w.serviceNames(r)}
	var total fees.Money
	for _, row := range rows {
		d.Rows = append(d.Rows, feeListRowView{FeeListRow: row, Amount: fees.Kroner(int64(row.Total), lang), Lines: row.Computation.Text(lang)})
		total += row.Total
		if row.Missing {
			d.Missing++
		}
	}
	d.Total = fees.Kroner(int64(total), lang)
	w.render(rw, r, http.StatusOK, "caseofficer/fees", d)
}

// FeeListCSV serves GET /case-officer/fees.csv: one row per decision billed, semicolon-separated
// UTF-8 as Norwegian spreadsheets and finance systems read it.
func (w *Web) FeeListCSV(rw http.ResponseWriter, r *http.Request) {
	month, rows, ok := w.feeList(rw, r)
	if !ok {
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="egenandeler-%s.csv"`, month.Format("2006-01")))
	h.Set("Cache-Control", "no-store")
	cw := csv.NewWriter(rw)
	cw.Comma = ';'
	out := [][]string{{"month", "national_id", "name", "service", "fee_rule", "decision", "reference", "amount_nok", "status"}}
	for _, row := range rows {
		amount, status := fmt.Sprintf("%d.%02d", row.Total/100, row.Total%100), "charged"
		if row.Missing {
			amount, status = "", "amounts-missing"
		}
		out = append(out, []string{row.Month.Format("2006-01"), row.NIN, row.Name, row.Service, string(row.Rule), row.Decision, row.Reference, amount, status})
	}
	if err := cw.WriteAll(out); err != nil {
		w.logger.DebugContext(r.Context(), "web: writing the fee list", "err", err)
	}
}
