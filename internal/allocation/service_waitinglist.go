package allocation

import (
	"context"
	"fmt"
	"slices"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// The waiting list for long-term stays (pbrl § 2-1 e, hol § 3-2 a): signing a decision that
// waits puts its citizen on the list (waitingPuts); the office offers a place, the citizen (or
// the office on their behalf) accepts or declines; an accepted place ends the wait.

// WaitingRow is one citizen on the office's list.
type WaitingRow struct {
	WaitingPlace
	Name     string
	Days     int       // days waited today
	Decided  time.Time // the decision's date
	Decision Decision
}

// WaitingList is the office's list, the longest waiting first, and its figures today.
type WaitingList struct {
	Rows  []WaitingRow
	Stats WaitStats
}

// waitingPuts are what signing d does to the waiting list: a decision that waits puts its
// citizen on the list from today, or keeps the place of the decision it replaces; the place of
// a replaced decision that no longer waits (given a place, refused) leaves the list.
func (s *Service) waitingPuts(ctx context.Context, d Decision) ([]workflow.Put, error) {
	var puts []workflow.Put
	since := d.Decided
	if d.Replaces != "" {
		r, _, err := s.wf.Get(ctx, "Task", WaitingPlaceID(kernel.IDOf(d.Replaces)))
		switch {
		case apperr.Is(err, apperr.NotFound):
		case err != nil:
			return nil, err
		default:
			old, err := WaitingPlaceFromFHIR(r)
			if err != nil {
				return nil, err
			}
			if old.Open() {
				since = old.Since
				old.Status = LeftList
				puts = append(puts, workflow.Put{Res: WaitingPlaceToFHIR(old)})
			}
		}
	}
	if d.Waits() {
		w := WaitingPlace{ID: WaitingPlaceID(d.ID), Decision: "ServiceRequest/" + d.ID, Subject: d.Subject, Office: s.wf.Office(), Since: since, Status: OnList}
		puts = append(puts, workflow.Put{Res: WaitingPlaceToFHIR(w)})
	}
	return puts, nil
}

// OfficeWaitingList is the office's waiting list today: who waits, since when and how long,
// any offer out, and the number waiting with the median and longest wait. Each citizen's read
// is logged.
func (s *Service) OfficeWaitingList(ctx context.Context) (WaitingList, error) {
	if _, err := s.officer(ctx); err != nil {
		return WaitingList{}, err
	}
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskWaitingList, "owner", kernel.Ref("Organization", s.wf.Office()))
	if err != nil {
		return WaitingList{}, err
	}
	now := s.wf.Now()
	var out WaitingList
	var places []WaitingPlace
	names := s.wf.Names()
	for _, r := range found {
		w, err := WaitingPlaceFromFHIR(r)
		if err != nil {
			return WaitingList{}, err
		}
		if !w.Open() {
			continue
		}
		d, err := s.decision(ctx, kernel.IDOf(w.Decision))
		if err != nil {
			return WaitingList{}, err
		}
		places = append(places, w)
		out.Rows = append(out.Rows, WaitingRow{WaitingPlace: w, Name: names.Name(ctx, w.Subject), Days: w.DaysWaited(now), Decided: d.Decided, Decision: d})
	}
	slices.SortStableFunc(out.Rows, func(a, b WaitingRow) int { return a.Since.Compare(b.Since) })
	out.Stats = Waits(places, now)
	var patients []string
	for _, r := range out.Rows {
		patients = append(patients, r.Subject)
	}
	return out, s.logReads(ctx, patients, "Task?code=waiting-list")
}

// WaitingPlaceByID is one place on the list, for whoever has its citizen in reach.
func (s *Service) WaitingPlaceByID(ctx context.Context, id string) (WaitingPlace, error) {
	r, _, err := s.wf.Get(ctx, "Task", id)
	if err != nil {
		return WaitingPlace{}, err
	}
	if !IsWaitingPlace(r) {
		return WaitingPlace{}, apperr.New(apperr.NotFound, "Task/%s is not a place on the waiting list", id)
	}
	w, err := WaitingPlaceFromFHIR(r)
	if err != nil {
		return WaitingPlace{}, err
	}
	if _, err := s.wf.Reach(ctx, w.Subject); err != nil {
		return WaitingPlace{}, apperr.New(apperr.NotFound, "Task/%s is not known", id)
	}
	return w, s.wf.LogRead(ctx, w.Subject, "Task/"+id)
}

