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

func TestBearer(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		cs, err := store.ClientsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for _, c := range []store.Client{
			{ID: "c1", SecretHash: "ab", Name: "EPJ", Scopes: []string{"system/*.read"}, Created: now},
			{ID: "c2", SecretHash: "cd", Name: "Fagsystem", Scopes: []string{"system/*.*"}, Created: now},
		} {
			if err := cs.AddClient(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		tok := store.Token{Hash: "h1", ClientID: "c1", Scopes: []string{"system/Patient.read", "system/Goal.read"},
			Issued: now, Expires: now.Add(time.Hour)}
		if err := cs.AddToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		for _, step := range []struct {
			name         string
			disable      string // client to disable or enable before the look-up
			disabled     bool
			hash         string
			wantErr      apperr.Code
			wantDisabled bool
		}{
			{name: "active", hash: "h1"},
			{name: "another client disabled", disable: "c2", disabled: true, hash: "h1"},
			{name: "own client disabled", disable: "c1", disabled: true, hash: "h1", wantDisabled: true},
			{name: "enabled again", disable: "c1", disabled: false, hash: "h1"},
			{name: "unknown token", hash: "h2", wantErr: apperr.NotFound},
		} {
			if step.disable != "" {
				if err := cs.SetClientDisabled(ctx, step.disable, step.disabled); err != nil {
					t.Fatalf("%s: SetClientDisabled: %v", step.name, err)
				}
			}
			gt, gc, err := cs.GetBearer(ctx, step.hash)
			if step.wantErr != "" {
				if !apperr.Is(err, step.wantErr) {
					t.Errorf("%s: GetBearer: %v, want %s", step.name, err, step.wantErr)
				}
				continue
			}
			if err != nil || gt.Hash != tok.Hash || gt.ClientID != "c1" || !slices.Equal(gt.Scopes, tok.Scopes) ||
				!gt.Issued.Equal(now) || !gt.Expires.Equal(tok.Expires) {
				t.Fatalf("%s: GetBearer token = %+v, %v", step.name, gt, err)
			}
			if gc.ID != "c1" || gc.Name != "EPJ" || gc.Disabled != step.wantDisabled {
				t.Errorf("%s: GetBearer client = %+v, want c1 EPJ disabled=%v", step.name, gc, step.wantDisabled)
			}
		}
		if err := cs.SetClientDisabled(ctx, "nobody", true); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("disabling an unknown client: %v, want not found", err)
		}
	})
}
