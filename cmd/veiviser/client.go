package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"veiviser/internal/config"
	"veiviser/internal/oauth"
	"veiviser/internal/store"
)

// runClient administers API clients: `veiviser client add --name NAME --scope SCOPE ...` creates
// one and prints its id and secret, which is shown this once.
func runClient(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] != "add" {
		return usageError{errors.New("usage: veiviser client add --data DIR --name NAME --scope SCOPE [--scope SCOPE ...]")}
	}
	cfg := config.Defaults()
	cfg.DataDir = orDefault(e.getenv("VEIVISER_DATA"), cfg.DataDir)
	cfg.DatabaseURL = e.getenv("VEIVISER_DATABASE_URL")
	var name string
	var scopes []string
	fs := flag.NewFlagSet("veiviser client add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "data directory (env VEIVISER_DATA)")
	fs.StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "postgres://... (env VEIVISER_DATABASE_URL)")
	fs.StringVar(&name, "name", "", "the client's name, e.g. the record system it is")
	fs.Func("scope", "a SMART scope such as system/*.read or system/CarePlan.write; repeat for more",
		func(v string) error { scopes = append(scopes, strings.Fields(v)...); return nil })
	if err := fs.Parse(e.args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if name == "" || len(scopes) == 0 || fs.NArg() > 0 {
		return usageError{errors.New("--name and at least one --scope are required")}
	}
	if err := cfg.Validate("client"); err != nil {
		return usageError{err}
	}
	scfg, err := storeConfig(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return fmt.Errorf("opening store: %w", err)
	}
	defer func() { _ = st.Close() }()
	id, secret, err := oauth.AddClient(ctx, st, name, scopes, time.Now())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "client_id: %s\nclient_secret: %s\n", id, secret)
	return err
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
