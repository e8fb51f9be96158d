package web

import (
	"net/http"
	"net/mail"
	"strings"
	"time"

	"veiviser/internal/contactrequest"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/webform"
)

// honeypotField is the public form's trap: hidden from people and screen readers, so a value in
// it was typed by a script.
const honeypotField = "nettside"

const contactFormKey = "kreftkoordinator"

// contactData is the cancer coordinator's public form, its receipt, or the rate limit's page.
type contactData struct {
	pageData
	Form         *form
	WorkingDays  int       // the answer time when it is in working days (0: see AnswerBy)
	AnswerBy     time.Time // the date by which a request sent now, or this one, is answered
	Reference    string    // the receipt's
	Phone, Email string    // the unit's, from the settings
	Limited      bool
}

func (w *Web) newContactData(r *http.Request, title string, f *form) (contactData, error) {
	site := w.site(r.Context())
	d := contactData{pageData: w.page(r, title), Form: f, Phone: site.Phone, Email: site.Email}
	now := w.now()
	rule, err := w.coord.Law().At(lawdata.CancerContactAnswer, now)
	if err != nil {
		return d, err
	}
	if rule.Value.Unit == lawdata.WorkingDays {
		d.WorkingDays = rule.Value.N
	}
	d.AnswerBy, err = w.coord.ContactAnswerBy(now)
	return d, err
}

// CancerContactForm serves GET /kreftkoordinator: for anyone, without sign-in or referral.
func (w *Web) CancerContactForm(rw http.ResponseWriter, r *http.Request) {
	if w.coord == nil {
		w.NotFound(rw, r)
		return
	}
	d, err := w.newContactData(r, "Kontakt kreftkoordinatoren", newForm(contactFormKey, nil))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "public/cancer_contact", d)
}

// SendCancerContact serves POST /kreftkoordinator. A form with mistakes comes back with what was
// typed; a filled honeypot gets a receipt like any other and nothing is stored; a client over
// the rate limit gets 429, the unit's phone number and the form as typed; a real request is
// stored before its receipt is shown.
func (w *Web) SendCancerContact(rw http.ResponseWriter, r *http.Request) {
	if w.coord == nil {
		w.NotFound(rw, r)
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	f := newForm(contactFormKey, formValues(r.PostForm))
	d, err := w.newContactData(r, "Kontakt kreftkoordinatoren", f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if f.Trimmed(honeypotField) != "" {
		w.logger.InfoContext(r.Context(), "web: contact form honeypot filled; not stored", "client", remoteHost(r))
		d.Reference, d.Title = w.coord.NewContactReference(), "Vi har fått beskjeden din"
		w.render(rw, r, http.StatusOK, "public/cancer_contact_receipt", d)
		return
	}
	in, ok := validContact(f)
	if !ok {
		w.render(rw, r, http.StatusUnprocessableEntity, "public/cancer_contact", d)
		return
	}
	if !w.contacts.Allow(remoteHost(r)) {
		w.logger.WarnContext(r.Context(), "web: contact form rate limited", "client", remoteHost(r))
		d.Limited, d.Title = true, "For mange forespørsler akkurat nå"
		w.render(rw, r, http.StatusTooManyRequests, "public/cancer_contact", d)
		return
	}
	req, err := w.coord.SubmitContact(r.Context(), in)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d.Reference, d.AnswerBy, d.Title = req.Reference, req.AnswerBy, "Vi har fått beskjeden din"
	w.render(rw, r, http.StatusOK, "public/cancer_contact_receipt", d)
}

// validContact checks the form, each message at its field, and builds the request.
func validContact(f *form) (contactrequest.Input, bool) {
	f.Require("name", "Skriv navnet ditt.")
	f.Limit("name", kernel.MaxName)
	phone, email := f.Trimmed("phone"), f.Trimmed("email")
	if phone == "" && email == "" {
		f.Invalid("phone", "Skriv telefonnummer eller e-post, så vi kan nå deg.")
	}
	f.Limit("phone", contactrequest.MaxPhone)
	if phone != "" && strings.Trim(phone, "+0123456789 -()") != "" {
		f.Invalid("phone", "Telefonnummeret kan bare ha tall, mellomrom og +.")
	}
	f.Limit("email", contactrequest.MaxEmail)
	if a, err := mail.ParseAddress(email); email != "" && (err != nil || a.Address != email) {
		f.Invalid("email", "Skriv e-postadressen slik: navn@eksempel.no.")
	}
	who := contactrequest.Who(f.Trimmed("who"))
	if !who.Valid() {
		f.Invalid("who", "Velg om det gjelder deg selv eller noen du er pårørende til.")
	}
	f.Limit("about", contactrequest.MaxAbout)
	if !f.Has("consent", "yes") {
		f.Invalid("consent", "Kryss av for at vi kan kontakte deg.")
	}
	return contactrequest.Input{Name: f.Trimmed("name"), Phone: phone, Email: email, Who: who,
		About: f.Trimmed("about"), Consent: f.Has("consent", "yes")}, f.OK()
}
