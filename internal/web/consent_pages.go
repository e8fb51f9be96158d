package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
)

// citizenConsentData is the citizen's consent page: the consents given, and the form to give one.
type citizenConsentData struct {
	pageData
	Patient    string
	For        string // the child a guardian acts for (Patient/...); "" for the person's own consent
	ForName    string
	givenBy    string // the guardian's RelatedPerson, for a child's consent
	Consents   []consent.Consent
	Candidates []plan.ConsentCandidate
	Form       *form
	Confirm    *consent.Consent // the consent the withdraw step asks about
	Saved      string
}

// Share levels: how much of the plan a participant sees.
const (
	citizenShareNone     = "none"
	citizenShareMeasures = "measures"
	citizenShareAll      = "all"
)

// citizenMeasureParts is what "the goals and the measures" lets a participant see.
var citizenMeasureParts = []consent.PlanPart{consent.PartGoalWords, consent.PartParticipants, consent.PartCoordinator,
	consent.PartMeasures, consent.PartMeasureProgress, consent.PartPeriod}

// ShareChoices are the share levels as radio options.
func (d citizenConsentData) ShareChoices() []option {
	return []option{
		{Value: citizenShareNone, Nb: "Ingenting"},
		{Value: citizenShareMeasures, Nb: "Målene og tiltakene"},
		{Value: citizenShareAll, Nb: "Hele planen"},
	}
}

// consentShare is what a grant lets its participant see, in words: bokmål (a catalog key),
// with its values when it is a format.
type consentShare struct {
	Nb   string
	Args []any
}

// Share says in words what a grant lets its participant see: the share levels of the form, or
// how many of the plan's parts when it is neither.
func (d citizenConsentData) Share(g consent.Grant) consentShare {
	switch {
	case len(g.See) == len(consent.AllParts()):
		return consentShare{Nb: "hele planen"}
	case slices.Equal(g.See, citizenMeasureParts):
		return consentShare{Nb: "målene og tiltakene"}
	}
	return consentShare{Nb: "%d utvalgte deler av planen", Args: []any{len(g.See)}}
}

// Name is a participant's name from the candidates, else the reference.
func (d citizenConsentData) Name(ref string) string {
	for _, c := range d.Candidates {
		if c.Ref == ref {
			return c.Name
		}
	}
	return ref
}

// ForQuery is the query that keeps a guardian's page about the child ("" for one's own).
func (d citizenConsentData) ForQuery() string {
	if d.For == "" {
		return ""
	}
	return "?for=" + url.QueryEscape(d.For)
}

// consentFor is whose consent the page is about: the person's own, or with ?for= a child the
// person is guardian for (NotFound for anyone else).
func (w *Web) consentFor(r *http.Request, d *citizenConsentData) error {
	child := r.URL.Query().Get("for")
	if child == "" {
		return nil
	}
	s, err := w.childOf(r, child)
	if err != nil {
		return err
	}
	d.Patient, d.For, d.ForName, d.givenBy = s.Patient, s.Patient, s.Name, s.Via
	d.Title, d.TitleArgs = "Samtykke for %s", []any{s.Name}
	return nil
}

// consentFormKey is the draft's key: one per person whose consent it is.
func consentFormKeyFor(r *http.Request) string {
	if child := r.URL.Query().Get("for"); child != "" {
		return "consent-" + kernel.IDOf(child)
	}
	return "consent"
}

func (w *Web) loadCitizenConsent(r *http.Request, p *access.Principal, f *form) (citizenConsentData, error) {
	patient := "Patient/" + p.PatientID
	d := citizenConsentData{pageData: w.page(r, "Samtykke"), Patient: patient, Form: f, Saved: r.URL.Query().Get("saved")}
	if err := w.consentFor(r, &d); err != nil {
		return d, err
	}
	patient = d.Patient
	var err error
	if d.Consents, err = w.coord.Consents(r.Context(), patient); err != nil {
		return d, err
	}
	d.Candidates, err = w.coord.ConsentCandidates(r.Context(), patient)
	return d, err
}

