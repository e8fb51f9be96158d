package oauth_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"veiviser/internal/oauth"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// BenchmarkAuthenticate measures the bearer check of every API request, 16 at a time, beside
// the two look-ups it made before (token, then client) for comparison.
//
//	go test ./internal/oauth -run '^$' -bench Authenticate -count 5
func BenchmarkAuthenticate(b *testing.B) {
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			st := testutil.Stores()[name](b)
			srv, err := oauth.New(st, oauth.Options{})
			if err != nil {
				b.Fatal(err)
			}
			ts := httptest.NewServer(srv.TokenHandler())
			defer ts.Close()
			tok := testutil.Token(b, st, ts.URL, "system/*.read")
			cs, err := store.ClientsOf(st)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("token-then-client", func(b *testing.B) {
				h := oauth.HashToken(tok)
				b.SetParallelism(8)
				b.RunParallel(func(pb *testing.PB) {
					ctx := context.Background()
					for pb.Next() {
						t, err := cs.GetToken(ctx, h)
						if err == nil {
							_, err = cs.GetClient(ctx, t.ClientID)
						}
						if err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
			b.Run("authenticate", func(b *testing.B) {
				b.SetParallelism(8)
				b.RunParallel(func(pb *testing.PB) {
					req := httptest.NewRequest("GET", "/fhir/R4/CarePlan/x", nil)
					req.Header.Set("Authorization", "Bearer "+tok)
					for pb.Next() {
						if _, err := srv.Authenticate(req); err != nil {
							b.Error(err)
							return
						}
					}
				})
			})
		})
	}
}
