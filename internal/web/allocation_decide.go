package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

// The office's decisions and appeals on the case page: a decision form for each service that
// waits, a draft to sign, the appeals against its decisions with the reassessment and the
// appeal body's outcome.

const (
	decisionKey = "case-officer-decision" // + "/" + reference + "/" + service code
	reassessKey = "case-officer-reassess" // + "/" + appeal id
	outcomeKey  = "case-officer-outcome"  // + "/" + appeal id
	carryKey    = "case-officer-carry"    // + "/" + appeal id: the new decision after the appeal body's
	paperAppeal = "case-officer-appeal"   // + "/" + decision id: an appeal that came on paper
)

// serviceForm is a service that waits for a decision, with its form.
type serviceForm struct {
	Code, Name string
	Form       *form
}

// appealView is an appeal on the case page, with its forms.
type appealView struct {
	allocation.Appeal
	ServiceName   string
	Reassess      *form
	OutcomeForm   *form
	CarryForm     *form // the new decision the appeal body's change or quashing asks for
	AppellantName string
}

// decisionView is a decision on the case page.
type decisionView struct {
	allocation.Decision
	ServiceName, ProviderName, DrafterName string
	MaySign                                bool  // a draft another officer wrote
	PaperAppeal                            *form // registering an appeal that came on paper, for a signed decision
	Extras                                 decisionExtras
}

// outcomeChoices are a decision's outcomes as radio options.
func outcomeChoices() []option {
	return []option{{Value: string(allocation.Granted), Nb: "Innvilget"}, {Value: string(allocation.PartlyGranted), Nb: "Delvis innvilget"},
		{Value: string(allocation.Refused), Nb: "Avslått"}}
}

// scopeWords name the scope's units, in bokmål (catalog keys).
var scopeWords = map[allocation.ScopeUnit]string{allocation.HoursPerWeek: "timer per uke", allocation.HoursPerMonth: "timer per måned",
	allocation.VisitsPerWeek: "besøk per uke", allocation.DaysPerWeek: "dager per uke", allocation.Days: "døgn", allocation.Stays: "opphold"}

// unitChoices are the scope's units as options.
func unitChoices() []option {
	out := []option{{Value: "", Nb: "Uten omfang (for eksempel trygghetsalarm)"}}
	for _, u := range allocation.ScopeUnits {
		out = append(out, option{Value: string(u), Nb: scopeWords[u]})
	}
	return out
}

// decisionFieldsView is what the decisionfields component needs: Code is the service decided,
// "" when the form may be any service's (a new decision after an appeal), which shows the
// parts of every service.
type decisionFieldsView struct {
	F                                        *form
	Code                                     string
	Units, Outcomes, Scopes, Criteria, Waits []option
}

// decisionFieldsOf is the decision form f with the page's units and criteria; the service is
// the last part of a decision form's key.
func decisionFieldsOf(f *form, units, criteria []option) decisionFieldsView {
	v := decisionFieldsView{F: f, Units: units, Outcomes: outcomeChoices(), Scopes: unitChoices(), Criteria: criteria,
		Waits: []option{{Value: string(allocation.SafeAtHome), Nb: "Ja: vedtak og plass på ventelisten"},
			{Value: string(allocation.OnlySafeOption), Nb: "Nei: langtidsopphold er eneste forsvarlige tilbud, og plassen gis nå"}}}
	if strings.HasPrefix(f.Key, decisionKey+"/") {
		v.Code = f.Key[strings.LastIndex(f.Key, "/")+1:]
	}
	return v
}

// Decide serves POST /case-officer/applications/{ref}/decide/{service}: the decision on one
// service, signed and sent (or drafted, with two-person approval).
func (w *Web) Decide(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(decisionKey, "ref", "service"), find: w.byApplication, field: "outcome", done: "decided",
		check: func(f *form) change {
			d := decisionFromForm(f)
			return func(ctx context.Context, chosen, fallback i18n.Lang) (string, error) {
				got, err := w.coord.Decide(ctx, allocation.DecisionInput{Reference: r.PathValue("ref"), Service: r.PathValue("service"),
					Decision: d, Chosen: chosen, Default: fallback})
				if err == nil && got.Status == allocation.Drafted {
					return "drafted", nil
				}
				return "", err
			}
		}})(rw, r)
}

