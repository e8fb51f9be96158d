package coordination

import (
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// TestCaseAssessment (issue 13, point 3): the case keeps the assessment (the facts, the
// citizen's view, the home visit with who took part, the IPLOS scores as data) and notes; bad
// ones are refused and change nothing; only the office writes them.
func TestCaseAssessment(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		o.clock.Set(start.AddDate(0, 0, 5))
		good := allocation.Assessment{Facts: "Bor alene i andre etasje uten heis.", CitizenView: "Vil bo hjemme så lenge som mulig.",
			HomeVisit: start.AddDate(0, 0, 4), VisitedBy: "Sara Saksbehandler, datteren Kari",
			Scores: map[string]int{"housework": 4, "shopping": 5, "hearing": 9}}
		for _, tc := range []struct {
			name string
			mod  func(*allocation.Assessment)
		}{
			{"empty", func(x *allocation.Assessment) { *x = allocation.Assessment{} }},
			{"a visit tomorrow", func(x *allocation.Assessment) { x.HomeVisit = start.AddDate(0, 0, 6) }},
			{"a visit with nobody", func(x *allocation.Assessment) { x.VisitedBy = " " }},
			{"an unknown variable", func(x *allocation.Assessment) { x.Scores = map[string]int{"juggling": 3} }},
			{"a score of 7", func(x *allocation.Assessment) { x.Scores = map[string]int{"housework": 7} }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				bad := good
				tc.mod(&bad)
				_, err := o.co.SaveAssessment(as(o.officer), a.Reference, bad)
				fixture.WantCode(t, err, apperr.Unprocessable)
			})
		}
		_, err := o.co.SaveAssessment(as(o.citizen), a.Reference, good)
		fixture.WantCode(t, err, apperr.Forbidden)
		if c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference)); c.Assessment != nil {
			t.Fatalf("a refused assessment was stored: %+v", c.Assessment)
		}

		must[allocation.Assignment](t)(o.co.SaveAssessment(as(o.officer), a.Reference, good))
		must[allocation.Assignment](t)(o.co.AddCaseNote(as(o.officer), a.Reference, "Ringte datteren om trappene."))
		_, err = o.co.AddCaseNote(as(o.officer), a.Reference, " ")
		fixture.WantCode(t, err, apperr.Unprocessable)
		c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference))
		got := c.Assessment
		if got == nil || got.Facts != good.Facts || got.CitizenView != good.CitizenView || got.HomeVisit.Format(time.DateOnly) != "2026-03-06" ||
			got.VisitedBy != good.VisitedBy || got.Scores["shopping"] != 5 || got.Scores["hearing"] != 9 || len(got.Scores) != 3 ||
			got.By != "Practitioner/s1" || c.Officer != "Practitioner/s1" {
			t.Errorf("the assessment read back: %+v (case %+v)", got, c)
		}
		if len(c.Notes) != 1 || c.Notes[0].Text != "Ringte datteren om trappene." || c.Notes[0].Author != "Practitioner/s1" {
			t.Errorf("the notes: %+v", c.Notes)
		}

		// the case's documents: the office's, checked by content
		_, err = o.co.AddCaseDocument(as(o.officer), a.Reference, allocation.Upload{Name: "x.pdf", Data: []byte("not a pdf")})
		fixture.WantCode(t, err, apperr.Unprocessable)
		_, err = o.co.AddCaseDocument(as(o.citizen), a.Reference, allocation.Upload{Name: "x.pdf", Data: aPDF})
		fixture.WantCode(t, err, apperr.Forbidden)
		doc := must[allocation.Attachment](t)(o.co.AddCaseDocument(as(o.officer), a.Reference, allocation.Upload{Name: "uttalelse.pdf", Data: aPDF}))
		docs := must[[]allocation.Attachment](t)(o.co.CaseDocuments(as(o.officer), a.Reference))
		if len(docs) != 1 || docs[0].ID != doc.ID || docs[0].Case != "Task/case-"+a.Reference {
			t.Errorf("the case's documents: %+v", docs)
		}
		forged := allocation.AttachmentToFHIR(allocation.Attachment{ID: "forged", Name: "f.pdf", ContentType: "application/pdf", Data: aPDF,
			Subject: "Patient/p1", Author: "Patient/p1", Created: start, Case: "Task/case-" + a.Reference})
		body, err := forged.Object().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := fhir.Parse(body) // as an API client would send it
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = o.svc.Update(as(o.citizen), "DocumentReference", "forged", parsed, "")
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestChangeRequest (issue 13, point 5): the citizen reports changed needs on a running
// decision; the change request is a case of its own, linked to the decision; its decision
// replaces the running one. A provider may send one with the citizen's consent.
func TestChangeRequest(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, granted, refused := decidedOffice(t, st)
		_, err := o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Changes: refused.ID, Need: "x"})
		fixture.WantCode(t, err, apperr.Conflict) // a refusal gives nothing to change
		_, err = o.co.Apply(as(o.other), allocation.ApplicationInput{Subject: "p9", Changes: granted.ID, Need: "x"})
		fixture.WantCode(t, err, apperr.NotFound)
		r := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Changes: granted.ID,
			Need: "Etter det nye fallet klarer jeg ikke å dusje selv."}))
		if r.Application.Changes != "ServiceRequest/"+granted.ID || len(r.Application.Services) != 1 || r.Application.Services[0].Code != "home-help" {
			t.Fatalf("the change request: %+v", r.Application)
		}
		prov := must[allocation.Receipt](t)(o.co.Apply(as(o.provider2), allocation.ApplicationInput{Subject: "p1", Changes: granted.ID,
			Need: "Hjemmetjenesten ser at hun trenger mer hjelp.", CitizenConsent: true}))
		if prov.Application.Source != allocation.FromProvider {
			t.Errorf("the provider's change request: %+v", prov.Application)
		}
		rows := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{}))
		if len(rows) != 2 {
			t.Errorf("the inbox has %d rows, want the two change requests", len(rows))
		}
		o.clock.Set(start.AddDate(0, 0, 20))
		in := grantHomeHelp(r.Application.Reference)
		in.Decision.Scope = 5
		revised := must[allocation.Decision](t)(o.co.Decide(as(o.officer), in))
		if revised.Replaces != "ServiceRequest/"+granted.ID || revised.Scope != 5 {
			t.Errorf("the revised decision: %+v", revised)
		}
		old := must[allocation.Decision](t)(o.co.DecisionByID(as(o.officer), granted.ID))
		if old.Status != allocation.Replaced {
			t.Errorf("the running decision after the change: %+v", old.Status)
		}
	})
}

// TestReviewsDue (issue 13, point 5): a decision past its review date shows in the office's list.
func TestReviewsDue(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o, granted, _ := decidedOffice(t, st)
		if got := must[[]allocation.Decision](t)(o.co.ReviewsDue(as(o.officer))); len(got) != 0 {
			t.Errorf("reviews due before the date: %+v", got)
		}
		o.clock.Set(granted.Review.AddDate(0, 0, 1))
		got := must[[]allocation.Decision](t)(o.co.ReviewsDue(as(o.officer)))
		if len(got) != 1 || got[0].ID != granted.ID {
			t.Errorf("reviews due after the date: %+v", got)
		}
		_, err := o.co.ReviewsDue(as(o.citizen))
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}
