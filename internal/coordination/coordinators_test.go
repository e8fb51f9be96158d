package coordination

import (
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestSaveCoordinatorChecksVersion: an entry saved from a version someone else has since
// replaced is refused with Conflict and changes nothing; one from the current version, or a new
// entry without a version, is saved.
func TestSaveCoordinatorChecksVersion(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		kari := func(t *testing.T) coordinators.Coordinator {
			t.Helper()
			for _, c := range must[[]coordinators.Coordinator](t)(w.co.Register(as(w.lead))) {
				if c.ID == "Practitioner/k1" {
					return c
				}
			}
			t.Fatal("Kari is not in the register")
			return coordinators.Coordinator{}
		}
		course := func(name string) coordinators.Course {
			return coordinators.Course{Name: name, Completed: time.Date(2026, 2, 12, 0, 0, 0, 0, time.UTC)}
		}
		read := kari(t)
		if read.Version == 0 {
			t.Fatal("the register carries no version")
		}
		first := read
		first.Courses = []coordinators.Course{course("Grunnkurs")}
		saved, err := w.co.SaveCoordinator(as(w.lead), first)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Version != read.Version+1 {
			t.Fatalf("saved at version %d, want %d", saved.Version, read.Version+1)
		}

		cases := []struct {
			name     string
			entry    func() coordinators.Coordinator
			wantCode apperr.Code // "" for saved
			courses  []string    // Kari's courses afterwards
		}{
			{"stale version", func() coordinators.Coordinator {
				c := read
				c.Courses = []coordinators.Course{course("Fordypning")}
				return c
			}, apperr.Conflict, []string{"Grunnkurs"}},
			{"current version", func() coordinators.Coordinator {
				c := kari(t)
				c.Courses = append(c.Courses, course("Fordypning"))
				return c
			}, "", []string{"Grunnkurs", "Fordypning"}},
			{"new entry", func() coordinators.Coordinator {
				return coordinators.Coordinator{Name: "Nina Ny", Unit: "Organization/ke", Active: true}
			}, "", []string{"Grunnkurs", "Fordypning"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.co.SaveCoordinator(as(w.lead), c.entry())
				if c.wantCode == "" && err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.wantCode != "" {
					if !apperr.Is(err, c.wantCode) {
						t.Fatalf("got %v, want %s", err, c.wantCode)
					}
					if nb, en, ok := strings.Cut(apperr.As(err).Message, " / "); !ok || !strings.Contains(nb, "endret av noen andre") || en == "" {
						t.Errorf("the refusal %q is not in bokmål and English", apperr.As(err).Message)
					}
				}
				var got []string
				for _, x := range kari(t).Courses {
					got = append(got, x.Name)
				}
				if !slices.Equal(got, c.courses) {
					t.Fatalf("Kari's courses: %v, want %v", got, c.courses)
				}
			})
		}
	})
}
