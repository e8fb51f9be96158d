package demo

import (
	"context"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/coordination"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestOfficeStages (issue 13, point 8): the demo's allocation office has a case at every stage,
// as saksbehandler and innbygger see them: new, under assessment, past one month with a
// preliminary reply, decided, appealed and forwarded, and a change request.
func TestOfficeStages(t *testing.T) {
	st := testutil.NewSQLite(t)
	svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil).WithUnit(UnitKE)}})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(context.Background(), Options{Records: svc, Accounts: accounts}); err != nil {
		t.Fatal(err)
	}
	co, err := coordination.New(coordination.Options{Records: svc, Unit: UnitKE})
	if err != nil {
		t.Fatal(err)
	}
	officer := access.WithPrincipal(context.Background(), userNamed("saksbehandler").principal())
	rows, err := co.OfficeInbox(officer, allocation.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		c, err := co.CaseOf(officer, r.Application.Reference)
		if err != nil {
			t.Fatal(err)
		}
		seen["new"] = seen["new"] || c.Officer == ""
		seen["under assessment"] = seen["under assessment"] || c.Assessment != nil && len(c.Notes) > 0
		seen["preliminary reply"] = seen["preliminary reply"] || !c.ReplyExpected.IsZero() && r.Clock.AgeDays > 31
		seen["change request"] = seen["change request"] || r.Application.Changes != ""
	}
	astrid := access.WithPrincipal(context.Background(), citizenOf("p-astrid"))
	decisions, err := co.DecisionsOf(astrid, "p-astrid")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range decisions {
		seen["decided, granted"] = seen["decided, granted"] || d.Outcome == allocation.Granted
		seen["decided, refused"] = seen["decided, refused"] || d.Outcome == allocation.Refused
	}
	appeals, err := co.AppealsOf(astrid, "p-astrid")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range appeals {
		seen["appealed and forwarded"] = seen["appealed and forwarded"] || a.Status == allocation.AppealForwarded
	}
	for _, stage := range []string{"new", "under assessment", "preliminary reply", "change request", "decided, granted", "decided, refused", "appealed and forwarded"} {
		if !seen[stage] {
			t.Errorf("the demo has no case %s", stage)
		}
	}
}
