package server

import (
	"testing"

	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/web"
)

// newSignIn makes the real sign-in service over st's accounts.
func newSignIn(t testing.TB, st store.Store, w *web.Web) *signin.Service {
	t.Helper()
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	si, err := signin.New(signin.Options{Accounts: accounts, Pages: w})
	if err != nil {
		t.Fatalf("signin.New: %v", err)
	}
	return si
}
