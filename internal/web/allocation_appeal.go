package web

import (
	"net/http"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/messages"
)

// The citizen's side of decisions: the decisions and appeals on the applications page, the
// appeal form, and each letter as its PDF.

const appealKey = "citizen-appeal" // + "/" + decision id

// citizenDecision is a decision as the citizen's applications page shows it.
type citizenDecision struct {
	allocation.Decision
	ServiceName string
	Appeal      *allocation.Appeal // the newest appeal against it, if any
	MayAppeal   bool               // in force and not appealed already
	Extras      decisionExtras     // its rota's calendar, a carer's pay, its place on the waiting list
}

// appealData is the appeal form.
type appealData struct {
	pageData
	Decision citizenDecision
	Form     *form
	Home     string // where the person's decisions are listed
}

// homeOf is where a role's decisions are listed, and an appeal returns to.
func homeOf(role access.Role) string {
	if role == access.Relative {
		return "/relative/letters"
	}
	return "/citizen/applications"
}

// appealForm serves GET /citizen/decisions/{id}/appeal and /relative/decisions/{id}/appeal
// (a carer, a party of their own).
func (w *Web) appealForm(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.holder(rw, r, role)
		if !ok {
			return
		}
		w.renderAppealForm(rw, r, http.StatusOK, w.openForm(r.Context(), p, appealKey+"/"+r.PathValue("id")), role)
	}
}

func (w *Web) renderAppealForm(rw http.ResponseWriter, r *http.Request, status int, f *form, role access.Role) {
	w.renderDecisionForm(rw, r, status, f, role, "citizen/appeal", "Klag på vedtaket")
}

// renderChangeForm is the change request's form about the path's decision.
func (w *Web) renderChangeForm(rw http.ResponseWriter, r *http.Request, status int, f *form) {
	w.renderDecisionForm(rw, r, status, f, access.Citizen, "citizen/change", "Meld endring")
}

// renderDecisionForm shows page, a form about the path's decision {id}, titled title.
func (w *Web) renderDecisionForm(rw http.ResponseWriter, r *http.Request, status int, f *form, role access.Role, page, title string) {
	d, err := w.coord.DecisionByID(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	ad, err := w.newApplyData(r, title, nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, page, appealData{pageData: ad.pageData, Form: f, Home: homeOf(role),
		Decision: citizenDecision{Decision: d, ServiceName: ad.ServiceName(d.Code)}})
}

// sendAppeal serves POST /citizen/decisions/{id}/appeal and /relative/decisions/{id}/appeal:
// the appeal goes to the office, which reviews it first; a refusal comes back with what was
// typed.
func (w *Web) sendAppeal(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) { w.receiveAppeal(rw, r, role) }
}

func (w *Web) receiveAppeal(rw http.ResponseWriter, r *http.Request, role access.Role) {
	id := r.PathValue("id")
	p, f, ok := w.postedBy(rw, r, role, appealKey+"/"+id)
	if !ok {
		return
	}
	f.Require("text", "Skriv hva du klager på og hvorfor.")
	f.Limit("text", kernel.MaxLongText)
	if !f.OK() {
		w.renderAppealForm(rw, r, http.StatusUnprocessableEntity, f, role)
		return
	}
	_, err := w.coord.Appeal(r.Context(), allocation.AppealInput{Decision: id, Text: f.Trimmed("text")})
	if refuse(f, "text", err, apperr.Unprocessable, apperr.Conflict) {
		w.renderAppealForm(rw, r, http.StatusUnprocessableEntity, f, role)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, homeOf(role)+"?appealed=1", http.StatusSeeOther)
}

// CitizenLetterPDF serves GET /citizen/letters/{id}/pdf: one of the citizen's letters (or a
// child's, with ?for=) as the PDF it was sent as.
func (w *Web) CitizenLetterPDF(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	ls, err := w.coord.Letters(r.Context(), planPatient(r, p))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	i := slices.IndexFunc(ls, func(l messages.Message) bool { return l.ID == r.PathValue("id") })
	if i < 0 {
		w.NotFound(rw, r)
		return
	}
	w.servePDF(rw, r, ls[i].PDF, "brev-"+ls[i].ID+".pdf")
}

