package web

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
)

// inquiryData is the inquiry form or its receipt.
type inquiryData struct {
	pageData
	Form     *form
	Action   string
	Subjects []intake.Subject // whom the person may send it for
	Relative bool             // sent on someone's behalf: ask for the citizen's consent
	Receipt  *intake.Receipt
}

// Choices are the subjects as radio options.
func (d inquiryData) Choices() []option {
	var out []option
	for _, s := range d.Subjects {
		o := option{Value: s.Patient, Nb: s.Name, Plain: true}
		switch s.Source {
		case intake.FromCitizen:
			o = option{Value: s.Patient, Nb: "Meg selv (%s)", Args: []any{s.Name}}
		case intake.FromGuardian:
			o = option{Value: s.Patient, Nb: "%s (barn jeg er foresatt for)", Args: []any{s.Name}}
		case intake.FromRelative:
			o = option{Value: s.Patient, Nb: "%s (som pårørende)", Args: []any{s.Name}}
		}
		out = append(out, o)
	}
	return out
}

// inquiryForm serves GET /citizen/inquiry and /relative/inquiry: the form as the person left it.
func (w *Web) inquiryForm(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, role)
		if !ok {
			return
		}
		data, err := w.newInquiryData(r, p, role, w.openForm(r.Context(), p, inquiryKey(role)))
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		if len(data.Subjects) == 1 && data.Form.Get("subject") == "" {
			data.Form.Values.Set("subject", data.Subjects[0].Patient)
		}
		w.render(rw, r, http.StatusOK, "citizen/inquiry", data)
	}
}

func inquiryKey(role access.Role) string { return string(role) + "-inquiry" }

func (w *Web) newInquiryData(r *http.Request, p *access.Principal, role access.Role, f *form) (inquiryData, error) {
	subjects, err := w.coord.InquirySubjects(r.Context())
	if err != nil {
		return inquiryData{}, err
	}
	if role == access.Relative {
		// a relative writes for others only; their own inquiries are sent as a citizen
		subjects = filterSubjects(subjects, intake.FromRelative, intake.FromGuardian)
	}
	return inquiryData{pageData: w.page(r, "Send henvendelse"), Form: f, Action: r.URL.Path,
		Subjects: subjects, Relative: role == access.Relative}, nil
}

func filterSubjects(in []intake.Subject, keep ...intake.InquirySource) []intake.Subject {
	var out []intake.Subject
	for _, s := range in {
		for _, k := range keep {
			if s.Source == k {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// sendInquiry serves POST /citizen/inquiry and /relative/inquiry: a refused form comes back
// with what was typed and a message per field; a received one gets its receipt and the draft
// is dropped.
func (w *Web) sendInquiry(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, f, ok := w.postedBy(rw, r, role, inquiryKey(role))
		if !ok {
			return
		}
		data, err := w.newInquiryData(r, p, role, f)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		in, ok := validInquiry(f, data)
		if !ok {
			w.render(rw, r, http.StatusUnprocessableEntity, "citizen/inquiry", data)
			return
		}
		if data.Relative && f.Has("consent", "yes") {
			in.CitizenConsent = w.now()
		}
		receipt, err := w.coord.SubmitInquiry(r.Context(), in)
		if apperr.Is(err, apperr.Unprocessable) || apperr.Is(err, apperr.Invalid) {
			why := textOf(err)
			f.InvalidText("need", kernel.Text{NB: "Henvendelsen kunne ikke tas imot: " + why.NB, EN: "The inquiry could not be received: " + why.EN})
			w.render(rw, r, http.StatusUnprocessableEntity, "citizen/inquiry", data)
			return
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		w.dropDraft(r.Context(), p, f.Key)
		data.Receipt = &receipt
		data.Title = "Henvendelsen er mottatt"
		w.render(rw, r, http.StatusOK, "citizen/receipt", data)
	}
}

// validInquiry checks the form and builds the inquiry.
func validInquiry(f *form, data inquiryData) (intake.InquiryInput, bool) {
	subject := f.Trimmed("subject")
	known := false
	for _, s := range data.Subjects {
		known = known || s.Patient == subject
	}
	if !known {
		f.Invalid("subject", "Velg hvem henvendelsen gjelder.")
	}
	f.Require("need", "Skriv hva du trenger hjelp til.")
	f.Limit("need", kernel.MaxText)
	f.LimitLines("services", kernel.MaxName)
	f.Limit("proposal", kernel.MaxName)
	return intake.InquiryInput{Subject: subject, Need: f.Trimmed("need"), CurrentServices: textLines(f.Get("services")),
		ProposedCoordinator: f.Trimmed("proposal")}, f.OK()
}

// textLines splits a textarea into its non-empty lines.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
