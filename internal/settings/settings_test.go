package settings

import (
	"context"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestCheck(t *testing.T) {
	ok := Site{Municipality: "Fjellvik kommune", Phone: "400 10 000", Email: "post@fjellvik.kommune.example", DefaultLanguage: i18n.Nynorsk}
	for _, tc := range []struct {
		name string
		edit func(*Site)
		want string // part of the message; "" for accepted
	}{
		{"accepted", func(*Site) {}, ""},
		{"no e-mail is fine", func(s *Site) { s.Email = "" }, ""},
		{"no name", func(s *Site) { s.Municipality = " " }, "kommunens navn"},
		{"a long name", func(s *Site) { s.Municipality = strings.Repeat("x", MaxName+1) }, "høyst"},
		{"a long address", func(s *Site) { s.Address = strings.Repeat("x", MaxAddress+1) }, "høyst"},
		{"not an e-mail", func(s *Site) { s.Email = "post at fjellvik" }, "E-postadressen"},
		{"a name over two lines", func(s *Site) { s.Municipality = "Fjellvik\nkommune" }, "én linje"},
		{"another language", func(s *Site) { s.DefaultLanguage = "sv" }, "bokmål, nynorsk eller engelsk"},
		{"a regional tag is not a setting", func(s *Site) { s.DefaultLanguage = "nn-NO" }, "bokmål, nynorsk eller engelsk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.edit(&s)
			err := s.Check()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !apperr.Is(err, apperr.Unprocessable) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want Unprocessable saying %q", err, tc.want)
			}
		})
	}
}

// TestService: before anything is saved the fallback stands; only an administrator saves; a
// saved change is seen at once on the instance that saved it and, by a second instance on the
// same store, once its copy is older than the refresh; only what changed is stamped.
func TestService(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		kept, err := store.SettingsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		clock := testutil.NewClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
		one := New(kept, clock.Now, Site{Municipality: "Fra konfigurasjonen"})
		two := New(kept, clock.Now, Site{Municipality: "Fra konfigurasjonen"})
		if got := one.Current(ctx); got.Municipality != "Fra konfigurasjonen" || got.DefaultLanguage != i18n.Bokmal {
			t.Errorf("before saving: %+v", got)
		}
		_ = two.Current(ctx) // the second instance reads its copy now
		site := Site{Municipality: "Fjellvik kommune", DefaultLanguage: i18n.Nynorsk}
		coordinator := &access.Principal{UserID: "k", Roles: []access.Role{access.Coordinator}}
		if err := one.Save(ctx, coordinator, site); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a coordinator saved: %v", err)
		}
		admin := &access.Principal{UserID: "admin", Roles: []access.Role{access.Administrator}}
		if err := one.Save(ctx, admin, Site{Municipality: "", DefaultLanguage: i18n.Bokmal}); !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("no name saved: %v", err)
		}
		if err := one.Save(ctx, admin, site); err != nil {
			t.Fatal(err)
		}
		if got := one.Current(ctx); got != site {
			t.Errorf("the saving instance: %+v, want %+v", got, site)
		}
		if got := two.Current(ctx); got.Municipality != "Fra konfigurasjonen" {
			t.Errorf("the second instance before its refresh: %+v", got)
		}
		clock.Advance(refresh)
		if got := two.Current(ctx); got != site {
			t.Errorf("the second instance after its refresh: %+v, want %+v", got, site)
		}
		clock.Advance(time.Hour)
		other := &access.Principal{UserID: "admin2", Roles: []access.Role{access.Administrator}}
		site.Phone = "400 10 000"
		if err := one.Save(ctx, other, site); err != nil {
			t.Fatal(err)
		}
		rows, _ := kept.Settings(ctx)
		for _, r := range rows {
			wantBy := "admin"
			if r.Key == keyPhone {
				wantBy = "admin2"
			}
			if r.ChangedBy != wantBy {
				t.Errorf("%s changed by %q, want %q", r.Key, r.ChangedBy, wantBy)
			}
		}
		if by, at, err := one.Changed(ctx); err != nil || by != "admin2" || !at.Equal(clock.Now()) {
			t.Errorf("Changed = %q, %v, %v", by, at, err)
		}
	})
}
