package web

import (
	"net/http"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/intake"
	"veiviser/internal/webform"
)

// The citizen's fees: GET /citizen/income shows what they pay this month for each decision, line
// by line, and the income statements sent; the form sends a new statement with its documents
// (the tax assessment), and the fees are computed again from it at once.

const incomeKey = "citizen-income"

// incomeData is the citizen's fees page.
type incomeData struct {
	pageData
	Form     *form
	Subjects []intake.Subject
	Fees     []feeView
	Incomes  []allocation.IncomeStatement
	Saved    bool
	Month    string // "desember 2026", in the page's language
}

// feeView is one decision's fee this month, in the page's language.
type feeView struct {
	Service string
	Lines   []string
	Missing bool
}

// Choices are whom the income may be for: the citizen and children they are guardian for.
func (d incomeData) Choices() []option {
	return applyData{Subjects: d.Subjects}.Choices()
}

// IncomePage serves GET /citizen/income.
func (w *Web) IncomePage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	f := w.openForm(r.Context(), p, incomeKey)
	d, err := w.incomeData(r, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if f.Get("year") == "" {
		f.Values.Set("year", strconv.Itoa(w.now().In(oslo).Year()-1))
	}
	d.Saved = r.URL.Query().Get("saved") == "1"
	w.render(rw, r, http.StatusOK, "citizen/income", d)
}

func (w *Web) incomeData(r *http.Request, f *form) (incomeData, error) {
	subjects, err := w.coord.InquirySubjects(r.Context())
	if err != nil {
		return incomeData{}, err
	}
	lang, now := w.langOf(r), w.now().In(oslo)
	d := incomeData{pageData: w.page(r, "Inntekt og egenandel"), Form: f,
		Subjects: filterSubjects(subjects, intake.FromCitizen, intake.FromGuardian),
		Month:    fees.MonthYear(now, lang)}
	for _, s := range d.Subjects {
		list, err := w.coord.FeesOf(r.Context(), s.Patient, now, lang)
		if err != nil {
			return incomeData{}, err
		}
		for _, c := range list {
			d.Fees = append(d.Fees, feeView{Service: c.Service, Lines: c.Computation.Text(lang), Missing: c.Missing})
		}
		incomes, err := w.coord.IncomesOf(r.Context(), s.Patient)
		if err != nil {
			return incomeData{}, err
		}
		d.Incomes = append(d.Incomes, incomes...)
	}
	if len(d.Subjects) > 0 && f.Get("subject") == "" {
		f.Values.Set("subject", d.Subjects[0].Patient)
	}
	return d, nil
}

// SendIncome serves POST /citizen/income (multipart, with the documents).
func (w *Web) SendIncome(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	values, files, readErr := webform.ReadUpload(rw, r, "files")
	if readErr != nil && !apperr.Is(readErr, apperr.Unprocessable) {
		w.fail(rw, r, readErr)
		return
	}
	f := newForm(incomeKey, formValues(values))
	w.keepDraft(r.Context(), p, f)
	d, err := w.incomeData(r, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if readErr != nil {
		f.InvalidText("files", textOf(readErr))
	}
	in := allocation.IncomeInput{Patient: f.Trimmed("subject"), Note: f.Trimmed("note")}
	year, yerr := strconv.Atoi(f.Trimmed("year"))
	if yerr != nil {
		f.Invalid("year", "Skriv året inntekten gjelder, for eksempel 2025.")
	}
	in.Year = year
	amounts := map[string]*int64{"gross": &in.Income.Gross, "tax": &in.Income.Tax, "interest": &in.Income.DebtInterest, "household": &in.Income.Household}
	for _, name := range []string{"gross", "tax", "interest", "household"} {
		if f.Trimmed(name) == "" {
			continue // 0
		}
		øre, ok := fees.ParseKroner(f.Get(name))
		if !ok {
			f.Invalid(name, "Skriv beløpet i kroner, for eksempel 250 000.")
			continue
		}
		*amounts[name] = øre
	}
	for _, file := range files {
		if allocation.Sniff(file.Data) == "" {
			f.InvalidF("files", "%s er ikke PDF, PNG eller JPEG. Velg filene på nytt.", file.Name)
		}
		in.Documents = append(in.Documents, allocation.Upload{Name: file.Name, Data: file.Data})
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "citizen/income", d)
		return
	}
	_, err = w.coord.SubmitIncome(r.Context(), in)
	if !w.saved(rw, r, p, f, err, "gross", "citizen/income", d, apperr.Unprocessable, apperr.Forbidden) {
		return
	}
	http.Redirect(rw, r, "/citizen/income?saved=1", http.StatusSeeOther)
}
