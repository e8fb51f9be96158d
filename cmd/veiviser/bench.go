package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"veiviser/internal/bench"
)

// runBench is `veiviser bench`: the care-plan load generator of ../shared/workload.md against any
// FHIR R4 base URL on loopback.
func runBench(ctx context.Context, e env) error {
	d := bench.Defaults()
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	base := fs.String("target", "http://127.0.0.1:8080/fhir/R4", "FHIR R4 base URL (must resolve to loopback)")
	token := fs.String("token", e.getenv("VEIVISER_BENCH_TOKEN"), "bearer token (env VEIVISER_BENCH_TOKEN)")
	tokenURL := fs.String("token-url", "", "OAuth2 token endpoint for client credentials (default: the target's /oauth2/token)")
	clientID := fs.String("client-id", e.getenv("VEIVISER_BENCH_CLIENT_ID"), "OAuth2 client id (env VEIVISER_BENCH_CLIENT_ID)")
	secret := fs.String("client-secret", e.getenv("VEIVISER_BENCH_CLIENT_SECRET"), "OAuth2 client secret (env VEIVISER_BENCH_CLIENT_SECRET)")
	fs.IntVar(&d.Bundles, "bundles", d.Bundles, "care bundles to seed")
	fs.IntVar(&d.Workers, "workers", d.Workers, "concurrent workers")
	fs.DurationVar(&d.Warmup, "warmup", d.Warmup, "warm-up per scenario (discarded)")
	fs.DurationVar(&d.Measure, "measure", d.Measure, "measured time per scenario")
	fs.DurationVar(&d.Pause, "pause", d.Pause, "pause after seeding")
	fs.DurationVar(&d.SeedLimit, "seed-limit", d.SeedLimit, "cap on the seed phase's time")
	fs.BoolVar(&d.SeedBundles, "seed-bundle", false, "seed each care bundle as one transaction Bundle (default: the workload's separate POSTs)")
	fs.Int64Var(&d.MaxOps, "max-ops", d.MaxOps, "cap on each scenario's operations")
	fs.IntVar(&d.ServerPID, "server-pid", 0, "server process to sample from /proc")
	fs.IntVar(&d.PostgresPID, "postgres-pid", 0, "PostgreSQL postmaster to sample with its backends")
	fs.BoolVar(&d.Baseline, "baseline", d.Baseline, "also load a bare net/http handler serving the same bytes")
	jsonOut := fs.String("json", "", "write the report as JSON to this file")
	quiet := fs.Bool("quiet", false, "no progress lines")
	if err := fs.Parse(e.args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	d.BaseURL, d.Token, d.ClientID, d.ClientSecret = *base, *token, *clientID, *secret
	d.TokenURL = *tokenURL
	if d.TokenURL == "" {
		d.TokenURL = strings.TrimSuffix(strings.TrimRight(*base, "/"), "/fhir/R4") + "/oauth2/token"
	}
	if !*quiet {
		d.Progress = e.stderr
	}
	rep, err := bench.Run(ctx, d)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	rep.WriteTable(e.stdout)
	if *jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*jsonOut, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", *jsonOut, err)
		}
	}
	return nil
}
