package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
)

// needReportData is the provider's form to report a possible need, or its receipt.
type needReportData struct {
	pageData
	Form    *form
	Receipt *intake.Receipt
}

const needReportKey = "provider-need-report"

// NeedReportForm serves GET /provider/need-report: a service provider or GP reports a possible
// need for habilitation or rehabilitation (their reporting duty) to the coordinating unit.
func (w *Web) NeedReportForm(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.ServiceProvider)
	if !ok {
		return
	}
	w.render(rw, r, http.StatusOK, "provider/need_report", needReportData{pageData: w.page(r, "Meld behov"),
		Form: w.openForm(r.Context(), p, needReportKey)})
}

// SendNeedReport serves POST /provider/need-report.
func (w *Web) SendNeedReport(rw http.ResponseWriter, r *http.Request) {
	p, f, ok := w.postedBy(rw, r, access.ServiceProvider, needReportKey)
	if !ok {
		return
	}
	d := needReportData{pageData: w.page(r, "Meld behov"), Form: f}
	f.Require("nationalid", "Skriv innbyggerens fødselsnummer eller D-nummer.")
	f.Require("need", "Beskriv behovet.")
	f.Limit("need", kernel.MaxText)
	f.LimitLines("services", kernel.MaxName)
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "provider/need_report", d)
		return
	}
	receipt, err := w.coord.ReportNeed(r.Context(), intake.NeedReportInput{NationalID: f.Trimmed("nationalid"),
		Need: f.Trimmed("need"), CurrentServices: coLines(f.Get("services"))})
	if !w.saved(rw, r, p, f, err, "nationalid", "provider/need_report", d, apperr.Unprocessable, apperr.Invalid) {
		return
	}
	d.Receipt, d.Form = &receipt, nil
	d.Title = "Meldingen er mottatt"
	w.render(rw, r, http.StatusOK, "provider/need_report", d)
}
