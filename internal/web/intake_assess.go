package web

import (
	"net/http"
	"net/url"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
)

// assessData is the assessment page: the inquiry, the form, and, once previewed or saved, the
// letter to the citizen.
type assessData struct {
	pageData
	Item      intake.InboxItem
	Form      *form
	Action    string
	Suggested intake.Outcome // what the facts lead to, shown with the preview
	Letter    *intake.Letter
	Result    *intake.AssessResult // set once saved
}

// suggestedOutcome is the outcome radio's value that leaves the outcome to the facts.
const suggestedOutcome = "suggested"

// outcomeNames are the outcomes in bokmål (catalog keys: the templates translate them).
var outcomeNames = map[intake.Outcome]string{
	intake.OutcomePlanAndCoordinator: "Individuell plan og koordinator",
	intake.OutcomeCoordinatorOnly:    "Bare koordinator",
	intake.OutcomeNoNeed:             "Ikke behov for langvarige og koordinerte tjenester",
	intake.OutcomeReferred:           "Sendt til annen instans",
}

// kindNames are the kinds of coordinator in bokmål (catalog keys).
var kindNames = map[coordinators.CoordinatorKind]string{
	coordinators.KindOrdinary: "Koordinator",
	coordinators.KindCancer:   "Kreftkoordinator",
	coordinators.KindChild:    "Barnekoordinator",
	coordinators.KindPathway:  "Forløpskoordinator",
}

// Outcomes are the outcome radio's options: the one the facts give first.
func (d assessData) Outcomes() []option {
	out := []option{{Value: suggestedOutcome, Nb: "Det svarene over gir"}}
	for _, o := range []intake.Outcome{intake.OutcomePlanAndCoordinator, intake.OutcomeCoordinatorOnly, intake.OutcomeNoNeed, intake.OutcomeReferred} {
		out = append(out, option{Value: string(o), Nb: outcomeNames[o]})
	}
	return out
}

// Kinds are the kinds of coordinator as radio options.
func (d assessData) Kinds() []option { return kindOptions() }

func kindOptions() []option {
	var out []option
	for _, k := range []coordinators.CoordinatorKind{coordinators.KindOrdinary, coordinators.KindCancer, coordinators.KindChild, coordinators.KindPathway} {
		out = append(out, option{Value: string(k), Nb: kindNames[k]})
	}
	return out
}

// OutcomeName names an outcome in bokmål; the template translates it.
func (d assessData) OutcomeName(o intake.Outcome) string { return outcomeNames[o] }

// Appoint reports whether the saved assessment's next step is appointing a coordinator.
func (d assessData) Appoint() bool {
	return d.Result != nil && slices.Contains(d.Result.Next, intake.StepAppointCoordinator)
}

// AppointPath is where the coordinator is appointed for the inquiry's citizen.
func (d assessData) AppointPath() string { return appointPath(d.Item.Inquiry.Subject) }

// NeedsConsent reports whether a relative's inquiry waits for the citizen's consent.
func (d assessData) NeedsConsent() bool {
	q := d.Item.Inquiry
	return q.Source == intake.FromRelative && q.CitizenConsent.IsZero()
}

func assessKey(id string) string { return "unit-assess/" + id }

// inboxItem is the inquiry id from the unit's inbox: an inquiry that is not waiting for
// assessment (already assessed, or another unit's) answers as missing.
func (w *Web) inboxItem(r *http.Request, id string) (intake.InboxItem, error) {
	inbox, err := w.coord.Inbox(r.Context())
	if err != nil {
		return intake.InboxItem{}, err
	}
	for _, it := range inbox {
		if it.Inquiry.ID == id {
			return it, nil
		}
	}
	return intake.InboxItem{}, apperr.New(apperr.NotFound, "ServiceRequest/%s is not in the inbox", id)
}

// AssessPage serves GET /unit/inquiries/{id}: the inquiry and the assessment form as the unit
// lead left it; a fresh form starts from the services the inquiry names and the outcome the
// facts give.
func (w *Web) AssessPage(rw http.ResponseWriter, r *http.Request) {
	p, item, ok := w.leadsInquiry(rw, r)
	if !ok {
		return
	}
	f := w.openForm(r.Context(), p, assessKey(item.Inquiry.ID))
	if f.Restored.IsZero() {
		f.Values = url.Values{"services": {joinLines(item.Inquiry.CurrentServices)}, "outcome": {suggestedOutcome},
			"kind": {string(coordinators.KindOrdinary)}}
	}
	w.render(rw, r, http.StatusOK, "unit/assess", w.assessData(r, item, f))
}

// leadsInquiry is the signed-in unit lead and the inquiry of the request's path; else the request
// is answered and it reports false.
func (w *Web) leadsInquiry(rw http.ResponseWriter, r *http.Request) (*access.Principal, intake.InboxItem, bool) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return nil, intake.InboxItem{}, false
	}
	item, err := w.inboxItem(r, r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return nil, intake.InboxItem{}, false
	}
	return p, item, true
}

func (w *Web) assessData(r *http.Request, item intake.InboxItem, f *form) assessData {
	return assessData{pageData: w.page(r, "Vurder henvendelsen fra %s", item.PatientName), Item: item, Form: f, Action: r.URL.Path}
}

