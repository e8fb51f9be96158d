package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"veiviser/internal/config"
	"veiviser/internal/coordination"
	"veiviser/internal/demo"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// recordRules are the domain rules every write passes, whichever door it comes in by.
func recordRules() []records.Rule {
	return []records.Rule{coordination.NewRules(nil)}
}

// loadDemo loads the demo municipality on the first start of an empty embedded store, unless
// --demo=false. A store that holds records, or PostgreSQL (a deployment, never a demo), is left
// as it is.
func loadDemo(ctx context.Context, cfg config.Config, st store.Store, logger *slog.Logger) error {
	if !cfg.Demo {
		return nil
	}
	if cfg.DatabaseURL != "" {
		logger.Info("demo: not loaded into PostgreSQL; the demo is for the embedded store")
		return nil
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		return err
	}
	site, err := store.SettingsOf(st)
	if err != nil {
		return err
	}
	svc := records.New(st, records.Options{Logger: logger, Rules: recordRules()})
	err = demo.Load(ctx, demo.Options{Records: svc, Accounts: accounts, Settings: site, Logger: logger})
	switch {
	case errors.Is(err, demo.ErrNotEmpty):
		logger.Info("demo: the store already holds records; starting with them")
		return nil
	case err != nil:
		return fmt.Errorf("loading the demo municipality: %w", err)
	}
	return nil
}
