package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
)

// The waiting list for long-term stays: the office's list with the days each citizen has
// waited and the list's figures, its offers of a place, and the answers (the citizen's on
// their applications page, or the office's on their behalf). Also a rota's calendar and a
// carer allowance's pay, as the decision pages show them.

const offerKey = "case-officer-offer" // + "/" + the place's id

// waitingListData is the office's waiting list.
type waitingListData struct {
	pageData
	List   allocation.WaitingList
	Rows   []waitingRowView
	Median string // the median wait in days, as the page's language writes a decimal
	Units  []option
	Done   string // offered, answered
}

// waitingRowView is a citizen on the list, with the offer form or the offer out.
type waitingRowView struct {
	allocation.WaitingRow
	Form        *form
	OfferedUnit string
}

// WaitingListPage serves GET /case-officer/waiting-list.
func (w *Web) WaitingListPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.CaseOfficer)
	if !ok {
		return
	}
	w.renderWaitingList(rw, r, http.StatusOK, p, nil)
}

// renderWaitingList shows the list; refused is a refused offer form to show with what was typed.
func (w *Web) renderWaitingList(rw http.ResponseWriter, r *http.Request, status int, p *access.Principal, refused *form) {
	ctx := r.Context()
	list, err := w.coord.OfficeWaitingList(ctx)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	units, err := w.coord.ProvidingUnits(ctx)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := waitingListData{pageData: w.page(r, "Venteliste for langtidsopphold"), List: list, Done: r.URL.Query().Get("done"),
		Median: decimalWords(list.Stats.Median, w.langOf(r)), Units: []option{{Value: "", Nb: "Velg enheten"}}}
	names := map[string]string{}
	for _, u := range units {
		d.Units = append(d.Units, option{Value: u.Ref, Nb: u.Name, Plain: true})
		names[u.Ref] = u.Name
	}
	for _, row := range list.Rows {
		v := waitingRowView{WaitingRow: row}
		if o := row.Pending(); o != nil {
			v.OfferedUnit = names[o.Unit]
		} else if refused != nil && refused.Key == offerKey+"/"+row.ID {
			v.Form = refused
		} else {
			v.Form = w.openForm(ctx, p, offerKey+"/"+row.ID)
		}
		d.Rows = append(d.Rows, v)
	}
	w.render(rw, r, status, "caseofficer/waitinglist", d)
}

// OfferPlaceForm serves POST /case-officer/waiting-list/{id}/offer: a unit and a first day.
func (w *Web) OfferPlaceForm(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, f, ok := w.postedBy(rw, r, access.CaseOfficer, offerKey+"/"+id)
	if !ok {
		return
	}
	f.Require("unit", "Velg enheten som har plassen.")
	start := formDate(f, "start", true, "Skriv fra hvilken dato plassen gjelder.")
	if f.OK() {
		_, err := w.coord.OfferPlace(r.Context(), id, f.Trimmed("unit"), start)
		if !refuse(f, "start", err, apperr.Unprocessable, apperr.Conflict) && err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	if !f.OK() {
		w.renderWaitingList(rw, r, http.StatusUnprocessableEntity, p, f)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, "/case-officer/waiting-list?done=offered", http.StatusSeeOther)
}

// AnswerOnBehalf serves POST /case-officer/waiting-list/{id}/answer: the office records the
// citizen's answer (by phone or on paper), in the officer's name.
func (w *Web) AnswerOnBehalf(rw http.ResponseWriter, r *http.Request) {
	w.answer(rw, r, access.CaseOfficer, "/case-officer/waiting-list?done=answered")
}

// CitizenAnswerOffer serves POST /citizen/waiting-list/{id}/answer: the citizen (or a
// guardian) accepts or declines the place offered.
func (w *Web) CitizenAnswerOffer(rw http.ResponseWriter, r *http.Request) {
	w.answer(rw, r, access.Citizen, "/citizen/applications?answered=1")
}

func (w *Web) answer(rw http.ResponseWriter, r *http.Request, role access.Role, done string) {
	p, ok := w.holder(rw, r, role)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, "waiting-answer/"+r.PathValue("id"))
	if !ok {
		return
	}
	choice := f.Trimmed("answer")
	if choice != "accept" && choice != "decline" {
		w.fail(rw, r, apperr.New(apperr.Invalid, "the answer is accept or decline"))
		return
	}
	if _, err := w.coord.AnswerOffer(r.Context(), r.PathValue("id"), choice == "accept"); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, done, http.StatusSeeOther)
}

// decimalWords is a number of days as the language writes it: 6,5 or 6.5.
func decimalWords(f float64, lang i18n.Lang) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang == i18n.English {
		return s
	}
	return strings.ReplaceAll(s, ".", ",")
}

// waitingView is a citizen's place on the list as their page shows it, with an offer to answer.
type waitingView struct {
	allocation.WaitingPlace
	Offer    *allocation.Offer
	UnitName string
}

// rotaView is a decision's rota as the rotacalendar component shows it.
type rotaView struct {
	allocation.Rota
	Start, End time.Time
	Stays      []allocation.Stay
	Months     []monthView
	Weekdays   []weekday
}

// monthView is a month of the calendar; Name is its name in bokmål (a catalog key).
type monthView struct {
	allocation.CalendarMonth
	Name string
}

type weekday struct{ Short, Full string }

var weekdays = []weekday{{"ma", "mandag"}, {"ti", "tirsdag"}, {"on", "onsdag"}, {"to", "torsdag"}, {"fr", "fredag"}, {"lø", "lørdag"}, {"sø", "søndag"}}

var monthNames = [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// rotaViewOf is d's rota with its stays and calendar; nil when d has none.
func rotaViewOf(d allocation.Decision) *rotaView {
	if d.Rota == nil || d.Outcome == allocation.Refused {
		return nil
	}
	v := &rotaView{Rota: *d.Rota, Start: d.Start, End: d.End, Stays: d.Rota.Stays(d.Start, d.End), Weekdays: weekdays}
	for _, m := range allocation.Calendar(v.Stays, d.Start, d.End) {
		v.Months = append(v.Months, monthView{CalendarMonth: m, Name: monthNames[m.Month-1]})
	}
	return v
}

// decisionExtras are what a decision page shows besides the decision: its rota's calendar,
// a carer allowance's pay in words, and its citizen's place on the waiting list.
type decisionExtras struct {
	Rota    *rotaView
	Pay     string
	Waiting *waitingView
}

// extrasOf fills the extras of d in lang; places are the citizen's places on the list.
func (w *Web) extrasOf(ctx context.Context, d allocation.Decision, lang i18n.Lang, places []allocation.WaitingPlace) decisionExtras {
	x := decisionExtras{Rota: rotaViewOf(d), Pay: allocation.CarerPayWords(d, lang)}
	for _, p := range places {
		if p.Decision == "ServiceRequest/"+d.ID && p.Status != allocation.LeftList {
			v := &waitingView{WaitingPlace: p, Offer: p.Pending()}
			if v.Offer != nil {
				v.UnitName = w.coord.ApplicantName(ctx, v.Offer.Unit)
			}
			x.Waiting = v
		}
	}
	return x
}
