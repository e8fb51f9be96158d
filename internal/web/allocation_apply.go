package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

// applyKey is the application form's draft key for a role (a citizen's and a relative's forms
// are separate drafts).
func applyKey(role access.Role) string { return string(role) + "-apply" }

// applyData is the application form, its receipt, or the citizen's list of applications.
type applyData struct {
	pageData
	Form         *form
	Subjects     []intake.Subject
	Services     []allocation.Described
	Receipt      *allocation.Receipt
	Applications []allocation.Application
	Decisions    []citizenDecision // on the applications page
	Appealed     bool              // an appeal was just sent
	Answered     bool              // an offer of a place on the waiting list was just answered
	Relative     bool              // applying on someone's behalf: ask for the citizen's consent
	Provider     bool              // a service provider applying: the citizen by national identity number
	Action       string            // where the form posts
	names        map[string]string
}

// Choices are whom the person may apply for, as radio options.
func (d applyData) Choices() []option {
	var out []option
	for _, s := range d.Subjects {
		o := option{Value: s.Patient, Nb: "Meg selv (%s)", Args: []any{s.Name}}
		switch s.Source {
		case intake.FromGuardian:
			o = option{Value: s.Patient, Nb: "%s (barn jeg er foresatt for)", Args: []any{s.Name}}
		case intake.FromRelative:
			o = option{Value: s.Patient, Nb: "%s (som pårørende)", Args: []any{s.Name}}
		}
		out = append(out, o)
	}
	return out
}

// ServiceChoices are the catalogue's services as checkboxes, named in the page's language.
func (d applyData) ServiceChoices() []option {
	out := make([]option, len(d.Services))
	for i, s := range d.Services {
		out[i] = option{Value: s.Code, Nb: s.Name, Plain: true}
	}
	return out
}

// ServiceName is a service's name in the page's language.
func (d applyData) ServiceName(code string) string {
	if n, ok := d.names[code]; ok {
		return n
	}
	return code
}

func (w *Web) newApplyData(r *http.Request, title string, f *form) (applyData, error) {
	return w.applyDataFor(r, access.Citizen, title, f)
}

func (w *Web) applyDataFor(r *http.Request, role access.Role, title string, f *form) (applyData, error) {
	subjects, err := w.coord.InquirySubjects(r.Context())
	if err != nil {
		return applyData{}, err
	}
	services, err := w.coord.ServiceCatalogue(r.Context(), w.langOf(r))
	if err != nil {
		return applyData{}, err
	}
	d := applyData{pageData: w.page(r, title), Form: f, Services: services, names: map[string]string{},
		Subjects: filterSubjects(subjects, intake.FromCitizen, intake.FromGuardian), Action: "/citizen/apply"}
	switch role {
	case access.Relative:
		d.Subjects, d.Relative, d.Action = filterSubjects(subjects, intake.FromRelative, intake.FromGuardian), true, "/relative/apply"
	case access.ServiceProvider:
		d.Subjects, d.Relative, d.Provider, d.Action = nil, true, true, "/provider/apply"
	}
	for _, s := range services {
		d.names[s.Code] = s.Name
	}
	return d, nil
}

// applyForm serves GET /citizen/apply and /relative/apply: the application as the person left
// it; ?service= ticks the service they came from in the catalogue.
func (w *Web) applyForm(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) { w.showApplyForm(rw, r, role) }
}

func (w *Web) showApplyForm(rw http.ResponseWriter, r *http.Request, role access.Role) {
	p, ok := w.holder(rw, r, role)
	if !ok {
		return
	}
	f := w.openForm(r.Context(), p, applyKey(role))
	d, err := w.applyDataFor(r, role, "Søk om tjenester", f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if code := r.URL.Query().Get("service"); code != "" && f.Restored.IsZero() {
		f.Values.Set("services", code)
	}
	if len(d.Subjects) > 0 && f.Get("subject") == "" {
		f.Values.Set("subject", d.Subjects[0].Patient)
	}
	w.render(rw, r, http.StatusOK, "citizen/apply", d)
}

// apply serves POST /citizen/apply and /relative/apply (multipart, with files): a refused
// application comes back with what was typed (the files must be chosen again: a browser cannot
// be given them back); a received one shows its receipt.
func (w *Web) apply(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) { w.receiveApplication(rw, r, role) }
}

func (w *Web) receiveApplication(rw http.ResponseWriter, r *http.Request, role access.Role) {
	p, ok := w.holder(rw, r, role)
	if !ok {
		return
	}
	values, files, readErr := webform.ReadUpload(rw, r, "files")
	if readErr != nil && !apperr.Is(readErr, apperr.Unprocessable) {
		w.fail(rw, r, readErr)
		return
	}
	f := newForm(applyKey(role), formValues(values))
	w.keepDraft(r.Context(), p, f)
	d, err := w.applyDataFor(r, role, "Søk om tjenester", f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if readErr != nil {
		f.InvalidText("files", textOf(readErr))
	}
	if d.Provider {
		f.Require("nationalid", "Skriv innbyggerens fødselsnummer eller D-nummer.")
	}
	f.Require("need", "Beskriv behovet ditt med egne ord.")
	f.Limit("need", kernel.MaxText)
	f.Limit("help", kernel.MaxText)
	for _, file := range files {
		if allocation.Sniff(file.Data) == "" {
			f.InvalidF("files", "%s er ikke PDF, PNG eller JPEG. Velg filene på nytt.", file.Name)
		}
	}
	if len(f.Values["services"]) == 0 {
		f.Invalid("services", "Velg minst én tjeneste du søker om.")
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "citizen/apply", d)
		return
	}
	in := allocation.ApplicationInput{Subject: f.Trimmed("subject"), Services: f.Values["services"], Need: f.Trimmed("need"), CurrentHelp: f.Trimmed("help"),
		CitizenConsent: d.Relative && f.Has("consent", "yes")}
	if d.Provider {
		in.Subject, in.NationalID = "", f.Trimmed("nationalid")
	}
	for _, file := range files {
		in.Files = append(in.Files, allocation.Upload{Name: file.Name, Data: file.Data})
	}
	receipt, err := w.coord.Apply(r.Context(), in)
	field := "need"
	if d.Provider && apperr.Is(err, apperr.NotFound) {
		field = "nationalid" // nobody with that number: said at the field, with what was typed
	}
	if !w.saved(rw, r, p, f, err, field, "citizen/apply", d, apperr.Unprocessable, apperr.Forbidden, apperr.NotFound) {
		return
	}
	d.Receipt, d.Title = &receipt, "Søknaden er mottatt"
	w.render(rw, r, http.StatusOK, "citizen/apply_receipt", d)
}

// CitizenApplications serves GET /citizen/applications: the citizen's applications and their
// children's, newest first, each service with where it stands.
func (w *Web) CitizenApplications(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Citizen); !ok {
		return
	}
	d, err := w.newApplyData(r, "Mine søknader", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, s := range d.Subjects {
		list, err := w.coord.ApplicationsOf(r.Context(), s.Patient)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		d.Applications = append(d.Applications, list...)
	}
	if d.Decisions, err = w.citizenDecisions(r, d); err != nil {
		w.fail(rw, r, err)
		return
	}
	d.Appealed = r.URL.Query().Get("appealed") != ""
	d.Answered = r.URL.Query().Get("answered") != ""
	w.render(rw, r, http.StatusOK, "citizen/applications", d)
}
