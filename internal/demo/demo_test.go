package demo

import (
	"context"
	"errors"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/records"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestLoad loads the demo on both stores: a second load is refused, every demo user signs in
// with the documented password, and each one's workspace shows something.
func TestLoad(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil).WithUnit(UnitKE)}})
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		opts := Options{Records: svc, Accounts: accounts}
		if err := Load(ctx, opts); err != nil {
			t.Fatal(err)
		}
		if err := Load(ctx, opts); !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("second load = %v, want ErrNotEmpty", err)
		}
		co, err := coordination.New(coordination.Options{Records: svc, Unit: UnitKE})
		if err != nil {
			t.Fatal(err)
		}
		for _, du := range Users() {
			u, err := accounts.UserByUsername(ctx, du.Username)
			if err != nil {
				t.Fatalf("%s: %v", du.Username, err)
			}
			if ok, err := signin.VerifyPassword(Password, u.PasswordHash); err != nil || !ok || u.Disabled {
				t.Fatalf("%s cannot sign in with the documented password: %v", du.Username, err)
			}
			ctx := access.WithPrincipal(ctx, signin.Principal(u))
			if n, err := workspaceSize(ctx, co, du); err != nil || n == 0 {
				t.Errorf("%s (%s): workspace has %d items, err %v", du.Username, du.Role, n, err)
			}
		}
		checkStages(t, co, accounts)
	})
}

// workspaceSize counts what the user's workspace shows.
func workspaceSize(ctx context.Context, co *coordination.Service, u User) (int, error) {
	switch {
	case u.Role == access.Citizen && u.Username == "forelder":
		ws, err := co.CitizenWorkspace(ctx)
		return len(ws.Children), err
	case u.Role == access.Citizen:
		ws, err := co.CitizenWorkspace(ctx)
		if ws.Plan == nil || ws.Coordinator == nil {
			return 0, err
		}
		return len(ws.Plan.Plan.Goals), err
	case u.Role == access.Relative:
		ws, err := co.RelativeWorkspace(ctx)
		return len(ws.Citizens), err
	case u.Role == access.Coordinator:
		ws, err := co.CoordinatorWorkspace(ctx)
		if ws.Late == 0 || len(ws.Tasks) == 0 {
			return 0, err
		}
		return len(ws.Citizens), err
	case u.Role == access.ServiceProvider:
		ws, err := co.ProviderWorkspace(ctx)
		return len(ws.Plans), err
	case u.Role == access.UnitLead || u.Role == access.CaseOfficer:
		ov, err := co.UnitLeadOverview(ctx)
		return len(ov.ByStage), err
	case u.Role == access.Administrator:
		reg, err := co.Register(ctx)
		return len(reg), err
	}
	return 0, nil
}

// checkStages: the unit lead sees cases at every stage of the flow.
func checkStages(t *testing.T, co *coordination.Service, accounts store.Accounts) {
	t.Helper()
	ctx := context.Background()
	u, err := accounts.UserByUsername(ctx, "enhetsleder")
	if err != nil {
		t.Fatal(err)
	}
	ov, err := co.UnitLeadOverview(access.WithPrincipal(ctx, signin.Principal(u)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range coordination.Stages() {
		if len(ov.ByStage[s]) == 0 {
			t.Errorf("no case at stage %s", s)
		}
	}
	if n := len(ov.Inbox); n < 4 {
		t.Errorf("inbox has %d inquiries, want at least 4", n)
	}
}
