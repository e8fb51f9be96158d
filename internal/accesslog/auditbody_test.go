package accesslog_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/fhir"
	"veiviser/internal/search"
)

// TestPrepared: the access log's directly appended entry (Event.Prepared) is the AuditEvent
// Resource builds, given the same id and meta, value for value; it is valid R4; and its index
// entries are exactly those fhir.Index finds in its body, so the access log's columns and every
// search parameter hold what they would have held. Names and reasons with characters JSON
// escapes (quotes, <, >, &, control characters, U+2028, invalid UTF-8) come out as encoding/json
// writes them.
func TestPrepared(t *testing.T) {
	staff := &access.Principal{UserID: "u1", Name: "Kari Testesen", PractitionerID: "pr1", Roles: []access.Role{access.Coordinator}}
	odd := "Ola \"O'Neil\" <b>&amp;\n\t\x01\u2028\xff slutt"
	stored := time.Date(2026, 5, 6, 7, 8, 9, 987e6, time.UTC)
	tests := []struct {
		name string
		e    accesslog.Event
	}{
		{"system read", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{ClientID: "c1", Name: "Fagsystem"}, Address: "127.0.0.1",
			What: []string{"CarePlan/a"}, Patients: []string{"p1"}}},
		{"system without a name", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{ClientID: "c1"}, What: []string{"Patient/p1"}, Patients: []string{"p1"}}},
		{"staff search with reason", accesslog.Event{Interaction: "search-type", Action: "E", Outcome: accesslog.OutcomeSuccess,
			Principal: staff, Reason: "oppfølging", What: []string{"Goal/a", "Goal/b"}, Patients: []string{"p1", "p2"}}},
		{"refused, the citizen as agent", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeRefused,
			Principal: &access.Principal{UserID: "u2", PatientID: "p9"}, Patients: []string{"p1"}}},
		{"the citizen reads their own", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u2", PatientID: "p1"}, What: []string{"Patient/p1", "Goal/g"}, Patients: []string{"p1"}}},
		{"relative", accesslog.Event{Interaction: "vread", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u3", RelatedPersonIDs: []string{"rp1", "rp2"}}, Patients: []string{"p1"}}},
		{"user without record", accesslog.Event{Interaction: "update", Action: "U", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u4", Name: odd}, Reason: odd, Address: "::1", Patients: []string{"p1"}}},
		{"unknown caller", accesslog.Event{Interaction: "delete", Action: "D", Outcome: accesslog.OutcomeSuccess, Patients: []string{"p1"}}},
		{"no entity", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess, Principal: staff}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.When = logTime.Add(123456 * time.Microsecond)
			n, ok := tc.e.Prepared("a1", stored)
			if !ok {
				t.Fatal("not prepared")
			}
			want, err := tc.e.Resource()
			if err != nil {
				t.Fatal(err)
			}
			want.SetID("a1")
			want.SetMeta(1, stored)
			if g, w := decode(t, n.Record.Body), decode(t, want.Bytes()); !reflect.DeepEqual(g, w) {
				t.Errorf("prepared body\n%s\nResource's\n%s", n.Record.Body, want.Bytes())
			}
			r, err := fhir.Parse(n.Record.Body)
			if err != nil {
				t.Fatalf("does not parse: %v\n%s", err, n.Record.Body)
			}
			if err := fhir.Validate(r); err != nil {
				t.Errorf("not a valid AuditEvent: %v\n%s", err, n.Record.Body)
			}
			if got, want := entryKeys(n.Index), entryKeys(fhir.Index(r)); !slices.Equal(got, want) {
				t.Errorf("index entries\n%q\nfhir.Index finds\n%q", got, want)
			}
			if rec := n.Record; rec.Type != "AuditEvent" || rec.ID != "a1" || rec.VersionID != 1 || !rec.LastUpdated.Equal(stored) {
				t.Errorf("record %s/%s v%d at %s", rec.Type, rec.ID, rec.VersionID, rec.LastUpdated)
			}
		})
	}
	grant := accesslog.Event{Interaction: access.EmergencyAccess, Action: "E", Outcome: accesslog.OutcomeSuccess,
		Principal: staff, Patients: []string{"p1"}, When: logTime, Until: logTime.Add(access.EmergencyDuration)}
	if _, ok := grant.Prepared("a2", stored); ok {
		t.Error("an emergency grant is prepared directly; it has a period Prepared does not write")
	}
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return v
}

// entryKeys are the entries as sorted strings, to compare them as sets with their counts.
func entryKeys(es []search.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Param + "|" + string(e.Kind) + "|" + e.System + "|" + e.Code + "|" + e.Text + "|" +
			e.RefType + "|" + e.RefID + "|" + e.Low.UTC().Format(time.RFC3339Nano) + "|" + e.High.UTC().Format(time.RFC3339Nano)
	}
	slices.Sort(out)
	return out
}
