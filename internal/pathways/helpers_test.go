package pathways

import (
	"testing"
	"time"

	"veiviser/internal/lawdata"
	"veiviser/internal/testutil"
)

// oslo stands in for Europe/Oslo: the rules use dates only, and a fixed zone keeps tests hermetic.
var oslo = time.FixedZone("CET", 3600)

func law(t *testing.T) *lawdata.Table {
	t.Helper()
	tab, err := lawdata.New()
	if err != nil {
		t.Fatalf("the law table does not load: %v", err)
	}
	return tab
}

func catalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := NewCatalog(law(t))
	if err != nil {
		t.Fatalf("the embedded pathways do not load: %v", err)
	}
	return c
}

func date(t *testing.T, s string) lawdata.Date {
	t.Helper()
	d, err := lawdata.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// day is midnight of s in Oslo.
func day(t *testing.T, s string) time.Time {
	t.Helper()
	return date(t, s).Time(oslo)
}

// noon is midday of s in Oslo, a time a person would use the list.
func noon(t *testing.T, s string) time.Time {
	t.Helper()
	return date(t, s).Time(oslo).Add(12 * time.Hour)
}

// clockAt is a pathway clock reading noon on s, on a manual clock the test moves.
func clockAt(t *testing.T, c *Catalog, s string) (Clock, *testutil.ManualClock) {
	t.Helper()
	mc := testutil.NewClock(noon(t, s))
	return Clock{Catalog: c, Now: mc.Now}, mc
}

// youth is a mental-health pathway for a child started on start.
func youth(t *testing.T, start string, recs ...Record) Instance {
	t.Helper()
	return Instance{ID: "ep-1", Pathway: "mental-health-children", Patient: "Patient/emma",
		Coordinator: "Practitioner/koord", Unit: "Organization/ke", Start: date(t, start), Records: recs}
}

// cancer is a cancer pathway home from the diagnosis on start.
func cancer(t *testing.T, start string) Instance {
	t.Helper()
	return Instance{ID: "ep-2", Pathway: "cancer-home", Patient: "Patient/astrid",
		Coordinator: "Practitioner/kreft", Unit: "Organization/ke", Start: date(t, start)}
}

func rec(t *testing.T, milestone, at string) Record {
	t.Helper()
	return Record{Milestone: milestone, At: date(t, at), Outcome: "holdt", By: "Practitioner/koord"}
}

func schedule(t *testing.T, c Clock, in Instance) Schedule {
	t.Helper()
	s, err := c.Schedule(in)
	if err != nil {
		t.Fatalf("schedule: %v", err)
	}
	return s
}

// status is the milestone's latest occurrence in the schedule.
func status(t *testing.T, s Schedule, milestone string) MilestoneStatus {
	t.Helper()
	var found *MilestoneStatus
	for i := range s.Milestones {
		if s.Milestones[i].Milestone.ID == milestone {
			found = &s.Milestones[i]
		}
	}
	if found == nil {
		t.Fatalf("no milestone %s in the schedule", milestone)
	}
	return *found
}

// want is a milestone's expected state on a day.
type want struct {
	day      string
	state    State
	due      string
	daysLate int
}

// checkDays moves the clock through the days of ws and checks milestone's state on each.
func checkDays(t *testing.T, c Clock, mc *testutil.ManualClock, in Instance, milestone string, ws []want) {
	t.Helper()
	for _, w := range ws {
		mc.Set(noon(t, w.day))
		st := status(t, schedule(t, c, in), milestone)
		if st.State != w.state || st.Due.String() != w.due || st.DaysLate != w.daysLate {
			t.Errorf("%s on %s: got %s due %s %d days late, want %s due %s %d days late",
				milestone, w.day, st.State, st.Due, st.DaysLate, w.state, w.due, w.daysLate)
		}
	}
}