// decisionFromForm reads the decision fields; the form's own errors are what cannot be read
// (a date, a number); what the decision must hold is the domain's to say.
func decisionFromForm(f *form) allocation.Decision {
	f.Require("outcome", "Velg om søknaden innvilges, delvis innvilges eller avslås.")
	f.Require("facts", "Skriv hvilke faktiske forhold vedtaket bygger på.")
	f.Require("considerations", "Skriv hvilke hensyn som har vært avgjørende.")
	for _, name := range []string{"rules", "facts", "considerations"} {
		f.Limit(name, kernel.MaxText)
	}
	d := allocation.Decision{Outcome: allocation.Outcome(f.Trimmed("outcome")),
		Reasons: allocation.Reasons{Rules: f.Trimmed("rules"), Facts: f.Trimmed("facts"), Considerations: f.Trimmed("considerations")}}
	if d.Outcome == allocation.Refused {
		return d
	}
	d.Unit, d.Provider = allocation.ScopeUnit(f.Trimmed("unit")), f.Trimmed("provider")
	d.Placement, d.Criteria = allocation.Placement(f.Trimmed("placement")), f.Values["criteria"]
	d.UnwantedDoubleRoom = f.Has("doubleroom", "yes")
	if f.Has("rota", "yes") {
		d.Rota = &allocation.Rota{WeeksOn: formWeeks(f, "weeksOn"), WeeksOff: formWeeks(f, "weeksOff")}
	}
	if s := strings.ReplaceAll(f.Trimmed("scope"), ",", "."); s != "" {
		n, err := strconv.ParseFloat(s, 64)
		if err != nil {
			f.Invalid("scope", "Skriv omfanget som et tall, for eksempel 3 eller 1,5.")
		}
		d.Scope = n
	}
	// on the waiting list the place, and so its first day, comes later
	d.Start = formDate(f, "start", d.Placement != allocation.SafeAtHome, "Skriv fra hvilken dato tjenesten gis.")
	d.End = formDate(f, "end", false, "Skriv sluttdatoen som en dato, eller la feltet stå tomt.")
	d.Review = formDate(f, "review", true, "Skriv når vedtaket skal vurderes på nytt.")
	return d
}

// formWeeks reads a rota's number of weeks; what it must be is the domain's to say.
func formWeeks(f *form, name string) int {
	n, err := strconv.Atoi(f.Trimmed(name))
	if err != nil {
		f.Invalid(name, "Skriv antall uker som et helt tall, for eksempel 1 eller 3.")
	}
	return n
}

// formDate reads a date field at noon in Oslo; an empty optional field is the zero time.
func formDate(f *form, name string, required bool, nb string) time.Time {
	if f.Trimmed(name) == "" && !required {
		return time.Time{}
	}
	t := f.RequireDate(name, nb)
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, oslo)
}

// SignDecision serves POST /case-officer/decisions/{id}/sign: a second officer signs a draft.
func (w *Web) SignDecision(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	d, err := w.coord.DecisionByID(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	chosen, fallback, err := w.letterLanguages(r.Context(), d.Subject)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if _, err := w.coord.SignDecision(r.Context(), d.ID, chosen, fallback); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/case-officer/applications/"+url.PathEscape(d.Reference)+"?decided=1", http.StatusSeeOther)
}

// OfficeDecisionLetter serves GET /case-officer/decisions/{id}/letter.pdf: the letter as sent.
func (w *Web) OfficeDecisionLetter(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	m, err := w.coord.DecisionLetterOf(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.servePDF(rw, r, m.PDF, "vedtak-"+r.PathValue("id")+".pdf")
}

// servePDF answers a letter's PDF as a file to open; NotFound for a letter without one.
func (w *Web) servePDF(rw http.ResponseWriter, r *http.Request, pdf []byte, name string) {
	if pdf == nil {
		w.NotFound(rw, r)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	h.Set("Content-Disposition", "inline; filename=\""+name+"\"")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if _, err := rw.Write(pdf); err != nil {
		w.logger.DebugContext(r.Context(), "web: writing a letter", "err", err)
	}
}

// ReassessAppeal serves POST /case-officer/appeals/{id}/reassess: the office upholds the
// decision and forwards the appeal, or changes the decision.
func (w *Web) ReassessAppeal(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(reassessKey, "id"), find: w.byAppeal, field: "assessment", done: "reassessed",
		check: func(f *form) change {
			f.Require("choice", "Velg om vedtaket opprettholdes eller endres.")
			f.Require("assessment", "Skriv vurderingen av klagen.")
			f.Limit("assessment", kernel.MaxText)
			in := allocation.ReassessInput{Appeal: r.PathValue("id"), Assessment: f.Trimmed("assessment")}
			if f.Trimmed("choice") == "change" {
				d := decisionFromForm(f)
				in.Change = &d
			}
			return func(ctx context.Context, chosen, fallback i18n.Lang) (string, error) {
				in.Chosen, in.Default = chosen, fallback
				_, err := w.coord.ReassessAppeal(ctx, in)
				return "", err
			}
		}})(rw, r)
}

// RecordAppealOutcome serves POST /case-officer/appeals/{id}/outcome: the appeal body's
// decision on a forwarded appeal.
func (w *Web) RecordAppealOutcome(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(outcomeKey, "id"), find: w.byAppeal, field: "outcome", done: "outcome",
		check: func(f *form) change {
			f.Require("status", "Velg om vedtaket ble stadfestet, endret eller opphevet.")
			f.Require("outcome", "Skriv kort hva klageinstansen kom til.")
			f.Limit("outcome", kernel.MaxText)
			in := allocation.OutcomeInput{Appeal: r.PathValue("id"), Status: allocation.AppealStatus(f.Trimmed("status")), Outcome: f.Trimmed("outcome"),
				Date: formDate(f, "date", true, "Skriv datoen for klageinstansens avgjørelse.")}
			return func(ctx context.Context, _, _ i18n.Lang) (string, error) {
				_, err := w.coord.RecordAppealOutcome(ctx, in)
				return "", err
			}
		}})(rw, r)
}

