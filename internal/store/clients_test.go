package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestClients(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		cs, err := store.ClientsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		c := store.Client{ID: "c1", SecretHash: "ab", Name: "EPJ", Scopes: []string{"system/*.read", "system/Task.write"}, Created: now}
		if err := cs.AddClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := cs.AddClient(ctx, c); !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("second AddClient: %v, want conflict", err)
		}
		got, err := cs.GetClient(ctx, "c1")
		if err != nil || got.Name != "EPJ" || !slices.Equal(got.Scopes, c.Scopes) || !got.Created.Equal(now) || got.Disabled {
			t.Fatalf("GetClient = %+v, %v", got, err)
		}
		if _, err := cs.GetClient(ctx, "nobody"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown client: %v", err)
		}
		old := store.Token{Hash: "old", ClientID: "c1", Scopes: c.Scopes, Issued: now, Expires: now.Add(time.Hour)}
		if err := cs.AddToken(ctx, old); err != nil {
			t.Fatal(err)
		}
		tok, err := cs.GetToken(ctx, "old")
		if err != nil || tok.ClientID != "c1" || !tok.Expires.Equal(now.Add(time.Hour)) {
			t.Fatalf("GetToken = %+v, %v", tok, err)
		}
		// a token issued after the old one expired sweeps it away
		later := now.Add(2 * time.Hour)
		if err := cs.AddToken(ctx, store.Token{Hash: "new", ClientID: "c1", Issued: later, Expires: later.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := cs.GetToken(ctx, "old"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("expired token still stored: %v", err)
		}
		if err := cs.AddToken(ctx, store.Token{Hash: "x", ClientID: "nobody", Issued: later, Expires: later}); err == nil {
			t.Fatal("a token for an unknown client was stored")
		}
	})
}
