package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// The allocation office's lead keeps the fee schedule: GET /unit/fees?year=YYYY lists every fee
// amount of the year with its period, what is in force and where it comes from, and a form to
// enter the year's amounts from the circular; POST saves them with the source. Guarded as
// /unit/catalogue is (catalogueEditor).

const feesKey = "unit-fees" // + "/" + year

// feeLabels name the fee keys in bokmål (catalog keys): what a lead reads in the circular.
var feeLabels = map[lawdata.Key]string{
	lawdata.G:                             "Grunnbeløpet i folketrygden (G)",
	lawdata.ShortStayFeePerDay:            "Korttidsopphold, per døgn",
	lawdata.DayNightStayFeePerDay:         "Dag- eller nattopphold, per dag eller natt",
	lawdata.PracticalAssistanceFeeUnder2G: "Praktisk bistand, husstandens inntekt under 2 G, per måned",
	lawdata.PracticalAssistanceBracket2G:  "Praktisk bistand, inntekt 2–3 G, per måned",
	lawdata.PracticalAssistanceBracket3G:  "Praktisk bistand, inntekt 3–4 G, per måned",
	lawdata.PracticalAssistanceBracket4G:  "Praktisk bistand, inntekt 4–5 G, per måned",
	lawdata.PracticalAssistanceBracket5G:  "Praktisk bistand, inntekt over 5 G, per måned",
	lawdata.PracticalAssistancePerHour:    "Praktisk bistand, pris per time",
	lawdata.LongTermAllowance:             "Langtidsopphold, fribeløp per år",
	lawdata.LongTermAllowanceDoubleRoom:   "Langtidsopphold, fribeløp i dobbeltrom beboeren ikke ønsket, per år",
	lawdata.LongTermRealCost:              "Langtidsopphold, det plassen koster per måned",
	lawdata.SafetyAlarmPerMonth:           "Trygghetsalarm, per måned",
	lawdata.MealPerPortion:                "Levert måltid, per porsjon",
}

// feesData is the schedule of one year, its form and the history.
type feesData struct {
	pageData
	Year, Prev, Next int
	Rows             []scheduleRowView
	Form             *form
	History          []feeChangeView
	Saved            bool
}

// scheduleRowView is one key of the year: its label, its form field and its period in dates.
type scheduleRowView struct {
	allocation.FeeRow
	Label    string // catalog key
	Field    string
	From, To time.Time // To zero: until a later entry
}

// feeChangeView is one change with who made it and the labels of the keys it entered.
type feeChangeView struct {
	allocation.FeeChange
	ByName string
	What   []string // catalog keys
}

// feeField is the form field of a key's amount.
func feeField(k lawdata.Key) string { return "amount-" + string(k) }

// feeYear is the year asked for (?year=), the current year when none; false for one the
// schedule cannot hold.
func (w *Web) feeYear(r *http.Request) (int, bool) {
	q := r.URL.Query().Get("year")
	if q == "" {
		return w.now().In(oslo).Year(), true
	}
	y, err := strconv.Atoi(q)
	return y, err == nil && y >= 2000 && y <= 2100
}

// FeeSchedulePage serves GET /unit/fees: the year's amounts and the form to enter them.
func (w *Web) FeeSchedulePage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.catalogueEditor(rw, r)
	if !ok {
		return
	}
	year, ok := w.feeYear(r)
	if !ok {
		w.NotFound(rw, r)
		return
	}
	f := w.openForm(r.Context(), p, fmt.Sprintf("%s/%d", feesKey, year))
	if f.Restored.IsZero() {
		rows, err := w.coord.FeeSchedule(r.Context(), year)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		f.Values = enteredValues(rows, w.langOf(r))
	}
	w.renderFees(rw, r, http.StatusOK, year, f)
}

// enteredValues are the amounts the office entered for the year as the form's values (a key
// left blank keeps the shipped amount, so what was entered must stand in the form), with the
// source they were entered with.
func enteredValues(rows []allocation.FeeRow, lang i18n.Lang) map[string][]string {
	v := map[string][]string{}
	for _, row := range rows {
		if !row.ByOffice {
			continue
		}
		v[feeField(row.Key)] = []string{formKroner(row.Øre, lang)}
		if _, ok := v["source"]; !ok {
			v["source"] = []string{row.Source}
		}
	}
	return v
}

