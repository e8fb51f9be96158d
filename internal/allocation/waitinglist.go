package allocation

import (
	"slices"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskWaitingList is the CSTaskKind code of the Task that keeps a citizen's place on the
// waiting list for a long-term stay (pbrl § 2-1 e, hol § 3-2 a: the municipality keeps one).
const TaskWaitingList = "waiting-list"

// WaitStatus is where a place on the waiting list is (waiting-list-status).
type WaitStatus string

// The statuses of a place on the list: waiting, a place offered and not yet answered, the
// offer accepted (the wait is over), or off the list because the decision was replaced.
const (
	OnList   WaitStatus = "waiting"
	Offered  WaitStatus = "offered"
	Placed   WaitStatus = "placed"
	LeftList WaitStatus = "left"
)

// OfferAnswer is the citizen's answer to an offered place.
type OfferAnswer string

// The answers: a declined offer keeps the citizen's place in the queue.
const (
	Accepted OfferAnswer = "accepted"
	Declined OfferAnswer = "declined"
)

// Offer is a place the office offers: a unit and the first day.
type Offer struct {
	Unit     string    // Organization/...
	Start    time.Time // the first day of the stay
	Made     time.Time // when it was offered
	By       string    // Practitioner/... who offered it
	Answer   OfferAnswer
	Answered time.Time
	// RecordedBy is the officer who recorded the answer on the citizen's behalf (by phone, on
	// paper); "" when the citizen answered in Veiviser.
	RecordedBy string
}

// WaitingPlace is one citizen's place on the waiting list: a signed long-term stay whose
// citizen can live safely at home while waiting (SafeAtHome), from the day it was decided.
type WaitingPlace struct {
	ID       string
	Decision string // ServiceRequest/...
	Subject  string // Patient/...
	Office   string // Organization id: the office that keeps the list
	Since    time.Time
	Status   WaitStatus
	Offers   []Offer // every offer, oldest first; only the last may wait for an answer
}

// WaitingPlaceID is the id of a decision's place on the list: one per decision.
func WaitingPlaceID(decisionID string) string { return "waiting-" + decisionID }

// Waits says whether the decision puts its citizen on the waiting list: a long-term stay
// given, safe at home while waiting, with no place (unit and start) yet.
func (d Decision) Waits() bool {
	return d.Code == LongTermStay && d.Outcome != Refused && d.Placement == SafeAtHome && d.Provider == "" && d.Start.IsZero()
}

// checkWaiting: a decision on the waiting list names no end before it starts and a review date.
func checkWaiting(d Decision) error {
	switch {
	case !d.End.IsZero():
		return kernel.Violation("Et vedtak på venteliste har ingen sluttdato før plassen er gitt.", "A decision on the waiting list has no end date before the place is given.")
	case d.Review.IsZero():
		return kernel.Violation("Skriv når vedtaket skal vurderes på nytt, etter startdatoen.", "Write when the decision is reviewed, after the start date.")
	}
	return kernel.CheckTexts(DecisionFields(d), nil)
}

// Pending is the offer that waits for the citizen's answer; nil when none does.
func (w WaitingPlace) Pending() *Offer {
	if n := len(w.Offers); n > 0 && w.Offers[n-1].Answer == "" {
		return &w.Offers[n-1]
	}
	return nil
}

// Open says whether the citizen still waits (with or without an offer out).
func (w WaitingPlace) Open() bool { return w.Status == OnList || w.Status == Offered }

// DaysWaited is how many days the citizen has waited on now: from the day put on the list to
// today, or to the day the accepted offer was answered.
func (w WaitingPlace) DaysWaited(now time.Time) int {
	end := now
	if n := len(w.Offers); w.Status == Placed && n > 0 {
		end = w.Offers[n-1].Answered
	}
	return max(0, kernel.DaysBetween(w.Since, end))
}

// WaitStats is the list as a whole on one day: how many wait, the median and the longest wait
// in days.
type WaitStats struct {
	Count   int
	Median  float64
	Longest int
}

// Waits are the statistics of the places that are open on now; the median of an even count is
// the mean of the two in the middle.
func Waits(places []WaitingPlace, now time.Time) WaitStats {
	var days []int
	for _, w := range places {
		if w.Open() {
			days = append(days, w.DaysWaited(now))
		}
	}
	if len(days) == 0 {
		return WaitStats{}
	}
	slices.Sort(days)
	n := len(days)
	median := float64(days[n/2])
	if n%2 == 0 {
		median = float64(days[n/2-1]+days[n/2]) / 2
	}
	return WaitStats{Count: n, Median: median, Longest: days[n-1]}
}

// ValidateWaitingPlace checks a place on the list as of now: its decision, citizen and day put
// on the list (not after today); each offer with a unit, a first day and when it was made, an
// answer only accepted or declined, only the last one unanswered or accepted; and a status that
// says what the offers say.
func ValidateWaitingPlace(w WaitingPlace, now time.Time) error {
	if kernel.TypeOf(w.Decision) != "ServiceRequest" || kernel.TypeOf(w.Subject) != "Patient" || w.Office == "" ||
		w.Since.IsZero() || kernel.DaysBetween(now, w.Since) > 0 {
		return kernel.Violation("En plass på ventelisten må gjelde et vedtak og en innbygger, fra en dato som ikke er etter i dag.",
			"A place on the waiting list must be for a decision and a citizen, from a date not after today.")
	}
	for i, o := range w.Offers {
		last := i == len(w.Offers)-1
		switch {
		case kernel.TypeOf(o.Unit) != "Organization" || o.Start.IsZero() || o.Made.IsZero():
			return kernel.Violation("Et tilbud om plass må si hvilken enhet og fra hvilken dato.", "An offer of a place must name the unit and the first day.")
		case o.Answer != "" && o.Answer != Accepted && o.Answer != Declined, o.Answer != "" && o.Answered.IsZero():
			return kernel.Violation("Svaret på et tilbud er ja eller nei, med datoen.", "The answer to an offer is yes or no, with its date.")
		case !last && (o.Answer == "" || o.Answer == Accepted):
			return kernel.Violation("Bare det siste tilbudet kan vente på svar eller være takket ja til.", "Only the last offer may wait for an answer or be accepted.")
		}
	}
	want := OnList
	if p := w.Pending(); p != nil {
		want = Offered
	} else if n := len(w.Offers); n > 0 && w.Offers[n-1].Answer == Accepted {
		want = Placed
	}
	if w.Status != want && w.Status != LeftList {
		return kernel.Violation("Ventelistens status stemmer ikke med tilbudene.", "The waiting list's status does not match its offers.")
	}
	return nil
}

// waitStatusToFHIR: on the list is a requested Task, one with an offer out in progress, the
// wait ended by a place completed, one left with its decision replaced cancelled.
var waitStatusToFHIR = map[WaitStatus]string{OnList: "requested", Offered: "in-progress", Placed: "completed", LeftList: "cancelled"}

// WaitingPlaceToFHIR is the place as a Task coded waiting-list: focus the decision, for the
// citizen, authoredOn the day put on the list, requester and owner the office (which keeps
// the list, so its staff reach the citizen while it is open), businessStatus where it is
// (waiting-list-status), and each offer as a place-offer extension.
func WaitingPlaceToFHIR(w WaitingPlace) *fhir.Resource {
	var offers []any
	for _, o := range w.Offers {
		offers = append(offers, kernel.ComplexExt(kernel.ExtPlaceOffer,
			kernel.SubExt("unit", "Reference", kernel.Reference(o.Unit)),
			kernel.SubExt("start", "Date", kernel.DateOnly(o.Start)),
			kernel.SubExt("offered", "DateTime", kernel.DateTime(o.Made)),
			kernel.SubExt("offered-by", "Reference", refOrNil(o.By)),
			kernel.SubExt("answer", "Code", string(o.Answer)),
			kernel.SubExt("answered", "DateTime", kernel.DateTime(o.Answered)),
			kernel.SubExt("recorded-by", "Reference", refOrNil(o.RecordedBy))))
	}
	office := kernel.Reference(kernel.Ref("Organization", w.Office))
	return kernel.NewResource("Task", w.ID,
		"extension", kernel.List(offers...),
		"status", waitStatusToFHIR[w.Status],
		"businessStatus", kernel.Concept(kernel.CSWaitingListStatus, string(w.Status)),
		"intent", "order",
		"code", kernel.Concept(kernel.CSTaskKind, TaskWaitingList),
		"focus", kernel.Reference(w.Decision),
		"for", kernel.Reference(w.Subject),
		"authoredOn", kernel.DateTime(w.Since),
		"requester", office,
		"owner", office,
	)
}

// IsWaitingPlace: a Task coded waiting-list.
func IsWaitingPlace(r *fhir.Resource) bool { return r != nil && kernel.TaskKind(r) == TaskWaitingList }

// WaitingPlaceFromFHIR reads a place back.
func WaitingPlaceFromFHIR(r *fhir.Resource) (WaitingPlace, error) {
	if err := kernel.Expect(r, "Task"); err != nil {
		return WaitingPlace{}, err
	}
	o := r.Object()
	bs, _ := o.Object("businessStatus")
	w := WaitingPlace{
		ID:       r.ID(),
		Decision: kernel.PathString(o, "focus", "reference"),
		Subject:  kernel.PathString(o, "for", "reference"),
		Office:   kernel.IDOf(kernel.PathString(o, "owner", "reference")),
		Since:    kernel.PathTime(o, "authoredOn"),
		Status:   WaitStatus(kernel.CodeIn(bs, kernel.CSWaitingListStatus)),
	}
	for _, e := range kernel.Extensions(o, kernel.ExtPlaceOffer) {
		w.Offers = append(w.Offers, Offer{
			Unit:       kernel.ExtRef(e, "unit"),
			Start:      kernel.ParseTime(kernel.ExtString(e, "start", "Date")),
			Made:       kernel.ParseTime(kernel.ExtString(e, "offered", "DateTime")),
			By:         kernel.ExtRef(e, "offered-by"),
			Answer:     OfferAnswer(kernel.ExtString(e, "answer", "Code")),
			Answered:   kernel.ParseTime(kernel.ExtString(e, "answered", "DateTime")),
			RecordedBy: kernel.ExtRef(e, "recorded-by"),
		})
	}
	return w, nil
}
