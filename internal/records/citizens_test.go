package records_test

import (
	"context"
	"slices"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// Every write keeps the citizens of the version it writes beside it, the same as access.Citizens
// finds by parsing the body, per version: an update that changes the subject changes them, a
// deletion is about nobody, and a record of a type about nobody keeps an empty, known list.
func TestWritesKeepCitizens(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		svc, _ := newService(t, st)
		create := func(body string) store.Record {
			t.Helper()
			rec, _, err := svc.Create(ctx, mustParse(t, body), "")
			if err != nil {
				t.Fatalf("create %s: %v", body, err)
			}
			return rec
		}
		p1 := create(`{"resourceType":"Patient"}`)
		p2 := create(`{"resourceType":"Patient"}`)
		pr := create(`{"resourceType":"Practitioner"}`)
		cp := create(`{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/` + p1.ID + `"}}`)
		task := create(`{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/` + p2.ID +
			`"},"focus":{"reference":"Patient/` + p1.ID + `"}}`)
		upd, _, err := svc.Update(ctx, "CarePlan", cp.ID, mustParse(t, `{"resourceType":"CarePlan","id":"`+cp.ID+
			`","status":"active","intent":"plan","subject":{"reference":"Patient/`+p2.ID+`"}}`), "")
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			rec  store.Record
			want []string
		}{
			{"a Patient is about itself", p1, []string{p1.ID}},
			{"a Practitioner is about nobody", pr, nil},
			{"a CarePlan's subject", cp, []string{p1.ID}},
			{"a Task's for and focus", task, []string{p1.ID, p2.ID}}, // in the index's order
			{"an update's new subject", upd, []string{p2.ID}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := st.GetVersion(ctx, tc.rec.Type, tc.rec.ID, tc.rec.VersionID)
				if err != nil {
					t.Fatal(err)
				}
				if !got.PatientsKnown || !slices.Equal(got.Patients, tc.want) {
					t.Errorf("kept %q (known %v), want %q", got.Patients, got.PatientsKnown, tc.want)
				}
				parsed, _ := access.Citizens(mustParse(t, string(got.Body)))
				if !slices.Equal(parsed, got.Patients) {
					t.Errorf("kept %q, but access.Citizens of the body says %q", got.Patients, parsed)
				}
			})
		}
		del, deleted, err := svc.Delete(ctx, "Task", task.ID)
		if err != nil || !deleted {
			t.Fatalf("delete: %v", err)
		}
		got, err := st.GetVersion(ctx, "Task", task.ID, del.VersionID)
		if err != nil || !got.PatientsKnown || len(got.Patients) != 0 {
			t.Errorf("the deletion keeps %q (known %v), %v; want none, known", got.Patients, got.PatientsKnown, err)
		}
	})
}
