package coordination

import (
	"context"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRefusalsReadBokmålFirst: a refusal's message is "bokmål / English" (care.Text), since the
// web pages split it there and show the first half as the bokmål text, the second as English.
func TestRefusalsReadBokmålFirst(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		ip := w.planWithConsent()
		cases := []struct {
			name   string
			call   func() error
			nb, en string
		}{
			{"no principal", func() error { _, err := w.co.Inbox(context.Background()); return err },
				"Logg inn først.", "Sign in first."},
			{"the inbox", func() error { _, err := w.co.Inbox(as(w.citizen)); return err },
				"Innboksen er koordinerende enhets.", "The inbox is the coordinating unit's."},
			{"the register", func() error { _, err := w.co.Register(as(w.citizen)); return err },
				"Koordinatorregisteret er for ansatte.", "The coordinator register is for staff."},
			{"keeping the register", func() error {
				_, err := w.co.SaveCoordinator(as(w.coordinator), coordinators.Coordinator{Name: "X"})
				return err
			},
				"Bare enhetslederen eller en administrator fører registeret.", "Only the unit lead or an administrator keeps the register."},
			{"a nameless coordinator", func() error { _, err := w.co.SaveCoordinator(as(w.lead), coordinators.Coordinator{}); return err },
				"Koordinatoren må ha navn og enhet.", "A coordinator needs a name and a unit."},
			{"a meeting without a date", func() error {
				_, err := w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: ip})
				return err
			},
				"Møtet må ha en dato.", "The meeting needs a date."},
			{"a sub-goal of a missing goal", func() error {
				_, err := w.co.AddGoal(as(w.coordinator), ip, plan.GoalInput{Text: "Gå tur", Parent: "nope"})
				return err
			}, "Hovedmålet finnes ikke i planen.", "The main goal is not in the plan."},
			{"a participant without a role", func() error { _, err := w.co.AddParticipant(as(w.coordinator), ip, plan.Participant{}); return err },
				"Deltakeren må ha referanse og rolle.", "A participant needs a reference and a role."},
			{"the coordinator's workspace", func() error { _, err := w.co.CoordinatorWorkspace(as(w.citizen)); return err },
				"Arbeidsflaten er for koordinatorer.", "The workspace is for coordinators."},
			{"the citizen's workspace", func() error { _, err := w.co.CitizenWorkspace(as(w.coordinator)); return err },
				"Siden er for innbyggeren.", "The page is for the citizen."},
			{"the provider's workspace", func() error {
				_, err := w.co.ProviderWorkspace(as(&access.Principal{UserID: "x", Roles: []access.Role{access.Citizen}, PatientID: "p1"}))
				return err
			}, "Arbeidsflaten er for tjenesteytere.", "The workspace is for service providers."},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := apperr.As(c.call())
				if e == nil {
					t.Fatal("no refusal")
				}
				nb, en, _ := strings.Cut(e.Message, " / ")
				if nb != c.nb || !strings.HasPrefix(en, c.en) {
					t.Errorf("message %q, want bokmål %q then English %q", e.Message, c.nb, c.en)
				}
			})
		}
	})
}
