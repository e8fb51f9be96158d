package store_test

import (
	"context"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUserLanguage: the language a user chose is kept and read back with the user; an unknown
// user is NotFound.
func TestUserLanguage(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx, a := context.Background(), accountsOf(t, st)
		if err := a.CreateUser(ctx, store.User{ID: "u1", Username: "siri", Roles: []string{"citizen"}, Created: accountsT0}); err != nil {
			t.Fatal(err)
		}
		if u, _ := a.UserByID(ctx, "u1"); u.Language != "" {
			t.Errorf("a new user's language = %q, want none", u.Language)
		}
		if err := a.SetUserLanguage(ctx, "u1", "nn"); err != nil {
			t.Fatal(err)
		}
		if u, _ := a.UserByUsername(ctx, "siri"); u.Language != "nn" {
			t.Errorf("language = %q, want nn", u.Language)
		}
		if got, err := a.PatientLanguage(ctx, "p1"); err != nil || got != "" {
			t.Errorf("the language of a patient whose user chose none: %q, %v", got, err)
		}
		if err := a.CreateUser(ctx, store.User{ID: "u2", Username: "ola", Roles: []string{"citizen"}, PatientID: "p1", Created: accountsT0}); err != nil {
			t.Fatal(err)
		}
		if err := a.SetUserLanguage(ctx, "u2", "en"); err != nil {
			t.Fatal(err)
		}
		if got, err := a.PatientLanguage(ctx, "p1"); err != nil || got != "en" {
			t.Errorf("the language of p1's own user: %q, %v; want en", got, err)
		}
		if err := a.SetUserLanguage(ctx, "nobody", "en"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("an unknown user: %v, want NotFound", err)
		}
	})
}

// TestSettings: settings are added, replaced in one call, and read back by key with who changed
// each and when.
func TestSettings(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		s, err := store.SettingsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Settings(ctx); err != nil || len(got) != 0 {
			t.Fatalf("a new store's settings = %+v, %v", got, err)
		}
		t1 := accountsT0.Add(time.Hour)
		if err := s.PutSettings(ctx, []store.Setting{{Key: "municipality", Value: "Fjellvik kommune", ChangedBy: "admin", ChangedAt: accountsT0},
			{Key: "default-language", Value: "nb", ChangedBy: "admin", ChangedAt: accountsT0}}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutSettings(ctx, []store.Setting{{Key: "default-language", Value: "nn", ChangedBy: "admin2", ChangedAt: t1}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Setting{{Key: "default-language", Value: "nn", ChangedBy: "admin2", ChangedAt: t1},
			{Key: "municipality", Value: "Fjellvik kommune", ChangedBy: "admin", ChangedAt: accountsT0}}
		if len(got) != len(want) {
			t.Fatalf("settings = %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i].Key != want[i].Key || got[i].Value != want[i].Value || got[i].ChangedBy != want[i].ChangedBy || !got[i].ChangedAt.Equal(want[i].ChangedAt) {
				t.Errorf("setting %d = %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}
