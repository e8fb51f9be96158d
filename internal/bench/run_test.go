package bench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"veiviser/internal/bench"
	"veiviser/internal/fhirapi"
	"veiviser/internal/oauth"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRunAgainstVeiviser runs the whole workload, scaled down, against the real API on each store:
// every phase must succeed without errors and report rates and percentiles.
func TestRunAgainstVeiviser(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		base, token := serve(t, st)
		cfg := bench.Defaults()
		cfg.BaseURL, cfg.Token = base, token
		cfg.Bundles, cfg.Workers = 6, 4
		cfg.Warmup, cfg.Measure, cfg.Pause = 100*time.Millisecond, 400*time.Millisecond, 0
		rep, err := bench.Run(context.Background(), cfg)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if rep.Seed.Count != 6*6 || rep.Seed.Errors != 0 {
			t.Errorf("seed: %d creates, %d errors; want 36 and 0", rep.Seed.Count, rep.Seed.Errors)
		}
		if len(rep.Scenarios) != 3 || rep.Baseline == nil {
			t.Fatalf("scenarios %d, baseline %v", len(rep.Scenarios), rep.Baseline)
		}
		for _, s := range append(rep.Scenarios, *rep.Baseline) {
			if s.Requests.Count == 0 || s.Requests.Errors != 0 || s.Requests.P50ms <= 0 {
				t.Errorf("%s: %+v", s.Name, s.Requests)
			}
			// workload.md's CPU figures: the load generator's own and the machine's busy share
			if s.LoadGenerator == nil || s.LoadGenerator.CPUPercent <= 0 || s.MachineBusy == nil || *s.MachineBusy <= 0 {
				t.Errorf("%s: load generator %+v, machine busy %v; want both sampled", s.Name, s.LoadGenerator, s.MachineBusy)
			}
		}
		if w := rep.Scenarios[2]; w.Post == nil || w.Put == nil || w.Post.Count == 0 || w.Put.Count == 0 {
			t.Errorf("create+update has no POST/PUT series: %+v", w)
		}
		var out strings.Builder
		rep.WriteTable(&out)
		if !strings.Contains(out.String(), "create+update") || !strings.Contains(out.String(), "baseline read") ||
			!strings.Contains(out.String(), "bench CPU %") || !strings.Contains(out.String(), "machine busy %") {
			t.Errorf("table:\n%s", out.String())
		}
	})
}

// TestRunSeedBundles: --seed-bundle seeds each care bundle as one transaction Bundle; the ids
// the server gave are the ones the scenarios use, so a search finds each patient's CarePlan (its
// subject was resolved from the urn:uuid) and create+update refers to the bundle's CareTeam and
// Goals without an error, on each store.
func TestRunSeedBundles(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		base, token := serve(t, st)
		cfg := bench.Defaults()
		cfg.BaseURL, cfg.Token, cfg.SeedBundles = base, token, true
		cfg.Bundles, cfg.Workers = 5, 3
		cfg.Warmup, cfg.Measure, cfg.Pause, cfg.Baseline = 50*time.Millisecond, 300*time.Millisecond, 0, false
		rep, err := bench.Run(context.Background(), cfg)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if rep.Seed.Count != 5*6 || rep.Seed.Errors != 0 || !rep.SeedBundles {
			t.Errorf("seed: %d creates, %d errors, as bundles %v; want 30, 0, true", rep.Seed.Count, rep.Seed.Errors, rep.SeedBundles)
		}
		for _, s := range rep.Scenarios {
			if s.Requests.Count == 0 || s.Requests.Errors != 0 {
				t.Errorf("%s: %+v", s.Name, s.Requests)
			}
		}
		page, err := st.Search(context.Background(), search.Query{Type: "Patient", Count: 100})
		if err != nil || len(page.Records) != 5 {
			t.Errorf("%d patients stored (%v), want 5", len(page.Records), err)
		}
		var out strings.Builder
		rep.WriteTable(&out)
		if !strings.Contains(out.String(), "as transaction bundles") {
			t.Errorf("table:\n%s", out.String())
		}
	})
}

// TestRunCapsOperations: the per-scenario operation cap stops a scenario before its time is up.
func TestRunCapsOperations(t *testing.T) {
	base, token := serve(t, testutil.NewSQLite(t))
	cfg := bench.Defaults()
	cfg.BaseURL, cfg.Token = base, token
	cfg.Bundles, cfg.Workers, cfg.MaxOps = 2, 2, 10
	cfg.Warmup, cfg.Measure, cfg.Pause, cfg.Baseline = 0, 10*time.Second, 0, false
	begin := time.Now()
	rep, err := bench.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if time.Since(begin) > 8*time.Second {
		t.Errorf("the cap of 10 operations did not stop the 10 s scenarios early")
	}
	for _, s := range rep.Scenarios {
		if s.Requests.Count > 10 {
			t.Errorf("%s: %d operations over the cap of 10", s.Name, s.Requests.Count)
		}
	}
}

func TestRunRefusesNonLoopback(t *testing.T) {
	cfg := bench.Defaults()
	cfg.BaseURL = "http://192.0.2.1/fhir/R4"
	if _, err := bench.Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("Run against a non-loopback target: %v", err)
	}
}

// serve starts the real API with its token endpoint and returns its base and a bearer token of a
// system/*.* client.
func serve(t *testing.T, st store.Store) (base, token string) {
	t.Helper()
	svc := records.New(st, records.Options{})
	auth, err := oauth.New(st, oauth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /oauth2/token", auth.TokenHandler())
	mux.Handle("/fhir/R4/", http.StripPrefix("/fhir/R4", fhirapi.New(svc, fhirapi.Options{Auth: auth})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/fhir/R4", testutil.Token(t, st, srv.URL+"/oauth2/token", "system/*.*")
}
