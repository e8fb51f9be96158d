package coordination

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestTextLimitsBindTheServices: each stored text the workflows take is refused past its
// limit, in characters (ø is two bytes and counts as one), with a message naming the field;
// at the limit it is stored.
func TestTextLimitsBindTheServices(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		ip := w.planWithConsent()
		meeting := must[meetings.Meeting](t)(w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: ip, Start: start.AddDate(0, 0, 7)}))
		cases := []struct {
			name  string
			max   int
			field string // the refusal names it
			write func(text string) error
		}{
			{"a comment", kernel.MaxText, "Kommentaren", func(s string) error { _, err := w.co.Comment(as(w.citizen), ip, s); return err }},
			{"a goal proposal", kernel.MaxText, "Målforslaget", func(s string) error { _, err := w.co.ProposeGoal(as(w.citizen), ip, s); return err }},
			{"a goal's words", kernel.MaxText, "Målet", func(s string) error {
				_, err := w.co.AddGoal(as(w.coordinator), ip, plan.GoalInput{Text: s})
				return err
			}},
			{"a measure's scope", kernel.MaxName, "Omfanget av tiltaket", func(s string) error {
				_, err := w.co.AddMeasure(as(w.coordinator), ip, plan.Measure{Title: "Trening", Scope: s, Provider: "Organization/physio"})
				return err
			}},
			{"how the plan is coordinated", kernel.MaxLongText, "Samordningen", func(s string) error {
				_, err := w.co.SetText(as(w.coordinator), ip, plan.PlanText{Coordination: &s})
				return err
			}},
			{"a need", kernel.MaxText, "Behovet", func(s string) error {
				_, err := w.co.SetText(as(w.coordinator), ip, plan.PlanText{Needs: []string{"Hjelp", s}})
				return err
			}},
			{"an inquiry", kernel.MaxText, "Behovet", func(s string) error {
				_, err := w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: s})
				return err
			}},
			{"a meeting's place", kernel.MaxName, "Møtestedet", func(s string) error {
				_, err := w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: ip, Start: start.AddDate(0, 0, 8), Location: s})
				return err
			}},
			{"a follow-up", kernel.MaxText, "Oppfølgingspunktet", func(s string) error {
				_, err := w.co.HoldMeeting(as(w.coordinator), meeting.ID, "Referat.", []meetings.FollowUp{{Description: s, Owner: "Practitioner/k1"}})
				return err
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := c.write(strings.Repeat("ø", c.max+1))
				if !apperr.Is(err, apperr.Unprocessable) || !strings.Contains(apperr.As(err).Message, c.field+" har ") {
					t.Fatalf("%d characters: %v, want 422 naming %q", c.max+1, err, c.field)
				}
				if err := c.write(strings.Repeat("ø", c.max)); err != nil {
					t.Fatalf("%d characters (the limit): %v", c.max, err)
				}
			})
		}
	})
}

// TestTextLimitsBindTheAPI: the same limits hold for a CarePlan, a Goal and a message written
// over the API, by a person and by a system client; a text stored before the limits stays
// and the record can still be changed.
func TestTextLimitsBindTheAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		plan := w.planWithConsent()
		api := w.api(st)
		long := strings.Repeat("ord ", kernel.MaxText/4+1)
		for _, who := range []string{"", "citizen"} {
			cp := api.read("/CarePlan/" + plan)
			notes, _ := cp.Object().Array("note")
			cp.Object().Set("note", append(notes, kernel.ObjectOf("text", long)))
			if code, body := api.put(who, cp); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Kommentaren har 4") {
				t.Errorf("%q: a comment of %d characters: %d %s", who, len(long), code, body)
			}
		}
		msg := `{"resourceType":"Communication","status":"completed","subject":{"reference":"Patient/p1"},` +
			`"sender":{"reference":"Practitioner/k1"},"recipient":[{"reference":"Patient/p1"}],"sent":"2026-03-02T10:00:00Z",` +
			`"payload":[{"contentString":"` + strings.Repeat("x", kernel.MaxLongText+1) + `"}]}`
		if code, body := api.do("", http.MethodPost, "/Communication", msg); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Meldingen har") {
			t.Errorf("a message of %d characters: %d %s", kernel.MaxLongText+1, code, body)
		}

		// a comment stored before the limits (no rules then) stays, and the plan can be changed
		before := records.New(st, records.Options{Clock: w.clock.Now})
		cp := api.read("/CarePlan/" + plan)
		cp.Object().Set("note", []any{kernel.ObjectOf("text", long)})
		cp.Object().Delete("meta")
		if _, _, err := before.Update(as(w.system), "CarePlan", plan, cp, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := w.co.Comment(as(w.citizen), plan, "Et kort svar"); err != nil {
			t.Fatalf("a comment on a plan holding an old long one: %v", err)
		}
	})
}
