package store

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"veiviser/internal/search"
)

// TestMigration0010: access-log entries written before 0010 counted their agent among their
// patients when the agent was a citizen. After 0010 an entry's patients are its subjects alone:
// a citizen's refused attempt on another's record is no longer an entry of the asker's, a
// guardian's read of the child's data is the child's entry only, and an entry where the agent
// read their own data stays theirs; on both dialects.
func TestMigration0010(t *testing.T) {
	type entry struct {
		id, agent string
		subjects  []string // entities of type 1
		old       []string // the patient rows a store before 0010 wrote
	}
	entries := []entry{
		{"refused", "astrid", nil, []string{"astrid"}},                            // asked for a hidden record
		{"guardian", "mother", []string{"emma"}, []string{"mother", "emma"}},      // read the child's plan
		{"own", "astrid", []string{"astrid"}, []string{"astrid"}},                 // read her own plan
		{"staff", "", []string{"henrik"}, []string{"henrik"}},                     // a practitioner's read
		{"two", "astrid", []string{"astrid", "emma"}, []string{"astrid", "emma"}}, // one record of both
	}
	want := map[string][]string{"astrid": {"own", "two"}, "mother": nil, "emma": {"guardian", "two"}, "henrik": {"staff"}}
	for dialect, config := range dialectConfigs {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			cfg := config(t)
			p, err := openPools(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := migrateUpTo(ctx, p, slog.New(slog.DiscardHandler), 9); err != nil {
				t.Fatal(err)
			}
			s := newSQLStore(p, time.Now)
			var news []New
			for _, e := range entries {
				news = append(news, oldAuditEntry(e.id, e.agent, e.subjects, e.old))
			}
			if err := s.Write(ctx, func(tx Tx) error { return tx.Append(ctx, news) }); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			st, err := Open(ctx, cfg)
			if err != nil {
				t.Fatalf("open (migrating to 0010): %v", err)
			}
			defer st.Close()
			for patient, ids := range want {
				q := search.Query{Type: "AuditEvent", Clauses: []search.Clause{{Param: "patient", Kind: search.Reference,
					Values: []search.Value{{RefType: "Patient", RefID: patient}}}}}
				if got := searchIDs(t, st, q); !slices.Equal(got, ids) {
					t.Errorf("patient=%s after 0010: %v, want %v", patient, got, ids)
				}
			}
		})
	}
}

// oldAuditEntry is an entry with the index rows a store before 0010 was given: the agent, the
// patients (the agent among them when a citizen), and an entity per subject.
func oldAuditEntry(id, agent string, subjects, patients []string) New {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	agentRef := search.Entry{Param: "agent", Kind: search.Reference, RefType: "Practitioner", RefID: "pr1"}
	if agent != "" {
		agentRef.RefType, agentRef.RefID = "Patient", agent
	}
	index := []search.Entry{agentRef,
		{Param: "date", Kind: search.Date, Low: at, High: at.Add(time.Millisecond)},
		{Param: "entity", Kind: search.Reference, RefType: "Goal", RefID: "g-" + id}}
	for _, p := range patients {
		index = append(index, search.Entry{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: p})
	}
	for _, p := range subjects {
		index = append(index, search.Entry{Param: "entity", Kind: search.Reference, RefType: "Patient", RefID: p})
	}
	body := fmt.Appendf(nil, `{"resourceType":"AuditEvent","id":%q}`, id)
	return New{Record: Record{Type: "AuditEvent", ID: id, VersionID: 1, LastUpdated: at, Body: body}, Index: index}
}
