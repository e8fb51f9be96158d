package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"veiviser/internal/config"
)

// The backup and restore commands: their flags, then backup.go's work.

func runBackup(ctx context.Context, e env) error {
	fs := flag.NewFlagSet("veiviser backup", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", envOr(e, "VEIVISER_DATA", config.Defaults().DataDir), "the data folder of the SQLite store to back up (VEIVISER_DATA)")
	to := fs.String("to", "", "the backup file to write (required; must not exist)")
	if err := parseNoArgs(fs, e.args); err != nil {
		return err
	}
	if *to == "" {
		return usageError{errors.New("--to is required")}
	}
	if e.getenv("VEIVISER_DATABASE_URL") != "" {
		return usageError{errors.New("the store is PostgreSQL: back it up with pg_dump -Fc (docs/operations.md), and copy the data folder's access-log/ beside it")}
	}
	if err := backup(ctx, *data, *to); err != nil {
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "backup written: %s\n", *to)
	return err
}

func runRestore(_ context.Context, e env) error {
	fs := flag.NewFlagSet("veiviser restore", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	from := fs.String("from", "", "the backup file (required)")
	data := fs.String("data", "", "the new data folder to restore into (required; empty or missing)")
	if err := parseNoArgs(fs, e.args); err != nil {
		return err
	}
	if *from == "" || *data == "" {
		return usageError{errors.New("--from and --data are required")}
	}
	if err := restore(*from, *data); err != nil {
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "restored into %s: start Veiviser with --data %s\n", *data, *data)
	return err
}