// citizenDecisions are the decisions on the citizen's applications, with their appeals.
func (w *Web) citizenDecisions(r *http.Request, d applyData) ([]citizenDecision, error) {
	var out []citizenDecision
	for _, s := range d.Subjects {
		decisions, err := w.coord.DecisionsOf(r.Context(), s.Patient)
		if err != nil {
			return nil, err
		}
		appeals, err := w.coord.AppealsOf(r.Context(), s.Patient)
		if err != nil {
			return nil, err
		}
		places, err := w.coord.WaitingOf(r.Context(), s.Patient)
		if err != nil {
			return nil, err
		}
		for _, dec := range decisions {
			cd := citizenDecision{Decision: dec, ServiceName: d.ServiceName(dec.Code), MayAppeal: dec.Status == allocation.Signed,
				Extras: w.extrasOf(r.Context(), dec, w.langOf(r), places)}
			for i := range appeals {
				if appeals[i].Decision == "ServiceRequest/"+dec.ID && cd.Appeal == nil {
					cd.Appeal = &appeals[i]
					cd.MayAppeal = cd.MayAppeal && appeals[i].Status.Closed()
				}
			}
			out = append(out, cd)
		}
	}
	return out, nil
}

// partyData is the relative's letters page: the letters sent to them as a party, and the
// decisions they are a party to, each with its appeal.
type partyData struct {
	lettersData
	Decisions []citizenDecision
	Appealed  bool
}

// RelativeLetters serves GET /relative/letters: the letters the office sent the person as a
// party in their own right (the carer of a carer allowance), with the decisions to appeal.
func (w *Web) RelativeLetters(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Relative); !ok {
		return
	}
	ls, err := w.coord.LettersToMe(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	ds, err := w.coord.DecisionsAsParty(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	ad, err := w.newApplyData(r, "Brev", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := partyData{lettersData: lettersData{pageData: ad.pageData, Party: true}, Appealed: r.URL.Query().Get("appealed") != ""}
	for _, l := range ls {
		d.Letters = append(d.Letters, letterViewOf(l))
	}
	for _, dec := range ds {
		d.Decisions = append(d.Decisions, citizenDecision{Decision: dec, ServiceName: ad.ServiceName(dec.Code), MayAppeal: dec.Status == allocation.Signed,
			Extras: w.extrasOf(r.Context(), dec, w.langOf(r), nil)})
	}
	w.render(rw, r, http.StatusOK, "relative/letters", d)
}

// RelativeLetterPDF serves GET /relative/letters/{id}/pdf: one of the letters sent to the person.
func (w *Web) RelativeLetterPDF(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.Relative); !ok {
		return
	}
	ls, err := w.coord.LettersToMe(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	i := slices.IndexFunc(ls, func(l messages.Message) bool { return l.ID == r.PathValue("id") })
	if i < 0 {
		w.NotFound(rw, r)
		return
	}
	w.servePDF(rw, r, ls[i].PDF, "brev-"+ls[i].ID+".pdf")
}

const changeKey = "citizen-change" // + "/" + decision id

// ChangeForm serves GET /citizen/decisions/{id}/change: the change request (endringsskjema)
// on a running decision.
func (w *Web) ChangeForm(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	w.renderChangeForm(rw, r, http.StatusOK, w.openForm(r.Context(), p, changeKey+"/"+r.PathValue("id")))
}

// SendChange serves POST /citizen/decisions/{id}/change: the change request goes to the
// office as a case of its own, linked to the decision; its receipt has a reference number.
func (w *Web) SendChange(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, f, ok := w.postedBy(rw, r, access.Citizen, changeKey+"/"+id)
	if !ok {
		return
	}
	f.Require("need", "Beskriv hva som har endret seg.")
	f.Limit("need", kernel.MaxText)
	f.Limit("help", kernel.MaxText)
	if !f.OK() {
		w.renderChangeForm(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	d, err := w.coord.DecisionByID(r.Context(), id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	receipt, err := w.coord.Apply(r.Context(), allocation.ApplicationInput{Subject: d.Subject, Changes: id, Need: f.Trimmed("need"), CurrentHelp: f.Trimmed("help")})
	if refuse(f, "need", err, apperr.Unprocessable, apperr.Conflict) {
		w.renderChangeForm(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	ad, err := w.newApplyData(r, "Endringsmeldingen er mottatt", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	ad.Receipt = &receipt
	w.render(rw, r, http.StatusOK, "citizen/apply_receipt", ad)
}
