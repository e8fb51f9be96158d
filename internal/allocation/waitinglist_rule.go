package allocation

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// waitingPlace (a Task coded waiting-list), for every writer: valid (ValidateWaitingPlace), for
// a signed long-term stay of the same citizen whose citizen can live safely at home while
// waiting: one for whom a long-term stay is the only safe option gets a place and is never put
// on the list (pbrl § 2-1 e). Its decision, citizen and day on the list never change (a
// declined offer keeps the place in the queue), nor do answered offers. A person writes one as
// the office's staff, or answers the offer waiting for an answer as its citizen or their
// guardian; none is deleted.
func (r rule) waitingPlace(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsWaitingPlace(before) && !IsWaitingPlace(after) {
		return nil
	}
	if after == nil {
		if p, ok := access.Person(ctx); ok && !p.Has(access.Administrator) {
			return kernel.Text{NB: "En plass på ventelisten slettes ikke.", EN: "A place on the waiting list is not deleted."}.Err(apperr.Forbidden)
		}
		return nil
	}
	w, err := WaitingPlaceFromFHIR(after)
	if err != nil {
		return err
	}
	if err := ValidateWaitingPlace(w, r.env.Now()); err != nil {
		return err
	}
	if w.Status != LeftList {
		if err := onListByDecision(ctx, rd, w); err != nil {
			return err
		}
	}
	var old *WaitingPlace
	if IsWaitingPlace(before) {
		o, err := WaitingPlaceFromFHIR(before)
		if err != nil {
			return err
		}
		if o.Decision != w.Decision || o.Subject != w.Subject || !o.Since.Equal(w.Since) || !answeredKept(o, w) {
			return kernel.Violation("Vedtaket, innbyggeren, datoen på ventelisten og tilbud som er besvart, endres ikke.",
				"The decision, the citizen, the day put on the list and answered offers do not change.")
		}
		old = &o
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	if isOffice(p, []string{w.Office}) && (old == nil || isOffice(p, []string{old.Office})) {
		return nil
	}
	if old != nil && answersOwnOffer(ctx, rd, p, *old, w) {
		return nil
	}
	return kernel.Text{NB: "Ventelisten føres av tildelingskontoret; innbyggeren svarer på tilbud om plass.",
		EN: "The allocation office keeps the waiting list; the citizen answers offers of a place."}.Err(apperr.Forbidden)
}

// onListByDecision: w's decision is a signed long-term stay given to w's citizen, safe at home
// while waiting.
func onListByDecision(ctx context.Context, rd store.Reader, w WaitingPlace) error {
	rec, err := rd.Get(ctx, "ServiceRequest", kernel.IDOf(w.Decision))
	if err != nil {
		return kernel.Violation("Plassen på ventelisten må gjelde et vedtak.", "A place on the waiting list must be for a decision.")
	}
	res := records.Parsed(rec)
	if !IsDecision(res) {
		return kernel.Violation("Plassen på ventelisten må gjelde et vedtak.", "A place on the waiting list must be for a decision.")
	}
	d, err := DecisionFromFHIR(res)
	if err != nil {
		return err
	}
	switch {
	case d.Code == LongTermStay && d.Placement == OnlySafeOption:
		return kernel.Violation("Når langtidsopphold er eneste forsvarlige tilbud, skal innbyggeren ha plass og kan ikke settes på venteliste.",
			"When a long-term stay is the only safe option the citizen must get a place and cannot be put on the waiting list.")
	case d.Code != LongTermStay || d.Outcome == Refused || d.Status != Signed || d.Placement != SafeAtHome || d.Subject != w.Subject:
		return kernel.Violation("Ventelisten er for innvilgede langtidsopphold der innbyggeren kan bo trygt hjemme mens hun eller han venter.",
			"The waiting list is for long-term stays granted where the citizen can live safely at home while waiting.")
	}
	return nil
}

// answeredKept: every offer answered in old stands as it was in w, and none is taken away.
func answeredKept(old, w WaitingPlace) bool {
	if len(w.Offers) < len(old.Offers) {
		return false
	}
	for i, o := range old.Offers {
		if o.Answer != "" && o != w.Offers[i] {
			return false
		}
		if o.Answer == "" && (o.Unit != w.Offers[i].Unit || !o.Start.Equal(w.Offers[i].Start) || !o.Made.Equal(w.Offers[i].Made) || o.By != w.Offers[i].By) {
			return false
		}
	}
	return true
}

// answersOwnOffer: p is the citizen (or their guardian) and the write answers the offer that
// waited, in their own name, and does nothing else.
func answersOwnOffer(ctx context.Context, rd store.Reader, p *access.Principal, old, w WaitingPlace) bool {
	own := p.Has(access.Citizen) && (p.PatientID != "" && w.Subject == kernel.Ref("Patient", p.PatientID) ||
		slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return guardianOf(ctx, rd, id, w.Subject) }))
	pending := old.Pending()
	if !own || pending == nil || len(w.Offers) != len(old.Offers) {
		return false
	}
	got := w.Offers[len(w.Offers)-1]
	return got.Answer != "" && got.RecordedBy == ""
}
