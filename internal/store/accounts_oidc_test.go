package store_test

import (
	"context"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestAccountsNationalID: a user is found by the national identity number recorded on it; one
// number names at most one user, and users without one never match.
func TestAccountsNationalID(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		for _, u := range []store.User{
			{ID: "c1", Username: "kari", NationalID: "13031353453", Roles: []string{"citizen"}, Created: accountsT0},
			{ID: "s1", Username: "ola", Roles: []string{"coordinator"}, Created: accountsT0},
			{ID: "s2", Username: "per", Roles: []string{"coordinator"}, Created: accountsT0}, // a second '' is fine
		} {
			if err := a.CreateUser(ctx, u); err != nil {
				t.Fatalf("CreateUser(%s): %v", u.ID, err)
			}
		}
		got, err := a.UserByNationalID(ctx, "13031353453")
		if err != nil || got.ID != "c1" || got.NationalID != "13031353453" {
			t.Errorf("UserByNationalID = %+v, %v; want c1", got, err)
		}
		if u, err := a.UserByID(ctx, "c1"); err != nil || u.NationalID != "13031353453" {
			t.Errorf("UserByID keeps the number: %+v, %v", u, err)
		}
		for _, nid := range []string{"", "01010112345"} {
			if _, err := a.UserByNationalID(ctx, nid); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("UserByNationalID(%q) = %v, want not found", nid, err)
			}
		}
		dup := store.User{ID: "c2", Username: "kari2", NationalID: "13031353453", Created: accountsT0}
		if err := a.CreateUser(ctx, dup); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("second user with the same number: %v, want conflict", err)
		}
	})
}
