package web

import (
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

const paperKey = "case-officer-paper"

// PaperApplicationForm serves GET /case-officer/paper-application: the office registers an
// application that came on paper, with the date it was received.
func (w *Web) PaperApplicationForm(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.CaseOfficer)
	if !ok {
		return
	}
	f := w.openForm(r.Context(), p, paperKey)
	if f.Get("received") == "" {
		f.Values.Set("received", w.now().In(oslo).Format(time.DateOnly))
	}
	d, err := w.newApplyData(r, "Registrer papirsøknad", f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "caseofficer/paper", d)
}

// RegisterPaperApplication serves POST /case-officer/paper-application: the citizen is found by
// their national identity number; the application opens at once.
func (w *Web) RegisterPaperApplication(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.CaseOfficer)
	if !ok {
		return
	}
	values, files, readErr := webform.ReadUpload(rw, r, "files")
	if readErr != nil && !apperr.Is(readErr, apperr.Unprocessable) {
		w.fail(rw, r, readErr)
		return
	}
	f := newForm(paperKey, formValues(values))
	w.keepDraft(r.Context(), p, f)
	d, err := w.newApplyData(r, "Registrer papirsøknad", f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if readErr != nil {
		f.InvalidText("files", textOf(readErr))
	}
	f.Require("nin", "Skriv fødselsnummeret til den søknaden gjelder.")
	received := f.RequireDate("received", "Skriv datoen søknaden kom inn.")
	f.Require("need", "Skriv behovet slik det står i søknaden.")
	f.Limit("need", kernel.MaxText)
	f.Limit("help", kernel.MaxText)
	if len(f.Values["services"]) == 0 {
		f.Invalid("services", "Velg minst én tjeneste det søkes om.")
	}
	for _, file := range files {
		if allocation.Sniff(file.Data) == "" {
			f.InvalidF("files", "%s er ikke PDF, PNG eller JPEG. Velg filene på nytt.", file.Name)
		}
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "caseofficer/paper", d)
		return
	}
	patient, err := w.coord.CitizenByNIN(r.Context(), f.Trimmed("nin"))
	if !w.saved(rw, r, p, f, err, "nin", "caseofficer/paper", d, apperr.NotFound) {
		return
	}
	in := allocation.ApplicationInput{Subject: patient, Services: f.Values["services"], Need: f.Trimmed("need"), CurrentHelp: f.Trimmed("help"),
		Received: time.Date(received.Year(), received.Month(), received.Day(), 12, 0, 0, 0, oslo)}
	for _, file := range files {
		in.Files = append(in.Files, allocation.Upload{Name: file.Name, Data: file.Data})
	}
	receipt, err := w.coord.RegisterPaperApplication(r.Context(), in)
	if !w.saved(rw, r, p, f, err, "received", "caseofficer/paper", d, apperr.Unprocessable) {
		return
	}
	http.Redirect(rw, r, "/case-officer/applications/"+url.PathEscape(receipt.Application.Reference)+"?registered=1", http.StatusSeeOther)
}
