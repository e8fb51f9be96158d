package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

var accountsT0 = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func accountsOf(t *testing.T, st store.Store) store.Accounts {
	t.Helper()
	a, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAccountsUsers(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		want := store.User{ID: "u1", Username: "kari", Name: "Kari Testesen", PasswordHash: "$argon2id$x",
			Roles: []string{"coordinator", "unit-lead"}, PractitionerID: "p1", Units: []string{"ke"},
			RelatedPersonIDs: []string{}, Created: accountsT0}
		if err := a.CreateUser(ctx, want); err != nil {
			t.Fatal(err)
		}
		for name, get := range map[string]func() (store.User, error){
			"byUsername": func() (store.User, error) { return a.UserByUsername(ctx, "kari") },
			"byID":       func() (store.User, error) { return a.UserByID(ctx, "u1") },
		} {
			got, err := get()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got.Username != want.Username || got.Name != want.Name || got.PasswordHash != want.PasswordHash ||
				!slices.Equal(got.Roles, want.Roles) || !slices.Equal(got.Units, want.Units) ||
				got.PractitionerID != "p1" || got.Disabled || !got.Created.Equal(accountsT0) {
				t.Errorf("%s: got %+v, want %+v", name, got, want)
			}
		}
		dup := want
		dup.ID = "u2"
		if err := a.CreateUser(ctx, dup); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("duplicate username: got %v, want conflict", err)
		}
		if _, err := a.UserByUsername(ctx, "nobody"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown user: got %v, want not found", err)
		}
	})
}

func TestAccountsUnits(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		for _, u := range []store.OrgUnit{
			{ID: "tildeling", Name: "Tildelingskontoret", Kind: "allocation-office"},
			{ID: "ke", Name: "Koordinerende enhet", Kind: "coordinating-unit"},
			{ID: "ke", Name: "Koordinerende enhet (KE)", Kind: "coordinating-unit"},
		} {
			if err := a.PutUnit(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		got, err := a.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.OrgUnit{{ID: "ke", Name: "Koordinerende enhet (KE)", Kind: "coordinating-unit"},
			{ID: "tildeling", Name: "Tildelingskontoret", Kind: "allocation-office"}}
		if !slices.Equal(got, want) {
			t.Errorf("units: got %v, want %v", got, want)
		}
	})
}

func TestAccountsLoginFailures(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		for i := range 3 {
			if err := a.AddLoginFailure(ctx, accountsT0.Add(time.Duration(i)*time.Minute), "user:kari", "ip:10.0.0.1"); err != nil {
				t.Fatal(err)
			}
		}
		count := func(key string, since time.Time) int {
			t.Helper()
			n, err := a.LoginFailures(ctx, key, since)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count("user:kari", accountsT0); n != 3 {
			t.Errorf("failures since t0: %d, want 3", n)
		}
		if n := count("ip:10.0.0.1", accountsT0.Add(time.Minute)); n != 2 {
			t.Errorf("failures since t0+1m: %d, want 2", n)
		}
		if err := a.ClearLoginFailures(ctx, "user:kari", accountsT0.Add(90*time.Second)); err != nil {
			t.Fatal(err)
		}
		if n := count("user:kari", accountsT0); n != 0 {
			t.Errorf("after clear: %d user failures, want 0", n)
		}
		if n := count("ip:10.0.0.1", accountsT0); n != 1 {
			t.Errorf("after clear of old rows: %d ip failures, want 1", n)
		}
	})
}

func TestAccountsSessions(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		se := store.Session{TokenHash: "h1", UserID: "u1", Data: `{"a":1}`, Created: accountsT0,
			LastSeen: accountsT0, Expires: accountsT0.Add(12 * time.Hour)}
		if err := a.PutSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		if err := a.TouchSession(ctx, "h1", accountsT0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		got, err := a.Session(ctx, "h1")
		if err != nil {
			t.Fatal(err)
		}
		se.LastSeen = accountsT0.Add(time.Minute)
		if got.UserID != se.UserID || got.Data != se.Data || !got.Created.Equal(se.Created) ||
			!got.LastSeen.Equal(se.LastSeen) || !got.Expires.Equal(se.Expires) {
			t.Errorf("session: got %+v, want %+v", got, se)
		}
		if err := a.DeleteExpiredSessions(ctx, accountsT0.Add(13*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, "h1"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("expired session: got %v, want not found", err)
		}
		if err := a.PutSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		if err := a.DeleteSession(ctx, "h1"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Session(ctx, "h1"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("deleted session: got %v, want not found", err)
		}
	})
}

// TestAccountsDisableUser: Users lists every user by username; disabling a user ends every
// session of theirs at once and no one else's; enabling lets them sign in again; an unknown id
// is NotFound.
func TestAccountsDisableUser(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		for _, u := range []store.User{
			{ID: "u2", Username: "per", Name: "Per", Roles: []string{"relative"}, RelatedPersonIDs: []string{}, Created: accountsT0},
			{ID: "u1", Username: "kari", Name: "Kari", Roles: []string{"coordinator"}, RelatedPersonIDs: []string{}, Created: accountsT0},
		} {
			if err := a.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		for i, owner := range []string{"u1", "u1", "u2"} {
			s := store.Session{TokenHash: fmt.Sprintf("h%d", i), UserID: owner, Data: "{}", Created: accountsT0,
				LastSeen: accountsT0, Expires: accountsT0.Add(time.Hour)}
			if err := a.PutSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.SetUserDisabled(ctx, "u1", true); err != nil {
			t.Fatal(err)
		}
		for hash, want := range map[string]bool{"h0": false, "h1": false, "h2": true} {
			if _, err := a.Session(ctx, hash); (err == nil) != want {
				t.Errorf("session %s after disabling u1: %v, want kept %v", hash, err, want)
			}
		}
		users, err := a.Users(ctx)
		if err != nil || len(users) != 2 || users[0].Username != "kari" || !users[0].Disabled || users[1].Disabled {
			t.Fatalf("Users = %+v, %v; want kari (disabled), per", users, err)
		}
		if err := a.SetUserDisabled(ctx, "u1", false); err != nil {
			t.Fatal(err)
		}
		if u, err := a.UserByID(ctx, "u1"); err != nil || u.Disabled {
			t.Errorf("after enabling: %+v, %v", u, err)
		}
		if err := a.SetUserDisabled(ctx, "nobody", true); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("disabling an unknown user: %v, want NotFound", err)
		}
	})
}