// WaitingOf are the citizen's places on the list, open or ended, for whoever has the citizen
// in reach (the citizen's page shows since when they wait and any offer to answer).
func (s *Service) WaitingOf(ctx context.Context, patient string) ([]WaitingPlace, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskWaitingList, "patient", patient)
	if err != nil {
		return nil, err
	}
	var out []WaitingPlace
	for _, r := range found {
		w, err := WaitingPlaceFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, s.wf.LogRead(ctx, patient, "Task?code=waiting-list")
}

// OfferPlace offers the citizen waiting at id a place: unit from start, a day not before today.
// One offer waits for an answer at a time.
func (s *Service) OfferPlace(ctx context.Context, id, unit string, start time.Time) (WaitingPlace, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return WaitingPlace{}, err
	}
	w, err := s.WaitingPlaceByID(ctx, id)
	if err != nil {
		return WaitingPlace{}, err
	}
	now := s.wf.Now()
	switch {
	case w.Status != OnList:
		return WaitingPlace{}, kernel.Text{NB: "Innbyggeren har allerede et tilbud å svare på, eller venter ikke lenger.",
			EN: "The citizen already has an offer to answer, or no longer waits."}.Err(apperr.Conflict)
	case start.IsZero() || kernel.DaysFromToday(now, start) < 0:
		return WaitingPlace{}, kernel.Violation("Plassen må gjelde fra i dag eller senere.", "The place must start today or later.")
	}
	w.Offers = append(w.Offers, Offer{Unit: unit, Start: start, Made: now, By: kernel.Ref("Practitioner", p.PractitionerID)})
	w.Status = Offered
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: WaitingPlaceToFHIR(w)}); err != nil {
		return WaitingPlace{}, fmt.Errorf("offering a place: %w", err)
	}
	return w, nil
}

// AnswerOffer records the answer to the offer that waits at id, by the citizen (or a guardian)
// or by the office on their behalf (recorded with the officer's name). An accepted place ends
// the wait: the decision gets the unit and the first day, and the place leaves the list, in one
// commit. A declined one keeps the place in the queue.
func (s *Service) AnswerOffer(ctx context.Context, id string, accept bool) (WaitingPlace, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return WaitingPlace{}, err
	}
	w, err := s.WaitingPlaceByID(ctx, id)
	if err != nil {
		return WaitingPlace{}, err
	}
	o := w.Pending()
	if o == nil {
		return WaitingPlace{}, kernel.Text{NB: "Det er ikke noe tilbud om plass å svare på.", EN: "There is no offer of a place to answer."}.Err(apperr.Conflict)
	}
	o.Answer, o.Answered, w.Status = Declined, s.wf.Now(), OnList
	if accept {
		o.Answer, w.Status = Accepted, Placed
	}
	if isOffice(p, []string{s.wf.Office()}) && p.PractitionerID != "" {
		o.RecordedBy = kernel.Ref("Practitioner", p.PractitionerID)
	}
	puts := []workflow.Put{{Res: WaitingPlaceToFHIR(w)}} // first: the decision's rule reads it
	if accept {
		d, err := s.decision(ctx, kernel.IDOf(w.Decision))
		if err != nil {
			return WaitingPlace{}, err
		}
		d.Provider, d.Start = o.Unit, o.Start
		puts = append(puts, workflow.Put{Res: DecisionToFHIR(d, s.wf.Office())})
	}
	if _, err := s.wf.Commit(ctx, puts...); err != nil {
		return WaitingPlace{}, fmt.Errorf("answering the offer of a place: %w", err)
	}
	return w, nil
}

// CriteriaInForce are the municipality's criteria for a long-term stay in force today, for the
// decision form; none when the embedded list does not load (its test catches that).
func (s *Service) CriteriaInForce() []Criterion {
	c, err := LongTermCriteria()
	if err != nil {
		return nil
	}
	return c.At(s.wf.Now())
}