// caseDecisions fills the case page's decisions, the forms of the services that wait, and the
// appeals against its decisions.
func (w *Web) caseDecisions(r *http.Request, od *officeData, p *access.Principal, formFor func(string) *form) error {
	ctx, a := r.Context(), od.Application
	units, err := w.coord.ProvidingUnits(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	od.Units = []option{{Value: "", Nb: "Velg enheten (ikke ved avslag)"}} // no unit chosen for the officer
	for _, u := range units {
		od.Units = append(od.Units, option{Value: u.Ref, Nb: u.Name, Plain: true})
		names[u.Ref] = u.Name
	}
	for _, c := range w.coord.CriteriaInForce() {
		od.Criteria = append(od.Criteria, option{Value: c.Code, Nb: c.Text.In(w.langOf(r)), Plain: true})
	}
	decisions, err := w.coord.DecisionsOf(ctx, a.Subject)
	if err != nil {
		return err
	}
	places, err := w.coord.WaitingOf(ctx, a.Subject)
	if err != nil {
		return err
	}
	for _, d := range decisions {
		if d.Reference != a.Reference {
			continue
		}
		v := decisionView{Decision: d, ServiceName: od.ServiceName(d.Code), ProviderName: names[d.Provider],
			DrafterName: w.coord.ApplicantName(ctx, d.Drafter), MaySign: d.Status == allocation.Drafted && d.Drafter != "Practitioner/"+p.PractitionerID,
			Extras: w.extrasOf(ctx, d, w.langOf(r), places)}
		if d.Status == allocation.Signed {
			v.PaperAppeal = formFor(paperAppeal + "/" + d.ID)
		}
		od.Decisions = append(od.Decisions, v)
	}
	if a.Changes != "" {
		if d, err := w.coord.DecisionByID(ctx, a.Changes[len("ServiceRequest/"):]); err == nil {
			od.Changes = &decisionView{Decision: d, ServiceName: od.ServiceName(d.Code), ProviderName: names[d.Provider]}
		}
	}
	for _, sv := range a.Services {
		if sv.Status == allocation.Waiting {
			od.Waiting = append(od.Waiting, serviceForm{Code: sv.Code, Name: od.ServiceName(sv.Code), Form: formFor(decisionKey + "/" + a.Reference + "/" + sv.Code)})
		}
	}
	appeals, err := w.coord.AppealsOf(ctx, a.Subject)
	if err != nil {
		return err
	}
	for _, ap := range appeals {
		if ap.Reference != a.Reference {
			continue
		}
		v := appealView{Appeal: ap, AppellantName: w.coord.ApplicantName(ctx, ap.Appellant)}
		for _, d := range od.Decisions {
			if "ServiceRequest/"+d.ID == ap.Decision {
				v.ServiceName = d.ServiceName
			}
		}
		switch ap.Status {
		case allocation.AppealReceived:
			v.Reassess = formFor(reassessKey + "/" + ap.ID)
		case allocation.AppealForwarded:
			v.OutcomeForm = formFor(outcomeKey + "/" + ap.ID)
		case allocation.AppealReversed, allocation.AppealQuashed:
			if ap.NewDecision == "" {
				v.CarryForm = formFor(carryKey + "/" + ap.ID)
			}
		}
		od.Appeals = append(od.Appeals, v)
	}
	return nil
}

// CarryOutOutcome serves POST /case-officer/appeals/{id}/carry-out: the new decision that
// carries out the appeal body's change or quashing.
func (w *Web) CarryOutOutcome(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(carryKey, "id"), find: w.byAppeal, field: "outcome", done: "decided",
		check: func(f *form) change {
			d := decisionFromForm(f)
			return func(ctx context.Context, chosen, fallback i18n.Lang) (string, error) {
				_, err := w.coord.CarryOutOutcome(ctx, r.PathValue("id"), d, chosen, fallback)
				return "", err
			}
		}})(rw, r)
}

// RegisterPaperAppeal serves POST /case-officer/decisions/{id}/paper-appeal: an appeal that came
// by post, in the citizen's name (or the carer's), with the date it came.
func (w *Web) RegisterPaperAppeal(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(paperAppeal, "id"), find: w.byDecision, field: "text", done: "appealed",
		check: func(f *form) change {
			f.Require("text", "Skriv hva klagen gjelder.")
			f.Limit("text", kernel.MaxLongText)
			in := allocation.AppealInput{Decision: r.PathValue("id"), Text: f.Trimmed("text"), Received: formDate(f, "received", true, "Skriv datoen klagen kom.")}
			carer := f.Trimmed("appellant") == "carer"
			return func(ctx context.Context, _, _ i18n.Lang) (string, error) {
				appellant := ""
				if carer {
					d, err := w.coord.DecisionByID(ctx, in.Decision)
					if err != nil {
						return "", err
					}
					appellant = d.Carer
				}
				_, err := w.coord.RegisterPaperAppeal(ctx, in, appellant)
				return "", err
			}
		}})(rw, r)
}
