package coordination

import (
	"context"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/contactrequest"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func aContact() contactrequest.Input {
	return contactrequest.Input{Name: "Åse Prøve", Phone: "400 00 000", Who: contactrequest.WhoIll, About: "Hjelp i hverdagen", Consent: true}
}

// TestContactRequests (issue 15 point 3): a request from the public form is stored without
// anyone signed in, answered by a date counted in working days over a weekend, read only by the
// unit's staff and coordinators, and leaves the open list once answered.
func TestContactRequests(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		w.clock.Set(time.Date(2026, 3, 6, 14, 0, 0, 0, time.UTC)) // a Friday
		req, err := w.co.SubmitContact(context.Background(), aContact())
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC); !req.AnswerBy.Equal(want) {
			t.Errorf("answer by %v, want %v (two working days after a Friday)", req.AnswerBy, want)
		}
		for _, who := range []struct {
			name string
			ctx  context.Context
		}{{"citizen", as(w.citizen)}, {"relative", as(w.relative)}, {"provider", as(w.provider)}, {"nobody", context.Background()}} {
			if _, err := w.co.OpenContacts(who.ctx); err == nil {
				t.Errorf("%s read the contact requests", who.name)
			}
			if _, err := w.co.Contact(who.ctx, req.ID); err == nil {
				t.Errorf("%s read a contact request", who.name)
			}
			if _, err := w.co.MarkContactAnswered(who.ctx, contactrequest.AnswerInput{ID: req.ID, At: w.clock.Now(), How: contactrequest.ByPhone}); err == nil {
				t.Errorf("%s answered a contact request", who.name)
			}
		}
		for _, p := range []struct {
			name string
			ctx  context.Context
		}{{"unit lead", as(w.lead)}, {"coordinator", as(w.coordinator)}} {
			open, err := w.co.OpenContacts(p.ctx)
			if err != nil || len(open) != 1 || open[0].Name != "Åse Prøve" || open[0].Reference != req.Reference {
				t.Fatalf("%s: open = %+v, %v", p.name, open, err)
			}
		}
		w.clock.Advance(5 * 24 * time.Hour)
		open := must[[]contactrequest.Request](t)(w.co.OpenContacts(as(w.coordinator)))
		if !open[0].Late(w.clock.Now()) {
			t.Error("a request past its answer-by date is not late")
		}
		done, err := w.co.MarkContactAnswered(as(w.coordinator), contactrequest.AnswerInput{ID: req.ID, At: w.clock.Now(), How: contactrequest.ByPhone, Note: "Avtalt samtale"})
		if err != nil || done.Answer == nil || done.Answer.By != "Practitioner/k1" {
			t.Fatalf("answered = %+v, %v", done, err)
		}
		if open := must[[]contactrequest.Request](t)(w.co.OpenContacts(as(w.lead))); len(open) != 0 {
			t.Errorf("an answered request is still open: %+v", open)
		}
		got := must[contactrequest.Request](t)(w.co.Contact(as(w.lead), req.ID))
		if got.Answer == nil || got.Answer.Note != "Avtalt samtale" || got.Answer.How != contactrequest.ByPhone {
			t.Errorf("read back %+v", got.Answer)
		}
	})
}

// TestContactRequestRule: the rule refuses a bad request from a system client over the records
// API (no way to reach the person, no consent, about a citizen, too long a text) and a person
// outside the unit, and lets a good one through.
func TestContactRequestRule(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		good := contactrequest.Request{Input: aContact(), ID: "cr1", Reference: "KK-1", Received: w.clock.Now(), AnswerBy: w.clock.Now().Add(48 * time.Hour)}
		put := func(p context.Context, r *fhir.Resource) error {
			t.Helper()
			r, err := fhir.Parse(r.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = w.svc.Update(p, "Task", r.ID(), r, "")
			return err
		}
		long := make([]byte, contactrequest.MaxAbout+1)
		for i := range long {
			long[i] = 'a'
		}
		for _, c := range []struct {
			name string
			edit func(r *contactrequest.Request)
		}{
			{"no phone or e-mail", func(r *contactrequest.Request) { r.Phone, r.Email = "", "" }},
			{"no consent", func(r *contactrequest.Request) { r.Consent = false }},
			{"no name", func(r *contactrequest.Request) { r.Name = " " }},
			{"who is unknown", func(r *contactrequest.Request) { r.Who = "neighbour" }},
			{"too long", func(r *contactrequest.Request) { r.About = string(long) }},
		} {
			bad := good
			c.edit(&bad)
			if err := put(as(w.system), contactrequest.ToFHIR(bad, "ke")); !apperr.Is(err, apperr.Unprocessable) {
				t.Errorf("%s: err = %v, want Unprocessable", c.name, err)
			}
		}
		about := contactrequest.ToFHIR(good, "ke")
		about.Object().Set("for", map[string]any{"reference": "Patient/p1"})
		if err := put(as(w.system), about); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("about a citizen: err = %v, want Unprocessable", err)
		}
		if err := put(as(w.system), contactrequest.ToFHIR(good, "other-unit")); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("another owner: err = %v, want Unprocessable", err)
		}
		if err := put(as(w.provider), contactrequest.ToFHIR(good, "ke")); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a provider outside the unit: err = %v, want Forbidden", err)
		}
		if err := put(as(w.system), contactrequest.ToFHIR(good, "ke")); err != nil {
			t.Errorf("a good request: %v", err)
		}
	})
}