// formKroner is an amount as a person would type it: "1169" or "1169,50" ("1169.50" in English).
func formKroner(øre int64, lang i18n.Lang) string {
	if øre%100 == 0 {
		return strconv.FormatInt(øre/100, 10)
	}
	sep := ","
	if lang == i18n.English {
		sep = "."
	}
	return fmt.Sprintf("%d%s%02d", øre/100, sep, øre%100)
}

func (w *Web) renderFees(rw http.ResponseWriter, r *http.Request, status, year int, f *form) {
	rows, err := w.coord.FeeSchedule(r.Context(), year)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	hist, err := w.coord.FeeHistory(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := feesData{pageData: w.page(r, "Egenandelssatser for %d", year), Year: year, Prev: year - 1, Next: year + 1,
		Form: f, Saved: r.URL.Query().Get("saved") != ""}
	for _, row := range rows {
		v := scheduleRowView{FeeRow: row, Label: feeLabels[row.Key], Field: feeField(row.Key)}
		v.From, _ = time.ParseInLocation(time.DateOnly, row.From, oslo)
		if row.To != "" {
			v.To, _ = time.ParseInLocation(time.DateOnly, row.To, oslo)
		}
		d.Rows = append(d.Rows, v)
	}
	for _, c := range hist {
		v := feeChangeView{FeeChange: c, ByName: w.coord.ApplicantName(r.Context(), c.By)}
		for _, k := range c.Keys {
			v.What = append(v.What, feeLabels[k])
		}
		d.History = append(d.History, v)
	}
	w.render(rw, r, status, "unit/fees", d)
}

// SaveFeeSchedule serves POST /unit/fees?year=YYYY: the year's amounts with their source.
func (w *Web) SaveFeeSchedule(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.catalogueEditor(rw, r)
	if !ok {
		return
	}
	year, ok := w.feeYear(r)
	if !ok {
		w.NotFound(rw, r)
		return
	}
	f, ok := w.posted(rw, r, p, fmt.Sprintf("%s/%d", feesKey, year))
	if !ok {
		return
	}
	y := readFeeYear(f, year)
	if !f.OK() {
		w.renderFees(rw, r, http.StatusUnprocessableEntity, year, f)
		return
	}
	_, err := w.coord.SaveFeeYear(r.Context(), y)
	if refuse(f, "source", err, apperr.Unprocessable, apperr.Conflict, apperr.PreconditionFailed) {
		w.renderFees(rw, r, http.StatusUnprocessableEntity, year, f)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, fmt.Sprintf("/unit/fees?year=%d&saved=1", year), http.StatusSeeOther)
}

// readFeeYear is what the form says for year, each amount checked at its field: a blank field
// keeps the shipped amount, anything else must be kroner within the schedule's bounds.
func readFeeYear(f *form, year int) allocation.FeeYear {
	y := allocation.FeeYear{Year: year, Amounts: map[lawdata.Key]int64{}, Source: f.Trimmed("source")}
	for _, k := range lawdata.FeeKeys() {
		name := feeField(k)
		typed := strings.TrimSpace(f.Get(name))
		if typed == "" {
			continue
		}
		øre, ok := fees.ParseKroner(typed)
		if !ok || øre <= 0 {
			f.Invalid(name, "Skriv beløpet i kroner, for eksempel 1 169 eller 1169,50.")
			continue
		}
		// the schedule's own bounds, at the field (the source is checked below)
		if err := allocation.ValidateFeeYear(allocation.FeeYear{Year: year, Amounts: map[lawdata.Key]int64{k: øre}, Source: "-"}); err != nil {
			f.InvalidText(name, textOf(err))
			continue
		}
		y.Amounts[k] = øre
	}
	if len(y.Amounts) == 0 && f.OK() {
		f.Invalid(feeField(lawdata.FeeKeys()[0]), "Skriv minst ett beløp.")
	}
	if y.Source == "" {
		f.InvalidF("source", "Skriv hvor beløpene kommer fra, for eksempel rundskriv I-1/%d.", year)
	}
	f.Limit("source", kernel.MaxName)
	return y
}