// Assess serves POST /unit/inquiries/{id}: "preview" shows the letter the answers give without
// saving; "save" records the assessment and sends the letter, and the answer offers the next
// step. A refusal keeps everything typed, with a message per field.
func (w *Web) Assess(rw http.ResponseWriter, r *http.Request) {
	p, item, ok := w.leadsInquiry(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, assessKey(item.Inquiry.ID))
	if !ok {
		return
	}
	d := w.assessData(r, item, f)
	in := validAssessment(f, item.Inquiry.ID)
	a := intake.Assessment{InquiryID: item.Inquiry.ID, Patient: item.Inquiry.Subject, AssessedBy: "Practitioner/" + p.PractitionerID,
		AssessedAt: w.now(), Facts: in.Facts, PlanDeclined: in.PlanDeclined, Outcome: in.Outcome, Reasons: in.Reasons,
		ReferredTo: in.ReferredTo, CoordinatorKind: in.CoordinatorKind}
	d.Suggested = intake.SuggestedOutcome(in.Facts, in.PlanDeclined)
	if a.Outcome == "" {
		a.Outcome = d.Suggested
	}
	if f.OK() {
		refuse(f, "outcome", intake.ValidateAssessment(a), apperr.Unprocessable, apperr.Invalid)
	}
	if !f.OK() {
		w.render(rw, r, http.StatusUnprocessableEntity, "unit/assess", d)
		return
	}
	if f.Get("do") != "save" {
		chosen, fallback, err := w.letterLanguages(r.Context(), item.Inquiry.Subject)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		lang := w.coord.LetterLanguage(r.Context(), item.Inquiry.Subject, chosen, fallback)
		letter, err := intake.AssessmentLetter(item.Inquiry, a, "", w.coord.Law(), lang) // as the citizen will read it
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		d.Letter = &letter
		w.render(rw, r, http.StatusOK, "unit/assess", d)
		return
	}
	var err error
	if in.Chosen, in.Default, err = w.letterLanguages(r.Context(), item.Inquiry.Subject); err != nil {
		w.fail(rw, r, err)
		return
	}
	res, err := w.coord.Assess(r.Context(), in)
	if !w.saved(rw, r, p, f, err, "outcome", "unit/assess", d, apperr.Unprocessable, apperr.Invalid) {
		return
	}
	d.Result, d.Letter = &res, &res.Letter
	d.Title, d.TitleArgs = "Vurderingen er lagret", nil
	w.render(rw, r, http.StatusOK, "unit/assessed", d)
}

// validAssessment checks the fields and builds the assessment; an outcome of "suggested" is
// left empty, for coordination to take the one the facts give.
func validAssessment(f *form, id string) intake.AssessInput {
	in := intake.AssessInput{InquiryID: id, Facts: intake.NeedFacts{LongTerm: f.Has("long_term", "yes"), Complex: f.Has("complex", "yes"),
		Services: textLines(f.Get("services"))}, PlanDeclined: f.Has("declined", "yes"), Reasons: f.Trimmed("reasons"),
		ReferredTo: f.Trimmed("referred_to"), CoordinatorKind: coordinators.CoordinatorKind(f.Trimmed("kind"))}
	switch o := intake.Outcome(f.Trimmed("outcome")); {
	case o == suggestedOutcome:
	case outcomeNames[o] != "":
		in.Outcome = o
	default:
		f.Invalid("outcome", "Velg et utfall av vurderingen.")
	}
	if _, ok := kindNames[in.CoordinatorKind]; !ok {
		f.Invalid("kind", "Velg hva slags koordinator.")
	}
	if in.Outcome == intake.OutcomeReferred && in.ReferredTo == "" {
		f.Invalid("referred_to", "Skriv hvem henvendelsen er sendt til.")
	}
	if (in.Outcome == intake.OutcomeNoNeed || in.Outcome == intake.OutcomeReferred) && in.Reasons == "" {
		f.Invalid("reasons", "Skriv begrunnelsen. Den står i brevet til innbyggeren.")
	}
	f.Limit("reasons", kernel.MaxText)
	f.Limit("referred_to", kernel.MaxName)
	f.LimitLines("services", kernel.MaxName)
	return in
}

// RecordInquiryConsent serves POST /unit/inquiries/{id}/consent: the citizen has agreed to a
// relative's inquiry (told the unit), so it may be assessed.
func (w *Web) RecordInquiryConsent(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.unitLead(rw, r); !ok {
		return
	}
	item, err := w.inboxItem(r, r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if _, err := w.coord.RecordInquiryConsent(r.Context(), item.Inquiry.ID); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/unit/inquiries/"+url.PathEscape(item.Inquiry.ID), http.StatusSeeOther)
}

// unitLead is the signed-in unit lead of the coordinating unit; a unit lead of another unit,
// like anyone else, gets the missing page.
func (w *Web) unitLead(rw http.ResponseWriter, r *http.Request) (*access.Principal, bool) {
	p, ok := w.holder(rw, r, access.UnitLead)
	if !ok {
		return nil, false
	}
	if !slices.Contains(p.Units, w.coord.Unit()) {
		w.NotFound(rw, r)
		return nil, false
	}
	return p, true
}
