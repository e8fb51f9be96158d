package demo

import (
	"context"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/pathways"
	"veiviser/internal/records"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestTheDemoPathwaysAreDueSoon: Frida's assessment and Ivar's first conversation are in the
// unit lead's list as due soon, and Frida's in her coordinator's.
func TestTheDemoPathwaysAreDueSoon(t *testing.T) {
	st := testutil.NewSQLite(t)
	ctx := context.Background()
	svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil).WithUnit(UnitKE)}})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(ctx, Options{Records: svc, Accounts: accounts}); err != nil {
		t.Fatal(err)
	}
	co, err := coordination.New(coordination.Options{Records: svc, Unit: UnitKE})
	if err != nil {
		t.Fatal(err)
	}
	as := func(username string) context.Context {
		u, err := accounts.UserByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		return access.WithPrincipal(ctx, signin.Principal(u))
	}
	due := func(username string) map[string]pathways.State {
		items, err := co.Attention(as(username))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]pathways.State{}
		for _, it := range items {
			out[it.Patient+" "+it.Milestone.ID] = it.State
		}
		return out
	}
	lead := due("enhetsleder")
	if lead["Patient/p-frida assessment"] != pathways.StateDueSoon || lead["Patient/p-ivar conversation-1"] != pathways.StateDueSoon || len(lead) != 2 {
		t.Errorf("the unit lead's list: %v, want Frida's assessment and Ivar's first conversation due soon", lead)
	}
	if mine := due("koordinator"); mine["Patient/p-frida assessment"] != pathways.StateDueSoon || len(mine) != 1 {
		t.Errorf("Jostein's list: %v, want Frida's assessment due soon", mine)
	}
}