// CitizenConsent serves GET /citizen/consent.
func (w *Web) CitizenConsent(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	d, err := w.loadCitizenConsent(r, p, w.openForm(r.Context(), p, consentFormKeyFor(r)))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "citizen/consent", d)
}

// GiveConsent serves POST /citizen/consent: consent to making the plan and, per participant,
// what they may see and until when.
func (w *Web) GiveConsent(rw http.ResponseWriter, r *http.Request) {
	p, f, ok := w.postedBy(rw, r, access.Citizen, consentFormKeyFor(r))
	if !ok {
		return
	}
	d, err := w.loadCitizenConsent(r, p, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	in := consent.ConsentInput{Patient: d.Patient, GivenBy: d.givenBy, MakePlan: f.Has("makeplan", "yes")}
	for _, c := range d.Candidates {
		if g, ok := citizenGrant(f, c, w.now()); ok {
			in.Grants = append(in.Grants, g)
		}
	}
	if !in.MakePlan && len(in.Grants) == 0 {
		f.Invalid("makeplan", "Kryss av for samtykke til planen, eller velg hva noen får se.")
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "citizen/consent", d)
		return
	}
	_, err = w.coord.RecordConsent(r.Context(), in)
	if !w.saved(rw, r, p, f, err, "makeplan", "citizen/consent", d, apperr.Unprocessable, apperr.Invalid) {
		return
	}
	http.Redirect(rw, r, "/citizen/consent?saved=given"+strings.Replace(d.ForQuery(), "?", "&", 1), http.StatusSeeOther)
}

// citizenGrant reads one participant's choice; an "until" that is not a future date is an error on
// the form.
func citizenGrant(f *form, c plan.ConsentCandidate, now time.Time) (consent.Grant, bool) {
	level := f.Get("see-" + c.Ref)
	if level == "" || level == citizenShareNone {
		return consent.Grant{}, false
	}
	g := consent.Grant{Participant: c.Ref, Role: c.Role, See: citizenMeasureParts}
	if level == citizenShareAll {
		g.See = consent.AllParts()
		if c.Role == kernel.RoleRelative || c.Role == kernel.RoleGuardian {
			g.Write = []consent.PlanPart{consent.PartComments}
		}
	}
	if until := f.Trimmed("until-" + c.Ref); until != "" {
		t := f.RequireDate("until-"+c.Ref, "Skriv datoen som dd.mm.åååå.")
		if !t.IsZero() && !t.After(now) {
			f.Invalid("until-"+c.Ref, "Datoen må være etter i dag.")
		}
		g.Until = t
	}
	return g, true
}

// ConfirmWithdraw serves GET /citizen/consent/{id}/withdraw: the confirm step, saying what
// withdrawing does.
func (w *Web) ConfirmWithdraw(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	d, err := w.loadCitizenConsent(r, p, newForm(consentFormKeyFor(r), nil))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for i := range d.Consents {
		if d.Consents[i].ID == r.PathValue("id") && d.Consents[i].Status == consent.ConsentActive {
			d.Confirm = &d.Consents[i]
		}
	}
	if d.Confirm == nil {
		w.NotFound(rw, r)
		return
	}
	d.Title, d.TitleArgs = "Trekke samtykket?", nil
	w.render(rw, r, http.StatusOK, "citizen/withdraw", d)
}

// Withdraw serves POST /citizen/consent/{id}/withdraw.
func (w *Web) Withdraw(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	d := citizenConsentData{Patient: "Patient/" + p.PatientID}
	if err := w.consentFor(r, &d); err != nil {
		w.fail(rw, r, err)
		return
	}
	if _, err := w.coord.WithdrawConsent(r.Context(), r.PathValue("id")); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/citizen/consent?saved=withdrawn"+strings.Replace(d.ForQuery(), "?", "&", 1), http.StatusSeeOther)
}
