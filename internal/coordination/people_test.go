package coordination

import (
	"context"
	"sync"
	"testing"

	"veiviser/internal/meetings"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// readCounter is a real store that counts the current-version reads of each resource.
type readCounter struct {
	store.Store
	mu   sync.Mutex
	gets map[string]int
}

func (c *readCounter) Get(ctx context.Context, typ, id string) (store.Record, error) {
	c.mu.Lock()
	c.gets[typ+"/"+id]++
	c.mu.Unlock()
	return c.Store.Get(ctx, typ, id)
}

func (c *readCounter) reads(reference string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gets[reference]
}

// TestWorkspaceReadsANameOnce: the coordinator's workspace reads the citizen's name as often with
// four open tasks about her as with one (the tasks' names come from one name book), not once
// more per task.
func TestWorkspaceReadsANameOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		rc := &readCounter{Store: st, gets: map[string]int{}}
		w := newWorld(t, rc)
		plan := w.planWithConsent()
		m := must[meetings.Meeting](t)(w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: plan, Start: start.AddDate(0, 0, 7)}))
		action := func(what string) meetings.FollowUp {
			return meetings.FollowUp{Description: what, Owner: "Practitioner/k1"}
		}
		must[meetings.Meeting](t)(w.co.HoldMeeting(as(w.coordinator), m.ID, "Referat.", []meetings.FollowUp{action("Ringe fastlegen")}))
		readsFor := func(tasks int) int {
			t.Helper()
			before := rc.reads("Patient/p1")
			ws := must[CoordinatorWorkspace](t)(w.co.CoordinatorWorkspace(as(w.coordinator)))
			if len(ws.Tasks) != tasks {
				t.Fatalf("%d open tasks, want %d", len(ws.Tasks), tasks)
			}
			for _, task := range ws.Tasks {
				if task.PatientName != "Siri Testmo" {
					t.Errorf("task %s names %q, want Siri Testmo", task.Task.ID, task.PatientName)
				}
			}
			return rc.reads("Patient/p1") - before
		}
		one := readsFor(1)
		m2 := must[meetings.Meeting](t)(w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: plan, Start: start.AddDate(0, 0, 14)}))
		must[meetings.Meeting](t)(w.co.HoldMeeting(as(w.coordinator), m2.ID, "Referat.",
			[]meetings.FollowUp{action("Søke om hjelpemidler"), action("Avtale neste møte"), action("Sende referat")}))
		if four := readsFor(4); four != one {
			t.Errorf("the workspace read Patient/p1 %d times with four tasks, %d with one", four, one)
		}
	})
}
